package io.emrys.pool;

import io.emrys.common.WorkerSize;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An amount of vCPU, memory and disk, as EMR Serverless sizes workers and an application's maximum capacity.
 * A component may be {@link Double#POSITIVE_INFINITY} when it is not limited (a {@code maximumCapacity} without
 * {@code disk}).
 */
public record Capacity(double vcpu, double memoryGb, double diskGb)
{
    public static final Capacity ZERO = new Capacity(0, 0, 0);

    // Sizes come from whole MB (memoryMb / 1024.0), so sums of many of them can land a rounding error above a
    // limit they exactly meet; this tolerance is far below any size a user can write.
    private static final double TOLERANCE = 1e-9;

    public Capacity
    {
        if (Double.isNaN(vcpu) || Double.isNaN(memoryGb) || Double.isNaN(diskGb)) {
            throw new IllegalArgumentException("capacity components must be numbers: %s, %s, %s".formatted(vcpu, memoryGb, diskGb));
        }
    }

    /** What one worker of {@code size} counts against a limit. */
    public static Capacity of(WorkerSize size)
    {
        return new Capacity(size.vcpu(), size.memoryGb(), size.diskGb());
    }

    public Capacity plus(Capacity other)
    {
        return new Capacity(vcpu + other.vcpu, memoryGb + other.memoryGb, diskGb + other.diskGb);
    }

    public Capacity minus(Capacity other)
    {
        return new Capacity(vcpu - other.vcpu, memoryGb - other.memoryGb, diskGb - other.diskGb);
    }

    public Capacity times(int count)
    {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        // 0 x an unlimited component is nothing, not NaN.
        return count == 0 ? ZERO : new Capacity(vcpu * count, memoryGb * count, diskGb * count);
    }

    /** Whether every component is at most the limit's. */
    public boolean fitsIn(Capacity limit)
    {
        return vcpu <= limit.vcpu + TOLERANCE && memoryGb <= limit.memoryGb + TOLERANCE && diskGb <= limit.diskGb + TOLERANCE;
    }

    /** Like AWS writes sizes: {@code 2 vCPU, 4 GB, 20 GB disk}. */
    @Override
    public String toString()
    {
        String disk = Double.isInfinite(diskGb) ? "no disk limit" : number(diskGb) + " GB disk";
        return number(vcpu) + " vCPU, " + number(memoryGb) + " GB, " + disk;
    }

    private static String number(double value)
    {
        if (Double.isInfinite(value)) {
            return value > 0 ? "unlimited" : "-unlimited";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        // At most three decimals, without trailing zeros: 0.5, 1.125, 0.977.
        return new BigDecimal(value).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
