#!/usr/bin/env bash
# bench/classlist.sh: records which classes a real drill run loads, into
# runner-cli/src/build/drill-classes.lst, the list the build's class-data sharing archive is dumped
# from together with a `runner validate` training run (runner-cli/src/build/cds-archive.sh). A build
# cannot run a drill (it may have no PostgreSQL), so the list is kept in git, like a baseline
# profile. Run it after large changes to the engine, the local backend or the reports, then rebuild
# (`mvn -pl runner-cli -am package`); a stale list only makes start-up a little slower.
#
# Usage:  bench/classlist.sh   (the six classic drills in one runner process on the local backend, then,
#                               when a Docker engine answers, the PITR drill on Compose and on
#                               Testcontainers: docker-java and the container backends load ~2000 classes)
# Needs:  a JDK 17, Maven (through ./runner's build), PostgreSQL 15 server binaries; for the container
#         runs a Docker engine with the images built (.ci/build-images.sh).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
"$root/runner" --version >/dev/null   # builds runner-cli/target/runner.jar if missing or stale
tmp="$(mktemp -d "${TMPDIR:-/tmp}/pgdrill-classlist.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
drills=()
for d in replication-lag pitr failover-data-loss failover-sync naive-backup full-recovery; do
  drills+=("$root/scenarios/$d.yaml")
done
java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms16m "-XX:DumpLoadedClassList=$tmp/classes.lst" \
  -jar "$root/runner-cli/target/runner.jar" --no-color --report-dir "$tmp/reports" "${drills[@]}" >"$tmp/out.txt" 2>&1 \
  || { echo "bench/classlist.sh: the drills did not pass; the list is not written:" >&2; tail -20 "$tmp/out.txt" >&2; exit 1; }
containers=""
if docker version --format '{{.Server.Version}}' >/dev/null 2>&1; then
  for env in compose testcontainers; do
    java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms16m "-XX:DumpLoadedClassList=$tmp/classes-$env.lst" \
      -jar "$root/runner-cli/target/runner.jar" --no-color --env "$env" --report-dir "$tmp/reports-$env" \
      "$root/scenarios/pitr.yaml" >"$tmp/out-$env.txt" 2>&1 \
      || { echo "bench/classlist.sh: pitr on $env did not pass; the list is not written:" >&2; tail -20 "$tmp/out-$env.txt" >&2; exit 1; }
  done
  containers=" and PITR on Compose and Testcontainers"
else
  echo "bench/classlist.sh: no Docker engine answers: the list holds the local runs only" >&2
fi
out="$root/runner-cli/src/build/drill-classes.lst"
{
  echo "# Classes a run of the six classic drills$containers loads (bench/classlist.sh, $(date -u +%Y-%m-%d));"
  echo "# read by runner-cli/src/build/cds-archive.sh. Generated: regenerate, do not edit."
  cat "$tmp/classes.lst" $(ls "$tmp"/classes-*.lst 2>/dev/null) | grep -v '^#' | awk '!seen[$0]++'
} >"$out"
echo "bench/classlist.sh: $(grep -vc '^#' "$out") classes written to $out"
