#!/usr/bin/env bash
# The benchmark: prints figures, never asserts. For each N (default 10000 and 100000):
#   - full load from pre-rendered page files on a static server (nginx), so the server is never the bottleneck,
#     with the exporter's own time per stage (the summary's `stages`);
#   - a full refresh over unchanged data, and how many referral rows it rewrote;
#   - an incremental run after 5 % changes and a no-change run, against the simulator;
#   - the floors, in the same run: every page fetched with curl, and `psql \copy` of exactly the rows the exporter
#     wrote (exported to CSV) into empty copies of its tables; and the ratios to them.
# Then slices 1, 2, 4 and 8 (concurrent nextLink chains) at 200 and 500 ms per page, on --slices-referrals
# (default 6000) skewed referrals (80 % created in three days), and 1 and 8 slices at 500 ms with 10 % of requests
# answered 429; every sliced run must load the same rows as one chain (checked by a digest of the table);
# --slices-referrals 0 leaves them out.
# Times are medians of --repeat runs (default 3). Writes bench/results/LATEST.json and prints a table.
#
# --rss-referrals N (repeatable, none by default): a full load of N referrals from the simulator, once, for its
# peak RSS (1,000,000 pages are 3 GB: too many files for the static server).
#
#   scripts/bench.sh [--referrals N]... [--slices-referrals N] [--rss-referrals N]... [--repeat K] [--debug]
# Needs: nginx, curl, python3, /usr/bin/time, PostgreSQL 15 (installed here by apt-get when missing, as root).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

counts=()
rss_counts=()
slice_referrals=6000
repeat=3
configuration=release
while [ $# -gt 0 ]; do
  case "$1" in
    --referrals) counts+=("$2"); shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    --slices-referrals) slice_referrals=$2; shift 2 ;;
    --rss-referrals) rss_counts+=("$2"); shift 2 ;;
    --debug) configuration=debug; shift ;;
    *) echo "usage: scripts/bench.sh [--referrals N]... [--slices-referrals N] [--rss-referrals N]... [--repeat K] [--debug]" >&2; exit 64 ;;
  esac
done
[ ${#counts[@]} -gt 0 ] || counts=(10000 100000)

missing=()
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
[ -x /usr/bin/time ] || missing+=(time)
command -v curl >/dev/null || missing+=(curl)
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" -eq 0 ] || { echo "needs: ${missing[*]} (apt-get install -y ${missing[*]})" >&2; exit 69; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
bash scripts/ensure-deps.sh
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
pg_bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | tail -1)")

echo "==> swift build -c $configuration" >&2
swift build -c "$configuration" --product referrals-etl >&2
bin="$root/.build/$configuration/referrals-etl"

work=$(mktemp -d /tmp/bench.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  [ -d "$work/pg" ] && as_postgres "$pg_bin/pg_ctl" -D "$work/pg" stop -m immediate >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# A scratch PostgreSQL on a private socket, fsync on as in production.
[ "$(id -u)" -eq 0 ] && chown postgres "$work"
as_postgres "$pg_bin/initdb" -D "$work/pg" -U postgres -A trust >/dev/null
as_postgres "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w \
  -o "-k $work -c listen_addresses='' -p 5433 -c shared_buffers=512MB -c max_wal_size=4GB" start >/dev/null
export DATABASE_URL="postgresql://postgres@/postgres?host=$work&port=5433"
export PGOPTIONS="-c client_min_messages=warning"
psql_() { psql "$DATABASE_URL" -X -q -v ON_ERROR_STOP=1 "$@"; }

# start_simulator N [FLAGS...]: the simulator with N referrals on $sim_port, in the background ($sim), once healthy
start_simulator() {
  local n=$1; shift
  "$bin" simulate --port $sim_port --referrals "$n" --seed 42 --access-token bench "$@" >"$work/sim.log" 2>&1 &
  sim=$!
  pids+=("$sim")
  for _ in $(seq 1 1200); do
    curl -fs -o /dev/null "http://127.0.0.1:$sim_port/admin/health" && return
    sleep 0.5
  done
}
now() { date +%s.%N; }
median() { python3 -c 'import statistics,sys; print("%.3f" % statistics.median(float(x) for x in sys.argv[1:]))' "$@"; }
# timed OUT_PREFIX COMMAND...: runs it under /usr/bin/time; leaves wall seconds and peak RSS (MB) in OUT_PREFIX.{s,mb}
timed() {
  local out=$1; shift
  local status=0
  /usr/bin/time -f "%e %M" -o "$out.time" "$@" || status=$?
  read -r seconds kb < <(tail -1 "$out.time")
  echo "$seconds" >"$out.s"
  echo $((kb / 1024)) >"$out.mb"
  return "$status"
}
run_etl() { # run_etl SCHEMA BASE_URL OUT_PREFIX [flags...]
  local schema=$1 base=$2 out=$3; shift 3
  REFERRALS_ETL_SCHEMA=$schema PARTNER_CENTER_API_BASE_URL=$base PARTNER_CENTER_ACCESS_TOKEN=bench \
    timed "$out" "$bin" run --log-level warning "$@" >"$out.json" 2>"$out.err" \
    || { echo "run failed: $(tail -2 "$out.err")" >&2; cat "$out.json" >&2; exit 1; }
}
summary() { python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).read().splitlines()[-1])[sys.argv[2]])' "$@"; }
# stages OUT_PREFIX...: the median seconds per stage of those runs' summaries, as a JSON object
stages() {
  python3 -c 'import json,statistics,sys
runs = [json.loads(open(p + ".json").read().splitlines()[-1])["stages"] for p in sys.argv[1:]]
print(json.dumps({k: round(statistics.median(r[k] for r in runs), 3) for k in runs[0]}))' "$@"
}
# table_digest SCHEMA: one hash of every referral id with its raw digest (equal tables, equal digests)
table_digest() { psql_ -Atc "SELECT md5(string_agg(id || ':' || raw_digest, ',' ORDER BY id)) FROM $1.referrals"; }
tables=(customers requirements referrals referral_requirements referral_team_members referral_status_history)

