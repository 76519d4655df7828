#!/usr/bin/env bash
# Sourced by network.sh and deployChaincode.sh: where the network's files live, which ports its
# processes listen on, the organisation table, and small helpers. Nothing here starts anything.
#
# Settings (environment variables, all optional):
#   FABRIC_BIN                   folder of Fabric 2.5's release binaries (peer, orderer,
#                                configtxgen, osnadmin), or the release's root holding bin/;
#                                else they are looked up on PATH
#   SUITRUST_FABRIC_HOME         the state folder: material, configuration, ledgers, logs, pids
#                                (default: <repository>/.suitrust/fabric, which git ignores)
#   SUITRUST_FABRIC_PORT_OFFSET  added to every port below (default 10000: peers 17051, 18051, 19051)
#   SUITRUST_ENDORSEMENT         any | majority | all: the chaincode's endorsement policy (default any)
#   SUITRUST_CHAINCODE_PACKAGE   the built chaincode package (default <repository>/chaincode/package)
#   SUITRUST_CCAAS_BUILDER       the external builder the peers use (default ./ccaasBuilder)

SCRIPTS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
NETWORK_DIR=$(dirname "$SCRIPTS_DIR")
REPO_DIR=$(dirname "$NETWORK_DIR")
TEMPLATES_DIR=$NETWORK_DIR/fabric

STATE_DIR=${SUITRUST_FABRIC_HOME:-$REPO_DIR/.suitrust/fabric}
PORT_OFFSET=${SUITRUST_FABRIC_PORT_OFFSET:-10000}
ENDORSEMENT=${SUITRUST_ENDORSEMENT:-any}
CHAINCODE_PACKAGE_DIR=${SUITRUST_CHAINCODE_PACKAGE:-$REPO_DIR/chaincode/package}
CCAAS_BUILDER_DIR=${SUITRUST_CCAAS_BUILDER:-$SCRIPTS_DIR/ccaasBuilder}

# The channel and the chaincode's name on it, as the embedded network names them.
CHANNEL=suitrust
CHAINCODE=suitrust

# A marker that says a folder is a state folder this script made, so `clean` never removes
# anything else.
STATE_MARKER=.suitrust-fabric-state
MATERIAL_DIR=$STATE_DIR/material
ORGS_DIR=$MATERIAL_DIR/organizations
CONFIG_DIR=$STATE_DIR/config
DATA_DIR=$STATE_DIR/data
LOG_DIR=$STATE_DIR/logs
PID_DIR=$STATE_DIR/pids
CHAINCODE_DIR=$STATE_DIR/chaincode
GENESIS_BLOCK=$STATE_DIR/channel/$CHANNEL.block
PROFILE=$STATE_DIR/connection-profile.json

# ---- the organisations ----------------------------------------------------------------------
# SuiTrust's default city (network/src/bootstrap/cityOrganisations.ts). material.js refuses to
# run when this table and the organisation data disagree; network/fabric/configtx.yaml lists the
# same organisations.
#
#   node       MSP                  listen  chaincode  operations  (before the offset)
#   databureau DataBureauMSP        7051    7052       7444
#   market     MarketRegulationMSP  8051    8052       8444
#   court      InternetCourtMSP     9051    9052       9444
#   orderer    OrdererMSP           7050    admin 7053 7443
#   orderer2   OrdererMSP           8050    admin 8053 8443
#   orderer3   OrdererMSP           9050    admin 9053 9443
#   chaincode server (chaincode as a service): 9900 + the definition's sequence (mod 100)
PEER_ORGS=(databureau market court)
ORDERERS=(orderer orderer2 orderer3)
ORDERER_MSP=OrdererMSP
ORDERER_DOMAIN=suitrust.local
ORDERER_TLS_CA=$ORGS_DIR/ordererOrganizations/$ORDERER_DOMAIN/msp/tlscacerts/tlsca.$ORDERER_DOMAIN-cert.pem

