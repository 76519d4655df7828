/**
 * The chaincode's endorsement policy and its evaluation against a transaction's endorsements, as
 * Fabric 2.5 does it:
 *
 * - the signed data of an endorsement is `proposal_response_payload ‖ endorser`, signed by the
 *   endorser (`core/common/validation/statebased/validator_keylevel.go` `KeyLevelValidator.Validate`,
 *   after `protoutil/txutils.go` `CreateProposalResponse`);
 * - endorsements whose identity does not deserialise or whose signature does not verify are
 *   dropped, and an identity counts once (`common/policies/policy.go`
 *   `SignatureSetToValidIdentities`); an endorser counts for its organisation when it is a valid
 *   member (any role) of that MSP (`MSPRole_MEMBER` principal, `msp/mspimpl.go` `satisfiesPrincipal`);
 * - `any` / `majority` / `all` are Fabric's implicit meta policies over the channel's application
 *   organisations, each organisation's sub-policy being "a member of this organisation endorsed"
 *   (`common/policies/implicitmeta.go`): ANY needs 1, ALL needs every one, and MAJORITY needs
 *   ⌊N / 2⌋ + 1 of the N organisations, i.e. strictly more than half (2 of 2, 2 of 3, 3 of 4); with
 *   no organisation at all the threshold is 0 and any policy is met;
 * - `outOf` is the signature policy `OutOf(n, 'Org1.member', …)` (`common/policydsl`,
 *   `common/cauthdsl`): at least `n` of the listed organisations endorsed.
 *
 * Not implemented: key-level (state-based) endorsement policies, roles other than member.
 */
import type { Endorsement } from '../protocol/transactionEnvelope';
import type { MspRegistry } from './mspRegistry';

/** The endorsement policy of the channel's chaincode. */
export type EndorsementPolicy =
  | { readonly rule: 'any' | 'majority' | 'all' }
  | { readonly rule: 'outOf'; readonly n: number; readonly organisations: readonly string[] };

/** Outcome of {@link evaluateEndorsementPolicy} and {@link checkEndorsements}. */
export type PolicyEvaluation =
  | { readonly ok: true; readonly satisfiedBy: readonly string[] }
  | { readonly ok: false; readonly code: 'ENDORSEMENT_POLICY_FAILURE'; readonly reason: string };

/** An endorsement that did not count, and why. */
export interface RejectedEndorsement {
  readonly index: number;
  readonly reason: string;
}

/** Outcome of {@link verifyEndorsements}. */
export interface EndorsementVerification {
  /** MSP IDs of the organisations with at least one valid endorsement, in order of first appearance. */
  readonly mspIds: readonly string[];
  readonly rejected: readonly RejectedEndorsement[];
}

/** What {@link checkEndorsements} needs. */
export interface EndorsementCheck {
  readonly policy: EndorsementPolicy;
  readonly msps: MspRegistry;
  /**
   * MSP IDs of the channel's application organisations: those MAJORITY and ALL count. The
   * registry also knows the ordering organisation, whose members do not endorse.
   */
  readonly applicationOrganisations: readonly string[];
  /** The proposal response payload bytes every endorser signed. */
  readonly proposalResponsePayload: Uint8Array;
  readonly endorsements: readonly Endorsement[];
}

/**
 * Checks a policy's shape.
 *
 * @param policy - the policy
 * @throws {Error} when an `outOf` policy's `n` is not an integer from 1 to the number of its
 *   organisations, or an organisation is listed twice
 */
export function assertEndorsementPolicy(policy: EndorsementPolicy): void {
  if (policy.rule !== 'outOf') {
    if (!['any', 'majority', 'all'].includes(policy.rule)) throw new Error(`endorsement policy: unknown rule "${String(policy.rule)}"`);
    return;
  }
  if (new Set(policy.organisations).size !== policy.organisations.length) throw new Error('endorsement policy: an organisation is listed twice');
  if (!Number.isInteger(policy.n) || policy.n < 1 || policy.n > policy.organisations.length) {
    throw new Error(`endorsement policy: n must be an integer from 1 to ${policy.organisations.length}, got ${policy.n}`);
  }
}

/**
 * Evaluates a policy against the organisations whose endorsements verified.
 *
 * @param policy - the chaincode's policy
 * @param channelOrganisations - MSP IDs of the channel's application organisations
 * @param endorsingMspIds - MSP IDs with a valid endorsement
 * @returns the organisations that satisfied it, or ENDORSEMENT_POLICY_FAILURE
 * @throws {Error} when the policy is malformed (see {@link assertEndorsementPolicy})
 */
