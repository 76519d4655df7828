/**
 * The embedded network's organisations as data: each peer organisation's MSP id, domain, the
 * departments it hosts (with their unified social credit codes, GB 32100-2015) and the users it
 * enrols with their `role` and `dept` attributes; and the orderer organisation. A city changes
 * its network by passing its own {@link CityOrganisations} rather than editing code.
 */
import { ROLES, checkCreditCode, creditCodeCheckCharacter, type Role } from '@suitrust/chaincode';
import { BootstrapError } from './bootstrapError';

/** A department hosted by a peer organisation. */
export interface DepartmentSpec {
  /** Short key users refer to it by, e.g. `tax`. */
  readonly key: string;
  /** Human-readable name. */
  readonly name: string;
  /** The department's 18-character unified social credit code: the `dept` attribute. */
  readonly creditCode: string;
}

/** A user an organisation enrols. */
export interface UserSpec {
  /** Name within the organisation (lower case, digits, `-`): the MSP folder is `users/<name>@<domain>`. */
  readonly name: string;
  /** The `role` attribute the chaincode's access control reads. */
  readonly role: Role;
  /** Key of one of the organisation's {@link DepartmentSpec}s: the `dept` attribute is its credit code. */
  readonly department: string;
}

/** Where a node listens. */
export interface NodeEndpoint {
  readonly host: string;
  readonly port: number;
}

/** A peer organisation: one MSP. */
export interface PeerOrganisationSpec {
  readonly mspId: string;
  /** Human-readable name. */
  readonly name: string;
  /** DNS domain of the organisation's nodes and users, e.g. `databureau.suitrust.local`. */
  readonly domain: string;
  /** The organisation's peer `peer0.<domain>`, as clients and anchor-peer entries reach it. */
  readonly peer: NodeEndpoint;
  readonly departments: readonly DepartmentSpec[];
  readonly users: readonly UserSpec[];
}

/**
 * The ordering organisation: one MSP and its Raft cluster, `orderer.<domain>` and the orderers
 * after it, `orderer2.<domain>`, `orderer3.<domain>`…, every one a consenter of the channel.
 */
export interface OrdererOrganisationSpec {
  readonly mspId: string;
  readonly name: string;
  readonly domain: string;
  /** `orderer.<domain>`: the orderer the embedded network runs, whose identity signs its blocks. */
  readonly orderer: NodeEndpoint;
  /**
   * The cluster's other orderers, `orderer2.<domain>` first. A real network runs them beside the
   * first; the embedded network lists them as consenters and endpoints only.
   */
  readonly additionalOrderers?: readonly NodeEndpoint[];
}

/** A network's organisations. The first peer organisation hosts the embedded peer's listener. */
export interface CityOrganisations {
  readonly peerOrganisations: readonly PeerOrganisationSpec[];
  readonly ordererOrganisation: OrdererOrganisationSpec;
}

/** A credit code completed with its check character (codes below are government bodies: `11`, Shanghai `310000`). */
const creditCode = (first17: string): string => first17 + creditCodeCheckCharacter(first17);

/**
 * SuiTrust's default city: the data administration (the administrator organisation, also hosting
 * departments without a node of their own, such as tax and health), market regulation, and the
 * internet court, ordered by one orderer organisation's three Raft orderers. The credit codes are the ones the contract
 * tests use.
 */
export const CITY_ORGANISATIONS: CityOrganisations = {
  peerOrganisations: [
    {
      mspId: 'DataBureauMSP',
      name: 'City Big Data Administration Bureau',
      domain: 'databureau.suitrust.local',
      peer: { host: 'localhost', port: 7051 },
      departments: [
        { key: 'data-bureau', name: 'City Big Data Administration Bureau', creditCode: creditCode('11310000MB0000001') },
        { key: 'tax', name: 'City Taxation Bureau', creditCode: creditCode('11310000MB0000003') },
        { key: 'health', name: 'City Health Commission', creditCode: creditCode('11310000MB0000004') },
      ],
      users: [
        { name: 'admin', role: 'admin', department: 'data-bureau' },
        { name: 'officer', role: 'officer', department: 'data-bureau' },
        { name: 'auditor', role: 'auditor', department: 'data-bureau' },
        { name: 'tax-officer', role: 'officer', department: 'tax' },
      ],
    },
    {
      mspId: 'MarketRegulationMSP',
      name: 'City Administration for Market Regulation',
      domain: 'market.suitrust.local',
      peer: { host: 'localhost', port: 8051 },
      departments: [{ key: 'market', name: 'City Administration for Market Regulation', creditCode: creditCode('11310000MB0000002') }],
      users: [
        { name: 'issuer', role: 'issuer', department: 'market' },
        { name: 'officer', role: 'officer', department: 'market' },
      ],
    },
    {
      mspId: 'InternetCourtMSP',
      name: 'Internet Court',
      domain: 'court.suitrust.local',
      peer: { host: 'localhost', port: 9051 },
      departments: [{ key: 'court', name: 'Internet Court', creditCode: creditCode('11310000MB0000005') }],
      users: [{ name: 'judge', role: 'court', department: 'court' }],
    },
  ],
  ordererOrganisation: {
    mspId: 'OrdererMSP',
    name: 'SuiTrust Ordering Service',
    domain: 'suitrust.local',
    orderer: { host: 'localhost', port: 7050 },
    // Three consenters: Raft keeps ordering while one is down (network/scripts run all three).
    additionalOrderers: [
      { host: 'localhost', port: 8050 },
      { host: 'localhost', port: 9050 },
    ],
  },
};

