#!/usr/bin/env bash
# restore-volsync-populator.sh — the reference cluster's script name, now a thin wrapper over `rewind restore`.
#
# Usage: APP_NAME=<app> [NAMESPACE=<ns>] scripts/restore-volsync-populator.sh [--timestamp T | --previous N] [--dry-run]
#        [any other `rewind restore` option, e.g. --mode replace, --resume, --abort, -o json]
#
# Unlike the old script (volsync.md §6.1), the snapshot is chosen from the repository itself and pinned by its exact
# start time, Flux and the ReplicationSource are suspended/paused and resumed, a safety VolumeSnapshot is taken before
# anything is written, original replica counts come back, and an interrupted run is completed with --resume or undone
# with --abort. `--timestamp` means "the newest snapshot that started AT OR BEFORE T" (RFC 3339 with an offset).
#
# Exit codes are rewind's (docs/exit-codes.md); 2 when APP_NAME is missing.
set -euo pipefail

if [ -z "${APP_NAME:-}" ]; then
  printf 'error: APP_NAME is not set\nhint: APP_NAME=paperless-ngx NAMESPACE=default %s --timestamp 2026-11-29T14:30:00Z\n' \
    "$0" >&2
  exit 2
fi

here="$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
args=(restore --app "$APP_NAME")
if [ -n "${NAMESPACE:-}" ]; then
  args+=(--namespace "$NAMESPACE")
fi
exec "${REWIND:-$here/rewind}" "${args[@]}" "$@"
