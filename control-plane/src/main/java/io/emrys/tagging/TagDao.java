package io.emrys.tagging;

import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** The {@code tags} table. Methods run inside the caller's transaction. */
public final class TagDao
{
    public record Row(String resourceArn, String key, String value) {}

    public void put(Handle handle, String resourceArn, Map<String, String> tags)
    {
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            handle.createUpdate("""
                    INSERT INTO tags (resource_arn, tag_key, tag_value) VALUES (:arn, :key, :value)
                    ON CONFLICT (resource_arn, tag_key) DO UPDATE SET tag_value = excluded.tag_value
                    """)
                    .bind("arn", resourceArn)
                    .bind("key", tag.getKey())
                    .bind("value", tag.getValue())
                    .execute();
        }
    }

    public void remove(Handle handle, String resourceArn, List<String> keys)
    {
        for (String key : keys) {
            handle.createUpdate("DELETE FROM tags WHERE resource_arn = :arn AND tag_key = :key")
                    .bind("arn", resourceArn)
                    .bind("key", key)
                    .execute();
        }
    }

    public List<Row> all(Handle handle)
    {
        return handle.createQuery("SELECT resource_arn, tag_key, tag_value FROM tags ORDER BY resource_arn, tag_key")
                .map((rs, ctx) -> new Row(rs.getString("resource_arn"), rs.getString("tag_key"), rs.getString("tag_value")))
                .list();
    }
}
