package io.emrys.api.iam;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.common.Page;
import io.emrys.iam.AccessKeyInfo;
import io.emrys.iam.IamGroup;
import io.emrys.iam.IamRole;
import io.emrys.iam.IamTag;
import io.emrys.iam.IamUser;
import io.emrys.iam.ManagedPolicy;
import io.emrys.iam.PolicyVersion;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiConsumer;

/** IAM's output structures as normalized documents (member names of the IAM model). */
final class IamOutputs
{
    private IamOutputs() {}

    static ObjectNode object()
    {
        return JsonNodeFactory.instance.objectNode();
    }

    static ObjectNode user(IamUser user)
    {
        ObjectNode node = object().put("Path", user.path()).put("UserName", user.userName()).put("UserId", user.userId()).put("Arn", user.arn())
                .put("CreateDate", user.createDate().toString());
        tags(node, user.tags());
        return node;
    }

    static ObjectNode group(IamGroup group)
    {
        return object().put("Path", group.path()).put("GroupName", group.groupName()).put("GroupId", group.groupId()).put("Arn", group.arn())
                .put("CreateDate", group.createDate().toString());
    }

    /** With its trust policy, as GetRole, CreateRole and ListRoles show it. */
    static ObjectNode role(IamRole role)
    {
        ObjectNode node = object().put("Path", role.path()).put("RoleName", role.roleName()).put("RoleId", role.roleId()).put("Arn", role.arn())
                .put("CreateDate", role.createDate().toString()).put("AssumeRolePolicyDocument", policyDocument(role.trustPolicy()))
                .put("MaxSessionDuration", role.maxSessionDuration());
        role.description().ifPresent(description -> node.put("Description", description));
        tags(node, role.tags());
        return node;
    }

    static ObjectNode policy(ManagedPolicy policy)
    {
        ObjectNode node = object().put("PolicyName", policy.policyName()).put("PolicyId", policy.policyId()).put("Arn", policy.arn())
                .put("Path", policy.path()).put("DefaultVersionId", policy.defaultVersionId()).put("AttachmentCount", policy.attachmentCount())
                .put("PermissionsBoundaryUsageCount", 0).put("IsAttachable", true)
                .put("CreateDate", policy.createDate().toString()).put("UpdateDate", policy.updateDate().toString());
        policy.description().ifPresent(description -> node.put("Description", description));
        tags(node, policy.tags());
        return node;
    }

    static ObjectNode version(PolicyVersion version)
    {
        return object().put("Document", policyDocument(version.document())).put("VersionId", version.versionId())
                .put("IsDefaultVersion", version.isDefaultVersion()).put("CreateDate", version.createDate().toString());
    }

    static ObjectNode keyMetadata(AccessKeyInfo key)
    {
        return object().put("UserName", key.userName()).put("AccessKeyId", key.accessKeyId()).put("Status", key.status())
                .put("CreateDate", key.createDate().toString());
    }

    static ObjectNode attached(ManagedPolicy policy)
    {
        return object().put("PolicyName", policy.policyName()).put("PolicyArn", policy.arn());
    }

    /**
     * IAM returns policy documents URL-encoded (RFC 3986); boto3 and the CLI decode them, the Java SDK leaves that to
     * its user, exactly as against AWS.
     */
    static String policyDocument(String document)
    {
        return URLEncoder.encode(document, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Adds {@code member} with the page's items and IAM's {@code IsTruncated}/{@code Marker}. */
    static <T> ObjectNode page(String member, Page<T> page, BiConsumer<ArrayNode, T> add)
    {
        ObjectNode output = object();
        ArrayNode items = output.putArray(member);
        page.items().forEach(item -> add.accept(items, item));
        output.put("IsTruncated", page.nextToken().isPresent());
        page.nextToken().ifPresent(marker -> output.put("Marker", marker));
        return output;
    }

    private static void tags(ObjectNode node, List<IamTag> tags)
    {
        if (!tags.isEmpty()) {
            ArrayNode list = node.putArray("Tags");
            tags.forEach(tag -> list.addObject().put("Key", tag.key()).put("Value", tag.value()));
        }
    }
}
