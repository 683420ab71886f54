#!/usr/bin/env bash
# Builds the offline images of the Compose environment for each PostgreSQL major version in
# PG_MAJORS (default "15 17"): a debootstrapped Debian base (bookworm for 15, trixie for 17), then
# postgres:<major> from Debian's postgresql-<major>, then pgdrill-replica:<major>; each unless
# present and current. Idempotent: a second run takes about a second. Needs a running engine
# (.ci/install-docker.sh first).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
DOCKER=/usr/bin/docker
[ -x "$DOCKER" ] || DOCKER=docker
start=$SECONDS
for major in ${PG_MAJORS:-15 17}; do
  PG_MAJOR="$major" POSTGRES_IMAGE="postgres:$major" "$root/environment/images/build.sh"
  # The replica image is otherwise built by the first `compose up --build`; building it here keeps
  # that first drill fast. The legacy builder's cache makes this a no-op when nothing changed.
  "$DOCKER" build -q --build-arg "POSTGRES_IMAGE=postgres:$major" \
    -t "pgdrill-replica:$major" "$root/environment/replica" >/dev/null
done
echo "build-images: images ready in $((SECONDS - start))s"
