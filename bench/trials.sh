#!/usr/bin/env bash
# bench/trials.sh: times the trial drills, N trials each with --parallel P on the local backend
# (default 20 trials, --parallel 2), and prints one line per drill: wall time, trials passed,
# seconds per trial, and the lost-writes and RTO distribution (min / median / p95 / max) from
# the journal. Each trial is a fresh environment (initdb, seeded database, streaming replica).
#
# Usage:   bench/trials.sh [-n TRIALS] [-p PARALLEL] [-s SEED] [DRILL...]
#          (default drills: scenarios/failover-async-trials.yaml scenarios/failover-sync-trials.yaml)
# Env:     RUNNER (default: ./runner at the repository root)
# Needs:   bash, jq, PostgreSQL 15 server binaries; the line goes to stdout and to
#          bench/results/trials-latest.txt (kept out of git).
# Exit:    0 when every drill's set passed, 1 otherwise.
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
root="$(cd "$here/.." && pwd)"
runner="${RUNNER:-$root/runner}"
trials=20
parallel=2
seed=""
while getopts "n:p:s:" opt; do
  case "$opt" in
    n) trials="$OPTARG" ;;
    p) parallel="$OPTARG" ;;
    s) seed="$OPTARG" ;;
    *) echo "usage: bench/trials.sh [-n TRIALS] [-p PARALLEL] [-s SEED] [DRILL...]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
drills=("$@")
[ ${#drills[@]} -gt 0 ] || drills=("$root/scenarios/failover-async-trials.yaml" "$root/scenarios/failover-sync-trials.yaml")
command -v jq >/dev/null 2>&1 || { echo "trials.sh: jq is needed" >&2; exit 2; }

"$runner" --version >/dev/null   # builds the CLI first when needed, outside the timing
work="$(mktemp -d "${TMPDIR:-/tmp}/pgdrill-trials-bench-XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$here/results"
out="$here/results/trials-latest.txt"
{
  echo "# bench/trials.sh $(date -u +%Y-%m-%dT%H:%M:%SZ), $trials trials, --parallel $parallel, load $(cut -d' ' -f1-3 /proc/loadavg)"
  printf '%-24s %8s %8s %8s  %-28s %-28s\n' drill wall passed s/trial "lost min/med/p95/max" "rto s min/med/p95/max"
} | tee "$out"
status=0
for drill in "${drills[@]}"; do
  name="$(basename "$drill" .yaml)"
  reports="$work/$name"
  args=(--no-color --repeat "$trials" --parallel "$parallel" --report-dir "$reports")
  [ -z "$seed" ] || args+=(--seed "$seed")
  start=$(date +%s%N)
  "$runner" "${args[@]}" "$drill" >"$work/$name.log" 2>&1 || status=1
  wall_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  stats() {
    jq -r --arg k "$1" '.trialSets[0].points | map(.[$k]) | map(select(. != null)) | sort
      | if length == 0 then "-" else
        [ .[0], .[((length + 1) / 2 | ceil) - 1], .[((length * 95 / 100) | ceil) - 1], .[-1] ]
        | map(. * 1000 | round / 1000 | tostring) | join("/") end' "$reports/journal.json"
  }
  passed="$(jq -r '.trialSets[0] | "\(.passed)/\(.trials)"' "$reports/journal.json")"
  per=$(awk -v w="$wall_ms" -v n="$trials" 'BEGIN { printf "%.1f", w / 1000 / n }')
  printf '%-24s %7.1fs %8s %7ss  %-28s %-28s\n' "$name" "$(awk -v w="$wall_ms" 'BEGIN { print w / 1000 }')" \
    "$passed" "$per" "$(stats lost)" "$(stats seconds)" | tee -a "$out"
done
exit "$status"
