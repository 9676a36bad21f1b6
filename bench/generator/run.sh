#!/usr/bin/env bash
# Generator throughput benchmark: the reference demo config (demo_config.json, unchanged but for the model URLs,
# which point at this platform's sandbox-llm) on the first N problems of latter_count_hard.json, once per sandbox
# latency. The whole platform runs as for `./marco up` (every service its own JVM, real Kafka and PostgreSQL).
# Prints problems/min, rollouts/min (and /s), model calls/s, mean rollouts per problem, success rate and peak RSS
# per process.
#
#   bench/generator/run.sh                       # 50 problems at 100ms and at 0ms per call, capacity 64
#   BENCH_PROBLEMS=10 BENCH_LATENCIES="100ms" bench/generator/run.sh
#
# Ports and run folder default to a block of their own (override with the usual MARCO_* variables). Set
# MARCO_NO_BUILD=1 when the modules are built already.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
PROBLEMS="${BENCH_PROBLEMS:-50}"
LATENCIES="${BENCH_LATENCIES:-100ms 0ms}"
CAPACITY="${BENCH_CAPACITY:-64}"


command -v jq >/dev/null || { echo "bench: jq is required" >&2; exit 1; }

down() { "$HOME_DIR/marco" down >/dev/null 2>&1 || true; }
trap down EXIT

sandbox_calls() {
  curl -fsS "$SANDBOX/q/metrics" | awk '/^sandbox_requests_total/ {s += $NF} END {printf "%d", s}'
}

peak_rss() {
  for pidfile in "$MARCO_RUN_DIR"/pids/*.pid; do
    [ -f "$pidfile" ] || continue
    local pid name hwm
    pid=$(cat "$pidfile"); name=$(basename "$pidfile" .pid)
    hwm=$(awk '/VmHWM/ {printf "%d MB", $2 / 1024}' "/proc/$pid/status" 2>/dev/null || echo "?")
    printf "    %-18s %s\n" "$name" "$hwm"
  done
}

# CPU seconds (user + system) each process has used so far, as "name seconds" lines.
cpu_seconds() {
  local hz; hz=$(getconf CLK_TCK)
  for pidfile in "$MARCO_RUN_DIR"/pids/*.pid; do
    [ -f "$pidfile" ] || continue
    awk -v name="$(basename "$pidfile" .pid)" -v hz="$hz" '{sub(/^.*\) /, ""); printf "%s %.2f\n", name, ($12 + $13) / hz}' \
      "/proc/$(cat "$pidfile")/stat" 2>/dev/null || true
  done
}

body=$(jq -n --slurpfile config "$REFERENCE/demo_config.json" --slurpfile data "$REFERENCE/latter_count_hard.json" \
  --arg policy "$SANDBOX/v1" --arg critic "$SANDBOX/v1" --argjson n "$PROBLEMS" \
  '{name: "bench", config: $config[0], policyUrl: $policy, criticUrl: $critic, problems: $data[0][0:$n]}')

echo "generator benchmark: $PROBLEMS problems of latter_count_hard.json, reference demo config, sandbox capacity $CAPACITY"
for latency in $LATENCIES; do
  down
  SANDBOX_LATENCY_PER_CALL="$latency" SANDBOX_MAX_CONCURRENT_REQUESTS="$CAPACITY" "$HOME_DIR/marco" up >/dev/null
  calls_before=$(sandbox_calls)
  cpu_before=$(cpu_seconds)
  start=$(date +%s.%N)
  job=$(curl -fsS -H 'Content-Type: application/json' -d "$body" "$GEN/api/jobs" | jq -r .jobId)
  while [ "$(curl -fsS "$GEN/api/jobs/$job" | jq -r .status)" != "COMPLETED" ]; do sleep 0.2; done
  end=$(date +%s.%N)
  calls=$(( $(sandbox_calls) - calls_before ))
  cpu_after=$(cpu_seconds)
  results=$(curl -fsS "$GEN/api/jobs/$job/results")
  echo
  echo "sandbox latency $latency per call:"
  jq -r --argjson secs "$(echo "$end - $start" | bc -l)" --argjson calls "$calls" '
    (map(.rollouts) | add) as $r | length as $p |
    "  wall time            \($secs * 100 | round / 100) s",
    "  problems/min         \($p / $secs * 60 | . * 10 | round / 10)",
    "  rollouts/min         \($r / $secs * 60 | round)  (\($r / $secs | . * 10 | round / 10) rollouts/s, \($r) rollouts)",
    "  model calls/s        \($calls / $secs | . * 10 | round / 10)  (\($calls) calls, policy and critic)",
    "  mean rollouts/problem \($r / $p | . * 100 | round / 100)",
    "  success rate         \((map(select(.success)) | length) / $p * 100 | round)%  (\(map(select(.error != null)) | length) errors)"' <<<"$results"
  echo "  peak RSS per process:"
  peak_rss
  echo "  CPU seconds used during the job (the machine has $(nproc) cores; load average $(cut -d' ' -f1 /proc/loadavg)):"
  join <(sort <<<"$cpu_before") <(sort <<<"$cpu_after") | awk '{printf "    %-18s %.1f s\n", $1, $3 - $2}'
done
