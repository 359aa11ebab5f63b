#!/usr/bin/env bash
# Runs the database-side tests (sql/tests/*.sql, pgTAP) with pg_prove against a migrated warehouse schema:
#   scripts/pgtap.sh DATABASE_URL SCHEMA
# (a postgres://user:password@host:port/db URL without ?query: pg_prove cuts its options at '&').
# The end-to-end tests call it on a warehouse loaded from the simulator. Needs postgresql-15-pgtap and pg_prove
# (libtap-parser-sourcehandler-pgtap-perl): scripts/ensure-deps.sh installs both.
set -euo pipefail
cd "$(dirname "$0")/.."
url=${1:?usage: scripts/pgtap.sh DATABASE_URL SCHEMA}
schema=${2:?usage: scripts/pgtap.sh DATABASE_URL SCHEMA}
PGOPTIONS='-c client_min_messages=warning' psql "$url" -v ON_ERROR_STOP=1 -qc 'CREATE EXTENSION IF NOT EXISTS pgtap' >/dev/null
exec pg_prove --dbname "$url" --set "schema=$schema" sql/tests/*.sql
