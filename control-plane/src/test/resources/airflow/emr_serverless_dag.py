"""An Airflow DAG as a user writes one for EMR Serverless, with the Amazon provider's operators, pointed at Emrys.

The connection `emrys` (AIRFLOW_CONN_EMRYS, a JSON connection whose extra names the server as `endpoint_url`) is all
that differs from a DAG that runs on AWS. The DAG creates and starts an application, runs a PySpark job that
succeeds and one that raises, starts a long job and waits until it runs, force-stops the application (which cancels
that job) and deletes it. The tasks after the failing job run whatever happened upstream (trigger_rule all_done).

Run as a script, it runs the DAG once with dag.test() and prints one line, `DAG SUMMARY {...}`: each task's state,
what the failed task raised (and the job's reason the provider logged with it), every job run as boto3 lists it
afterwards, and the application's state after the delete.

Environment: AIRFLOW_CONN_EMRYS, EMRYS_DAG_BUCKET (holds the jobs under code/; output and logs go there too),
EMRYS_DAG_ROLE (the jobs' execution role ARN).
"""
import json
import logging
import os
from datetime import datetime

from airflow import DAG
from airflow.providers.amazon.aws.hooks.emr import EmrServerlessHook
from airflow.providers.amazon.aws.operators.emr import (
    EmrServerlessCreateApplicationOperator,
    EmrServerlessDeleteApplicationOperator,
    EmrServerlessStartJobOperator,
    EmrServerlessStopApplicationOperator,
)
from airflow.providers.amazon.aws.sensors.emr import EmrServerlessJobSensor

CONNECTION = "emrys"
BUCKET = os.environ["EMRYS_DAG_BUCKET"]
ROLE = os.environ["EMRYS_DAG_ROLE"]
# poll every two seconds, for at most five minutes
WAITING = {"waiter_delay": 2, "waiter_max_attempts": 150}
LOGS = {"monitoringConfiguration": {"s3MonitoringConfiguration": {"logUri": f"s3://{BUCKET}/logs/"}}}

failures = {}


def note_failure(context):
    failures[context["task_instance"].task_id] = str(context["exception"])


def pyspark_job(task_id, script, arguments=(), **kwargs):
    return EmrServerlessStartJobOperator(
        task_id=task_id,
        aws_conn_id=CONNECTION,
        application_id=create_application.output,
        execution_role_arn=ROLE,
        name=task_id,
        job_driver={"sparkSubmit": {"entryPoint": f"s3://{BUCKET}/code/{script}", "entryPointArguments": list(arguments)}},
        configuration_overrides=LOGS,
        on_failure_callback=note_failure,
        **WAITING,
        **kwargs,
    )


with DAG(dag_id="emr_serverless_on_emrys", start_date=datetime(2026, 1, 1), schedule=None, catchup=False) as dag:
    create_application = EmrServerlessCreateApplicationOperator(
        task_id="create_application",
        aws_conn_id=CONNECTION,
        release_label="emr-spark-8.0",
        job_type="SPARK",
        config={"name": "airflow-dag"},
        **WAITING,
    )
    word_counts = pyspark_job("word_counts", "word_counts.py", [f"s3://{BUCKET}/output/word-counts/"])
    rejects_input = pyspark_job("rejects_input", "rejects_input.py")
    long_job = pyspark_job("long_job", "runs_for_ten_minutes.py", wait_for_completion=False, trigger_rule="all_done")
    long_job_running = EmrServerlessJobSensor(
        task_id="long_job_running",
        aws_conn_id=CONNECTION,
        application_id=create_application.output,
        job_run_id=long_job.output,
        target_states={"RUNNING"},
        poke_interval=2,
        timeout=300,
    )
    stop_application = EmrServerlessStopApplicationOperator(
        task_id="stop_application",
        aws_conn_id=CONNECTION,
        application_id=create_application.output,
        force_stop=True,
        trigger_rule="all_done",
        **WAITING,
    )
    delete_application = EmrServerlessDeleteApplicationOperator(
        task_id="delete_application",
        aws_conn_id=CONNECTION,
        application_id=create_application.output,
        trigger_rule="all_done",
        **WAITING,
    )
    create_application >> word_counts >> rejects_input >> long_job >> long_job_running >> stop_application >> delete_application


class ProviderErrors(logging.Handler):
    """The errors the provider's waiters log when a job ends badly: they carry the job's state and stateDetails."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def summary(run):
    tasks = {ti.task_id: ti for ti in run.get_task_instances()}
    application_id = tasks["create_application"].xcom_pull(task_ids="create_application")
    emr = EmrServerlessHook(aws_conn_id=CONNECTION).conn
    pages = emr.get_paginator("list_job_runs").paginate(applicationId=application_id)
    job_runs = {job["name"]: {"state": job["state"], "stateDetails": job["stateDetails"]} for page in pages for job in page["jobRuns"]}
    return {
        "dagRunState": run.state,
        "tasks": {task_id: ti.state for task_id, ti in tasks.items()},
        "failures": failures,
        "jobRuns": job_runs,
        "applicationState": emr.get_application(applicationId=application_id)["application"]["state"],
    }


if __name__ == "__main__":
    provider_errors = ProviderErrors()
    logging.getLogger("airflow.providers.amazon.aws.utils.waiter_with_logging").addHandler(provider_errors)
    result = summary(dag.test())
    result["providerErrors"] = provider_errors.messages
    print("DAG SUMMARY " + json.dumps(result, sort_keys=True), flush=True)
