#!/usr/bin/env bash
# Counting who cannot reset among 10 000 users (bench/insight.md): one Keycloak 26.7.3 with the packaged JAR (the
# test framework's default database), the demo realm plus -Dbench.users users; times the not-ready summary, list page,
# CSV and the policy impact simulator, and the server's live heap during the summaries. A few minutes on 2 cores.
# Not part of ./run-tests.sh or .ci/run.
#
#   bench/insight-bench.sh [-Dbench.users=10000]
set -euo pipefail
cd "$(dirname "$0")/.."
# Keycloak's ports (8080, 9000) are fixed: hold the lock the integration tests take, for the whole run.
exec flock /tmp/sspr-it.lock mvn -o -B verify -pl integration-tests -am -Dspotless.check.skip=true \
  -Dit.test=InsightBench -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false "$@"
