"""Submits a PySpark job as EMR users write it with boto3, and waits for it with the job run's state.

Usage: AWS_CONFIG_FILE=... AWS_SHARED_CREDENTIALS_FILE=... python3 boto3_start_pyspark_job.py \
       <application-id> <execution-role-arn> <entry-point> <spark-submit-parameters> <log-uri> [argument ...]
Prints the final job run as JSON.
"""
import json
import sys
import time

import boto3


def main():
    application_id, role, entry_point, parameters, log_uri = sys.argv[1:6]
    emr = boto3.Session(profile_name="emrys").client("emr-serverless")
    job_run_id = emr.start_job_run(
        applicationId=application_id,
        executionRoleArn=role,
        jobDriver={"sparkSubmit": {"entryPoint": entry_point, "entryPointArguments": sys.argv[6:], "sparkSubmitParameters": parameters}},
        configurationOverrides={"monitoringConfiguration": {"s3MonitoringConfiguration": {"logUri": log_uri}}},
    )["jobRunId"]
    deadline = time.time() + 600
    while time.time() < deadline:
        run = emr.get_job_run(applicationId=application_id, jobRunId=job_run_id)["jobRun"]
        if run["state"] in ("SUCCESS", "FAILED", "CANCELLED"):
            print(json.dumps({"jobRunId": job_run_id, "state": run["state"], "stateDetails": run.get("stateDetails", "")}), flush=True)
            return
        time.sleep(1)
    print(json.dumps({"jobRunId": job_run_id, "state": "TIMED_OUT"}), flush=True)


if __name__ == "__main__":
    main()
