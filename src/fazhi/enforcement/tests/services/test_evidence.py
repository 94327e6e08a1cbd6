import io
from datetime import date

import pytest

from fazhi.core.audit.models import AuditEventType
from fazhi.core.errors import Conflict, DomainError
from fazhi.enforcement import selectors, services
from fazhi.enforcement.models import Evidence
from fazhi.enforcement.tests.assertions import assert_one_audit, last_event
from fazhi.enforcement.tests.factories import open_case, record_inspection

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n" + b"x" * 100


def add(world, owner: dict, content: bytes = PDF, **overrides):  # type: ignore[no-untyped-def]
    values = {
        "actor": world.cast.inspector_north, "stream": io.BytesIO(content), "original_name": "笔录.pdf",
        "content_type": "application/pdf", "evidence_type": "record", "stage": "investigation",
        "title": "现场笔录", "collected_on": date(2026, 3, 4), **owner,
    }  # fmt: skip
    values.update(overrides)
    return services.evidence_add(**values)


def test_art46_evidence_is_stored_once_by_sha256(world, media) -> None:
    case = open_case(world)
    inspection = record_inspection(world)
    first = add(world, {"case": case})
    second = add(world, {"inspection": inspection})
    assert first.sha256 == second.sha256 and first.storage_name == f"evidence/{first.sha256[:2]}/{first.sha256}"
    files = [p for p in media.rglob("*") if p.is_file()]
    assert len(files) == 1 and files[0].read_bytes() == PDF
    assert_one_audit(AuditEventType.EVIDENCE_ADDED, first)
    assert last_event(case).type == "evidence_added"
    assert selectors.evidence_open(evidence=first).read() == PDF
    with pytest.raises(Conflict):
        add(world, {"case": case})
    assert Evidence.objects.count() == 2


@pytest.mark.parametrize(
    ("_case", "overrides", "code"),
    [
        ("type not allowed for 书证", {"content_type": "video/mp4", "evidence_type": "documentary"},
         "evidence.content_type_not_allowed"),
        ("declared pdf is a png", {"content": b"\x89PNG\r\n\x1a\nrest"}, "evidence.content_type_mismatch"),
        ("三项制度: seizure without audio-video", {"stage": "seizure"}, "evidence.audio_video_required"),
    ],
)  # fmt: skip
def test_refused_evidence_stores_nothing(world, media, _case, overrides, code) -> None:  # type: ignore[no-untyped-def]
    case = open_case(world)
    content = overrides.pop("content", PDF)
    with pytest.raises(DomainError) as error:
        add(world, {"case": case}, content=content, **overrides)
    assert error.value.code == code
    assert not Evidence.objects.exists() and not [p for p in media.rglob("*") if p.is_file()]


def test_size_limit_comes_from_settings(world, media, settings) -> None:
    settings.FAZHI_EVIDENCE_MAX_BYTES = 50
    with pytest.raises(DomainError) as error:
        add(world, {"case": open_case(world)})
    assert error.value.code == "evidence.too_large"


def test_seizure_with_audio_video_is_accepted(world, media) -> None:
    evidence = add(world, {"case": open_case(world)}, stage="seizure", audio_video_recorded=True)
    assert evidence.audio_video_recorded
