package io.emrys.api.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * One folder of the AWS SigV4 test suite (aws-c-auth's {@code aws-signing-test-suite/v4}, copied under
 * {@code src/test/resources/sigv4}): its context and, per form, the signed request and the expected results.
 */
record SigningTestSuiteCase(Path folder, String accessKeyId, String secretAccessKey, Instant timestamp, boolean normalize)
{
    enum Form
    {
        HEADER("header"),
        QUERY("query");

        private final String prefix;

        Form(String prefix)
        {
            this.prefix = prefix;
        }
    }

    SigningTestSuiteCase
    {
        requireNonNull(folder, "folder is null");
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(secretAccessKey, "secretAccessKey is null");
        requireNonNull(timestamp, "timestamp is null");
    }

    static SigningTestSuiteCase load(Path folder)
    {
        try {
            JsonNode context = new ObjectMapper().readTree(folder.resolve("context.json").toFile());
            return new SigningTestSuiteCase(folder,
                    context.path("credentials").path("access_key_id").asText(),
                    context.path("credentials").path("secret_access_key").asText(),
                    Instant.parse(context.path("timestamp").asText()),
                    context.path("normalize").asBoolean(true));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String name()
    {
        return folder.getFileName().toString();
    }

    PathCanonicalization pathCanonicalization()
    {
        return normalize ? PathCanonicalization.NORMALIZE_AND_ENCODE : PathCanonicalization.ENCODE_ONLY;
    }

    SignableRequest signedRequest(Form form)
    {
        return parseRequest(read(form.prefix + "-signed-request.txt"));
    }

    String expected(Form form, String what)
    {
        return read(form.prefix + "-" + what + ".txt");
    }

    private String read(String file)
    {
        try {
            return Files.readString(folder.resolve(file), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses the suite's request files: a request line whose target may contain spaces, {@code Name:value}
     * headers with indented continuation lines (obsolete line folding), a blank line and the body.
     */
    static SignableRequest parseRequest(String text)
    {
        int headerEnd = text.indexOf("\n\n");
        String head = headerEnd < 0 ? text : text.substring(0, headerEnd);
        String body = headerEnd < 0 ? "" : text.substring(headerEnd + 2);
        List<String> lines = List.of(head.split("\n"));
        String requestLine = lines.get(0);
        String method = requestLine.substring(0, requestLine.indexOf(' '));
        String target = requestLine.substring(method.length() + 1, requestLine.lastIndexOf(" HTTP/"));
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        String query = question < 0 ? "" : target.substring(question + 1);

        List<String[]> headers = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isEmpty() && Character.isWhitespace(line.charAt(0)) && !headers.isEmpty()) {
                String[] last = headers.get(headers.size() - 1);
                last[1] = last[1] + "\n" + line;
                continue;
            }
            int colon = line.indexOf(':');
            headers.add(new String[] {line.substring(0, colon), line.substring(colon + 1)});
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String[] header : headers) {
            values.computeIfAbsent(header[0], ignored -> new ArrayList<>()).add(header[1]);
        }
        return new SignableRequest(method, path, query, values, body.getBytes(StandardCharsets.UTF_8));
    }
}
