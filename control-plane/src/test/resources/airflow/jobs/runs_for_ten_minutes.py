"""The DAG's long PySpark job: holds its driver for ten minutes, so it is still running when the application is
force-stopped (which cancels it)."""
import time

from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("runs-for-ten-minutes").getOrCreate()
print("runs_for_ten_minutes: started", flush=True)
time.sleep(600)
