/**
 * Reads a transaction's JSON request field by field, refusing the first field that breaks a rule
 * with a {@link Refusal} naming the field, the rule and the offending value's shape. Nothing is
 * written before the whole request has been read.
 */
import { Refusal } from './refusal';
import { checkCreditCode } from './creditCode';
import { isDigestAlgorithm, isDigestHex, type DigestAlgorithm } from './digest';
import { formatInstant, isDateText, parseInstant } from './time';

/** Limits of a text field. */
export interface TextRule {
  /** Minimum length in characters; default 1. */
  readonly min?: number;
  /** Maximum length in characters; default 256. */
  readonly max?: number;
  /** A pattern the whole value must match, and what it means for the error message. */
  readonly pattern?: RegExp;
  readonly patternName?: string;
}

/** A digest as a request carries it: `{ "algorithm": "sm3", "value": "<hex>" }`. */
export interface DigestInput {
  readonly algorithm: DigestAlgorithm;
  readonly value: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Tells whether a credit code that fails its check character is on the accepted list. */
export type LegacyCreditCodeLookup = (code: string) => Promise<boolean>;

const NO_LEGACY_CODES: LegacyCreditCodeLookup = async () => false;

/** One request object and the fields it may contain. */
export class RequestReader {
  readonly #body: Readonly<Record<string, Json>>;
  readonly #prefix: string;
  readonly #legacy: LegacyCreditCodeLookup;

  private constructor(body: Readonly<Record<string, Json>>, prefix: string, legacy: LegacyCreditCodeLookup) {
    this.#body = body;
    this.#prefix = prefix;
    this.#legacy = legacy;
  }

  /**
   * Parses a request.
   * @param json - the transaction argument
   * @param fields - every field the request may contain
   * @param legacy - looks up credit codes accepted although their check character fails
   * @throws {Refusal} INPUT_JSON when it is not one JSON object; INPUT_UNKNOWN_FIELD for other fields
   */
  static parse(json: string, fields: readonly string[], legacy: LegacyCreditCodeLookup = NO_LEGACY_CODES): RequestReader {
    let body: unknown;
    try {
      body = JSON.parse(json);
    } catch {
      throw new Refusal('INPUT_JSON', '', 'the request is not valid JSON');
    }
    return RequestReader.#of(body, fields, '', legacy);
  }

