-- Interactive sessions (Spark Connect), their endpoint tokens (hashes only), and session workers.

CREATE TABLE sessions (
    session_id       VARCHAR(64)   NOT NULL PRIMARY KEY,
    application_id   VARCHAR(64)   NOT NULL REFERENCES applications (application_id),
    arn              VARCHAR(1024) NOT NULL,
    created_by       VARCHAR(2048) NOT NULL,
    release_label    VARCHAR(64)   NOT NULL,
    spec_json        TEXT          NOT NULL,
    state            VARCHAR(16)   NOT NULL,
    state_details    VARCHAR(1024) NOT NULL,
    created_at       BIGINT        NOT NULL,
    updated_at       BIGINT        NOT NULL,
    started_at       BIGINT,
    ended_at         BIGINT,
    idle_since       BIGINT,
    driver_pid       BIGINT,
    work_dir         VARCHAR(4096),
    grpc_port        INTEGER,
    ui_port          INTEGER
);
CREATE INDEX sessions_by_application ON sessions (application_id, created_at);

CREATE TABLE session_tokens (
    token_hash       VARCHAR(64)   NOT NULL PRIMARY KEY,
    session_id       VARCHAR(64)   NOT NULL REFERENCES sessions (session_id),
    expires_at       BIGINT        NOT NULL
);

ALTER TABLE workers ADD COLUMN session_id VARCHAR(64);
