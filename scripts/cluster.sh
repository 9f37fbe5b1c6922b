#!/usr/bin/env bash
# Several Ordo nodes on one PostgreSQL database (Camunda's homogeneous cluster), as separate JVMs.
#
#   scripts/cluster.sh start            start every node (node 1 first, then the others), wait until healthy
#   scripts/cluster.sh stop             stop every node (SIGTERM, SIGKILL after 20 s)
#   scripts/cluster.sh status           one line per node: pid, port, health
#   scripts/cluster.sh kill N           kill -9 node N (a crash: no shutdown, its job locks stay behind)
#   scripts/cluster.sh start-node N     start node N alone (again), wait until healthy
#
# Environment (defaults in brackets):
#   ORDO_NODES [2]                  how many nodes
#   ORDO_BASE_PORT [28081]          node N listens on ORDO_BASE_PORT + N - 1
#   ORDO_DB [ordo_cluster]          database name on ORDO_PG_HOST:ORDO_PG_PORT [127.0.0.1:5432]; created if
#                                   missing (with psql, as the user below). SPRING_DATASOURCE_URL overrides it.
#   SPRING_DATASOURCE_USERNAME [postgres], SPRING_DATASOURCE_PASSWORD [empty]
#   ORDO_PROFILES [postgres,demo]   Spring profiles of every node
#   ORDO_LOCK_TIME_MS [30000]       job lock time: how long a crashed node's jobs stay locked before another
#                                   node may run them (Camunda's default is 300000; see docs/scaling.md)
#   ORDO_HEAP [512m]                -Xmx of each node
#   ORDO_JAR [target/ordo-*.jar]    the executable jar (./mvnw -q -DskipTests package builds it)
#   ORDO_RUN_DIR [target/cluster]   node-N.pid and node-N.log
#   ORDO_HEALTH_TIMEOUT [180]       seconds to wait for /actuator/health
#   ORDO_OPTS                       further arguments for every node, e.g. "--ordo.jobs.retry-cycle=R5/PT1S"
#
# Each node gets --ordo.node-id=node-N: its job locks (ACT_RU_JOB.LOCK_OWNER_) and the job log
# (ACT_HI_JOB_LOG.HOSTNAME_) name it. Node 1 starts alone first: it creates the engine's tables and
# deploys the diagrams; the others then find both in place and deploy nothing new.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

NODES="${ORDO_NODES:-2}"
BASE_PORT="${ORDO_BASE_PORT:-28081}"
PG_HOST="${ORDO_PG_HOST:-127.0.0.1}"
PG_PORT="${ORDO_PG_PORT:-5432}"
DB="${ORDO_DB:-ordo_cluster}"
DB_URL="${SPRING_DATASOURCE_URL:-jdbc:postgresql://$PG_HOST:$PG_PORT/$DB}"
DB_USER="${SPRING_DATASOURCE_USERNAME:-postgres}"
DB_PASSWORD="${SPRING_DATASOURCE_PASSWORD:-}"
PROFILES="${ORDO_PROFILES:-postgres,demo}"
LOCK_TIME_MS="${ORDO_LOCK_TIME_MS:-30000}"
HEAP="${ORDO_HEAP:-512m}"
RUN_DIR="${ORDO_RUN_DIR:-target/cluster}"
HEALTH_TIMEOUT="${ORDO_HEALTH_TIMEOUT:-180}"
# shellcheck disable=SC2206
EXTRA=(${ORDO_OPTS:-})

log() { echo "cluster.sh: $*" >&2; }

jar() {
  if [ -n "${ORDO_JAR:-}" ]; then echo "$ORDO_JAR"; return; fi
  local found
  found=$(ls target/ordo-*.jar 2>/dev/null | grep -v '\.original$' | head -1 || true)
  if [ -z "$found" ]; then
    log "no jar in target/: building it (./mvnw -q -DskipTests package)"
    ./mvnw -q -DskipTests package >&2
    found=$(ls target/ordo-*.jar | grep -v '\.original$' | head -1)
  fi
  echo "$found"
}

port_of() { echo $((BASE_PORT + $1 - 1)); }
pid_file() { echo "$RUN_DIR/node-$1.pid"; }
log_file() { echo "$RUN_DIR/node-$1.log"; }

