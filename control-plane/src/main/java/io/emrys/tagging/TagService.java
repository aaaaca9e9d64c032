package io.emrys.tagging;

import static java.util.Objects.requireNonNull;

import io.emrys.error.EmrysException;
import io.emrys.store.Transactions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.jdbi.v3.core.Handle;

/**
 * Tags of any resource, keyed by ARN. Resource services add the tags given at creation inside their own
 * transaction through {@link #putInTransaction}, then call {@link #applyCommitted}.
 */
public final class TagService
{
    /** AWS's limit on tags per resource. */
    private static final int MAX_TAGS = 200;

    private final Transactions transactions;
    private final TagDao dao;
    private final Map<String, Map<String, String>> view = new ConcurrentHashMap<>();
    private volatile Predicate<String> resourceExists = arn -> false;

    public TagService(Transactions transactions, TagDao dao)
    {
        this.transactions = requireNonNull(transactions, "transactions is null");
        this.dao = requireNonNull(dao, "dao is null");
        for (TagDao.Row row : transactions.read(dao::all)) {
            view.computeIfAbsent(row.resourceArn(), arn -> new TreeMap<>()).put(row.key(), row.value());
        }
    }

    /** Set once by the composition root: which ARNs name a live taggable resource. */
    public void setResourceResolver(Predicate<String> resourceExists)
    {
        this.resourceExists = requireNonNull(resourceExists, "resourceExists is null");
    }

    public Map<String, String> tags(String resourceArn)
    {
        requireResource(resourceArn);
        return tagsOf(resourceArn);
    }

    /** Tags of a resource the caller already knows exists (no lookup). */
    public Map<String, String> tagsOf(String resourceArn)
    {
        Map<String, String> tags = view.get(resourceArn);
        return tags == null ? Map.of() : Map.copyOf(tags);
    }

    public void tag(String resourceArn, Map<String, String> tags)
    {
        requireResource(resourceArn);
        transactions.write(handle -> {
            putInTransaction(handle, resourceArn, tags);
            return null;
        });
        applyCommitted(resourceArn, tags);
    }

    public void untag(String resourceArn, List<String> keys)
    {
        requireResource(resourceArn);
        transactions.write(handle -> {
            dao.remove(handle, resourceArn, keys);
            return null;
        });
        view.computeIfPresent(resourceArn, (arn, tags) -> {
            Map<String, String> remaining = new TreeMap<>(tags);
            keys.forEach(remaining::remove);
            return remaining;
        });
    }

    public void putInTransaction(Handle handle, String resourceArn, Map<String, String> tags)
    {
        TreeMap<String, String> merged = new TreeMap<>(tagsOf(resourceArn));
        merged.putAll(tags);
        if (merged.size() > MAX_TAGS) {
            throw EmrysException.validation("A resource can have at most %d tags; %s would have %d".formatted(MAX_TAGS, resourceArn, merged.size()));
        }
        dao.put(handle, resourceArn, tags);
    }

    public void applyCommitted(String resourceArn, Map<String, String> tags)
    {
        if (tags.isEmpty()) {
            return;
        }
        view.compute(resourceArn, (arn, existing) -> {
            Map<String, String> merged = existing == null ? new TreeMap<>() : new TreeMap<>(existing);
            merged.putAll(tags);
            return merged;
        });
    }

    private void requireResource(String resourceArn)
    {
        if (!resourceExists.test(resourceArn)) {
            throw EmrysException.notFound("Resource " + resourceArn + " does not exist");
        }
    }
}
