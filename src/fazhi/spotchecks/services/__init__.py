"""All writes of the spot-check app (STYLE §4). Import from here: `from fazhi.spotchecks import services`.

- directory: entity_directory_write (the importer's write step), conflict_declare (回避)
- plans: plan_create, plan_commit (publish the hashes), plan_draw (reveal the seed, create tasks)
- tasks: task_result_record (as an enforcement inspection), plan_results_publish
"""

from fazhi.spotchecks.services.directory import (
    DirectoryWriteResult,
    EntityRow,
    conflict_declare,
    entity_directory_write,
)
from fazhi.spotchecks.services.plans import DepartmentSpec, default_quotas, plan_commit, plan_create, plan_draw
from fazhi.spotchecks.services.tasks import plan_results_publish, task_result_record

__all__ = [
    "DepartmentSpec",
    "DirectoryWriteResult",
    "EntityRow",
    "conflict_declare",
    "default_quotas",
    "entity_directory_write",
    "plan_commit",
    "plan_create",
    "plan_draw",
    "plan_results_publish",
    "task_result_record",
]
