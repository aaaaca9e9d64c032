"""A PySpark job that raises after Spark started: the run must end FAILED with the exception's last line."""
from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("fails").getOrCreate()
print("fails: about to raise", flush=True)
raise ValueError("the input bucket holds no sales files")
