#!/usr/bin/env bash
# Crash test: a job of N problems (default 50, reference demo config, sandbox at 100 ms per call) while the
# generator is killed with SIGKILL twice mid-job and restarted by `./marco up`. Checks that the job completes with a
# search result for every problem, reads marco.search.results and marco.chains back from the broker, and reports
# duplicates (the outbox re-sends what a crash may have left unsent: at-least-once, with stable ids to deduplicate).
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
PROBLEMS="${BENCH_PROBLEMS:-50}"
KILL_AFTER="${BENCH_KILL_AFTER:-4}"


down() { "$HOME_DIR/marco" down >/dev/null 2>&1 || true; }
trap down EXIT
down
SANDBOX_LATENCY_PER_CALL="${BENCH_LATENCY:-100ms}" SANDBOX_MAX_CONCURRENT_REQUESTS=64 "$HOME_DIR/marco" up >/dev/null

body=$(jq -n --slurpfile config "$REFERENCE/demo_config.json" --slurpfile data "$REFERENCE/latter_count_hard.json" \
  --arg url "$SANDBOX/v1" --argjson n "$PROBLEMS" \
  '{name: "kill-restart", config: $config[0], policyUrl: $url, criticUrl: $url, problems: $data[0][0:$n]}')
job=$(curl -fsS -H 'Content-Type: application/json' -d "$body" "$GEN/api/jobs" | jq -r .jobId)
echo "job $job: $PROBLEMS problems"

for round in 1 2; do
  sleep "$KILL_AFTER"
  status=$(curl -fsS "$GEN/api/jobs/$job" | jq -c '{status, solved, unsolved, errored, running, pending}')
  pid=$(cat "$MARCO_RUN_DIR/pids/generator-service.pid")
  kill -9 "$pid"
  echo "kill -9 #$round of generator pid $pid at $status"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  "$HOME_DIR/marco" up >/dev/null
done

until [ "$(curl -fsS "$GEN/api/jobs/$job" | jq -r .status)" = "COMPLETED" ]; do sleep 0.5; done
curl -fsS "$GEN/api/jobs/$job" | jq -c '{status, total, solved, unsolved, errored}'

read_topic() {
  java -cp "$HOME_DIR/local-kafka/target/lib/*" org.apache.kafka.tools.consumer.ConsoleConsumer \
    --bootstrap-server "127.0.0.1:$MARCO_KAFKA_PORT" --topic "$1" --from-beginning --timeout-ms 8000 2>/dev/null \
    | grep -F "\"jobId\":\"$job\"" || true
}
results=$(read_topic marco.search.results)
chains=$(read_topic marco.chains)
echo "marco.search.results: $(jq -s 'length' <<<"$results") records, $(jq -rs 'map(.problemId) | unique | length' <<<"$results") distinct problems"
echo "marco.chains: $(jq -s 'length' <<<"$chains") records, $(jq -rs 'map(.chainId) | unique | length' <<<"$chains") distinct chain ids"
echo "REST: $(curl -fsS "$GEN/api/jobs/$job/results" | jq length) results, $(curl -fsS "$GEN/api/jobs/$job/chains" | jq '[.[].chainId] | unique | length') chains"
