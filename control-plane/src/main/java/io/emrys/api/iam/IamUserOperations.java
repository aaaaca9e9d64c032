package io.emrys.api.iam;

import static io.emrys.api.iam.IamInputs.optional;
import static io.emrys.api.iam.IamInputs.required;
import static io.emrys.api.iam.IamOutputs.object;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrys.common.Credential;
import io.emrys.api.protocol.OperationCall;
import io.emrys.api.protocol.OperationHandler;
import io.emrys.common.Page;
import io.emrys.iam.AccessKeyInfo;
import io.emrys.iam.IamGroup;
import io.emrys.iam.IamGroups;
import io.emrys.iam.IamUser;
import io.emrys.iam.IamUsers;
import java.util.Map;

/** Users, their access keys and groups. */
final class IamUserOperations
{
    private final IamUsers users;
    private final IamGroups groups;

    IamUserOperations(IamUsers users, IamGroups groups)
    {
        this.users = requireNonNull(users, "users is null");
        this.groups = requireNonNull(groups, "groups is null");
    }

    void register(Map<String, OperationHandler> handlers)
    {
        handlers.put("CreateUser", call -> object().set("User", IamOutputs.user(
                users.create(required(call.input(), "UserName"), optional(call.input(), "Path"), IamInputs.tags(call.input())))));
        handlers.put("GetUser", call -> object().set("User", IamOutputs.user(users.get(IamInputs.userOrCaller(call.input(), call.caller())))));
        handlers.put("ListUsers", call -> IamOutputs.page("Users",
                IamInputs.page(call.input(), users.list(optional(call.input(), "PathPrefix")), user -> IamInputs.sortKey(user.userName())),
                (list, user) -> list.add(IamOutputs.user(user))));
        handlers.put("DeleteUser", call -> {
            users.delete(required(call.input(), "UserName"));
            return object();
        });
        handlers.put("CreateAccessKey", this::createAccessKey);
        handlers.put("ListAccessKeys", call -> {
            Page<AccessKeyInfo> page = IamInputs.page(call.input(), users.accessKeys(IamInputs.userOrCaller(call.input(), call.caller())),
                    AccessKeyInfo::accessKeyId);
            return IamOutputs.page("AccessKeyMetadata", page, (list, key) -> list.add(IamOutputs.keyMetadata(key)));
        });
        handlers.put("UpdateAccessKey", call -> {
            users.updateAccessKey(IamInputs.userOrCaller(call.input(), call.caller()), required(call.input(), "AccessKeyId"),
                    required(call.input(), "Status"));
            return object();
        });
        handlers.put("DeleteAccessKey", call -> {
            users.deleteAccessKey(IamInputs.userOrCaller(call.input(), call.caller()), required(call.input(), "AccessKeyId"));
            return object();
        });
        handlers.put("CreateGroup", call -> object().set("Group", IamOutputs.group(
                groups.create(required(call.input(), "GroupName"), optional(call.input(), "Path")))));
        handlers.put("GetGroup", this::getGroup);
        handlers.put("ListGroups", call -> IamOutputs.page("Groups",
                IamInputs.page(call.input(), groups.list(optional(call.input(), "PathPrefix")), group -> IamInputs.sortKey(group.groupName())),
                (list, group) -> list.add(IamOutputs.group(group))));
        handlers.put("ListGroupsForUser", call -> IamOutputs.page("Groups",
                IamInputs.page(call.input(), groups.groupsOf(required(call.input(), "UserName")), group -> IamInputs.sortKey(group.groupName())),
                (list, group) -> list.add(IamOutputs.group(group))));
        handlers.put("DeleteGroup", call -> {
            groups.delete(required(call.input(), "GroupName"));
            return object();
        });
        handlers.put("AddUserToGroup", call -> {
            groups.addUser(required(call.input(), "GroupName"), required(call.input(), "UserName"));
            return object();
        });
        handlers.put("RemoveUserFromGroup", call -> {
            groups.removeUser(required(call.input(), "GroupName"), required(call.input(), "UserName"));
            return object();
        });
    }

    private ObjectNode createAccessKey(OperationCall call)
    {
        String userName = IamInputs.userOrCaller(call.input(), call.caller());
        Credential key = users.createAccessKey(userName);
        ObjectNode accessKey = object().put("UserName", users.get(userName).userName()).put("AccessKeyId", key.accessKeyId()).put("Status", "Active")
                .put("SecretAccessKey", key.secretAccessKey());
        users.accessKeys(userName).stream().filter(info -> info.accessKeyId().equals(key.accessKeyId())).findFirst()
                .ifPresent(info -> accessKey.put("CreateDate", info.createDate().toString()));
        return object().set("AccessKey", accessKey);
    }

    private ObjectNode getGroup(OperationCall call)
    {
        IamGroups.GroupMembers members = groups.get(required(call.input(), "GroupName"));
        ObjectNode output = IamOutputs.page("Users", IamInputs.page(call.input(), members.users(), user -> IamInputs.sortKey(user.userName())),
                (list, user) -> list.add(IamOutputs.user(user)));
        output.set("Group", IamOutputs.group(members.group()));
        return output;
    }
}
