package io.emrys.iam;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emrys.error.EmrysException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * IAM identities and policies declared in a JSON file that the server applies at every start, so that an operator
 * can keep an account's setup in version control. Applying creates what is missing, brings declared inline policies,
 * managed policy documents (as a new default version), trust policies, group memberships and attachments to what the
 * file says, and leaves everything else (access keys, and whatever the API created) alone, so it is safe to repeat:
 * <pre>{@code
 * {"policies": [{"name": "read-apps", "path": "/", "description": "...", "document": {...}}],
 *  "groups":   [{"name": "analysts", "managedPolicies": ["read-apps"], "policies": {"inline-name": {...}}}],
 *  "users":    [{"name": "alice", "path": "/", "groups": ["analysts"], "managedPolicies": [], "policies": {}}],
 *  "roles":    [{"name": "job-role", "trustPolicy": {...}, "maxSessionDuration": 3600, "managedPolicies": [], "policies": {}}]}
 * }</pre>
 * A managed policy is named by its name (a policy of this file or of the account) or its ARN. A file that does not
 * parse or declares something IAM would refuse stops the start with the reason; what came before it is kept.
 */
public final class IamDeclarations
{
    private static final Set<String> SECTIONS = Set.of("policies", "groups", "users", "roles");

    private final IamModule iam;
    private final ObjectMapper json;

    public IamDeclarations(IamModule iam, ObjectMapper json)
    {
        this.iam = requireNonNull(iam, "iam is null");
        this.json = requireNonNull(json, "json is null");
    }

    public void apply(Path file)
    {
        JsonNode root;
        try {
            root = json.readTree(Files.readString(file));
        }
        catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the IAM file " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("The IAM file " + file + " must hold a JSON object with " + SECTIONS);
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!SECTIONS.contains(name)) {
                throw new IllegalArgumentException("The IAM file " + file + " has an unknown section '" + name + "'; it may have " + SECTIONS);
            }
        }
        try {
            root.path("policies").forEach(this::policy);
            root.path("groups").forEach(this::group);
            root.path("users").forEach(this::user);
            root.path("roles").forEach(this::role);
        }
        catch (EmrysException e) {
            throw new IllegalArgumentException("The IAM file " + file + " declares what IAM refuses: " + e.getMessage(), e);
        }
    }

    private void policy(JsonNode declared)
    {
        String name = text(declared, "name");
        String document = document(declared, "document");
        Optional<ManagedPolicy> existing = iam.policies().list(Optional.empty(), false, "Local").stream()
                .filter(policy -> IdentityDao.key(policy.policyName()).equals(IdentityDao.key(name)))
                .findFirst();
        if (existing.isEmpty()) {
            iam.policies().create(name, optionalText(declared, "path"), document, optionalText(declared, "description"), List.of());
            return;
        }
        String arn = existing.get().arn();
        if (!sameJson(iam.policies().version(arn, existing.get().defaultVersionId()).document(), document)) {
            List<PolicyVersion> versions = iam.policies().versions(arn);
            if (versions.size() >= IamPolicies.MAX_VERSIONS) {
                // the oldest version that is not the default makes room, as an operator would delete it by hand
                PolicyVersion oldest = versions.stream().filter(version -> !version.isDefaultVersion()).reduce((newer, older) -> older).orElseThrow();
                iam.policies().deleteVersion(arn, oldest.versionId());
            }
            iam.policies().createVersion(arn, document, true);
        }
    }

    private void group(JsonNode declared)
    {
        String name = text(declared, "name");
        if (iam.groups().list(Optional.empty()).stream().noneMatch(group -> IdentityDao.key(group.groupName()).equals(IdentityDao.key(name)))) {
            iam.groups().create(name, optionalText(declared, "path"));
        }
        policies(PrincipalKind.GROUP, name, declared);
    }

    private void user(JsonNode declared)
    {
        String name = text(declared, "name");
        if (iam.users().list(Optional.empty()).stream().noneMatch(user -> IdentityDao.key(user.userName()).equals(IdentityDao.key(name)))) {
            iam.users().create(name, optionalText(declared, "path"), List.of());
        }
        declared.path("groups").forEach(group -> iam.groups().addUser(group.asText(), name));
        policies(PrincipalKind.USER, name, declared);
    }

    private void role(JsonNode declared)
    {
        String name = text(declared, "name");
        String trust = document(declared, "trustPolicy");
        Optional<IamRole> existing = iam.roles().list(Optional.empty()).stream()
                .filter(role -> IdentityDao.key(role.roleName()).equals(IdentityDao.key(name)))
                .findFirst();
        if (existing.isEmpty()) {
            Optional<Integer> maxSession = declared.has("maxSessionDuration") ? Optional.of(declared.get("maxSessionDuration").asInt()) : Optional.empty();
            iam.roles().create(name, optionalText(declared, "path"), trust, optionalText(declared, "description"), maxSession, List.of());
        }
        else if (!sameJson(existing.get().trustPolicy(), trust)) {
            iam.roles().updateTrustPolicy(name, trust);
        }
        policies(PrincipalKind.ROLE, name, declared);
    }

    private void policies(PrincipalKind kind, String principal, JsonNode declared)
    {
        for (Iterator<Map.Entry<String, JsonNode>> inline = declared.path("policies").fields(); inline.hasNext(); ) {
            Map.Entry<String, JsonNode> policy = inline.next();
            iam.principalPolicies().putInline(kind, principal, policy.getKey(), write(policy.getValue()));
        }
        List<String> attached = iam.principalPolicies().attached(kind, principal).stream().map(ManagedPolicy::arn).toList();
        for (JsonNode managed : declared.path("managedPolicies")) {
            String arn = managedArn(managed.asText());
            if (!attached.contains(arn)) {
                iam.principalPolicies().attach(kind, principal, arn);
            }
        }
    }

    private String managedArn(String nameOrArn)
    {
        if (nameOrArn.startsWith("arn:")) {
            return nameOrArn;
        }
        return iam.policies().list(Optional.empty(), false, "Local").stream()
                .filter(policy -> IdentityDao.key(policy.policyName()).equals(IdentityDao.key(nameOrArn)))
                .findFirst()
                .map(ManagedPolicy::arn)
                .orElseThrow(() -> new IllegalArgumentException("The IAM file names a managed policy that does not exist: " + nameOrArn));
    }

    private static String text(JsonNode declared, String member)
    {
        JsonNode value = declared.get(member);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("The IAM file has an entry without '" + member + "': " + declared);
        }
        return value.asText();
    }

    private static Optional<String> optionalText(JsonNode declared, String member)
    {
        return Optional.ofNullable(declared.get(member)).filter(JsonNode::isTextual).map(JsonNode::asText);
    }

    private String document(JsonNode declared, String member)
    {
        JsonNode document = declared.get(member);
        if (document == null || !document.isObject()) {
            throw new IllegalArgumentException("The IAM file's entry " + declared.path("name") + " needs '" + member + "' as a JSON object");
        }
        return write(document);
    }

    private String write(JsonNode document)
    {
        try {
            return json.writeValueAsString(document);
        }
        catch (IOException e) {
            throw new IllegalStateException("cannot write a parsed JSON document", e);
        }
    }

    private boolean sameJson(String stored, String declared)
    {
        try {
            return json.readTree(stored).equals(json.readTree(declared));
        }
        catch (IOException e) {
            return false;
        }
    }
}
