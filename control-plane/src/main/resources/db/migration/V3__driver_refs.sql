-- A driver is named by an opaque ref that only its cluster manager reads (local processes: 'local-process:<pid>'),
-- so that drivers can run somewhere other than this machine. Rows written by an older control plane keep their
-- driver_pid and get the equivalent ref, so their drivers are re-adopted after the upgrade. driver_pid stays (unused)
-- so that the migration is only additive.
ALTER TABLE job_run_attempts ADD COLUMN driver_ref TEXT;
UPDATE job_run_attempts SET driver_ref = 'local-process:' || driver_pid WHERE driver_pid IS NOT NULL;

ALTER TABLE sessions ADD COLUMN driver_ref TEXT;
UPDATE sessions SET driver_ref = 'local-process:' || driver_pid WHERE driver_pid IS NOT NULL;
