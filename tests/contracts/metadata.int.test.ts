import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChaincodeSandbox } from '@suitrust/network';
import { startCity, type CityMembers } from './cityNetwork';
import { accepted } from './outcomes';

interface Metadata {
  contracts: Record<string, { name: string; info: { title: string }; transactions: { name: string; tag?: string[]; parameters?: { name: string }[] }[] }>;
}

describe('contract metadata', () => {
  let ledger: ChaincodeSandbox;
  let m: CityMembers;
  beforeAll(async () => {
    ({ ledger, members: m } = await startCity());
  });
  afterAll(() => ledger.close());

  it('describes one contract per domain, each transaction tagged submit or evaluate with its parameters named', async () => {
    const metadata = accepted<Metadata>(await ledger.evaluate(m.auditor, 'org.hyperledger.fabric:GetMetadata', []));
    const contracts = Object.keys(metadata.contracts).filter((name) => !name.startsWith('org.hyperledger'));
    expect(contracts.sort()).toEqual(['anchors', 'authorisations', 'batch', 'certificates', 'credit', 'evidence', 'registry']);
    const surface = Object.fromEntries(
      contracts.map((name) => [
        name,
        Object.fromEntries(
          (metadata.contracts[name]?.transactions ?? []).map((tx) => [
            tx.name,
            `${tx.tag?.includes('SUBMIT') ? 'submit' : 'evaluate'}(${(tx.parameters ?? []).map((p) => p.name).join(', ')})`,
          ]),
        ),
      ]),
    );
    expect(surface).toEqual({
      registry: {
        registerCertificateType: 'submit(request)',
        authoriseIssuer: 'submit(request)',
        withdrawIssuer: 'submit(request)',
        acceptLegacyCreditCode: 'submit(request)',
        getCertificateType: 'evaluate(typeCode)',
        getCertificateTypeHistory: 'evaluate(typeCode)',
      },
      certificates: {
        issue: 'submit(request)',
        suspend: 'submit(request)',
        reinstate: 'submit(request)',
        revoke: 'submit(request)',
        cancel: 'submit(request)',
        recordUse: 'submit(request)',
        reportMattersHandled: 'submit(request)',
        verify: 'evaluate(certificateId, contentDigest)',
        get: 'evaluate(certificateId)',
        getHistory: 'evaluate(certificateId)',
        listUses: 'evaluate(certificateId)',
      },
      authorisations: {
        grant: 'submit(request)',
        revoke: 'submit(request)',
        approveExchange: 'submit(request)',
        get: 'evaluate(authorisationId)',
        getHistory: 'evaluate(authorisationId)',
      },
      credit: {
        record: 'submit(request)',
        correct: 'submit(request)',
        repair: 'submit(request)',
        getProfile: 'evaluate(creditCode, asOf)',
        getHistory: 'evaluate(creditCode, eventId)',
      },
      evidence: { notarise: 'submit(request)', get: 'evaluate(algorithm, digest)' },
      batch: { submit: 'submit(request)' },
      anchors: {
        registerLog: 'submit(request)',
        anchorCheckpoint: 'submit(request)',
        getLog: 'evaluate(origin)',
        latestAnchor: 'evaluate(origin)',
        anchorHistory: 'evaluate(origin)',
      },
    });
  });
});
