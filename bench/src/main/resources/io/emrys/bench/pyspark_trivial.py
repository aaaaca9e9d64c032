"""The PySpark job of bench/run --parts pyspark, the Python twin of io.emrys.testjobs.Trivial: start a SparkSession,
count 10 rows, print the count (the harness checks the line), stop. The same file runs on a warm Emrys driver, a cold
one and raw spark-submit."""
from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("emrys-bench-pyspark").getOrCreate()
count = spark.range(10).count()
print("emrys-bench pyspark count: %d" % count, flush=True)
spark.stop()
