package io.emrys.application;

import java.util.Set;

/** The lifecycle of an application, as AWS documents it. */
public enum ApplicationState
{
    /** Being created; Emrys passes through it within the CreateApplication transaction. */
    CREATING,
    /** Created and holding no compute; accepts updates, deletion, and (with auto-start) job runs. */
    CREATED,
    /** Its compute is being brought up. */
    STARTING,
    /** Its compute is up; job runs are accepted and scheduled. */
    STARTED,
    /** Releasing its compute; new job runs are refused. */
    STOPPING,
    /** No compute; like CREATED, accepts updates, deletion and auto-started job runs. */
    STOPPED,
    /** Deleted. Terminal: kept as a tombstone so the id never comes back. */
    TERMINATED;

    private static final Set<ApplicationState> MODIFIABLE = Set.of(CREATED, STOPPED);

    public boolean isTerminal()
    {
        return this == TERMINATED;
    }

    /** UpdateApplication and DeleteApplication are allowed only in these states. */
    public boolean isModifiable()
    {
        return MODIFIABLE.contains(this);
    }
}
