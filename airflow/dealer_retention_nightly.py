"""Airflow DAG ``dealer_retention_nightly``: one night of the Retention Warehouse per business date.

Tasks, in order, for the business date ``{{ ds }}``:
wait_for_extracts -> ingest -> scoring -> reports -> maintenance.
Each task runs a launcher script of ``airflow/`` (the same scripts cron can call) and maps the
launcher's exit code onto Airflow's retry semantics:

- 0 done (also when the date was already done): success.
- 1 failed: ``AirflowException``, retried after ``retry_delay`` (the run restarts from the failed step).
- 2 bad input or configuration: ``AirflowFailException``, failed at once *without* retries; fix the
  delivery or the configuration, then clear the task.
- 3 another run of the date, or a night of another date, holds its lock (an operator's manual run
  or backfill): the task waits for it, running the launcher again every ``LOCK_POLL`` for up to
  ``LOCK_WAIT``, without using a retry; only then ``AirflowException``. Retries alone (about
  1 h 45 min in all) would fail the night under a long backfill, and ``depends_on_past`` would then
  hold back every later night until someone cleared it.

The sensor waits for every store's delivery; when stores are still missing at its timeout it is
skipped (``soft_fail``) and the night runs with what arrived: ingest reports the missing stores and
loads their files the night they arrive.

Deployment: put this file (or a symlink to it) in the DAGs folder; set ``RETENTION_REPO`` to the
checkout with the built ``bin/retention`` (default: the folder above this file, symlinks resolved)
and ``RETENTION_HOME`` to the data home in the workers' environment.
"""

import logging
import os
import subprocess
import time
from datetime import datetime, timedelta

from airflow import DAG
from airflow.exceptions import AirflowException, AirflowFailException
from airflow.operators.python import PythonOperator
from airflow.sensors.python import PythonSensor

REPO = os.environ.get(
    "RETENTION_REPO", os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
)
WAIT_FOR_EXTRACTS = os.path.join(REPO, "airflow", "wait-for-extracts.sh")
RUN_JOB = os.path.join(REPO, "airflow", "run-job.sh")

DONE, FAILED, BAD_INPUT, LOCKED = 0, 1, 2, 3
LOCK_POLL = timedelta(minutes=5)
LOCK_WAIT = timedelta(hours=12)

log = logging.getLogger(__name__)


def run_launcher(command, lock_wait=LOCK_WAIT, lock_poll=LOCK_POLL):
    """Runs a launcher; exit code 2 fails the task without retries, 3 waits for the lock, any other retries."""
    deadline = time.monotonic() + lock_wait.total_seconds()
    code = subprocess.run(command, check=False).returncode
    while code == LOCKED and time.monotonic() + lock_poll.total_seconds() <= deadline:
        log.info("%s: another run holds the lock (exit code 3); trying again in %s", command, lock_poll)
        time.sleep(lock_poll.total_seconds())
        code = subprocess.run(command, check=False).returncode
    if code == DONE:
        return
    if code == BAD_INPUT:
        raise AirflowFailException(
            f"{command}: bad input or configuration (exit code 2); not retried, see the log above"
        )
    reason = f"another run still held the lock after {lock_wait}" if code == LOCKED else "failed"
    raise AirflowException(f"{command}: {reason} (exit code {code}); will be retried")


def extracts_ready(command):
    """Sensor poke: True when every store delivered, False to poke again, exit code 2 fails."""
    code = subprocess.run(command, check=False).returncode
    if code == DONE:
        return True
    if code == FAILED:
        return False
    if code == BAD_INPUT:
        raise AirflowFailException(f"{command}: bad configuration (exit code 2); not retried")
    raise AirflowException(f"{command}: exit code {code}")


default_args = {
    "owner": "retention-warehouse",
    # Each night builds on the one before: a failed night holds back the following ones.
    "depends_on_past": True,
    "retries": 3,
    "retry_delay": timedelta(minutes=15),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(hours=2),
}

with DAG(
    dag_id="dealer_retention_nightly",
    description="Nightly ingest, churn scoring and retention lists of the dealer group",
    schedule="@daily",
    start_date=datetime(2026, 11, 1),
    # Catch-up runs every missed date in date order (one at a time): Airflow's backfill.
    catchup=True,
    max_active_runs=1,
    default_args=default_args,
    tags=["retention-warehouse"],
) as dag:
    wait_for_extracts = PythonSensor(
        task_id="wait_for_extracts",
        python_callable=extracts_ready,
        op_kwargs={"command": [WAIT_FOR_EXTRACTS, "{{ ds }}", "--timeout", "0"]},
        mode="reschedule",
        poke_interval=10 * 60,
        timeout=6 * 60 * 60,
        soft_fail=True,
    )
    ingest, scoring, reports, maintenance = (
        PythonOperator(
            task_id=job,
            python_callable=run_launcher,
            op_kwargs={"command": [RUN_JOB, "{{ ds }}", job]},
            # A skipped sensor (stores still missing at its timeout) must not skip the night.
            trigger_rule="none_failed" if job == "ingest" else "all_success",
        )
        for job in ("ingest", "scoring", "reports", "maintenance")
    )
    wait_for_extracts >> ingest >> scoring >> reports >> maintenance
