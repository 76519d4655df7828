/**
 * The consenter metadata a Raft orderer writes into every block it cuts (Fabric 2.5
 * orderer/consensus/etcdraft/chain.go: `etcdraft.BlockMetadata` in OrdererBlockMetadata's
 * consenter_metadata): the consenters' ids, the next id to assign and the block's Raft log index.
 *
 * The embedded orderer is a single process standing for the channel's whole cluster: it numbers
 * the channel's consenters 1…n, as a cluster formed from a genesis block does, and its log holds
 * one entry per block, so a block's Raft index is its number. A real cluster's index also counts
 * configuration and election entries, so only its growth is comparable.
 */
import { orderer } from '@hyperledger/fabric-protos';

/**
 * @param consenters - how many consenters the channel's ConsensusType metadata lists
 * @param raftIndex - the block's index in the Raft log
 * @returns the serialised etcdraft.BlockMetadata
 */
export function raftBlockMetadata(consenters: number, raftIndex: number): Uint8Array {
  const metadata = new orderer.etcdraft.BlockMetadata();
  metadata.setConsenterIdsList(Array.from({ length: consenters }, (_, i) => i + 1));
  metadata.setNextConsenterId(consenters + 1);
  metadata.setRaftIndex(raftIndex);
  return metadata.serializeBinary();
}
