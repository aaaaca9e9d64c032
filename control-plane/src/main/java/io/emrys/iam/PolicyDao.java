package io.emrys.iam;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The policy tables: managed policies and their versions ({@code iam_policies}, {@code iam_policy_versions}), which
 * principals they are attached to ({@code iam_attached_policies}) and the inline policies ({@code iam_inline_policies}).
 */
final class PolicyDao
{
    private final TagsJson tags;

    PolicyDao(ObjectMapper json)
    {
        this.tags = new TagsJson(requireNonNull(json, "json is null"));
    }

    void insertPolicy(Handle handle, ManagedPolicy policy, int nextVersion)
    {
        handle.createUpdate("""
                INSERT INTO iam_policies (arn, name_key, policy_name, policy_id, path, description, default_version, next_version, tags_json,
                                          created_at, updated_at)
                VALUES (:arn, :key, :name, :id, :path, :description, :defaultVersion, :nextVersion, :tags, :createdAt, :updatedAt)""")
                .bind("arn", policy.arn()).bind("key", IdentityDao.key(policy.policyName())).bind("name", policy.policyName())
                .bind("id", policy.policyId()).bind("path", policy.path()).bind("description", policy.description().orElse(null))
                .bind("defaultVersion", policy.defaultVersionId()).bind("nextVersion", nextVersion).bind("tags", tags.write(policy.tags()))
                .bind("createdAt", policy.createDate().toEpochMilli()).bind("updatedAt", policy.updateDate().toEpochMilli())
                .execute();
    }

    Optional<ManagedPolicy> policy(Handle handle, String arn)
    {
        return handle.createQuery(SELECT_POLICY + " WHERE p.arn = :arn").bind("arn", arn).map((rs, ctx) -> policy(rs)).findOne();
    }

    Optional<ManagedPolicy> policyNamed(Handle handle, String policyName)
    {
        return handle.createQuery(SELECT_POLICY + " WHERE p.name_key = :key").bind("key", IdentityDao.key(policyName))
                .map((rs, ctx) -> policy(rs)).findOne();
    }

    List<ManagedPolicy> policies(Handle handle)
    {
        return handle.createQuery(SELECT_POLICY + " ORDER BY p.name_key").map((rs, ctx) -> policy(rs)).list();
    }

    int nextVersion(Handle handle, String arn)
    {
        return handle.createQuery("SELECT next_version FROM iam_policies WHERE arn = :arn").bind("arn", arn).mapTo(Integer.class).one();
    }

    void updateVersions(Handle handle, String arn, String defaultVersion, int nextVersion, Instant now)
    {
        handle.createUpdate("UPDATE iam_policies SET default_version = :defaultVersion, next_version = :next, updated_at = :now WHERE arn = :arn")
                .bind("defaultVersion", defaultVersion).bind("next", nextVersion).bind("now", now.toEpochMilli()).bind("arn", arn).execute();
    }

    void deletePolicy(Handle handle, String arn)
    {
        handle.createUpdate("DELETE FROM iam_policy_versions WHERE policy_arn = :arn").bind("arn", arn).execute();
        handle.createUpdate("DELETE FROM iam_policies WHERE arn = :arn").bind("arn", arn).execute();
    }

    void insertVersion(Handle handle, String arn, String versionId, String document, Instant now)
    {
        handle.createUpdate("INSERT INTO iam_policy_versions (policy_arn, version_id, document, created_at) VALUES (:arn, :version, :document, :now)")
                .bind("arn", arn).bind("version", versionId).bind("document", document).bind("now", now.toEpochMilli()).execute();
    }

    void deleteVersion(Handle handle, String arn, String versionId)
    {
        handle.createUpdate("DELETE FROM iam_policy_versions WHERE policy_arn = :arn AND version_id = :version")
                .bind("arn", arn).bind("version", versionId).execute();
    }

    /** Oldest first. */
    List<PolicyVersion> versions(Handle handle, String arn)
    {
        return handle.createQuery("""
                SELECT v.*, p.default_version FROM iam_policy_versions v JOIN iam_policies p ON p.arn = v.policy_arn
                WHERE v.policy_arn = :arn ORDER BY v.created_at, v.version_id""")
                .bind("arn", arn)
                .map((rs, ctx) -> new PolicyVersion(rs.getString("version_id"), rs.getString("document"),
                        rs.getString("version_id").equals(rs.getString("default_version")), Instant.ofEpochMilli(rs.getLong("created_at"))))
                .list();
    }

