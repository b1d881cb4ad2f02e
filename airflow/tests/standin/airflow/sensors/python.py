"""Stand-in of airflow.sensors.python."""

from airflow.operators.python import PythonOperator


class PythonSensor(PythonOperator):
    """Pokes ``python_callable`` until it returns True (BaseSensorOperator's arguments included)."""

    ARGUMENTS = PythonOperator.ARGUMENTS | {
        "poke_interval", "timeout", "soft_fail", "mode", "exponential_backoff", "max_wait", "silent_fail",
    }

    def __init__(self, *, mode="poke", **kwargs):
        if mode not in ("poke", "reschedule"):
            raise ValueError(f"mode must be poke or reschedule: {mode}")
        super().__init__(**kwargs)
        self.mode = mode
        self.poke_interval = self.arguments.get("poke_interval", 60)
        self.timeout = self.arguments.get("timeout", 7 * 24 * 60 * 60)
        self.soft_fail = self.arguments.get("soft_fail", False)
