"""AWS's documented Python flow for an EMR Serverless interactive session, run as AWS's users write it: boto3 starts
a session and waits until it is STARTED or IDLE, asks for its endpoint, and the PySpark Connect client connects with
endpoint.replace("https://", "sc://", 1) + ":443/;use_ssl=true;x-aws-proxy-auth=" + token. Only the IDs, the region
and the environment differ from AWS's sample: AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE name Emrys's profile,
GRPC_DEFAULT_SSL_ROOTS_FILE_PATH its gateway's CA.

Usage: python3 aws_session_flow.py <release-label> <expected-spark-version> <bucket>
Prints one line per check and exits non-zero on the first failure.
"""
import sys
import time

import boto3
from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.functions import udf

# the execution role the server's harness created (trusted by emr-serverless.amazonaws.com), looked up as a user would
ROLE = boto3.Session(profile_name="emrys").client("iam").get_role(RoleName="emrys-job-role")["Role"]["Arn"]


def check(condition, what):
    if not condition:
        print("FAILED: " + what, flush=True)
        sys.exit(1)
    print("ok: " + what, flush=True)


def main():
    label, expected_version, bucket = sys.argv[1], sys.argv[2], sys.argv[3]
    client = boto3.Session(profile_name="emrys").client("emr-serverless")
    application_id = client.create_application(name="notebooks-" + label, releaseLabel=label, type="SPARK",
                                               interactiveConfiguration={"sessionEnabled": True})["applicationId"]
    session_id = client.start_session(applicationId=application_id, executionRoleArn=ROLE)["sessionId"]
    state = None
    for _ in range(300):
        state = client.get_session(applicationId=application_id, sessionId=session_id)["session"]["state"]
        if state in ("STARTED", "IDLE", "FAILED", "TERMINATED"):
            break
        time.sleep(1)
    check(state in ("STARTED", "IDLE"), "the session on %s is ready (state %s)" % (label, state))

    response = client.get_session_endpoint(applicationId=application_id, sessionId=session_id)
    endpoint, token = response["endpoint"], response["authToken"]
    check(endpoint.startswith("https://") and endpoint.count(":") == 1, "the endpoint has no port, as AWS's (%s)" % endpoint)
    spark = SparkSession.builder.remote(
        endpoint.replace("https://", "sc://", 1) + ":443/;use_ssl=true;x-aws-proxy-auth=" + token
    ).getOrCreate()
    try:
        check(spark.version == expected_version, "the server runs Spark %s (got %s)" % (expected_version, spark.version))
        check(spark.sql("SELECT 1 + 1 AS two").collect()[0]["two"] == 2, "SQL through the gateway on port 443")
        df = spark.range(1000).withColumn("bucket", F.col("id") % 4)
        df.show(3)
        counts = df.groupBy("bucket").count().orderBy("bucket").collect()
        check([row["count"] for row in counts] == [250] * 4, "a DataFrame aggregation")
        shout = udf(lambda name: name.upper() + "!")
        shouted = spark.createDataFrame([("books",), ("games",)], ["name"]).select(shout("name").alias("loud")).orderBy("loud").collect()
        check([row["loud"] for row in shouted] == ["BOOKS!", "GAMES!"], "a Python UDF on the server's executors")
        spark.range(100).withColumn("square", F.col("id") * F.col("id")).write.mode("overwrite").parquet("s3://%s/%s/squares" % (bucket, label))
        check(spark.read.parquet("s3://%s/%s/squares" % (bucket, label)).where("id = 9").collect()[0]["square"] == 81, "writing and reading s3://")
    finally:
        spark.stop()
    client.terminate_session(applicationId=application_id, sessionId=session_id)
    print("aws session flow passed", flush=True)


if __name__ == "__main__":
    main()
