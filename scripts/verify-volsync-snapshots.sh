#!/usr/bin/env bash
# Show an app's newest Kopia snapshot, read from the repository itself, and what needs attention.
# A thin wrapper over `rewind status`, keeping the arguments of the reference cluster's old script:
#
#   verify-volsync-snapshots.sh [APP_NAME] [NAMESPACE] [rewind options...]
#   defaults: paperless-ngx default; e.g. verify-volsync-snapshots.sh immich media -o json
#
# Unlike the old script it never triggers a restore, and it does not take an RD's latestImage or CSI
# VolumeSnapshots for Kopia snapshots (volsync.md §6.3). When the repository cannot be read from here, the
# evidence is marked "status" with the reason. Exit codes: 0 healthy, 4 something needs attention (stale, no
# backup, leftover trigger, unreadable repository, ...), 3 no such app, 6 unavailable.
set -euo pipefail

case "${1:-}" in -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac

app="${1:-paperless-ngx}"
namespace="${2:-default}"
if [ "$#" -gt 2 ]; then shift 2; else set --; fi

exec "$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)/rewind" status --app "$app" -n "$namespace" "$@"
