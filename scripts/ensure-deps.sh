#!/usr/bin/env bash
# Installs what referrals-etl needs to build and test on Debian: libpq-dev and PostgreSQL.
# Sourced by scripts/test.sh and scripts/demo.sh. As a non-root user it prints the command instead.
set -euo pipefail

missing=()
dpkg -s libpq-dev >/dev/null 2>&1 || missing+=(libpq-dev)
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then
  missing+=(postgresql)
fi
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
command -v tmux >/dev/null 2>&1 || missing+=(tmux)  # the progress display test runs the binary in tmux

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "referrals-etl needs: ${missing[*]}. Install them with:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "==> installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi
