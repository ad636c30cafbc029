"""Shared resources: the items and their files (`items`, re-exported here), and
browsing, search, collections (`browse`).
"""

from db.resources.items import (
    FIELDS,
    KIND_LABELS,
    LICENCES,
    ResourceInput,
    Upload,
    clean,
    create_collection,
    create_resource,
    delete_resource,
    download,
    file_in_collection,
    replace_file,
    update_resource,
    url_problem,
)

__all__ = [
    "FIELDS",
    "KIND_LABELS",
    "LICENCES",
    "ResourceInput",
    "Upload",
    "clean",
    "create_collection",
    "create_resource",
    "delete_resource",
    "download",
    "file_in_collection",
    "replace_file",
    "update_resource",
    "url_problem",
]
