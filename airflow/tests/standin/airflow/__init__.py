"""A minimal stand-in for the parts of Apache Airflow (2.4+) the DAG file uses.

Airflow cannot be installed where the tests run, so this mimics just enough of its public API to
import the DAG file and inspect it: the DAG context manager, operators that take the DAG's
default_args and reject unknown arguments as Airflow does, and ``>>`` dependencies.
"""

from airflow.models import DAG  # noqa: F401