results="$work/results.jsonl"
: >"$results"
sim_port=18480
static_port=18490
for n in "${counts[@]}"; do
  echo "==> $n referrals" >&2
  start_simulator "$n"
  sim_base="http://127.0.0.1:$sim_port"
  static_base="http://127.0.0.1:$static_port"

  # Pre-rendered pages on nginx: /v1.0/engagements/referrals?page=K -> pages/K.json (page 1 without ?page).
  rm -rf "$work/pages"
  read -r pages bytes < <(python3 scripts/bench/render_pages.py "$sim_base" bench "$work/pages" "$static_base")
  chmod -R a+rX "$work/pages"
  cat >"$work/nginx.conf" <<NGINX
daemon on; worker_processes 2; pid $work/nginx.pid; error_log $work/nginx.err;
events { worker_connections 256; }
http {
  access_log off; sendfile on; tcp_nopush on; types { } default_type application/json;
  client_body_temp_path $work/nginx-tmp; proxy_temp_path $work/nginx-tmp; fastcgi_temp_path $work/nginx-tmp;
  uwsgi_temp_path $work/nginx-tmp; scgi_temp_path $work/nginx-tmp;
  map \$arg_page \$page { "" 1; default \$arg_page; }
  server {
    listen 127.0.0.1:$static_port;
    root $work/pages;
    location = /v1.0/engagements/referrals { try_files /\$page.json =404; }
  }
}
NGINX
  mkdir -p "$work/nginx-tmp"
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null && sleep 0.5
  "$nginx_bin" -c "$work/nginx.conf" -p "$work"

  # Floor 1: every page fetched with curl, one after the other.
  fetch=()
  for _ in $(seq 1 "$repeat"); do
    start=$(now)
    for k in $(seq 1 "$pages"); do curl -fs -o /dev/null "$static_base/v1.0/engagements/referrals?page=$k"; done
    fetch+=("$(python3 -c "print($(now) - $start)")")
  done

  # Full loads, each into a fresh schema.
  full=(); rss=()
  for k in $(seq 1 "$repeat"); do
    run_etl "bench_full_$k" "$static_base" "$work/full$k"
    full+=("$(cat "$work/full$k.s")"); rss+=("$(cat "$work/full$k.mb")")
  done
  loaded=$(summary "$work/full1.json" referrals)

  # A full refresh over unchanged data: time, and the referral rows it rewrote.
  refresh=(); rewritten=0
  for k in $(seq 1 "$repeat"); do
    before=$(psql_ -Atc "SELECT n_tup_upd + n_tup_ins + n_tup_del FROM pg_stat_user_tables WHERE schemaname = 'bench_full_1' AND relname = 'referrals'")
    run_etl bench_full_1 "$static_base" "$work/refresh$k" --full-refresh
    sleep 0.6 # the statistics collector's flush
    after=$(psql_ -Atc "SELECT n_tup_upd + n_tup_ins + n_tup_del FROM pg_stat_user_tables WHERE schemaname = 'bench_full_1' AND relname = 'referrals'")
    refresh+=("$(cat "$work/refresh$k.s")"); rewritten=$((after - before))
  done

  # Floor 2: psql \copy of exactly the rows the exporter wrote into empty copies of its tables.
  for t in "${tables[@]}"; do psql_ -c "\\copy bench_full_1.$t TO '$work/$t.csv' (FORMAT csv)"; done
  copy=()
  for k in $(seq 1 "$repeat"); do
    psql_ -c "DROP SCHEMA IF EXISTS floor CASCADE; CREATE SCHEMA floor"
    for t in "${tables[@]}"; do psql_ -c "CREATE TABLE floor.$t (LIKE bench_full_1.$t INCLUDING ALL)"; done
    for t in "${tables[@]}"; do echo "\\copy floor.$t FROM '$work/$t.csv' (FORMAT csv)"; done >"$work/copy.sql"
    start=$(now)
    psql_ -f "$work/copy.sql"
    copy+=("$(python3 -c "print($(now) - $start)")")
  done

  # Incremental after 5 % changes, then no change: against the simulator (it orders and filters).
  run_etl bench_inc "$sim_base" "$work/inc0"
  curl -fs -o /dev/null -X POST "$sim_base/admin/mutate?count=$((n / 20))&new=0"
  run_etl bench_inc "$sim_base" "$work/inc"
  run_etl bench_inc "$sim_base" "$work/none"

  cat >>"$results" <<JSON
{"referrals": $n, "loaded": $loaded, "pages": $pages, "json_mb": $(python3 -c "print(round($bytes / 1048576, 1))"),
 "full_s": $(median "${full[@]}"), "full_rss_mb": $(median "${rss[@]}"),
 "refresh_s": $(median "${refresh[@]}"), "refresh_rewrote_referrals": $rewritten,
 "incremental_s": $(cat "$work/inc.s"), "incremental_updated": $(summary "$work/inc.json" updated),
 "nochange_s": $(cat "$work/none.s"), "nochange_pages": $(summary "$work/none.json" pages),
 "floor_fetch_s": $(median "${fetch[@]}"), "floor_copy_s": $(median "${copy[@]}"),
 "full_stages": $(stages $(for k in $(seq 1 "$repeat"); do echo "$work/full$k"; done))}
