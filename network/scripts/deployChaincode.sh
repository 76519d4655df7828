#!/usr/bin/env bash
# Sourced by network.sh: deploys SuiTrust's chaincode as a service (Fabric 2.5 "chaincode as an
# external service"), with no Docker and no build on the peers.
#
# One deploy = one sequence of the chaincode definition:
#   1. a ccaas package: metadata.json {type: ccaas, label} and code.tar.gz holding connection.json
#      (the chaincode server's address, 127.0.0.1:<9900 + sequence>, and its TLS root);
#   2. installed on every peer (their external builder, ccaasBuilder/, just passes
#      connection.json on), approved by every organisation, committed with the endorsement
#      policy SUITRUST_ENDORSEMENT (any, majority or all of the organisations' peers);
#   3. the chaincode server: a copy of chaincode/package/ (the same directory Fabric's node builder
#      would install), `npm ci --omit=dev`, then `fabric-chaincode-node server` with the package
#      id, TLS on. It starts before the commit, so the new definition has a server from its
#      first transaction; the previous sequence's server stops after the commit;
#   4. done when every peer answers, and every peer's Gateway can gather the endorsements the
#      policy asks for (gatewayReady.js).
# Each sequence has its own folder, chaincode/seq<N>/, and its own port, so servers never clash.

CHAINCODE_PORT_BASE=9900

# policyFor any|majority|all: the chaincode's endorsement policy over the peer organisations.
policyFor() {
  local members=() org
  for org in "${PEER_ORGS[@]}"; do
    orgValues "$org"
    members+=("'$ORG_MSP.peer'")
  done
  local list
  list=$(IFS=,; echo "${members[*]}")
  case $1 in
    any) echo "OR($list)" ;;
    majority) echo "OutOf($(((${#members[@]} / 2) + 1)),$list)" ;;
    all) echo "AND($list)" ;;
    *) fatal "SUITRUST_ENDORSEMENT: expected any, majority or all, got '$1'" ;;
  esac
}

# committedSequence: the committed definition's sequence, or 0.
committedSequence() {
  usePeerCli "${PEER_ORGS[0]}"
  # Not yet defined: the query fails (404), and the answer is 0.
  { peer lifecycle chaincode querycommitted -C "$CHANNEL" -n "$CHAINCODE" -O json 2>/dev/null || true; } |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{console.log(JSON.parse(s).sequence??0)}catch{console.log(0)}})'
}

chaincodePort() {
  echo $((CHAINCODE_PORT_BASE + PORT_OFFSET + $1 % 100))
}

# writeCcaasPackage DIR LABEL PORT: DIR/suitrust.tar.gz, a chaincode-as-a-service package.
writeCcaasPackage() {
  local dir=$1 label=$2 port=$3
  mkdir -p "$dir/package/code"
  # JSON through node: the TLS root is a multi-line PEM.
  node -e '
    const fs = require("node:fs");
    const [dir, label, address, rootCert] = process.argv.slice(1);
    fs.writeFileSync(`${dir}/package/code/connection.json`, JSON.stringify({
      address, dial_timeout: "10s", tls_required: true, client_auth_required: false,
      root_cert: fs.readFileSync(rootCert, "utf8"),
    }, null, 2) + "\n");
    fs.writeFileSync(`${dir}/package/metadata.json`, JSON.stringify({ type: "ccaas", label }) + "\n");
  ' "$dir" "$label" "127.0.0.1:$port" "$MATERIAL_DIR/chaincode/tls/ca.crt"
  tar -C "$dir/package/code" -czf "$dir/package/code.tar.gz" connection.json
  tar -C "$dir/package" -czf "$dir/$CHAINCODE.tar.gz" metadata.json code.tar.gz
}

# startChaincodeServer SEQUENCE: runs chaincode/seq<N>/server under the package id in its folder.
startChaincodeServer() {
  local sequence=$1 dir=$CHAINCODE_DIR/seq$1
  local server=$dir/server packageId
  packageId=$(cat "$dir/package-id")
  requirePortsFree "chaincode-seq$sequence" "$(chaincodePort "$sequence")"
  startProcess "chaincode-seq$sequence" node "$server/node_modules/.bin/fabric-chaincode-node" server \
    --module-path "$server" \
    --chaincode-address "127.0.0.1:$(chaincodePort "$sequence")" \
    --chaincode-id "$packageId" \
    --chaincode-tls-cert-file "$MATERIAL_DIR/chaincode/tls/server.crt" \
    --chaincode-tls-key-file "$MATERIAL_DIR/chaincode/tls/server.key"
  waitForListener "chaincode-seq$sequence" "$(chaincodePort "$sequence")"
}

# stopChaincodeServers KEEP: stops every chaincode server but sequence KEEP's (all when empty).
stopChaincodeServers() {
  local keep=$1 file name
  for file in "$PID_DIR"/chaincode-seq*.pid; do
    [ -e "$file" ] || continue
    name=$(basename "$file" .pid)
    [ "$name" = "chaincode-seq$keep" ] && continue
    stopProcess "$name"
  done
}

# After `down`, `up` brings the committed sequence's server back.
restartChaincodeServer() {
  [ -f "$CHAINCODE_DIR/current" ] || return 0
  startChaincodeServer "$(cat "$CHAINCODE_DIR/current")"
  waitForGateways
}

