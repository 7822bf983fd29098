#!/usr/bin/env bash
# SSPR's reset against Keycloak's own, in one command (bench/reset-vs-builtin.md): one Keycloak 26.7.3 with the packaged
# JAR and a counting argon2 (bench/hash-counter), four realms made from the demo realm (Keycloak's reset-credentials
# flow; SSPR with 1 gate email, 2 gates questions + email, 2 gates email + SMS), flows interleaved round by round.
# About 5 minutes on a 2-core machine. Asserts nothing; not part of ./run-tests.sh or .ci/run.
#
#   bench/reset-vs-builtin.sh [-Dbench.samples=60] [-Dbench.warmup=8]
set -euo pipefail
cd "$(dirname "$0")/.."

# The counting hash makes the server's build differ from the suite's: Keycloak re-augments, which on a busy machine
# takes longer than the test framework's default start timeout.
# Keycloak's ports (8080, 9000) and GreenMail's (3025) are fixed: hold the lock the integration tests take.
exec flock -o /tmp/sspr-kc-ports.lock mvn -o -B verify -pl integration-tests -am \
  -Dit.test=ResetVsBuiltinBench -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dkc.test.server.start.timeout=600 "$@"
