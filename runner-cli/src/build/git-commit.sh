#!/bin/sh
# Writes "commit=<12 hex digits>[-dirty]" to the file $1: the git commit the current directory is
# checked out at (a git worktree names its own), "-dirty" when tracked files differ from it, and
# "commit=unknown" outside a git checkout or without git. Run by the runner-cli build (the
# exec-maven-plugin, prepare-package) for `runner --version`.
out="$1"
mkdir -p "$(dirname "$out")"
c="$(git rev-parse --short=12 HEAD 2>/dev/null)" || c=unknown
[ -n "$c" ] || c=unknown
if [ "$c" != unknown ] && ! git diff --quiet HEAD -- 2>/dev/null; then
  c="$c-dirty"
fi
echo "commit=$c" > "$out"
