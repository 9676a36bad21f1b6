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
# Before each measured job, warm-up jobs of 100 problems each (taken from problems 50..449 of the data set, so the
# measured ones are new to the platform) let the seven JVMs compile their hot code: on two cores they keep
# JIT-compiling for minutes, and a job measured meanwhile measures the compilers. At least BENCH_WARMUP_JOBS (10) run,
# then more until the JVMs spent under BENCH_JIT_SETTLED seconds (1.0) compiling during one warm-up job, at most
# BENCH_WARMUP_MAX (40) in all; the figures say how many ran and how much compiling the measured job still saw. The
# first warm-up job's figures are printed as the cold start. BENCH_WARMUP_JOBS=0 BENCH_WARMUP_MAX=0 measures cold JVMs.
# The measured job then runs BENCH_RUNS (3) times; each run's rollouts/s is printed, and the run of median rollouts/s
# in full.
#
# Each latency starts from empty databases (MARCO_DB_PREFIX, default marco_bench; BENCH_KEEP_DATABASES=1 keeps them),
# and the first line says what a system call costs here, to compare figures of different machines.
#
# Ports and run folder default to a block of their own (override with the usual MARCO_* variables). Set
# MARCO_NO_BUILD=1 when the modules are built already.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
PROBLEMS="${BENCH_PROBLEMS:-50}"
LATENCIES="${BENCH_LATENCIES:-100ms 0ms}"
CAPACITY="${BENCH_CAPACITY:-64}"
WARMUP_JOBS="${BENCH_WARMUP_JOBS:-10}"
WARMUP_MAX="${BENCH_WARMUP_MAX:-40}"
JIT_SETTLED="${BENCH_JIT_SETTLED:-1.0}"
RUNS="${BENCH_RUNS:-3}"


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

