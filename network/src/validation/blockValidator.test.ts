import { randomBytes } from 'node:crypto';
import { common, peer } from '@hyperledger/fabric-protos';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CertificateAuthority } from '../identity/certificateAuthority';
import type { FabricIdentity } from '../identity/fabricIdentity';
import { MemoryWorldState } from '../ledger/memoryWorldState';
import type { RangeRead, ReadWriteSet } from '../ledger/txSimulator';
import type { Version } from '../ledger/version';
import { buildEndorsedTransaction } from '../protocol/endorsedTransaction';
import { buildSignedProposal } from '../protocol/proposal';
import type { DecodedRangeRead } from '../protocol/readWriteSetCodec';
import { txValidationCodeName } from '../protocol/txValidationCode';
import { validateBlock, type TransactionValidation, type ValidateBlockOptions } from './blockValidator';
import { computeCommitHash } from './commitHash';
import { CURVE_ORDERS, encodeEcdsaSignature, parseEcdsaSignature } from './ecdsaSignature';
import { mspRegistry, type MspRegistry } from './mspRegistry';
import { blockUpdates } from './updateBatch';

const CODE = peer.TxValidationCode;
const CHANNEL = 'suitrust';
const CHAINCODE = 'suitrust';
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

let client: FabricIdentity;
let client2: FabricIdentity;
let peer1: FabricIdentity;
let peer2: FabricIdentity;
let peer3: FabricIdentity;
let mallory: FabricIdentity;
let impostorPeer2: FabricIdentity;
let msps: MspRegistry;
let state: MemoryWorldState;
let committedTxIds: Set<string>;

beforeAll(async () => {
  const [ca1, ca2, ca3, rogue1, rogue2] = await Promise.all([
    CertificateAuthority.create({ mspId: 'Org1MSP', organisation: 'org1.example.com' }),
    CertificateAuthority.create({ mspId: 'Org2MSP', organisation: 'org2.example.com' }),
    CertificateAuthority.create({ mspId: 'Org3MSP', organisation: 'org3.example.com' }),
    CertificateAuthority.create({ mspId: 'Org1MSP', organisation: 'org1.example.com' }),
    CertificateAuthority.create({ mspId: 'Org2MSP', organisation: 'org2.example.com' }),
  ]);
  client = await ca1.enrol({ commonName: 'alice', nodeOu: 'client' });
  client2 = await ca2.enrol({ commonName: 'bob', nodeOu: 'client' });
  peer1 = await ca1.enrol({ commonName: 'peer0.org1', nodeOu: 'peer' });
  peer2 = await ca2.enrol({ commonName: 'peer0.org2', nodeOu: 'peer' });
  peer3 = await ca3.enrol({ commonName: 'peer0.org3', nodeOu: 'peer' });
  mallory = await rogue1.enrol({ commonName: 'mallory', nodeOu: 'client' });
  impostorPeer2 = await rogue2.enrol({ commonName: 'peer0.org2', nodeOu: 'peer' });
  msps = mspRegistry({ organisations: [ca1, ca2, ca3].map((ca) => ({ mspId: ca.mspId, rootCertificates: [ca.certificatePem] })) });
});

beforeEach(async () => {
  state = new MemoryWorldState();
  committedTxIds = new Set(['already-committed']);
  const commit = async (version: Version, entries: [string, string][]): Promise<void> =>
    state.commit({ txId: `setup-${version.blockNum}-${version.txNum}`, version, timestamp: { seconds: 0, nanos: 0 }, namespace: CHAINCODE, writes: new Map(entries.map(([k, v]) => [k, utf8(v)])) });
  await commit({ blockNum: 1, txNum: 0 }, [['asset1', 'alice']]);
  await commit({ blockNum: 1, txNum: 1 }, [['asset2', 'bob']]);
  await commit({ blockNum: 2, txNum: 0 }, [
    ['r1', 'x'],
    ['r3', 'y'],
  ]);
});

interface TxOptions {
  readonly creator?: FabricIdentity;
  /** Signs the envelope; `null` leaves it unsigned. Defaults to the creator. */
  readonly submitter?: Pick<FabricIdentity, 'sign'> | null;
  readonly endorsers?: readonly FabricIdentity[];
  readonly channelId?: string;
  readonly chaincodeName?: string;
  readonly nonce?: Uint8Array;
  readonly reads?: [string, Version | undefined][];
  readonly ranges?: (RangeRead | DecodedRangeRead)[];
  readonly writes?: [string, string | null][];
  readonly results?: ReadWriteSet[] | Uint8Array;
  readonly editHeader?: (channelHeader: common.ChannelHeader) => void;
}

