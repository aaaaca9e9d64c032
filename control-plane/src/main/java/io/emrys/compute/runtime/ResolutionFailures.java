package io.emrys.compute.runtime;

import org.eclipse.aether.collection.DependencyCollectionException;
import org.eclipse.aether.resolution.ArtifactDescriptorException;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.transfer.ArtifactNotFoundException;
import org.eclipse.aether.transfer.ArtifactTransferException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Turns the resolver's exceptions into one sentence per unresolved artifact. The resolver nests its results
 * (a dependency result holds collection failures, which hold POM failures, which hold artifact results); the
 * artifact results at the bottom say which artifact failed in which repository, so they are what is reported.
 */
final class ResolutionFailures
{
    private static final int MORE_NAMED = 3;

    private final Path localRepository;
    private final List<MavenRepository> remoteRepositories;
    private final boolean offline;

    ResolutionFailures(Path localRepository, List<MavenRepository> remoteRepositories, boolean offline)
    {
        this.localRepository = requireNonNull(localRepository, "localRepository is null");
        this.remoteRepositories = List.copyOf(requireNonNull(remoteRepositories, "remoteRepositories is null"));
        this.offline = offline;
    }

    RuntimeAssemblyException toException(RuntimeRecipe recipe, Exception failure)
    {
        // artifact (groupId:artifactId:extension:version) to why, first failure first
        Map<String, String> reasons = new LinkedHashMap<>();
        collect(failure, reasons, Collections.newSetFromMap(new IdentityHashMap<>()));
        String prefix = "Cannot assemble the runtime for " + recipe + ": ";
        if (reasons.isEmpty()) {
            return new RuntimeAssemblyException(prefix + failure.getMessage(), List.of(), failure);
        }
        // the resolver reads POMs in parallel, so its order varies: report in the recipe's order, transitive ones last
        List<String> unresolved = reasons.keySet().stream().sorted(Comparator.comparingInt(artifact -> rank(recipe, artifact))).toList();
        String message = prefix + unresolved.get(0) + " " + reasons.get(unresolved.get(0));
        if (unresolved.size() > 1) {
            // an empty local repository offline fails every direct dependency: name a few, unresolved() has them all
            List<String> others = unresolved.subList(1, unresolved.size());
            String named = String.join(", ", others.subList(0, Math.min(others.size(), MORE_NAMED))) + (others.size() > MORE_NAMED ? ", ..." : "");
            message += " (%d more unresolved: %s)".formatted(others.size(), named);
        }
        return new RuntimeAssemblyException(message, unresolved, failure);
    }

    /** The position of the recipe's dependency that {@code artifact} ({@code groupId:artifactId:extension[:classifier]:version}) is. */
    private static int rank(RuntimeRecipe recipe, String artifact)
    {
        String[] parts = artifact.split(":");
        List<MavenDependency> dependencies = recipe.dependencies();
        for (int index = 0; index < dependencies.size(); index++) {
            MavenDependency dependency = dependencies.get(index);
            if (dependency.groupId().equals(parts[0]) && dependency.artifactId().equals(parts[1]) && dependency.version().equals(parts[parts.length - 1])) {
                return index;
            }
        }
        return Integer.MAX_VALUE;
    }

    private void collect(Throwable failure, Map<String, String> reasons, Set<Throwable> seen)
    {
        if (failure == null || !seen.add(failure)) {
            return;
        }
        if (failure instanceof DependencyResolutionException resolution) {
            resolution.getResult().getCollectExceptions().forEach(exception -> collect(exception, reasons, seen));
            resolution.getResult().getArtifactResults().forEach(result -> add(result, reasons));
        }
        else if (failure instanceof DependencyCollectionException collection) {
            collection.getResult().getExceptions().forEach(exception -> collect(exception, reasons, seen));
        }
        else if (failure instanceof ArtifactDescriptorException descriptor) {
            descriptor.getResult().getExceptions().forEach(exception -> collect(exception, reasons, seen));
        }
        else if (failure instanceof ArtifactResolutionException artifacts) {
            artifacts.getResults().forEach(result -> add(result, reasons));
        }
        // a parent POM that cannot be resolved is reported as a model problem whose cause is the resolution failure
        collect(failure.getCause(), reasons, seen);
    }

    private void add(ArtifactResult result, Map<String, String> reasons)
    {
        if (result.isResolved()) {
            return;
        }
        reasons.putIfAbsent(result.getRequest().getArtifact().toString(), reason(result.getExceptions()));
    }

    private String reason(List<Exception> exceptions)
    {
        if (offline) {
            return "is not in the local repository %s and the server runs with --offline".formatted(localRepository);
        }
        List<ArtifactTransferException> transfers = new ArrayList<>();
        for (Exception exception : exceptions) {
            if (exception instanceof ArtifactTransferException transfer && !(exception instanceof ArtifactNotFoundException)) {
                transfers.add(transfer);
            }
        }
        if (!transfers.isEmpty()) {
            ArtifactTransferException transfer = transfers.get(0);
            String repository = Objects.requireNonNullElseGet(describe(transfer), () -> remoteRepositories.toString());
            return "could not be downloaded from %s: %s".formatted(repository, rootCause(transfer));
        }
        String searched = exceptions.stream()
                .filter(ArtifactTransferException.class::isInstance)
                .map(exception -> describe((ArtifactTransferException) exception))
                .filter(Objects::nonNull)
                .distinct()
                .collect(Collectors.joining(", "));
        if (searched.isEmpty()) {
            searched = remoteRepositories.stream().map(MavenRepository::toString).collect(Collectors.joining(", "));
        }
        return searched.isEmpty() ? "is not in the local repository " + localRepository : "was not found in " + searched;
    }

    private static String describe(ArtifactTransferException exception)
    {
        return exception.getRepository() == null ? null : exception.getRepository().getUrl() + " (" + exception.getRepository().getId() + ")";
    }

    private static String rootCause(Throwable failure)
    {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure ? String.valueOf(failure.getMessage()) : root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
