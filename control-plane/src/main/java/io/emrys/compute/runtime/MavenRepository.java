package io.emrys.compute.runtime;

import java.net.URI;

import static java.util.Objects.requireNonNull;

/**
 * A remote Maven repository, named by the id Maven's local repository records downloads under (so {@code central}
 * here reuses what the operator's own Maven fetched from Central). No credentials: the URL may not carry any.
 */
public record MavenRepository(String id, URI url)
{
    public static final MavenRepository CENTRAL = new MavenRepository("central", URI.create("https://repo.maven.apache.org/maven2/"));

    public MavenRepository
    {
        requireNonNull(id, "id is null");
        requireNonNull(url, "url is null");
        if (id.isBlank()) {
            throw new IllegalArgumentException("repository id is blank");
        }
        if (url.getRawUserInfo() != null) {
            // a URL with user:password would end up in log lines and error messages
            throw new IllegalArgumentException("repository '%s': credentials in the URL are not supported".formatted(id));
        }
        if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme()) && !"file".equals(url.getScheme())) {
            throw new IllegalArgumentException("repository '%s': URL %s is not https://, http:// or file:".formatted(id, url));
        }
    }

    @Override
    public String toString()
    {
        return url + " (" + id + ")";
    }
}
