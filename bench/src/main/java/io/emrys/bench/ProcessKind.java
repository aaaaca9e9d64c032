package io.emrys.bench;

import static java.util.Objects.requireNonNull;

/** The kinds of JVM in the control plane's process tree whose memory the capacity report gives, in report order. */
enum ProcessKind
{
    CONTROL_PLANE("control plane (`emrys server`)"),
    WARM_DRIVER("warm driver (work dir under `<data>/pool/`; ready or assigned)"),
    JOB_DRIVER("job driver started on demand (`SparkSubmit`)"),
    CONNECT_DRIVER("session driver started on demand (`SparkConnectServer`)"),
    STANDALONE_HOST("standalone master + worker host (`io.emrys.agent.StandaloneHost`)"),
    EXECUTOR("executor (`CoarseGrainedExecutorBackend`)"),
    OTHER_JVM("other JVM");

    private final String label;

    ProcessKind(String label)
    {
        this.label = requireNonNull(label, "label is null");
    }

    String label()
    {
        return label;
    }
}
