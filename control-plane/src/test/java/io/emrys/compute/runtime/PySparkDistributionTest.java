package io.emrys.compute.runtime;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sdist download against a package index on loopback that serves PEP 503 pages as PyPI does. */
@Timeout(60)
class PySparkDistributionTest
{
    @TempDir
    Path temp;

    private HttpServer index;
    private final Map<String, byte[]> served = new ConcurrentHashMap<>();

    @BeforeEach
    void startIndex()
            throws IOException
    {
        index = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        index.createContext("/", exchange -> {
            byte[] body = served.get(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        index.start();
    }

    @AfterEach
    void stopIndex()
    {
        index.stop(0);
    }

    @Test
    void findsTheSdistLinkOnAPypiStylePage()
    {
        String page = """
                <a href="https://files.pythonhosted.org/packages/5f/8f/b6/pyspark-3.5.5.tar.gz#sha256=6effc9ce98edf231f4d683fd14f7270629bf8458c628d6a2620ded4bb34f3cb9" >pyspark-3.5.5.tar.gz</a><br/>
                <a href="../../packages/aa/pyspark-3.5.50.tar.gz#sha256=%s">pyspark-3.5.50.tar.gz</a><br/>
                """.formatted("0".repeat(64));

        assertThat(PySparkDistribution.findLink(page, URI.create("https://pypi.org/simple/pyspark/"), "3.5.5")).hasValueSatisfying(link -> {
            assertThat(link.url()).hasToString("https://files.pythonhosted.org/packages/5f/8f/b6/pyspark-3.5.5.tar.gz");
            assertThat(link.sha256()).isEqualTo("6effc9ce98edf231f4d683fd14f7270629bf8458c628d6a2620ded4bb34f3cb9");
        });
        assertThat(PySparkDistribution.findLink(page, URI.create("https://pypi.org/simple/pyspark/"), "3.5.50")).hasValueSatisfying(link ->
                assertThat(link.url()).as("relative to the page").hasToString("https://pypi.org/packages/aa/pyspark-3.5.50.tar.gz"));
        assertThat(PySparkDistribution.findLink(page, URI.create("https://pypi.org/simple/pyspark/"), "3.5.6")).isEmpty();
    }

    @Test
    void downloadsAndKeepsAnSdistWhoseHashMatchesTheIndex()
            throws IOException
    {
        byte[] sdist = Files.readAllBytes(FakePySparkSdist.writeInto(temp.resolve("made"), "3.5.1"));
        serve("3.5.1", sdist, sha256(sdist));

        Path fetched = distribution().fetch("3.5.1");

        assertThat(fetched).isEqualTo(temp.resolve("pypi/pyspark-3.5.1.tar.gz")).hasBinaryContent(sdist);
        assertThat(temp.resolve("pypi")).isDirectoryNotContaining("glob:**.part*");
    }

    @Test
    void refusesAnSdistWhoseHashDiffersAndKeepsNothing()
            throws IOException
    {
        byte[] sdist = Files.readAllBytes(FakePySparkSdist.writeInto(temp.resolve("made"), "3.5.1"));
        serve("3.5.1", sdist, "0".repeat(64));

        assertThatThrownBy(() -> distribution().fetch("3.5.1"))
                .isInstanceOfSatisfying(RuntimeAssemblyException.class, e -> assertThat(e.unresolved()).containsExactly("pypi:pyspark==3.5.1"))
                .hasMessageContaining("downloading " + indexUri().resolve("/files/pyspark-3.5.1.tar.gz") + " failed")
                .hasMessageContaining("its SHA-256 is " + sha256(sdist) + ", not the index's " + "0".repeat(64));
        assertThat(temp.resolve("pypi")).isEmptyDirectory();
    }

    @Test
    void aVersionTheIndexLacksIsNamed()
    {
        served.put("/simple/pyspark/", "<html><body></body></html>".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> distribution().fetch("3.5.0"))
                .isInstanceOfSatisfying(RuntimeAssemblyException.class, e -> assertThat(e.unresolved()).containsExactly("pypi:pyspark==3.5.0"))
                .hasMessage("Cannot assemble the runtime of Spark 3.5.0: %s lists no pyspark-3.5.0.tar.gz with a sha256", indexUri().resolve("/simple/pyspark/"));
    }

    @Test
    void anIndexUrlWithCredentialsIsRefused()
    {
        assertThatThrownBy(() -> new PySparkDistribution(temp, URI.create("https://user:secret@pypi.example/simple/"), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("secret");
    }

    private void serve(String version, byte[] sdist, String advertisedSha256)
    {
        served.put("/files/pyspark-" + version + ".tar.gz", sdist);
        served.put("/simple/pyspark/", "<a href=\"/files/pyspark-%s.tar.gz#sha256=%s\">pyspark-%s.tar.gz</a>".formatted(version, advertisedSha256, version)
                .getBytes(StandardCharsets.UTF_8));
    }

    private PySparkDistribution distribution()
    {
        return new PySparkDistribution(temp.resolve("pypi"), indexUri().resolve("/simple/"), false);
    }

    private URI indexUri()
    {
        return URI.create("http://127.0.0.1:" + index.getAddress().getPort() + "/");
    }

    private static String sha256(byte[] content)
    {
        return HexFormat.of().formatHex(PySparkDistribution.sha256().digest(content));
    }
}
