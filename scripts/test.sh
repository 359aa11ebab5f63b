#!/usr/bin/env bash
# The README's test command: installs what is missing, builds, and runs every test against a real
# PostgreSQL (a scratch cluster the tests start themselves, or TEST_DATABASE_URL when set) and the
# Partner Center simulator on loopback. The database-side tests (pgTAP, sql/tests) run inside `swift test`
# through scripts/pgtap.sh, on a warehouse loaded from the simulator; ensure-deps installs pg_prove and chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-deps.sh

echo "==> swift build" >&2
swift build --build-tests
echo "==> orchestrator recipes" >&2
bash pipelines/orchestrators/check.sh .build/debug/referrals-etl
if [[ "${FUZZ_SECONDS:-20}" != 0 ]]; then
    echo "==> fuzz the page decoder (${FUZZ_SECONDS:-20}s)" >&2
    bash scripts/fuzz.sh "${FUZZ_SECONDS:-20}"
fi
# Last, so its closing summary is the run's last line.
echo "==> swift test" >&2
swift test --skip-build "$@"