  static #of(body: unknown, fields: readonly string[], prefix: string, legacy: LegacyCreditCodeLookup): RequestReader {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new Refusal(prefix === '' ? 'INPUT_JSON' : 'INPUT_TYPE', prefix.replace(/\.$/, ''), 'expected a JSON object');
    }
    for (const key of Object.keys(body).sort()) {
      if (!fields.includes(key)) {
        throw new Refusal('INPUT_UNKNOWN_FIELD', prefix + key, `unknown field; allowed: ${fields.join(', ')}`);
      }
    }
    return new RequestReader(body as Record<string, Json>, prefix, legacy);
  }

  /** Whether the request carries `field` (with any value but null). */
  has(field: string): boolean {
    const value = this.#body[field];
    return value !== undefined && value !== null;
  }

  /** A required text field, trimmed of nothing: exact text is what is recorded. */
  text(field: string, rule: TextRule = {}): string {
    return checkText(this.#body[field], this.#path(field), rule);
  }

  /** An optional text field: `undefined` when absent or null. */
  optionalText(field: string, rule: TextRule = {}): string | undefined {
    return this.has(field) ? this.text(field, rule) : undefined;
  }

  /** One of the listed values. */
  oneOf<const T extends string>(field: string, values: readonly T[]): T {
    const value = this.text(field, { max: 64 });
    if (!(values as readonly string[]).includes(value)) {
      throw new Refusal('INPUT_ENUM', this.#path(field), `expected one of ${values.join(', ')}`);
    }
    return value as T;
  }

  /** A non-negative integer no greater than `max`; `fallback` when absent. */
  count(field: string, fallback: number, max = 1_000_000_000): number {
    if (!this.has(field)) return fallback;
    const value = this.#body[field];
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      throw new Refusal('INPUT_TYPE', this.#path(field), `expected an integer, got ${jsonType(value)}`);
    }
    if (value < 0 || value > max) throw new Refusal('INPUT_FORMAT', this.#path(field), `expected 0 to ${max}, got ${value}`);
    return value;
  }

  /** An ISO 8601 instant with a zone, returned in canonical UTC form. */
  instant(field: string): string {
    const value = this.text(field, { max: 40 });
    const ms = parseInstant(value);
    if (ms === undefined) throw new Refusal('INPUT_TIME', this.#path(field));
    return formatInstant(ms);
  }

  /** An optional instant. */
  optionalInstant(field: string): string | undefined {
    return this.has(field) ? this.instant(field) : undefined;
  }

  /** A calendar date `YYYY-MM-DD`. */
  date(field: string): string {
    const value = this.text(field, { max: 64 });
    if (!isDateText(value)) throw new Refusal('INPUT_DATE', this.#path(field));
    return value;
  }

  /** An optional calendar date. */
  optionalDate(field: string): string | undefined {
    return this.has(field) ? this.date(field) : undefined;
  }

  /**
   * A unified social credit code whose check character holds. A code that fails only its check
   * is refused with CREDIT_CODE_CHECK unless it is on the accepted list.
   */
  async creditCode(field: string): Promise<string> {
    const value = this.text(field, { min: 18, max: 18 });
    return creditCodeOrRefuse(value, this.#path(field), this.#legacy);
  }

  /** A digest object `{ algorithm, value }`. */
  digest(field: string): DigestInput {
    const nested = this.object(field, ['algorithm', 'value']);
    const algorithm = nested.text('algorithm', { max: 16 });
    if (!isDigestAlgorithm(algorithm)) throw new Refusal('DIGEST_ALGORITHM', nested.#path('algorithm'));
    const value = nested.text('value', { max: 128 });
    if (!isDigestHex(algorithm, value)) throw new Refusal('DIGEST_FORMAT', nested.#path('value'), `expected 64 lower-case hex characters for ${algorithm}`);
    return { algorithm, value };
  }

  /** An optional digest object. */
  optionalDigest(field: string): DigestInput | undefined {
    return this.has(field) ? this.digest(field) : undefined;
  }

  /** A keyed pseudonym: 64 lower-case hex characters. */
  pseudonym(field: string): string {
    const value = this.text(field, { min: 1, max: 128 });
    if (!/^[0-9a-f]{64}$/.test(value)) throw new Refusal('PSEUDONYM_FORMAT', this.#path(field));
    return value;
  }

  /** A non-empty list of distinct texts, returned sorted (so its encoding is canonical). */
  textSet(field: string, rule: TextRule = {}, maxItems = 256): string[] {
    const value = this.#body[field];
    if (value === undefined || value === null) throw new Refusal('INPUT_REQUIRED', this.#path(field));
    if (!Array.isArray(value)) throw new Refusal('INPUT_TYPE', this.#path(field), `expected an array, got ${jsonType(value)}`);
    if (value.length === 0 || value.length > maxItems) {
      throw new Refusal('INPUT_LENGTH', this.#path(field), `expected 1 to ${maxItems} items, got ${value.length}`);
    }
    const items = value.map((item, index) => checkText(item, `${this.#path(field)}[${index}]`, rule));
    const sorted = [...items].sort();
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i] === sorted[i - 1]) throw new Refusal('INPUT_DUPLICATE_ITEM', this.#path(field), `"${sorted[i]}" appears twice`);
    }
    return sorted;
  }

  /** A list of texts in the order given, possibly empty or repeating (a proof's hashes); `[]` when absent. */
  textList(field: string, rule: TextRule = {}, maxItems = 256): string[] {
    if (!this.has(field)) return [];
    const value = this.#body[field];
    if (!Array.isArray(value)) throw new Refusal('INPUT_TYPE', this.#path(field), `expected an array, got ${jsonType(value)}`);
    if (value.length > maxItems) throw new Refusal('INPUT_LENGTH', this.#path(field), `expected at most ${maxItems} items, got ${value.length}`);
    return value.map((item, index) => checkText(item, `${this.#path(field)}[${index}]`, rule));
  }

  /** A non-empty list of distinct credit codes, each checked like {@link RequestReader.creditCode}; sorted. */
  async creditCodeSet(field: string, maxItems = 256): Promise<string[]> {
    const codes = this.textSet(field, { min: 18, max: 18 }, maxItems);
    const items = this.#body[field] as string[];
    for (const [index, code] of items.entries()) await creditCodeOrRefuse(code, `${this.#path(field)}[${index}]`, this.#legacy);
    return codes;
  }

  /** A nested object with its own allowed fields. */
  object(field: string, fields: readonly string[]): RequestReader {
    const value = this.#body[field];
    if (value === undefined || value === null) throw new Refusal('INPUT_REQUIRED', this.#path(field));
    return RequestReader.#of(value, fields, `${this.#path(field)}.`, this.#legacy);
  }

  /** A flat object of text values (metadata), returned as entries sorted by key. */
  textMap(field: string, maxEntries = 64): { key: string; value: string }[] {
    if (!this.has(field)) return [];
    const value = this.#body[field];
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new Refusal('INPUT_TYPE', this.#path(field), `expected an object, got ${jsonType(value)}`);
    }
    const keys = Object.keys(value).sort();
    if (keys.length > maxEntries) throw new Refusal('INPUT_LENGTH', this.#path(field), `expected at most ${maxEntries} entries`);
    const nested = RequestReader.#of(value, keys, `${this.#path(field)}.`, this.#legacy);
    return keys.map((key) => {
      const length = [...key].length;
      if (length === 0 || length > 64) throw new Refusal('INPUT_LENGTH', nested.#path(key), 'keys have 1 to 64 characters');
      return { key, value: nested.text(key, { max: 1024 }) };
    });
  }

  #path(field: string): string {
    return this.#prefix + field;
  }
}

/**
 * Checks a credit code, accepting one that fails only its check character when `legacy` lists it.
 * @throws {Refusal} CREDIT_CODE_FORMAT or CREDIT_CODE_CHECK naming `field`
 */
export async function creditCodeOrRefuse(value: string, field: string, legacy: LegacyCreditCodeLookup = NO_LEGACY_CODES): Promise<string> {
  const check = checkCreditCode(value);
  if (check === 'malformed') throw new Refusal('CREDIT_CODE_FORMAT', field);
  if (check === 'check-mismatch' && !(await legacy(value))) throw new Refusal('CREDIT_CODE_CHECK', field);
  return value;
}

/** Checks one text value against its rule, naming `path` in a refusal. */
function checkText(value: Json | undefined, path: string, rule: TextRule): string {
  if (value === undefined || value === null || value === '') throw new Refusal('INPUT_REQUIRED', path);
  if (typeof value !== 'string') throw new Refusal('INPUT_TYPE', path, `expected a string, got ${jsonType(value)}`);
  const min = rule.min ?? 1;
  const max = rule.max ?? 256;
  // Counted in characters (code points), so a Chinese name is as long as it reads.
  const length = [...value].length;
  if (length < min || length > max) throw new Refusal('INPUT_LENGTH', path, `expected ${min} to ${max} characters, got ${length}`);
  if (rule.pattern && !rule.pattern.test(value)) throw new Refusal('INPUT_FORMAT', path, `expected ${rule.patternName ?? rule.pattern.source}`);
  return value;
}

function jsonType(value: Json | undefined): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
