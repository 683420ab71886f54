#!/bin/sh
# Writes a class-data sharing archive (AppCDS, $2) for the runner jar ($1), with the JVM options the
# ./runner launcher uses by default. The archive is a static one, dumped from a list of classes:
#   - those one training run of `runner validate` over the shipped scenarios ($3) loads, and
#   - those a real drill run loads ($4, runner-cli/src/build/drill-classes.lst: the executor, the local
#     backend, the JDBC driver, the journal and HTML reports), recorded with bench/classlist.sh and kept
#     in git, since a drill cannot run during a build. A name the jar no longer has is skipped; a class
#     added since loads from the jar as before. Like a baseline profile: stale costs speed, never
#     correctness.
# The launcher passes the archive to the JVM while it is newer than the jar and has the size written
# next to it ($2.size): a truncated archive makes the JVM crash (SIGBUS) instead of starting without
# it. Run by the runner-cli build (exec-maven-plugin, package phase, after the shaded jar). Never
# fails the build: without a usable JVM or when a step fails, there is just no archive.
jar="$1"
jsa="$2"
scenarios="$3"
drill_list="$4"
opts="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/pgdrill-cds.XXXXXX")" || exit 0
trap 'rm -rf "$tmp"' EXIT
rm -f "$jsa" "$jsa.tmp" "$jsa.size"
no_archive() {
  rm -f "$jsa.tmp"
  echo "cds-archive.sh: no class-data sharing archive for $jar ($1; the runner starts without one)" >&2
  exit 0
}
# shellcheck disable=SC2086
java $opts "-XX:DumpLoadedClassList=$tmp/validate.lst" -jar "$jar" validate "$scenarios" >/dev/null 2>&1 \
  || no_archive "the training run failed"
{ cat "$tmp/validate.lst"; [ -f "$drill_list" ] && cat "$drill_list"; } | grep -v '^#' | awk '!seen[$0]++' >"$tmp/all.lst"
# shellcheck disable=SC2086
java $opts -Xshare:dump "-XX:SharedClassListFile=$tmp/all.lst" "-XX:SharedArchiveFile=$jsa.tmp" -cp "$jar" \
  >"$tmp/dump.log" 2>&1 && [ -s "$jsa.tmp" ] || no_archive "the dump failed: $(tail -1 "$tmp/dump.log")"
wc -c <"$jsa.tmp" | tr -d ' ' >"$jsa.size.tmp" && mv "$jsa.size.tmp" "$jsa.size" && mv "$jsa.tmp" "$jsa" \
  || no_archive "could not store it"
exit 0
