/**
 * The conformance scenario modules, one per domain or ledger feature. Adding a module is one
 * line here; each module is independent of the others (it builds what it needs, or asks the
 * run's shared `LedgerWorld` for it), so their order does not matter. A module's refusal cases
 * (`ScenarioModule.refusals`) join the refusal table, which `conformanceScenarios.ts` adds.
 */
export { registryScenarios } from './registryScenarios';
export { certificateScenarios } from './certificateScenarios';
export { authorisationScenarios } from './authorisationScenarios';
export { creditScenarios } from './creditScenarios';
export { evidenceScenarios } from './evidenceScenarios';
export { batchScenarios } from './batchScenarios';
export { mvccScenarios } from './mvccScenarios';
export { chaincodeEventScenarios } from './chaincodeEventScenarios';
export { blockEventScenarios } from './blockEventScenarios';
export { qsccScenarios } from './qsccScenarios';
export { chaincodeErrorScenarios } from './chaincodeErrorScenarios';
export { duplicateTransactionScenarios } from './duplicateTransactionScenarios';
export { ledgerProofScenarios } from './ledgerProofScenarios';
export { anchorScenarios } from './anchorScenarios';
