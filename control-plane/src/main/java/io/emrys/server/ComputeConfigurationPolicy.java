package io.emrys.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.application.ApplicationConfiguration;
import io.emrys.application.ConfigurationPolicy;
import io.emrys.compute.runtime.ReleaseFeature;
import io.emrys.compute.runtime.ReleaseLabel;
import io.emrys.compute.runtime.RuntimeAssembler;
import io.emrys.compute.runtime.RuntimeCatalog;
import io.emrys.compute.runtime.RuntimeRecipe;
import io.emrys.jobrun.SchedulerDefaults;
import io.emrys.jobrun.SparkJobRunDrivers;
import io.emrys.pool.WorkerSizes;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import static java.util.Objects.requireNonNull;

/**
 * What compute says of an application's configuration: whether its label, classifications and worker sizes can be
 * served, the defaults its release label turns on, the runtime it needs (assembled on demand when the build did not
 * prebuild it), and the note a pinned label carries.
 */
final class ComputeConfigurationPolicy
        implements ConfigurationPolicy
{
    private final RuntimeCatalog runtimes;
    private final SparkJobRunDrivers jobRunDrivers;
    private final RuntimeAssembler assembler;
    private final Executor assembly;

    /** @param assembly runs assemblies: each downloads and links hundreds of jars, so never on a request thread */
    ComputeConfigurationPolicy(RuntimeCatalog runtimes, SparkJobRunDrivers jobRunDrivers, RuntimeAssembler assembler, Executor assembly)
    {
        this.runtimes = requireNonNull(runtimes, "runtimes is null");
        this.jobRunDrivers = requireNonNull(jobRunDrivers, "jobRunDrivers is null");
        this.assembler = requireNonNull(assembler, "assembler is null");
        this.assembly = requireNonNull(assembly, "assembly is null");
    }

    @Override
    public void requireServable(ApplicationConfiguration configuration)
    {
        jobRunDrivers.validateApplication(configuration);
        WorkerSizes.validate(configuration);
    }

    /** From emr-7.3.0 on, a new application without a schedulerConfiguration gets AWS's default one. */
    @Override
    public ApplicationConfiguration withReleaseDefaults(ApplicationConfiguration configuration)
    {
        ReleaseLabel release = runtimes.releaseLabel(configuration.releaseLabel());
        if (!runtimes.releases().supports(release, ReleaseFeature.JOB_QUEUING_BY_DEFAULT) || configuration.document().has("schedulerConfiguration")) {
            return configuration;
        }
        ObjectNode document = configuration.document().deepCopy();
        document.putObject("schedulerConfiguration").put("maxConcurrentRuns", SchedulerDefaults.MAX_CONCURRENT_RUNS)
                .put("queueTimeoutMinutes", SchedulerDefaults.QUEUE_TIMEOUT_MINUTES);
        return ApplicationConfiguration.fromStored(document);
    }

    @Override
    public boolean runtimeReady(ApplicationConfiguration configuration)
    {
        return runtimes.installed(configuration.releaseLabel()).isPresent();
    }

    /** Assembles the label's runtime into the server's runtime cache, where the catalog then finds it. */
    @Override
    public CompletableFuture<Void> prepareRuntime(ApplicationConfiguration configuration)
    {
        RuntimeRecipe recipe = runtimes.recipe(configuration.releaseLabel());
        return CompletableFuture.runAsync(() -> assembler.assemble(recipe), assembly);
    }

    @Override
    public Optional<String> releaseNote(ApplicationConfiguration configuration)
    {
        return runtimes.pinNote(configuration.releaseLabel());
    }
}
