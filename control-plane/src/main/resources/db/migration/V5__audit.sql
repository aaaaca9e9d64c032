-- The audit trail, in the spirit of CloudTrail: one row per API call (who, what, on which resource, from where,
-- allowed or denied and with which error), kept across restarts.
CREATE TABLE audit_events (
    event_id       INTEGER       PRIMARY KEY AUTOINCREMENT,
    event_time     BIGINT        NOT NULL,
    request_id     VARCHAR(64)   NOT NULL,
    event_source   VARCHAR(64)   NOT NULL,
    action         VARCHAR(128)  NOT NULL,
    resource       VARCHAR(2048) NOT NULL,
    principal_arn  VARCHAR(2048) NOT NULL,
    access_key_id  VARCHAR(32)   NOT NULL,
    source_ip      VARCHAR(64)   NOT NULL,
    decision       VARCHAR(8)    NOT NULL,
    error_code     VARCHAR(64)
);
CREATE INDEX audit_events_by_time ON audit_events (event_time);
CREATE INDEX audit_events_by_principal ON audit_events (principal_arn, event_time);
