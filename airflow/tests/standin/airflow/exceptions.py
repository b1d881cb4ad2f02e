"""Stand-in of airflow.exceptions (same class hierarchy as Airflow)."""


class AirflowException(Exception):
    """Task failure; Airflow retries the task while it has retries left."""


class AirflowFailException(AirflowException):
    """Task failure that Airflow does not retry."""


class AirflowSkipException(AirflowException):
    """Marks the task skipped."""
