# Sourced by the generator benchmarks: where the checkout and the reference files are, and a port block and run
# folder of their own (22000+, /tmp/marco-bench-run), so a running demo is not disturbed. Every value can be
# overridden with the usual MARCO_* variables.
HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
REFERENCE="${BENCH_REFERENCE:-$HOME_DIR/../shared/reference/marco-o1}"
[ -f "$REFERENCE/demo_config.json" ] || REFERENCE=/work/shared/reference/marco-o1

export MARCO_RUN_DIR="${MARCO_RUN_DIR:-/tmp/marco-bench-run}"
export MARCO_DB_PREFIX="${MARCO_DB_PREFIX:-marco_bench}"
export MARCO_GATEWAY_PORT="${MARCO_GATEWAY_PORT:-22080}"
export MARCO_GENERATOR_PORT="${MARCO_GENERATOR_PORT:-22081}"
export MARCO_VERIFIER_PORT="${MARCO_VERIFIER_PORT:-22082}"
export MARCO_CRITIC_PORT="${MARCO_CRITIC_PORT:-22083}"
export MARCO_INFERENCE_PORT="${MARCO_INFERENCE_PORT:-22084}"
export MARCO_SANDBOX_PORT="${MARCO_SANDBOX_PORT:-22090}"
export MARCO_KAFKA_PORT="${MARCO_KAFKA_PORT:-22092}"
export MARCO_KAFKA_CONTROLLER_PORT="${MARCO_KAFKA_CONTROLLER_PORT:-22093}"

GEN="http://127.0.0.1:$MARCO_GENERATOR_PORT"
SANDBOX="http://127.0.0.1:$MARCO_SANDBOX_PORT"
