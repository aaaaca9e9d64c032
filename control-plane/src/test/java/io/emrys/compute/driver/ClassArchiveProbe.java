package io.emrys.compute.driver;

/** A main class for {@link JobClassArchivesTest}: a JVM that got this far started, archive or not. */
public final class ClassArchiveProbe
{
    private ClassArchiveProbe()
    {
    }

    public static void main(String[] args)
    {
        System.out.println("started");
    }
}
