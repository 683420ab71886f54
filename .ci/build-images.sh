#!/usr/bin/env bash
# Builds the offline images of the Compose environment (debootstrapped Debian base, then
# postgres:15 from Debian's postgresql-15, then the replica image) unless they are present and
# current. Idempotent: a second run takes about a second. Needs a running engine
# (.ci/install-docker.sh first).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
DOCKER=/usr/bin/docker
[ -x "$DOCKER" ] || DOCKER=docker
start=$SECONDS
POSTGRES_IMAGE="${POSTGRES_IMAGE:-postgres:15}" "$root/environment/images/build.sh"
# The replica image is otherwise built by the first `compose up --build`; building it here keeps
# that first drill fast. The legacy builder's cache makes this a no-op when nothing changed.
"$DOCKER" build -q --build-arg "POSTGRES_IMAGE=${POSTGRES_IMAGE:-postgres:15}" \
  -t "${REPLICA_IMAGE:-pgdrill-replica:15}" "$root/environment/replica" >/dev/null
echo "build-images: images ready in $((SECONDS - start))s"
