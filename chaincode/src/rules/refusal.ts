import { RULES, type RuleCode } from './ruleCodes';

/** What a refusal says, as JSON in the error message the peer returns. */
export interface RefusalBody {
  readonly rule: RuleCode;
  readonly field: string;
  readonly message: string;
}

/**
 * A transaction refused because it broke a rule. Its message is the JSON
 * `{"rule", "field", "message"}` (DESIGN.md), so the gateway maps it to an RFC 9457 problem
 * without parsing prose. Refusals are thrown before any write.
 */
export class Refusal extends Error {
  readonly rule: RuleCode;
  readonly field: string;
  readonly detail: string;

  /**
   * @param rule - the broken rule's stable code
   * @param field - the request field (dotted path) or identity attribute at fault, `''` if none
   * @param detail - what was wrong with this request; defaults to the rule's own text
   */
  constructor(rule: RuleCode, field: string, detail?: string) {
    const text = detail ?? RULES[rule];
    super(JSON.stringify({ rule, field, message: text }));
    this.name = Refusal.name;
    this.rule = rule;
    this.field = field;
    this.detail = text;
  }

  /**
   * The refusal's body, or `undefined` when `message` is not a refusal. Accepts the message as
   * Fabric's gateway relays a chaincode error, prefixed `chaincode response 500, `.
   */
  static parse(message: string): RefusalBody | undefined {
    try {
      const body: unknown = JSON.parse(message.replace(/^chaincode response \d+, /, ''));
      if (typeof body === 'object' && body !== null && 'rule' in body && 'field' in body && 'message' in body) {
        const { rule, field, message: text } = body as Record<string, unknown>;
        if (typeof rule === 'string' && Object.prototype.hasOwnProperty.call(RULES, rule) && typeof field === 'string' && typeof text === 'string') {
          return { rule: rule as RuleCode, field, message: text };
        }
      }
    } catch {
      // Not JSON: not a refusal.
    }
    return undefined;
  }
}
