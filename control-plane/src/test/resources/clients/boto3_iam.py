"""IAM users, roles and policies through boto3, and what each identity may then do on EMR Serverless and STS.

Usage: AWS_CONFIG_FILE=... AWS_SHARED_CREDENTIALS_FILE=... python3 boto3_iam.py
The profile 'emrys' is the account's root. Prints one line per check and exits non-zero on the first failure.
"""
import json
import sys
import time

import boto3
from botocore.exceptions import ClientError

PROFILE = "emrys"


def check(condition, what):
    if not condition:
        print("FAILED: " + what, flush=True)
        sys.exit(1)
    print("ok: " + what, flush=True)


def error_code(call, **kwargs):
    try:
        call(**kwargs)
    except ClientError as e:
        return e.response["Error"]["Code"], e.response["Error"].get("Message", ""), e.response["ResponseMetadata"]["HTTPStatusCode"]
    return None, None, None


def policy(*statements):
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def client(service, key=None, region=None):
    session = boto3.Session(profile_name=PROFILE, region_name=region)
    if key is None:
        return session.client(service)
    # the same endpoints as the profile's, but another identity's keys
    endpoint = session.client(service).meta.endpoint_url
    return boto3.Session(region_name=session.region_name).client(service, endpoint_url=endpoint, aws_access_key_id=key["AccessKeyId"],
                                                                 aws_secret_access_key=key["SecretAccessKey"], aws_session_token=key.get("SessionToken"))


def user_with_key(iam, name):
    iam.create_user(UserName=name)
    return iam.create_access_key(UserName=name)["AccessKey"]


