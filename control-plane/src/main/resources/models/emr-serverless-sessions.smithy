$version: "2.0"

// The EMR Serverless interactive-session operations that arrived after the April-2025 model, written by Emrys
// from shared/contracts/emr-serverless-sessions.md (the AWS SDK schemas and API reference it cites). Loaded
// beside emr-serverless-2021-07-13.json; SmithyModels adds these operations to the service and the member
// `sessionEnabled` to InteractiveConfiguration.

namespace com.amazonaws.emrserverless

@http(method: "POST", uri: "/applications/{applicationId}/sessions", code: 200)
@idempotent
operation StartSession {
    input := {
        @required
        @httpLabel
        applicationId: ApplicationId

        @required
        @idempotencyToken
        clientToken: ClientToken

        @required
        executionRoleArn: IAMRoleArn

        configurationOverrides: SessionConfigurationOverrides

        tags: TagMap

        idleTimeoutMinutes: SessionIdleTimeout

        name: String256
    }
    output := {
        @required
        applicationId: ApplicationId

        @required
        sessionId: SessionId

        @required
        arn: SessionArn
    }
    errors: [ValidationException, ResourceNotFoundException, ConflictException, ServiceQuotaExceededException, InternalServerException]
}

@http(method: "GET", uri: "/applications/{applicationId}/sessions/{sessionId}", code: 200)
@readonly
operation GetSession {
    input := {
        @required
        @httpLabel
        applicationId: ApplicationId

        @required
        @httpLabel
        sessionId: SessionId
    }
    output := {
        @required
        session: Session
    }
    errors: [ValidationException, ResourceNotFoundException, InternalServerException]
}

@http(method: "GET", uri: "/applications/{applicationId}/sessions", code: 200)
@readonly
@paginated(inputToken: "nextToken", outputToken: "nextToken", pageSize: "maxResults", items: "sessions")
operation ListSessions {
    input := {
        @required
        @httpLabel
        applicationId: ApplicationId

        @httpQuery("nextToken")
        nextToken: NextToken

        @httpQuery("maxResults")
        @range(min: 1, max: 50)
        maxResults: Integer

        @httpQuery("states")
        states: SessionStateSet

        @httpQuery("createdAtAfter")
        createdAtAfter: Date

        @httpQuery("createdAtBefore")
        createdAtBefore: Date
    }
    output := {
        @required
        sessions: SessionList

        nextToken: NextToken
    }
    errors: [ValidationException, ResourceNotFoundException, InternalServerException]
}

@http(method: "DELETE", uri: "/applications/{applicationId}/sessions/{sessionId}", code: 200)
@idempotent
operation TerminateSession {
    input := {
        @required
        @httpLabel
        applicationId: ApplicationId

        @required
        @httpLabel
        sessionId: SessionId
    }
    output := {
        @required
        applicationId: ApplicationId

        @required
        sessionId: SessionId
    }
    errors: [ValidationException, ResourceNotFoundException, InternalServerException]
}

@http(method: "GET", uri: "/applications/{applicationId}/sessions/{sessionId}/endpoint", code: 200)
@readonly
operation GetSessionEndpoint {
    input := {
        @required
        @httpLabel
        applicationId: ApplicationId

        @required
        @httpLabel
        sessionId: SessionId
    }
    output := {
        @required
        applicationId: ApplicationId

        @required
        sessionId: SessionId

        @required
        endpoint: SessionEndpointUrl

        @required
        authToken: SessionAuthToken

        @required
        authTokenExpiresAt: Date
    }
    errors: [ValidationException, ResourceNotFoundException, InternalServerException]
}

@http(method: "GET", uri: "/applications/{applicationId}/dashboard", code: 200)
@readonly
operation GetResourceDashboard {
    input := {
        @required
        @httpLabel
        applicationId: ApplicationId

        @required
        @httpQuery("resourceId")
        resourceId: SessionId

        @required
        @httpQuery("resourceType")
        resourceType: ResourceType
    }
    output := {
        url: Url
    }
    errors: [ValidationException, ResourceNotFoundException, InternalServerException]
}

@length(min: 1, max: 64)
@pattern("^[0-9a-z]+$")
string SessionId

@length(min: 60, max: 1024)
@pattern("^arn:(aws[a-zA-Z0-9-]*):emr-serverless:.+:(\\d{12}):\\/applications\\/[0-9a-zA-Z]+\\/sessions\\/[0-9a-zA-Z]+$")
string SessionArn

@range(min: 0, max: 1000000)
long SessionIdleTimeout

@length(min: 1, max: 256)
string SessionEndpointUrl

@length(min: 1, max: 8000)
@sensitive
string SessionAuthToken

@length(min: 1, max: 1024)
@pattern(".*\\S.*")
string SessionStateDetails

enum SessionState {
    SUBMITTED
    STARTING
    STARTED
    IDLE
    BUSY
    FAILED
    TERMINATING
    TERMINATED
}

enum ResourceType {
    SESSION
}

@length(min: 1, max: 8)
@uniqueItems
list SessionStateSet {
    member: SessionState
}

structure SessionConfigurationOverrides {
    runtimeConfiguration: ConfigurationList
}

structure Session {
    @required
    applicationId: ApplicationId

    @required
    sessionId: SessionId

    @required
    arn: SessionArn

    name: String256

    @required
    state: SessionState

    @required
    stateDetails: SessionStateDetails

    @required
    releaseLabel: ReleaseLabel

    @required
    executionRoleArn: IAMRoleArn

    @required
    createdBy: RequestIdentityUserArn

    @required
    createdAt: Date

    @required
    updatedAt: Date

    startedAt: Date

    endedAt: Date

    idleSince: Date

    configurationOverrides: SessionConfigurationOverrides

    networkConfiguration: NetworkConfiguration

    idleTimeoutMinutes: SessionIdleTimeout

    tags: TagMap

    totalResourceUtilization: TotalResourceUtilization

    billedResourceUtilization: ResourceUtilization

    totalExecutionDurationSeconds: Long
}

structure SessionSummary {
    @required
    applicationId: ApplicationId

    @required
    sessionId: SessionId

    @required
    arn: SessionArn

    name: String256

    @required
    state: SessionState

    @required
    stateDetails: SessionStateDetails

    @required
    releaseLabel: ReleaseLabel

    @required
    executionRoleArn: IAMRoleArn

    @required
    createdBy: RequestIdentityUserArn

    @required
    createdAt: Date

    @required
    updatedAt: Date
}

list SessionList {
    member: SessionSummary
}
