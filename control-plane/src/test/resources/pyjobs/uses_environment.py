"""A PySpark job that runs on the Python environment it ships (--archives env.tar.gz#environment, with
PYSPARK_PYTHON=./environment/bin/python as AWS documents): imports a package the default Python lacks and runs an
Arrow-based pandas UDF on the executors."""
import sys

import pandas as pd
from pyspark.sql import SparkSession
from pyspark.sql.functions import pandas_udf
from tabulate import tabulate


def plus_one(values: pd.Series) -> pd.Series:
    return values + 1


def prefix(_):
    import sys as worker_sys
    import tabulate as worker_tabulate  # noqa: F401 (the executors' Python has it too)
    return worker_sys.prefix


def main():
    spark = SparkSession.builder.appName("uses-environment").getOrCreate()
    # a return type given as a string is parsed by the JVM, so the UDF is made once the session exists
    plus_one_udf = pandas_udf(plus_one, "long")
    total = spark.range(10).select(plus_one_udf("id").alias("x")).groupBy().sum("x").collect()[0][0]
    executors = sorted(set(spark.sparkContext.parallelize(range(4), 2).map(prefix).collect()))
    print("environment: total=%d driver=%s executors=%s table=%s" % (
        total, sys.prefix, executors, tabulate([["ok"]], tablefmt="plain")), flush=True)
    spark.stop()


if __name__ == "__main__":
    main()
