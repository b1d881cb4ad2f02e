"""Stand-in of airflow.operators.python."""

from airflow.models import BaseOperator


class PythonOperator(BaseOperator):
    """Calls ``python_callable(*op_args, **op_kwargs)`` after rendering the templated fields."""

    template_fields = ("templates_dict", "op_args", "op_kwargs")
    ARGUMENTS = frozenset({"python_callable", "op_args", "op_kwargs", "templates_dict", "show_return_value_in_logs"})

    def __init__(self, *, python_callable, op_args=None, op_kwargs=None, **kwargs):
        if not callable(python_callable):
            raise TypeError("python_callable must be callable")
        super().__init__(**kwargs)
        self.python_callable = python_callable
        self.op_args = list(op_args or [])
        self.op_kwargs = dict(op_kwargs or {})