function set(namespace: string, options: Pick<TxOptions, 'reads' | 'ranges' | 'writes'>): ReadWriteSet {
  return {
    namespace,
    reads: new Map(options.reads ?? []),
    ranges: options.ranges ?? [],
    writes: new Map((options.writes ?? []).map(([k, v]) => [k, v === null ? null : utf8(v)])),
  };
}

/** An endorsed, signed transaction envelope (and its id). */
function tx(options: TxOptions = {}): { txId: string; envelope: Uint8Array } {
  const creator = options.creator ?? client;
  const chaincodeName = options.chaincodeName ?? CHAINCODE;
  let { signedProposal } = buildSignedProposal({
    identity: creator,
    channelId: options.channelId ?? CHANNEL,
    chaincodeName,
    args: ['AssetContract:transfer', 'asset1', 'bob'],
    timestamp: { seconds: 1_780_000_000, nanos: 0 },
    nonce: options.nonce ?? randomBytes(24),
  });
  if (options.editHeader !== undefined) {
    const proposal = peer.Proposal.deserializeBinary(signedProposal.getProposalBytes_asU8());
    const header = common.Header.deserializeBinary(proposal.getHeader_asU8());
    const channelHeader = common.ChannelHeader.deserializeBinary(header.getChannelHeader_asU8());
    options.editHeader(channelHeader);
    header.setChannelHeader(channelHeader.serializeBinary());
    proposal.setHeader(header.serializeBinary());
    signedProposal = new peer.SignedProposal();
    signedProposal.setProposalBytes(proposal.serializeBinary());
    signedProposal.setSignature(creator.sign(signedProposal.getProposalBytes_asU8()));
  }
  const built = buildEndorsedTransaction({
    signedProposal,
    chaincodeId: { name: chaincodeName, version: '1.0' },
    results: options.results ?? set(CHAINCODE, options),
    event: { eventName: 'Transferred', payload: utf8('{"asset":"asset1"}') },
    response: { status: 200, payload: utf8('ok') },
    endorsers: options.endorsers ?? [peer1, peer2],
    ...(options.submitter === null ? {} : { submitter: options.submitter ?? creator }),
  });
  return { txId: built.txId, envelope: built.envelope };
}

async function validate(envelopes: Uint8Array[], overrides: Partial<ValidateBlockOptions> = {}): Promise<TransactionValidation[]> {
  return validateBlock({
    blockNumber: 3,
    envelopes,
    channelId: CHANNEL,
    chaincodeName: CHAINCODE,
    msps,
    endorsementPolicy: { rule: 'majority' },
    applicationOrganisations: msps.mspIds,
    state,
    txIdExists: (txId) => committedTxIds.has(txId),
    ...overrides,
  });
}

async function codes(envelopes: Uint8Array[], overrides: Partial<ValidateBlockOptions> = {}): Promise<string[]> {
  return (await validate(envelopes, overrides)).map((r) => txValidationCodeName(r.code));
}

function highS(signer: FabricIdentity): Pick<FabricIdentity, 'sign'> {
  return {
    sign: (message) => {
      const parsed = parseEcdsaSignature(signer.sign(message));
      if (!parsed.ok) throw new Error(parsed.reason);
      return encodeEcdsaSignature(parsed.r, CURVE_ORDERS['P-256'] - parsed.s);
    },
  };
}

describe('block validation: a valid transaction', () => {
  it('is VALID with its id, creator, timestamp, read-write set and event', async () => {
    const { txId, envelope } = tx({ reads: [['asset1', { blockNum: 1, txNum: 0 }]], writes: [['asset1', 'bob']] });
    const [result] = await validate([envelope]);
    expect(result).toMatchObject({ txIndex: 0, txId, code: CODE.VALID, creatorMspId: 'Org1MSP', timestamp: { seconds: 1_780_000_000, nanos: 0 } });
    expect(result!.reason).toBeUndefined();
    expect(result!.readWriteSet!.writes.get('asset1')).toEqual(utf8('bob'));
    expect(result!.event).toMatchObject({ chaincodeId: CHAINCODE, txId, eventName: 'Transferred' });
  });

  it('accepts a read of a key that is still absent', async () => {
    expect(await codes([tx({ reads: [['new-asset', undefined]], writes: [['new-asset', 'carol']] }).envelope])).toEqual(['VALID']);
  });
});

