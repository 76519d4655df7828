/**
 * The default city's organisations are valid data, and invalid data is refused naming the field.
 */
import { describe, expect, it } from 'vitest';
import { ADMIN_MSP_ID, checkCreditCode } from '@suitrust/chaincode';
import { BootstrapError } from './bootstrapError';
import { CITY_ORGANISATIONS, validateCityOrganisations, type CityOrganisations, type PeerOrganisationSpec } from './cityOrganisations';

/** The default city with its first organisation changed. */
function withFirst(change: (organisation: PeerOrganisationSpec) => PeerOrganisationSpec): CityOrganisations {
  const [first, ...rest] = CITY_ORGANISATIONS.peerOrganisations;
  return { ...CITY_ORGANISATIONS, peerOrganisations: [change(first as PeerOrganisationSpec), ...rest] };
}

function fieldOf(organisations: CityOrganisations): string | undefined {
  try {
    validateCityOrganisations(organisations);
    return undefined;
  } catch (err) {
    expect(err).toBeInstanceOf(BootstrapError);
    expect((err as BootstrapError).code).toBe('BOOTSTRAP_INVALID_ORGANISATIONS');
    return (err as BootstrapError).field;
  }
}

describe('city organisations', () => {
  it('are the data bureau (the administrator organisation), market regulation and the internet court, ordered by OrdererMSP', () => {
    validateCityOrganisations(CITY_ORGANISATIONS);
    expect(CITY_ORGANISATIONS.peerOrganisations.map((organisation) => organisation.mspId)).toEqual(['DataBureauMSP', 'MarketRegulationMSP', 'InternetCourtMSP']);
    expect(CITY_ORGANISATIONS.peerOrganisations[0]?.mspId).toBe(ADMIN_MSP_ID);
    expect(CITY_ORGANISATIONS.ordererOrganisation.mspId).toBe('OrdererMSP');
    // Three Raft consenters, on the ports network/scripts/envVar.sh gives orderer, orderer2 and orderer3.
    const { orderer, additionalOrderers } = CITY_ORGANISATIONS.ordererOrganisation;
    expect([orderer, ...(additionalOrderers ?? [])].map((endpoint) => endpoint.port)).toEqual([7050, 8050, 9050]);
  });

  it('give every department a valid unified social credit code, distinct across the city', () => {
    const codes = CITY_ORGANISATIONS.peerOrganisations.flatMap((organisation) => organisation.departments.map((department) => department.creditCode));
    for (const code of codes) expect(checkCreditCode(code)).toBe('valid');
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('enrol the users the access rules need', () => {
    const users = CITY_ORGANISATIONS.peerOrganisations.flatMap((organisation) =>
      organisation.users.map((user) => `${organisation.mspId}/${user.name}:${user.role}:${user.department}`),
    );
    expect(users).toEqual([
      'DataBureauMSP/admin:admin:data-bureau',
      'DataBureauMSP/officer:officer:data-bureau',
      'DataBureauMSP/auditor:auditor:data-bureau',
      'DataBureauMSP/tax-officer:officer:tax',
      'MarketRegulationMSP/issuer:issuer:market',
      'MarketRegulationMSP/officer:officer:market',
      'InternetCourtMSP/judge:court:court',
    ]);
  });

  it('refuse bad data, naming the field', () => {
    expect(fieldOf({ ...CITY_ORGANISATIONS, peerOrganisations: [] })).toBe('peerOrganisations');
    expect(fieldOf(withFirst((o) => ({ ...o, mspId: 'Bad/MSP' })))).toBe('peerOrganisations[0].mspId');
    expect(fieldOf(withFirst((o) => ({ ...o, mspId: 'MarketRegulationMSP' })))).toBe('peerOrganisations[1].mspId');
    expect(fieldOf(withFirst((o) => ({ ...o, domain: 'Not A Domain' })))).toBe('peerOrganisations[0].domain');
    expect(fieldOf(withFirst((o) => ({ ...o, peer: { host: 'localhost', port: 70000 } })))).toBe('peerOrganisations[0].peer.port');
    const valid = (CITY_ORGANISATIONS.peerOrganisations[0] as PeerOrganisationSpec).departments[0]?.creditCode as string;
    const wrongCheck = `${valid.slice(0, 17)}${valid.endsWith('0') ? '1' : '0'}`;
    expect(checkCreditCode(wrongCheck)).toBe('check-mismatch');
    expect(fieldOf(withFirst((o) => ({ ...o, departments: [{ ...(o.departments[0] as PeerOrganisationSpec['departments'][number]), creditCode: wrongCheck }, ...o.departments.slice(1)] })))).toBe(
      'peerOrganisations[0].departments[0].creditCode',
    );
    expect(fieldOf(withFirst((o) => ({ ...o, users: [...o.users, { name: '../escape', role: 'officer', department: 'tax' }] })))).toBe('peerOrganisations[0].users[4].name');
    expect(fieldOf(withFirst((o) => ({ ...o, users: [...o.users, { name: 'admin', role: 'officer', department: 'tax' }] })))).toBe('peerOrganisations[0].users[4].name');
    expect(fieldOf(withFirst((o) => ({ ...o, users: [...o.users, { name: 'x', role: 'mayor' as 'admin', department: 'tax' }] })))).toBe('peerOrganisations[0].users[4].role');
    expect(fieldOf(withFirst((o) => ({ ...o, users: [...o.users, { name: 'x', role: 'officer', department: 'police' }] })))).toBe('peerOrganisations[0].users[4].department');
    expect(fieldOf({ ...CITY_ORGANISATIONS, ordererOrganisation: { ...CITY_ORGANISATIONS.ordererOrganisation, domain: 'databureau.suitrust.local' } })).toBe('ordererOrganisation.domain');
    expect(fieldOf({ ...CITY_ORGANISATIONS, ordererOrganisation: { ...CITY_ORGANISATIONS.ordererOrganisation, additionalOrderers: [{ host: 'localhost', port: 70500 }] } })).toBe('ordererOrganisation.additionalOrderers[0].port');
  });
});
