#!/usr/bin/env bash
# Builds, without any image registry, the PostgreSQL image the Compose environment runs:
#   1. a minimal Debian bookworm root file system made with debootstrap, imported as $BASE_IMAGE;
#   2. $POSTGRES_IMAGE (default postgres:15) on top of it: Debian's postgresql-15 plus our own
#      docker-entrypoint.sh, which behaves like the official image for what we use.
# Idempotent: an image that exists and was built from the same inputs is kept (FORCE=1 rebuilds).
#
# Settings (environment): POSTGRES_IMAGE, BASE_IMAGE, DEBIAN_MIRROR, DEBIAN_SUITE, FORCE, DOCKER.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
POSTGRES_IMAGE="${POSTGRES_IMAGE:-postgres:15}"
BASE_IMAGE="${BASE_IMAGE:-pgdrill/debian:bookworm}"
DEBIAN_SUITE="${DEBIAN_SUITE:-bookworm}"
FORCE="${FORCE:-0}"
if [ -z "${DOCKER:-}" ]; then
  if [ -x /usr/bin/docker ]; then DOCKER=/usr/bin/docker; else DOCKER=docker; fi
fi

log() { echo "build-images: $*"; }
die() { echo "build-images: $*" >&2; exit 1; }

# The Debian mirror apt already uses on this host, so air-gapped sites with a local mirror work.
default_mirror() {
  local m
  m="$(grep -rhoE '^(URIs:|deb)[[:space:]]+(\[[^]]*\][[:space:]]+)?https?://[^[:space:]]+/debian/?([[:space:]]|$)' \
        /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null \
      | grep -oE 'https?://[^[:space:]]+' | grep -v -- '-security' | head -n 1 || true)"
  echo "${m:-http://deb.debian.org/debian}"
}
DEBIAN_MIRROR="${DEBIAN_MIRROR:-$(default_mirror)}"

"$DOCKER" version --format '{{.Server.Version}}' >/dev/null 2>&1 \
  || die "no Docker engine answers (start dockerd, e.g. .ci/install-docker.sh)"

# A fingerprint of everything the PostgreSQL image is built from.
inputs_hash() {
  (cd "$here/postgres" && cat Dockerfile docker-entrypoint.sh
   "$DOCKER" image inspect --format '{{.Id}}' "$BASE_IMAGE") | sha256sum | cut -c1-16
}
image_label() {
  "$DOCKER" image inspect --format '{{ index .Config.Labels "dev.pgdrill.inputs" }}' "$1" 2>/dev/null || true
}

build_base() {
  if [ "$FORCE" != 1 ] && "$DOCKER" image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
    log "base image $BASE_IMAGE present"
    return
  fi
  command -v debootstrap >/dev/null 2>&1 || die "debootstrap is missing (apt-get install -y debootstrap)"
  local rootfs
  rootfs="$(mktemp -d /var/tmp/pgdrill-rootfs.XXXXXX)"
  trap 'rm -rf "$rootfs"' EXIT
  log "debootstrap $DEBIAN_SUITE from $DEBIAN_MIRROR"
  local start=$SECONDS
  debootstrap --variant=minbase "$DEBIAN_SUITE" "$rootfs" "$DEBIAN_MIRROR" >"$rootfs.log" 2>&1 \
    || { tail -n 30 "$rootfs.log" >&2; rm -f "$rootfs.log"; die "debootstrap failed"; }
  rm -f "$rootfs.log"
  # Keep the image small and reproducible: no apt caches or lists.
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  printf 'deb %s %s main\ndeb %s %s-updates main\n' "$DEBIAN_MIRROR" "$DEBIAN_SUITE" "$DEBIAN_MIRROR" "$DEBIAN_SUITE" \
    >"$rootfs/etc/apt/sources.list"
  tar -C "$rootfs" -c . | "$DOCKER" import \
    --change 'CMD ["bash"]' --change 'ENV LANG=C.UTF-8' - "$BASE_IMAGE" >/dev/null
  rm -rf "$rootfs"
  trap - EXIT
  log "base image $BASE_IMAGE built in $((SECONDS - start))s"
}

build_postgres() {
  local hash
  hash="$(inputs_hash)"
  if [ "$FORCE" != 1 ] && [ "$(image_label "$POSTGRES_IMAGE")" = "$hash" ]; then
    log "image $POSTGRES_IMAGE up to date"
    return
  fi
  local start=$SECONDS
  log "building $POSTGRES_IMAGE from $BASE_IMAGE"
  # The build reaches the Debian mirror through the host's network, like apt on the host.
  "$DOCKER" build --network host -q \
    --build-arg "BASE_IMAGE=$BASE_IMAGE" --label "dev.pgdrill.inputs=$hash" \
    -t "$POSTGRES_IMAGE" "$here/postgres" >/dev/null
  log "image $POSTGRES_IMAGE built in $((SECONDS - start))s"
}

build_base
build_postgres
