"""Stand-in of airflow.models: DAG and BaseOperator."""

from airflow.exceptions import AirflowException

_current_dag = []

BASE_ARGUMENTS = {
    "task_id", "owner", "depends_on_past", "retries", "retry_delay", "retry_exponential_backoff",
    "max_retry_delay", "trigger_rule", "dag", "email_on_failure", "email_on_retry", "email",
    "execution_timeout", "pool", "queue", "priority_weight", "wait_for_downstream", "doc_md",
}
TRIGGER_RULES = {
    "all_success", "all_failed", "all_done", "all_skipped", "one_success", "one_failed", "one_done",
    "none_failed", "none_failed_min_one_success", "none_skipped", "always",
}


class DAG:
    """Collects the operators created inside its ``with`` block."""

    ARGUMENTS = {
        "dag_id", "description", "schedule", "start_date", "end_date", "catchup", "max_active_runs",
        "default_args", "tags", "doc_md", "dagrun_timeout",
    }

    def __init__(self, dag_id, **kwargs):
        unknown = set(kwargs) - self.ARGUMENTS
        if unknown:
            raise TypeError(f"DAG got unexpected arguments {sorted(unknown)}")
        self.dag_id = dag_id
        self.schedule = kwargs.get("schedule")
        self.start_date = kwargs.get("start_date")
        self.catchup = kwargs.get("catchup", True)
        self.max_active_runs = kwargs.get("max_active_runs", 16)
        self.default_args = dict(kwargs.get("default_args") or {})
        self.tags = kwargs.get("tags", [])
        self.task_dict = {}

    def __enter__(self):
        _current_dag.append(self)
        return self

    def __exit__(self, *exc):
        _current_dag.pop()
        return False

    @property
    def tasks(self):
        return list(self.task_dict.values())


class BaseOperator:
    """Operator arguments merged over the DAG's default_args, dependencies by ``>>``."""

    template_fields = ()
    ARGUMENTS = frozenset()

    def __init__(self, **kwargs):
        dag = kwargs.pop("dag", None) or (_current_dag[-1] if _current_dag else None)
        if dag is None:
            raise AirflowException("operator created outside a DAG")
        merged = {**dag.default_args, **kwargs}
        unknown = set(merged) - BASE_ARGUMENTS - self.ARGUMENTS
        if unknown:
            raise AirflowException(f"Invalid arguments were passed to {type(self).__name__}: {sorted(unknown)}")
        if "task_id" not in merged:
            raise AirflowException("task_id is required")
        self.task_id = merged["task_id"]
        if self.task_id in dag.task_dict:
            raise AirflowException(f"duplicate task_id {self.task_id}")
        self.retries = merged.get("retries", 0)
        self.retry_delay = merged.get("retry_delay")
        self.depends_on_past = merged.get("depends_on_past", False)
        self.trigger_rule = merged.get("trigger_rule", "all_success")
        if self.trigger_rule not in TRIGGER_RULES:
            raise AirflowException(f"unknown trigger_rule {self.trigger_rule}")
        self.arguments = merged
        self.dag = dag
        self.upstream_task_ids = set()
        self.downstream_task_ids = set()
        dag.task_dict[self.task_id] = self

    def __rshift__(self, other):
        self.downstream_task_ids.add(other.task_id)
        other.upstream_task_ids.add(self.task_id)
        return other
