package io.emrys.agent;

import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import static java.util.Objects.requireNonNull;

/**
 * Runs one job's {@code main} on the warm SparkSession, the way SparkSubmit runs it in client mode: the application
 * jar in its own class loader (its parent the application class loader, which holds Spark), registered with
 * {@code addJar} so executors fetch it, and set as the thread's context class loader so that Spark finds the
 * job's classes when it deserializes. The job's {@code SparkSession.builder().getOrCreate()} returns the warm
 * session, since it is the JVM's default session.
 *
 * <p>The JVM always ends after the job (one job per warm driver): a job leaves state behind (temporary views, cached
 * data, runtime settings, static fields of its classes) that the next job must not see.
 */
final class WarmDriverJob
{
    private final SparkSession spark;
    private final WarmDriverJobFiles files;
    private final long warmMillis;

    WarmDriverJob(SparkSession spark, Path workDir, long warmMillis)
    {
        this.spark = requireNonNull(spark, "spark is null");
        this.files = new WarmDriverJobFiles(spark, workDir);
        this.warmMillis = warmMillis;
    }

    /** Runs the job and returns the JVM's exit code: 0 when main returns, 1 when it (or its preparation) throws. */
    int run(WarmDriverAssignment assignment)
    {
        String entryPoint = assignment.entryPoint().orElseThrow();
        Throwable failure;
        try {
            Optional<Path> jar = files.fetch(entryPoint);
            if (jar.isEmpty()) {
                // The same words as the cold driver's wrapper, so the job run's stateDetails read alike.
                System.err.println("Error: the entry point " + entryPoint + " does not exist or is not a file");
                stopQuietly();
                return 1;
            }
            String mainClass = assignment.mainClass().orElseGet(() -> manifestMainClass(jar.get()));
            assignment.runtimeSqlConf().forEach((key, value) -> spark.conf().set(key, value));

            // Never closed: the job's classes stay in use until the JVM ends.
            URLClassLoader loader = new URLClassLoader(classPath(jar.get()), ClassLoader.getSystemClassLoader());
            spark.sparkContext().addJar(jar.get().toUri().toString());
            Thread.currentThread().setContextClassLoader(loader);
            Method main = mainMethod(Class.forName(mainClass, true, loader));

            System.err.printf("Emrys: warm driver %s took job run %s from %s (warm for %d ms; runtime SQL settings: %s)%n",
                    spark.sparkContext().applicationId(), mainClass, entryPoint, warmMillis,
                    assignment.runtimeSqlConf().isEmpty() ? "none" : String.join(", ", assignment.runtimeSqlConf().keySet()));
            main.invoke(null, (Object) assignment.arguments().toArray(new String[0]));
            stopQuietly();
            return 0;
        }
        catch (InvocationTargetException e) {
            failure = e.getCause() == null ? e : e.getCause();
        }
        catch (Throwable e) {
            failure = e;
        }
        // Stop first, so Spark's shutdown logging comes before the exception, as the last words of the log.
        stopQuietly();
        return WarmDriver.reportUncaught(failure);
    }

    /**
     * The application jar, then the jars of {@code spark.jars}: in client mode SparkSubmit puts both on the driver's
     * class path, while the SparkContext (already up) only ships {@code spark.jars} to executors.
     */
    private URL[] classPath(Path applicationJar)
            throws IOException, URISyntaxException
    {
        List<URL> urls = new ArrayList<>();
        urls.add(applicationJar.toUri().toURL());
        for (String jar : spark.sparkContext().getConf().get("spark.jars", "").split(",")) {
            if (!jar.isBlank()) {
                Optional<Path> local = files.fetch(jar.strip());
                if (local.isPresent()) {
                    urls.add(local.get().toUri().toURL());
                }
                else {
                    System.err.println("Emrys: warning: spark.jars names " + jar.strip() + ", which does not exist or is not a file");
                }
            }
        }
        return urls.toArray(new URL[0]);
    }

    private static String manifestMainClass(Path jar)
    {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String mainClass = manifest == null ? null : manifest.getMainAttributes().getValue("Main-Class");
            if (mainClass == null || mainClass.isBlank()) {
                throw new IllegalArgumentException("No main class: the job sets no --class and " + jar.getFileName() + " has no Main-Class in its manifest");
            }
            return mainClass.strip();
        }
        catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the manifest of " + jar, e);
        }
    }

    private static Method mainMethod(Class<?> mainClass)
            throws NoSuchMethodException
    {
        Method main = mainClass.getMethod("main", String[].class);
        if (!Modifier.isStatic(main.getModifiers())) {
            throw new NoSuchMethodException("The main method of " + mainClass.getName() + " is not static");
        }
        return main;
    }

    private void stopQuietly()
    {
        try {
            spark.stop();
        }
        catch (RuntimeException e) {
            System.err.println("Emrys: stopping the SparkContext failed: " + e);
        }
    }
}
