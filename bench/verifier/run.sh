#!/usr/bin/env bash
# Verifier throughput benchmark: verdicts/s in process per evaluator, and end to end through Kafka (produce N
# requests to marco.verify.requests, consume the N verdicts from marco.verify.results) against a real KRaft broker,
# PostgreSQL and the packaged verifier-service, all started here on their own ports and stopped at the end.
#
#   bench/verifier/run.sh                 # N=50000, letter-counting and full-table mixes
#   BENCH_N=100000 bench/verifier/run.sh
#
# Settings (env): BENCH_N (requests per end-to-end run, default 50000), BENCH_SECONDS (in-process seconds per
# evaluator, default 2), BENCH_KAFKA_PORT / BENCH_KAFKA_CONTROLLER_PORT / BENCH_VERIFIER_PORT (21092/21093/21082),
# BENCH_RUN_DIR (/tmp/h4-run/bench-verifier), BENCH_DB (marco_h4_verifier_bench), BENCH_NO_BUILD=1 to skip the
# Maven build, BENCH_MIXES ("letters table").
set -euo pipefail

HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
N="${BENCH_N:-50000}"
SECONDS_PER_EVALUATOR="${BENCH_SECONDS:-2}"
KAFKA_PORT="${BENCH_KAFKA_PORT:-21092}"
CONTROLLER_PORT="${BENCH_KAFKA_CONTROLLER_PORT:-21093}"
VERIFIER_PORT="${BENCH_VERIFIER_PORT:-21082}"
RUN_DIR="${BENCH_RUN_DIR:-/tmp/h4-run/bench-verifier}"
DB="${BENCH_DB:-marco_h4_verifier_bench}"
MIXES="${BENCH_MIXES:-letters table}"
PG_HOST=127.0.0.1
PG_PORT=5432
BOOTSTRAP="127.0.0.1:$KAFKA_PORT"

cd "$HOME_DIR"
mkdir -p "$RUN_DIR"

if [ "${BENCH_NO_BUILD:-}" != "1" ]; then
  echo "building verifier-service ..." >&2
  mvn -B -q -pl verifier-service install -DskipTests >"$RUN_DIR/build.log" 2>&1 \
    || { tail -n 30 "$RUN_DIR/build.log" >&2; exit 1; }
  mvn -B -q -pl verifier-service test-compile >>"$RUN_DIR/build.log" 2>&1
fi
[ -d local-kafka/target/lib ] || mvn -B -q -pl local-kafka install -DskipTests >>"$RUN_DIR/build.log" 2>&1
if [ ! -s "$RUN_DIR/test-classpath.txt" ] || [ verifier-service/pom.xml -nt "$RUN_DIR/test-classpath.txt" ]; then
  mvn -B -q -pl verifier-service dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$RUN_DIR/test-classpath.txt" >>"$RUN_DIR/build.log" 2>&1
fi
CP="verifier-service/target/test-classes:verifier-service/target/classes:$(cat "$RUN_DIR/test-classpath.txt")"
bench() { java -Xmx1g -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$CP" dev.marcoforge.verifier.bench.VerifierBenchmark "$@" 2> >(grep -v -E 'WARN|SLF4J' >&2); }

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$KAFKA_PORT" "$CONTROLLER_PORT" "$VERIFIER_PORT"; do
  if listening "$port"; then echo "port $port is already in use; set BENCH_*_PORT" >&2; exit 1; fi
done

echo "== in process, one thread, ${SECONDS_PER_EVALUATOR}s per evaluator over the verdict table's rows"
bench inprocess "$SECONDS_PER_EVALUATOR"

# Kafka: a fresh single-node KRaft broker from the local-kafka jars.
KDIR="$RUN_DIR/kafka"
rm -rf "$KDIR" && mkdir -p "$KDIR"
cat >"$KDIR/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$KDIR/data
num.partitions=3
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
PROPS
KCP="local-kafka/target/lib/*"
java -cp "$KCP" kafka.tools.StorageTool format -t "$(java -cp "$KCP" kafka.tools.StorageTool random-uuid 2>/dev/null)" \
  -c "$KDIR/server.properties" >"$KDIR/format.log" 2>&1 || { cat "$KDIR/format.log" >&2; exit 1; }
java -Xms256m -Xmx512m -cp "$KCP" kafka.Kafka "$KDIR/server.properties" >"$KDIR/kafka.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 120); do listening "$KAFKA_PORT" && break; sleep 0.5; done
listening "$KAFKA_PORT" || { echo "kafka did not start; see $KDIR/kafka.log" >&2; exit 1; }
bench topics "$BOOTSTRAP"

# PostgreSQL: a fresh database for the verifier's verdicts.
if ! listening "$PG_PORT"; then pg_ctlcluster --skip-systemctl-redirect 15 main start; fi
psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -q -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" >/dev/null

# The packaged verifier, as ./marco runs it.
java -Xmx512m ${BENCH_VERIFIER_OPTS:-} -Dquarkus.http.port="$VERIFIER_PORT" -Dkafka.bootstrap.servers="$BOOTSTRAP" \
  -DMARCO_DB_USER=postgres -DMARCO_DB_PASSWORD=postgres -DMARCO_VERIFIER_DB="$DB" \
  -jar verifier-service/target/quarkus-app/quarkus-run.jar >"$RUN_DIR/verifier.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$VERIFIER_PORT/q/health/ready" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fs "http://127.0.0.1:$VERIFIER_PORT/q/health/ready" >/dev/null || { echo "verifier not ready; see $RUN_DIR/verifier.log" >&2; exit 1; }

echo "== end to end through Kafka (broker $BOOTSTRAP, verifier :$VERIFIER_PORT, PostgreSQL $DB)"
bench e2e "$BOOTSTRAP" 5000 letters >/dev/null   # warm-up: JIT, connections, consumer group
for mix in $MIXES; do
  bench e2e "$BOOTSTRAP" "$N" "$mix"
done
echo "verdicts stored: $(psql -h "$PG_HOST" -U postgres -d "$DB" -tA -c 'SELECT count(*) FROM verdicts')"