def main():
    iam = client("iam")
    sts = client("sts")
    root = sts.get_caller_identity()
    account = root["Account"]
    check(root["Arn"] == "arn:aws:iam::%s:root" % account and root["UserId"] == account, "root's caller identity " + root["Arn"])

    alice_key = user_with_key(iam, "alice")
    bob_key = user_with_key(iam, "bob")
    carol_key = user_with_key(iam, "carol")
    check(alice_key["AccessKeyId"].startswith("AKIA") and len(alice_key["SecretAccessKey"]) == 40, "alice has an access key")
    applications = "arn:aws:emr-serverless:*:%s:/applications/*" % account
    iam.put_user_policy(UserName="alice", PolicyName="read-applications", PolicyDocument=policy(
        {"Effect": "Allow", "Action": ["emr-serverless:ListApplications"], "Resource": "*"},
        {"Effect": "Allow", "Action": ["emr-serverless:Get*"], "Resource": applications}))
    got = iam.get_user_policy(UserName="alice", PolicyName="read-applications")["PolicyDocument"]
    check(got["Statement"][0]["Action"] == ["emr-serverless:ListApplications"], "boto3 decodes the stored policy document")

    # users see what their policies allow, and nothing else
    alice_emr = client("emr-serverless", alice_key)
    check("applications" in alice_emr.list_applications(), "alice may list applications")
    code, message, status = error_code(alice_emr.create_application, name="nope", releaseLabel="emr-spark-8.0", type="SPARK")
    check(code == "AccessDeniedException" and status == 403, "alice may not create an application: %s %s" % (code, message))
    check("arn:aws:iam::%s:user/alice" % account in message and "emr-serverless:CreateApplication" in message, "the denial names who and what")
    root_emr = client("emr-serverless")
    check(all(app["name"] != "nope" for app in root_emr.list_applications()["applications"]), "the denied create changed nothing")
    bob_emr = client("emr-serverless", bob_key)
    code, _, _ = error_code(bob_emr.list_applications)
    check(code == "AccessDeniedException", "bob, with no policy, may do nothing")
    app_id = root_emr.create_application(name="shared", releaseLabel="emr-spark-8.0", type="SPARK")["applicationId"]
    check(alice_emr.get_application(applicationId=app_id)["application"]["name"] == "shared", "alice may read the application root made")
    check(sts_identity(alice_key)["Arn"] == "arn:aws:iam::%s:user/alice" % account, "alice's caller identity")

    # a deny wins over an allow, and a policy change applies to the next request
    iam.put_user_policy(UserName="alice", PolicyName="no-reads-of-shared", PolicyDocument=policy(
        {"Effect": "Deny", "Action": "emr-serverless:GetApplication", "Resource": "arn:aws:emr-serverless:*:%s:/applications/%s" % (account, app_id)}))
    code, message, _ = error_code(alice_emr.get_application, applicationId=app_id)
    check(code == "AccessDeniedException" and "explicit deny" in message, "an explicit deny overrides the allow: " + str(message))
    iam.delete_user_policy(UserName="alice", PolicyName="no-reads-of-shared")
    check(alice_emr.get_application(applicationId=app_id)["application"]["applicationId"] == app_id, "the deny's deletion applies at once")

    # seed 003's session-user policy grants exactly its operations
    iam.put_user_policy(UserName="carol", PolicyName="session-user", PolicyDocument=policy(
        {"Sid": "EMRServerlessInteractiveAccess", "Effect": "Allow", "Action": ["emr-serverless:StartSession", "emr-serverless:ListSessions"],
         "Resource": applications},
        {"Sid": "EMRServerlessSessionAccess", "Effect": "Allow",
         "Action": ["emr-serverless:GetSession", "emr-serverless:GetSessionEndpoint", "emr-serverless:TerminateSession", "emr-serverless:GetResourceDashboard"],
         "Resource": "arn:aws:emr-serverless:*:%s:/applications/*/sessions/*" % account},
        {"Sid": "AllowPassingRuntimeRole", "Effect": "Allow", "Action": "iam:PassRole",
         "Resource": "arn:aws:iam::%s:role/EMRServerlessSessionRole" % account,
         "Condition": {"StringLike": {"iam:PassedToService": "emr-serverless.amazonaws.com"}}}))
    carol_emr = client("emr-serverless", carol_key)
    check("sessions" in carol_emr.list_sessions(applicationId=app_id), "carol may list the application's sessions")
    code, _, _ = error_code(carol_emr.get_session, applicationId=app_id, sessionId="0000000000000000")
    check(code == "ResourceNotFoundException", "carol may get a session: the call gets past authorization to the lookup (%s)" % code)
    code, _, _ = error_code(carol_emr.terminate_session, applicationId=app_id, sessionId="0000000000000000")
    check(code == "ResourceNotFoundException", "carol may terminate a session (%s)" % code)
    code, message, _ = error_code(carol_emr.start_session, applicationId=app_id, executionRoleArn="arn:aws:iam::%s:role/OtherRole" % account)
    check(code == "AccessDeniedException" and "iam:PassRole" in message, "carol may not pass another role: " + str(message))
    for call, kwargs in [(carol_emr.list_applications, {}), (carol_emr.get_application, {"applicationId": app_id}),
                         (carol_emr.list_job_runs, {"applicationId": app_id}), (carol_emr.delete_application, {"applicationId": app_id})]:
        code, _, _ = error_code(call, **kwargs)
        check(code == "AccessDeniedException", "carol may not call " + call.__name__)

    # code from local paths is the root identity's alone
    iam.put_user_policy(UserName="alice", PolicyName="run-jobs", PolicyDocument=policy(
        {"Effect": "Allow", "Action": "emr-serverless:StartJobRun", "Resource": applications},
        {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}))
    code, message, _ = error_code(alice_emr.start_job_run, applicationId=app_id, executionRoleArn="arn:aws:iam::%s:role/any" % account,
                                  jobDriver={"sparkSubmit": {"entryPoint": "/etc/passwd"}})
    check(code == "ValidationException" and "/etc/passwd" in message, "alice may not run a local file: " + str(message))
    code, message, _ = error_code(alice_emr.start_job_run, applicationId=app_id, executionRoleArn="arn:aws:iam::%s:role/any" % account,
                                  jobDriver={"sparkSubmit": {"entryPoint": "s3://b/j.jar", "sparkSubmitParameters": "--conf spark.driver.extraClassPath=/home"}})
    check(code == "ValidationException" and "extraClassPath" in message, "nor put a local folder on the class path: " + str(message))
    check(root_emr.list_job_runs(applicationId=app_id)["jobRuns"] == [], "and no run was created")
    iam.delete_user_policy(UserName="alice", PolicyName="run-jobs")

    # roles: trusted principals assume them and act with the role's policies only
    role = iam.create_role(RoleName="app-reader", AssumeRolePolicyDocument=policy(
        {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::%s:user/alice" % account}, "Action": "sts:AssumeRole"}),
        Description="reads applications", MaxSessionDuration=7200)["Role"]
    check(role["Arn"] == "arn:aws:iam::%s:role/app-reader" % account and role["RoleId"].startswith("AROA"), "the role is created")
    check(iam.get_role(RoleName="app-reader")["Role"]["AssumeRolePolicyDocument"]["Statement"][0]["Action"] == "sts:AssumeRole",
          "boto3 decodes the trust policy")
    iam.put_role_policy(RoleName="app-reader", PolicyName="list", PolicyDocument=policy(
        {"Effect": "Allow", "Action": "emr-serverless:ListApplications", "Resource": "*"}))
    assumed = client("sts", alice_key).assume_role(RoleArn=role["Arn"], RoleSessionName="alice-session", DurationSeconds=3600)
    credentials = assumed["Credentials"]
    check(credentials["AccessKeyId"].startswith("ASIA") and len(credentials["SessionToken"]) > 100, "alice gets temporary credentials")
    check(assumed["AssumedRoleUser"]["Arn"] == "arn:aws:sts::%s:assumed-role/app-reader/alice-session" % account, "the session's ARN")
    identity = sts_identity(credentials)
    check(identity["Arn"] == assumed["AssumedRoleUser"]["Arn"] and identity["UserId"] == role["RoleId"] + ":alice-session",
          "the session's caller identity " + identity["UserId"])
    session_emr = client("emr-serverless", credentials)
    check("applications" in session_emr.list_applications(), "the session may list applications")
    code, _, _ = error_code(session_emr.get_application, applicationId=app_id)
    check(code == "AccessDeniedException", "the session has the role's policies, not alice's")
    code, _, _ = error_code(client("sts", bob_key).assume_role, RoleArn=role["Arn"], RoleSessionName="bob")
    check(code == "AccessDenied", "bob is not trusted by the role (%s)" % code)
    code, message, _ = error_code(sts.assume_role, RoleArn=role["Arn"], RoleSessionName="root")
    check(code == "AccessDenied" and "root" in message, "root may not assume roles: " + str(message))
    code, _, _ = error_code(client("sts", alice_key).assume_role, RoleArn=role["Arn"], RoleSessionName="long", DurationSeconds=7201)
    check(code == "ValidationError", "a session longer than the role's maximum is refused (%s)" % code)
    narrowed = client("sts", alice_key).assume_role(RoleArn=role["Arn"], RoleSessionName="narrow", Policy=policy(
        {"Effect": "Allow", "Action": "emr-serverless:GetApplication", "Resource": "*"}))["Credentials"]
    code, _, _ = error_code(client("emr-serverless", narrowed).list_applications)
    check(code == "AccessDeniedException", "a session policy narrows the role")
    tampered = dict(credentials, SessionToken=credentials["SessionToken"][:-4] + "AAAA")
    code, _, status = error_code(client("emr-serverless", tampered).list_applications)
    check(code == "UnrecognizedClientException" and status == 403, "a changed session token is refused (%s)" % code)

    # IAM's own errors
    code, _, status = error_code(iam.create_user, UserName="ALICE")
    check(code == "EntityAlreadyExists" and status == 409, "user names are unique whatever their case (%s)" % code)
    code, _, status = error_code(iam.get_user, UserName="nobody")
    check(code == "NoSuchEntity" and status == 404, "an unknown user (%s)" % code)
    code, _, _ = error_code(iam.delete_user, UserName="alice")
    check(code == "DeleteConflict", "a user with keys and policies cannot be deleted (%s)" % code)
    code, _, status = error_code(iam.put_user_policy, UserName="bob", PolicyName="broken", PolicyDocument='{"Statement": [{"Effect": "Allow"}]}')
    check(code == "MalformedPolicyDocument" and status == 400, "a malformed policy is refused (%s)" % code)
    check(iam.list_user_policies(UserName="bob")["PolicyNames"] == [], "and nothing was stored")
    code, _, _ = error_code(client("iam", bob_key).list_users)
    check(code == "AccessDenied", "bob may not use IAM (%s)" % code)

    # managed policies, versions and attachments
    managed = iam.create_policy(PolicyName="list-sessions", PolicyDocument=policy(
        {"Effect": "Allow", "Action": "emr-serverless:ListSessions", "Resource": applications}))["Policy"]
    check(managed["DefaultVersionId"] == "v1" and managed["Arn"] == "arn:aws:iam::%s:policy/list-sessions" % account, "a managed policy")
    iam.attach_user_policy(UserName="bob", PolicyArn=managed["Arn"])
    check([p["PolicyName"] for p in iam.list_attached_user_policies(UserName="bob")["AttachedPolicies"]] == ["list-sessions"], "attached to bob")
    check("sessions" in bob_emr.list_sessions(applicationId=app_id), "bob may now list sessions")
    iam.create_policy_version(PolicyArn=managed["Arn"], PolicyDocument=policy(
        {"Effect": "Allow", "Action": "emr-serverless:ListApplications", "Resource": "*"}), SetAsDefault=True)
    check("applications" in bob_emr.list_applications(), "a new default version applies")
    code, _, _ = error_code(bob_emr.list_sessions, applicationId=app_id)
    check(code == "AccessDeniedException", "and the old version no longer does")
    code, _, _ = error_code(iam.delete_policy, PolicyArn=managed["Arn"])
    check(code == "DeleteConflict", "an attached policy cannot be deleted (%s)" % code)
    group = iam.create_group(GroupName="readers")["Group"]
    iam.add_user_to_group(GroupName="readers", UserName="carol")
    iam.attach_group_policy(GroupName="readers", PolicyArn=managed["Arn"])
    check("applications" in carol_emr.list_applications(), "carol gets her group's policies (%s)" % group["Arn"])

    # a deleted key stops working at once
    iam.delete_access_key(UserName="bob", AccessKeyId=bob_key["AccessKeyId"])
    code, _, _ = error_code(bob_emr.list_applications)
    check(code == "UnrecognizedClientException", "a deleted key is refused (%s)" % code)
    print("boto3 iam passed", flush=True)


def sts_identity(key):
    return client("sts", key).get_caller_identity()


if __name__ == "__main__":
    main()
