"""OpenAPI schema: no enum-name collisions anywhere, and nothing from the enforcement API (drf-spectacular).

`fazhi spectacular --validate --fail-on-warn` must pass. Enum names are fixed in
settings.SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]; the enforcement case serializer has its own
component name. Warnings of other apps are listed in the failure message, not asserted here,
while those apps are still being written (see docs/enforcement.md §7).
"""

from __future__ import annotations

from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator


def _generate() -> tuple[dict[str, object], list[str]]:
    GENERATOR_STATS.reset()
    with GENERATOR_STATS.silence():
        schema = SchemaGenerator().get_schema(request=None, public=True)
    messages = [*GENERATOR_STATS._warn_cache, *GENERATOR_STATS._error_cache]
    GENERATOR_STATS.reset()
    return schema, messages


def test_schema_has_no_enum_collisions_and_no_enforcement_warnings() -> None:
    schema, messages = _generate()
    enum_warnings = [m for m in messages if "ENUM_NAME_OVERRIDES" in m or "choice set" in m]
    assert enum_warnings == [], enum_warnings
    ours = [m for m in messages if "enforcement" in m]
    assert ours == [], ours
    components = schema["components"]["schemas"]  # type: ignore[index]
    assert {"PenaltyCaseStatusEnum", "PenaltyCaseOutcomeEnum", "EvidenceStageEnum", "PenaltyCaseOutput"} <= set(
        components
    )
    assert not [name for name in components if name.endswith("Enum") and name[-7:-4].isalnum() and name[-7:-4].islower()
                and any(ch.isdigit() for ch in name[-7:-4])]  # fmt: skip  # no hash-suffixed names like Status5faEnum
