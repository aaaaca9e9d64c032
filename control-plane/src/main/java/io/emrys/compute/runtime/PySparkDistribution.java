package io.emrys.compute.runtime;

import io.emrys.common.OwnerOnlyFiles;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import static java.util.Objects.requireNonNull;

/**
 * The source of a runtime's Spark: the pyspark release on PyPI, whose sdist carries the whole binary distribution of
 * its Spark version ({@code deps/jars/*.jar}) beside the Python side ({@code lib/pyspark.zip},
 * {@code lib/py4j-*-src.zip}). The prebuilt runtimes take the same files (runtimes/spark-*&#47;pom.xml), so Spark is
 * downloaded once per version and the Python package always matches the JVM.
 * <p>The sdist is found on the index's simple page for pyspark (PEP 503) and kept only after its SHA-256 matches the
 * one the index publishes for it. Offline, only a file fetched before is used.
 */
final class PySparkDistribution
{
    public static final URI PYPI = URI.create("https://pypi.org/simple/");
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    // the whole download of a 430 MB sdist, not one read
    static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(30);

    private final Path downloads;
    private final URI index;
    private final boolean offline;

    PySparkDistribution(Path downloads, URI index, boolean offline)
    {
        this.downloads = requireNonNull(downloads, "downloads is null");
        this.index = requireNonNull(index, "index is null");
        if (index.getUserInfo() != null) {
            // the URL ends up in messages and logs
            throw new IllegalArgumentException("the package index URL must not carry credentials");
        }
        this.offline = offline;
    }

    /** What the assembler does with each part of the distribution. */
    interface Visitor
    {
        /** A jar of {@code deps/jars} (not of its subfolders, which Spark's launcher never puts on a classpath). */
        void jar(String name, InputStream content)
                throws IOException;

        /** A file of {@code lib/}: pyspark.zip and the py4j source zip. */
        void pythonLibrary(String name, InputStream content)
                throws IOException;

        /** A file of {@code deps/examples} (Spark's examples/src/main/python), by its path below that folder. */
        void pythonExample(String relativePath, InputStream content)
                throws IOException;
    }

    /** The sdist of pyspark {@code sparkVersion}, downloaded and verified first unless it is here already. */
    Path fetch(String sparkVersion)
    {
        String fileName = sdistName(sparkVersion);
        Path sdist = downloads.resolve(fileName);
        if (Files.isRegularFile(sdist)) {
            return sdist;
        }
        String artifact = "pypi:pyspark==" + sparkVersion;
        if (offline) {
            throw new RuntimeAssemblyException(("Cannot assemble the runtime of Spark %s: %s (Spark's distribution) is not in %s and the server is offline; "
                    + "run it once without --offline, or copy the file there").formatted(sparkVersion, fileName, downloads), List.of(artifact), null);
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL).build();
        URI page = index.resolve("pyspark/");
        SdistLink link = findLink(client, page, sparkVersion)
                .orElseThrow(() -> new RuntimeAssemblyException("Cannot assemble the runtime of Spark %s: %s lists no %s with a sha256"
                        .formatted(sparkVersion, page, fileName), List.of(artifact), null));
        try {
            OwnerOnlyFiles.createDirectories(downloads);
            download(client, link, sdist);
            return sdist;
        }
        catch (IOException e) {
            throw new RuntimeAssemblyException("Cannot assemble the runtime of Spark %s: downloading %s failed: %s".formatted(sparkVersion, link.url(), e),
                    List.of(artifact), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeAssemblyException("Interrupted while downloading " + link.url(), List.of(artifact), e);
        }
    }

    /** Streams the distribution's jars and Python libraries to {@code visitor}, in archive order. */
    static void unpack(Path sdist, String sparkVersion, Visitor visitor)
            throws IOException
    {
        String root = "pyspark-" + sparkVersion + "/";
        Pattern jar = Pattern.compile(Pattern.quote(root + "deps/jars/") + "([^/]+\\.jar)");
        Pattern library = Pattern.compile(Pattern.quote(root + "lib/") + "([^/]+\\.zip)");
        // no '..' segment: the paths become files below the runtime's examples folder
        Pattern example = Pattern.compile(Pattern.quote(root + "deps/examples/") + "((?:[\\w.-]+/)*[\\w-][\\w.-]*)");
        int found = 0;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(new BufferedInputStream(Files.newInputStream(sdist)), 1 << 16))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (!entry.isFile()) {
                    continue;
                }
                Matcher jarName = jar.matcher(entry.getName());
                Matcher libraryName = library.matcher(entry.getName());
                if (jarName.matches()) {
                    visitor.jar(jarName.group(1), tar);
                    found++;
                }
                else if (libraryName.matches()) {
                    visitor.pythonLibrary(libraryName.group(1), tar);
                }
                else {
                    Matcher examplePath = example.matcher(entry.getName());
                    if (examplePath.matches() && !examplePath.group(1).contains("..")) {
                        visitor.pythonExample(examplePath.group(1), tar);
                    }
                }
            }
        }
        if (found == 0) {
            throw new IOException("%s holds no %sdeps/jars: it is not a pyspark sdist with Spark's distribution".formatted(sdist, root));
        }
    }

    static String sdistName(String sparkVersion)
    {
        return "pyspark-" + sparkVersion + ".tar.gz";
    }

    record SdistLink(URI url, String sha256) {}

    private Optional<SdistLink> findLink(HttpClient client, URI page, String sparkVersion)
    {
        String html;
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(page).timeout(CONNECT_TIMEOUT).header("Accept", "text/html").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode());
            }
            html = response.body();
        }
        catch (IOException e) {
            throw new RuntimeAssemblyException("Cannot assemble the runtime of Spark %s: the package index %s could not be read: %s".formatted(sparkVersion, page, e),
                    List.of("pypi:pyspark==" + sparkVersion), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeAssemblyException("Interrupted while reading " + page, List.of("pypi:pyspark==" + sparkVersion), e);
        }
        return findLink(html, page, sparkVersion);
    }

    /** The sdist's link on a PEP 503 page: {@code href="...pyspark-<v>.tar.gz#sha256=<hex>"}. */
    static Optional<SdistLink> findLink(String html, URI page, String sparkVersion)
    {
        Matcher link = Pattern.compile("href=\"([^\"#]*/" + Pattern.quote(sdistName(sparkVersion)) + ")#sha256=([0-9a-f]{64})\"").matcher(html);
        return link.find() ? Optional.of(new SdistLink(page.resolve(link.group(1).replace("&amp;", "&")), link.group(2))) : Optional.empty();
    }

    private static void download(HttpClient client, SdistLink link, Path sdist)
            throws IOException, InterruptedException
    {
        Path partial = OwnerOnlyFiles.createTemporaryFile(sdist.getParent(), sdist.getFileName() + ".part-");
        try {
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(link.url()).timeout(DOWNLOAD_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            MessageDigest digest = sha256();
            try (InputStream body = new DigestInputStream(response.body(), digest); OutputStream out = Files.newOutputStream(partial)) {
                if (response.statusCode() != 200) {
                    throw new IOException("HTTP " + response.statusCode());
                }
                body.transferTo(out);
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equals(link.sha256())) {
                throw new IOException("its SHA-256 is %s, not the index's %s".formatted(actual, link.sha256()));
            }
            Files.move(partial, sdist, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        finally {
            Files.deleteIfExists(partial);
        }
    }

    static MessageDigest sha256()
    {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
