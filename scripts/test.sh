#!/usr/bin/env bash
# The whole test suite, on a fresh machine:  ./scripts/test.sh
#   1. makes a local PostgreSQL available (starts it if stopped, installs it with apt-get if missing)
#      and creates a fresh test database,
#   2. lints every diagram with Camunda Modeler's own rules (bpmnlint + camunda-compat, dmnlint),
#   3. installs Debian's chromium and chromium-driver for the browser tests where missing (never a
#      browser download),
#   4. runs every test on the embedded H2 (browser tests included; screenshots in target/screenshots),
#      then every database test again on PostgreSQL,
#   5. packages the jar and runs the resilience tests (failsafe, src/test/java/dev/ordo/resilience):
#      Ordo as separate JVMs on their own fresh databases ordo_resilience_* (crash with kill -9,
#      payment/carrier faults, a PostgreSQL restart, two nodes); node logs in target/resilience/.
# Environment: ORDO_TEST_PG_HOST / ORDO_TEST_PG_PORT (default 127.0.0.1:5432).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PG_HOST="${ORDO_TEST_PG_HOST:-127.0.0.1}"
PG_PORT="${ORDO_TEST_PG_PORT:-5432}"
TEST_DB=ordo_test
TEST_USER=ordo_test
TEST_PASSWORD=ordo_test
# The resilience tests create (and drop) their own databases ordo_resilience_* as this role.
RESILIENCE_USER=ordo_resilience
RESILIENCE_PASSWORD=ordo_resilience

log() { echo "test.sh: $*"; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  log "installing $* with apt-get"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

start_postgres() {
  if command -v pg_lsclusters >/dev/null; then
    pg_lsclusters --no-header | while read -r version cluster _rest; do
      log "starting PostgreSQL cluster $version/$cluster"
      as_root pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" start || true
    done
  fi
}

postgres_ready() { pg_isready -q -h "$PG_HOST" -p "$PG_PORT" 2>/dev/null; }

ensure_postgres() {
  command -v pg_isready >/dev/null || apt_install postgresql postgresql-client
  if ! postgres_ready; then
    start_postgres
  fi
  if ! postgres_ready && ! command -v pg_ctlcluster >/dev/null; then
    apt_install postgresql
    start_postgres
  fi
  for _ in $(seq 1 30); do postgres_ready && break; sleep 1; done
  postgres_ready || { log "PostgreSQL is not reachable on $PG_HOST:$PG_PORT"; exit 1; }
}

# As the postgres superuser: over TCP where trust auth allows it, else over the socket (peer auth).
psql_admin() {
  if psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -c 'SELECT 1' >/dev/null 2>&1; then
    psql -v ON_ERROR_STOP=1 -q -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres "$@"
  else
    as_root runuser -u postgres -- psql -v ON_ERROR_STOP=1 -q -p "$PG_PORT" -d postgres "$@"
  fi
}

ensure_test_database() {
  psql_admin -c "DO \$\$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$TEST_USER') THEN
        CREATE ROLE $TEST_USER LOGIN PASSWORD '$TEST_PASSWORD';
      END IF;
    END \$\$;"
  psql_admin -c "DO \$\$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$RESILIENCE_USER') THEN
        CREATE ROLE $RESILIENCE_USER LOGIN CREATEDB PASSWORD '$RESILIENCE_PASSWORD';
      END IF;
    END \$\$;"
  # leftovers of earlier resilience runs (kept for diagnosis until the next run)
  for db in $(psql_admin -tAc "SELECT datname FROM pg_database WHERE datname LIKE 'ordo\_resilience\_%'"); do
    psql_admin -c "DROP DATABASE IF EXISTS $db WITH (FORCE)"
  done
  psql_admin -c "DROP DATABASE IF EXISTS $TEST_DB WITH (FORCE)"
  psql_admin -c "CREATE DATABASE $TEST_DB OWNER $TEST_USER"
  log "fresh database $TEST_DB on $PG_HOST:$PG_PORT"
}

ensure_node() {
  command -v npm >/dev/null || apt_install nodejs npm
}

# The browser tests drive /usr/bin/chromium through /usr/bin/chromedriver (Debian's packages).
ensure_browser() {
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null \
      || [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    apt_install chromium chromium-driver
  fi
}

ensure_postgres
ensure_test_database
ensure_node
ensure_browser
bash .ci/lint-diagrams.sh

rm -rf target/surefire-reports target/surefire-reports-postgres target/failsafe-reports target/screenshots target/resilience
./mvnw -B -ntp verify \
  -Dordo.test.postgres.url="jdbc:postgresql://$PG_HOST:$PG_PORT/$TEST_DB" \
  -Dordo.test.postgres.user="$TEST_USER" -Dordo.test.postgres.password="$TEST_PASSWORD" \
  -Dordo.test.pg.host="$PG_HOST" -Dordo.test.pg.port="$PG_PORT" \
  -Dordo.test.pg.user="$RESILIENCE_USER" -Dordo.test.pg.password="$RESILIENCE_PASSWORD"

count() {
  python3 - "$1" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
tests = failures = skipped = 0
for f in glob.glob(sys.argv[1] + "/TEST-*.xml"):
    r = ET.parse(f).getroot()
    tests += int(r.get("tests")); failures += int(r.get("failures")) + int(r.get("errors")); skipped += int(r.get("skipped"))
print(f"{tests - failures - skipped} passed, {failures} failed, {skipped} skipped")
PY
}
echo
echo "H2:         $(count target/surefire-reports)"
echo "PostgreSQL: $(count target/surefire-reports-postgres)"
echo "Resilience: $(count target/failsafe-reports)"
[ -f target/resilience/results.txt ] && sed 's/^/  /' target/resilience/results.txt
echo "Browser screenshots: $(ls target/screenshots 2>/dev/null | tr '\n' ' ')"
