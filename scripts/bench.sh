#!/usr/bin/env bash
# The benchmark: prints figures, never asserts. For each N (default 10000 and 100000):
#   - full load from pre-rendered page files on a static server (nginx), so the server is never the bottleneck;
#   - a full refresh over unchanged data, and how many referral rows it rewrote;
#   - an incremental run after 5 % changes and a no-change run, against the simulator;
#   - one nextLink chain at 200 and 500 ms per page (the smallest N only);
#   - the floors, in the same run: every page fetched with curl, and `psql \copy` of exactly the rows the exporter
#     wrote (exported to CSV) into empty copies of its tables; and the ratios to them.
# Times are medians of --repeat runs (default 3). Writes bench/results/LATEST.json and prints a table.
#
#   scripts/bench.sh [--referrals N]... [--repeat K] [--debug]
# Needs: nginx, curl, python3, /usr/bin/time, PostgreSQL 15 (installed here by apt-get when missing, as root).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

counts=()
repeat=3
configuration=release
while [ $# -gt 0 ]; do
  case "$1" in
    --referrals) counts+=("$2"); shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    --debug) configuration=debug; shift ;;
    *) echo "usage: scripts/bench.sh [--referrals N]... [--repeat K] [--debug]" >&2; exit 64 ;;
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
tables=(customers requirements referrals referral_requirements referral_team_members referral_status_history)

results="$work/results.jsonl"
: >"$results"
sim_port=18480
static_port=18490
for n in "${counts[@]}"; do
  echo "==> $n referrals" >&2
  "$bin" simulate --port $sim_port --referrals "$n" --seed 42 --access-token bench >"$work/sim.log" 2>&1 &
  sim=$!
  pids+=("$sim")
  for _ in $(seq 1 240); do
    curl -fs -o /dev/null "http://127.0.0.1:$sim_port/admin/health" && break
    sleep 0.5
  done
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

  # 1, 2, 4 and 8 slices (concurrent nextLink chains) with API-like latency (smallest N only: 100 pages at
  # 500 ms is 50 s over one chain).
  latency="{}"
  if [ "$n" = "${counts[0]}" ]; then
    latency="{"
    for ms in 200 500; do
      curl -fs -o /dev/null -X POST -H 'Content-Type: application/json' -d "{\"pageDelayMilliseconds\": $ms}" "$sim_base/admin/faults"
      latency+="\"$ms\": {"
      for s in 1 2 4 8; do
        run_etl "bench_latency_${ms}_$s" "$sim_base" "$work/lat${ms}_$s" --slices "$s"
        latency+="\"slices_${s}_s\": $(cat "$work/lat${ms}_$s.s"),"
        psql_ -c "DROP SCHEMA bench_latency_${ms}_$s CASCADE" >/dev/null
      done
      latency="${latency%,}},"
    done
    latency="${latency%,}}"
    curl -fs -o /dev/null -X POST -H 'Content-Type: application/json' -d '{}' "$sim_base/admin/faults"
  fi

  cat >>"$results" <<JSON
{"referrals": $n, "loaded": $loaded, "pages": $pages, "json_mb": $(python3 -c "print(round($bytes / 1048576, 1))"),
 "full_s": $(median "${full[@]}"), "full_rss_mb": $(median "${rss[@]}"),
 "refresh_s": $(median "${refresh[@]}"), "refresh_rewrote_referrals": $rewritten,
 "incremental_s": $(cat "$work/inc.s"), "incremental_updated": $(summary "$work/inc.json" updated),
 "nochange_s": $(cat "$work/none.s"), "nochange_pages": $(summary "$work/none.json" pages),
 "floor_fetch_s": $(median "${fetch[@]}"), "floor_copy_s": $(median "${copy[@]}"), "latency": $latency,
 "stages": "not reported by the exporter yet (issue 11)"}
JSON
  kill "$sim" 2>/dev/null || true
  wait "$sim" 2>/dev/null || true
  psql_ -c "DROP SCHEMA IF EXISTS floor CASCADE" -c "DROP SCHEMA bench_inc CASCADE" >/dev/null
  for k in $(seq 1 "$repeat"); do psql_ -c "DROP SCHEMA bench_full_$k CASCADE" >/dev/null; done
done

mkdir -p bench/results
python3 scripts/bench/report.py "$results" "$configuration" "$repeat" bench/results/LATEST.json
