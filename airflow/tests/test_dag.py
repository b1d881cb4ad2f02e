"""Checks dealer_retention_nightly against the Airflow stand-in: python3 airflow/tests/test_dag.py

Prints one line per check and exits non-zero on the first failure. Run by the pipeline module's
AirflowDagTest under ``mvn verify``.
"""

import importlib.util
import os
import sys
import tempfile
import unittest
from datetime import timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "standin"))

from airflow.exceptions import AirflowException, AirflowFailException  # noqa: E402

DAG_FILE = os.path.join(os.path.dirname(HERE), "dealer_retention_nightly.py")


def load_dag_module():
    spec = importlib.util.spec_from_file_location("dealer_retention_nightly", DAG_FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class DagStructureTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.module = load_dag_module()
        cls.dag = cls.module.dag

    def test_daily_with_catch_up_one_night_at_a_time(self):
        self.assertEqual(self.dag.dag_id, "dealer_retention_nightly")
        self.assertEqual(self.dag.schedule, "@daily")
        self.assertTrue(self.dag.catchup)
        self.assertEqual(self.dag.max_active_runs, 1)
        self.assertIsNotNone(self.dag.start_date)

    def test_tasks_run_in_order(self):
        order = ["wait_for_extracts", "ingest", "scoring", "reports", "maintenance"]
        self.assertEqual(sorted(self.dag.task_dict), sorted(order))
        for before, after in zip(order, order[1:]):
            self.assertEqual(self.dag.task_dict[before].downstream_task_ids, {after})
            self.assertEqual(self.dag.task_dict[after].upstream_task_ids, {before})
        self.assertEqual(self.dag.task_dict["wait_for_extracts"].upstream_task_ids, set())

    def test_every_task_retries_with_a_delay_and_waits_for_the_night_before(self):
        for task in self.dag.tasks:
            self.assertGreaterEqual(task.retries, 1, task.task_id)
            self.assertGreaterEqual(task.retry_delay, timedelta(minutes=1), task.task_id)
            self.assertTrue(task.depends_on_past, task.task_id)

    def test_jobs_run_the_launcher_for_the_business_date(self):
        for job in ("ingest", "scoring", "reports", "maintenance"):
            task = self.dag.task_dict[job]
            self.assertIn("op_kwargs", task.template_fields)
            self.assertIs(task.python_callable, self.module.run_launcher)
            command = task.op_kwargs["command"]
            self.assertEqual(command[1:], ["{{ ds }}", job])
            self.assertEqual(os.path.realpath(command[0]),
                             os.path.realpath(os.path.join(os.path.dirname(DAG_FILE), "run-job.sh")))
            self.assertTrue(os.access(command[0], os.X_OK), command[0])

    def test_sensor_checks_the_inbox_once_per_poke_and_lets_a_late_store_not_block_the_night(self):
        sensor = self.dag.task_dict["wait_for_extracts"]
        self.assertIs(sensor.python_callable, self.module.extracts_ready)
        command = sensor.op_kwargs["command"]
        self.assertEqual(os.path.basename(command[0]), "wait-for-extracts.sh")
        self.assertTrue(os.access(command[0], os.X_OK), command[0])
        self.assertEqual(command[1:], ["{{ ds }}", "--timeout", "0"])
        self.assertEqual(sensor.mode, "reschedule")
        self.assertTrue(sensor.soft_fail)
        self.assertLess(sensor.poke_interval, sensor.timeout)
        self.assertEqual(self.dag.task_dict["ingest"].trigger_rule, "none_failed")
        self.assertEqual(self.dag.task_dict["scoring"].trigger_rule, "all_success")


class ExitCodeMappingTest(unittest.TestCase):
    """The callables on real processes that exit with each documented code."""

    @classmethod
    def setUpClass(cls):
        cls.module = load_dag_module()

    @staticmethod
    def exiting(code):
        return ["sh", "-c", f"exit {code}"]

    def test_done_succeeds(self):
        self.assertIsNone(self.module.run_launcher(self.exiting(0)))

    def test_bad_input_fails_without_retry(self):
        with self.assertRaises(AirflowFailException):
            self.module.run_launcher(self.exiting(2))

    def test_failure_and_a_lock_held_too_long_are_retried(self):
        for code in (1, 3, 137):
            with self.assertRaises(AirflowException) as raised:
                self.module.run_launcher(self.exiting(code), lock_wait=timedelta(0))
            self.assertNotIsInstance(raised.exception, AirflowFailException, code)

    def test_a_held_lock_is_waited_for_without_using_a_retry(self):
        with tempfile.TemporaryDirectory() as folder:
            runs = os.path.join(folder, "runs")
            # Locked on the first two runs, done on the third.
            launcher = ["sh", "-c", f'echo x >> "{runs}"; [ "$(wc -l < "{runs}")" -ge 3 ] || exit 3']
            self.assertIsNone(self.module.run_launcher(launcher, lock_wait=timedelta(seconds=10),
                                                       lock_poll=timedelta(milliseconds=50)))
            with open(runs) as lines:
                self.assertEqual(len(lines.readlines()), 3)
        self.assertGreaterEqual(self.module.LOCK_WAIT, timedelta(hours=6))

    def test_sensor_pokes_again_while_stores_are_missing(self):
        self.assertTrue(self.module.extracts_ready(self.exiting(0)))
        self.assertFalse(self.module.extracts_ready(self.exiting(1)))
        with self.assertRaises(AirflowFailException):
            self.module.extracts_ready(self.exiting(2))


if __name__ == "__main__":
    result = unittest.main(verbosity=2, exit=False).result
    sys.exit(0 if result.wasSuccessful() else 1)
