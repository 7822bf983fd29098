#!/usr/bin/env bash
# The reset-timing benchmark in one command (bench/reset-timing.md): does "Reset your password" take as long for an
# unknown, disabled or unregistered username as for a registered user? Identify POST and "email" choice POST, four
# cases interleaved round by round. One Keycloak 26.7.3 with the packaged JAR on its dev H2 database, the demo realm.
# About 5 minutes on a 2-core machine. Not part of ./run-tests.sh or .ci/run.
#
#   bench/reset-timing.sh [-Dbench.samples=300] [-Dbench.warmup=40] [-Dbench.blocks=6]
set -euo pipefail
cd "$(dirname "$0")/.."

# Keycloak's ports (8080, 9000) and GreenMail's (3025) are fixed: hold the lock the integration tests take.
exec flock -o /tmp/sspr-kc-ports.lock mvn -o -B verify -pl integration-tests -am \
  -Dit.test=ResetTimingBench -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
  "$@"
