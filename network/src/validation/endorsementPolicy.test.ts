import { createPrivateKey, sign } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { CertificateAuthority, type EnrolledIdentity } from '../identity/certificateAuthority';
import type { Endorsement } from '../protocol/transactionEnvelope';
import { CURVE_ORDERS, encodeEcdsaSignature, parseEcdsaSignature, signatureToLowS } from './ecdsaSignature';
import { assertEndorsementPolicy, checkEndorsements, evaluateEndorsementPolicy, verifyEndorsements, type EndorsementPolicy } from './endorsementPolicy';
import { mspRegistry, type MspRegistry } from './mspRegistry';

const payload = new TextEncoder().encode('proposal response payload');

/** Signs as Fabric does: ECDSA over SHA-256(message), low S. */
function fabricSign(identity: EnrolledIdentity, bytes: Uint8Array): Uint8Array {
  return signatureToLowS(sign('sha256', bytes, { key: createPrivateKey(identity.privateKeyPem), dsaEncoding: 'der' }), 'P-256');
}

function endorse(identity: EnrolledIdentity, signed: Uint8Array = payload): Endorsement {
  const endorser = identity.serialize();
  return { endorser, signature: fabricSign(identity, Buffer.concat([signed, endorser])) };
}

describe('endorsement policy evaluation', () => {
  const orgs = (n: number): string[] => Array.from({ length: n }, (_, i) => `Org${i + 1}MSP`);

  it('MAJORITY needs strictly more than half of the channel organisations', () => {
    const needed = (n: number): number => {
      for (let k = 0; k <= n; k++) if (evaluateEndorsementPolicy({ rule: 'majority' }, orgs(n), orgs(n).slice(0, k)).ok) return k;
      return -1;
    };
    expect([1, 2, 3, 4, 5].map(needed)).toEqual([1, 2, 2, 3, 3]);
  });

  it('ANY needs one organisation and ALL needs every one', () => {
    expect(evaluateEndorsementPolicy({ rule: 'any' }, orgs(3), ['Org2MSP'])).toEqual({ ok: true, satisfiedBy: ['Org2MSP'] });
    expect(evaluateEndorsementPolicy({ rule: 'any' }, orgs(3), [])).toMatchObject({ ok: false, code: 'ENDORSEMENT_POLICY_FAILURE' });
    expect(evaluateEndorsementPolicy({ rule: 'all' }, orgs(3), ['Org1MSP', 'Org3MSP']).ok).toBe(false);
    expect(evaluateEndorsementPolicy({ rule: 'all' }, orgs(3), ['Org3MSP', 'Org1MSP', 'Org2MSP'])).toEqual({ ok: true, satisfiedBy: ['Org1MSP', 'Org2MSP', 'Org3MSP'] });
  });

  it('OutOf counts only the listed organisations', () => {
    const policy: EndorsementPolicy = { rule: 'outOf', n: 2, organisations: ['Org1MSP', 'Org3MSP'] };
    expect(evaluateEndorsementPolicy(policy, orgs(3), ['Org1MSP', 'Org2MSP']).ok).toBe(false);
    expect(evaluateEndorsementPolicy(policy, orgs(3), ['Org1MSP', 'Org3MSP']).ok).toBe(true);
  });

  it('does not count an organisation that is not on the channel', () => {
    expect(evaluateEndorsementPolicy({ rule: 'any' }, orgs(2), ['Org9MSP']).ok).toBe(false);
  });

  it('is met by nothing when the channel has no organisation, as Fabric sets the threshold to 0', () => {
    expect(evaluateEndorsementPolicy({ rule: 'majority' }, [], [])).toEqual({ ok: true, satisfiedBy: [] });
    expect(evaluateEndorsementPolicy({ rule: 'any' }, [], [])).toEqual({ ok: true, satisfiedBy: [] });
  });

  it('refuses a malformed policy', () => {
    expect(() => assertEndorsementPolicy({ rule: 'outOf', n: 0, organisations: ['A'] })).toThrow(/n must be/);
    expect(() => assertEndorsementPolicy({ rule: 'outOf', n: 2, organisations: ['A'] })).toThrow(/n must be/);
    expect(() => assertEndorsementPolicy({ rule: 'outOf', n: 1.5, organisations: ['A', 'B'] })).toThrow(/n must be/);
    expect(() => assertEndorsementPolicy({ rule: 'outOf', n: 1, organisations: ['A', 'A'] })).toThrow(/twice/);
    expect(() => assertEndorsementPolicy({ rule: 'most' } as unknown as EndorsementPolicy)).toThrow(/unknown rule/);
  });
});

