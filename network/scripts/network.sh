#!/usr/bin/env bash
# SuiTrust on a real Hyperledger Fabric 2.5 network of native processes, with no Docker: three
# Raft orderers and one peer for each of the city's three organisations (the data
# administration, market regulation, the internet court), TLS on every listener, the channel
# `suitrust`, and the chaincode run as a service (the peers dial it through an external builder).
# Identities carry the `role` and `dept` attributes the chaincode reads (see material.js).
#
#   network.sh up                start (first time: material, channel block, joins); restart after down
#   network.sh deploy [VERSION]  install and commit the built chaincode as the next sequence
#   network.sh status            what runs, each node's channel height, the committed chaincode
#   network.sh down              stop every process this script started (state is kept)
#   network.sh clean             down, then remove the state folder
#
# Needs Fabric 2.5's release binaries (FABRIC_BIN or PATH), Node 20 and a built repository
# (`npm ci && npm run build`). Settings are listed in envVar.sh. Everything the network writes
# (material, ledgers, logs, pids) goes to the state folder, $SUITRUST_FABRIC_HOME.
set -euo pipefail

. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/envVar.sh"
. "$SCRIPTS_DIR/deployChaincode.sh"

usage() {
  sed -n '8,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

# ---- up -------------------------------------------------------------------------------------

networkUp() {
  local org orderer
  requireFabricBinaries
  [ -f "$NETWORK_DIR/dist/index.js" ] || fatal "$NETWORK_DIR/dist is missing: run \`npm ci && npm run build\` at the repository root first"
  createStateDir
  writeMaterial
  writeConfiguration
  createChannelBlock
  for orderer in "${ORDERERS[@]}"; do startOrderer "$orderer"; done
  for orderer in "${ORDERERS[@]}"; do joinOrderer "$orderer"; done
  waitForRaftLeader
  for org in "${PEER_ORGS[@]}"; do startPeer "$org"; done
  for org in "${PEER_ORGS[@]}"; do joinPeer "$org"; done
  restartChaincodeServer
  info "network up: channel '$CHANNEL' on ${#ORDERERS[@]} orderers and ${#PEER_ORGS[@]} peers; connection profile: $PROFILE"
  if [ ! -f "$CHAINCODE_DIR/current" ]; then
    info "next: $0 deploy"
  fi
}

createStateDir() {
  if [ -d "$STATE_DIR" ] && [ ! -f "$STATE_DIR/$STATE_MARKER" ] && [ -n "$(ls -A "$STATE_DIR")" ]; then
    fatal "$STATE_DIR exists, is not empty, and was not made by this script: choose another SUITRUST_FABRIC_HOME"
  fi
  mkdir -p "$STATE_DIR" "$CONFIG_DIR" "$DATA_DIR" "$LOG_DIR" "$PID_DIR" "$CHAINCODE_DIR" "$(dirname "$GENESIS_BLOCK")"
  chmod 700 "$STATE_DIR"
  touch "$STATE_DIR/$STATE_MARKER"
}

# Crypto material and the connection profile: written once, read back on later runs.
writeMaterial() {
  local args=(--directory "$MATERIAL_DIR" --profile "$PROFILE") org orderer
  for org in "${PEER_ORGS[@]}"; do
    orgValues "$org"
    args+=(--peer "$ORG_MSP=$PEER_PORT")
  done
  for orderer in "${ORDERERS[@]}"; do
    ordererValues "$orderer"
    args+=(--orderer "$ORDERER_PORT")
  done
  node "$SCRIPTS_DIR/material.js" "${args[@]}"
}

# Each node's own configuration folder, rendered from network/fabric/.
writeConfiguration() {
  local org orderer
  for orderer in "${ORDERERS[@]}"; do
    ordererValues "$orderer"
    render "$TEMPLATES_DIR/orderer.yaml" "$ORDERER_CONFIG/orderer.yaml" \
      ORDERER_PORT="$ORDERER_PORT" ORDERER_ADMIN_PORT="$ORDERER_ADMIN_PORT" ORDERER_OPERATIONS_PORT="$ORDERER_OPERATIONS_PORT" \
      ORDERER_DIR="$ORDERER_DIR" ORDERER_DATA="$ORDERER_DATA" ORDERER_MSP_ID="$ORDERER_MSP"
  done
  for org in "${PEER_ORGS[@]}"; do
    orgValues "$org"
    render "$TEMPLATES_DIR/core.yaml" "$PEER_CONFIG/core.yaml" \
      PEER_HOST="$PEER_HOST" PEER_PORT="$PEER_PORT" PEER_CHAINCODE_PORT="$PEER_CHAINCODE_PORT" PEER_OPERATIONS_PORT="$PEER_OPERATIONS_PORT" \
      PEER_DIR="$PEER_DIR" PEER_DATA="$PEER_DATA" PEER_MSP_ID="$ORG_MSP" CCAAS_BUILDER_DIR="$CCAAS_BUILDER_DIR"
  done
  local ports=()
  for orderer in "${ORDERERS[@]}"; do
    ordererValues "$orderer"
    ports+=("$ORDERER_PORT")
  done
  orgValues databureau; local databureau=$PEER_PORT
  orgValues market; local market=$PEER_PORT
  orgValues court; local court=$PEER_PORT
  render "$TEMPLATES_DIR/configtx.yaml" "$CONFIG_DIR/configtx/configtx.yaml" \
    ORGS="$ORGS_DIR" ORDERER1_PORT="${ports[0]}" ORDERER2_PORT="${ports[1]}" ORDERER3_PORT="${ports[2]}" \
    DATABUREAU_PEER_PORT="$databureau" MARKET_PEER_PORT="$market" COURT_PEER_PORT="$court"
}

# The channel's genesis block (no system channel: orderers and peers join with this block).
createChannelBlock() {
  if [ -f "$GENESIS_BLOCK" ]; then
    return 0
  fi
  info "creating the genesis block of channel '$CHANNEL'"
  FABRIC_CFG_PATH=$CONFIG_DIR/configtx configtxgen -profile SuiTrustChannel -channelID "$CHANNEL" \
    -outputBlock "$GENESIS_BLOCK.partial" >>"$LOG_DIR/configtxgen.log" 2>&1 ||
    fatal "configtxgen failed: see $LOG_DIR/configtxgen.log"
  mv "$GENESIS_BLOCK.partial" "$GENESIS_BLOCK"
}

startOrderer() {
  ordererValues "$1"
  mkdir -p "$ORDERER_DATA"
  requirePortsFree "$ORDERER_HOST" "$ORDERER_PORT" "$ORDERER_ADMIN_PORT" "$ORDERER_OPERATIONS_PORT"
  FABRIC_CFG_PATH=$ORDERER_CONFIG startProcess "$ORDERER_HOST" "$FABRIC_BIN_DIR/orderer"
  waitForListener "$ORDERER_HOST" "$ORDERER_ADMIN_PORT"
}

# osnadmin authenticates with a TLS client certificate from the ordering organisation's TLS CA:
# the orderer's own TLS pair, as Fabric's test-network does.
osnadminArgs() {
  ordererValues "$1"
  OSNADMIN_ARGS=(-o "localhost:$ORDERER_ADMIN_PORT" --ca-file "$ORDERER_TLS_CA"
    --client-cert "$ORDERER_DIR/tls/server.crt" --client-key "$ORDERER_DIR/tls/server.key")
}

joinOrderer() {
  osnadminArgs "$1"
  if osnadmin channel list --channelID "$CHANNEL" "${OSNADMIN_ARGS[@]}" 2>/dev/null | grep '"name"' >/dev/null; then
    return 0
  fi
  info "joining $ORDERER_HOST to '$CHANNEL'"
  osnadmin channel join --channelID "$CHANNEL" --config-block "$GENESIS_BLOCK" "${OSNADMIN_ARGS[@]}" >>"$LOG_DIR/osnadmin.log" 2>&1 ||
    fatal "osnadmin channel join failed for $ORDERER_HOST: see $LOG_DIR/osnadmin.log"
}

# Until the orderers elect a leader (about 5 s: ElectionTick × TickInterval), every transaction
# is refused with "no Raft leader". The leader says so in its operations endpoint's metrics.
waitForRaftLeader() {
  if ! command -v curl >/dev/null 2>&1; then
    info "curl not found: not waiting for the orderers to elect a Raft leader"
    return 0
  fi
  waitFor 60 "the orderers to elect a Raft leader of '$CHANNEL'" raftLeaderElected
}

raftLeaderElected() {
  local orderer
  for orderer in "${ORDERERS[@]}"; do
    ordererValues "$orderer"
    if curl -fsS --cacert "$ORDERER_TLS_CA" --cert "$ORDERER_DIR/tls/server.crt" --key "$ORDERER_DIR/tls/server.key" \
      "https://localhost:$ORDERER_OPERATIONS_PORT/metrics" 2>/dev/null |
      grep "^consensus_etcdraft_is_leader{channel=\"$CHANNEL\"} 1" >/dev/null; then
      return 0
    fi
  done
  return 1
}

startPeer() {
  orgValues "$1"
  mkdir -p "$PEER_DATA"
  requirePortsFree "$PEER_HOST" "$PEER_PORT" "$PEER_CHAINCODE_PORT" "$PEER_OPERATIONS_PORT"
  # An empty CORE_VM_ENDPOINT as well as the empty vm.endpoint: no Docker, whatever the caller's
  # environment says.
  FABRIC_CFG_PATH=$PEER_CONFIG CORE_VM_ENDPOINT= startProcess "$PEER_HOST" "$FABRIC_BIN_DIR/peer" node start
  waitForListener "$PEER_HOST" "$PEER_PORT"
}

joinPeer() {
  usePeerCli "$1"
  if peer channel list 2>/dev/null | grep -x "$CHANNEL" >/dev/null; then
    return 0
  fi
  info "joining $PEER_HOST to '$CHANNEL'"
  # The join needs only the genesis block; the peer then pulls later blocks from the orderers.
  # Retried: a peer that has just started may not answer its CLI yet.
  waitFor 60 "$PEER_HOST to join '$CHANNEL'" peer channel join -b "$GENESIS_BLOCK"
}

# ---- status ---------------------------------------------------------------------------------

networkStatus() {
  requireFabricBinaries
  if [ ! -f "$STATE_DIR/$STATE_MARKER" ]; then
    echo "no network in $STATE_DIR (run: $0 up)"
    return 0
  fi
  local orderer org name pid height
  for orderer in "${ORDERERS[@]}"; do
    ordererValues "$orderer"
    if pid=$(pidOf "$ORDERER_HOST"); then
      osnadminArgs "$orderer"
      height=$(osnadmin channel list --channelID "$CHANNEL" "${OSNADMIN_ARGS[@]}" 2>/dev/null |
        node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{const j=JSON.parse(s.slice(s.indexOf("{")));console.log(`${j.status} ${j.consensusRelation}, height ${j.height}`)}catch{console.log("not joined")}})' ||
        true)
      printf '%-28s running (pid %s) localhost:%s  %s: %s\n' "$ORDERER_HOST" "$pid" "$ORDERER_PORT" "$CHANNEL" "$height"
    else
      printf '%-28s stopped\n' "$ORDERER_HOST"
    fi
  done
  for org in "${PEER_ORGS[@]}"; do
    orgValues "$org"
    if pid=$(pidOf "$PEER_HOST"); then
      usePeerCli "$org"
      height=$(peer channel getinfo -c "$CHANNEL" 2>/dev/null | sed -n 's/.*"height":\([0-9]*\).*/height \1/p' || true)
      printf '%-28s running (pid %s) localhost:%s  %s: %s\n' "$PEER_HOST" "$pid" "$PEER_PORT" "$CHANNEL" "${height:-not joined}"
    else
      printf '%-28s stopped\n' "$PEER_HOST"
    fi
  done
  chaincodeStatus
  echo "connection profile: $PROFILE"
}

# ---- down, clean ----------------------------------------------------------------------------

networkDown() {
  # Only pids this script recorded, in a state folder it made.
  [ -f "$STATE_DIR/$STATE_MARKER" ] && [ -d "$PID_DIR" ] || return 0
  local org orderer
  stopChaincodeServers ""
  for org in "${PEER_ORGS[@]}"; do
    orgValues "$org"
    stopProcess "$PEER_HOST"
  done
  for orderer in "${ORDERERS[@]}"; do
    ordererValues "$orderer"
    stopProcess "$ORDERER_HOST"
  done
}

networkClean() {
  networkDown
  if [ -d "$STATE_DIR" ]; then
    [ -f "$STATE_DIR/$STATE_MARKER" ] || fatal "$STATE_DIR was not made by this script: not removing it"
    rm -rf "$STATE_DIR"
    info "removed $STATE_DIR"
  fi
}

# ---- main -----------------------------------------------------------------------------------

case "${1:-}" in
  up) networkUp ;;
  deploy) requireFabricBinaries; deployChaincode "${2:-}" ;;
  status) networkStatus ;;
  down) networkDown ;;
  clean) networkClean ;;
  -h | --help | help) usage ;;
  *)
    usage >&2
    exit 2
    ;;
esac
