#!/usr/bin/env bash
# Makes a Docker engine available for the Compose environment and its tests:
# installs Debian's docker.io, docker-compose and debootstrap when missing, starts dockerd
# when no engine answers, and waits for it with a deadline. Idempotent.
set -euo pipefail

DEADLINE_SECONDS="${DOCKER_START_TIMEOUT:-60}"
LOG="${DOCKERD_LOG:-/var/log/dockerd-pgdrill.log}"
DOCKER=/usr/bin/docker
[ -x "$DOCKER" ] || DOCKER=docker

missing=()
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
command -v docker-compose >/dev/null 2>&1 || docker compose version >/dev/null 2>&1 || missing+=(docker-compose)
command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "install-docker: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi
[ -x /usr/bin/docker ] && DOCKER=/usr/bin/docker

engine_answers() { "$DOCKER" version --format '{{.Server.Version}}' >/dev/null 2>&1; }

if engine_answers; then
  echo "install-docker: engine already running ($("$DOCKER" version --format '{{.Server.Version}}'))"
  exit 0
fi

if ! pgrep -x dockerd >/dev/null 2>&1; then
  echo "install-docker: starting dockerd (log: $LOG)"
  # containerd is started by dockerd itself when no system containerd runs.
  nohup dockerd --host=unix:///var/run/docker.sock >"$LOG" 2>&1 &
fi

end=$((SECONDS + DEADLINE_SECONDS))
until engine_answers; do
  if [ "$SECONDS" -ge "$end" ]; then
    echo "install-docker: no Docker engine after ${DEADLINE_SECONDS}s; last lines of $LOG:" >&2
    tail -n 30 "$LOG" >&2 || true
    exit 1
  fi
  sleep 0.5
done
echo "install-docker: engine ready ($("$DOCKER" version --format '{{.Server.Version}}'))"
