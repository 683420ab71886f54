#!/usr/bin/env bash
# Builds, without any image registry, the PostgreSQL image the Compose environment runs:
#   1. a minimal Debian root file system made with debootstrap, imported as $BASE_IMAGE;
#   2. $POSTGRES_IMAGE (default postgres:$PG_MAJOR) on top of it: Debian's postgresql-$PG_MAJOR plus
#      our own docker-entrypoint.sh, which behaves like the official image for what we use.
# PG_MAJOR picks the Debian suite that packages it: 15 is bookworm's, 17 is trixie's.
# Idempotent: an image that exists and was built from the same inputs is kept (FORCE=1 rebuilds).
#
# Settings (environment): PG_MAJOR, POSTGRES_IMAGE, BASE_IMAGE, DEBIAN_MIRROR, DEBIAN_SUITE, FORCE, DOCKER.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
# Without PG_MAJOR, the major version is the tag of POSTGRES_IMAGE when that is a number (postgres:17).
tag="${POSTGRES_IMAGE:-}"; tag="${tag##*:}"
case "$tag" in ''|*[!0-9]*) tag=15 ;; esac
PG_MAJOR="${PG_MAJOR:-$tag}"
case "$PG_MAJOR" in
  15) default_suite=bookworm ;;
  17) default_suite=trixie ;;
  *) echo "build-images: PostgreSQL $PG_MAJOR is not packaged by a Debian suite we build (15: bookworm, 17: trixie)" >&2; exit 1 ;;
esac
DEBIAN_SUITE="${DEBIAN_SUITE:-$default_suite}"
POSTGRES_IMAGE="${POSTGRES_IMAGE:-postgres:$PG_MAJOR}"
BASE_IMAGE="${BASE_IMAGE:-pgdrill/debian:$DEBIAN_SUITE}"
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
   echo "$PG_MAJOR"; "$DOCKER" image inspect --format '{{.Id}}' "$BASE_IMAGE") | sha256sum | cut -c1-16
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
  # Everything this writes stays inside one private directory (mktemp -d makes it 0700): /var/tmp is
  # shared, and a name next to it could be a link planted by another user that root would follow.
  local work rootfs
  work="$(mktemp -d /var/tmp/pgdrill-rootfs.XXXXXX)"
  trap 'rm -rf "$work"' EXIT
  rootfs="$work/rootfs"
  mkdir "$rootfs"
  log "debootstrap $DEBIAN_SUITE from $DEBIAN_MIRROR"
  local start=$SECONDS
  debootstrap --variant=minbase "$DEBIAN_SUITE" "$rootfs" "$DEBIAN_MIRROR" >"$work/debootstrap.log" 2>&1 \
    || { tail -n 30 "$work/debootstrap.log" >&2; die "debootstrap failed"; }
  # Keep the image small and reproducible: no apt caches or lists.
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  printf 'deb %s %s main\ndeb %s %s-updates main\n' "$DEBIAN_MIRROR" "$DEBIAN_SUITE" "$DEBIAN_MIRROR" "$DEBIAN_SUITE" \
    >"$rootfs/etc/apt/sources.list"
  tar -C "$rootfs" -c . | "$DOCKER" import \
    --change 'CMD ["bash"]' --change 'ENV LANG=C.UTF-8' - "$BASE_IMAGE" >/dev/null
  rm -rf "$work"
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
    --build-arg "BASE_IMAGE=$BASE_IMAGE" --build-arg "PG_MAJOR=$PG_MAJOR" --label "dev.pgdrill.inputs=$hash" \
    -t "$POSTGRES_IMAGE" "$here/postgres" >/dev/null
  log "image $POSTGRES_IMAGE built in $((SECONDS - start))s"
}

build_base
build_postgres
