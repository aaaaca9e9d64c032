"""A PySpark job as EMR users submit it: reads CSV from s3://, aggregates with a Python UDF from a --py-files package,
runs an RDD lambda on the executors' Python workers, writes Parquet to s3:// and reads it back. It also prints what
follows the script on its own process's command line, which anyone on the host can read with ps: the (sensitive)
arguments must reach sys.argv without being there.

Usage: aggregate.py <input-prefix> <output-prefix>
"""
import sys

from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.functions import udf

from labels.naming import shout


def main():
    source, target = sys.argv[1], sys.argv[2]
    with open("/proc/self/cmdline", "rb") as cmdline:
        words = [word.decode() for word in cmdline.read().split(b"\0")[:-1]]
    script = next(index for index, word in enumerate(words) if word.endswith("aggregate.py"))
    print("aggregate: arguments=%s command line after the script=%s" % (sys.argv[1:], words[script + 1:]), flush=True)
    spark = SparkSession.builder.appName("aggregate").getOrCreate()
    doubled = spark.sparkContext.parallelize(range(100), 4).map(lambda x: x * 2).sum()
    loud = udf(shout)
    sales = spark.read.option("header", "true").option("inferSchema", "true").csv(source)
    totals = sales.groupBy("category").agg(F.sum("amount").alias("total")).withColumn("label", loud("category"))
    totals.write.mode("overwrite").parquet(target)
    rows = sorted((row["category"], row["total"], row["label"]) for row in spark.read.parquet(target).collect())
    print("aggregate: doubled=%d rows=%s spark=%s" % (doubled, rows, spark.version), flush=True)
    spark.stop()


if __name__ == "__main__":
    main()