export function evaluateEndorsementPolicy(policy: EndorsementPolicy, channelOrganisations: readonly string[], endorsingMspIds: readonly string[]): PolicyEvaluation {
  assertEndorsementPolicy(policy);
  const endorsed = new Set(endorsingMspIds);
  const eligible = policy.rule === 'outOf' ? policy.organisations : [...new Set(channelOrganisations)];
  const satisfiedBy = eligible.filter((mspId) => endorsed.has(mspId));
  const required = threshold(policy, eligible.length);
  if (satisfiedBy.length >= required) return { ok: true, satisfiedBy };
  return {
    ok: false,
    code: 'ENDORSEMENT_POLICY_FAILURE',
    reason: `${describePolicy(policy, eligible.length)} needs ${required} organisation(s) of [${eligible.join(', ')}], got ${satisfiedBy.length} [${satisfiedBy.join(', ')}]`,
  };
}

/**
 * Verifies endorsements: each endorser must be a valid member of a channel MSP and have signed
 * `proposalResponsePayload ‖ endorser`. A repeated identity is verified once.
 *
 * @param msps - the channel's MSPs
 * @param proposalResponsePayload - the bytes every endorser signed
 * @param endorsements - the transaction's endorsements
 * @returns the endorsing organisations and the endorsements that did not count
 */
export function verifyEndorsements(msps: MspRegistry, proposalResponsePayload: Uint8Array, endorsements: readonly Endorsement[]): EndorsementVerification {
  const mspIds: string[] = [];
  const rejected: RejectedEndorsement[] = [];
  const counted = new Set<string>();
  endorsements.forEach((endorsement, index) => {
    const identity = msps.identify(endorsement.endorser);
    if (!identity.ok) {
      rejected.push({ index, reason: `${identity.code}: ${identity.reason}` });
      return;
    }
    // Fabric keys an identity by MSP ID and certificate, and marks it only once its signature verified.
    const key = `${identity.mspId}\n${identity.certificatePem}`;
    if (counted.has(key)) {
      rejected.push({ index, reason: 'the same identity endorsed earlier' });
      return;
    }
    const signed = Buffer.concat([proposalResponsePayload, endorsement.endorser]);
    const signature = msps.verifySignature(endorsement.endorser, signed, endorsement.signature);
    if (!signature.ok) {
      rejected.push({ index, reason: `${signature.code}: ${signature.reason}` });
      return;
    }
    counted.add(key);
    if (!mspIds.includes(identity.mspId)) mspIds.push(identity.mspId);
  });
  return { mspIds, rejected };
}

/**
 * Verifies a transaction's endorsements and evaluates the policy over the channel's organisations.
 *
 * @param check - the policy, the MSPs, the signed payload and the endorsements
 * @returns the satisfying organisations, or ENDORSEMENT_POLICY_FAILURE with the reasons endorsements were dropped
 * @throws {Error} when the policy is malformed
 * @example
 * ```ts
 * const outcome = checkEndorsements({ policy: { rule: 'majority' }, msps, applicationOrganisations, proposalResponsePayload, endorsements });
 * if (!outcome.ok) console.log(outcome.reason);
 * ```
 */
export function checkEndorsements(check: Readonly<EndorsementCheck>): PolicyEvaluation {
  const verification = verifyEndorsements(check.msps, check.proposalResponsePayload, check.endorsements);
  const evaluation = evaluateEndorsementPolicy(check.policy, check.applicationOrganisations, verification.mspIds);
  if (evaluation.ok || verification.rejected.length === 0) return evaluation;
  const dropped = verification.rejected.map((r) => `endorsement ${r.index}: ${r.reason}`).join('; ');
  return { ...evaluation, reason: `${evaluation.reason} (${dropped})` };
}

function threshold(policy: EndorsementPolicy, organisations: number): number {
  switch (policy.rule) {
    case 'any':
      return organisations === 0 ? 0 : 1;
    case 'all':
      return organisations;
    case 'majority':
      return organisations === 0 ? 0 : Math.floor(organisations / 2) + 1;
    case 'outOf':
      return policy.n;
  }
}

function describePolicy(policy: EndorsementPolicy, organisations: number): string {
  return policy.rule === 'outOf' ? `OutOf(${policy.n}, ${organisations})` : policy.rule.toUpperCase();
}