# Seconds each JVM of the platform has spent JIT-compiling, summed.
jit_seconds() {
  for pidfile in "$MARCO_RUN_DIR"/pids/*.pid; do
    [ -f "$pidfile" ] || continue
    jstat -compiler "$(cat "$pidfile")" 2>/dev/null | awk 'NR == 2 {print $4}'
  done | awk '{s += $1} END {printf "%.2f", s}'
}

# JIT-compiling seconds since jit_seconds printed $1.
jit_since() {
  awk -v a="$1" -v b="$(jit_seconds)" 'BEGIN {printf "%.2f", b - a}'
}

# CPU seconds (user + system) used so far, as "name seconds" lines: each process of the platform, its PostgreSQL
# backends together, and the whole machine.
cpu_seconds() {
  local hz; hz=$(getconf CLK_TCK)
  for pidfile in "$MARCO_RUN_DIR"/pids/*.pid; do
    [ -f "$pidfile" ] || continue
    awk -v name="$(basename "$pidfile" .pid)" -v hz="$hz" '{sub(/^.*\) /, ""); printf "%s %.2f\n", name, ($12 + $13) / hz}' \
      "/proc/$(cat "$pidfile")/stat" 2>/dev/null || true
  done
  # The PostgreSQL backends serving the platform's databases (their pools stay open through a job).
  local pg=0 pid
  for pid in $(pgrep -f "postgres: .* ${MARCO_DB_PREFIX}_" 2>/dev/null); do
    pg=$(awk -v sum="$pg" '{sub(/^.*\) /, ""); print sum + $12 + $13}' "/proc/$pid/stat" 2>/dev/null || echo "$pg")
  done
  awk -v t="$pg" -v hz="$hz" 'BEGIN {printf "postgresql %.2f\n", t / hz}'
  # Every process and kernel thread of the machine (user, nice, system, irq, softirq).
  awk -v hz="$hz" '/^cpu / {printf "(whole-machine) %.2f\n", ($2 + $3 + $4 + $7 + $8) / hz}' /proc/stat
}

# job_body NAME FROM COUNT: the demo config on COUNT problems of the data set starting at FROM.
job_body() {
  jq -n --slurpfile config "$REFERENCE/demo_config.json" --slurpfile data "$REFERENCE/latter_count_hard.json" \
    --arg name "$1" --arg policy "$SANDBOX/v1" --arg critic "$SANDBOX/v1" --argjson from "$2" --argjson n "$3" \
    '{name: $name, config: $config[0], policyUrl: $policy, criticUrl: $critic, problems: $data[0][$from:($from + $n)]}'
}

# run_job BODY: submits a job, waits for it, prints its id and wall seconds. The wall time is the job's own, from
# its creation to its last problem's end as the generator recorded them, so the polling interval does not count.
run_job() {
  local job status
  job=$(curl -fsS -H 'Content-Type: application/json' -d "$1" "$GEN/api/jobs" | jq -r .jobId)
  while status=$(curl -fsS "$GEN/api/jobs/$job"); [ "$(jq -r .status <<<"$status")" != "COMPLETED" ]; do
    sleep 0.5
  done
  echo "$job $(jq -r 'def secs: (sub("\\.[0-9]+"; "") | fromdateiso8601)
      + ((capture("\\.(?<f>[0-9]+)") // {f: "0"}).f | "0." + . | tonumber);
    (.completedAt | secs) - (.createdAt | secs)' <<<"$status")"
}

# Each run starts from empty databases of its own (MARCO_DB_PREFIX), so figures do not depend on what earlier runs
# left in the tables (on a server with autovacuum off, dead rows of earlier runs slow every later one).
# `./marco up` creates them again.
fresh_databases() {
  [ "${BENCH_KEEP_DATABASES:-}" = "1" ] && return 0
  command -v psql >/dev/null || { echo "bench: psql not found; keeping the $MARCO_DB_PREFIX databases" >&2; return 0; }
  local admin=(psql -q -At -h "${MARCO_PG_HOST:-127.0.0.1}" -p "${MARCO_PG_PORT:-5432}"
    -U "${MARCO_PG_ADMIN_USER:-postgres}" -d postgres)
  local database
  for database in $("${admin[@]}" -c "SELECT datname FROM pg_database WHERE datname LIKE '${MARCO_DB_PREFIX}\_%'"); do
    "${admin[@]}" -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null
  done
}

# What one system call costs on this machine (a million one-byte reads from /dev/zero and writes to /dev/null): the platform's seven JVMs,
# Kafka and PostgreSQL talk over sockets, so figures of machines whose system calls cost differently (virtual
# machines differ by several times) are not comparable without it.
syscall_cost() {
  local start end
  start=$(date +%s%N)
  dd if=/dev/zero of=/dev/null bs=1 count=1000000 2>/dev/null
  end=$(date +%s%N)
  awk -v ns="$((end - start))" 'BEGIN {printf "%.2f", ns / 2000000 / 1000}'
}

echo "generator benchmark: $PROBLEMS problems of latter_count_hard.json, reference demo config, sandbox capacity $CAPACITY"
echo "machine: $(nproc) cores, $(syscall_cost) us per system call (a million one-byte reads and writes)"
for latency in $LATENCIES; do
  down
  fresh_databases
  SANDBOX_LATENCY_PER_CALL="$latency" SANDBOX_MAX_CONCURRENT_REQUESTS="$CAPACITY" "$HOME_DIR/marco" up >/dev/null
  echo
  warmed=0
  while [ "$warmed" -lt "$WARMUP_MAX" ]; do
    jit_before=$(jit_seconds)
    read -r warm_job warm_secs <<<"$(run_job "$(job_body warm-up $((50 + (warmed % 4) * 100)) 100)")"
    if [ "$warmed" -eq 0 ]; then
      curl -fsS "$GEN/api/jobs/$warm_job/results" | jq -r --argjson secs "$warm_secs" --arg latency "$latency" '
        (map(.rollouts) | add) as $r | length as $p |
        "sandbox latency \($latency) per call, cold start (first warm-up job): \($p) problems in \($secs * 100 | round / 100) s,
  \($p / $secs * 60 | . * 10 | round / 10) problems/min, \($r / $secs | . * 10 | round / 10) rollouts/s"'
    fi
    warmed=$((warmed + 1))
    jit_job=$(jit_since "$jit_before")
    if [ "$warmed" -ge "$WARMUP_JOBS" ] && awk -v j="$jit_job" -v t="$JIT_SETTLED" 'BEGIN {exit !(j < t)}'; then
      break
    fi
  done
  # The measured job runs BENCH_RUNS times (the same problems, a new job each time); the run of median rollouts/s is
  # shown in full, so one run that met a compile burst or a stall neither makes nor breaks the figures.
  runs_dir=$(mktemp -d)
  for run in $(seq 1 "$RUNS"); do
    jit_before=$(jit_seconds)
    calls_before=$(sandbox_calls)
    cpu_before=$(cpu_seconds)
    read -r job secs <<<"$(run_job "$(job_body "bench-$run" 0 "$PROBLEMS")")"
    calls=$(( $(sandbox_calls) - calls_before ))
    cpu_after=$(cpu_seconds)
    jit_job=$(jit_since "$jit_before")
    join <(sort <<<"$cpu_before") <(sort <<<"$cpu_after") | awk '{printf "    %-18s %.1f s\n", $1, $3 - $2}' \
      >"$runs_dir/$run.cpu"
    echo "$secs $job $calls $jit_job $(cut -d' ' -f1 /proc/loadavg)" >"$runs_dir/$run.run"
    curl -fsS "$GEN/api/jobs/$job/results" >"$runs_dir/$run.results"
  done
  for run in $(seq 1 "$RUNS"); do
    jq -r --argjson secs "$(cut -d' ' -f1 "$runs_dir/$run.run")" --arg run "$run" \
      '"\((map(.rollouts) | add) / $secs | . * 10 | round / 10) \($run)"' "$runs_dir/$run.results"
  done >"$runs_dir/rates"
  all_runs=$(cut -d' ' -f1 "$runs_dir/rates" | paste -sd' ' | sed 's/ /, /g')
  median=$(sort -n "$runs_dir/rates" | awk '{runs[NR] = $2} END {print runs[int((NR + 1) / 2)]}')
  read -r secs job calls jit_job load <"$runs_dir/$median.run"
  results=$(cat "$runs_dir/$median.results")
  echo "sandbox latency $latency per call, after $warmed warm-up jobs; $RUNS measured runs: $all_runs rollouts/s"
  echo "  the median run (JIT compiling during it: ${jit_job} s in all JVMs):"
  jq -r --argjson secs "$secs" --argjson calls "$calls" '
    (map(.rollouts) | add) as $r | length as $p |
    "  wall time            \($secs * 100 | round / 100) s",
    "  problems/min         \($p / $secs * 60 | . * 10 | round / 10)",
    "  rollouts/min         \($r / $secs * 60 | round)  (\($r / $secs | . * 10 | round / 10) rollouts/s, \($r) rollouts)",
    "  model calls/s        \($calls / $secs | . * 10 | round / 10)  (\($calls) calls, policy and critic)",
    "  mean rollouts/problem \($r / $p | . * 100 | round / 100)",
    "  success rate         \((map(select(.success)) | length) / $p * 100 | round)%  (\(map(select(.error != null)) | length) errors)"' <<<"$results"
  echo "  peak RSS per process (over all runs):"
  peak_rss
  echo "  CPU seconds used during the median run (the machine has $(nproc) cores; load average $load):"
  cat "$runs_dir/$median.cpu"
  rm -rf "$runs_dir"
done
