"""Who takes which step of 案卷评查: the supervisor scores and rechecks, the reviewed unit rectifies (QA #2)."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.audit.models import AuditEvent, AuditEventType
from fazhi.core.errors import Forbidden, NotFound
from fazhi.enforcement.tests.factories import decided_case
from fazhi.orgs.choices import Role
from fazhi.orgs.tests.factories import RoleAssignmentFactory
from fazhi.supervision import services
from fazhi.supervision.choices import ReviewStatus
from fazhi.supervision.forms import RecheckForm, RectificationForm, ScoreForm

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 23)


def _drawn_review(world):
    """A review of a NORTH case, drawn by the supervisor and not yet scored."""
    decided_case(world)
    sample = services.review_sample_draw(
        actor=world.cast.supervisor, unit=world.cast.north, start=date(2026, 1, 1), end=date(2026, 12, 31),
        size=1, seed=7, today=TODAY,
    )  # fmt: skip
    return sample.reviews.select_related("unit").get()


def _scored_review(world):
    """The review scored by the supervisor with a finding: it waits for the unit's 整改."""
    review = _drawn_review(world)
    return services.case_file_review_score(actor=world.cast.supervisor, review=review, reviewed_on=TODAY, today=TODAY)


def _audit_count(event_type):
    return AuditEvent.objects.filter(event_type=event_type).count()


def test_the_supervisor_cannot_submit_the_units_rectification(world):
    review = _scored_review(world)
    assert review.status == ReviewStatus.RECTIFYING

    with pytest.raises(Forbidden) as refused:
        services.review_rectification_submit(actor=world.cast.supervisor, review=review, note="已整改", on=TODAY)

    assert refused.value.code == "supervision.rectification_forbidden"
    assert "单位管理员" in refused.value.message
    review.refresh_from_db()
    assert review.status == ReviewStatus.RECTIFYING and review.rectification_note == ""
    assert _audit_count(AuditEventType.SUPERVISION_RECTIFICATION_SUBMITTED) == 0


def test_out_of_scope_users_get_not_found_and_the_units_admin_rectifies(world):
    review = _scored_review(world)
    south_admin = world.cast.inspector_south
    RoleAssignmentFactory(user=south_admin, role=Role.UNIT_ADMIN, unit=world.cast.south)

    for outsider in (world.cast.inspector_south, world.cast.inspector_north, world.cast.outsider):
        with pytest.raises(NotFound):
            services.review_rectification_submit(actor=outsider, review=review, note="已整改", on=TODAY)

    review = services.review_rectification_submit(
        actor=world.cast.unit_admin_north, review=review, note="已补正送达回证", on=TODAY
    )
    assert review.status == ReviewStatus.RECTIFIED


def test_the_unit_cannot_score_or_recheck_its_own_review(world):
    review = _drawn_review(world)
    with pytest.raises(Forbidden):
        services.case_file_review_score(
            actor=world.cast.unit_admin_north, review=review, reviewed_on=TODAY, today=TODAY
        )
    review.refresh_from_db()
    assert review.status == ReviewStatus.DRAWN and review.score is None

    review = services.case_file_review_score(actor=world.cast.supervisor, review=review, reviewed_on=TODAY, today=TODAY)
    review = services.review_rectification_submit(
        actor=world.cast.unit_admin_north, review=review, note="已补正", on=TODAY
    )
    with pytest.raises(Forbidden):
        services.review_recheck(actor=world.cast.unit_admin_north, review=review, passed=True, note="", on=TODAY)
    with pytest.raises(NotFound):
        services.review_recheck(actor=world.cast.inspector_north, review=review, passed=True, note="", on=TODAY)
    review.refresh_from_db()
    assert review.status == ReviewStatus.RECTIFIED
    assert _audit_count(AuditEventType.SUPERVISION_REVIEW_RECHECKED) == 0


def test_api_rectification_by_the_supervisor_is_403_and_by_an_outsider_404(world, client):
    review = _scored_review(world)
    url = f"/api/v1/supervision/reviews/{review.pk}/rectification/"

    client.force_login(world.cast.supervisor)
    refused = client.post(url, {"note": "已整改"}, content_type="application/json")
    client.force_login(world.cast.inspector_south)
    hidden = client.post(url, {"note": "已整改"}, content_type="application/json")
    client.force_login(world.cast.unit_admin_north)
    recheck = client.post(
        f"/api/v1/supervision/reviews/{review.pk}/recheck/", {"passed": True}, content_type="application/json"
    )
    done = client.post(url, {"note": "已整改"}, content_type="application/json")

    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "supervision.rectification_forbidden"
    assert hidden.status_code == 404
    assert recheck.status_code == 403
    assert done.status_code == 200 and done.json()["status"] == ReviewStatus.RECTIFIED


def test_the_page_shows_the_rectification_form_only_to_the_unit(world, client):
    review = _scored_review(world)
    url = f"/supervision/reviews/{review.pk}/"

    client.force_login(world.cast.supervisor)
    supervisor_page = client.get(url).content.decode()
    refused = client.post(url, {"action": "rectify", "note": "已整改"})
    client.force_login(world.cast.unit_admin_north)
    unit_page = client.get(url).content.decode()

    assert 'data-testid="rectify-form"' not in supervisor_page
    assert refused.status_code == 403
    review.refresh_from_db()
    assert review.status == ReviewStatus.RECTIFYING
    assert 'data-testid="rectify-form"' in unit_page


def test_review_form_labels_have_no_ascii_colon():
    html = "".join(str(form().as_div()) for form in (ScoreForm, RectificationForm, RecheckForm))
    for label in ("酌情扣分", "评查意见", "整改情况", "复核意见", "复核结论"):
        assert f"{label}</label>" in html
    assert ":</label>" not in html
