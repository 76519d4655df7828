/**
 * The embedded Fabric-compatible peer's building blocks: chaincode execution inside the
 * unmodified fabric-shim, transaction simulation with read-write sets, world state, identities
 * and signed proposals.
 */
export { ChaincodeConnection, type ChaincodeResult, type ChaincodeInvocation } from './chaincode/chaincodeConnection';
export { startInProcessChaincode, type InProcessChaincodeOptions } from './chaincode/inProcessChaincode';
export type { MessageStream } from './chaincode/messageStream';
export { TxSimulator, type ReadWriteSet, type RangeRead } from './ledger/txSimulator';
export { MemoryWorldState } from './ledger/memoryWorldState';
export type { WorldState, WorldStateReader, VersionedValue, KeyModification, StateEntry, TransactionWrites } from './ledger/worldState';
export { compareKeys, sameVersion, type Version } from './ledger/version';
export { CertificateAuthority, FABRIC_ATTRIBUTES_OID, type EnrolmentRequest, type EnrolledIdentity } from './identity/certificateAuthority';
export { fabricIdentity, type FabricIdentity, type FabricIdentityOptions } from './identity/fabricIdentity';
export { buildSignedProposal, type ProposalRequest, type SignedProposalParts } from './protocol/proposal';
export { ChaincodeSandbox, type ChaincodeSandboxOptions, type TransactionOutcome, type TransactionOptions } from './sandbox/chaincodeSandbox';
export { ChaincodeSupportServer, type ChaincodeSupportServerOptions, type WaitForChaincodeOptions } from './chaincode/chaincodeSupportServer';
export { startEmbeddedNetwork, type EmbeddedNetwork, type EmbeddedNetworkOptions } from './embeddedNetwork';
export { startEmbeddedNetworkThread, type EmbeddedNetworkThread, type EmbeddedNetworkThreadOptions } from './embeddedNetworkThread';
export { readConnectionProfile, writeConnectionProfile, connectionProfileFor, CONNECTION_PROFILE_FILE, SUITRUST_CHANNEL, SUITRUST_CHAINCODE, type ConnectionProfile, type ProfilePeer, type ProfileIdentity, type ProfileOrganisation, type ProfileOrdererOrganisation } from './bootstrap/connectionProfile';
export { loadOrCreateNetworkMaterial, type NetworkMaterial, type OrganisationMaterial, type UserMaterial } from './bootstrap/networkMaterial';
export { CITY_ORGANISATIONS, type CityOrganisations } from './bootstrap/cityOrganisations';
export { blockHeaderBytes, blockHeaderHash, blockDataHash } from './ledger/blockHash';
export { openFileBlockStore, type FileBlockStore, type TailRecovery } from './ledger/fileBlockStore';
export type { BlockStore, ChainInfo, TransactionLocation } from './ledger/blockStore';
export { mspRegistry, type MspRegistry, type MspOrganisation } from './validation/mspRegistry';
export { validateBlock, type TransactionValidation } from './validation/blockValidator';
export type { EndorsementPolicy } from './validation/endorsementPolicy';
export { signatureToLowS, verifyEcdsaSignature } from './validation/ecdsaSignature';
