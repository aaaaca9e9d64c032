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
