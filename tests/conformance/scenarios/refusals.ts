/**
 * Every refusal rule a chaincode operation can produce, as the fabric-gateway client sees it:
 * the rule and field in each endorser's error detail, in Fabric's wording for a refused submit
 * (nothing ordered) and for a refused evaluation. A rule with no case fails the suite unless it
 * is listed, with its reason, as unreachable.
 */
import { expect, it } from 'vitest';
import { RULES, type RuleCode } from '@suitrust/chaincode';
import type { ConformanceFixture, ScenarioModule } from './conformanceFixture';
import { expectEndorseRefusal, expectEvaluateRefusal, rejectionOf } from './gatewayOutcomes';
import { ACCESS_REFUSALS } from './refusals/accessRefusals';
import { DOMAIN_REFUSALS } from './refusals/domainRefusals';
import { INPUT_REFUSALS } from './refusals/inputRefusals';
import type { RefusalCase } from './refusals/refusalCase';
import { UNREACHABLE_RULES } from './refusals/unreachableRules';

/** The refusal cases of the request shape, access and the core domains. */
export const REFUSAL_CASES: readonly RefusalCase[] = [...INPUT_REFUSALS, ...ACCESS_REFUSALS, ...DOMAIN_REFUSALS];

/**
 * The refusal table: the core cases and those the scenario modules bring.
 * @param modules - the registered scenario modules
 */
export const refusalTable = (modules: readonly ScenarioModule[]): ScenarioModule => ({
  title: 'refusals',
  register(fixture: () => ConformanceFixture): void {
    const cases = [...REFUSAL_CASES, ...modules.flatMap((module) => module.refusals ?? [])];
    it('covers every rule but the unreachable ones', () => {
      const covered = new Set<RuleCode>(cases.map((refusal) => refusal.rule));
      const missing = (Object.keys(RULES) as RuleCode[]).filter((rule) => !covered.has(rule) && UNREACHABLE_RULES[rule] === undefined);
      expect(missing).toEqual([]);
      expect(Object.keys(UNREACHABLE_RULES).filter((rule) => covered.has(rule as RuleCode))).toEqual([]);
    });

    for (const refusal of cases) {
      it(`${refusal.rule} on ${refusal.field || '(request)'}: ${refusal.contract}:${refusal.transaction} as ${refusal.identity}`, async () => {
        const context = { fixture: fixture(), world: fixture().world };
        const args = [...(await refusal.args(context))];
        const contract = context.fixture.contract(refusal.identity, refusal.contract);
        const evaluated = expectEvaluateRefusal(await rejectionOf(contract.evaluateTransaction(refusal.transaction, ...args)), refusal.rule, refusal.field);
        expect(evaluated.message.length).toBeGreaterThan(0);
        if (refusal.kind === 'submit') {
          const endorsed = expectEndorseRefusal(await rejectionOf(contract.submitTransaction(refusal.transaction, ...args)), refusal.rule, refusal.field);
          // The message may name the transaction time, which differs between the two proposals.
          expect({ rule: endorsed.rule, field: endorsed.field }).toEqual({ rule: evaluated.rule, field: evaluated.field });
          expect(endorsed.message.length).toBeGreaterThan(0);
        }
      });
    }
  },
});
