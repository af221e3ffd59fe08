#!/usr/bin/env bash
# Trigger a Volsync backup now, wait for it and confirm the new snapshot in the Kopia repository.
# A thin wrapper over `rewind backup`, keeping the arguments of the reference cluster's old script:
#
#   trigger-volsync-backup.sh [APP_NAME] [NAMESPACE] [TIMEOUT_SECONDS] [rewind options...]
#   defaults: paperless-ngx default 600; e.g. trigger-volsync-backup.sh immich media 3600 --follow --context home
#
# Unlike the old script it waits for *its own* manual tag (status.lastManualSync), fails when the mover fails or the
# repository holds no new snapshot, refuses paused sources, and always puts spec.trigger back as it was, so the
# schedule keeps running (volsync.md §6.2). Exit codes are rewind's (docs/exit-codes.md): 0 confirmed, 5 finished
# without a new snapshot, 6 unavailable/paused/busy, 7 timed out (the trigger was put back), 3 no such app.
set -euo pipefail

case "${1:-}" in -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac

app="${1:-paperless-ngx}"
namespace="${2:-default}"
timeout="${3:-600}"
case "$timeout" in
  ''|*[!0-9]*) printf "error: TIMEOUT_SECONDS must be a whole number of seconds, got '%s'\n" "$timeout" >&2; exit 2 ;;
esac
if [ "$#" -gt 3 ]; then shift 3; else set --; fi

exec "$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)/rewind" backup --app "$app" -n "$namespace" \
  --timeout "${timeout}s" "$@"