# orgValues ORG: sets ORG_MSP, ORG_DOMAIN, the peer's host, ports and folders.
orgValues() {
  local base
  case $1 in
    databureau) ORG_MSP=DataBureauMSP ORG_DOMAIN=databureau.suitrust.local base=7000 ;;
    market) ORG_MSP=MarketRegulationMSP ORG_DOMAIN=market.suitrust.local base=8000 ;;
    court) ORG_MSP=InternetCourtMSP ORG_DOMAIN=court.suitrust.local base=9000 ;;
    *) fatal "unknown organisation '$1' (expected one of: ${PEER_ORGS[*]})" ;;
  esac
  PEER_HOST=peer0.$ORG_DOMAIN
  PEER_PORT=$((base + 51 + PORT_OFFSET))
  PEER_CHAINCODE_PORT=$((base + 52 + PORT_OFFSET))
  PEER_OPERATIONS_PORT=$((base + 444 + PORT_OFFSET))
  ORG_DIR=$ORGS_DIR/peerOrganizations/$ORG_DOMAIN
  PEER_DIR=$ORG_DIR/peers/$PEER_HOST
  PEER_TLS_ROOT=$PEER_DIR/tls/ca.crt
  PEER_ADMIN_MSP=$ORG_DIR/users/PeerAdmin@$ORG_DOMAIN/msp
  PEER_CONFIG=$CONFIG_DIR/$PEER_HOST
  PEER_DATA=$DATA_DIR/$PEER_HOST
}

# ordererValues ORDERER: sets the orderer's host, ports and folders.
ordererValues() {
  local base
  case $1 in
    orderer) base=7000 ;;
    orderer2) base=8000 ;;
    orderer3) base=9000 ;;
    *) fatal "unknown orderer '$1' (expected one of: ${ORDERERS[*]})" ;;
  esac
  ORDERER_HOST=$1.$ORDERER_DOMAIN
  ORDERER_PORT=$((base + 50 + PORT_OFFSET))
  ORDERER_ADMIN_PORT=$((base + 53 + PORT_OFFSET))
  ORDERER_OPERATIONS_PORT=$((base + 443 + PORT_OFFSET))
  ORDERER_DIR=$ORGS_DIR/ordererOrganizations/$ORDERER_DOMAIN/orderers/$ORDERER_HOST
  ORDERER_CONFIG=$CONFIG_DIR/$ORDERER_HOST
  ORDERER_DATA=$DATA_DIR/$ORDERER_HOST
}

# usePeerCli ORG: points the `peer` CLI at ORG's peer, acting as the organisation's administrator.
usePeerCli() {
  orgValues "$1"
  export FABRIC_CFG_PATH=$PEER_CONFIG
  export CORE_PEER_LOCALMSPID=$ORG_MSP
  export CORE_PEER_MSPCONFIGPATH=$PEER_ADMIN_MSP
  export CORE_PEER_ADDRESS=localhost:$PEER_PORT
  export CORE_PEER_TLS_ENABLED=true
  export CORE_PEER_TLS_ROOTCERT_FILE=$PEER_TLS_ROOT
}

# The orderer the CLI sends configuration and lifecycle transactions to.
ordererCliArgs() {
  ordererValues orderer
  ORDERER_ARGS=(-o "localhost:$ORDERER_PORT" --tls --cafile "$ORDERER_TLS_CA")
}

# ---- binaries -------------------------------------------------------------------------------

# findFabricBinaries: sets FABRIC_BIN_DIR to the folder holding peer, orderer, configtxgen and
# osnadmin, or leaves it empty.
findFabricBinaries() {
  local candidate tool
  FABRIC_BIN_DIR=
  if [ -n "${FABRIC_BIN:-}" ]; then
    candidate=$FABRIC_BIN
    [ -x "$candidate/bin/peer" ] && candidate=$candidate/bin
  elif command -v peer >/dev/null 2>&1; then
    candidate=$(dirname "$(command -v peer)")
  else
    return 0
  fi
  for tool in peer orderer configtxgen osnadmin; do
    [ -x "$candidate/$tool" ] || return 0
  done
  FABRIC_BIN_DIR=$candidate
}

# requireFabricBinaries: the one line, and a clean exit, when the binaries are absent.
requireFabricBinaries() {
  findFabricBinaries
  if [ -z "$FABRIC_BIN_DIR" ]; then
    echo "network.sh: skipped: no Fabric binaries (peer, orderer, configtxgen, osnadmin): set FABRIC_BIN to the folder of Fabric 2.5's release binaries, or put them on PATH"
    exit 0
  fi
  PATH=$FABRIC_BIN_DIR:$PATH
}

# ---- helpers --------------------------------------------------------------------------------

fatal() {
  echo "network.sh: $*" >&2
  exit 1
}

info() {
  echo "==> $*"
}

