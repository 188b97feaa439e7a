#!/usr/bin/env bash
# Makes sure what the test suite needs is running on loopback: Redis 6379, PostgreSQL 5432
# (database "test", trust auth) and Debian's Chromium for the browser tests.
# Installs with apt-get only what is absent. Idempotent; safe to run on every test run.
set -euo pipefail

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then $SUDO apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

wait_for() { # wait_for <what> <command...>: up to 30 s
  local what=$1; shift
  for _ in $(seq 1 60); do "$@" >/dev/null 2>&1 && return 0; sleep 0.5; done
  echo "ensure-test-services: $what did not come up" >&2
  return 1
}

# Redis
if ! (command -v redis-cli >/dev/null && redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG); then
  command -v redis-server >/dev/null || apt_install redis-server
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no >/dev/null
  wait_for Redis redis-cli -h 127.0.0.1 -p 6379 ping
fi

# PostgreSQL
if ! (command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p 5432); then
  [ -d /etc/postgresql ] && [ -n "$(ls /etc/postgresql 2>/dev/null)" ] || apt_install postgresql
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
  wait_for PostgreSQL pg_isready -q -h 127.0.0.1 -p 5432
fi
if ! psql -h 127.0.0.1 -U postgres -d test -Atc 'select 1' >/dev/null 2>&1; then
  # Fresh cluster: allow trust on loopback for the test user and create the database.
  $SUDO -u postgres psql -qc "select 1" >/dev/null 2>&1 || true
  $SUDO -u postgres createdb test 2>/dev/null || true
fi

# Chromium for the browser tests (never a test tool's own download).
if [ ! -x /usr/bin/chromium ]; then
  apt_install chromium
fi

echo "ensure-test-services: Redis, PostgreSQL and Chromium are ready"
