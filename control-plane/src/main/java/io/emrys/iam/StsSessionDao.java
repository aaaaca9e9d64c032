package io.emrys.iam;

import static java.util.Objects.requireNonNull;

import io.emrys.common.Caller;
import io.emrys.common.Credential;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The {@code sts_sessions} table: temporary credentials of assumed roles, secret sealed, token kept only as its hash. */
final class StsSessionDao
{
    private final SecretSealer sealer;

    StsSessionDao(SecretSealer sealer)
    {
        this.sealer = requireNonNull(sealer, "sealer is null");
    }

    void insert(Handle handle, RoleSession session, Instant now)
    {
        Credential credential = session.credential();
        handle.createUpdate("""
                INSERT INTO sts_sessions (access_key_id, secret_key, token_sha256, role_key, session_name, principal_arn, session_policy,
                                          source_arn, created_at, expires_at)
                VALUES (:id, :secret, :token, :role, :session, :principal, :policy, :source, :now, :expires)""")
                .bind("id", credential.accessKeyId()).bind("secret", sealer.seal(credential.secretAccessKey()))
                .bind("token", credential.sessionTokenSha256().orElseThrow()).bind("role", IdentityDao.key(session.roleName()))
                .bind("session", session.sessionName()).bind("principal", credential.caller().principalArn())
                .bind("policy", session.sessionPolicy().orElse(null)).bind("source", session.sourceArn())
                .bind("now", now.toEpochMilli()).bind("expires", credential.expiration().orElseThrow().toEpochMilli())
                .execute();
    }

    /** Sessions that have not expired at {@code now}. */
    List<RoleSession> live(Handle handle, Instant now)
    {
        return handle.createQuery("SELECT s.*, r.role_name FROM sts_sessions s JOIN iam_roles r ON r.name_key = s.role_key WHERE s.expires_at > :now")
                .bind("now", now.toEpochMilli())
                .map((rs, ctx) -> {
                    String id = rs.getString("access_key_id");
                    String principal = rs.getString("principal_arn");
                    Credential credential = new Credential(id, sealer.open(rs.getString("secret_key")),
                            new Caller(accountOf(principal), principal, id), Optional.of(rs.getString("token_sha256")),
                            Optional.of(Instant.ofEpochMilli(rs.getLong("expires_at"))));
                    return new RoleSession(credential, rs.getString("role_name"), rs.getString("session_name"),
                            Optional.ofNullable(rs.getString("session_policy")), rs.getString("source_arn"));
                })
                .list();
    }

    int deleteExpired(Handle handle, Instant now)
    {
        return handle.createUpdate("DELETE FROM sts_sessions WHERE expires_at <= :now").bind("now", now.toEpochMilli()).execute();
    }

    int deleteForRole(Handle handle, String roleName)
    {
        return handle.createUpdate("DELETE FROM sts_sessions WHERE role_key = :role").bind("role", IdentityDao.key(roleName)).execute();
    }

    private static String accountOf(String arn)
    {
        return arn.split(":", 6)[4];
    }
}
