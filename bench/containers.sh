#!/usr/bin/env bash
# bench/containers.sh: the container backends paired with local, one drill at a time.
#
# Usage:  bench/containers.sh [-n RUNS] [-b BACKENDS] [-o FILE] [-- RUNNER-ARGS] [DRILL.yaml ...]
#   -n RUNS      rounds per drill (default 3; env BENCH_RUNS); each round runs the drill once on every
#                backend, one after the other, so all of them see the same machine load
#   -b BACKENDS  comma-separated, local first (default local,compose,testcontainers)
#   -o FILE      also write the table here (default bench/results/containers-latest.txt, and a copy
#                named after the UTC date and the 1-minute load average)
#   DRILL.yaml   drills to time (default scenarios/pitr.yaml)
#   after --     extra runner arguments for every run (e.g. --backup-tool pgbackrest)
# Needs:  what bench/run.sh needs, plus a running Docker engine with the images built
#         (.ci/build-images.sh).
#
# Every run is a separate `./runner --no-color --env BACKEND DRILL` process. Medians over the rounds of
# wall (process start to exit), set-up, steps and clean-up (from journal.json, as bench/run.sh reads them),
# and outside (wall minus the drill: JVM start, YAML, reports, exit); then each backend's wall and set-up
# as a ratio of local's, from the same rounds (the goal of the container speed work: at most 2.5x).
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
runs="${BENCH_RUNS:-3}"
backends="local,compose,testcontainers"
out="$root/bench/results/containers-latest.txt"
drills=()
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    -n) runs="$2"; shift 2 ;;
    -b) backends="$2"; shift 2 ;;
    -o) out="$2"; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "bench/containers.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
    *) drills+=("$(readlink -f "$1")"); shift ;;
  esac
done
case "$runs" in ''|*[!0-9]*|0) echo "bench/containers.sh: -n needs a positive number, found '$runs'" >&2; exit 2 ;; esac
IFS=, read -r -a envs <<<"$backends"
for e in "${envs[@]}"; do
  case "$e" in local|compose|testcontainers) ;; *) echo "bench/containers.sh: unknown backend '$e' (local, compose, testcontainers)" >&2; exit 2 ;; esac
done
[ ${#drills[@]} -gt 0 ] || drills=("$root/scenarios/pitr.yaml")
command -v jq >/dev/null || { echo "bench/containers.sh: jq is needed (apt-get install jq)" >&2; exit 2; }
"$root/runner" --version >/dev/null   # builds the CLI jar if missing or stale

tmp="$(mktemp -d "${TMPDIR:-/tmp}/pgdrill-bench-containers.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
jq_ms='def ms: (sub("\\.[0-9]+Z$"; "Z") | fromdate) * 1000 + ((capture("\\.(?<f>[0-9]{1,3})") | .f + "00" | .[0:3] | tonumber) // 0);'

# One timed run; appends "drill backend wall setup steps cleanup outside exit" to $tmp/rows.
run_one() {
  local yaml="$1" env="$2" rep="$tmp/rep" start end code=0
  rm -rf "$rep"
  start=$(now_ms)
  "$root/runner" --no-color --env "$env" --report-dir "$rep" ${extra[@]+"${extra[@]}"} "$yaml" >"$tmp/out.txt" 2>&1 || code=$?
  end=$(now_ms)
  if [ "$code" != 0 ]; then
    echo "bench/containers.sh: $(basename "$yaml") on $env exited $code:" >&2
    tail -20 "$tmp/out.txt" >&2
  fi
  local line
  line="$(jq -r "$jq_ms"' .drills[0] as $d | ($d.start|ms) as $s
      | ([$d.steps[], $d.finallySteps[]] | map(select(.status != "SKIPPED"))) as $ran
      | (if ($ran|length) > 0 then ($ran[0].start|ms) else $s end) as $first
      | (if ($ran|length) > 0 then ($ran | map((.start|ms) + .durationMs) | max) else $s end) as $last
      | [$first - $s, $last - $first, $s + $d.durationMs - $last, $d.durationMs] | @tsv' \
      "$rep/journal.json" 2>/dev/null || echo "0 0 0 0")"
  local setup steps cleanup drill_ms
  read -r setup steps cleanup drill_ms <<<"$line"
  echo "$(basename "$yaml" .yaml) $env $((end - start)) $setup $steps $cleanup $((end - start - drill_ms)) $code" >>"$tmp/rows"
}

: >"$tmp/rows"
for yaml in "${drills[@]}"; do
  for ((r = 1; r <= runs; r++)); do
    for env in "${envs[@]}"; do
      echo "bench: $(basename "$yaml") round $r/$runs on $env" >&2
      run_one "$yaml" "$env"
    done
  done
done
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

median() { sort -n | awk '{v[NR]=$1} END {if (NR==0) print 0; else if (NR%2) print v[(NR+1)/2]; else print int((v[NR/2]+v[NR/2+1])/2)}'; }
sec() { awk -v ms="$1" 'BEGIN {printf "%.1f s", ms/1000}'; }
{
  echo "pgdrill container benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $runs round(s), backends ${backends}${extra[*]:+, runner args: ${extra[*]}}"
  echo "machine: $(nproc) CPU, $(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo) RAM, $(docker version --format 'Docker {{.Server.Version}}' 2>/dev/null || echo 'no Docker'); load average before: $load_before, after: $load_after"
  echo
  printf '%-24s %-15s %9s %9s %9s %9s %9s %7s %8s %6s\n' drill backend wall set-up steps clean-up outside "x wall" "x set-up" failed
  for yaml in "${drills[@]}"; do
    d="$(basename "$yaml" .yaml)"
    base_wall="" base_setup=""
    for env in "${envs[@]}"; do
      col() { awk -v d="$d" -v e="$env" -v c="$1" '$1==d && $2==e {print $c}' "$tmp/rows" | median; }
      wall=$(col 3); setup=$(col 4); steps=$(col 5); cleanup=$(col 6); outside=$(col 7)
      failed=$(awk -v d="$d" -v e="$env" '$1==d && $2==e && $8!=0' "$tmp/rows" | wc -l)
      [ -n "$base_wall" ] || { base_wall=$wall; base_setup=$setup; }
      ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b>0) printf "%.1fx", a/b; else print "-"}'; }
      printf '%-24s %-15s %9s %9s %9s %9s %9s %7s %8s %6s\n' "$d" "$env" "$(sec "$wall")" "$(sec "$setup")" \
        "$(sec "$steps")" "$(sec "$cleanup")" "$(sec "$outside")" "$(ratio "$wall" "$base_wall")" \
        "$(ratio "$setup" "$base_setup")" "$failed"
    done
  done
} | tee "$tmp/table"
mkdir -p "$(dirname "$out")"
cp "$tmp/table" "$out"
cp "$tmp/table" "$(dirname "$out")/containers-$(date -u +%Y-%m-%dT%H%M)-load$(cut -d' ' -f1 /proc/loadavg).txt"