pid_of() {
  local f; f=$(pid_file "$1")
  [ -f "$f" ] && cat "$f" || true
}

alive() {
  local pid; pid=$(pid_of "$1")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}

healthy() { curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:$(port_of "$1")/actuator/health"; }

ensure_database() {
  [ -n "${SPRING_DATASOURCE_URL:-}" ] && return 0
  command -v psql >/dev/null || { log "psql not found; create database $DB yourself"; return 0; }
  local exists
  if ! exists=$(PGPASSWORD="$DB_PASSWORD" psql -h "$PG_HOST" -p "$PG_PORT" -U "$DB_USER" -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = '$DB'" 2>/dev/null); then
    log "could not check whether database $DB exists (as $DB_USER); assuming it does"
    return 0
  fi
  if [ "$exists" != 1 ]; then
    log "creating database $DB"
    PGPASSWORD="$DB_PASSWORD" psql -h "$PG_HOST" -p "$PG_PORT" -U "$DB_USER" -d postgres -qc "CREATE DATABASE $DB"
  fi
}

start_node() {
  local n=$1 port; port=$(port_of "$n")
  if alive "$n"; then log "node $n already runs (pid $(pid_of "$n"))"; return 0; fi
  mkdir -p "$RUN_DIR"
  log "starting node $n on port $port ($DB_URL)"
  # exec'd by nohup: the pid written is the JVM's own, so `kill N` really is a kill -9 of Ordo.
  SPRING_DATASOURCE_URL="$DB_URL" SPRING_DATASOURCE_USERNAME="$DB_USER" SPRING_DATASOURCE_PASSWORD="$DB_PASSWORD" \
    nohup java "-Xmx$HEAP" -jar "$JAR" \
      --spring.profiles.active="$PROFILES" \
      --server.port="$port" \
      --ordo.node-id="node-$n" \
      --camunda.bpm.job-execution.lock-time-in-millis="$LOCK_TIME_MS" \
      "${EXTRA[@]}" >>"$(log_file "$n")" 2>&1 &
  echo $! >"$(pid_file "$n")"
}

await_healthy() {
  local n=$1 deadline=$((SECONDS + HEALTH_TIMEOUT))
  until healthy "$n"; do
    if ! alive "$n"; then
      log "node $n died while starting; last lines of $(log_file "$n"):"
      tail -n 30 "$(log_file "$n")" >&2
      return 1
    fi
    if [ $SECONDS -ge $deadline ]; then
      log "node $n not healthy after ${HEALTH_TIMEOUT}s; see $(log_file "$n")"
      return 1
    fi
    sleep 1
  done
  log "node $n healthy on port $(port_of "$n") (pid $(pid_of "$n"))"
}

stop_node() {
  local n=$1 pid; pid=$(pid_of "$n")
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then
      log "node $n did not stop in 20 s: kill -9 $pid"
      kill -9 "$pid" 2>/dev/null || true
    fi
    log "node $n stopped"
  fi
  rm -f "$(pid_file "$n")"
}

case "${1:-}" in
  start)
    JAR=$(jar)
    ensure_database
    start_node 1
    await_healthy 1
    for n in $(seq 2 "$NODES"); do start_node "$n"; done
    for n in $(seq 2 "$NODES"); do await_healthy "$n"; done
    ;;
  start-node)
    JAR=$(jar)
    start_node "${2:?node number}"
    await_healthy "$2"
    ;;
  stop)
    for n in $(seq 1 "$NODES"); do stop_node "$n"; done
    ;;
  kill)
    n="${2:?node number}"; pid=$(pid_of "$n")
    [ -n "$pid" ] || { log "node $n has no pid file"; exit 1; }
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$(pid_file "$n")"
    log "node $n killed (kill -9 $pid)"
    ;;
  status)
    for n in $(seq 1 "$NODES"); do
      if alive "$n"; then
        if healthy "$n"; then state=UP; else state=DOWN; fi
        echo "node-$n pid $(pid_of "$n") port $(port_of "$n") $state"
      else
        echo "node-$n stopped port $(port_of "$n")"
      fi
    done
    ;;
  *)
    sed -n '2,9p' "$0" >&2
    exit 2
    ;;
esac
