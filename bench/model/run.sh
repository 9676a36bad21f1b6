#!/usr/bin/env bash
# Training tokens/s (SFT) and sampling tokens/s (batch 1 and batched, KV cache) of the embedded small model on this
# machine's CPU, with the default model config (about 0.85M parameters) or the config file given.
#   bench/model/run.sh [config.json] [train steps, default 30] [sampled tokens, default 200]
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q -B -pl small-model -am install -DskipTests >/dev/null
CP_FILE="$(mktemp)"
trap 'rm -f "$CP_FILE"' EXIT
mvn -q -B -pl small-model dependency:build-classpath -Dmdep.outputFile="$CP_FILE" >/dev/null
java -Dai.djl.offline=true -cp "small-model/target/classes:$(cat "$CP_FILE")" \
    dev.marcoforge.model.bench.ModelBenchmark "${1:-}" "${2:-30}" "${3:-200}"
