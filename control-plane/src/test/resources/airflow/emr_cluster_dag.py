"""An Airflow DAG as a user writes one for EMR on EC2 clusters, with the Amazon provider's operators, pointed at Emrys.

The connection `emrys` (AIRFLOW_CONN_EMRYS, a JSON connection whose extra names the server as `endpoint_url`) is all
that differs from a DAG that runs on AWS. The DAG starts one cluster (emr-7.2.0, Spark, a master, a core and a SPOT
task instance, kept alive when it has no steps) and waits for it with the provider's job_flow_waiting waiter, then
with EmrJobFlowSensor until it is WAITING; adds a command-runner.jar spark-submit step and waits for it (the hook's
step_complete waiter, then EmrStepSensor); adds a step that raises, whose EmrStepSensor fails with the step's
FailureDetails; terminates the cluster and waits with EmrJobFlowSensor until it is TERMINATED. The tasks after the
failing step run whatever happened upstream (trigger_rule all_done).

emr_conn_id is None: the provider would otherwise read its initial RunJobFlow configuration from the connection
`emr_default` (a missing one only warns and starts from nothing; `airflow db migrate` of a new database makes none),
and job_flow_overrides here is the whole request.

Run as a script, it runs the DAG once with dag.test() and prints one line, `DAG SUMMARY {...}`: each task's state,
what the failed task raised, the cluster's final status and its steps as boto3 lists them afterwards, and the
cluster as DescribeJobFlows shows it.

Environment: AIRFLOW_CONN_EMRYS, EMRYS_DAG_BUCKET (holds the jobs under code/; output and logs go there too).
"""
import json
import os
from datetime import datetime

from airflow import DAG
from airflow.providers.amazon.aws.hooks.emr import EmrHook
from airflow.providers.amazon.aws.operators.emr import (
    EmrAddStepsOperator,
    EmrCreateJobFlowOperator,
    EmrTerminateJobFlowOperator,
)
from airflow.providers.amazon.aws.sensors.emr import EmrJobFlowSensor, EmrStepSensor

CONNECTION = "emrys"
BUCKET = os.environ["EMRYS_DAG_BUCKET"]
CLUSTER_ID = "{{ task_instance.xcom_pull(task_ids='create_cluster') }}"
# poll every two seconds, for at most five minutes
POKING = {"poke_interval": 2, "timeout": 300}
WAITING = {"waiter_delay": 2, "waiter_max_attempts": 150}

JOB_FLOW = {
    "Name": "airflow-cluster",
    "ReleaseLabel": "emr-7.2.0",
    "LogUri": f"s3://{BUCKET}/emr-logs/",
    "Applications": [{"Name": "Spark"}],
    "Instances": {
        "InstanceGroups": [
            {"Name": "Primary node", "Market": "ON_DEMAND", "InstanceRole": "MASTER", "InstanceType": "m5.xlarge", "InstanceCount": 1},
            {"Name": "Core nodes", "Market": "ON_DEMAND", "InstanceRole": "CORE", "InstanceType": "m5.xlarge", "InstanceCount": 1},
            {"Name": "Task nodes", "Market": "SPOT", "InstanceRole": "TASK", "InstanceType": "m5.xlarge", "InstanceCount": 1},
        ],
        "KeepJobFlowAliveWhenNoSteps": True,
        "TerminationProtected": False,
    },
    "JobFlowRole": "EMR_EC2_DefaultRole",
    "ServiceRole": "EMR_DefaultRole",
    "VisibleToAllUsers": True,
    "Tags": [{"Key": "dag", "Value": "emr_cluster_on_emrys"}],
}


def spark_step(name, script, *arguments):
    return {
        "Name": name,
        "ActionOnFailure": "CONTINUE",
        "HadoopJarStep": {
            "Jar": "command-runner.jar",
            "Args": ["spark-submit", "--deploy-mode", "cluster", f"s3://{BUCKET}/code/{script}", *arguments],
        },
    }


