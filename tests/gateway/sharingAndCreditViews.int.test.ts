/**
 * The issue's scenario through HTTP, with the embedded peer, the relay and every read model
 * running beside the gateway as `npm start` runs them: an authorisation is granted, exchanges
 * are approved, one exchange reported (over HTTP, through the transparency log and its follower)
 * after the revocation shows up in the auditors' exceptions; a credit entry and its repair change the enterprise's profile; a department's
 * matters handled and its certificate uses give its certificate-use rate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { creditCodeCheckCharacter, dateOf, formatCertificateId } from '@suitrust/chaincode';
import type { HolderPseudonyms } from '@suitrust/gateway';
import { startTestGateway, type TestGateway } from '../shared/testGateway';

const SUBJECT_ID = '11010519491231002X';
const ENTERPRISE = `91310000MA1K00001${creditCodeCheckCharacter('91310000MA1K00001')}`;
const DAY_MS = 24 * 3600 * 1000;
const EVER = 'from=2000-01-01T00:00:00Z&until=2100-01-01T00:00:00Z';

interface ExchangeItem {
  readonly kind: string;
  readonly exchangeId: string;
  readonly dataSubject: string | null;
  readonly covered: boolean;
  readonly exception: { rule: string; field: string } | null;
  readonly authorisation: { authorisationId: string; revokedAt: string | null } | null;
}
interface ExchangePage {
  readonly items: ExchangeItem[];
  readonly nextCursor: string | null;
  readonly limit: number;
}

describe('data-sharing and credit views through the gateway', () => {
  let gateway: TestGateway;
  let app: FastifyInstance;
  let pseudonyms: HolderPseudonyms;
  let market: string;
  let tax: string;
  let authorisationId: string;

  const as = (identity: string): { authorization: string } => gateway.as(identity);
  const get = (who: string, url: string): Promise<LightMyRequestResponse> => gateway.get(who, url);
  const post = (who: string, url: string, payload: object): Promise<LightMyRequestResponse> => gateway.post(who, url, payload);
  const eventually = <T>(request: () => Promise<LightMyRequestResponse>, done: (body: T) => boolean): Promise<T> => gateway.eventually(request, done);
  /** Reports an exchange over HTTP, as the providing department: it goes through the transparency log. */
  const reportExchange = async (reportId: string, exchangedAtMs: number, extra: Record<string, unknown> = {}): Promise<void> => {
    const report = { authorisationId, reportId, consumer: tax, resourceCode: 'ENT-BASIC', purpose: '企业开办', fields: ['name'], exchangedAt: new Date(exchangedAtMs).toISOString(), ...extra };
    const response = await post('issuer@', '/exchange-reports', { reports: [report] });
    expect(response.statusCode, response.body).toBe(201);
  };

  beforeAll(async () => {
    gateway = await startTestGateway({ name: 'sharing-views', projections: true, records: true });
    ({ app, pseudonyms } = gateway);
    market = gateway.department('issuer');
    tax = gateway.department('tax-officer');
  }, 60_000);

  afterAll(() => gateway?.close());

  it("lists an exchange reported after the authorisation's revocation among the auditors' exceptions", async () => {
    const now = Date.now();
    const granted = await post('issuer@', '/authorisations', {
      grantorKind: 'subject',
      subject: { idNumber: SUBJECT_ID },
      provider: market,
      consumer: tax,
      resourceCode: 'ENT-BASIC',
      sharingClass: 'conditional',
      purpose: '企业开办',
      fields: ['name', 'address'],
      validFrom: new Date(now - DAY_MS).toISOString(),
      validUntil: new Date(now + 365 * DAY_MS).toISOString(),
      useLimit: 5,
      consentDigest: { algorithm: 'sm3', value: 'c0'.repeat(32) },
    });
    expect(granted.statusCode).toBe(201);
    authorisationId = (granted.json() as { record: { authorisationId: string } }).record.authorisationId;
    for (const fields of [['name'], ['name', 'address']]) {
      expect((await post('issuer@', `/authorisations/${authorisationId}/exchanges`, { consumer: tax, resourceCode: 'ENT-BASIC', purpose: '企业开办', fields })).statusCode).toBe(201);
    }
    await reportExchange('report-1', Date.now(), { dataSubject: { idNumber: SUBJECT_ID } });
    const revoked = await post('issuer@', `/authorisations/${authorisationId}/revocation`, { reason: '目的已达成' });
    expect(revoked.statusCode).toBe(200);
    // An exchange made after the revocation (the chain's time of it is before this instant).
    await reportExchange('report-2', Date.now() + 1000);

    const exceptions = await eventually<ExchangePage>(() => get('auditor@', `/views/exchange-exceptions?${EVER}`), (page) => page.items?.length === 1 && page.items[0]?.authorisation?.revokedAt !== null);
    expect(exceptions.items).toEqual([
      expect.objectContaining({ kind: 'reported', exchangeId: 'report-2', covered: false, exception: expect.objectContaining({ rule: 'AUTHORISATION_REVOKED', field: 'authorisationId' }), authorisation: expect.objectContaining({ authorisationId }) }),
    ]);
    expect(exceptions.nextCursor).toBeNull();

    // The subject's trace: both approvals and both reports, the subject known from the grant.
    const trace = await eventually<ExchangePage>(
      () => app.inject({ method: 'POST', url: `/views/data-subject-exchanges?${EVER}`, headers: as('auditor@'), payload: { idNumber: SUBJECT_ID } }),
      (page) => page.items?.length === 4,
    );
    const subject = pseudonyms.of(SUBJECT_ID, 'idNumber');
    expect(trace.items.map((item) => [item.kind, item.dataSubject, item.covered])).toEqual([
      ['approved', subject, true],
      ['approved', subject, true],
      ['reported', subject, true],
      ['reported', subject, false],
    ]);

    // The consuming department sees the exception too; a department party to nothing sees nothing.
    expect(((await get('tax-officer@', `/views/exchange-exceptions?${EVER}`)).json() as ExchangePage).items).toHaveLength(1);
    expect(((await get('officer@databureau', `/views/exchange-exceptions?${EVER}`)).json() as ExchangePage).items).toEqual([]);
    expect(((await get('officer@databureau', `/views/data-resources/ENT-BASIC/exchanges?${EVER}`)).json() as ExchangePage).items).toEqual([]);

    // The department pair, paged: 3 then 1, by the cursor the first page returned.
    const first = (await get('issuer@', `/views/department-exchanges?provider=${market}&consumer=${tax}&${EVER}&limit=3`)).json() as ExchangePage;
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (await get('issuer@', `/views/department-exchanges?provider=${market}&consumer=${tax}&${EVER}&limit=3&cursor=${first.nextCursor ?? ''}`)).json() as ExchangePage;
    expect(second).toMatchObject({ limit: 3, nextCursor: null, items: [expect.objectContaining({ exchangeId: 'report-2' })] });
  });

  it("changes an enterprise's credit profile with a penalty and its repair", async () => {
    // Decided four months ago: displayed for a year, repairable after three months.
    const decisionDate = dateOf(Date.now() - 120 * DAY_MS);
    const recorded = await post('officer@market', `/enterprises/${ENTERPRISE}/credit-events`, {
      category: 'penalty',
      severity: 'ordinary',
      legalBasis: '《中华人民共和国行政处罚法》',
      decisionNumber: '沪市监罚〔2026〕1号',
      decisionDate,
      documentDigest: { algorithm: 'sm3', value: 'd0'.repeat(32) },
    });
    expect(recorded.statusCode).toBe(201);
    const eventId = (recorded.json() as { record: { eventId: string } }).record.eventId;
    const before = await eventually<{ status: string; active: string[] }>(() => get('auditor@', `/views/enterprises/${ENTERPRISE}/credit-profile`), (profile) => profile.active?.length === 1);
    expect(before).toMatchObject({ creditCode: ENTERPRISE, status: 'attention', active: [eventId], repaired: [] });

    const repairedAt = Date.now();
    const repaired = await post('officer@market', `/enterprises/${ENTERPRISE}/credit-events/${eventId}/repair`, { reason: '已履行行政处罚决定', documentDigest: { algorithm: 'sm3', value: 'e0'.repeat(32) } });
    expect(repaired.statusCode).toBe(200);
    const after = await eventually<{ status: string; repaired: string[] }>(() => get('tax-officer@', `/views/enterprises/${ENTERPRISE}/credit-profile`), (profile) => profile.repaired?.length === 1);
    expect(after).toMatchObject({ status: 'good', active: [], repaired: [eventId], entries: [expect.objectContaining({ eventId, decisionDate, published: true })] });
    // As of before the repair, the entry was still active.
    const asOf = new Date(repairedAt - 60_000).toISOString();
    expect((await get('auditor@', `/views/enterprises/${ENTERPRISE}/credit-profile?asOf=${asOf}`)).json()).toMatchObject({ asOf, status: 'attention', active: [eventId] });
  });

  it("gives a department's certificate-use rate from its reported matters and its certificate uses", async () => {
    const today = dateOf(Date.now());
    const certificateId = formatCertificateId({ typeCode: `${market}001`, issuerCode: market, serial: 'RATE1', version: '001' });
    expect((await post('admin@', '/certificate-types', { typeCode: `${market}001`, name: '营业执照', issuers: [market] })).statusCode).toBe(201);
    expect((await post('issuer@', '/certificates', { certificateId, holder: { idNumber: SUBJECT_ID }, contentDigest: { algorithm: 'sm3', value: 'ab'.repeat(32) }, validFrom: '2026-01-01T00:00:00Z' })).statusCode).toBe(201);
    expect((await post('tax-officer@', `/certificates/${certificateId}/uses`, { matterCode: 'TAX-REG', purpose: '税务登记' })).statusCode).toBe(201);
    const reported = await post('tax-officer@', '/matters-handled', { day: today, mattersHandled: 4 });
    expect(reported.statusCode).toBe(201);
    expect(reported.json()).toMatchObject({ record: { department: tax, day: today, mattersHandled: 4 } });

    const rates = await eventually<{ items: { mattersHandled: number; mattersUsingCertificates: number }[] }>(
      () => get('auditor@', `/views/certificate-use-rates?from=${today}&to=${today}&department=${tax}`),
      (page) => page.items?.[0]?.mattersHandled === 4 && page.items[0].mattersUsingCertificates === 1,
    );
    expect(rates).toEqual({ items: [{ department: tax, from: today, to: today, mattersHandled: 4, mattersUsingCertificates: 1, rate: 0.25 }], nextCursor: null, limit: 100 });
  });

  it('answers bad view requests with problems naming the field, and never 5xx', async () => {
    const cases: [string, string, object][] = [
      ['auditor@', '/views/exchange-exceptions?from=yesterday&until=2100-01-01T00:00:00Z', { status: 400, code: 'INPUT_TIME', field: 'querystring.from' }],
      ['auditor@', '/views/exchange-exceptions?from=2026-02-01T00:00:00Z&until=2026-01-01T00:00:00Z', { status: 400, code: 'INPUT_PERIOD', field: 'querystring.until' }],
      ['auditor@', `/views/exchange-exceptions?${EVER}&cursor=bm90LWEtY3Vyc29y`, { status: 400, code: 'REQUEST_SCHEMA', field: 'querystring.cursor' }],
      ['auditor@', `/views/exchange-exceptions?${EVER}&cursor=${encodeURIComponent('~~~')}`, { status: 400, code: 'REQUEST_SCHEMA', field: 'querystring.cursor' }],
      ['auditor@', `/views/exchange-exceptions?${EVER}&limit=501`, { status: 400, code: 'REQUEST_SCHEMA', field: 'querystring.limit' }],
      ['auditor@', `/views/exchange-exceptions?from=2026-01-01T00:00:00Z`, { status: 400, code: 'REQUEST_SCHEMA', field: 'querystring.until' }],
      ['auditor@', `/views/department-exchanges?provider=short&consumer=${tax}&${EVER}`, { status: 400, code: 'REQUEST_SCHEMA', field: 'querystring.provider' }],
      ['auditor@', '/views/enterprises/not-a-code/credit-profile', { status: 400, code: 'CREDIT_CODE_FORMAT', field: 'creditCode' }],
      ['auditor@', `/views/enterprises/${ENTERPRISE.slice(0, 17)}${ENTERPRISE.endsWith('0') ? '1' : '0'}/credit-profile`, { status: 400, code: 'CREDIT_CODE_CHECK', field: 'creditCode' }],
      ['auditor@', `/views/enterprises/${ENTERPRISE}/credit-profile?asOf=soon`, { status: 400, code: 'INPUT_TIME', field: 'querystring.asOf' }],
      ['auditor@', '/views/certificate-use-rates?from=2026-02-30&to=2026-03-01', { status: 400, code: 'INPUT_DATE', field: 'querystring.from' }],
      ['auditor@', '/views/certificate-use-rates?from=2026-03-02&to=2026-03-01', { status: 400, code: 'REQUEST_SCHEMA', field: 'querystring.to' }],
      ['auditor@', '/views/evidence?caseReference=x&cursor=abc', { status: 400, code: 'REQUEST_SCHEMA', field: 'querystring.cursor' }],
    ];
    for (const [who, url, problem] of cases) {
      const response = await get(who, url);
      expect(response.json(), url).toMatchObject(problem);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    const future = await post('tax-officer@', '/matters-handled', { day: dateOf(Date.now() + 3 * DAY_MS), mattersHandled: 1 });
    expect(future.json()).toMatchObject({ status: 422, code: 'MATTERS_DAY_IN_FUTURE', field: 'day' });
    const badSubject = await app.inject({ method: 'POST', url: `/views/data-subject-exchanges?${EVER}`, headers: as('auditor@'), payload: { idNumber: '110105194912310021' } });
    expect(badSubject.json()).toMatchObject({ status: 400, code: 'RESIDENT_ID_CHECK', field: 'idNumber' });
    expect((await app.inject({ method: 'GET', url: `/views/exchange-exceptions?${EVER}` })).statusCode).toBe(401);
  });

  it('documents every list view as paged in the OpenAPI document', async () => {
    const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, { parameters?: { name: string }[]; responses: Record<string, { content: Record<string, { schema: { properties: Record<string, unknown> } }> }> }>> };
    const lists: [string, string][] = [
      ['/views/exchange-exceptions', 'get'],
      ['/views/data-subject-exchanges', 'post'],
      ['/views/data-resources/{resourceCode}/exchanges', 'get'],
      ['/views/department-exchanges', 'get'],
      ['/views/certificate-use-rates', 'get'],
      ['/views/certificates/{certificateId}/uses', 'get'],
      ['/views/holder-certificate-uses', 'post'],
      ['/views/certificate-use-counts', 'get'],
      ['/views/evidence', 'get'],
    ];
    for (const [path, method] of lists) {
      const operation = document.paths[path]?.[method];
      expect(operation?.parameters?.map((parameter) => parameter.name), path).toEqual(expect.arrayContaining(['limit', 'cursor']));
      expect(Object.keys(operation?.responses['200']?.content['application/json']?.schema.properties ?? {}), path).toEqual(['items', 'nextCursor', 'limit']);
    }
  });
});
