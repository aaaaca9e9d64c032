package io.emrys.bench;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load: request {@code i} is due at {@code start + i / rate}, whatever happened to earlier ones, and its
 * latency is measured from that due time. A stalled server therefore shows up as queueing delay in the latencies
 * of the requests that were due during the stall, instead of silently lowering the request rate (coordinated
 * omission). A few threads take due requests in order; a thread that finds its request already overdue sends it at
 * once.
 *
 * <p>Bounded: a fixed number of requests, and a hard deadline of three times the planned duration after which the
 * requests not yet sent are counted as not sent.
 */
final class OpenLoopLoad
{
    /** One request; returns normally on success and throws on any error. */
    @FunctionalInterface
    interface Request
    {
        void send()
                throws Exception;
    }

    record Settings(int ratePerSecond, Duration warmup, Duration duration, int threads)
    {
        Settings
        {
            requireNonNull(warmup, "warmup is null");
            requireNonNull(duration, "duration is null");
            if (ratePerSecond <= 0 || threads <= 0 || duration.isZero() || duration.isNegative()) {
                throw new IllegalArgumentException("rate, threads and duration must be positive");
            }
        }
    }

    /**
     * @param latenciesNanos from each measured request's due time to its response (errors included)
     * @param serviceNanos from each measured request's actual send to its response
     * @param achievedPerSecond measured requests completed per second of the measured window
     * @param clientCpuMillisPerRequest CPU used by this (the load generator's) JVM per request sent, warm-up included
     * @param serverCpuMillisPerRequest CPU used by the server process per request sent, warm-up included
     */
    record Result(String client, Settings settings, long[] latenciesNanos, long[] serviceNanos, long errors, long notSent,
            double achievedPerSecond, double clientCpuMillisPerRequest, double serverCpuMillisPerRequest, String firstError)
    {
        Result
        {
            requireNonNull(client, "client is null");
            requireNonNull(settings, "settings is null");
            latenciesNanos = latenciesNanos.clone();
            serviceNanos = serviceNanos.clone();
            requireNonNull(firstError, "firstError is null");
        }
    }

    private final Settings settings;
    private final long serverPid;

    OpenLoopLoad(Settings settings, long serverPid)
    {
        this.settings = requireNonNull(settings, "settings is null");
        this.serverPid = serverPid;
    }

    Result run(String client, Request request)
            throws InterruptedException
    {
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / settings.ratePerSecond();
        int warmupCount = (int) (settings.warmup().toNanos() / intervalNanos);
        int measuredCount = (int) (settings.duration().toNanos() / intervalNanos);
        int total = warmupCount + measuredCount;
        long[] latencies = new long[measuredCount];
        long[] service = new long[measuredCount];
        boolean[] completed = new boolean[measuredCount];
        AtomicLong next = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong lastEnd = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>("");
        AtomicLong sentCount = new AtomicLong();
        long selfPid = ProcessHandle.current().pid();
        OptionalLong clientCpuBefore = CpuTime.millis(selfPid);
        OptionalLong serverCpuBefore = CpuTime.millis(serverPid);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        long deadline = start + 3 * (settings.warmup().toNanos() + settings.duration().toNanos());

        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < settings.threads(); t++) {
            Thread thread = new Thread(() -> {
                while (true) {
                    long i = next.getAndIncrement();
                    if (i >= total) {
                        return;
                    }
                    long due = start + i * intervalNanos;
                    long wait = due - System.nanoTime();
                    while (wait > 0) {
                        LockSupport.parkNanos(wait);
                        wait = due - System.nanoTime();
                    }
                    if (System.nanoTime() > deadline) {
                        return;
                    }
                    long sent = System.nanoTime();
                    sentCount.incrementAndGet();
                    boolean failed = false;
                    try {
                        request.send();
                    }
                    catch (Exception e) {
                        failed = true;
                        firstError.compareAndSet("", e.getClass().getSimpleName() + ": " + e.getMessage());
                    }
                    long end = System.nanoTime();
                    int measured = (int) (i - warmupCount);
                    if (measured >= 0) {
                        latencies[measured] = end - due;
                        service[measured] = end - sent;
                        completed[measured] = true;
                        lastEnd.accumulateAndGet(end, Math::max);
                        if (failed) {
                            errors.incrementAndGet();
                        }
                    }
                }
            }, "load-" + client + "-" + t);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double clientCpu = perRequest(clientCpuBefore, CpuTime.millis(selfPid), sentCount.get());
        double serverCpu = perRequest(serverCpuBefore, CpuTime.millis(serverPid), sentCount.get());

        int done = 0;
        for (boolean value : completed) {
            done += value ? 1 : 0;
        }
        long[] measuredLatencies = new long[done];
        long[] measuredService = new long[done];
        int k = 0;
        for (int i = 0; i < measuredCount; i++) {
            if (completed[i]) {
                measuredLatencies[k] = latencies[i];
                measuredService[k] = service[i];
                k++;
            }
        }
        long windowStart = start + warmupCount * intervalNanos;
        double seconds = Math.max(1, lastEnd.get() - windowStart) / 1e9;
        return new Result(client, settings, measuredLatencies, measuredService, errors.get(), measuredCount - done, done / seconds, clientCpu, serverCpu, firstError.get());
    }

    private static double perRequest(OptionalLong before, OptionalLong after, long requests)
    {
        if (before.isEmpty() || after.isEmpty() || requests == 0) {
            return Double.NaN;
        }
        return (after.getAsLong() - before.getAsLong()) / (double) requests;
    }
}
