"""The seeds' ETL step: spark-submit --deploy-mode cluster s3://.../etl.py --input <s3 prefix> --output <s3 prefix>.

Reads CSV sales, totals them per category on the cluster's executors and writes one CSV file below the output.
"""
import argparse

from pyspark.sql import SparkSession
from pyspark.sql import functions as F


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--input", required=True)
    parser.add_argument("--output", required=True)
    args = parser.parse_args()
    spark = SparkSession.builder.appName("etl").getOrCreate()
    sales = spark.read.option("header", "true").option("inferSchema", "true").csv(args.input)
    totals = sales.groupBy("category").agg(F.sum("amount").alias("total")).orderBy("category")
    totals.coalesce(1).write.mode("overwrite").option("header", "true").csv(args.output)
    executors = spark.sparkContext._jsc.sc().getExecutorMemoryStatus().size() - 1
    print("etl: master=%s executors=%d rows=%s" % (spark.sparkContext.master, executors, sorted(tuple(row) for row in totals.collect())), flush=True)
    spark.stop()


if __name__ == "__main__":
    main()
