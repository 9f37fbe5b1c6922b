#!/usr/bin/env bash
# Ordo's benchmark (issue 6), one command:   ./scripts/benchmark.sh          (~35 minutes)
#                                            ./scripts/benchmark.sh --quick  (~8 minutes, for development)
# Not part of the test suite. It
#   1. builds Ordo (./mvnw -q -DskipTests package) and unpacks its jar for the baseline's class path,
#   2. measures pgbench (TPC-B-like, 4 clients) on a fresh database ordo_bench_pgbench,
#   3. measures the bare Camunda engine (bench/EngineBaseline.java) on a fresh ordo_bench_baseline:
#      a process with the same async steps and message waits as a standard order's happy path,
#      no-op delegates, Ordo's own job executor / pool / batching settings, then the engine running
#      Ordo's own diagrams (--diagrams: the same standard order, no-op delegates, Ordo's engine settings and
#      history level) on a fresh ordo_bench_diagrams: the engine's share of an order,
#   4. for adapter latency 0 ms (and 50 ms in the full run): starts Ordo (-Xmx512m, profiles
#      postgres,demo, carrier auto-advance off) on a fresh ordo_bench on port 18080, sets the stock,
#      and drives it with bench/LoadGenerator.java: warm-up, settling rounds (the JIT), cost, saturation (closed loop), half load
#      (open model), target load (open model),
#   5. writes the results into docs/benchmarks.md (between the benchmark:results markers) and prints them.
# Everything it starts is stopped on exit. PostgreSQL must run on 127.0.0.1:5432 (user postgres, trust
# auth), as scripts/test.sh sets it up.
# Environment: BENCH_PORT (18080), BENCH_TARGET_RATE (100 orders/s; half load is half of it),
# BENCH_INFLIGHT (orders in flight at saturation, 200), BENCH_SKUS (products the orders spread over, 100), BENCH_SKIP_BUILD=1, BENCH_LATENCIES ("0 50"),
# ORDO_OPTS (extra --property=value arguments for Ordo AND the engine baseline, for tuning experiments),
# BENCH_PHASES ("cost saturation half target"), BENCH_SKIP_PGBENCH=1, BENCH_NO_DOC=1 (print only, leave docs/benchmarks.md alone),
# BENCH_SKIP_ENGINE=1 (no engine baselines: for A/B runs of Ordo alone), BENCH_SKIP_DIAGRAMS=1 (no diagrams baseline), BENCH_WARMUP (seconds of warm-up, Ordo's and the engine's),
# BENCH_SETTLE (most settling rounds after the warm-up: 10 full, 2 quick), BENCH_SETTLE_JIT (% of a core the JIT may use to end them, 10),
# BENCH_CARRIER (webhook: the carrier learns of labels from the shipment.label_created webhook; poll: it polls the order),
# BENCH_GEN_JVM_OPTS (JVM options of the load generator; default C1 only, serial GC, 256 MB),
# ORDO_JVM_OPTS (JVM options for Ordo only, e.g. "-XX:StartFlightRecording=filename=/tmp/jfr/,settings=profile" to profile).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

MODE=full
[ "${1:-}" = "--quick" ] && MODE=quick
PORT="${BENCH_PORT:-18080}"
PG_HOST=127.0.0.1
PG_PORT=5432
TARGET_RATE="${BENCH_TARGET_RATE:-100}"
HALF_RATE=$((TARGET_RATE / 2))
INFLIGHT="${BENCH_INFLIGHT:-200}"
SKUS="${BENCH_SKUS:-100}"
PHASES=" ${BENCH_PHASES:-cost saturation half target} "
phase() { [[ "$PHASES" == *" $1 "* ]]; }
ORDO_OPTS="${ORDO_OPTS:-}"
ORDO_JVM_OPTS="${ORDO_JVM_OPTS:-}"
if [ "$MODE" = full ]; then
  WARMUP=90; COST=30; PHASE=60; DRAIN=30; ENGINE_WARMUP=60; ENGINE=60; PGBENCH=30; LATENCIES="${BENCH_LATENCIES:-0 50}"
else
  WARMUP=30; COST=20; PHASE=20; DRAIN=10; ENGINE_WARMUP=20; ENGINE=20; PGBENCH=10; LATENCIES="${BENCH_LATENCIES:-0}"
