package io.emrys.iam.policy;

/**
 * ArnEquals and ArnLike (IAM gives both the same meaning): the six colon-separated parts of an ARN compared one by
 * one, each with {@link Wildcards}, case-sensitively. The last part, the resource, keeps any further colons.
 */
final class ArnPattern
{
    private static final int SEGMENTS = 6;

    private ArnPattern() {}

    static boolean matches(String pattern, String arn)
    {
        String[] patternParts = pattern.split(":", SEGMENTS);
        if (patternParts.length < SEGMENTS) {
            // not an ARN pattern (typically a bare "*"): nothing to compare part by part, so compare the whole
            return Wildcards.matches(pattern, arn);
        }
        String[] arnParts = arn.split(":", SEGMENTS);
        if (arnParts.length < SEGMENTS) {
            return false;
        }
        for (int i = 0; i < SEGMENTS; i++) {
            if (!Wildcards.matches(patternParts[i], arnParts[i])) {
                return false;
            }
        }
        return true;
    }
}
