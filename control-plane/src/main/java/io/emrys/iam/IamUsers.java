package io.emrys.iam;

import static java.util.Objects.requireNonNull;

import io.emrys.common.AccessKeyGenerator;
import io.emrys.common.Caller;
import io.emrys.common.Credential;
import io.emrys.error.EmrysException;
import io.emrys.error.ErrorCode;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** IAM users and their access keys: CreateUser ... DeleteUser, CreateAccessKey ... DeleteAccessKey. */
public final class IamUsers
{
    /** IAM's quota of access keys per user. */
    static final int KEYS_PER_USER = 2;

    private final IamContext iam;
    private final AccessKeyGenerator generator;

    IamUsers(IamContext iam, AccessKeyGenerator generator)
    {
        this.iam = requireNonNull(iam, "iam is null");
        this.generator = requireNonNull(generator, "generator is null");
    }

    public IamUser create(String userName, Optional<String> path, List<IamTag> tags)
    {
        String userPath = path.orElse("/");
        return iam.write(handle -> {
            if (iam.identities.user(handle, userName).isPresent()) {
                throw EmrysException.alreadyExists("User with name " + userName + " already exists.");
            }
            IamUser user = new IamUser(userName, iam.ids.next(IamIds.USER), userPath, iam.arn("user", userPath, userName), tags, iam.clock.instant());
            iam.identities.insertUser(handle, user);
            return user;
        });
    }

    public IamUser get(String userName)
    {
        return iam.read(handle -> iam.user(handle, userName));
    }

    /** Sorted by name, as IAM lists them. */
    public List<IamUser> list(Optional<String> pathPrefix)
    {
        String prefix = pathPrefix.orElse("/");
        return iam.read(iam.identities::users).stream().filter(user -> user.path().startsWith(prefix)).toList();
    }

    public void delete(String userName)
    {
        iam.write(handle -> {
            IamUser user = iam.user(handle, userName);
            if (!keysOf(handle, user).isEmpty()) {
                throw IamContext.deleteConflict("Cannot delete entity, must delete access keys first.");
            }
            if (!iam.policies.inline(handle, PrincipalKind.USER, userName).isEmpty()) {
                throw IamContext.deleteConflict("Cannot delete entity, must delete policies first.");
            }
            if (!iam.policies.attached(handle, PrincipalKind.USER, userName).isEmpty()) {
                throw IamContext.deleteConflict("Cannot delete entity, must detach all policies first.");
            }
            if (!iam.identities.groupsOf(handle, userName).isEmpty()) {
                throw IamContext.deleteConflict("Cannot delete entity, must remove users from group first.");
            }
            iam.identities.deleteUser(handle, userName);
            return null;
        });
    }

    /** A new key for the user; the only time its secret is returned. */
    public Credential createAccessKey(String userName)
    {
        Credential created = iam.write(handle -> {
            IamUser user = iam.user(handle, userName);
            if (keysOf(handle, user).size() >= KEYS_PER_USER) {
                throw new EmrysException(ErrorCode.SERVICE_QUOTA_EXCEEDED, "Cannot exceed quota for AccessKeysPerUser: " + KEYS_PER_USER);
            }
            String accessKeyId = generator.newAccessKeyId();
            Credential credential = new Credential(accessKeyId, generator.newSecretAccessKey(), new Caller(iam.accountId, user.arn(), accessKeyId));
            iam.keys.insert(handle, credential, Optional.of(userName), iam.clock.instant());
            return credential;
        });
        iam.keyStore.register(created);
        return created;
    }

    public List<AccessKeyInfo> accessKeys(String userName)
    {
        return iam.read(handle -> {
            IamUser user = iam.user(handle, userName);
            return keysOf(handle, user).stream()
                    .map(key -> new AccessKeyInfo(user.userName(), key.credential().accessKeyId(), key.status(), key.createdAt()))
                    .toList();
        });
    }

    /** @param status {@code Active} or {@code Inactive} (the model's enum) */
    public void updateAccessKey(String userName, String accessKeyId, String status)
    {
        Credential credential = iam.write(handle -> {
            AccessKeyDao.StoredKey key = key(handle, userName, accessKeyId);
            iam.keys.updateStatus(handle, accessKeyId, status);
            return key.credential();
        });
        if (status.equals("Active")) {
            iam.keyStore.register(credential);
        }
        else {
            iam.keyStore.forget(accessKeyId);
        }
    }

    public void deleteAccessKey(String userName, String accessKeyId)
    {
        iam.write(handle -> {
            key(handle, userName, accessKeyId);
            iam.keys.delete(handle, accessKeyId);
            return null;
        });
        iam.keyStore.forget(accessKeyId);
    }

    /** The user a long-term key belongs to; empty for the root key and unknown keys. */
    public Optional<IamUser> ownerOf(String accessKeyId)
    {
        return iam.read(handle -> iam.keys.all(handle).stream()
                .filter(key -> key.credential().accessKeyId().equals(accessKeyId))
                .findFirst()
                .flatMap(AccessKeyDao.StoredKey::userName)
                .flatMap(name -> iam.identities.user(handle, name)));
    }

    private AccessKeyDao.StoredKey key(Handle handle, String userName, String accessKeyId)
    {
        IamUser user = iam.user(handle, userName);
        return keysOf(handle, user).stream().filter(key -> key.credential().accessKeyId().equals(accessKeyId)).findFirst()
                .orElseThrow(() -> IamContext.noSuchEntity("The Access Key with id " + accessKeyId + " cannot be found."));
    }

    private List<AccessKeyDao.StoredKey> keysOf(Handle handle, IamUser user)
    {
        String key = IdentityDao.key(user.userName());
        return iam.keys.all(handle).stream().filter(stored -> stored.userName().map(key::equals).orElse(false)).toList();
    }
}