fi
WARMUP="${BENCH_WARMUP:-$WARMUP}"; ENGINE_WARMUP="${BENCH_WARMUP:-$ENGINE_WARMUP}"
# Settling rounds after the warm-up (see there): at most SETTLE, until the JIT uses < SETTLE_JIT % of a core.
[ "$MODE" = full ] && SETTLE=10 || SETTLE=2
SETTLE="${BENCH_SETTLE:-$SETTLE}"; SETTLE_JIT="${BENCH_SETTLE_JIT:-10}"
# A standard order's happy path, in order (J = an async continuation the job executor runs, W = a
# message wait the carrier's event ends): Task_RouteFulfilment (fulfil-order, then ReserveStock in the
# same job; screening ran in the placement), Task_AuthorizePayment (then PlanShipments),
# Task_CreateShippingLabel (ship-from-warehouse) | wait ShipmentShipped | Task_CommitStock (then
# CapturePayment) | wait ShipmentDelivered (the order ends there: nothing left to void). Change it with the diagrams.
STEPS="${BENCH_STEPS:-J,J,J,W,J,W}"

OUT=target/bench
RESULTS=$OUT/results.properties
APP=$OUT/app
JAR=target/ordo-0.1.0-SNAPSHOT.jar
CP="$OUT/classes:$APP/ordo-0.1.0-SNAPSHOT.jar:$APP/lib/*"
PGBENCH_BIN=$(ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | sort -V | tail -1 || true)
[ -n "$PGBENCH_BIN" ] || PGBENCH_BIN=$(command -v pgbench || true)

