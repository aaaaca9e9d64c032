"""ListSupportedInstanceTypes page by page with boto3 and DescribeJobFlows, as old tools call it.

Usage: AWS_CONFIG_FILE=... AWS_SHARED_CREDENTIALS_FILE=... python3 boto3_emr_listings.py <release-label>
Prints one JSON line: the types' pages, the job flows unfiltered, by id and by state and date, and the error an unknown label gets.
"""
import json
import sys
from datetime import datetime, timedelta, timezone

import boto3
from botocore.exceptions import ClientError


def main():
    release_label = sys.argv[1]
    emr = boto3.Session(profile_name="emrys").client("emr")
    # botocore has no paginator for it: the Marker loop every caller writes
    pages, marker = [], None
    while True:
        page = emr.list_supported_instance_types(ReleaseLabel=release_label, **({"Marker": marker} if marker else {}))
        pages.append(page)
        marker = page.get("Marker")
        if not marker:
            break
    try:
        emr.list_supported_instance_types(ReleaseLabel="emr-0.0.1")
        unknown = None
    except ClientError as error:
        unknown = {"code": error.response["Error"]["Code"], "message": error.response["Error"]["Message"]}
    result = {
        "pageSizes": [len(page["SupportedInstanceTypes"]) for page in pages],
        "types": [instance_type for page in pages for instance_type in page["SupportedInstanceTypes"]],
        "unknownLabel": unknown,
        "jobFlows": emr.describe_job_flows()["JobFlows"],
        "byId": emr.describe_job_flows(JobFlowIds=["j-0000000000000"])["JobFlows"],
        "byStateAndDate": emr.describe_job_flows(JobFlowStates=["WAITING", "COMPLETED"],
                                                 CreatedAfter=datetime.now(timezone.utc) - timedelta(days=1))["JobFlows"],
    }
    print(json.dumps(result, default=str), flush=True)


if __name__ == "__main__":
    main()
