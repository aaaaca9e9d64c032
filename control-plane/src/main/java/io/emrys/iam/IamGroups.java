package io.emrys.iam;

import static java.util.Objects.requireNonNull;

import io.emrys.error.EmrysException;
import java.util.List;
import java.util.Optional;

/** IAM groups and their members: CreateGroup ... DeleteGroup, AddUserToGroup, RemoveUserFromGroup, ListGroupsForUser. */
public final class IamGroups
{
    /** A group and the users in it, as GetGroup answers. */
    public record GroupMembers(IamGroup group, List<IamUser> users)
    {
        public GroupMembers
        {
            requireNonNull(group, "group is null");
            users = List.copyOf(requireNonNull(users, "users is null"));
        }
    }

    private final IamContext iam;

    IamGroups(IamContext iam)
    {
        this.iam = requireNonNull(iam, "iam is null");
    }

    public IamGroup create(String groupName, Optional<String> path)
    {
        String groupPath = path.orElse("/");
        return iam.write(handle -> {
            if (iam.identities.group(handle, groupName).isPresent()) {
                throw EmrysException.alreadyExists("Group with name " + groupName + " already exists.");
            }
            IamGroup group = new IamGroup(groupName, iam.ids.next(IamIds.GROUP), groupPath, iam.arn("group", groupPath, groupName), iam.clock.instant());
            iam.identities.insertGroup(handle, group);
            return group;
        });
    }

    public GroupMembers get(String groupName)
    {
        return iam.read(handle -> {
            IamGroup group = iam.group(handle, groupName);
            List<IamUser> users = iam.identities.membersOf(handle, groupName).stream().map(name -> iam.user(handle, name)).toList();
            return new GroupMembers(group, users);
        });
    }

    public List<IamGroup> list(Optional<String> pathPrefix)
    {
        String prefix = pathPrefix.orElse("/");
        return iam.read(iam.identities::groups).stream().filter(group -> group.path().startsWith(prefix)).toList();
    }

    public List<IamGroup> groupsOf(String userName)
    {
        return iam.read(handle -> {
            iam.user(handle, userName);
            return iam.identities.groupsOf(handle, userName).stream().map(name -> iam.group(handle, name)).toList();
        });
    }

    public void delete(String groupName)
    {
        iam.write(handle -> {
            iam.group(handle, groupName);
            if (!iam.identities.membersOf(handle, groupName).isEmpty()) {
                throw IamContext.deleteConflict("Cannot delete entity, must remove users from group first.");
            }
            if (!iam.policies.inline(handle, PrincipalKind.GROUP, groupName).isEmpty()) {
                throw IamContext.deleteConflict("Cannot delete entity, must delete policies first.");
            }
            if (!iam.policies.attached(handle, PrincipalKind.GROUP, groupName).isEmpty()) {
                throw IamContext.deleteConflict("Cannot delete entity, must detach all policies first.");
            }
            iam.identities.deleteGroup(handle, groupName);
            return null;
        });
    }

    public void addUser(String groupName, String userName)
    {
        iam.write(handle -> {
            iam.group(handle, groupName);
            iam.user(handle, userName);
            iam.identities.addMember(handle, groupName, userName);
            return null;
        });
    }

    public void removeUser(String groupName, String userName)
    {
        iam.write(handle -> {
            iam.group(handle, groupName);
            iam.user(handle, userName);
            iam.identities.removeMember(handle, groupName, userName);
            return null;
        });
    }
}
