package io.emrys.api.protocol;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.smithy.model.Model;

/**
 * Loads one protocol's part of AWS's protocol compliance suite (smithy-aws-protocol-tests) with the trait
 * definitions it needs, and our own definition of {@code smithy.framework#ValidationException}.
 */
final class ProtocolTestModel
{
    private static final String ROOT = "META-INF/smithy/";

    private ProtocolTestModel() {}

    static Model restJson1()
    {
        return forProtocol("restJson1/");
    }

    static Model awsJson11()
    {
        return forProtocol("awsJson1_1/");
    }

    /** The awsQuery cases' vendor params (the error-code settings of their errors) are defined in aws-config. */
    static Model awsQuery()
    {
        return forProtocol("awsQuery/", "aws-config.smithy");
    }

    /**
     * @param folder the suite's folder of one protocol, as its manifest names it
     * @param shared the suite's files outside the folder that its cases use, beside smithy.test and shared-types
     */
    private static Model forProtocol(String folder, String... shared)
    {
        ClassLoader loader = ProtocolTestModel.class.getClassLoader();
        List<URL> files = new ArrayList<>();
        files.add(resource(loader, ROOT + "smithy.test.smithy"));
        files.add(resource(loader, ROOT + "shared-types.smithy"));
        files.add(resource(loader, "protocol/smithy-framework-validation.smithy"));
        for (String file : shared) {
            files.add(resource(loader, ROOT + file));
        }
        // the suite's manifest lists every model of every protocol; each run loads one
        for (String entry : manifest(loader)) {
            if (entry.startsWith(folder)) {
                files.add(resource(loader, ROOT + entry));
            }
        }
        return SmithyModels.load(files);
    }

    private static List<String> manifest(ClassLoader loader)
    {
        try {
            List<String> entries = new ArrayList<>();
            for (URL url : java.util.Collections.list(loader.getResources(ROOT + "manifest"))) {
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
                    reader.lines().map(String::trim).filter(line -> !line.isEmpty()).forEach(entries::add);
                }
            }
            return entries;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static URL resource(ClassLoader loader, String name)
    {
        return Objects.requireNonNull(loader.getResource(name), () -> "missing test resource " + name);
    }
}
