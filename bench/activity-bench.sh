#!/usr/bin/env bash
# The activity benchmark in one command (bench/activity.md): login throughput with sspr-activity on vs off, activity
# query p95 at 10 k and 1 M rows, server heap during a 1 M-row CSV export, security-questions gate vs a login.
# One Keycloak 26.7.3 with the packaged JAR on the local PostgreSQL 15 (database sspr_bench, recreated each run).
# About 10 minutes on a 2-core machine. Not part of ./run-tests.sh or .ci/run.
#
#   bench/activity-bench.sh [-Dbench.rows=1000000] [-Dbench.rounds=6] [-Dbench.batchSeconds=10] [-Dbench.clients=4]
set -euo pipefail
cd "$(dirname "$0")/.."

as_postgres() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }

if ! pg_lsclusters -h | awk '$1 == "15" && $2 == "main" && $4 == "online" {found=1} END {exit !found}'; then
  # Started without our descriptors (the port lock below, a caller's), as run-tests.sh does: it outlives us.
  (
    for fd in /proc/$BASHPID/fd/*; do
      n=${fd##*/}
      if [[ $n -gt 2 ]]; then eval "exec $n>&-" 2>/dev/null || true; fi
    done
    exec pg_ctlcluster 15 main start
  )
fi
as_postgres psql -q -v ON_ERROR_STOP=1 <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'sspr') THEN CREATE ROLE sspr LOGIN PASSWORD 'sspr'; END IF;
END $$;
DROP DATABASE IF EXISTS sspr_bench;
CREATE DATABASE sspr_bench OWNER sspr;
SQL

# Keycloak's ports (8080, 9000) are fixed: hold the lock the integration tests take, for the whole run.
exec flock -o /tmp/sspr-kc-ports.lock mvn -o -B verify -pl integration-tests -am \
  -Dit.test=ActivityBench -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dkc.test.database=remote -Dkc.test.database.vendor=postgres \
  -Dkc.test.database.url=jdbc:postgresql://localhost:5432/sspr_bench \
  -Dkc.test.database.user=sspr -Dkc.test.database.password=sspr "$@"
