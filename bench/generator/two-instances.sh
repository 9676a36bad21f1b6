#!/usr/bin/env bash
# Two generator instances share one job: `./marco up` starts the first, this script a second one on another port
# (same database, same consumer group, so Kafka splits the partitions between them). A job of N problems is
# submitted to the first; the second joins a few seconds later (taking over partitions mid-job, and resuming
# unfinished problems at start). Checks that every problem has exactly one result on marco.search.results and that
# chain ids are distinct.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
PROBLEMS="${BENCH_PROBLEMS:-50}"
SECOND_PORT="${BENCH_SECOND_GENERATOR_PORT:-22085}"

second_pid=""

cleanup() {
  [ -n "$second_pid" ] && kill "$second_pid" 2>/dev/null || true
  "$HOME_DIR/marco" down >/dev/null 2>&1 || true
}
trap cleanup EXIT
"$HOME_DIR/marco" down >/dev/null 2>&1 || true
SANDBOX_LATENCY_PER_CALL="${BENCH_LATENCY:-100ms}" "$HOME_DIR/marco" up >/dev/null

body=$(jq -n --slurpfile config "$REFERENCE/demo_config.json" --slurpfile data "$REFERENCE/latter_count_hard.json" \
  --arg url "$SANDBOX/v1" --argjson n "$PROBLEMS" \
  '{name: "two-instances", config: $config[0], policyUrl: $url, criticUrl: $url, problems: $data[0][0:$n]}')
job=$(curl -fsS -H 'Content-Type: application/json' -d "$body" "$GEN/api/jobs" | jq -r .jobId)
echo "job $job: $PROBLEMS problems on the first instance"
sleep "${BENCH_JOIN_AFTER:-3}"

java -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dquarkus.http.port="$SECOND_PORT" -Dquarkus.http.host=127.0.0.1 \
  -Dkafka.bootstrap.servers="127.0.0.1:$MARCO_KAFKA_PORT" \
  -Dquarkus.datasource.jdbc.url="jdbc:postgresql://127.0.0.1:5432/${MARCO_DB_PREFIX}_generator" \
  -Dmarco.models.policy.base-url="$SANDBOX/v1" \
  -jar "$HOME_DIR/generator-service/target/quarkus-app/quarkus-run.jar" >"$MARCO_RUN_DIR/logs/generator-2.log" 2>&1 &
second_pid=$!
echo "second instance pid $second_pid joined at $(curl -fsS "$GEN/api/jobs/$job" | jq -c '{solved, unsolved, running}')"

until [ "$(curl -fsS "$GEN/api/jobs/$job" | jq -r .status)" = "COMPLETED" ]; do sleep 0.5; done
curl -fsS "$GEN/api/jobs/$job" | jq -c '{status, total, solved, unsolved, errored}'
echo "second instance log: $(grep -c 'resuming' "$MARCO_RUN_DIR/logs/generator-2.log" || true) resume line(s); $(grep -ci 'exception' "$MARCO_RUN_DIR/logs/generator-2.log" || true) exception line(s)"

read_topic() {
  java -cp "$HOME_DIR/local-kafka/target/lib/*" org.apache.kafka.tools.consumer.ConsoleConsumer \
    --bootstrap-server "127.0.0.1:$MARCO_KAFKA_PORT" --topic "$1" --from-beginning --timeout-ms 8000 2>/dev/null \
    | grep -F "\"jobId\":\"$job\"" || true
}
results=$(read_topic marco.search.results)
chains=$(read_topic marco.chains)
echo "marco.search.results: $(jq -s 'length' <<<"$results") records, $(jq -rs 'map(.problemId) | unique | length' <<<"$results") distinct problems"
echo "marco.chains: $(jq -s 'length' <<<"$chains") records, $(jq -rs 'map(.chainId) | unique | length' <<<"$chains") distinct chain ids"