# render TEMPLATE OUTPUT NAME=VALUE...: copies a template of network/fabric/, replacing each
# {{NAME}}; fails if a placeholder outside a comment is left.
render() {
  local template=$1 output=$2 pair name value
  shift 2
  local expressions=()
  for pair in "$@"; do
    name=${pair%%=*}
    value=${pair#*=}
    value=$(printf '%s' "$value" | sed -e 's/[\\&|]/\\&/g')
    expressions+=(-e "s|{{$name}}|$value|g")
  done
  mkdir -p "$(dirname "$output")"
  sed "${expressions[@]}" "$template" >"$output"
  local left
  left=$(grep -v '^[[:space:]]*#' "$output" | grep -o '{{[A-Z0-9_]*}}' | sort -u | tr '\n' ' ' || true)
  [ -z "$left" ] || fatal "$output: placeholders left unfilled: $left"
}

# portOpen PORT: whether something accepts connections on 127.0.0.1:PORT.
portOpen() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# waitFor SECONDS DESCRIPTION COMMAND...: retries COMMAND once a second until it succeeds.
waitFor() {
  local seconds=$1 description=$2
  shift 2
  local i
  for ((i = 0; i < seconds; i++)); do
    if "$@" >/dev/null 2>&1; then
      return 0
    fi
    sleep 1
  done
  fatal "timed out after ${seconds}s waiting for $description (logs: $LOG_DIR)"
}

# requirePortsFree NAME PORT...: before starting NAME, that no other program holds its ports
# (else waiting for NAME to listen would find the other program).
requirePortsFree() {
  local name=$1 port
  shift
  pidOf "$name" >/dev/null && return 0
  for port in "$@"; do
    if portOpen "$port"; then
      fatal "port $port, which $name needs, is in use by another program (another network? set SUITRUST_FABRIC_PORT_OFFSET)"
    fi
  done
}

# waitForListener NAME PORT: waits until the process NAME listens on PORT; fails at once if it exits.
waitForListener() {
  local name=$1 port=$2 i
  for ((i = 0; i < 60; i++)); do
    if ! pidOf "$name" >/dev/null; then
      fatal "$name exited; the end of $LOG_DIR/$name.log:
$(tail -n 5 "$LOG_DIR/$name.log" 2>/dev/null)"
    fi
    portOpen "$port" && return 0
    sleep 1
  done
  fatal "timed out after 60s waiting for $name to listen on $port (log: $LOG_DIR/$name.log)"
}

# pidOf NAME: the pid of a process this script started, if it still runs that program.
pidOf() {
  local file=$PID_DIR/$1.pid pid program
  [ -f "$file" ] || return 1
  read -r pid program <"$file" || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  # A recycled pid belongs to another program: never signal it. Just after the start, the
  # process may still be setsid about to exec the program (seen under load): that is ours too.
  case "$(ps -o comm= -p "$pid" 2>/dev/null)" in
    "$program" | setsid) ;;
    *) return 1 ;;
  esac
  echo "$pid"
}

# startProcess NAME COMMAND...: starts COMMAND in the background, detached from this shell's
# session where setsid exists, logging to logs/NAME.log; records "pid program" in pids/NAME.pid.
startProcess() {
  local name=$1
  shift
  if pidOf "$name" >/dev/null; then
    info "$name is already running (pid $(pidOf "$name"))"
    return 0
  fi
  mkdir -p "$LOG_DIR" "$PID_DIR"
  if command -v setsid >/dev/null 2>&1; then
    setsid "$@" >>"$LOG_DIR/$name.log" 2>&1 </dev/null &
  else
    nohup "$@" >>"$LOG_DIR/$name.log" 2>&1 </dev/null &
  fi
  local pid=$!
  echo "$pid $(basename "$1")" >"$PID_DIR/$name.pid"
  info "started $name (pid $pid, log $LOG_DIR/$name.log)"
}

# stopProcess NAME: SIGTERM, then SIGKILL after 15 s, to the one process recorded for NAME.
stopProcess() {
  local name=$1 pid i
  if pid=$(pidOf "$name"); then
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 15; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 1
    done
    if kill -0 "$pid" 2>/dev/null; then
      kill -KILL "$pid" 2>/dev/null || true
    fi
    info "stopped $name (pid $pid)"
  fi
  rm -f "$PID_DIR/$name.pid"
}
