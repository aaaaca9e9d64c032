"""The seeds' run_job_flow call with boto3, unchanged but for the endpoint (the profile's): a master, two core and
SPOT task instances, Spark and Hive, KeepJobFlowAliveWhenNoSteps=False, one command-runner.jar spark-submit step in cluster
deploy mode; then botocore's step_complete and cluster_terminated waiters.

Usage: AWS_CONFIG_FILE=... AWS_SHARED_CREDENTIALS_FILE=... python3 boto3_run_job_flow.py <bucket> <release-label> <task-count>
Prints the cluster, its step, instance groups and instances as JSON (one line).
"""
import json
import sys

import boto3


def main():
    bucket, release_label, task_count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    emr = boto3.Session(profile_name="emrys").client("emr")
    response = emr.run_job_flow(
        Name="nightly-etl",
        ReleaseLabel=release_label,
        LogUri=f"s3://{bucket}/emr-logs/",
        Applications=[{"Name": "Spark"}, {"Name": "Hive"}],
        Instances={
            "InstanceGroups": [
                {"Name": "Master nodes", "Market": "ON_DEMAND", "InstanceRole": "MASTER", "InstanceType": "m6g.xlarge", "InstanceCount": 1},
                {"Name": "Core nodes", "Market": "ON_DEMAND", "InstanceRole": "CORE", "InstanceType": "r5d.2xlarge", "InstanceCount": 2},
                {"Name": "Task nodes", "Market": "SPOT", "InstanceRole": "TASK", "InstanceType": "m5.xlarge", "InstanceCount": task_count},
            ],
            "KeepJobFlowAliveWhenNoSteps": False,
            "TerminationProtected": False,
        },
        Steps=[{
            "Name": "etl",
            "ActionOnFailure": "TERMINATE_CLUSTER",
            "HadoopJarStep": {
                "Jar": "command-runner.jar",
                "Args": ["spark-submit", "--deploy-mode", "cluster", f"s3://{bucket}/jobs/etl.py",
                         "--input", f"s3://{bucket}/input/", "--output", f"s3://{bucket}/output/"],
            },
        }],
        JobFlowRole="EMR_EC2_DefaultRole",
        ServiceRole="EMR_DefaultRole",
        VisibleToAllUsers=True,
        Tags=[{"Key": "team", "Value": "data"}],
    )
    cluster_id = response["JobFlowId"]
    step_id = emr.list_steps(ClusterId=cluster_id)["Steps"][0]["Id"]
    # AWS's waiters poll every 30 s; the same acceptors, polled faster
    emr.get_waiter("step_complete").wait(ClusterId=cluster_id, StepId=step_id, WaiterConfig={"Delay": 2, "MaxAttempts": 300})
    emr.get_waiter("cluster_terminated").wait(ClusterId=cluster_id, WaiterConfig={"Delay": 2, "MaxAttempts": 120})
    result = {
        "response": {key: value for key, value in response.items() if key != "ResponseMetadata"},
        "cluster": emr.describe_cluster(ClusterId=cluster_id)["Cluster"],
        "step": emr.describe_step(ClusterId=cluster_id, StepId=step_id)["Step"],
        "groups": emr.list_instance_groups(ClusterId=cluster_id)["InstanceGroups"],
        "instances": emr.list_instances(ClusterId=cluster_id)["Instances"],
        "terminated": [c["Id"] for c in emr.list_clusters(ClusterStates=["TERMINATED"])["Clusters"]],
    }
    print(json.dumps(result, default=str), flush=True)


if __name__ == "__main__":
    main()
