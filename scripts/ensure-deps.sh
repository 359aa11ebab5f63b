#!/usr/bin/env bash
# Installs what referrals-etl needs to build and test on Debian: libpq-dev and PostgreSQL, and for the tests
# pgTAP with pg_prove (the database-side tests, sql/tests) and chromium (renders the HTML report headless).
# Sourced by scripts/test.sh and scripts/demo.sh. As a non-root user it prints the command instead.
set -euo pipefail

missing=()
dpkg -s libpq-dev >/dev/null 2>&1 || missing+=(libpq-dev)
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then
  missing+=(postgresql)
fi
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if [ "${REFERRALS_ETL_DEPS:-test}" = test ]; then
  # pgTAP for the PostgreSQL major version installed (or about to be: Debian 12's is 15).
  major=$(ls -d /usr/lib/postgresql/*/ 2>/dev/null | sed -E 's#.*/([0-9]+)/$#\1#' | sort -n | tail -1)
  major=${major:-15}
  dpkg -s "postgresql-$major-pgtap" >/dev/null 2>&1 || missing+=("postgresql-$major-pgtap")
  command -v pg_prove >/dev/null 2>&1 || missing+=(libtap-parser-sourcehandler-pgtap-perl)
  command -v tmux >/dev/null 2>&1 || missing+=(tmux)  # the progress display test runs the binary in tmux
fi
optional=()
if [ "${REFERRALS_ETL_DEPS:-test}" = test ] && ! command -v chromium >/dev/null 2>&1; then
  optional+=(chromium)
fi

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
if [ ${#optional[@]} -gt 0 ] && [ "$(id -u)" -eq 0 ]; then
  echo "==> installing ${optional[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  if [ ${#missing[@]} -eq 0 ]; then apt-get update -qq || true; fi
  apt-get install -y -qq "${optional[@]}" >/dev/null \
    || echo "warning: could not install ${optional[*]}: the test that renders the HTML report in chromium is skipped" >&2
elif [ ${#optional[@]} -gt 0 ]; then
  echo "note: without ${optional[*]} (sudo apt-get install -y ${optional[*]}) the HTML rendering test is skipped" >&2
fi