log() { echo "benchmark.sh: $(date -u +%H:%M:%S) $*"; }
psql_pg() { psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
fresh_db() { psql_pg -d postgres -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1" >/dev/null 2>&1; }

PIDS=()
# Stops a process this script started: TERM, then KILL after 20 s (a loaded engine's graceful
# shutdown waits for its queued jobs; the benchmark database is dropped anyway).
stop() {
  kill "$1" 2>/dev/null || return 0
  for _ in $(seq 1 40); do kill -0 "$1" 2>/dev/null || break; sleep 0.5; done
  kill -9 "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}
cleanup() {
  for pid in "${PIDS[@]:-}"; do
    [ -n "$pid" ] && stop "$pid"
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

pg_isready -q -h "$PG_HOST" -p "$PG_PORT" || { echo "benchmark.sh: PostgreSQL is not running on $PG_HOST:$PG_PORT (scripts/test.sh starts it)"; exit 1; }
[ -n "$PGBENCH_BIN" ] || { echo "benchmark.sh: pgbench not found (apt-get install postgresql-contrib / postgresql-15)"; exit 1; }
if curl -s -o /dev/null "http://127.0.0.1:$PORT/actuator/health"; then
  echo "benchmark.sh: something already listens on port $PORT"; exit 1
fi

mkdir -p "$OUT"
if [ "${BENCH_SKIP_BUILD:-}" != 1 ]; then
  log "building Ordo"
  ./mvnw -q -DskipTests package
fi
rm -rf "$APP"
java -Djarmode=tools -jar "$JAR" extract --destination "$APP" >/dev/null
# What both bench programs read from /proc (the Java 17 source launcher runs one file: shared code comes compiled).
rm -rf "$OUT/classes"
javac -d "$OUT/classes" bench/ProcStat.java

START_TS=$(date +%s)
{
  echo "run.date=$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "run.mode=$MODE"
  echo "run.commit=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!docs/benchmarks.md' || echo ' + local changes')"
  echo "run.ordo_opts=$ORDO_OPTS"
  echo "machine=$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/{print $2}') GB RAM, PostgreSQL $(psql_pg -d postgres -c 'SHOW server_version' | cut -d' ' -f1) on the same box (shared_buffers $(psql_pg -d postgres -c 'SHOW shared_buffers'), synchronous_commit $(psql_pg -d postgres -c 'SHOW synchronous_commit')), Java $(java -version 2>&1 | head -1 | cut -d'"' -f2), $(uname -sr)"
} > "$RESULTS"

# ---------------------------------------------------------------- pgbench
if [ "${BENCH_SKIP_PGBENCH:-}" != 1 ]; then
log "pgbench: TPC-B-like, scale 10, 4 clients, ${PGBENCH} s"
fresh_db ordo_bench_pgbench
"$PGBENCH_BIN" -h "$PG_HOST" -p "$PG_PORT" -U postgres -i -q -s 10 ordo_bench_pgbench >/dev/null 2>&1
TPS=$("$PGBENCH_BIN" -h "$PG_HOST" -p "$PG_PORT" -U postgres -c 4 -j 2 -T "$PGBENCH" ordo_bench_pgbench 2>/dev/null \
  | awk '/^tps = /{printf "%.0f", $3}')
echo "baseline.pgbench.tps=$TPS" >> "$RESULTS"
echo "baseline.pgbench.description=TPC-B-like default script, scale 10, 4 clients, 2 threads, ${PGBENCH} s" >> "$RESULTS"
log "pgbench: $TPS tps"
psql_pg -d postgres -c "DROP DATABASE IF EXISTS ordo_bench_pgbench" >/dev/null
fi

# ---------------------------------------------------------------- the bare engine
if [ "${BENCH_SKIP_ENGINE:-}" != 1 ]; then
log "bare engine: $STEPS, ${ENGINE_WARMUP} s warm-up + ${ENGINE} s"
fresh_db ordo_bench_baseline
# shellcheck disable=SC2086
java -Xmx512m -cp "$CP" bench/EngineBaseline.java --jdbc=jdbc:postgresql://$PG_HOST:$PG_PORT/ordo_bench_baseline \
  --steps="$STEPS" --inflight="$INFLIGHT" --warmup="$ENGINE_WARMUP" --duration="$ENGINE" --out="$RESULTS" $ORDO_OPTS \
  > "$OUT/engine-baseline.log" 2>&1 &
PIDS+=($!)
wait "${PIDS[-1]}" || { echo "benchmark.sh: the engine baseline failed, see $OUT/engine-baseline.log"; tail -20 "$OUT/engine-baseline.log"; exit 1; }
log "bare engine: $(grep engine.instances_per_s "$RESULTS" | cut -d= -f2) instances/s"
psql_pg -d postgres -c "DROP DATABASE IF EXISTS ordo_bench_baseline" >/dev/null
# The engine running Ordo's own diagrams for the same standard order (four process instances, the DMN
# tables, the variables), no-op delegates, Ordo's history level: what the engine alone costs of an order.
if [ "${BENCH_SKIP_DIAGRAMS:-}" != 1 ]; then
log "engine on Ordo's diagrams: ${ENGINE_WARMUP} s warm-up + ${ENGINE} s"
fresh_db ordo_bench_diagrams
# shellcheck disable=SC2086
java -Xmx512m -cp "$CP" bench/EngineBaseline.java --jdbc=jdbc:postgresql://$PG_HOST:$PG_PORT/ordo_bench_diagrams \
  --diagrams=. --history="$(awk '/history-level:/{print $2}' src/main/resources/application-postgres.yml)" \
  --inflight="$INFLIGHT" --warmup="$ENGINE_WARMUP" --duration="$ENGINE" --out="$RESULTS" $ORDO_OPTS \
  > "$OUT/engine-diagrams.log" 2>&1 &
PIDS+=($!)
wait "${PIDS[-1]}" || { echo "benchmark.sh: the diagrams baseline failed, see $OUT/engine-diagrams.log"; tail -20 "$OUT/engine-diagrams.log"; exit 1; }
log "engine on Ordo's diagrams: $(grep diagrams.instances_per_s "$RESULTS" | cut -d= -f2) orders/s"
psql_pg -d postgres -c "DROP DATABASE IF EXISTS ordo_bench_diagrams" >/dev/null
fi
fi

# ---------------------------------------------------------------- Ordo
# shellcheck disable=SC2206
GEN_CP=($APP/lib/postgresql-*.jar)
# The load generator stands for storefronts and carriers on other machines: it must not queue behind the
# CPU it measures. Sharing the 2 cores at equal priority with Ordo's ~25 busy threads and PostgreSQL's
# backends, it fell behind at overload and reported its own delay (create P50 12-18 s, placements "timed
# out") while Ordo's request threads sat idle (thread dump) and its socket queues were empty; at nice -10
# the same load measured create P50 26 ms (docs/benchmarks.md, tuning step 9). Needs root or CAP_SYS_NICE;
# without, the run goes on at normal priority and says so.
if nice -n -10 true 2>/dev/null; then GEN_NICE=(nice -n -10); else
  GEN_NICE=(); log "cannot raise the load generator's priority (nice -10 needs root): overload phases may measure the generator"
fi
echo "run.generator_nice=${GEN_NICE[*]:-none}" >> "$RESULTS"
# JVM options of the load generator (BENCH_GEN_JVM_OPTS). Every phase is a fresh JVM, so the generator's JIT
# compiler works during the phase, on the CPU Ordo is measured on: with the JVM's defaults the generator used
# 29 % of a core at 10 orders/s and 37 % at saturation; with C1 only and the serial collector 17 % and 19 %,
# and Ordo completed 21.8 instead of 14.7 orders/s at saturation (docs/benchmarks.md, tuning step 12).
GEN_JVM_OPTS="${BENCH_GEN_JVM_OPTS--XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx256m}"
echo "run.generator_jvm_opts=$GEN_JVM_OPTS" >> "$RESULTS"
# shellcheck disable=SC2086
gen() { "${GEN_NICE[@]}" java $GEN_JVM_OPTS -cp "$OUT/classes:${GEN_CP[0]}" bench/LoadGenerator.java --url="http://127.0.0.1:$PORT" \
  --jdbc="jdbc:postgresql://$PG_HOST:$PG_PORT/ordo_bench" "$@"; }

for LAT in $LATENCIES; do
  log "Ordo, adapter latency ${LAT} ms: starting on port $PORT"
  fresh_db ordo_bench
  # shellcheck disable=SC2086
  SPRING_DATASOURCE_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/ordo_bench" SPRING_DATASOURCE_USERNAME=postgres \
  SPRING_DATASOURCE_PASSWORD= java -Xmx512m $ORDO_JVM_OPTS -jar "$JAR" --spring.profiles.active=postgres,demo --server.port="$PORT" \
    --ordo.carrier.simulator.auto-advance=false --ordo.payment.simulator.latency="${LAT}ms" \
    --ordo.webhooks.allow-private-addresses=true \
    --ordo.carrier.simulator.latency="${LAT}ms" $ORDO_OPTS > "$OUT/ordo-${LAT}ms.log" 2>&1 &
  ORDO_PID=$!
  PIDS+=("$ORDO_PID")
  for _ in $(seq 1 180); do
    curl -s "http://127.0.0.1:$PORT/actuator/health" | grep -q '"status":"UP"' && break
    kill -0 "$ORDO_PID" 2>/dev/null || { echo "benchmark.sh: Ordo did not start, see $OUT/ordo-${LAT}ms.log"; tail -30 "$OUT/ordo-${LAT}ms.log"; exit 1; }
    sleep 1
  done
  curl -s "http://127.0.0.1:$PORT/actuator/health" | grep -q '"status":"UP"' || { echo "benchmark.sh: Ordo not healthy after 180 s"; exit 1; }
  # A catalogue of $SKUS products (BENCH-000..) with 10 million in stock in the US warehouses, so no
  # order backorders; orders spread over them (one SKU for every order would serialise every
  # reservation on one stock row: a flash sale of one product, not a day's mix).
  gen --catalogue="$SKUS"
  COMMON=(--pid="$ORDO_PID" --adapter-latency="$LAT" --drain="$DRAIN" --skus="$SKUS" --carrier="${BENCH_CARRIER:-webhook}")
  log "Ordo ${LAT} ms: warm-up, closed loop of 100 orders in flight for ${WARMUP} s"
  # The warm-up is a closed loop (as much work as Ordo takes, never a backlog), so the JIT's first
  # compilations are done before anything is measured (after the old 20 s at 20 orders/s they took 36 %
  # of Ordo's CPU in the cost phase). It does not end the JIT's work: the JVM recompiles whenever the load
  # pattern changes (even after 240 s of warm-up, 53 % of a core in the cost phase), so the generator
  # reports the compiler threads' CPU apart (docs/benchmarks.md, tuning step 7).
  # It drains completely (up to 2 min) so the cost phase does not inherit its backlog.
  # Halfway through it, while orders are in flight, ANALYZE gives PostgreSQL's planner the statistics
  # of a database in use. A fresh database has none, and autovacuum took more than 2 minutes to get
  # to it here: until then the engine's per-execution variable query (ACT_RU_VARIABLE by EXECUTION_ID_
  # AND TASK_ID_ is null) ran on a plan cached while the table was empty, scanning every variable row
  # (43 % of PostgreSQL's time; docs/benchmarks.md, tuning step 5). A database that has been running
  # has these statistics; the bare engine's baseline gets the same ANALYZE after its warm-up.
  ( sleep $(( WARMUP / 2 )); psql_pg -d ordo_bench -c "ANALYZE" >/dev/null 2>&1 || true ) &
  gen "${COMMON[@]}" --phase=warmup --mode=saturation --inflight=100 --duration="$WARMUP" --drain=120 > "$OUT/warmup-${LAT}ms.txt"
  # And after it, Ordo's own tables once more (not the engine's ACT_* tables: their runtime rows are gone
  # after the drain, and statistics of empty runtime tables bring back the plan above). At the halfway
  # ANALYZE payments, shipments and their lines held a few pages, so PostgreSQL planned their lookups by
  # order as sequential scans; the pooled connections keep those plans (prepared statements) while the
  # tables grow, until autovacuum re-analyzes them: measured with auto_explain, 0.2-0.4 ms per lookup
  # and ~9 of PostgreSQL's 35 ms of execution per order in the first minute of saturation. A database
  # with a history of orders plans these as index scans (docs/benchmarks.md, tuning step 7).
  psql_pg -d ordo_bench -c "DO \$\$ DECLARE t text; BEGIN FOR t IN SELECT tablename FROM pg_tables
      WHERE schemaname = 'public' AND tablename NOT LIKE 'act\_%' LOOP EXECUTE 'ANALYZE ' || quote_ident(t); END LOOP; END \$\$" >/dev/null
  # Then rounds of the cost phase's load (10 orders/s for 30 s) until the JIT compiler's threads use less
  # than $SETTLE_JIT % of one core in a round, at most $SETTLE rounds. On 2 cores HotSpot's one C2 thread
  # needs minutes of load to compile Ordo's (Spring's, Camunda's) hot code: measured at 10 orders/s after the
  # closed-loop warm-up, Ordo's CPU per order without the JIT fell from 92 to 44 ms over six 30 s rounds while
  # the JIT took 17-55 ms per order (C1 only, -XX:TieredStopAtLevel=1: a flat 65 ms from the first round,
  # no JIT). Measuring before that measures the JVM's start, not Ordo at work (docs/benchmarks.md, step 8).
  for ROUND in $(seq 1 "$SETTLE"); do
    JIT_PCT=$(gen "${COMMON[@]}" --phase=settle --mode=rate --rate=10 --duration=30 --drain=30 | awk -F= '/\.cpu_ordo_jit_pct=/{print $2}')
    log "Ordo ${LAT} ms: settling round $ROUND at 10 orders/s: the JIT compiler used ${JIT_PCT:-?} % of one core"
    echo "ordo$LAT.settle.round$ROUND.jit_pct=${JIT_PCT:-}" >> "$RESULTS"
    awk -v j="${JIT_PCT:-100}" -v t="$SETTLE_JIT" 'BEGIN { exit !(j < t) }' && break
  done
  # Cost: a light load every order of which completes; CPU time per order (Ordo's JVM and its
  # PostgreSQL backends) is the one number a busy machine does not distort much.
  if phase cost; then
  log "Ordo ${LAT} ms: cost, 10 orders/s for ${COST} s"
  gen "${COMMON[@]}" --phase="ordo$LAT.cost" --mode=rate --rate=10 --duration="$COST" --drain=60 --out="$RESULTS" > /dev/null
  fi
  # Saturation first: the closed loop leaves at most $INFLIGHT orders behind; an overloaded target
  # phase would leave a backlog that the next phase inherits.
  if phase saturation; then
  log "Ordo ${LAT} ms: saturation, $INFLIGHT orders in flight for ${PHASE} s"
  gen "${COMMON[@]}" --phase="ordo$LAT.saturation" --mode=saturation --inflight="$INFLIGHT" --duration="$PHASE" --out="$RESULTS" > /dev/null
  fi
  if phase half; then
  log "Ordo ${LAT} ms: half load, $HALF_RATE orders/s for ${PHASE} s"
  gen "${COMMON[@]}" --phase="ordo$LAT.half" --mode=rate --rate="$HALF_RATE" --duration="$PHASE" --out="$RESULTS" > /dev/null
  fi
  if phase target; then
  log "Ordo ${LAT} ms: target load, $TARGET_RATE orders/s for ${PHASE} s"
  gen "${COMMON[@]}" --phase="ordo$LAT.target" --mode=rate --rate="$TARGET_RATE" --duration="$PHASE" --out="$RESULTS" > /dev/null
  fi
  stop "$ORDO_PID"
done
psql_pg -d postgres -c "DROP DATABASE IF EXISTS ordo_bench WITH (FORCE)" >/dev/null 2>&1 || true

echo "run.seconds=$(( $(date +%s) - START_TS ))" >> "$RESULTS"
if [ "${BENCH_NO_DOC:-}" != 1 ]; then
  gen --report="$RESULTS" --doc=docs/benchmarks.md
  log "results written to docs/benchmarks.md"
fi
log "done in $(( $(date +%s) - START_TS )) s; raw results in $RESULTS"
grep -E 'baseline\.(engine\.instances_per_s|pgbench\.tps)|\.(completed_per_s|create_p95_ms|lookup_p95_ms|carrier_p95_ms|label_p95_ms|delivered_p95_ms|due_jobs_max|heap_after_gc_mb|failed|unfinished_after_drain)=' "$RESULTS"
