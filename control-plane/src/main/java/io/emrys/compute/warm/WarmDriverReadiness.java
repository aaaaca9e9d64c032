package io.emrys.compute.warm;

import io.emrys.compute.driver.DriverExit;
import io.emrys.compute.driver.DriverLostException;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Waits for a warm driver to report a step done through a file in its work dir. The driver writes each file
 * whole (temporary name, then rename), so seeing it means it is complete. A probe is a {@code stat} of a local
 * file, cheap enough to repeat every few milliseconds: the interval is what a handoff waits at most.
 */
final class WarmDriverReadiness
{
    private WarmDriverReadiness() {}

    /**
     * Completes with the first non-empty result of {@code probe}; exceptionally with {@code failure} of the exit (or
     * the exit's own failure, such as {@link DriverLostException}) when the driver ends first.
     */
    static <T> CompletableFuture<T> await(Supplier<Optional<T>> probe, CompletableFuture<DriverExit> exit, Function<DriverExit, RuntimeException> failure,
            ScheduledExecutorService scheduler, Duration interval)
    {
        requireNonNull(probe, "probe is null");
        requireNonNull(failure, "failure is null");
        requireNonNull(scheduler, "scheduler is null");
        requireNonNull(interval, "interval is null");
        CompletableFuture<T> ready = new CompletableFuture<>();
        exit.whenComplete((ended, thrown) -> {
            if (thrown != null) {
                ready.completeExceptionally(thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown);
            }
            else {
                ready.completeExceptionally(failure.apply(ended));
            }
        });
        scheduler.execute(() -> poll(probe, exit, ready, scheduler, interval));
        return ready;
    }

    private static <T> void poll(Supplier<Optional<T>> probe, CompletableFuture<DriverExit> exit, CompletableFuture<T> ready,
            ScheduledExecutorService scheduler, Duration interval)
    {
        if (ready.isDone() || exit.isDone()) {
            return;
        }
        try {
            Optional<T> result = probe.get();
            if (result.isPresent()) {
                ready.complete(result.get());
                return;
            }
        }
        catch (RuntimeException e) {
            ready.completeExceptionally(e);
            return;
        }
        scheduler.schedule(() -> poll(probe, exit, ready, scheduler, interval), interval.toNanos(), TimeUnit.NANOSECONDS);
    }
}
