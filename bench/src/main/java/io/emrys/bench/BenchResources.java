package io.emrys.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The harness's own files (the PySpark job and client scripts), shipped as class-path resources beside its classes. */
final class BenchResources
{
    private BenchResources() {}

    /** Copies the resource of this package named {@code name} into {@code directory} under the same name; returns the file. */
    static Path copy(String name, Path directory)
            throws IOException
    {
        try (InputStream input = BenchResources.class.getResourceAsStream(name)) {
            if (input == null) {
                throw new IllegalStateException("missing resource " + name + " beside " + BenchResources.class.getName() + "; rebuild bench (mvn -f bench/pom.xml package)");
            }
            Path file = directory.resolve(name);
            Files.copy(input, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        }
    }
}
