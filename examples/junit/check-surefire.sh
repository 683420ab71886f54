#!/usr/bin/env bash
# check-surefire.sh DRILL.yaml SUREFIRE.xml: every named step of the drill's steps: block is a test
# case of the report, and none failed, errored or was skipped. Exit 1 with what is missing otherwise.
set -euo pipefail
drill=$1 xml=$2
[ -f "$xml" ] || { echo "check-surefire: no report $xml" >&2; exit 1; }
# step names: `- name: X`, or `  name: X` after `- id: ...`, in the steps: block
mapfile -t steps < <(sed -n '/^steps:/,/^[a-z]/p' "$drill" | sed -n 's/^  \(- \|  \)name: *//p' | sed 's/^"\(.*\)"$/\1/')
[ ${#steps[@]} -gt 0 ] || { echo "check-surefire: no named steps in $drill" >&2; exit 1; }
missing=0
for s in "${steps[@]}"; do
  esc=$(printf '%s' "$s" | sed "s/&/\&amp;/g; s/'/\&apos;/g; s/\"/\&quot;/g; s/</\&lt;/g; s/>/\&gt;/g")
  if grep -qF "<testcase name=\"$esc\"" "$xml" || grep -qF "<testcase name=\"$s\"" "$xml"; then
    echo "check-surefire: test case '$s' found"
  else
    echo "check-surefire: step '$s' is not a test case in $xml" >&2
    missing=1
  fi
done
if grep -qE '<(failure|error|skipped)\b' "$xml"; then
  echo "check-surefire: $xml has failed, errored or skipped test cases" >&2
  missing=1
fi
count=$(grep -c '<testcase ' "$xml" || true)
[ "$count" -eq ${#steps[@]} ] || { echo "check-surefire: $count test cases, expected ${#steps[@]}" >&2; missing=1; }
[ $missing -eq 0 ] && echo "check-surefire: all ${#steps[@]} steps of $(basename "$drill") are passed test cases"
exit $missing
