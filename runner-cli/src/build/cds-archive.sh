#!/bin/sh
# Writes a class-data sharing archive (AppCDS, $2) for the runner jar ($1): one training run of
# `runner validate` over the shipped scenarios ($3) with -XX:ArchiveClassesAtExit, with the JVM
# options the ./runner launcher uses by default. The launcher passes it to the JVM when it is newer
# than the jar: the classes the runner loads before its first step then come mapped from the archive
# instead of parsed and verified from the jar (JVM start-up, see bench/README.md). Run by the
# runner-cli build (the exec-maven-plugin, package phase, after the shaded jar). Never fails the
# build: without a usable JVM or when the training run fails, there is just no archive.
jar="$1"
jsa="$2"
scenarios="$3"
rm -f "$jsa" "$jsa.tmp"
if java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto "-XX:ArchiveClassesAtExit=$jsa.tmp" \
    -Xlog:cds=off,cds+dynamic=off -jar "$jar" validate "$scenarios" >/dev/null 2>&1 && [ -s "$jsa.tmp" ]; then
  mv "$jsa.tmp" "$jsa"
else
  rm -f "$jsa.tmp"
  echo "cds-archive.sh: no class-data sharing archive for $jar (the runner starts without one)" >&2
fi
exit 0
