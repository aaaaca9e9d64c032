package io.emrys.application;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.common.Account;
import io.emrys.common.AccountQuotas;
import io.emrys.common.ApplicationId;
import io.emrys.common.Fingerprint;
import io.emrys.common.Page;
import io.emrys.common.ResourceIds;
import io.emrys.error.EmrysException;
import io.emrys.error.ErrorCode;
import io.emrys.store.IdempotencyTokens;
import io.emrys.store.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Applications: creation, configuration and lifecycle (start, stop, auto-stop, delete).
 *
 * <p>Every change is decided and committed in one {@link Transactions#write} and only then applied to the
 * in-memory view that reads are served from. Listeners hear of state changes after the commit, outside the
 * write, so a listener may start or stop processes without holding up other writers.
 */
public final class ApplicationService
{
    private static final String CREATE_SCOPE = "CreateApplication";
    private static final Set<String> SUPPORTED_TYPES = Set.of("SPARK");

    private final Account account;
    private final Transactions transactions;
    private final ApplicationDao dao;
    private final IdempotencyTokens tokens;
    private final ResourceIds ids;
    private final Clock clock;
    private final ConfigurationPolicy policy;
    private final int applicationQuota;
    private final Map<ApplicationId, Application> view = new ConcurrentHashMap<>();
    private final List<Consumer<Application>> listeners = new CopyOnWriteArrayList<>();
    private volatile ApplicationActivity activity = applicationId -> false;
    private volatile ApplicationCapacity capacity = ApplicationCapacity.NONE;

    public ApplicationService(Account account, Transactions transactions, ApplicationDao dao, IdempotencyTokens tokens,
            ResourceIds ids, Clock clock, ConfigurationPolicy policy, AccountQuotas quotas)
    {
        this.account = requireNonNull(account, "account is null");
        this.transactions = requireNonNull(transactions, "transactions is null");
        this.dao = requireNonNull(dao, "dao is null");
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.ids = requireNonNull(ids, "ids is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.policy = requireNonNull(policy, "policy is null");
        this.applicationQuota = requireNonNull(quotas, "quotas is null").applications();
        transactions.read(handle -> dao.all(handle)).forEach(application -> view.put(application.id(), application));
    }

    /** Wired after construction because the job-run service, which knows about live work, depends on this one. */
    public void setActivity(ApplicationActivity activity)
    {
        this.activity = requireNonNull(activity, "activity is null");
    }

    /** Wired after construction because compute, which holds the warm workers, is built after this service. */
    public void setCapacity(ApplicationCapacity capacity)
    {
        this.capacity = requireNonNull(capacity, "capacity is null");
    }

    public void addListener(Consumer<Application> listener)
    {
        listeners.add(requireNonNull(listener, "listener is null"));
    }

    public Application create(ObjectNode input, String clientToken)
    {
        requireNonNull(input, "input is null");
        requireNonNull(clientToken, "clientToken is null");
        ApplicationConfiguration configuration = ApplicationConfiguration.forCreate(input);
        checkConfiguration(configuration);
        configuration = policy.withReleaseDefaults(configuration);
        ApplicationConfiguration stored = configuration;
        ApplicationState initial = policy.runtimeReady(stored) ? ApplicationState.CREATED : ApplicationState.CREATING;
        String fingerprint = Fingerprint.of(configuration.document());
        Application result = transactions.locked(() -> {
            Application created = transactions.write(handle -> {
            Optional<String> earlier = tokens.earlierResource(handle, CREATE_SCOPE, clientToken, fingerprint, "CreateApplication");
            if (earlier.isPresent()) {
                return dao.find(handle, new ApplicationId(earlier.get())).orElseThrow();
            }
            // under the store's lock, so two creations cannot both take the last place
            long live = view.values().stream().filter(application -> application.state() != ApplicationState.TERMINATED).count();
            if (live >= applicationQuota) {
                throw new EmrysException(ErrorCode.SERVICE_QUOTA_EXCEEDED, ("The account already has %d applications, the most its quota allows; "
                        + "delete one first").formatted(live));
            }
            Instant now = clock.instant();
            ApplicationId id = new ApplicationId(ids.next());
            Application application = new Application(id, account.applicationArn(id.value()), initial,
                    Optional.empty(), stored, now, now, now);
            dao.insert(handle, application);
            tokens.record(handle, CREATE_SCOPE, clientToken, fingerprint, id.value(), now);
            return application;
            });
            view.put(created.id(), created);
            return created;
        });
        if (result.state() == ApplicationState.CREATING) {
            prepareRuntime(result);
        }
        return result;
    }

    /** CREATING until the label's runtime is ready, then CREATED; TERMINATED, saying why, when it cannot be had. */
    private void prepareRuntime(Application application)
    {
        policy.prepareRuntime(application.configuration()).whenComplete((ignored, failure) -> change(application.id(), current -> {
            if (current.state() != ApplicationState.CREATING) {
                return current;
            }
            if (failure == null) {
                return current.withState(ApplicationState.CREATED, Optional.empty(), clock.instant());
            }
            Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            return current.withState(ApplicationState.TERMINATED, Optional.of("The runtime of release label %s could not be prepared: %s"
                    .formatted(current.configuration().releaseLabel(), cause.getMessage())), clock.instant());
        }));
    }

    /** The stateDetails GetApplication shows: the state's own details, then what the server says of the release label. */
    public Optional<String> stateDetails(Application application)
    {
        Optional<String> note = policy.releaseNote(application.configuration());
        if (application.stateDetails().isPresent() && note.isPresent()) {
            return Optional.of(application.stateDetails().get() + ". " + note.get());
        }
        return application.stateDetails().or(() -> note);
    }

    public Application get(ApplicationId id)
    {
        Application application = view.get(id);
        if (application == null) {
            throw EmrysException.notFound("Application " + id + " does not exist");
        }
        return application;
    }

    public Optional<Application> find(ApplicationId id)
    {
        return Optional.ofNullable(view.get(id));
    }

    /** Whether an ARN names an application that has not been deleted (for tagging). */
    public boolean isLiveArn(String arn)
    {
        return view.values().stream().anyMatch(application -> application.arn().equals(arn) && !application.state().isTerminal());
    }

    public Page<Application> list(Set<ApplicationState> states, Optional<String> nextToken, Optional<Integer> maxResults)
    {
        List<Application> matching = new ArrayList<>(view.values().stream()
                .filter(application -> states.isEmpty() || states.contains(application.state()))
                .toList());
        matching.sort(Comparator.comparing(ApplicationService::sortKey));
        return Page.of(matching, ApplicationService::sortKey, nextToken, maxResults);
    }

    public Application update(ApplicationId id, ObjectNode changes)
    {
        return change(id, current -> {
            requireModifiable(current);
            ApplicationConfiguration configuration = current.configuration().withUpdate(changes);
            checkConfiguration(configuration);
            return current.withConfiguration(configuration, clock.instant());
        });
    }

    public Application delete(ApplicationId id)
    {
        return change(id, current -> {
            requireModifiable(current);
            return current.withState(ApplicationState.TERMINATED, Optional.of("Application was deleted"), clock.instant());
        });
    }

    /**
     * Starts an application. Starting one that is already starting or started is a no-op, as on AWS. The
     * application is STARTING while its pre-initialized capacity warms up and STARTED once it is ready; without
     * pre-initialized capacity both transitions happen here. Either way both are recorded.
     */
    public Application start(ApplicationId id)
    {
        Application current = get(id);
        if (current.state() == ApplicationState.STARTED || current.state() == ApplicationState.STARTING) {
            return current;
        }
        Application starting = change(id, application -> {
            requireState(application, Set.of(ApplicationState.CREATED, ApplicationState.STOPPED), "started");
            capacity.checkQuota(application);
            return application.withState(ApplicationState.STARTING, Optional.empty(), clock.instant()).withActivity(clock.instant());
        });
        CompletableFuture<Optional<String>> warm = capacity.warmUp(starting);
        if (warm.isDone()) {
            return markStarted(id, warm.getNow(Optional.empty()));
        }
        warm.whenComplete((note, failure) -> {
            try {
                markStarted(id, failure == null ? note : Optional.of("Pre-initialized capacity could not be started: " + failure.getMessage()));
            }
            catch (RuntimeException e) {
                // deleted or stopped meanwhile: nothing to mark
            }
        });
        return starting;
    }

    private Application markStarted(ApplicationId id, Optional<String> note)
    {
        return change(id, application -> application.state() == ApplicationState.STARTING
                ? application.withState(ApplicationState.STARTED, note, clock.instant())
                : application);
    }

    /**
     * After a control plane restart: applications that were starting or started get their pre-initialized
     * capacity warmed up again (starting ones become STARTED when it is ready), and stopping ones finish stopping.
     */
    public void recover()
    {
        for (Application application : List.copyOf(view.values())) {
            switch (application.state()) {
                case STARTING -> capacity.warmUp(application).whenComplete((note, failure) -> markStarted(application.id(),
                        failure == null ? note : Optional.of("Pre-initialized capacity could not be started: " + failure.getMessage())));
                case STARTED -> capacity.warmUp(application);
                case STOPPING -> capacity.release(application.id()).whenComplete((ignored, failure) -> markStopped(application.id()));
                case CREATING -> prepareRuntime(application);
                default -> {
                    // nothing runs for created, stopped or deleted applications
                }
            }
        }
    }

    /**
     * Auto-start for arriving work (a job run or a session): starts the application if it is CREATED or STOPPED,
     * and returns it as it is now. The caller has checked that auto-start is allowed.
     */
    public Application startForWork(ApplicationId id)
    {
        Application current = get(id);
        if (current.state() == ApplicationState.CREATED || current.state() == ApplicationState.STOPPED) {
            return start(id);
        }
        return current;
    }

    /**
     * Stops an application: STOPPING while its worker processes are released, then STOPPED. Without processes
     * both happen here; otherwise STOPPED follows once they are gone.
     */
    public Application stop(ApplicationId id)
    {
        Application current = get(id);
        if (current.state() == ApplicationState.STOPPED || current.state() == ApplicationState.CREATED) {
            return current;
        }
        Application stopping = change(id, application -> {
            requireState(application, Set.of(ApplicationState.STARTED, ApplicationState.STARTING), "stopped");
            if (activity.hasLiveWork(id)) {
                throw EmrysException.validation("Application " + id + " has job runs that have not finished; cancel them or wait for them before stopping it");
            }
            return application.withState(ApplicationState.STOPPING, Optional.empty(), clock.instant());
        });
        CompletableFuture<Void> released = capacity.release(id);
        if (released.isDone()) {
            return markStopped(id);
        }
        released.whenComplete((ignored, failure) -> markStopped(id));
        return stopping;
    }

    private Application markStopped(ApplicationId id)
    {
        return change(id, application -> application.state() == ApplicationState.STOPPING
                ? application.withState(ApplicationState.STOPPED, Optional.empty(), clock.instant())
                : application);
    }

    /** Notes that work started or ended on an application, which resets its auto-stop idle time. */
    public void recordActivity(ApplicationId id)
    {
        change(id, application -> application.withActivity(clock.instant()));
    }

    /**
     * Stops every started application that has had no live work for its auto-stop idle timeout. Called
     * periodically by the server, and directly by tests with a moved clock.
     */
    public List<ApplicationId> stopIdleApplications()
    {
        Instant now = clock.instant();
        List<ApplicationId> stopped = new ArrayList<>();
        for (Application application : view.values()) {
            if (application.state() != ApplicationState.STARTED || activity.hasLiveWork(application.id())) {
                continue;
            }
            Optional<java.time.Duration> timeout = application.configuration().autoStopIdleTimeout();
            if (timeout.isPresent() && !application.lastActivityAt().plus(timeout.get()).isAfter(now)) {
                try {
                    stop(application.id());
                    stopped.add(application.id());
                }
                catch (EmrysException e) {
                    // work arrived between the check and the stop: the application is busy again, which is fine
                }
            }
        }
        return stopped;
    }

    private Application change(ApplicationId id, java.util.function.UnaryOperator<Application> decision)
    {
        // Commit and view update under one lock, so the view never applies two commits out of order.
        Application[] previous = new Application[1];
        Application changed = transactions.locked(() -> {
            Application next = transactions.write(handle -> {
                Application current = dao.find(handle, id)
                        .orElseThrow(() -> EmrysException.notFound("Application " + id + " does not exist"));
                Application decided = decision.apply(current);
                dao.update(handle, decided);
                return decided;
            });
            previous[0] = view.put(id, next);
            return next;
        });
        if (previous[0] == null || previous[0].state() != changed.state()) {
            listeners.forEach(listener -> listener.accept(changed));
        }
        return changed;
    }

    private void checkConfiguration(ApplicationConfiguration configuration)
    {
        String type = configuration.type();
        if ("HIVE".equalsIgnoreCase(type)) {
            throw EmrysException.validation("Application type HIVE is not supported by Emrys yet: Emrys cannot run Hive jobs. Use type SPARK");
        }
        if (!SUPPORTED_TYPES.contains(type.toUpperCase(java.util.Locale.ROOT))) {
            throw EmrysException.validation("Unsupported application type '" + type + "'. Supported types: SPARK");
        }
        policy.requireServable(configuration);
    }

    private static void requireModifiable(Application application)
    {
        if (!application.state().isModifiable()) {
            throw EmrysException.validation("Application %s must be in one of the following statuses [CREATED, STOPPED]. Current status: %s"
                    .formatted(application.id(), application.state()));
        }
    }

    private static void requireState(Application application, Set<ApplicationState> allowed, String verb)
    {
        if (!allowed.contains(application.state())) {
            throw EmrysException.validation("Application %s cannot be %s in state %s".formatted(application.id(), verb, application.state()));
        }
    }

    private static String sortKey(Application application)
    {
        return "%020d:%s".formatted(application.createdAt().toEpochMilli(), application.id().value());
    }
}
