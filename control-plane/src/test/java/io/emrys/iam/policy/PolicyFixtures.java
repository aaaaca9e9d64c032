package io.emrys.iam.policy;

import java.util.List;

/** Small builders for the policy tests; JSON is written with single quotes and turned into double ones. */
final class PolicyFixtures
{
    static final String ACCOUNT = "123456789012";
    static final RequestPrincipal ALICE = RequestPrincipal.aws("arn:aws:iam::123456789012:user/alice");
    static final PolicyEvaluator EVALUATOR = new PolicyEvaluator();

    private PolicyFixtures() {}

    /** {@code text} with every single quote turned into a double quote. */
    static String json(String text)
    {
        return text.replace('\'', '"');
    }

    /** An identity policy of Version 2012-10-17 holding the given statements (single-quoted JSON, comma-separated). */
    static PolicyDocument identityPolicy(String statements)
    {
        return PolicyDocument.parse(json("{'Version':'2012-10-17','Statement':[" + statements + "]}"));
    }

    static Decision decide(String statements, RequestContext request)
    {
        return EVALUATOR.evaluate(request, List.of(identityPolicy(statements))).decision();
    }

    static RequestContext request(String action, String resource)
    {
        return RequestContext.of(ALICE, action, resource);
    }

    static RequestContext request(String action, String resource, ConditionKeys keys)
    {
        return new RequestContext(ALICE, action, resource, keys);
    }

    /**
     * Whether a request with {@code keys} satisfies the Condition block {@code condition} (single-quoted JSON): the
     * block sits in the one Allow statement of a policy that otherwise allows everything.
     */
    static boolean conditionHolds(String condition, ConditionKeys keys)
    {
        String statement = "{'Effect':'Allow','Action':'*','Resource':'*','Condition':" + condition + "}";
        return decide(statement, request("s3:GetObject", "*", keys)) == Decision.ALLOW;
    }

    /** Keys from alternating names and single values. */
    static ConditionKeys keys(String... namesAndValues)
    {
        ConditionKeys.Builder builder = ConditionKeys.builder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            builder.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return builder.build();
    }

    static ConditionKeys multiValued(String name, String... values)
    {
        return ConditionKeys.builder().put(name, List.of(values)).build();
    }
}
