-- EMR Serverless core: applications, job runs and their attempts, tags, idempotency, workers.
-- Portable SQL (SQLite now, PostgreSQL later): times are epoch milliseconds in BIGINT, JSON documents in TEXT.

CREATE TABLE applications (
    application_id   VARCHAR(64)  NOT NULL PRIMARY KEY,
    arn              VARCHAR(1024) NOT NULL,
    name             VARCHAR(64),
    release_label    VARCHAR(64)  NOT NULL,
    engine_type      VARCHAR(64)  NOT NULL,
    state            VARCHAR(16)  NOT NULL,
    state_details    VARCHAR(256),
    config_json      TEXT         NOT NULL,
    created_at       BIGINT       NOT NULL,
    updated_at       BIGINT       NOT NULL,
    last_activity_at BIGINT       NOT NULL
);

CREATE TABLE job_runs (
    job_run_id       VARCHAR(64)  NOT NULL PRIMARY KEY,
    application_id   VARCHAR(64)  NOT NULL REFERENCES applications (application_id),
    arn              VARCHAR(1024) NOT NULL,
    name             VARCHAR(256),
    created_by       VARCHAR(2048) NOT NULL,
    execution_role   VARCHAR(2048) NOT NULL,
    release_label    VARCHAR(64)  NOT NULL,
    mode             VARCHAR(16)  NOT NULL,
    spec_json        TEXT         NOT NULL,
    created_at       BIGINT       NOT NULL
);
CREATE INDEX job_runs_by_application ON job_runs (application_id, created_at);

CREATE TABLE job_run_attempts (
    job_run_id       VARCHAR(64)  NOT NULL REFERENCES job_runs (job_run_id),
    attempt          INTEGER      NOT NULL,
    state            VARCHAR(16)  NOT NULL,
    state_details    VARCHAR(256) NOT NULL,
    created_at       BIGINT       NOT NULL,
    updated_at       BIGINT       NOT NULL,
    started_at       BIGINT,
    ended_at         BIGINT,
    driver_pid       BIGINT,
    work_dir         VARCHAR(4096),
    ui_port          INTEGER,
    PRIMARY KEY (job_run_id, attempt)
);

CREATE TABLE tags (
    resource_arn     VARCHAR(1024) NOT NULL,
    tag_key          VARCHAR(128) NOT NULL,
    tag_value        VARCHAR(256) NOT NULL,
    PRIMARY KEY (resource_arn, tag_key)
);

-- A client token is remembered with a fingerprint of the request it came with, so a retry returns the first
-- answer and a different request under the same token is a conflict.
CREATE TABLE idempotency_tokens (
    scope            VARCHAR(128) NOT NULL,
    client_token     VARCHAR(64)  NOT NULL,
    request_hash     VARCHAR(64)  NOT NULL,
    resource_id      VARCHAR(64)  NOT NULL,
    created_at       BIGINT       NOT NULL,
    PRIMARY KEY (scope, client_token)
);

-- One row per worker process (driver or executor): metering and scaling are computed from these.
CREATE TABLE workers (
    worker_id        VARCHAR(64)  NOT NULL PRIMARY KEY,
    application_id   VARCHAR(64)  NOT NULL,
    job_run_id       VARCHAR(64),
    attempt          INTEGER,
    worker_type      VARCHAR(16)  NOT NULL,
    vcpu             DOUBLE PRECISION NOT NULL,
    memory_gb        DOUBLE PRECISION NOT NULL,
    disk_gb          DOUBLE PRECISION NOT NULL,
    pre_initialized  INTEGER      NOT NULL,
    started_at       BIGINT       NOT NULL,
    stopped_at       BIGINT,
    stop_reason      VARCHAR(256)
);
CREATE INDEX workers_by_run ON workers (job_run_id, attempt);

CREATE TABLE account_keys (
    access_key_id    VARCHAR(128) NOT NULL PRIMARY KEY,
    secret_key       VARCHAR(128) NOT NULL,
    principal_arn    VARCHAR(2048) NOT NULL,
    account_id       VARCHAR(12)  NOT NULL,
    created_at       BIGINT       NOT NULL
);
