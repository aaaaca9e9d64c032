package io.emrys.iam;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The {@code iam_users}, {@code iam_groups}, {@code iam_group_members} and {@code iam_roles} tables. */
final class IdentityDao
{
    private final TagsJson tags;

    IdentityDao(ObjectMapper json)
    {
        this.tags = new TagsJson(requireNonNull(json, "json is null"));
    }

    static String key(String name)
    {
        return name.toLowerCase(Locale.ROOT);
    }

    void insertUser(Handle handle, IamUser user)
    {
        handle.createUpdate("""
                INSERT INTO iam_users (name_key, user_name, user_id, path, arn, tags_json, created_at)
                VALUES (:key, :name, :id, :path, :arn, :tags, :createdAt)""")
                .bind("key", key(user.userName())).bind("name", user.userName()).bind("id", user.userId()).bind("path", user.path())
                .bind("arn", user.arn()).bind("tags", tags.write(user.tags())).bind("createdAt", user.createDate().toEpochMilli())
                .execute();
    }

    Optional<IamUser> user(Handle handle, String userName)
    {
        return handle.createQuery("SELECT * FROM iam_users WHERE name_key = :key").bind("key", key(userName))
                .map((rs, ctx) -> new IamUser(rs.getString("user_name"), rs.getString("user_id"), rs.getString("path"), rs.getString("arn"),
                        tags.read(rs.getString("tags_json")), Instant.ofEpochMilli(rs.getLong("created_at"))))
                .findOne();
    }

    List<IamUser> users(Handle handle)
    {
        return handle.createQuery("SELECT * FROM iam_users ORDER BY name_key")
                .map((rs, ctx) -> new IamUser(rs.getString("user_name"), rs.getString("user_id"), rs.getString("path"), rs.getString("arn"),
                        tags.read(rs.getString("tags_json")), Instant.ofEpochMilli(rs.getLong("created_at"))))
                .list();
    }

    void deleteUser(Handle handle, String userName)
    {
        handle.createUpdate("DELETE FROM iam_users WHERE name_key = :key").bind("key", key(userName)).execute();
    }

    void insertGroup(Handle handle, IamGroup group)
    {
        handle.createUpdate("""
                INSERT INTO iam_groups (name_key, group_name, group_id, path, arn, created_at)
                VALUES (:key, :name, :id, :path, :arn, :createdAt)""")
                .bind("key", key(group.groupName())).bind("name", group.groupName()).bind("id", group.groupId()).bind("path", group.path())
                .bind("arn", group.arn()).bind("createdAt", group.createDate().toEpochMilli())
                .execute();
    }

    Optional<IamGroup> group(Handle handle, String groupName)
    {
        return handle.createQuery("SELECT * FROM iam_groups WHERE name_key = :key").bind("key", key(groupName))
                .map((rs, ctx) -> new IamGroup(rs.getString("group_name"), rs.getString("group_id"), rs.getString("path"), rs.getString("arn"),
                        Instant.ofEpochMilli(rs.getLong("created_at"))))
                .findOne();
    }

    List<IamGroup> groups(Handle handle)
    {
        return handle.createQuery("SELECT * FROM iam_groups ORDER BY name_key")
                .map((rs, ctx) -> new IamGroup(rs.getString("group_name"), rs.getString("group_id"), rs.getString("path"), rs.getString("arn"),
                        Instant.ofEpochMilli(rs.getLong("created_at"))))
                .list();
    }

    void deleteGroup(Handle handle, String groupName)
    {
        handle.createUpdate("DELETE FROM iam_groups WHERE name_key = :key").bind("key", key(groupName)).execute();
    }

    void addMember(Handle handle, String groupName, String userName)
    {
        handle.createUpdate("INSERT OR IGNORE INTO iam_group_members (group_key, user_key) VALUES (:group, :user)")
                .bind("group", key(groupName)).bind("user", key(userName)).execute();
    }

    void removeMember(Handle handle, String groupName, String userName)
    {
        handle.createUpdate("DELETE FROM iam_group_members WHERE group_key = :group AND user_key = :user")
                .bind("group", key(groupName)).bind("user", key(userName)).execute();
    }

    /** Group names (as created) of the groups {@code userName} is in. */
    List<String> groupsOf(Handle handle, String userName)
    {
        return handle.createQuery("""
                SELECT g.group_name FROM iam_group_members m JOIN iam_groups g ON g.name_key = m.group_key
                WHERE m.user_key = :user ORDER BY g.name_key""")
                .bind("user", key(userName)).mapTo(String.class).list();
    }

    /** User names (as created) of the members of {@code groupName}. */
    List<String> membersOf(Handle handle, String groupName)
    {
        return handle.createQuery("""
                SELECT u.user_name FROM iam_group_members m JOIN iam_users u ON u.name_key = m.user_key
                WHERE m.group_key = :group ORDER BY u.name_key""")
                .bind("group", key(groupName)).mapTo(String.class).list();
    }

    void insertRole(Handle handle, IamRole role)
    {
        handle.createUpdate("""
                INSERT INTO iam_roles (name_key, role_name, role_id, path, arn, trust_policy, description, max_session_seconds, tags_json, created_at)
                VALUES (:key, :name, :id, :path, :arn, :trust, :description, :maxSession, :tags, :createdAt)""")
                .bind("key", key(role.roleName())).bind("name", role.roleName()).bind("id", role.roleId()).bind("path", role.path())
                .bind("arn", role.arn()).bind("trust", role.trustPolicy()).bind("description", role.description().orElse(null))
                .bind("maxSession", role.maxSessionDuration()).bind("tags", tags.write(role.tags())).bind("createdAt", role.createDate().toEpochMilli())
                .execute();
    }

    void updateTrustPolicy(Handle handle, String roleName, String trustPolicy)
    {
        handle.createUpdate("UPDATE iam_roles SET trust_policy = :trust WHERE name_key = :key")
                .bind("trust", trustPolicy).bind("key", key(roleName)).execute();
    }

    Optional<IamRole> role(Handle handle, String roleName)
    {
        return handle.createQuery("SELECT * FROM iam_roles WHERE name_key = :key").bind("key", key(roleName))
                .map((rs, ctx) -> role(rs))
                .findOne();
    }

    List<IamRole> roles(Handle handle)
    {
        return handle.createQuery("SELECT * FROM iam_roles ORDER BY name_key").map((rs, ctx) -> role(rs)).list();
    }

    void deleteRole(Handle handle, String roleName)
    {
        handle.createUpdate("DELETE FROM iam_roles WHERE name_key = :key").bind("key", key(roleName)).execute();
    }

    private IamRole role(ResultSet rs)
            throws SQLException
    {
        return new IamRole(rs.getString("role_name"), rs.getString("role_id"), rs.getString("path"), rs.getString("arn"),
                rs.getString("trust_policy"), Optional.ofNullable(rs.getString("description")), rs.getInt("max_session_seconds"),
                tags.read(rs.getString("tags_json")), Instant.ofEpochMilli(rs.getLong("created_at")));
    }
}
