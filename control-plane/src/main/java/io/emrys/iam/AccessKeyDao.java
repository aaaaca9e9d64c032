package io.emrys.iam;

import io.emrys.api.auth.Caller;
import io.emrys.api.auth.Credential;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** The {@code account_keys} table. */
public final class AccessKeyDao
{
    public void insert(Handle handle, Credential credential, Instant now)
    {
        handle.createUpdate("""
                INSERT INTO account_keys (access_key_id, secret_key, principal_arn, account_id, created_at)
                VALUES (:id, :secret, :principal, :account, :createdAt)
                """)
                .bind("id", credential.accessKeyId())
                .bind("secret", credential.secretAccessKey())
                .bind("principal", credential.caller().principalArn())
                .bind("account", credential.caller().accountId())
                .bind("createdAt", now.toEpochMilli())
                .execute();
    }

    public List<Credential> all(Handle handle)
    {
        return handle.createQuery("SELECT * FROM account_keys ORDER BY created_at, access_key_id")
                .map((rs, ctx) -> {
                    String accessKeyId = rs.getString("access_key_id");
                    return new Credential(accessKeyId, rs.getString("secret_key"),
                            new Caller(rs.getString("account_id"), rs.getString("principal_arn"), accessKeyId));
                })
                .list();
    }
}