    void attach(Handle handle, PrincipalKind kind, String principalName, String policyArn)
    {
        handle.createUpdate("INSERT OR IGNORE INTO iam_attached_policies (principal_kind, principal_key, policy_arn) VALUES (:kind, :key, :arn)")
                .bind("kind", kind.name()).bind("key", IdentityDao.key(principalName)).bind("arn", policyArn).execute();
    }

    boolean detach(Handle handle, PrincipalKind kind, String principalName, String policyArn)
    {
        return handle.createUpdate("DELETE FROM iam_attached_policies WHERE principal_kind = :kind AND principal_key = :key AND policy_arn = :arn")
                .bind("kind", kind.name()).bind("key", IdentityDao.key(principalName)).bind("arn", policyArn).execute() > 0;
    }

    /** ARNs of the managed policies attached to the principal, sorted. */
    List<String> attached(Handle handle, PrincipalKind kind, String principalName)
    {
        return handle.createQuery("SELECT policy_arn FROM iam_attached_policies WHERE principal_kind = :kind AND principal_key = :key ORDER BY policy_arn")
                .bind("kind", kind.name()).bind("key", IdentityDao.key(principalName)).mapTo(String.class).list();
    }

    void putInline(Handle handle, InlinePolicy policy)
    {
        handle.createUpdate("""
                INSERT INTO iam_inline_policies (principal_kind, principal_key, name_key, policy_name, document)
                VALUES (:kind, :key, :nameKey, :name, :document)
                ON CONFLICT (principal_kind, principal_key, name_key) DO UPDATE SET document = excluded.document""")
                .bind("kind", policy.kind().name()).bind("key", IdentityDao.key(policy.principalName()))
                .bind("nameKey", IdentityDao.key(policy.policyName())).bind("name", policy.policyName()).bind("document", policy.document())
                .execute();
    }

    boolean deleteInline(Handle handle, PrincipalKind kind, String principalName, String policyName)
    {
        return handle.createUpdate("DELETE FROM iam_inline_policies WHERE principal_kind = :kind AND principal_key = :key AND name_key = :nameKey")
                .bind("kind", kind.name()).bind("key", IdentityDao.key(principalName)).bind("nameKey", IdentityDao.key(policyName)).execute() > 0;
    }

    /** Sorted by policy name. */
    List<InlinePolicy> inline(Handle handle, PrincipalKind kind, String principalName)
    {
        return handle.createQuery("SELECT * FROM iam_inline_policies WHERE principal_kind = :kind AND principal_key = :key ORDER BY name_key")
                .bind("kind", kind.name()).bind("key", IdentityDao.key(principalName))
                .map((rs, ctx) -> new InlinePolicy(kind, principalName, rs.getString("policy_name"), rs.getString("document")))
                .list();
    }

    /** Removes what the principal's deletion leaves behind; callers first refuse while any is left, as IAM does. */
    void forgetPrincipal(Handle handle, PrincipalKind kind, String principalName)
    {
        handle.createUpdate("DELETE FROM iam_attached_policies WHERE principal_kind = :kind AND principal_key = :key")
                .bind("kind", kind.name()).bind("key", IdentityDao.key(principalName)).execute();
        handle.createUpdate("DELETE FROM iam_inline_policies WHERE principal_kind = :kind AND principal_key = :key")
                .bind("kind", kind.name()).bind("key", IdentityDao.key(principalName)).execute();
    }

    private static final String SELECT_POLICY = """
            SELECT p.*, (SELECT COUNT(*) FROM iam_attached_policies a WHERE a.policy_arn = p.arn) AS attachment_count
            FROM iam_policies p""";

    private ManagedPolicy policy(ResultSet rs)
            throws SQLException
    {
        return new ManagedPolicy(rs.getString("arn"), rs.getString("policy_name"), rs.getString("policy_id"), rs.getString("path"),
                Optional.ofNullable(rs.getString("description")), rs.getString("default_version"), rs.getInt("attachment_count"),
                tags.read(rs.getString("tags_json")), Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")));
    }
}
