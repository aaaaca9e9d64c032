"""The DAG's failing PySpark job: raises once Spark is up, so its run ends FAILED with the exception as the reason."""
from pyspark.sql import SparkSession

spark = SparkSession.builder.appName("rejects-input").getOrCreate()
raise ValueError("the orders table has no rows for 2026-01-01")
