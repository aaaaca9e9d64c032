package io.emrys.error;

/** Whose fault a failure is: decides whether it is logged as a bug and whether its text reaches the caller. */
public enum ErrorCategory
{
    USER,
    RESOURCES,
    INTERNAL
}