describe("block validation: the creator's signature", () => {
  it('refuses a forged envelope signature', async () => {
    expect(await codes([tx({ submitter: peer2 }).envelope])).toEqual(['BAD_CREATOR_SIGNATURE']);
  });

  it('refuses an unsigned envelope', async () => {
    expect(await codes([tx({ submitter: null }).envelope])).toEqual(['BAD_CREATOR_SIGNATURE']);
  });

  it('refuses a high-S envelope signature', async () => {
    expect(await codes([tx({ submitter: highS(client) }).envelope])).toEqual(['BAD_CREATOR_SIGNATURE']);
  });

  it("refuses a creator whose certificate comes from a CA outside the organisation's MSP", async () => {
    const [result] = await validate([tx({ creator: mallory }).envelope]);
    expect(result).toMatchObject({ code: CODE.BAD_CREATOR_SIGNATURE, reason: expect.stringContaining('UNTRUSTED_CERTIFICATE') });
    expect(result!.creatorMspId).toBeUndefined();
  });

  it('checks the creator before the channel, as Fabric does', async () => {
    expect(await codes([tx({ channelId: 'elsewhere', submitter: peer2 }).envelope])).toEqual(['BAD_CREATOR_SIGNATURE']);
  });
});

describe('block validation: headers, ids and channel', () => {
  it('refuses bytes that are not an envelope', async () => {
    expect(await validate([Uint8Array.of(0xff, 0xff)])).toMatchObject([{ txId: '', code: CODE.INVALID_OTHER_REASON }]);
  });

  it('refuses a transaction id that is not hex(SHA-256(nonce ‖ creator))', async () => {
    expect(await codes([tx({ editHeader: (ch) => ch.setTxId('f'.repeat(64)) }).envelope])).toEqual(['BAD_PROPOSAL_TXID']);
  });

  it('refuses a transaction for another channel', async () => {
    expect(await codes([tx({ channelId: 'elsewhere' }).envelope])).toEqual(['TARGET_CHAIN_NOT_FOUND']);
  });

  it('refuses config transactions (not validated here) and config updates (Fabric: unsupported)', async () => {
    expect(await codes([tx({ editHeader: (ch) => ch.setType(common.HeaderType.CONFIG) }).envelope, tx({ editHeader: (ch) => ch.setType(common.HeaderType.CONFIG_UPDATE) }).envelope])).toEqual([
      'UNKNOWN_TX_TYPE',
      'UNSUPPORTED_TX_PAYLOAD',
    ]);
  });

  it('refuses an unknown header type as a bad common header, before the signature', async () => {
    expect(await codes([tx({ editHeader: (ch) => ch.setType(common.HeaderType.ORDERER_TRANSACTION), submitter: null }).envelope])).toEqual(['BAD_COMMON_HEADER']);
  });
});

describe('block validation: replayed transaction ids', () => {
  it('refuses a transaction id already in the ledger', async () => {
    const replayed = tx();
    committedTxIds.add(replayed.txId);
    expect(await codes([replayed.envelope])).toEqual(['DUPLICATE_TXID']);
  });

  it('refuses the second of two transactions with one id in a block', async () => {
    const replayed = tx();
    expect(await codes([replayed.envelope, tx().envelope, replayed.envelope])).toEqual(['VALID', 'VALID', 'DUPLICATE_TXID']);
  });

  it('keeps the later one when the earlier holder of the id was invalid, as Fabric marks duplicates among valid transactions only', async () => {
    const nonce = randomBytes(24);
    const failing = tx({ nonce, endorsers: [peer1] });
    const passing = tx({ nonce });
    expect(failing.txId).toBe(passing.txId);
    expect(await codes([failing.envelope, passing.envelope])).toEqual(['ENDORSEMENT_POLICY_FAILURE', 'VALID']);
  });

  it('finds a duplicate in the ledger before a malformed action, as Fabric does', async () => {
    const replayed = tx({ results: Uint8Array.of(0x0a, 0x7f) });
    expect(await codes([replayed.envelope])).toEqual(['BAD_RWSET']);
    committedTxIds.add(replayed.txId);
    expect(await codes([replayed.envelope])).toEqual(['DUPLICATE_TXID']);
  });
});

