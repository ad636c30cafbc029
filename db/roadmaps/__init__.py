"""Feuilles de route: the regional one and each working group's, made of actions carried
by a person or an MD, with their horizon, status, progress and history, and the forum
contributions and fiches projet they come from; their exports (Markdown, XLSX, PDF)."""

from db.roadmaps.actions import (
    ActionInput,
    add_source,
    create_action,
    delete_action,
    may_edit,
    remove_source,
    update_action,
)
from db.roadmaps.browse import (
    RoadmapSummary,
    get_action,
    list_actions,
    list_actions_of_post,
    list_owner_choices,
    list_roadmaps,
    list_sources,
)
from db.roadmaps.model import (
    REGION,
    STATUSES,
    Action,
    ActionCard,
    Change,
    Source,
    roadmap_key,
    roadmap_name,
)

__all__ = [
    "REGION", "STATUSES", "Action", "ActionCard", "ActionInput", "Change", "RoadmapSummary",
    "Source", "add_source", "create_action", "delete_action", "get_action", "list_actions",
    "list_actions_of_post", "list_owner_choices", "list_roadmaps", "list_sources",
    "may_edit", "remove_source", "roadmap_key", "roadmap_name", "update_action",
]
