#!/usr/bin/env bash
# Keycloak SSPR — the one test command (README "Tests", docs/testing.md; .ci/run calls exactly this).
#
# Unit tests, the formatter check, then the integration suite twice against a real Keycloak 26.7.3 running the
# packaged JAR: once on its dev H2 database and once on PostgreSQL 15, and the drop-in test once on Keycloak 26.5.6, the
# oldest supported version (docs/testing.md).
#
# It provides what the suite needs on a Debian machine: Chromium + chromedriver (Debian packages) and a local
# PostgreSQL 15 cluster with a throwaway database. Installing packages needs root; without root it tells you
# what to install. Set SSPR_SKIP_POSTGRES=1 to run the H2 pass only (never under CI).
set -euo pipefail
cd "$(dirname "$0")"

log() { printf '\n==> %s\n' "$*"; }
is_ci() { [[ "${CI:-}" == "true" ]]; }

apt_install() {
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
    echo "Missing: $*. Install them (Debian: sudo apt-get install $*) and run again." >&2
    exit 1
  fi
  if [[ -z "${SSPR_APT_UPDATED:-}" ]]; then
    apt-get update -qq
    export SSPR_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

log "Checking tools"
command -v java >/dev/null || { echo "Java 17+ is required" >&2; exit 1; }
command -v mvn >/dev/null || apt_install maven
if [[ ! -x /usr/bin/chromium || ! -x /usr/bin/chromedriver ]]; then
  log "Installing Debian chromium and chromium-driver (browser journeys)"
  apt_install chromium chromium-driver
fi
if [[ -z "$(fc-list :lang=ja 2>/dev/null | head -1)" ]]; then
  # Japanese glyphs for the screenshots of the Japanese pages (without a CJK font Chromium draws boxes).
  log "Installing Debian fonts-ipafont-gothic (Japanese screenshots)"
  apt_install fonts-ipafont-gothic
fi
if [[ ! -x /usr/sbin/slapd ]]; then
  # Real OpenLDAP for the LDAP writeback tests; the tests start it themselves (slapd -d, temp config, free port).
  log "Installing Debian slapd (OpenLDAP writeback tests)"
  apt_install slapd
fi

if [[ ! -x /usr/sbin/samba || ! -x /usr/bin/samba-tool ]]; then
  # A real Active Directory domain controller (Samba 4) for the AD writeback tests; the tests provision a throwaway
  # domain in a temp dir and start samba themselves (LDAP service only, on a loopback address of its own).
  log "Installing Debian samba (Active Directory writeback tests)"
  apt_install samba samba-ad-dc samba-ad-provision samba-dsdb-modules openssl
  if [[ -d /run/systemd/system ]]; then
    # The packages' own services are not wanted: the tests run their own domain controller.
    systemctl disable --now smbd nmbd samba-ad-dc >/dev/null 2>&1 || true
  fi
fi

maven_args=(-B -ntp verify)

if [[ "${SSPR_SKIP_POSTGRES:-}" == "1" ]] && ! is_ci; then
  log "SSPR_SKIP_POSTGRES=1: integration suite on H2 only"
else
  if ! command -v pg_ctlcluster >/dev/null; then
    log "Installing PostgreSQL 15"
    apt_install postgresql-15
  fi
  log "Starting PostgreSQL 15 and creating a fresh sspr_it database"
  if ! pg_lsclusters -h | awk '$1 == "15" && $2 == "main" && $4 == "online" {found=1} END {exit !found}'; then
    # The server outlives this script: start it without our open descriptors (a caller's lock file, say), or it
    # would hold them for as long as it runs.
    (
      for fd in /proc/$BASHPID/fd/*; do
        n=${fd##*/}
        if [[ $n -gt 2 ]]; then eval "exec $n>&-" 2>/dev/null || true; fi
      done
      exec pg_ctlcluster 15 main start
    )
  fi
  as_postgres() {
    if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
  }
  as_postgres psql -q -v ON_ERROR_STOP=1 <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'sspr') THEN
    CREATE ROLE sspr LOGIN PASSWORD 'sspr';
  END IF;
END $$;
DROP DATABASE IF EXISTS sspr_it;
CREATE DATABASE sspr_it OWNER sspr;
SQL
  maven_args+=(-Dsspr.postgres=true)
fi

log "mvn ${maven_args[*]}"
mvn "${maven_args[@]}"
