"""All writes to power lists, check lists, discretion standards, flexible lists and their imports.

Import from here: `from fazhi.powers import services`.

Each service validates with `rules`, writes, and records the audit row in the same transaction. As in
fazhi.orgs.services, they use `transaction.atomic` without `durable=True` on purpose: the importers
compose them into one all-or-nothing transaction per file. Permission is checked by the caller (a
view, the API or an importer) with the scoped selectors, before the service is called.

- in_force_spans: in_force_spans_add, in_force_spans_rebuild (OwnerInForceSpan, derived data; SpanDeltas)
- power_items: power_item_create, power_item_update (权责事项)
- check_items: check_item_create, check_item_update (检查事项)
- discretion: discretion_standard_create, discretion_standard_update (裁量基准)
- flexible_measures: flexible_measure_create, flexible_measure_update (柔性执法三张清单)
- list_imports: power_items_import, check_items_import (PowerItemRow, CheckItemRow, ImportOutcome,
  ImportRowRefused)
- _common: shared helpers (Actor, UNSET, BasisResolver, argument checks, change recording)

The names below are re-exported for callers. A test that patches a name must patch it in the module
that calls it (e.g. `list_imports.in_force_spans_add`): patching it here reaches no caller.
"""

from fazhi.powers.services._common import UNSET, Actor, BasisResolver
from fazhi.powers.services.check_items import check_item_create, check_item_update
from fazhi.powers.services.discretion import discretion_standard_create, discretion_standard_update
from fazhi.powers.services.flexible_measures import flexible_measure_create, flexible_measure_update
from fazhi.powers.services.in_force_spans import SpanDeltas, in_force_spans_add, in_force_spans_rebuild
from fazhi.powers.services.list_imports import (
    CheckItemRow,
    ImportOutcome,
    ImportRowRefused,
    PowerItemRow,
    check_items_import,
    power_items_import,
)
from fazhi.powers.services.power_items import power_item_create, power_item_update

__all__ = [
    "UNSET",
    "Actor",
    "BasisResolver",
    "CheckItemRow",
    "ImportOutcome",
    "ImportRowRefused",
    "PowerItemRow",
    "SpanDeltas",
    "check_item_create",
    "check_item_update",
    "check_items_import",
    "discretion_standard_create",
    "discretion_standard_update",
    "flexible_measure_create",
    "flexible_measure_update",
    "in_force_spans_add",
    "in_force_spans_rebuild",
    "power_item_create",
    "power_item_update",
    "power_items_import",
]
