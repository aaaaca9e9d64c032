package io.emrys.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.audit.AuditDao;
import io.emrys.audit.AuditEvent;
import io.emrys.audit.AuditFilter;
import io.emrys.store.Database;
import io.emrys.store.Transactions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code emrys admin audit}: the audit trail of a data folder, newest first, one JSON object per line (as CloudTrail's
 * lookup prints events). Reads the database beside a running server (SQLite's WAL lets readers in while it writes).
 */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Prints the audit trail: every API call with who, action, resource, source and decision.")
final class AuditCommand
        implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", description = "The server's data folder (default: ./.emrys).")
    Path dataDir = Path.of(".emrys");

    @Option(names = "--principal", description = "Only calls by this principal ARN.")
    String principal;

    @Option(names = "--action", description = "Only this action, e.g. emr-serverless:StartJobRun.")
    String action;

    @Option(names = "--denied", description = "Only denied calls.")
    boolean denied;

    @Option(names = "--since", description = "Only calls at or after this time (ISO-8601, e.g. 2026-12-03T10:00:00Z).")
    Instant since;

    @Option(names = "--limit", description = "At most this many events (default: ${DEFAULT-VALUE}).")
    int limit = 100;

    @Override
    public Integer call()
    {
        Path database = dataDir.resolve("emrys.db");
        if (!Files.exists(database)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "No Emrys database in " + dataDir.toAbsolutePath());
        }
        if (limit < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be positive: " + limit);
        }
        AuditFilter filter = new AuditFilter(Optional.ofNullable(principal), Optional.ofNullable(action), denied, Optional.ofNullable(since), limit);
        List<AuditEvent> events = new Transactions(Database.openSqlite(database)).read(handle -> new AuditDao().query(handle, filter));
        ObjectMapper json = new ObjectMapper();
        PrintWriter out = spec.commandLine().getOut();
        for (AuditEvent event : events) {
            ObjectNode line = json.createObjectNode()
                    .put("eventTime", event.eventTime().toString())
                    .put("eventSource", event.eventSource())
                    .put("action", event.action())
                    .put("resource", event.resource())
                    .put("principalArn", event.principalArn())
                    .put("accessKeyId", event.accessKeyId())
                    .put("sourceIPAddress", event.sourceIp())
                    .put("decision", event.allowed() ? "ALLOWED" : "DENIED")
                    .put("requestId", event.requestId());
            event.errorCode().ifPresent(code -> line.put("errorCode", code));
            out.println(line);
        }
        out.flush();
        return 0;
    }
}
