package io.emrys.iam;

import io.emrys.error.EmrysException;
import io.emrys.error.ErrorCode;
import io.emrys.iam.policy.MalformedPolicyException;
import io.emrys.iam.policy.PolicyDocument;
import io.emrys.iam.policy.PolicyType;

/** Checks policy documents before they are stored, refusing what IAM refuses with its MalformedPolicyDocument messages. */
final class PolicyDocuments
{
    /** A policy attached to an identity, or a session policy: no Principal. */
    String identityPolicy(String document)
    {
        return check(document, PolicyType.IDENTITY);
    }

    /** A role's trust policy: every statement names a Principal. */
    String trustPolicy(String document)
    {
        return check(document, PolicyType.TRUST);
    }

    private static String check(String document, PolicyType type)
    {
        try {
            PolicyDocument.parse(document, type);
            return document;
        }
        catch (MalformedPolicyException e) {
            throw new EmrysException(ErrorCode.MALFORMED_POLICY, e.getMessage());
        }
    }
}
