# Written by Emrys's pre-initialized (warm) driver into a Python job's folder and put first on the job Python's
# PYTHONPATH. The job's Python attaches to a JVM whose SparkContext is already running: PySpark connects to that
# JVM's gateway by itself (PYSPARK_GATEWAY_PORT, as under spark-submit), but would then ask it for a second
# SparkContext, which Spark refuses. So the first SparkContext the job creates, through SparkSession.builder,
# SparkContext.getOrCreate() or SparkContext(...), wraps the running one instead; once that is done PySpark is left
# as it was. The variable is removed at once, so a Python process the job starts itself is a plain Python.
import os as _os

if _os.environ.pop("EMRYS_WARM_DRIVER", None) == "1":
    from pyspark import SparkContext as _SparkContext

    _create_context = _SparkContext._initialize_context

    def _running_context(self, jconf):
        _SparkContext._initialize_context = _create_context
        jvm = self._jvm
        running = getattr(jvm, "org.apache.spark.SparkContext").getOrCreate()
        return getattr(jvm, "org.apache.spark.api.java.JavaSparkContext").fromSparkContext(running)

    _SparkContext._initialize_context = _running_context
del _os

# The job's entry-point arguments (AWS marks them sensitive) are not on this process's command line, where any
# user of the host could read them with ps: the warm driver wrote them to an owner-only file of NUL-terminated
# arguments. Only the job's script takes them (never a `python -m`/`-c` worker), and sys.argv then reads exactly
# as under spark-submit; the variable is removed, so a Python process the job starts itself gets none.
import os as _os
import sys as _sys

_arguments = _os.environ.pop("EMRYS_ENTRY_POINT_ARGUMENTS", None)
if _arguments and len(_sys.argv) == 1 and _sys.argv[0] not in ("", "-c", "-m"):
    with open(_arguments, "rb") as _file:
        _sys.argv[1:] = [_os.fsdecode(_argument) for _argument in _file.read().split(b"\0")[:-1]]
    del _file
del _os, _sys, _arguments
