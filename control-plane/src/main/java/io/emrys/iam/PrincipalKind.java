package io.emrys.iam;

/** The IAM identities that policies attach to; the stored name of each is its {@code name()}. */
public enum PrincipalKind
{
    USER("user"),
    GROUP("group"),
    ROLE("role");

    private final String word;

    PrincipalKind(String word)
    {
        this.word = word;
    }

    /** As IAM's messages and ARNs spell it: {@code user}, {@code group}, {@code role}. */
    public String word()
    {
        return word;
    }
}
