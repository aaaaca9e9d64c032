package io.emrys.dashboard;

import static java.util.Objects.requireNonNull;

import io.emrys.common.SessionId;
import io.emrys.session.Session;
import io.emrys.session.SessionState;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds the UI of a session by its dashboard id ({@link Session#dashboardId()}: {@code <sessionId>-1}, the form of a
 * job run's first attempt, so both share the dashboard's paths): live while the session's driver runs, from its
 * event log once it has ended.
 */
public final class SessionUiLookup
        implements Function<String, Optional<RunUi>>
{
    private static final String SUFFIX = "-1";

    private final Function<SessionId, Optional<Session>> sessions;

    /** @param sessions a session by id ({@code SessionService::find}) */
    public SessionUiLookup(Function<SessionId, Optional<Session>> sessions)
    {
        this.sessions = requireNonNull(sessions, "sessions is null");
    }

    @Override
    public Optional<RunUi> apply(String dashboardId)
    {
        if (!dashboardId.endsWith(SUFFIX)) {
            return Optional.empty();
        }
        String id = dashboardId.substring(0, dashboardId.length() - SUFFIX.length());
        if (id.isEmpty() || !id.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))) {
            return Optional.empty();
        }
        return sessions.apply(new SessionId(id)).map(SessionUiLookup::ui);
    }

    private static RunUi ui(Session session)
    {
        if ((session.state().isConnectable() || session.state() == SessionState.TERMINATING) && session.uiPort().isPresent()) {
            return new RunUi.Live(session.uiPort().get());
        }
        if (session.state().isTerminal() && session.workDir().isPresent()) {
            return RunUi.Ended.ofWorkDir(Path.of(session.workDir().get()));
        }
        return new RunUi.Unavailable("The session's Spark UI is not available yet", true);
    }
}
