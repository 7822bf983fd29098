#!/usr/bin/env bash
# The demo command: builds what is missing or out of date, then starts Keycloak 26.7.3 with the SSPR JAR, an LDAP
# directory, an SMTP sink and the SMS/voice outbox (see README.md). Ctrl-C stops everything.
# Needs only Java 17+ and Maven; the first run downloads dependencies and the Keycloak distribution through Maven.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

launcher=demo/target/sspr-demo.jar
java_cmd=java
if [[ -n "${JAVA_HOME:-}" && -x "${JAVA_HOME}/bin/java" ]]; then
  java_cmd="${JAVA_HOME}/bin/java"
fi

command -v "$java_cmd" >/dev/null || { echo "run-demo.sh: Java 17 or newer is needed (java not found)." >&2; exit 1; }
java_major=$("$java_cmd" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
if [[ -z "$java_major" || "${java_major%%.*}" -lt 17 ]]; then
  echo "run-demo.sh: Java 17 or newer is needed (found ${java_major:-unknown} at $java_cmd)." >&2
  exit 1
fi

# A build is needed when an output is missing or any source, POM or resource is newer than the launcher jar.
needs_build() {
  [[ -f "$launcher" ]] || return 0
  compgen -G 'dist/target/keycloak-sspr-*.jar' >/dev/null || return 0
  compgen -G 'demo/target/keycloak-*/bin/kc.sh' >/dev/null || return 0
  [[ -n "$(find pom.xml providers authenticators themes dist demo \
      -path '*/target' -prune -o -type f -newer "$launcher" -print -quit 2>/dev/null)" ]]
}

if needs_build; then
  command -v mvn >/dev/null || { echo "run-demo.sh: Maven is needed to build the demo (mvn not found)." >&2; exit 1; }
  echo "[demo] Building the JAR and the demo launcher (the first build downloads dependencies and Keycloak; a few minutes)"
  # -DskipTests skips unit tests, -DskipITs the integration tests that would start a Keycloak of their own.
  mvn -B -q -DskipTests -DskipITs -pl demo -am package
fi

exec "$java_cmd" -jar "$launcher" "$@"
