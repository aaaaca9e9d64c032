package io.emrys.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/** The {@code audit_events} table. */
public final class AuditDao
{
    void insert(Handle handle, List<AuditEvent> events)
    {
        PreparedBatch batch = handle.prepareBatch("""
                INSERT INTO audit_events (event_time, request_id, event_source, action, resource, principal_arn, access_key_id, source_ip, decision, error_code)
                VALUES (:time, :requestId, :source, :action, :resource, :principal, :key, :ip, :decision, :error)""");
        for (AuditEvent event : events) {
            batch.bind("time", event.eventTime().toEpochMilli()).bind("requestId", event.requestId()).bind("source", event.eventSource())
                    .bind("action", event.action()).bind("resource", event.resource()).bind("principal", event.principalArn())
                    .bind("key", event.accessKeyId()).bind("ip", event.sourceIp()).bind("decision", event.allowed() ? "ALLOWED" : "DENIED")
                    .bind("error", event.errorCode().orElse(null))
                    .add();
        }
        batch.execute();
    }

    public List<AuditEvent> query(Handle handle, AuditFilter filter)
    {
        List<String> where = new ArrayList<>();
        filter.principalArn().ifPresent(arn -> where.add("principal_arn = :principal"));
        filter.action().ifPresent(action -> where.add("action = :action"));
        filter.since().ifPresent(since -> where.add("event_time >= :since"));
        if (filter.deniedOnly()) {
            where.add("decision = 'DENIED'");
        }
        String sql = "SELECT * FROM audit_events" + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY event_id DESC LIMIT :limit";
        Query query = handle.createQuery(sql).bind("limit", filter.limit());
        filter.principalArn().ifPresent(arn -> query.bind("principal", arn));
        filter.action().ifPresent(action -> query.bind("action", action));
        filter.since().ifPresent(since -> query.bind("since", since.toEpochMilli()));
        return query.map((rs, ctx) -> new AuditEvent(Instant.ofEpochMilli(rs.getLong("event_time")), rs.getString("request_id"), rs.getString("event_source"),
                        rs.getString("action"), rs.getString("resource"), rs.getString("principal_arn"), rs.getString("access_key_id"),
                        rs.getString("source_ip"), rs.getString("decision").equals("ALLOWED"), Optional.ofNullable(rs.getString("error_code"))))
                .list();
    }
}
