"""OpenAPI schema: no enum-name collisions anywhere, and nothing from the enforcement API (drf-spectacular).

`fazhi spectacular --validate --fail-on-warn` must pass. Enum names are fixed in
settings.SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]; the enforcement case serializer has its own
component name. Any warning of any app fails the test.
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


def test_schema_generates_without_any_warning_or_error() -> None:
    # The same check as `fazhi spectacular --validate --fail-on-warn`, for every app's API.
    schema, messages = _generate()
    assert messages == [], messages
    components = schema["components"]["schemas"]  # type: ignore[index]
    assert {"PenaltyCaseStatusEnum", "PenaltyCaseOutcomeEnum", "EvidenceStageEnum", "PenaltyCaseOutput"} <= set(
        components
    )
    assert not [name for name in components if name.endswith("Enum") and name[-7:-4].isalnum() and name[-7:-4].islower()
                and any(ch.isdigit() for ch in name[-7:-4])]  # fmt: skip  # no hash-suffixed names like Status5faEnum
