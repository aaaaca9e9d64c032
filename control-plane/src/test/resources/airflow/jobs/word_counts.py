"""The DAG's succeeding PySpark job: counts words and writes the counts as JSON to the prefix it is given."""
import sys

from pyspark.sql import SparkSession


def main():
    target = sys.argv[1]
    spark = SparkSession.builder.appName("word-counts").getOrCreate()
    words = spark.createDataFrame([(word,) for word in "emrys runs airflow runs emrys runs".split()], ["word"])
    words.groupBy("word").count().coalesce(1).write.mode("overwrite").json(target)
    print("word_counts: wrote %s" % target, flush=True)
    spark.stop()


if __name__ == "__main__":
    main()
