"""The embedded object store through boto3 with an IAM user's and a role session's own keys: what their policies allow
works, anything else is botocore's AccessDenied ClientError and leaves nothing behind.

Usage: AWS_CONFIG_FILE=... AWS_SHARED_CREDENTIALS_FILE=... python3 boto3_s3_authz.py
The profile 'emrys' is the account's root. Prints one line per check and exits non-zero on the first failure.
"""
import json
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

PROFILE = "emrys"
BUCKET = "boto3-authz"


def check(condition, what):
    if not condition:
        print("FAILED: " + what, flush=True)
        sys.exit(1)
    print("ok: " + what, flush=True)


def error(call, **kwargs):
    try:
        call(**kwargs)
    except ClientError as e:
        return e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]
    return None, None


def client(service, key=None):
    session = boto3.Session(profile_name=PROFILE)
    if key is None:
        return session.client(service)
    # the profile's endpoint and addressing, another identity's keys
    endpoint = session.client(service).meta.endpoint_url
    return boto3.Session(region_name=session.region_name).client(service, endpoint_url=endpoint, aws_access_key_id=key["AccessKeyId"],
                                                                 aws_secret_access_key=key["SecretAccessKey"], aws_session_token=key.get("SessionToken"),
                                                                 config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}))


def policy(*statements):
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def main():
    iam = client("iam")
    root_s3 = client("s3")
    account = client("sts").get_caller_identity()["Account"]
    root_s3.create_bucket(Bucket=BUCKET)
    root_s3.put_object(Bucket=BUCKET, Key="in/a.txt", Body=b"hello")

    iam.create_user(UserName="dora")
    iam.put_user_policy(UserName="dora", PolicyName="read-in", PolicyDocument=policy(
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::%s/in/*" % BUCKET}))
    dora_key = iam.create_access_key(UserName="dora")["AccessKey"]
    dora = client("s3", dora_key)

    check(dora.get_object(Bucket=BUCKET, Key="in/a.txt")["Body"].read() == b"hello", "dora reads in/a.txt")
    check(error(dora.put_object, Bucket=BUCKET, Key="in/b.txt", Body=b"denied") == ("AccessDenied", 403), "dora's put is AccessDenied")
    check(error(root_s3.head_object, Bucket=BUCKET, Key="in/b.txt") == ("404", 404), "the denied put left no object")
    check(error(dora.list_objects_v2, Bucket=BUCKET) == ("AccessDenied", 403), "dora may not list the bucket")

    iam.create_role(RoleName="writer", AssumeRolePolicyDocument=policy(
        {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%s:user/dora" % account}, "Action": "sts:AssumeRole"}))
    iam.put_role_policy(RoleName="writer", PolicyName="write-out", PolicyDocument=policy(
        {"Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::%s/out/*" % BUCKET}))
    session = client("sts", dora_key).assume_role(RoleArn="arn:aws:iam::%s:role/writer" % account, RoleSessionName="boto3")["Credentials"]
    writer = client("s3", session)
    writer.put_object(Bucket=BUCKET, Key="out/result.txt", Body=b"done")
    check(root_s3.get_object(Bucket=BUCKET, Key="out/result.txt")["Body"].read() == b"done", "the role session writes out/ with its token")
    check(error(writer.put_object, Bucket=BUCKET, Key="in/c.txt", Body=b"x") == ("AccessDenied", 403), "the role session may not write in/")
    print("boto3 s3 authz passed", flush=True)


if __name__ == "__main__":
    main()
