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
    join,
    leave,
    list_groups,
    may_manage,
    members,
    membership,
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
    "join",
    "leave",
    "list_groups",
    "may_manage",
    "members",
    "membership",
    "mute",
    "set_coordinator",
    "update_group",
]