JSON
  kill "$sim" 2>/dev/null || true
  wait "$sim" 2>/dev/null || true
  psql_ -c "DROP SCHEMA IF EXISTS floor CASCADE" -c "DROP SCHEMA bench_inc CASCADE" >/dev/null
  for k in $(seq 1 "$repeat"); do psql_ -c "DROP SCHEMA bench_full_$k CASCADE" >/dev/null; done
done

# Slices: 1, 2, 4 and 8 concurrent nextLink chains with API-like latency, on skewed data (80 % of the referrals
# created in a three-day burst), then with 10 % of requests answered 429 (Retry-After: 1).
slices_json="{}"
if [ "$slice_referrals" -gt 0 ]; then
echo "==> slices: $slice_referrals skewed referrals" >&2
start_simulator "$slice_referrals" --burst-share 0.8
faults() { curl -fs -o /dev/null -X POST -H 'Content-Type: application/json' -d "$1" "http://127.0.0.1:$sim_port/admin/faults"; }
reference=""
slices_json="{"
for setting in 200:0:1 200:0:2 200:0:4 200:0:8 500:0:1 500:0:2 500:0:4 500:0:8 500:0.1:1 500:0.1:8; do
  IFS=: read -r ms throttled s <<<"$setting"
  faults "{\"pageDelayMilliseconds\": $ms, \"throttleRate\": $throttled, \"seed\": 7}"
  schema="bench_slices_$s"
  run_etl "$schema" "http://127.0.0.1:$sim_port" "$work/slices_${ms}_${throttled}_$s" --slices "$s"
  digest=$(table_digest "$schema")
  reference=${reference:-$digest}
  same=$([ "$digest" = "$reference" ] && echo true || echo false)
  slices_json+="\"${ms}ms_429=${throttled}_slices=$s\": {\"ms\": $ms, \"throttled\": $throttled, \"slices\": $s, "
  slices_json+="\"s\": $(cat "$work/slices_${ms}_${throttled}_$s.s"), \"pages\": $(summary "$work/slices_${ms}_${throttled}_$s.json" pages), "
  slices_json+="\"same_rows\": $same},"
  psql_ -c "DROP SCHEMA $schema CASCADE" >/dev/null
done
slices_json="${slices_json%,}}"
kill "$sim" 2>/dev/null || true
wait "$sim" 2>/dev/null || true
fi

# Peak RSS of one full load from the simulator, for sizes too large to render as page files.
rss_json="{"
for n in "${rss_counts[@]}"; do
  echo "==> peak RSS: $n referrals" >&2
  start_simulator "$n"
  run_etl "bench_rss" "http://127.0.0.1:$sim_port" "$work/rss$n"
  rss_json+="\"$n\": {\"s\": $(cat "$work/rss$n.s"), \"rss_mb\": $(cat "$work/rss$n.mb"), \"loaded\": $(summary "$work/rss$n.json" referrals)},"
  psql_ -c "DROP SCHEMA bench_rss CASCADE" >/dev/null
  kill "$sim" 2>/dev/null || true
  wait "$sim" 2>/dev/null || true
done
rss_json="${rss_json%,}}"
echo "{\"slices\": $slices_json, \"slice_referrals\": $slice_referrals, \"rss_from_simulator\": $rss_json}" >"$work/slices.json"

mkdir -p bench/results
python3 scripts/bench/report.py "$results" "$work/slices.json" "$configuration" "$repeat" bench/results/LATEST.json