describe('block validation: endorsements', () => {
  it('refuses a transaction the policy does not accept: one of three organisations for MAJORITY', async () => {
    const [result] = await validate([tx({ endorsers: [peer1] }).envelope]);
    expect(result).toMatchObject({ code: CODE.ENDORSEMENT_POLICY_FAILURE, reason: expect.stringContaining('needs 2') });
  });

  it('accepts the same transaction under ANY', async () => {
    expect(await codes([tx({ endorsers: [peer1] }).envelope], { endorsementPolicy: { rule: 'any' } })).toEqual(['VALID']);
  });

  it("does not count an endorser whose certificate is not from its MSP's CA", async () => {
    expect(await codes([tx({ endorsers: [peer1, impostorPeer2] }).envelope])).toEqual(['ENDORSEMENT_POLICY_FAILURE']);
    expect(await codes([tx({ endorsers: [peer1, impostorPeer2, peer3] }).envelope])).toEqual(['VALID']);
  });

  it('does not count a forged or high-S endorsement', async () => {
    const forgedPeer2: FabricIdentity = { ...peer2, sign: (m) => peer3.sign(m) };
    const highPeer2: FabricIdentity = { ...peer2, sign: highS(peer2).sign };
    expect(await codes([tx({ endorsers: [peer1, forgedPeer2] }).envelope, tx({ endorsers: [peer1, highPeer2] }).envelope])).toEqual(['ENDORSEMENT_POLICY_FAILURE', 'ENDORSEMENT_POLICY_FAILURE']);
  });

  it('does not count two endorsers of one organisation as two organisations', async () => {
    expect(await codes([tx({ endorsers: [peer1, client] }).envelope])).toEqual(['ENDORSEMENT_POLICY_FAILURE']);
  });

  it('refuses a chaincode, or a written namespace, that the channel does not define', async () => {
    expect(await codes([tx({ chaincodeName: 'other' }).envelope])).toEqual(['INVALID_CHAINCODE']);
    const foreign = tx({ results: [set(CHAINCODE, { writes: [['a', '1']] }), set('_lifecycle', { writes: [['namespaces/fields/suitrust/Sequence', '2']] })] });
    expect(await codes([foreign.envelope])).toEqual(['INVALID_CHAINCODE']);
    const readsOnly = tx({ results: [set(CHAINCODE, { writes: [['a', '1']] }), set('_lifecycle', { reads: [['namespaces/fields/suitrust/Sequence', undefined]] })] });
    expect(await codes([readsOnly.envelope])).toEqual(['VALID']);
  });
});

describe('block validation: MVCC', () => {
  it('refuses a read whose version is not the committed one', async () => {
    const results = await validate([tx({ reads: [['asset1', { blockNum: 0, txNum: 5 }]], writes: [['asset1', 'bob']] }).envelope, tx({ reads: [['asset2', undefined]] }).envelope]);
    expect(results.map((r) => txValidationCodeName(r.code))).toEqual(['MVCC_READ_CONFLICT', 'MVCC_READ_CONFLICT']);
    expect(results[0]!.reason).toContain('(0, 5)');
    expect(results[1]!.reason).toContain('absent');
  });

  it('refuses a read of a key written by an earlier valid transaction of the block', async () => {
    const first = tx({ reads: [['asset1', { blockNum: 1, txNum: 0 }]], writes: [['asset1', 'bob']] });
    const second = tx({ creator: client2, reads: [['asset1', { blockNum: 1, txNum: 0 }]], writes: [['asset1', 'carol']] });
    const third = tx({ reads: [['asset2', { blockNum: 1, txNum: 1 }]], writes: [['asset2', 'dave']] });
    expect(await codes([first.envelope, second.envelope, third.envelope])).toEqual(['VALID', 'MVCC_READ_CONFLICT', 'VALID']);
  });

  it('ignores the writes of an earlier invalid transaction', async () => {
    const invalid = tx({ endorsers: [peer1], writes: [['asset1', 'mallory']] });
    const reader = tx({ reads: [['asset1', { blockNum: 1, txNum: 0 }]], writes: [['asset1', 'carol']] });
    expect(await codes([invalid.envelope, reader.envelope])).toEqual(['ENDORSEMENT_POLICY_FAILURE', 'VALID']);
  });

  it('treats a delete earlier in the block as a write', async () => {
    const deleter = tx({ writes: [['asset2', null]] });
    const reader = tx({ reads: [['asset2', { blockNum: 1, txNum: 1 }]] });
    expect(await codes([deleter.envelope, reader.envelope])).toEqual(['VALID', 'MVCC_READ_CONFLICT']);
  });
});

