"""Drives an EMR Serverless flow through boto3 with the `emrys` profile that Emrys writes into its data folder.

Usage: AWS_CONFIG_FILE=... AWS_SHARED_CREDENTIALS_FILE=... python3 boto3_flow.py JOB_JAR_PATH
Prints one line per check and exits non-zero on the first failure.
"""
import sys
import time
import uuid

import boto3
import botocore.exceptions

# the execution role the server's harness created (trusted by emr-serverless.amazonaws.com), looked up as a user would
ROLE = boto3.Session(profile_name="emrys").client("iam").get_role(RoleName="emrys-job-role")["Role"]["Arn"]


def check(condition, what):
    if not condition:
        print("FAILED: " + what, flush=True)
        sys.exit(1)
    print("ok: " + what, flush=True)


def main():
    jar_path = sys.argv[1]
    session = boto3.Session(profile_name="emrys")
    s3 = session.client("s3")
    emr = session.client("emr-serverless")

    bucket = "boto3-" + uuid.uuid4().hex[:12]
    s3.create_bucket(Bucket=bucket)
    s3.upload_file(jar_path, bucket, "jobs/test-jobs.jar")
    check(s3.head_object(Bucket=bucket, Key="jobs/test-jobs.jar")["ContentLength"] > 0, "jar uploaded through the profile's s3 endpoint")

    app = emr.create_application(name="boto3-app", releaseLabel="emr-spark-8.0", type="SPARK", tags={"team": "data"})
    app_id = app["applicationId"]
    check(app["arn"].endswith("/applications/" + app_id), "CreateApplication returns the ARN")
    described = emr.get_application(applicationId=app_id)["application"]
    check(described["state"] == "CREATED", "new application is CREATED")
    check(described["autoStopConfiguration"]["idleTimeoutMinutes"] == 15, "auto-stop defaults to 15 minutes")
    check(described["tags"] == {"team": "data"}, "tags given at creation are returned")

    try:
        emr.get_application(applicationId="00doesnotexist00")
        check(False, "unknown application raises")
    except emr.exceptions.ResourceNotFoundException:
        check(True, "unknown application raises ResourceNotFoundException")
    try:
        emr.create_application(name="x" * 65, releaseLabel="emr-spark-8.0", type="SPARK")
        check(False, "too long name raises")
    except emr.exceptions.ValidationException as e:
        check("name" in str(e), "too long name raises ValidationException naming the field")

    run = emr.start_job_run(
        applicationId=app_id,
        executionRoleArn=ROLE,
        name="trivial",
        jobDriver={"sparkSubmit": {
            "entryPoint": "s3://%s/jobs/test-jobs.jar" % bucket,
            "sparkSubmitParameters": "--class io.emrys.testjobs.Trivial --driver-memory 1g",
        }},
        configurationOverrides={"monitoringConfiguration": {"s3MonitoringConfiguration": {"logUri": "s3://%s/logs/" % bucket}}},
    )
    run_id = run["jobRunId"]
    deadline = time.time() + 300
    state = None
    while time.time() < deadline:
        job = emr.get_job_run(applicationId=app_id, jobRunId=run_id)["jobRun"]
        state = job["state"]
        if state in ("SUCCESS", "FAILED", "CANCELLED"):
            break
        time.sleep(1)
    check(state == "SUCCESS", "job run reaches SUCCESS (was %s: %s)" % (state, job.get("stateDetails")))
    check(job["totalResourceUtilization"]["vCPUHour"] > 0, "utilization is reported")
    check(emr.get_application(applicationId=app_id)["application"]["state"] == "STARTED", "job submission auto-started the application")

    runs = emr.list_job_runs(applicationId=app_id)["jobRuns"]
    check([r["id"] for r in runs] == [run_id], "ListJobRuns lists the run")
    keys = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket, Prefix="logs/")["Contents"]]
    expected = "logs/applications/%s/jobs/%s/SPARK_DRIVER/stderr.gz" % (app_id, run_id)
    check(expected in keys, "driver logs are uploaded to the logUri (%s)" % keys)

    emr.stop_application(applicationId=app_id)
    # STOPPING while its workers (here the standalone host that ran the job's executors) are released, as on AWS
    state = emr.get_application(applicationId=app_id)["application"]["state"]
    deadline = time.time() + 60
    while state == "STOPPING" and time.time() < deadline:
        time.sleep(0.2)
        state = emr.get_application(applicationId=app_id)["application"]["state"]
    check(state == "STOPPED", "StopApplication stops it (was %s)" % state)
    emr.delete_application(applicationId=app_id)
    check(emr.get_application(applicationId=app_id)["application"]["state"] == "TERMINATED", "DeleteApplication terminates it")
    print("boto3 flow passed", flush=True)


if __name__ == "__main__":
    main()
