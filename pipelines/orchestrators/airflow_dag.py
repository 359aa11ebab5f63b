"""referrals-etl under Apache Airflow (2.x or 3.x): nightly incremental run, weekly full refresh.

The task runs the binary and decides on its exit code (docs/pipeline.md):
  0        success
  75       temporary (API or database unreachable, throttled, lock held, SIGTERM): Airflow retries it
  64/65/77/78 and anything else: a person must act; the task fails at once, without retries, and alerts
Secrets come from an Airflow connection/secrets backend into the environment, never from the DAG file.
"""

from __future__ import annotations

import os
import subprocess
from datetime import datetime, timedelta

RETRY_LATER = 75
NEEDS_A_PERSON = {64: "usage", 65: "data unusable", 70: "internal error", 77: "credentials rejected",
                  78: "configuration"}
BINARY = os.environ.get("REFERRALS_ETL_BINARY", "/usr/local/bin/referrals-etl")
PIPELINE = os.environ.get("REFERRALS_ETL_PIPELINE_FILE", "/opt/referrals-etl/all-referrals.yaml")


def outcome(exit_code: int) -> str:
    """'success', 'retry' or 'fail' for an exit code of `referrals-etl run`."""
    if exit_code == 0:
        return "success"
    if exit_code == RETRY_LATER:
        return "retry"
    return "fail"


def run_referrals_etl(*extra: str, env: dict[str, str] | None = None) -> str:
    """Runs one `referrals-etl run`; returns its JSON summary line, or raises for Airflow."""
    completed = subprocess.run([BINARY, "run", "--pipeline", PIPELINE, *extra], capture_output=True, text=True,
                               env=env if env is not None else dict(os.environ), timeout=6 * 3600, check=False)
    summary = completed.stdout.strip().splitlines()[-1] if completed.stdout.strip() else ""
    verdict = outcome(completed.returncode)
    if verdict == "success":
        return summary
    message = (f"referrals-etl exited {completed.returncode} "
               f"({NEEDS_A_PERSON.get(completed.returncode, 'retry later' if verdict == 'retry' else 'unknown')}): "
               f"{completed.stderr.strip().splitlines()[-1] if completed.stderr.strip() else summary}")
    from airflow.exceptions import AirflowException, AirflowFailException
    if verdict == "retry":
        raise AirflowException(message)  # retried per the task's retries
    raise AirflowFailException(message)  # fails now, no retry: on_failure_callback alerts


def alert(context) -> None:
    """Called when a task fails for good: page or post to the team's channel here."""
    print(f"ALERT referrals-etl: {context.get('exception')}")


try:
    from airflow import DAG
    from airflow.operators.python import PythonOperator
except ImportError:  # the module is also imported by pipelines/orchestrators/check.sh without Airflow
    DAG = None

if DAG is not None:
    defaults = {"retries": 4, "retry_delay": timedelta(minutes=30), "on_failure_callback": alert}
    with DAG("referrals_etl_nightly", schedule="15 2 * * *", start_date=datetime(2026, 1, 1), catchup=False,
             max_active_runs=1, default_args=defaults, tags=["partner-center"]):
        PythonOperator(task_id="run", python_callable=run_referrals_etl)
    with DAG("referrals_etl_weekly_full_refresh", schedule="45 3 * * 0", start_date=datetime(2026, 1, 1),
             catchup=False, max_active_runs=1, default_args=defaults, tags=["partner-center"]):
        PythonOperator(task_id="full_refresh", python_callable=run_referrals_etl, op_args=["--full-refresh"])
