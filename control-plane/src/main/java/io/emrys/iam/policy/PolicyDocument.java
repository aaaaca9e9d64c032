package io.emrys.iam.policy;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A parsed policy. {@code version} is the document's Version, absent if it names none (IAM then reads it as
 * 2008-10-17); only 2012-10-17 substitutes policy variables.
 */
public record PolicyDocument(Optional<String> version, List<Statement> statements)
{
    public static final String VERSION_2012_10_17 = "2012-10-17";
    public static final String VERSION_2008_10_17 = "2008-10-17";

    public PolicyDocument
    {
        requireNonNull(version, "version is null");
        statements = List.copyOf(requireNonNull(statements, "statements is null"));
    }

    /** An identity policy (attached to a user or role). */
    public static PolicyDocument parse(String json)
    {
        return parse(json, PolicyType.IDENTITY);
    }

    /** A policy of the given type; throws {@link MalformedPolicyException} for a document IAM would refuse. */
    public static PolicyDocument parse(String json, PolicyType type)
    {
        requireNonNull(json, "json is null");
        requireNonNull(type, "type is null");
        return new PolicyParser(type).parse(json);
    }

    /** Whether policy variables such as {@code ${aws:username}} are substituted, which IAM does from 2012-10-17. */
    public boolean substitutesVariables()
    {
        return version.map(VERSION_2012_10_17::equals).orElse(false);
    }
}
