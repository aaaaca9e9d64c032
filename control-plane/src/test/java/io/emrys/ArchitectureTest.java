package io.emrys;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.emrys.metering.WorkerDao;
import io.emrys.metering.WorkerRows;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The control plane's layering, held by the build rather than by convention. Top to bottom:
 * <ul>
 * <li>{@code server}: the composition root, may use everything and is used by nothing;</li>
 * <li>{@code api}: protocol codecs, SigV4 and the operation handlers;</li>
 * <li>edge adapters ({@code dashboard}, {@code logs}, {@code objectstore}): implement the ports that
 * {@code api} and the services declare (Dashboards, LogPublisher) and are wired only by the server;</li>
 * <li>resource services ({@code application}, {@code jobrun}, {@code session}, {@code tagging}, {@code cluster}: EMR (on EC2) clusters, {@code iam}: IAM's
 * identities and policies, STS's sessions and the access decisions made from them);</li>
 * <li>{@code workload}: what every kind of work with a driver shares (the one driver supervisor and launch
 * sequence), which sees the application's values like the pool below it;</li>
 * <li>{@code pool}: pre-initialized capacity and scaling, which sees the application's values and implements its
 * capacity port, but never its service or DAO;</li>
 * <li>{@code compute}, {@code gateway}, {@code metering}: processes, the Connect gateway, worker records;</li>
 * <li>{@code store}, then {@code error} and {@code common}.</li>
 * </ul>
 * {@code iam.policy}, the policy engine, stands outside the layers: it uses only the JDK and Jackson, so every layer may use it.
 */
class ArchitectureTest
{
    private static final List<String> RESOURCES = List.of("application", "jobrun", "session", "tagging", "iam", "audit", "cluster");

    // every other method of WorkerDao counts as a write, so a new write is covered before anyone lists it
    private static final Set<String> WORKER_DAO_READS = Set.of("forApplication", "forSession", "forRun", "all");

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses()
    {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.emrys");
    }

    @Test
    void lowerLayersNeverImportUpperOnes()
    {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Server").definedBy("io.emrys.server..")
                .layer("Api").definedBy("io.emrys.api..")
                .layer("Adapters").definedBy("io.emrys.dashboard..", "io.emrys.logs..", "io.emrys.objectstore..")
                .layer("Services").definedBy("io.emrys.application..", "io.emrys.jobrun..", "io.emrys.session..", "io.emrys.tagging..", "io.emrys.iam..", "io.emrys.audit..",
                        "io.emrys.cluster..")
                .layer("Workload").definedBy("io.emrys.workload..")
                .layer("Pool").definedBy("io.emrys.pool..")
                .layer("Compute").definedBy("io.emrys.compute..", "io.emrys.gateway..", "io.emrys.metering..")
                .layer("Store").definedBy("io.emrys.store..")
                .layer("Foundation").definedBy("io.emrys.error..", "io.emrys.common..")
                .whereLayer("Server").mayNotBeAccessedByAnyLayer()
                .whereLayer("Api").mayOnlyBeAccessedByLayers("Server", "Adapters")
                .whereLayer("Adapters").mayOnlyBeAccessedByLayers("Server", "Adapters")
                .whereLayer("Services").mayOnlyBeAccessedByLayers("Server", "Api", "Adapters")
                .whereLayer("Workload").mayOnlyBeAccessedByLayers("Server", "Services")
                .whereLayer("Pool").mayOnlyBeAccessedByLayers("Server", "Api", "Adapters", "Services", "Workload")
                .whereLayer("Compute").mayOnlyBeAccessedByLayers("Server", "Api", "Adapters", "Services", "Workload", "Pool")
                .whereLayer("Store").mayOnlyBeAccessedByLayers("Server", "Api", "Adapters", "Services", "Workload", "Pool", "Compute")
                // the pool places an application's work: it reads the application's values and implements its
                // ApplicationCapacity port, but never calls the application's service or persistence
                .ignoreDependency(resideInAnyPackage("io.emrys.pool..", "io.emrys.workload.."), resideInAPackage("io.emrys.application").and(describe("values and ports",
                        type -> !type.getSimpleName().endsWith("Service") && !type.getSimpleName().endsWith("Dao"))))
                // the policy engine sits under iam but is a library with no dependencies of its own (see the rule below)
                .ignoreDependency(describe("any class", type -> true), resideInAPackage("io.emrys.iam.policy.."))
                .check(classes);
    }

    @Test
    void thePolicyEngineUsesOnlyTheJdkAndJackson()
    {
        classes().that().resideInAPackage("io.emrys.iam.policy..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.emrys.iam.policy..", "java..", "com.fasterxml.jackson..")
                .because("any layer may evaluate a policy, so the engine may depend on none of them (no Armeria, no store, no api)")
                .check(classes);
    }

    @Test
    void onlyAResourcesOwnPackageAndTheServerTouchItsPersistence()
    {
        for (String resource : RESOURCES) {
            noClasses().that().resideOutsideOfPackages("io.emrys." + resource + "..", "io.emrys.server..")
                    .should().dependOnClassesThat(resideInAPackage("io.emrys." + resource + "..").and(describe("DAOs", type -> type.getSimpleName().endsWith("Dao"))))
                    .because("a resource's rows are written only through its own service")
                    .check(classes);
        }
    }

    @Test
    void onlyWorkerRowsWritesWorkerRecords()
    {
        noClasses().that().doNotBelongToAnyOf(WorkerRows.class, WorkerDao.class)
                .should().callMethodWhere(describe("a write of WorkerDao (any method but " + WORKER_DAO_READS + ")",
                        (JavaMethodCall call) -> call.getTargetOwner().isEquivalentTo(WorkerDao.class) && !WORKER_DAO_READS.contains(call.getName())))
                .because("every worker record's start and end goes through io.emrys.metering.WorkerRows, inside the caller's transaction or its own")
                .check(classes);
    }

    @Test
    void resourceServicesDependOnlyOnTheApplicationAndTagsTheyBelongTo()
    {
        noClasses().that().resideInAPackage("io.emrys.jobrun..").should().dependOnClassesThat().resideInAPackage("io.emrys.session..").check(classes);
        noClasses().that().resideInAPackage("io.emrys.session..").should().dependOnClassesThat().resideInAPackage("io.emrys.jobrun..").check(classes);
        noClasses().that().resideInAnyPackage("io.emrys.application..", "io.emrys.tagging..")
                .should().dependOnClassesThat().resideInAnyPackage("io.emrys.jobrun..", "io.emrys.session..")
                .check(classes);
        noClasses().that().resideInAPackage("io.emrys.tagging..").should().dependOnClassesThat().resideInAPackage("io.emrys.application..").check(classes);
    }

    @Test
    void packagesHaveNoCycles()
    {
        slices().matching("io.emrys.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void computeSubpackagesHaveNoCycles()
    {
        slices().matching("io.emrys.compute.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void computeSubpackagesAreLayered()
    {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Cluster").definedBy("io.emrys.compute.cluster..")
                .layer("Nodes").definedBy("io.emrys.compute.nodes..")
                .layer("Warm").definedBy("io.emrys.compute.warm..")
                .layer("Connect").definedBy("io.emrys.compute.connect..")
                .layer("Standalone").definedBy("io.emrys.compute.standalone..")
                .layer("Driver").definedBy("io.emrys.compute.driver..")
                .layer("Settings").definedBy("io.emrys.compute.runtime..", "io.emrys.compute.config..")
                .whereLayer("Cluster").mayNotBeAccessedByAnyLayer()
                // an EMR cluster's master, workers and step drivers: its own port, beside the serverless cluster manager
                .whereLayer("Nodes").mayNotBeAccessedByAnyLayer()
                .whereLayer("Warm").mayOnlyBeAccessedByLayers("Cluster")
                .whereLayer("Connect").mayOnlyBeAccessedByLayers("Cluster", "Warm")
                .whereLayer("Standalone").mayOnlyBeAccessedByLayers("Cluster")
                .whereLayer("Driver").mayOnlyBeAccessedByLayers("Cluster", "Warm", "Connect", "Standalone", "Nodes")
                .check(classes);
        noClasses().that().resideInAPackage("io.emrys.compute.runtime..").should().dependOnClassesThat().resideInAPackage("io.emrys.compute.config..").check(classes);
        noClasses().that().resideInAPackage("io.emrys.compute.config..").should().dependOnClassesThat().resideInAPackage("io.emrys.compute.runtime..").check(classes);
    }

    @Test
    void workReachesLaunchersOnlyThroughTheClusterManager()
    {
        noClasses().that().resideOutsideOfPackages("io.emrys.compute..", "io.emrys.server..")
                .should().dependOnClassesThat(resideInAPackage("io.emrys.compute..").and(describe("launchers, log archiving and the local implementation",
                        type -> type.getSimpleName().endsWith("Launcher")
                                || type.getSimpleName().equals("LogArchiver") || type.getSimpleName().equals("LocalProcessCluster")
                                || type.getSimpleName().equals("LocalClusterNodes"))))
                .because("drivers and executors run wherever the ClusterManager puts them; only the server picks the implementation")
                .check(classes);
    }

    @Test
    void theControlPlaneNeverSeesSpark()
    {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.apache.spark..")
                .because("Spark runs in child JVMs from runtime folders, never on the control plane's classpath")
                .check(classes);
    }
}
