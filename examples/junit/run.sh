#!/usr/bin/env bash
# Builds this example the way a team's own build would: installs the pgdrill artifacts from this
# checkout (tests skipped: the project's own `mvn verify` runs them), runs `mvn verify` here, then
# checks that Surefire's XML lists every step of the drill as a passed test case.
#   MVN_REPO=/path  use a private local Maven repository instead of ~/.m2/repository
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
repo=()
if [ -n "${MVN_REPO:-}" ]; then
  repo=(-Dmaven.repo.local="$MVN_REPO")
fi

echo "examples/junit: installing pgdrill-junit and what it needs"
mvn -B -q "${repo[@]}" -f "$root/pom.xml" install -pl junit -am -DskipTests -DskipITs -Dspotless.check.skip=true
echo "examples/junit: mvn verify"
mvn -B "${repo[@]}" -f "$here/pom.xml" clean verify

bash "$here/check-surefire.sh" "$here/src/test/drills/order-items.yaml" \
  "$here/target/surefire-reports/TEST-com.example.drills.DrillsTest.xml"
