"""Working groups: membership (`work_groups`, re-exported here), the group space,
meetings with attendance, and the directory of MD staff.
"""

from db.groups.work_groups import (
    STATUS_LABELS,
    GroupSummary,
    Member,
    Membership,
    announce,
    create_group,
    decide,
    get_group,
    get_membership,
    join,
    leave,
    list_groups,
    list_members,
    may_manage,
    mute,
    set_coordinator,
    update_group,
)

__all__ = [
    "STATUS_LABELS",
    "GroupSummary",
    "Member",
    "Membership",
    "announce",
    "create_group",
    "decide",
    "get_group",
    "get_membership",
    "join",
    "leave",
    "list_groups",
    "list_members",
    "may_manage",
    "mute",
    "set_coordinator",
    "update_group",
]
