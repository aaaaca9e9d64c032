"""The PySpark Connect client of bench/run --parts pyspark: one first result per process, on the harness's cue.

It imports boto3 and pyspark's Connect client and makes the boto3 client, then prints READY and reads one line from
stdin, so that its own start (the interpreter and the imports) is not part of the measurement, as the JVM client's
classes are loaded before the JVM client's measured runs:
- "raw PORT": SparkSession.builder.remote("sc://127.0.0.1:PORT") straight at a raw Spark Connect server, then
  spark.sql("SELECT 1").collect(), checked;
- "emrys APPLICATION_ID": the AWS documented flow with boto3: StartSession (spark-defaults from argv[1], a JSON
  object), GetSession every 100 ms at a fixed rate from the StartSession call until IDLE, GetSessionEndpoint, the
  client through the gateway (sc://HOST:PORT/;use_ssl=true;x-aws-proxy-auth=TOKEN, trusting the gateway's CA through
  GRPC_DEFAULT_SSL_ROOTS_FILE_PATH), then the same SELECT 1.
It prints one line "RESULT {json}" right after the result (before releasing the client's session), then stops the
client and exits; any failure goes to stderr with exit code 1. The harness terminates the session.

Usage: python pyspark_connect_client.py '<spark-defaults JSON>'   (AWS_PROFILE and the AWS config files from the environment)
"""
import json
import sys
import time
from urllib.parse import urlparse

import boto3
from pyspark.sql import SparkSession

# the standard execution role the harness (EmrysProcess) creates, trusted by emr-serverless.amazonaws.com
ROLE_NAME = "emrys-job-role"
POLL_SECONDS = 0.1
START_TIMEOUT_SECONDS = 180


def millis(start, end):
    return int(round((end - start) * 1000))


def select_one(spark):
    rows = spark.sql("SELECT 1").collect()
    if len(rows) != 1 or rows[0][0] != 1:
        raise RuntimeError("SELECT 1 answered %r" % (rows,))


def first_result(connection):
    """The client, then SELECT 1: returns (the client's session, when the query started, when its result came)."""
    spark = SparkSession.builder.remote(connection).getOrCreate()
    query = time.monotonic()
    select_one(spark)
    return spark, query, time.monotonic()


def raw(port):
    spark, query, result = first_result("sc://127.0.0.1:%d" % port)
    return spark, {"firstQueryMillis": millis(query, result)}


def emrys(client, application_id, spark_defaults):
    start = time.monotonic()
    session_id = client.start_session(applicationId=application_id, executionRoleArn=boto3.Session().client("iam").get_role(RoleName=ROLE_NAME)["Role"]["Arn"], name="bench", configurationOverrides={
        "runtimeConfiguration": [{"classification": "spark-defaults", "properties": spark_defaults}]})["sessionId"]
    poll = 0
    while True:
        poll += 1
        time.sleep(max(0.0, start + poll * POLL_SECONDS - time.monotonic()))
        state = client.get_session(applicationId=application_id, sessionId=session_id)["session"]["state"]
        now = time.monotonic()
        if state == "IDLE":
            idle = now
            break
        if state in ("FAILED", "TERMINATED"):
            raise RuntimeError("session %s ended %s while starting" % (session_id, state))
        if now - start > START_TIMEOUT_SECONDS:
            raise RuntimeError("session %s was not IDLE within %d s" % (session_id, START_TIMEOUT_SECONDS))
    response = client.get_session_endpoint(applicationId=application_id, sessionId=session_id)
    url = urlparse(response["endpoint"])
    tls = url.scheme == "https"
    port = url.port or (443 if tls else 80)
    connection = "sc://%s:%d/;%sx-aws-proxy-auth=%s" % (url.hostname, port, "use_ssl=true;" if tls else "", response["authToken"])
    spark, query, result = first_result(connection)
    return spark, {"sessionId": session_id, "totalMillis": millis(start, result), "submitToIdleMillis": millis(start, idle),
                   "idleToResultMillis": millis(idle, result), "firstQueryMillis": millis(query, result)}


def main():
    spark_defaults = json.loads(sys.argv[1])
    client = boto3.Session().client("emr-serverless")
    print("READY", flush=True)
    cue = sys.stdin.readline().split()
    if len(cue) != 2 or cue[0] not in ("raw", "emrys"):
        raise RuntimeError("expected 'raw PORT' or 'emrys APPLICATION_ID', got %r" % (cue,))
    spark, figures = raw(int(cue[1])) if cue[0] == "raw" else emrys(client, cue[1], spark_defaults)
    print("RESULT " + json.dumps(figures), flush=True)
    spark.stop()


if __name__ == "__main__":
    try:
        main()
    except Exception as failure:  # the harness reports the message; the traceback is for the stderr file
        import traceback
        traceback.print_exc()
        sys.exit(1)