/** MSP ids as Fabric's configtx accepts group names: no `/`, no leading `.`. */
const MSP_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,249}$/;
/** Lower-case DNS names (RFC 1123 labels), at least two labels. */
const DOMAIN = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;
/** User names and department keys become path components: nothing a path could misread. */
const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;
const HOST = /^[A-Za-z0-9.:-]{1,253}$/;

/**
 * Checks organisation data before any key is made from it.
 *
 * @param organisations - the data to check
 * @throws {BootstrapError} `BOOTSTRAP_INVALID_ORGANISATIONS`, naming the field at fault
 */
export function validateCityOrganisations(organisations: CityOrganisations): void {
  const fail = (field: string, message: string): never => {
    throw new BootstrapError(`organisations.${field}: ${message}`, { code: 'BOOTSTRAP_INVALID_ORGANISATIONS', field });
  };
  const { peerOrganisations, ordererOrganisation } = organisations;
  if ((peerOrganisations?.length ?? 0) === 0) fail('peerOrganisations', 'expected at least one organisation');
  const mspIds = new Set<string>();
  const domains = new Set<string>();
  const checkOrganisation = (field: string, spec: { mspId: string; domain: string; name: string }): void => {
    if (!MSP_ID.test(spec.mspId)) fail(`${field}.mspId`, `expected letters, digits, '.', '_' or '-', got ${JSON.stringify(spec.mspId)}`);
    if (mspIds.has(spec.mspId)) fail(`${field}.mspId`, `${spec.mspId} is used twice`);
    mspIds.add(spec.mspId);
    if (!DOMAIN.test(spec.domain)) fail(`${field}.domain`, `expected a lower-case DNS domain, got ${JSON.stringify(spec.domain)}`);
    if (domains.has(spec.domain)) fail(`${field}.domain`, `${spec.domain} is used twice`);
    domains.add(spec.domain);
    if (typeof spec.name !== 'string' || spec.name.length === 0) fail(`${field}.name`, 'expected a non-empty name');
  };
  const checkEndpoint = (field: string, endpoint: NodeEndpoint): void => {
    if (!HOST.test(endpoint?.host ?? '')) fail(`${field}.host`, `expected a host name or address, got ${JSON.stringify(endpoint?.host)}`);
    if (!Number.isInteger(endpoint.port) || endpoint.port < 1 || endpoint.port > 65535) fail(`${field}.port`, `expected 1–65535, got ${endpoint.port}`);
  };
  peerOrganisations.forEach((organisation, i) => {
    const field = `peerOrganisations[${i}]`;
    checkOrganisation(field, organisation);
    checkEndpoint(`${field}.peer`, organisation.peer);
    const departments = new Map<string, DepartmentSpec>();
    organisation.departments.forEach((department, j) => {
      const at = `${field}.departments[${j}]`;
      if (!NAME.test(department.key)) fail(`${at}.key`, `expected lower-case letters, digits or '-', got ${JSON.stringify(department.key)}`);
      if (departments.has(department.key)) fail(`${at}.key`, `${department.key} is used twice`);
      const check = checkCreditCode(department.creditCode);
      if (check !== 'valid') fail(`${at}.creditCode`, `expected a valid unified social credit code, got ${JSON.stringify(department.creditCode)} (${check})`);
      departments.set(department.key, department);
    });
    const names = new Set<string>();
    organisation.users.forEach((user, j) => {
      const at = `${field}.users[${j}]`;
      if (!NAME.test(user.name)) fail(`${at}.name`, `expected lower-case letters, digits or '-', got ${JSON.stringify(user.name)}`);
      if (names.has(user.name)) fail(`${at}.name`, `${user.name} is used twice in ${organisation.mspId}`);
      names.add(user.name);
      if (!(ROLES as readonly string[]).includes(user.role)) fail(`${at}.role`, `expected one of ${ROLES.join(', ')}, got ${JSON.stringify(user.role)}`);
      if (!departments.has(user.department)) fail(`${at}.department`, `no department ${JSON.stringify(user.department)} in ${organisation.mspId}`);
    });
  });
  checkOrganisation('ordererOrganisation', ordererOrganisation);
  checkEndpoint('ordererOrganisation.orderer', ordererOrganisation.orderer);
  (ordererOrganisation.additionalOrderers ?? []).forEach((endpoint, i) => checkEndpoint(`ordererOrganisation.additionalOrderers[${i}]`, endpoint));
}
