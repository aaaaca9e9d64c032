package io.emrys.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Samples the resident memory of the control plane and every JVM below it (drivers, warm drivers, the standalone
 * host, executors) from {@code /proc} on a fixed period, on one daemon thread, and keeps per kind the peak of each
 * process (VmHWM, which the kernel maintains, so a sample shortly before a process ends still sees its peak) and the
 * largest total VmRSS of that kind at one instant.
 */
final class ProcessTreeSampler
        implements AutoCloseable
{
    /** One process at one instant. */
    record ProcessSample(long pid, ProcessKind kind, long rssKb, long peakRssKb)
    {
        ProcessSample
        {
            requireNonNull(kind, "kind is null");
        }
    }

    /**
     * @param processes distinct processes of this kind seen
     * @param maxPeakKb the largest VmHWM of one of them
     * @param medianPeakKb the median of their VmHWMs
     * @param maxTotalRssKb the largest sum of their VmRSS in one sample (several at once: a pool, executors)
     */
    record KindMemory(ProcessKind kind, int processes, long maxPeakKb, long medianPeakKb, long maxTotalRssKb)
    {
        KindMemory
        {
            requireNonNull(kind, "kind is null");
        }
    }

    /** @param maxTreeRssKb the largest VmRSS of the whole tree (control plane included) in one sample */
    record Summary(List<KindMemory> kinds, long maxTreeRssKb, int samples)
    {
        Summary
        {
            kinds = List.copyOf(kinds);
        }
    }

    private final long rootPid;
    private final ProcessClassifier classifier;
    private final Duration period;
    private final ScheduledExecutorService scheduler;
    private final Map<Long, ProcessSample> peaks = new HashMap<>();
    private final Map<ProcessKind, Long> maxTotals = new EnumMap<>(ProcessKind.class);
    private long maxTreeRssKb;
    private int samples;

    ProcessTreeSampler(long rootPid, ProcessClassifier classifier, Duration period)
    {
        this.rootPid = rootPid;
        this.classifier = requireNonNull(classifier, "classifier is null");
        this.period = requireNonNull(period, "period is null");
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "process-tree-sampler");
            thread.setDaemon(true);
            return thread;
        });
    }

    void start()
    {
        scheduler.scheduleAtFixedRate(this::sampleQuietly, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Samples the tree now (and counts the sample towards the peaks). */
    synchronized List<ProcessSample> sample()
    {
        List<ProcessSample> now = new ArrayList<>();
        List<ProcessHandle> tree = new ArrayList<>();
        ProcessHandle.of(rootPid).ifPresent(root -> {
            tree.add(root);
            try (Stream<ProcessHandle> descendants = root.descendants()) {
                descendants.forEach(tree::add);
            }
        });
        Map<ProcessKind, Long> totals = new EnumMap<>(ProcessKind.class);
        long treeTotal = 0;
        for (ProcessHandle process : tree) {
            List<String> parentCommandLine = process.parent().map(parent -> commandLine(parent.pid())).orElse(List.of());
            Optional<ProcessKind> kind = classifier.kind(process.pid(), commandLine(process.pid()), parentCommandLine, workingDirectory(process.pid()));
            Optional<ProcStatus> status = ProcStatus.of(process.pid());
            if (kind.isEmpty() || status.isEmpty()) {
                continue;
            }
            ProcessSample sample = new ProcessSample(process.pid(), kind.get(), status.get().rssKb(), status.get().peakRssKb());
            now.add(sample);
            treeTotal += sample.rssKb();
            totals.merge(sample.kind(), sample.rssKb(), Long::sum);
            if (!peaks.containsKey(sample.pid())) {
                // On stderr with the progress lines: which JVMs appeared, and under which parent.
                System.err.printf("emrys-bench: process tree: %s pid %d (parent %d)%n", sample.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                        sample.pid(), process.parent().map(ProcessHandle::pid).orElse(-1L));
            }
            peaks.merge(sample.pid(), sample, (old, fresh) -> fresh.peakRssKb() >= old.peakRssKb() ? fresh : old);
        }
        totals.forEach((kind, total) -> maxTotals.merge(kind, total, Math::max));
        maxTreeRssKb = Math.max(maxTreeRssKb, treeTotal);
        samples++;
        return now;
    }

    synchronized Summary summary()
    {
        List<KindMemory> kinds = new ArrayList<>();
        for (ProcessKind kind : ProcessKind.values()) {
            long[] processPeaks = peaks.values().stream().filter(sample -> sample.kind() == kind).mapToLong(ProcessSample::peakRssKb).toArray();
            if (processPeaks.length > 0) {
                Distribution distribution = Distribution.of(processPeaks);
                kinds.add(new KindMemory(kind, processPeaks.length, distribution.max(), (long) distribution.median(), maxTotals.getOrDefault(kind, 0L)));
            }
        }
        return new Summary(kinds, maxTreeRssKb, samples);
    }

    @Override
    public void close()
    {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sampleQuietly()
    {
        try {
            sample();
        }
        catch (RuntimeException e) {
            // A process tree changes under us; the next sample tries again.
            System.err.println("emrys-bench: process tree sample failed: " + e);
        }
    }

    private static List<String> commandLine(long pid)
    {
        try {
            byte[] bytes = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            String text = new String(bytes, StandardCharsets.UTF_8);
            return text.isEmpty() ? List.of() : Arrays.asList(text.split("\0"));
        }
        catch (IOException e) {
            return List.of();
        }
    }

    private static Optional<Path> workingDirectory(long pid)
    {
        try {
            return Optional.of(Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd")));
        }
        catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }
}