describe('endorsement verification', () => {
  let msps: MspRegistry;
  let peer1: EnrolledIdentity;
  let client1: EnrolledIdentity;
  let peer2: EnrolledIdentity;
  let peer3: EnrolledIdentity;
  let impostor: EnrolledIdentity;

  beforeAll(async () => {
    const [ca1, ca2, ca3, rogue] = await Promise.all([
      CertificateAuthority.create({ mspId: 'Org1MSP', organisation: 'org1' }),
      CertificateAuthority.create({ mspId: 'Org2MSP', organisation: 'org2' }),
      CertificateAuthority.create({ mspId: 'Org3MSP', organisation: 'org3' }),
      CertificateAuthority.create({ mspId: 'Org2MSP', organisation: 'org2' }),
    ]);
    msps = mspRegistry({ organisations: [ca1, ca2, ca3].map((ca) => ({ mspId: ca.mspId, rootCertificates: [ca.certificatePem] })) });
    peer1 = await ca1.enrol({ commonName: 'peer0.org1', nodeOu: 'peer' });
    client1 = await ca1.enrol({ commonName: 'user.org1', nodeOu: 'client' });
    peer2 = await ca2.enrol({ commonName: 'peer0.org2', nodeOu: 'peer' });
    peer3 = await ca3.enrol({ commonName: 'peer0.org3', nodeOu: 'peer' });
    impostor = await rogue.enrol({ commonName: 'peer0.org2', nodeOu: 'peer' });
  });

  it('counts each organisation whose member signed the payload followed by its identity', () => {
    expect(verifyEndorsements(msps, payload, [endorse(peer1), endorse(peer2)])).toEqual({ mspIds: ['Org1MSP', 'Org2MSP'], rejected: [] });
  });

  it('counts a member of any role', () => {
    expect(verifyEndorsements(msps, payload, [endorse(client1)]).mspIds).toEqual(['Org1MSP']);
  });

  it('drops a forged signature, a signature without the identity appended, and a high-S signature', () => {
    const forged = { endorser: peer2.serialize(), signature: fabricSign(peer1, Buffer.concat([payload, peer2.serialize()])) };
    const bare = { endorser: peer2.serialize(), signature: fabricSign(peer2, payload) };
    const good = endorse(peer3);
    const parsed = parseEcdsaSignature(good.signature);
    if (!parsed.ok) throw new Error(parsed.reason);
    const high = { endorser: good.endorser, signature: encodeEcdsaSignature(parsed.r, CURVE_ORDERS['P-256'] - parsed.s) };
    const result = verifyEndorsements(msps, payload, [forged, bare, high]);
    expect(result.mspIds).toEqual([]);
    expect(result.rejected.map((r) => r.reason.split(':')[0])).toEqual(['BAD_SIGNATURE', 'BAD_SIGNATURE', 'HIGH_S']);
  });

  it("drops an endorser whose certificate is not from its MSP's CA", () => {
    const result = verifyEndorsements(msps, payload, [endorse(impostor)]);
    expect(result).toMatchObject({ mspIds: [], rejected: [{ index: 0, reason: expect.stringContaining('UNTRUSTED_CERTIFICATE') }] });
  });

  it('counts an identity once, but a later valid endorsement of an identity whose first one failed', () => {
    const bad = { endorser: peer1.serialize(), signature: fabricSign(peer1, payload) };
    const result = verifyEndorsements(msps, payload, [bad, endorse(peer1), endorse(peer1)]);
    expect(result.mspIds).toEqual(['Org1MSP']);
    expect(result.rejected.map((r) => r.index)).toEqual([0, 2]);
    expect(result.rejected[1]!.reason).toMatch(/same identity/);
  });

  it('applies the policy to the verified organisations, saying why endorsements were dropped', () => {
    expect(checkEndorsements({ policy: { rule: 'majority' }, msps, applicationOrganisations: msps.mspIds, proposalResponsePayload: payload, endorsements: [endorse(peer1), endorse(peer3)] })).toEqual({ ok: true, satisfiedBy: ['Org1MSP', 'Org3MSP'] });
    const failed = checkEndorsements({ policy: { rule: 'majority' }, msps, applicationOrganisations: msps.mspIds, proposalResponsePayload: payload, endorsements: [endorse(peer1), endorse(impostor)] });
    expect(failed).toMatchObject({ ok: false, code: 'ENDORSEMENT_POLICY_FAILURE', reason: expect.stringContaining('UNTRUSTED_CERTIFICATE') });
    expect(checkEndorsements({ policy: { rule: 'any' }, msps, applicationOrganisations: msps.mspIds, proposalResponsePayload: payload, endorsements: [] }).ok).toBe(false);
  });

  it('counts only the application organisations, not the ordering organisation the registry also knows', async () => {
    const ordererCa = await CertificateAuthority.create({ mspId: 'OrdererMSP', organisation: 'orderer' });
    const orderer = await ordererCa.enrol({ commonName: 'orderer', nodeOu: 'orderer' });
    const ordererMsps = mspRegistry({ organisations: [{ mspId: 'OrdererMSP', rootCertificates: [ordererCa.certificatePem] }] });
    const applicationOrganisations = ['Org1MSP', 'Org2MSP', 'Org3MSP'];
    // Two of three application organisations are a majority whatever else the registry holds.
    expect(checkEndorsements({ policy: { rule: 'majority' }, msps, applicationOrganisations, proposalResponsePayload: payload, endorsements: [endorse(peer1), endorse(peer3)] }).ok).toBe(true);
    // An orderer's endorsement never counts towards an application policy.
    expect(checkEndorsements({ policy: { rule: 'any' }, msps: ordererMsps, applicationOrganisations, proposalResponsePayload: payload, endorsements: [endorse(orderer)] }).ok).toBe(false);
  });

  it('refuses endorsements of another payload', () => {
    const other = new TextEncoder().encode('another result');
    expect(checkEndorsements({ policy: { rule: 'any' }, msps, applicationOrganisations: msps.mspIds, proposalResponsePayload: payload, endorsements: [endorse(peer1, other)] }).ok).toBe(false);
  });
});
