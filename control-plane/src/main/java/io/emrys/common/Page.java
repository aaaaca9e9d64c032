package io.emrys.common;

import static java.util.Objects.requireNonNull;

import io.emrys.error.EmrysException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page of a listing and the token for the next one. Tokens are the sort key of the last item returned,
 * base64url-encoded without padding (the model's NextToken pattern is {@code ^[A-Za-z0-9_=-]+$}), so paging is
 * stable while items are added.
 */
public record Page<T>(List<T> items, Optional<String> nextToken)
{
    public static final int DEFAULT_PAGE_SIZE = 50;

    public Page
    {
        items = List.copyOf(requireNonNull(items, "items is null"));
        requireNonNull(nextToken, "nextToken is null");
    }

    /**
     * Cuts a page out of {@code sorted} (ascending by {@code sortKey}) starting after the key in {@code token}.
     */
    public static <T> Page<T> of(List<T> sorted, Function<T, String> sortKey, Optional<String> token, Optional<Integer> maxResults)
    {
        int size = maxResults.orElse(DEFAULT_PAGE_SIZE);
        Optional<String> after = token.map(Page::decode);
        List<T> remaining = after
                .map(key -> sorted.stream().filter(item -> sortKey.apply(item).compareTo(key) > 0).toList())
                .orElse(sorted);
        if (remaining.size() <= size) {
            return new Page<>(remaining, Optional.empty());
        }
        List<T> items = remaining.subList(0, size);
        return new Page<>(items, Optional.of(encode(sortKey.apply(items.get(size - 1)))));
    }

    /** The sort key a page token holds: the position after which the next page starts. */
    public static Optional<String> positionOf(Optional<String> token)
    {
        return token.map(Page::decode);
    }

    /**
     * A page of a listing walked in order from a token's position: {@code items} (with their sort {@code keys}) are
     * what followed the position, at most one more than {@code size}, which tells that another page exists.
     */
    public static <T> Page<T> cut(List<T> items, List<String> keys, int size)
    {
        if (items.size() <= size) {
            return new Page<>(items, Optional.empty());
        }
        return new Page<>(items.subList(0, size), Optional.of(encode(keys.get(size - 1))));
    }

    /** A sort key that lists resources newest first, as AWS lists job runs and sessions; the id breaks ties. */
    public static String newestFirstKey(Instant createdAt, String id)
    {
        return "%020d:%s".formatted(Long.MAX_VALUE - createdAt.toEpochMilli(), id);
    }

    private static String encode(String key)
    {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String token)
    {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException e) {
            throw EmrysException.validation("Invalid nextToken: " + token);
        }
    }
}
