package io.emrys.iam;

import static java.util.Objects.requireNonNull;

import io.emrys.common.AccessKeyGenerator;
import io.emrys.common.Caller;
import io.emrys.common.Credential;
import io.emrys.error.EmrysException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * STS: AssumeRole's temporary credentials and GetCallerIdentity. A session's key is {@code ASIA...}; its token is a
 * random 96-byte value of which only the SHA-256 is stored, so a copy of the database cannot replay a session.
 */
public final class RoleSessions
{
    /** AWS's bound for a session that a role session itself assumed (role chaining). */
    static final Duration ROLE_CHAINING_LIMIT = Duration.ofHours(1);
    /** How long an expired session's key is still known in memory, to be told expired rather than unknown. */
    static final Duration REMEMBERED_AFTER_EXPIRY = Duration.ofDays(1);

    /** What AssumeRole returns: the session and the one copy of its token. */
    public record AssumedRole(RoleSession session, IamRole role, String sessionToken, String assumedRoleId)
    {
        public AssumedRole
        {
            requireNonNull(session, "session is null");
            requireNonNull(role, "role is null");
            requireNonNull(sessionToken, "sessionToken is null");
            requireNonNull(assumedRoleId, "assumedRoleId is null");
        }

        @Override
        public String toString()
        {
            return "AssumedRole[" + session.credential() + "]";
        }
    }

    private final IamContext iam;
    private final IamRoles roles;
    private final IamUsers users;
    private final PolicyDocuments documents;
    private final RoleTrust trust;
    private final AccessKeyGenerator generator;
    private final SecureRandom random;

    RoleSessions(IamContext iam, IamRoles roles, IamUsers users, PolicyDocuments documents, RoleTrust trust, AccessKeyGenerator generator,
            SecureRandom random)
    {
        this.iam = requireNonNull(iam, "iam is null");
        this.roles = requireNonNull(roles, "roles is null");
        this.users = requireNonNull(users, "users is null");
        this.documents = requireNonNull(documents, "documents is null");
        this.trust = requireNonNull(trust, "trust is null");
        this.generator = requireNonNull(generator, "generator is null");
        this.random = requireNonNull(random, "random is null");
        // sessions issued before a restart stay valid until they expire
        iam.read(handle -> iam.sessions.live(handle, iam.clock.instant())).forEach(session -> iam.keyStore.register(session.credential()));
    }

    /**
     * @param duration how long the credentials last: 900 s up to the role's maximum session (one hour when a role session assumes a role)
     * @param sessionPolicy a policy that narrows what the session may do below the role's own policies
     */
    public AssumedRole assume(Caller caller, String roleArn, String sessionName, Optional<Duration> duration, Optional<String> sessionPolicy)
    {
        if (caller.principalArn().equals("arn:aws:iam::" + iam.accountId + ":root")) {
            throw EmrysException.accessDenied("Roles may not be assumed by root accounts.");
        }
        IamRole role = roles.byArn(roleArn).orElseThrow(() -> notAuthorized(caller, roleArn));
        if (!trust.mayAssume(caller, role)) {
            throw notAuthorized(caller, roleArn);
        }
        sessionPolicy.ifPresent(documents::identityPolicy);
        Duration lifetime = duration.orElse(Duration.ofHours(1));
        boolean chained = caller.principalArn().startsWith("arn:aws:sts::");
        if (lifetime.compareTo(Duration.ofSeconds(role.maxSessionDuration())) > 0 || chained && lifetime.compareTo(ROLE_CHAINING_LIMIT) > 0) {
            throw EmrysException.validation("The requested DurationSeconds exceeds the " + (chained ? "1 hour session limit for roles assumed by role chaining."
                    : "MaxSessionDuration set for this role."));
        }
        return issue(role, sessionName, lifetime, sessionPolicy, caller.principalArn());
    }

    /**
     * A session of {@code role} started by an AWS service on its own behalf (EMR Serverless assuming a job's execution
     * role): the caller of {@link ExecutionRoleSessions}, which has checked that the role's trust policy names the service.
     */
    AssumedRole assumeAsService(IamRole role, String servicePrincipal, String sessionName, Duration lifetime, Optional<String> sessionPolicy)
    {
        sessionPolicy.ifPresent(documents::identityPolicy);
        return issue(role, sessionName, lifetime, sessionPolicy, servicePrincipal);
    }

    private AssumedRole issue(IamRole role, String sessionName, Duration lifetime, Optional<String> sessionPolicy, String sourceArn)
    {
        Instant expiration = iam.clock.instant().plus(lifetime);
        String accessKeyId = generator.newTemporaryAccessKeyId();
        byte[] tokenBytes = new byte[96];
        random.nextBytes(tokenBytes);
        String token = Base64.getEncoder().encodeToString(tokenBytes);
        String principal = "arn:aws:sts::" + iam.accountId + ":assumed-role/" + role.roleName() + "/" + sessionName;
        Credential credential = new Credential(accessKeyId, generator.newSecretAccessKey(), new Caller(iam.accountId, principal, accessKeyId),
                Optional.of(sha256Hex(token)), Optional.of(expiration));
        RoleSession session = new RoleSession(credential, role.roleName(), sessionName, sessionPolicy, sourceArn);
        iam.write(handle -> {
            iam.sessions.insert(handle, session, iam.clock.instant());
            return null;
        });
        iam.keyStore.register(credential);
        return new AssumedRole(session, role, token, role.roleId() + ":" + sessionName);
    }

    public CallerIdentity identity(Caller caller)
    {
        String arn = caller.principalArn();
        if (arn.equals("arn:aws:iam::" + iam.accountId + ":root")) {
            return new CallerIdentity(iam.accountId, arn, iam.accountId);
        }
        if (arn.startsWith("arn:aws:sts::")) {
            String[] parts = arn.substring(arn.indexOf(":assumed-role/") + ":assumed-role/".length()).split("/", 2);
            String roleId = roles.get(parts[0]).roleId();
            return new CallerIdentity(iam.accountId, arn, roleId + ":" + parts[1]);
        }
        IamUser user = users.ownerOf(caller.accessKeyId()).orElseThrow(() -> new IllegalStateException("No user owns key " + caller.accessKeyId()));
        return new CallerIdentity(iam.accountId, arn, user.userId());
    }

    /**
     * Forgets expired sessions: their keys would be refused anyway, as expired. The server's memory forgets them a
     * day later ({@link #REMEMBERED_AFTER_EXPIRY}), until when their use is answered ExpiredToken.
     */
    public void expire()
    {
        iam.write(handle -> iam.sessions.deleteExpired(handle, iam.clock.instant()));
        iam.keyStore.forgetExpiredBefore(iam.clock.instant().minus(REMEMBERED_AFTER_EXPIRY));
    }

    private static EmrysException notAuthorized(Caller caller, String roleArn)
    {
        return EmrysException.accessDenied("User: " + caller.principalArn() + " is not authorized to perform: sts:AssumeRole on resource: " + roleArn);
    }

    private static String sha256Hex(String token)
    {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
