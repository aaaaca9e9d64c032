package io.emrys.iam.policy;

/** A statement's Effect. */
public enum Effect
{
    ALLOW("Allow"),
    DENY("Deny");

    private final String jsonName;

    Effect(String jsonName)
    {
        this.jsonName = jsonName;
    }

    public String jsonName()
    {
        return jsonName;
    }
}
