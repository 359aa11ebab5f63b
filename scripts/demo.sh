#!/usr/bin/env bash
# The README's first command: installs what is missing, builds the release binary, and runs the whole job
# on the embedded defaults (the simulator + a scratch PostgreSQL). Extra arguments go to `demo`
# (e.g. --keep to explore afterwards, --referrals 20000).
set -euo pipefail
cd "$(dirname "$0")/.."
REFERRALS_ETL_DEPS=run bash scripts/ensure-deps.sh
echo "==> swift build -c release (the first build takes a few minutes)" >&2
swift build -c release --product referrals-etl
exec .build/release/referrals-etl demo "$@"
