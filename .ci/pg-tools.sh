#!/usr/bin/env bash
# Installs the PostgreSQL server and Barman Cloud CLI used by the barman integration test
# (core: dev.rewind.barman.BarmanCloudArchiveIT). Idempotent: apt is only touched when something is missing.
# Prints the PostgreSQL bin directory and the barman-cloud tool paths on stdout (KEY=VALUE lines).
set -euo pipefail

need=()
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  need+=(postgresql)
fi
if ! command -v barman-cloud-backup >/dev/null 2>&1 || ! command -v barman-cloud-wal-archive >/dev/null 2>&1; then
  need+=(barman-cli-cloud)
fi

if ((${#need[@]} > 0)); then
  if [[ $(id -u) -ne 0 ]]; then
    SUDO=sudo
  else
    SUDO=
  fi
  echo "pg-tools: installing ${need[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi

pg_bin=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n1)")
echo "PG_BIN=${pg_bin}"
echo "PG_VERSION=$("${pg_bin}/postgres" --version)"
for tool in barman-cloud-backup barman-cloud-wal-archive barman-cloud-restore; do
  echo "$(echo "${tool}" | tr 'a-z-' 'A-Z_')=$(command -v "${tool}")"
done
echo "BARMAN_VERSION=$(barman-cloud-backup --version 2>&1 | head -n1)"
