#!/usr/bin/env bash
# Peak memory of the real binary: `referrals-etl run` (release build) against `referrals-etl simulate` in
# another process, for growing numbers of referrals. Memory should stay flat in the number of referrals.
# Needs DATABASE_URL (any PostgreSQL you can create schemas in) and /usr/bin/time.
# Usage: DATABASE_URL=postgres://... scripts/bench-memory.sh [N ...]   (default: 10000 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?set DATABASE_URL to a PostgreSQL where this may create schemas}"
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install -y time)" >&2; exit 69; }
swift build -c release --product referrals-etl >&2
bin=.build/release/referrals-etl
port=18181
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(10000 100000)
for count in "${counts[@]}"; do
  "$bin" simulate --port "$port" --referrals "$count" --access-token bench >/dev/null 2>&1 &
  sim=$!
  trap 'kill $sim 2>/dev/null || true' EXIT
  for _ in $(seq 1 120); do
    curl -fs -o /dev/null -H 'Authorization: Bearer bench' "http://127.0.0.1:$port/v1.0/engagements/referrals?\$top=1" && break
    sleep 0.5
  done
  schema="bench_memory_${count}_$$"
  PARTNER_CENTER_API_BASE_URL="http://127.0.0.1:$port" PARTNER_CENTER_ACCESS_TOKEN=bench REFERRALS_ETL_SCHEMA="$schema" \
    /usr/bin/time -f "%M %e" -o /tmp/bench-memory.$$ "$bin" run --log-level warning >/dev/null
  read -r kb seconds < /tmp/bench-memory.$$
  echo "$count referrals: peak RSS $((kb / 1024)) MB, $seconds s (schema $schema)"
  kill "$sim" 2>/dev/null || true
  wait "$sim" 2>/dev/null || true
done
rm -f /tmp/bench-memory.$$