# waitForGateways: until every peer's Gateway can gather the endorsements the chaincode's policy
# asks for (gossip must first tell it about the other organisations' peers): gatewayReady.js.
waitForGateways() {
  local args=(--profile "$PROFILE" --timeout 120) org
  for org in "${PEER_ORGS[@]}"; do
    orgValues "$org"
    args+=(--peer "localhost:$PEER_PORT,$PEER_TLS_ROOT,$PEER_HOST")
  done
  node "$SCRIPTS_DIR/gatewayReady.js" "${args[@]}" >>"$LOG_DIR/gateway-ready.log" 2>&1 ||
    fatal "a peer's Gateway cannot gather endorsements for '$CHAINCODE': see $LOG_DIR/gateway-ready.log"
}

deployChaincode() {
  local version=${1:-}
  [ -f "$STATE_DIR/$STATE_MARKER" ] || fatal "no network in $STATE_DIR: run \`$0 up\` first"
  [ -f "$CHAINCODE_PACKAGE_DIR/dist/index.js" ] || fatal "$CHAINCODE_PACKAGE_DIR is not built: run \`npm run build\` at the repository root first"
  local policy sequence label dir packageId org
  policy=$(policyFor "$ENDORSEMENT")
  sequence=$(committedSequence)
  sequence=$((sequence + 1))
  if [ -z "$version" ]; then
    version=$(node -p "require('$CHAINCODE_PACKAGE_DIR/package.json').version")-$sequence
  fi
  [[ $version =~ ^[A-Za-z0-9_.+-]+$ ]] || fatal "version '$version': use letters, digits and . _ + - only"
  label=${CHAINCODE}_$version
  dir=$CHAINCODE_DIR/seq$sequence
  info "deploying chaincode '$CHAINCODE' version $version as sequence $sequence (endorsement: $ENDORSEMENT)"

  # What a failed deploy of this sequence left behind.
  stopProcess "chaincode-seq$sequence"
  rm -rf "$dir"
  mkdir -p "$dir"
  writeCcaasPackage "$dir" "$label" "$(chaincodePort "$sequence")"
  usePeerCli "${PEER_ORGS[0]}"
  packageId=$(peer lifecycle chaincode calculatepackageid "$dir/$CHAINCODE.tar.gz") || fatal "peer lifecycle chaincode calculatepackageid failed"
  echo "$packageId" >"$dir/package-id"

  for org in "${PEER_ORGS[@]}"; do
    usePeerCli "$org"
    if ! peer lifecycle chaincode queryinstalled 2>/dev/null | grep "$packageId" >/dev/null; then
      info "installing $label on $PEER_HOST"
      peer lifecycle chaincode install "$dir/$CHAINCODE.tar.gz" >>"$LOG_DIR/lifecycle.log" 2>&1 ||
        fatal "install on $PEER_HOST failed: see $LOG_DIR/lifecycle.log"
    fi
  done

  info "preparing the chaincode server (npm ci --omit=dev in $dir/server)"
  mkdir -p "$dir/server"
  cp -R "$CHAINCODE_PACKAGE_DIR/." "$dir/server/"
  (cd "$dir/server" && npm ci --omit=dev --no-audit --no-fund --prefer-offline) >>"$LOG_DIR/chaincode-npm.log" 2>&1 ||
    fatal "npm ci of the chaincode failed: see $LOG_DIR/chaincode-npm.log"
  startChaincodeServer "$sequence"

  ordererCliArgs
  for org in "${PEER_ORGS[@]}"; do
    usePeerCli "$org"
    info "approving for $ORG_MSP"
    peer lifecycle chaincode approveformyorg "${ORDERER_ARGS[@]}" -C "$CHANNEL" -n "$CHAINCODE" \
      --version "$version" --package-id "$packageId" --sequence "$sequence" --signature-policy "$policy" \
      >>"$LOG_DIR/lifecycle.log" 2>&1 || fatal "approval by $ORG_MSP failed: see $LOG_DIR/lifecycle.log"
  done

  local peerArgs=()
  for org in "${PEER_ORGS[@]}"; do
    orgValues "$org"
    peerArgs+=(--peerAddresses "localhost:$PEER_PORT" --tlsRootCertFiles "$PEER_TLS_ROOT")
  done
  usePeerCli "${PEER_ORGS[0]}"
  info "committing sequence $sequence"
  peer lifecycle chaincode commit "${ORDERER_ARGS[@]}" -C "$CHANNEL" -n "$CHAINCODE" \
    --version "$version" --sequence "$sequence" --signature-policy "$policy" "${peerArgs[@]}" \
    >>"$LOG_DIR/lifecycle.log" 2>&1 || fatal "commit failed: see $LOG_DIR/lifecycle.log"
  echo "$sequence" >"$CHAINCODE_DIR/current"

  # Every peer reaches the new server: the contract API's own metadata call, on each.
  for org in "${PEER_ORGS[@]}"; do
    usePeerCli "$org"
    waitFor 60 "$PEER_HOST to run sequence $sequence" \
      peer chaincode query -C "$CHANNEL" -n "$CHAINCODE" -c '{"function":"org.hyperledger.fabric:GetMetadata","Args":[]}'
  done
  stopChaincodeServers "$sequence"
  waitForGateways
  info "chaincode '$CHAINCODE' $version (sequence $sequence, package $packageId) answers on every peer"
}

chaincodeStatus() {
  if [ ! -f "$CHAINCODE_DIR/current" ]; then
    echo "chaincode: not deployed"
    return 0
  fi
  local sequence pid
  sequence=$(cat "$CHAINCODE_DIR/current")
  if pid=$(pidOf "chaincode-seq$sequence"); then
    echo "chaincode: sequence $sequence, package $(cat "$CHAINCODE_DIR/seq$sequence/package-id"), server running (pid $pid) on 127.0.0.1:$(chaincodePort "$sequence")"
  else
    echo "chaincode: sequence $sequence, server stopped"
  fi
}