describe('block validation: phantom reads', () => {
  const range: RangeRead = {
    startKey: 'r',
    endKey: 's',
    reads: [
      { key: 'r1', version: { blockNum: 2, txNum: 0 } },
      { key: 'r3', version: { blockNum: 2, txNum: 0 } },
    ],
  };

  it('accepts a range that reads the same now', async () => {
    expect(await codes([tx({ ranges: [range], writes: [['summary', '2']] }).envelope])).toEqual(['VALID']);
  });

  it('refuses a range into which an earlier transaction of the block inserted a key', async () => {
    const inserter = tx({ writes: [['r2', 'z']] });
    const outsider = tx({ writes: [['t1', 'z']] });
    expect(await codes([outsider.envelope, tx({ ranges: [range] }).envelope])).toEqual(['VALID', 'VALID']);
    expect(await codes([inserter.envelope, tx({ ranges: [range] }).envelope])).toEqual(['VALID', 'PHANTOM_READ_CONFLICT']);
  });

  it('refuses a range from which an earlier transaction of the block deleted or updated a key', async () => {
    expect(await codes([tx({ writes: [['r1', null]] }).envelope, tx({ ranges: [range] }).envelope])).toEqual(['VALID', 'PHANTOM_READ_CONFLICT']);
    expect(await codes([tx({ writes: [['r3', 'new']] }).envelope, tx({ ranges: [range] }).envelope])).toEqual(['VALID', 'PHANTOM_READ_CONFLICT']);
  });

  it('refuses a range that committed state has changed since', async () => {
    await state.commit({ txId: 'later', version: { blockNum: 2, txNum: 1 }, timestamp: { seconds: 0, nanos: 0 }, namespace: CHAINCODE, writes: new Map([['r2', utf8('late')]]) });
    const [result] = await validate([tx({ ranges: [range] }).envelope]);
    expect(result).toMatchObject({ code: CODE.PHANTOM_READ_CONFLICT, reason: expect.stringContaining('["r", "s")') });
  });

  it('includes the last key seen when the chaincode stopped iterating early', async () => {
    const early: DecodedRangeRead = { startKey: 'r', endKey: 'r1', itrExhausted: false, reads: [{ key: 'r1', version: { blockNum: 2, txNum: 0 } }] };
    expect(await codes([tx({ ranges: [early] }).envelope])).toEqual(['VALID']);
    expect(await codes([tx({ writes: [['r1', 'new']] }).envelope, tx({ ranges: [early] }).envelope])).toEqual(['VALID', 'PHANTOM_READ_CONFLICT']);
    expect(await codes([tx({ writes: [['r3', 'new']] }).envelope, tx({ ranges: [early] }).envelope])).toEqual(['VALID', 'VALID']);
  });

  it('checks reads before ranges', async () => {
    expect(await codes([tx({ writes: [['r2', 'z']] }).envelope, tx({ reads: [['asset1', { blockNum: 9, txNum: 9 }]], ranges: [range] }).envelope])).toEqual(['VALID', 'MVCC_READ_CONFLICT']);
  });
});

describe('block validation: what the commit hash is made of', () => {
  it("yields the filter and update batch of a block, and the hash follows the block's outcome", async () => {
    const first = tx({ reads: [['asset1', { blockNum: 1, txNum: 0 }]], writes: [['asset1', 'bob']] });
    const second = tx({ reads: [['asset1', { blockNum: 1, txNum: 0 }]], writes: [['asset1', 'carol']] });
    const third = tx({ writes: [['asset3', 'new'], ['asset2', null]] });
    const results = await validate([first.envelope, second.envelope, third.envelope]);
    const transactionsFilter = Uint8Array.from(results, (r) => r.code);
    expect([...transactionsFilter]).toEqual([CODE.VALID, CODE.MVCC_READ_CONFLICT, CODE.VALID]);
    const updates = blockUpdates(3, results);
    expect(updates.map((u) => [u.key, u.value === null ? null : Buffer.from(u.value).toString(), u.version])).toEqual([
      ['asset1', 'bob', { blockNum: 3, txNum: 0 }],
      ['asset2', null, { blockNum: 3, txNum: 2 }],
      ['asset3', 'new', { blockNum: 3, txNum: 2 }],
    ]);
    const hash = computeCommitHash({ previous: new Uint8Array(32), transactionsFilter, writes: updates });
    const swapped = await validate([second.envelope, first.envelope, third.envelope]);
    const swappedHash = computeCommitHash({ previous: new Uint8Array(32), transactionsFilter: Uint8Array.from(swapped, (r) => r.code), writes: blockUpdates(3, swapped) });
    expect(Buffer.from(swappedHash).equals(Buffer.from(hash))).toBe(false);
  });
});
