package io.emrys.cluster;

import static java.util.Objects.requireNonNull;

import java.util.random.RandomGenerator;

/** Ids as AWS forms them: {@code j-}, {@code s-}, {@code ig-}, {@code ci-} and 13 upper-case letters and digits; EC2's {@code i-} and 17 hex digits. */
public final class ClusterIds
{
    private static final char[] ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final RandomGenerator random;

    public ClusterIds(RandomGenerator random)
    {
        this.random = requireNonNull(random, "random is null");
    }

    public String cluster()
    {
        return "j-" + chars(ALPHANUMERIC, 13);
    }

    public String step()
    {
        return "s-" + chars(ALPHANUMERIC, 13);
    }

    public String instanceGroup()
    {
        return "ig-" + chars(ALPHANUMERIC, 13);
    }

    public String instance()
    {
        return "ci-" + chars(ALPHANUMERIC, 13);
    }

    public String ec2Instance()
    {
        return "i-" + chars(HEX, 17);
    }

    private String chars(char[] alphabet, int length)
    {
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(alphabet[random.nextInt(alphabet.length)]);
        }
        return id.toString();
    }
}
