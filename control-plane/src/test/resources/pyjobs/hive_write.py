"""The first step of a Hive cluster: writes a table into the cluster's Hive metastore and reports what the driver and
an executor see of the cluster's spark-env export.

Usage: spark-submit hive_write.py (no arguments). Prints one 'hive-write:' line.
"""
import os

from pyspark.sql import SparkSession


def main():
    # no enableHiveSupport(): a Hive cluster's steps get the Hive catalog from the cluster, as on EMR
    spark = SparkSession.builder.appName("hive-write").getOrCreate()
    spark.sql("CREATE DATABASE IF NOT EXISTS sales")
    orders = spark.createDataFrame([("books", 10), ("games", 5), ("books", 7), ("music", 3)], ["category", "amount"])
    orders.write.mode("overwrite").saveAsTable("sales.orders")
    executor_env = spark.sparkContext.parallelize([0], 1).map(lambda _: os.environ.get("EMRYS_GREETING")).collect()
    print("hive-write: catalog=%s driver_env=%s executor_env=%s" % (spark.conf.get("spark.sql.catalogImplementation"),
                                                                   os.environ.get("EMRYS_GREETING"), executor_env), flush=True)
    spark.stop()


if __name__ == "__main__":
    main()
