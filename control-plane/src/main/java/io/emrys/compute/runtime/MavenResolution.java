package io.emrys.compute.runtime;

import org.eclipse.aether.ConfigurationProperties;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.collection.CollectResult;
import org.eclipse.aether.collection.DependencyCollectionException;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.Exclusion;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.resolution.ArtifactDescriptorPolicy;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.resolution.ResolutionErrorPolicy;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;
import org.eclipse.aether.util.repository.SimpleArtifactDescriptorPolicy;
import org.eclipse.aether.util.repository.SimpleResolutionErrorPolicy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Resolves a recipe's jars with Maven's resolver, as Maven itself resolves the runtime POMs (the Maven 3 session
 * defaults: nearest version wins, transitive test, provided and optional dependencies left out), with three
 * differences that suit a server: a missing or broken POM fails instead of silently dropping its dependencies,
 * failures are never cached (the next assembly asks again), and repositories declared inside third-party POMs are
 * ignored, so only the configured ones are contacted.
 */
final class MavenResolution
{
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    // the idle time allowed within one transfer, not the whole download of a large jar
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);

    private final Path localRepository;
    private final List<MavenRepository> remoteRepositories;
    private final boolean offline;
    private final ResolutionFailures failures;

    MavenResolution(Path localRepository, List<MavenRepository> remoteRepositories, boolean offline)
    {
        this.localRepository = requireNonNull(localRepository, "localRepository is null");
        this.remoteRepositories = List.copyOf(requireNonNull(remoteRepositories, "remoteRepositories is null"));
        this.offline = offline;
        this.failures = new ResolutionFailures(localRepository, this.remoteRepositories, offline);
    }

    /** The recipe's jars in runtime scope, in the resolver's graph order; throws RuntimeAssemblyException naming what failed. */
    List<ResolvedJar> resolve(RuntimeRecipe recipe)
    {
        // a repository system per assembly: assemblies are rare and long, and nothing is left to shut down between them
        RepositorySystem system = new RepositorySystemSupplier().get();
        try (RepositorySystemSession.CloseableSession session = newSession(system)) {
            CollectRequest request = new CollectRequest(
                    recipe.dependencies().stream().map(dependency -> toDependency(dependency, JavaScopes.COMPILE)).toList(),
                    List.of(),
                    remoteRepositories.stream().map(MavenResolution::toRemote).toList());
            // collect first (POMs only), so that a missing artifact fails before hundreds of MB of jars are fetched
            CollectResult collected = system.collectDependencies(session, request);
            DependencyRequest resolution = new DependencyRequest(collected.getRoot(), DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
            return system.resolveDependencies(session, resolution).getArtifactResults().stream()
                    .map(ArtifactResult::getArtifact)
                    .filter(artifact -> "jar".equals(artifact.getExtension()))
                    .map(MavenResolution::toResolvedJar)
                    .toList();
        }
        catch (DependencyCollectionException | DependencyResolutionException e) {
            throw failures.toException(recipe, e);
        }
        finally {
            system.shutdown();
        }
    }

    private RepositorySystemSession.CloseableSession newSession(RepositorySystem system)
    {
        return new SessionBuilderSupplier(system).get()
                .withLocalRepositoryBaseDirectories(localRepository)
                .setOffline(offline)
                // POM profiles activated by JDK or OS see this JVM, as under Maven
                .setSystemProperties(System.getProperties())
                .setIgnoreArtifactDescriptorRepositories(true)
                .setArtifactDescriptorPolicy(new SimpleArtifactDescriptorPolicy(ArtifactDescriptorPolicy.STRICT))
                .setResolutionErrorPolicy(new SimpleResolutionErrorPolicy(ResolutionErrorPolicy.CACHE_DISABLED))
                .setChecksumPolicy(RepositoryPolicy.CHECKSUM_POLICY_FAIL)
                .setConfigProperty(ConfigurationProperties.CONNECT_TIMEOUT, (int) CONNECT_TIMEOUT.toMillis())
                .setConfigProperty(ConfigurationProperties.REQUEST_TIMEOUT, (int) REQUEST_TIMEOUT.toMillis())
                .setConfigProperty(ConfigurationProperties.USER_AGENT, "Emrys")
                // record downloads under the bare repository id, as Maven 3 does (resolver 2 adds a hash of the URL),
                // so that the operator's own Maven still recognises them in the shared local repository
                .setConfigProperty(ConfigurationProperties.REPOSITORY_TRACKING_REPOSITORY_KEY_FUNCTION, "nid")
                .build();
    }

    private static Dependency toDependency(MavenDependency dependency, String scope)
    {
        List<Exclusion> exclusions = dependency.exclusions().stream()
                .map(exclusion -> exclusion.split(":", -1))
                .map(parts -> new Exclusion(parts[0], parts[1], "*", "*"))
                .toList();
        Artifact artifact = new DefaultArtifact(dependency.groupId(), dependency.artifactId(), "jar", dependency.version());
        return new Dependency(artifact, scope, false, exclusions);
    }

    private static RemoteRepository toRemote(MavenRepository repository)
    {
        return new RemoteRepository.Builder(repository.id(), "default", repository.url().toString()).build();
    }

    private static ResolvedJar toResolvedJar(Artifact artifact)
    {
        return new ResolvedJar(artifact.getGroupId(), artifact.getArtifactId(), artifact.getVersion(), artifact.getClassifier(), artifact.getPath());
    }
}
