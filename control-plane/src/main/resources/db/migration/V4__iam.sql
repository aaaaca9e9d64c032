-- IAM identities of the account (users, groups, roles, managed and inline policies) and STS's temporary
-- credentials. Names are unique without regard to case, as in IAM (name_key holds the lower-cased name).
-- Secrets are stored sealed (AES-GCM under a key kept outside the database); session tokens only as SHA-256.

ALTER TABLE account_keys ADD COLUMN user_name VARCHAR(64);
ALTER TABLE account_keys ADD COLUMN status VARCHAR(16) NOT NULL DEFAULT 'Active';
ALTER TABLE account_keys ADD COLUMN last_used_at BIGINT;

CREATE TABLE iam_users (
    name_key    VARCHAR(64)   NOT NULL PRIMARY KEY,
    user_name   VARCHAR(64)   NOT NULL,
    user_id     VARCHAR(32)   NOT NULL UNIQUE,
    path        VARCHAR(512)  NOT NULL,
    arn         VARCHAR(1024) NOT NULL,
    tags_json   TEXT          NOT NULL,
    created_at  BIGINT        NOT NULL
);

CREATE TABLE iam_groups (
    name_key    VARCHAR(128)  NOT NULL PRIMARY KEY,
    group_name  VARCHAR(128)  NOT NULL,
    group_id    VARCHAR(32)   NOT NULL UNIQUE,
    path        VARCHAR(512)  NOT NULL,
    arn         VARCHAR(1024) NOT NULL,
    created_at  BIGINT        NOT NULL
);

CREATE TABLE iam_group_members (
    group_key   VARCHAR(128)  NOT NULL,
    user_key    VARCHAR(64)   NOT NULL,
    PRIMARY KEY (group_key, user_key)
);
CREATE INDEX iam_group_members_by_user ON iam_group_members (user_key);

CREATE TABLE iam_roles (
    name_key             VARCHAR(64)   NOT NULL PRIMARY KEY,
    role_name            VARCHAR(64)   NOT NULL,
    role_id              VARCHAR(32)   NOT NULL UNIQUE,
    path                 VARCHAR(512)  NOT NULL,
    arn                  VARCHAR(1024) NOT NULL,
    trust_policy         TEXT          NOT NULL,
    description          VARCHAR(1000),
    max_session_seconds  INTEGER       NOT NULL,
    tags_json            TEXT          NOT NULL,
    created_at           BIGINT        NOT NULL
);

CREATE TABLE iam_policies (
    arn             VARCHAR(1024) NOT NULL PRIMARY KEY,
    name_key        VARCHAR(128)  NOT NULL UNIQUE,
    policy_name     VARCHAR(128)  NOT NULL,
    policy_id       VARCHAR(32)   NOT NULL UNIQUE,
    path            VARCHAR(512)  NOT NULL,
    description     VARCHAR(1000),
    default_version VARCHAR(16)   NOT NULL,
    next_version    INTEGER       NOT NULL,
    tags_json       TEXT          NOT NULL,
    created_at      BIGINT        NOT NULL,
    updated_at      BIGINT        NOT NULL
);

CREATE TABLE iam_policy_versions (
    policy_arn  VARCHAR(1024) NOT NULL,
    version_id  VARCHAR(16)   NOT NULL,
    document    TEXT          NOT NULL,
    created_at  BIGINT        NOT NULL,
    PRIMARY KEY (policy_arn, version_id)
);

-- principal_kind: USER, GROUP or ROLE; principal_key: its name_key
CREATE TABLE iam_attached_policies (
    principal_kind VARCHAR(8)    NOT NULL,
    principal_key  VARCHAR(128)  NOT NULL,
    policy_arn     VARCHAR(1024) NOT NULL,
    PRIMARY KEY (principal_kind, principal_key, policy_arn)
);
CREATE INDEX iam_attached_policies_by_policy ON iam_attached_policies (policy_arn);

CREATE TABLE iam_inline_policies (
    principal_kind VARCHAR(8)    NOT NULL,
    principal_key  VARCHAR(128)  NOT NULL,
    name_key       VARCHAR(128)  NOT NULL,
    policy_name    VARCHAR(128)  NOT NULL,
    document       TEXT          NOT NULL,
    PRIMARY KEY (principal_kind, principal_key, name_key)
);

CREATE TABLE sts_sessions (
    access_key_id      VARCHAR(32)   NOT NULL PRIMARY KEY,
    secret_key         TEXT          NOT NULL,
    token_sha256       VARCHAR(64)   NOT NULL,
    role_key           VARCHAR(64)   NOT NULL,
    session_name       VARCHAR(64)   NOT NULL,
    principal_arn      VARCHAR(1024) NOT NULL,
    session_policy     TEXT,
    source_arn         VARCHAR(1024) NOT NULL,
    created_at         BIGINT        NOT NULL,
    expires_at         BIGINT        NOT NULL
);
CREATE INDEX sts_sessions_by_expiry ON sts_sessions (expires_at);
