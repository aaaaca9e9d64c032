"""AWS's documented Python flow for an EMR Serverless interactive session, against Emrys: boto3 starts a session,
waits for it, asks for its endpoint, and a PySpark Connect client of the label's Spark line runs SQL and DataFrame
calls through the TLS gateway. Only the endpoint's port differs from AWS's sample (AWS's gateway is on 443).

Usage: AWS_CONFIG_FILE=... AWS_SHARED_CREDENTIALS_FILE=... GRPC_DEFAULT_SSL_ROOTS_FILE_PATH=<ca.pem> \
       python3 pyspark_connect_session.py <release-label> <expected-spark-version> <bucket>
Prints one line per check and exits non-zero on the first failure.
"""
import sys
import time

import boto3
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

ROLE = "arn:aws:iam::123456789012:role/notebook"


def check(condition, what):
    if not condition:
        print("FAILED: " + what, flush=True)
        sys.exit(1)
    print("ok: " + what, flush=True)


def main():
    label, expected_version, bucket = sys.argv[1], sys.argv[2], sys.argv[3]
    emr = boto3.Session(profile_name="emrys").client("emr-serverless")
    app = emr.create_application(name="notebooks", releaseLabel=label, type="SPARK",
                                 interactiveConfiguration={"sessionEnabled": True})["applicationId"]
    session_id = emr.start_session(applicationId=app, executionRoleArn=ROLE)["sessionId"]
    deadline = time.time() + 300
    state = None
    while time.time() < deadline:
        state = emr.get_session(applicationId=app, sessionId=session_id)["session"]["state"]
        if state in ("STARTED", "IDLE", "FAILED", "TERMINATED"):
            break
        time.sleep(1)
    check(state in ("STARTED", "IDLE"), "the session on %s is ready (state %s)" % (label, state))

    endpoint = emr.get_session_endpoint(applicationId=app, sessionId=session_id)
    remote = endpoint["endpoint"].replace("https://", "sc://", 1) + "/;use_ssl=true;x-aws-proxy-auth=" + endpoint["authToken"]
    spark = SparkSession.builder.remote(remote).getOrCreate()
    try:
        check(spark.version == expected_version, "the server runs Spark %s (got %s)" % (expected_version, spark.version))
        check(spark.sql("SELECT 1 + 1 AS two").collect()[0]["two"] == 2, "SQL through the gateway")
        buckets = spark.range(1000).withColumn("bucket", F.col("id") % 4).groupBy("bucket").count().orderBy("bucket").collect()
        check([row["count"] for row in buckets] == [250] * 4, "a DataFrame aggregation")
        spark.range(100).withColumn("square", F.col("id") * F.col("id")).write.mode("overwrite").parquet("s3://%s/squares" % bucket)
        check(spark.read.parquet("s3://%s/squares" % bucket).where("id = 9").collect()[0]["square"] == 81, "writing and reading s3://")
    finally:
        spark.stop()
    emr.terminate_session(applicationId=app, sessionId=session_id)
    print("pyspark connect session passed", flush=True)


if __name__ == "__main__":
    main()
