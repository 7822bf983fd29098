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

# Optional: a throwaway Active Directory domain controller (Samba 4) for the AD writeback part of the demo. Samba runs
# only as root; as root on Debian the packages are installed when missing. Otherwise the launcher says in one line that
# it skips the AD part, and the rest of the demo is the same. SSPR_DEMO_AD=off skips it (and the install) anyway.
if [[ "${SSPR_DEMO_AD:-}" != "off" && $(id -u) -eq 0 && ( ! -x /usr/sbin/samba || ! -x /usr/bin/samba-tool ) ]] \
    && command -v apt-get >/dev/null; then
  samba_log=$(mktemp /tmp/sspr-demo-samba-install.XXXXXX.log)
  echo "[demo] Installing Debian samba for the Active Directory part of the demo (log: $samba_log)"
  if { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      samba samba-ad-dc samba-ad-provision samba-dsdb-modules openssl; } >"$samba_log" 2>&1; then
    if [[ -d /run/systemd/system ]]; then
      # The packages' own services are not wanted: the demo runs its own domain controller.
      systemctl disable --now smbd nmbd samba-ad-dc >>"$samba_log" 2>&1 || true
    fi
  else
    echo "[demo] Could not install samba (see $samba_log); the demo runs without Active Directory."
  fi
fi

exec "$java_cmd" -jar "$launcher" "$@"