failures = {}


def note_failure(context):
    failures[context["task_instance"].task_id] = str(context["exception"])


with DAG(dag_id="emr_cluster_on_emrys", start_date=datetime(2026, 1, 1), schedule=None, catchup=False) as dag:
    create_cluster = EmrCreateJobFlowOperator(
        task_id="create_cluster",
        aws_conn_id=CONNECTION,
        emr_conn_id=None,
        job_flow_overrides=JOB_FLOW,
        wait_for_completion=True,
        **WAITING,
    )
    cluster_waiting = EmrJobFlowSensor(
        task_id="cluster_waiting",
        aws_conn_id=CONNECTION,
        job_flow_id=CLUSTER_ID,
        target_states=["WAITING"],
        **POKING,
    )
    word_counts = EmrAddStepsOperator(
        task_id="word_counts",
        aws_conn_id=CONNECTION,
        job_flow_id=CLUSTER_ID,
        steps=[spark_step("word_counts", "word_counts.py", f"s3://{BUCKET}/output/word-counts/")],
        wait_for_completion=True,
        **WAITING,
    )
    word_counts_completed = EmrStepSensor(
        task_id="word_counts_completed",
        aws_conn_id=CONNECTION,
        job_flow_id=CLUSTER_ID,
        step_id="{{ task_instance.xcom_pull(task_ids='word_counts')[0] }}",
        **POKING,
    )
    rejects_input = EmrAddStepsOperator(
        task_id="rejects_input",
        aws_conn_id=CONNECTION,
        job_flow_id=CLUSTER_ID,
        steps=[spark_step("rejects_input", "rejects_input.py")],
    )
    rejects_input_completed = EmrStepSensor(
        task_id="rejects_input_completed",
        aws_conn_id=CONNECTION,
        job_flow_id=CLUSTER_ID,
        step_id="{{ task_instance.xcom_pull(task_ids='rejects_input')[0] }}",
        on_failure_callback=note_failure,
        **POKING,
    )
    terminate_cluster = EmrTerminateJobFlowOperator(
        task_id="terminate_cluster",
        aws_conn_id=CONNECTION,
        job_flow_id=CLUSTER_ID,
        trigger_rule="all_done",
    )
    cluster_terminated = EmrJobFlowSensor(
        task_id="cluster_terminated",
        aws_conn_id=CONNECTION,
        job_flow_id=CLUSTER_ID,
        trigger_rule="all_done",
        **POKING,
    )
    (create_cluster >> cluster_waiting >> word_counts >> word_counts_completed >> rejects_input >> rejects_input_completed
     >> terminate_cluster >> cluster_terminated)


def summary(run):
    tasks = {ti.task_id: ti for ti in run.get_task_instances()}
    cluster_id = tasks["create_cluster"].xcom_pull(task_ids="create_cluster")
    emr = EmrHook(aws_conn_id=CONNECTION, emr_conn_id=None).conn
    cluster = emr.describe_cluster(ClusterId=cluster_id)["Cluster"]
    pages = emr.get_paginator("list_steps").paginate(ClusterId=cluster_id)
    steps = {step["Name"]: {"state": step["Status"]["State"], "failureDetails": step["Status"].get("FailureDetails", {})}
             for page in pages for step in page["Steps"]}
    return {
        "dagRunState": run.state,
        "tasks": {task_id: ti.state for task_id, ti in tasks.items()},
        "failures": failures,
        "clusterId": cluster_id,
        "clusterStatus": {"state": cluster["Status"]["State"], "reason": cluster["Status"].get("StateChangeReason", {})},
        "steps": steps,
        # the deprecated listing old tools still call, of the same cluster
        "jobFlow": emr.describe_job_flows(JobFlowIds=[cluster_id])["JobFlows"][0],
    }


if __name__ == "__main__":
    print("DAG SUMMARY " + json.dumps(summary(dag.test()), sort_keys=True, default=str), flush=True)
