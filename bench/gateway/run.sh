#!/usr/bin/env bash
# Latency the gateway and Kafka add over calling sandbox-llm directly: p50/p99 at 50 and 200 requests/s
# (non-streamed) and the time to first token of streams. Starts the platform with ./marco up (ports from the usual
# MARCO_*_PORT variables), makes an API key with ./marco keys create, runs bench/gateway/GatewayLoad.java, and
# leaves the platform running (./marco down stops it).
#   bench/gateway/run.sh [seconds per run, default 20] [rates..., default 50 200]
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_RUN="${1:-20}"
shift || true
RATES=("${@:-}")
if [ -z "${RATES[*]}" ]; then RATES=(50 200); fi

./marco up >/dev/null
GATEWAY_PORT="${MARCO_GATEWAY_PORT:-8080}"
SANDBOX_PORT="${MARCO_SANDBOX_PORT:-8090}"
KEY="$(./marco keys create --name "bench-$(date +%s)" | tail -n 1)"
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -n 1)"
echo "target: p99 added by gateway+Kafka <= 10 ms at 200 req/s"
java -Xmx256m bench/gateway/GatewayLoad.java "http://127.0.0.1:${SANDBOX_PORT}/v1" \
    "http://127.0.0.1:${GATEWAY_PORT}/v1" "$KEY" "$SECONDS_PER_RUN" "${RATES[@]}"
