"""The six EMR Serverless session operations through boto3 (which knows them), including their error paths.

Usage: AWS_CONFIG_FILE=... AWS_SHARED_CREDENTIALS_FILE=... python3 boto3_sessions.py
Prints one line per check and exits non-zero on the first failure.
"""
import sys
import time

import boto3

# the execution role the server's harness created (trusted by emr-serverless.amazonaws.com), looked up as a user would
ROLE = boto3.Session(profile_name="emrys").client("iam").get_role(RoleName="emrys-job-role")["Role"]["Arn"]


def check(condition, what):
    if not condition:
        print("FAILED: " + what, flush=True)
        sys.exit(1)
    print("ok: " + what, flush=True)


def raises(call, error, what, **kwargs):
    try:
        call(**kwargs)
    except error as e:
        check(True, what + " (" + e.response["Error"]["Code"] + ")")
        return e
    check(False, what + ": no error raised")


def main():
    emr = boto3.Session(profile_name="emrys").client("emr-serverless")
    errors = emr.exceptions

    plain = emr.create_application(releaseLabel="emr-spark-8.0", type="SPARK")["applicationId"]
    raises(emr.start_session, errors.ValidationException, "StartSession on an application without sessionEnabled",
           applicationId=plain, executionRoleArn=ROLE)
    raises(emr.start_session, errors.ResourceNotFoundException, "StartSession on an unknown application",
           applicationId="00doesnotexist00", executionRoleArn=ROLE)

    app = emr.create_application(releaseLabel="emr-spark-8.0", type="SPARK",
                                 interactiveConfiguration={"sessionEnabled": True})["applicationId"]
    check(emr.get_application(applicationId=app)["application"]["interactiveConfiguration"]["sessionEnabled"] is True,
          "GetApplication returns interactiveConfiguration.sessionEnabled")
    raises(emr.start_session, errors.ValidationException, "a reserved Spark Connect property is refused",
           applicationId=app, executionRoleArn=ROLE,
           configurationOverrides={"runtimeConfiguration": [{"classification": "spark-defaults",
                                                             "properties": {"spark.connect.grpc.binding.port": "1"}}]})
    raises(emr.start_session, errors.ValidationException, "a bad execution role is refused",
           applicationId=app, executionRoleArn="not-a-role-arn-at-all")
    check(emr.list_sessions(applicationId=app)["sessions"] == [], "refused sessions were not stored")

    started = emr.start_session(applicationId=app, executionRoleArn=ROLE, name="boto3", clientToken="boto3-session",
                                tags={"team": "data"}, idleTimeoutMinutes=30)
    session_id = started["sessionId"]
    check(started["arn"].endswith("/applications/%s/sessions/%s" % (app, session_id)), "StartSession returns the session ARN")
    again = emr.start_session(applicationId=app, executionRoleArn=ROLE, name="boto3", clientToken="boto3-session",
                              tags={"team": "data"}, idleTimeoutMinutes=30)
    check(again["sessionId"] == session_id, "the same clientToken returns the same session")
    raises(emr.start_session, errors.ConflictException, "the same clientToken with another request is a conflict",
           applicationId=app, executionRoleArn=ROLE, name="other", clientToken="boto3-session")

    deadline = time.time() + 180
    session = None
    while time.time() < deadline:
        session = emr.get_session(applicationId=app, sessionId=session_id)["session"]
        if session["state"] in ("IDLE", "FAILED"):
            break
        time.sleep(0.5)
    check(session["state"] == "IDLE", "the session becomes IDLE (was %s: %s)" % (session["state"], session["stateDetails"]))
    check(session["idleTimeoutMinutes"] == 30 and session["name"] == "boto3" and session["tags"] == {"team": "data"},
          "GetSession echoes name, idleTimeoutMinutes and tags")
    check(session["releaseLabel"] == "emr-spark-8.0" and session["executionRoleArn"] == ROLE, "GetSession has release label and role")

    endpoint = emr.get_session_endpoint(applicationId=app, sessionId=session_id)
    check(endpoint["endpoint"].startswith("https://") and len(endpoint["authToken"]) > 20, "GetSessionEndpoint returns a URL and a token")
    check(endpoint["authTokenExpiresAt"].timestamp() - time.time() > 3500, "the token expires in about an hour")
    check(emr.get_session_endpoint(applicationId=app, sessionId=session_id)["authToken"] != endpoint["authToken"],
          "each call gives a fresh token")

    listed = emr.list_sessions(applicationId=app, states=["IDLE"])["sessions"]
    check([s["sessionId"] for s in listed] == [session_id], "ListSessions filters by state")
    check(emr.list_sessions(applicationId=app, states=["TERMINATED"])["sessions"] == [], "ListSessions state filter excludes")
    raises(emr.list_sessions, errors.ResourceNotFoundException, "ListSessions of an unknown application", applicationId="00doesnotexist00")
    raises(emr.get_session, errors.ResourceNotFoundException, "GetSession of an unknown session", applicationId=app, sessionId="00nosuchsession0")
    raises(emr.get_session_endpoint, errors.ResourceNotFoundException, "GetSessionEndpoint of an unknown session",
           applicationId=app, sessionId="00nosuchsession0")
    raises(emr.terminate_session, errors.ResourceNotFoundException, "TerminateSession of an unknown session",
           applicationId=app, sessionId="00nosuchsession0")
    raises(emr.get_resource_dashboard, errors.ResourceNotFoundException, "GetResourceDashboard of an unknown session",
           applicationId=app, resourceId="00nosuchsession0", resourceType="SESSION")
    raises(emr.get_resource_dashboard, errors.ValidationException, "GetResourceDashboard with an unknown resourceType",
           applicationId=app, resourceId=session_id, resourceType="CLUSTER")
    check(emr.get_resource_dashboard(applicationId=app, resourceId=session_id, resourceType="SESSION")["url"].startswith("http://127.0.0.1:"),
          "GetResourceDashboard returns the live UI's URL")
    raises(emr.stop_application, errors.ValidationException, "StopApplication is refused while a session is live", applicationId=app)

    terminated = emr.terminate_session(applicationId=app, sessionId=session_id)
    check(terminated == {"applicationId": app, "sessionId": session_id} or
          (terminated["applicationId"] == app and terminated["sessionId"] == session_id), "TerminateSession answers with the ids")
    deadline = time.time() + 60
    while time.time() < deadline and session["state"] != "TERMINATED":
        time.sleep(0.5)
        session = emr.get_session(applicationId=app, sessionId=session_id)["session"]
    check(session["state"] == "TERMINATED" and "endedAt" in session, "the session ends TERMINATED with endedAt")
    raises(emr.get_session_endpoint, errors.ValidationException, "no endpoint for a terminated session", applicationId=app, sessionId=session_id)
    emr.terminate_session(applicationId=app, sessionId=session_id)
    check(emr.get_session(applicationId=app, sessionId=session_id)["session"]["state"] == "TERMINATED", "terminating again changes nothing")
    emr.stop_application(applicationId=app)
    print("boto3 sessions passed", flush=True)


if __name__ == "__main__":
    main()
