"""The second step of a Hive cluster: reads back the table the first step wrote, by name from the metastore, and
writes its totals per category as one CSV file below the output.

Usage: spark-submit hive_read.py <s3 output prefix>. Prints one 'hive-read:' line.
"""
import sys

from pyspark.sql import SparkSession


def main():
    output = sys.argv[1]
    spark = SparkSession.builder.appName("hive-read").getOrCreate()
    tables = sorted(table.name for table in spark.catalog.listTables("sales"))
    totals = spark.sql("SELECT category, SUM(amount) AS total FROM sales.orders GROUP BY category ORDER BY category")
    totals.coalesce(1).write.mode("overwrite").option("header", "true").csv(output)
    hadoop = spark.sparkContext._jsc.hadoopConfiguration()
    print("hive-read: tables=%s partition_mode=%s" % (tables, hadoop.get("hive.exec.dynamic.partition.mode")), flush=True)
    spark.stop()


if __name__ == "__main__":
    main()
