#!/usr/bin/env bash
# Checks the orchestrator recipes as far as this machine allows, and runs the real binary the way each recipe does to
# check its exit-code handling: 75 is retried, 64/65/77/78 are not (they need a person).
#   bash pipelines/orchestrators/check.sh [path/to/referrals-etl]     (default .build/debug/referrals-etl)
set -euo pipefail
export PYTHONDONTWRITEBYTECODE=1
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
binary=$(realpath "${1:-$root/.build/debug/referrals-etl}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0
pass=0
check() { # check NAME CONDITION...
  local name=$1; shift
  if "$@"; then pass=$((pass + 1)); else echo "FAIL: $name" >&2; fails=$((fails + 1)); fi
}

# Real exit codes, produced the way the recipes run the binary (no database needed for these three).
export -n DATABASE_URL PGPASSWORD 2>/dev/null || true
unset DATABASE_URL REFERRALS_ETL_SCHEMA
export PARTNER_CENTER_ACCESS_TOKEN=check-token PARTNER_CENTER_API_BASE_URL=http://127.0.0.1:9
declare -A env_of=(
  [78]=""                                                              # no DATABASE_URL: configuration
  [64]=""                                                              # a bad flag: usage
  [75]="DATABASE_URL=postgresql://check@127.0.0.1:9/none?connect_timeout=2" # nothing listens: retry later
)
declare -A extra_of=([78]="" [64]="--no-such-flag" [75]="")
for expected in 78 64 75; do
  printf '%s\n' "${env_of[$expected]}" >"$work/env.$expected"
  set +e
  env ${env_of[$expected]} "$binary" run --pipeline "$root/pipelines/all-referrals.yaml" ${extra_of[$expected]} \
    >"$work/out.$expected" 2>"$work/err.$expected"
  code=$?
  set -e
  check "referrals-etl run gives $expected (got $code: $(tail -1 "$work/err.$expected"))" test "$code" -eq "$expected"
done

# cron: each line's command, with this machine's paths, prints a failure line (cron mails it) except for 75.
while IFS= read -r line; do
  [[ $line =~ ^[0-9*] ]] || continue
  command=$(cut -d' ' -f6- <<<"$line" | sed -E 's/^ +//')
  for expected in 78 75; do
    local_command=${command//\/usr\/local\/bin\/referrals-etl/$binary}
    local_command=${local_command//\/etc\/referrals-etl\/env/$work/env.$expected}
    local_command=${local_command//\/etc\/referrals-etl\//$root/pipelines/}
    local_command=${local_command//\/var\/log\/referrals-etl\//$work/log-}
    mail=$(bash -c "$local_command" 2>&1 || true)
    if [ "$expected" = 75 ]; then
      check "cron stays quiet on 75: $line" test -z "$mail"
    else
      check "cron reports exit $expected: $line" grep -q "exit $expected" <<<"$mail"
    fi
  done
done <"$here/crontab"

# systemd: the units verify, and Restart= retries 75 only.
if command -v systemd-analyze >/dev/null; then
  mkdir -p "$work/units"
  for unit in "$here"/*.service "$here"/*.timer; do
    sed -e "s#/usr/local/bin/referrals-etl#$binary#" -e '/^User=/d' "$unit" >"$work/units/$(basename "$unit")"
  done
  check "systemd-analyze verify" systemd-analyze verify --man=no "$work"/units/*.timer "$work"/units/*.service
else
  echo "skip: systemd-analyze is not installed" >&2
fi
for unit in "$here"/*.service; do
  prevent=" $(sed -n 's/^RestartPreventExitStatus=//p' "$unit") "
  check "$(basename "$unit") restarts on failure" grep -q '^Restart=on-failure' "$unit"
  check "$(basename "$unit") retries 75" test "${prevent/ 75 /}" = "$prevent"
  for code in 64 65 77 78; do
    check "$(basename "$unit") does not retry $code" test "${prevent/ $code /}" != "$prevent"
  done
done

# Kubernetes: the manifests parse; Forbid; the Job fails at once on 64/65/77/78 and retries 75.
python3 - "$here/cronjob.yaml" <<'PY' || { echo "FAIL: cronjob.yaml" >&2; fails=$((fails + 1)); }
import sys, yaml
docs = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d]
assert len(docs) == 2 and all(d["kind"] == "CronJob" for d in docs)
for d in docs:
    spec = d["spec"]
    assert spec["concurrencyPolicy"] == "Forbid"
    job = spec["jobTemplate"]["spec"]
    codes = job["podFailurePolicy"]["rules"][0]["onExitCodes"]["values"]
    assert 75 not in codes and {64, 65, 77, 78} <= set(codes), codes
    assert job["backoffLimit"] >= 1
    pod = job["template"]["spec"]
    container = pod["containers"][0]
    assert container["envFrom"][0]["secretRef"]["name"] == "referrals-etl"
    assert any(v["name"] == "state" and "persistentVolumeClaim" in v for v in pod["volumes"])
    assert not any("SECRET" in str(e.get("value", "")) for e in container.get("env", []))
PY

# Airflow: the DAG file compiles; its exit-code policy, given the real binary's codes, retries 75 only.
python3 -c 'import py_compile, sys; py_compile.compile(sys.argv[1], cfile=sys.argv[2], doraise=True)' \
  "$here/airflow_dag.py" "$work/airflow_dag.pyc"
python3 - "$here" "$work" <<'PY' || { echo "FAIL: airflow_dag.py policy" >&2; fails=$((fails + 1)); }
import sys, importlib.util
spec = importlib.util.spec_from_file_location("dag", sys.argv[1] + "/airflow_dag.py")
dag = importlib.util.module_from_spec(spec); spec.loader.exec_module(dag)
for code in (78, 64, 75):
    text = open(f"{sys.argv[2]}/err.{code}").read()
    assert text, code
    assert dag.outcome(code) == ("retry" if code == 75 else "fail"), code
assert dag.outcome(0) == "success" and dag.outcome(65) == "fail" and dag.outcome(77) == "fail"
PY
if python3 -c 'import airflow' 2>/dev/null; then
  check "the DAGs import in Airflow" python3 -c "
import importlib.util; s = importlib.util.spec_from_file_location('d', '$here/airflow_dag.py')
m = importlib.util.module_from_spec(s); s.loader.exec_module(m); assert m.DAG is not None"
else
  echo "note: Airflow is not installed here; the DAG was compiled and its policy run, not imported by Airflow" >&2
fi

echo "orchestrators: $pass passed, $fails failed"
[ "$fails" -eq 0 ]
