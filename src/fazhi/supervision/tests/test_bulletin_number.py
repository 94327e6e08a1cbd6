"""A bulletin's 文号 names one document: a number another bulletin bears is refused with 409 (QA #7)."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import IntegrityError, transaction
from rest_framework.test import APIClient

from fazhi.core.errors import Conflict
from fazhi.supervision import services
from fazhi.supervision.models import Bulletin, Snapshot

pytestmark = pytest.mark.django_db
NUMBER = "测法治办〔2025〕3号"


def _api(world) -> APIClient:
    api = APIClient()
    api.force_authenticate(world.cast.supervisor)
    return api


def _post(api: APIClient, *, quarter: int, number: str = NUMBER):
    data = {"unit": "R", "year": 2025, "quarter": quarter, "number": number, "issuer": "测试区司法局"}
    return api.post("/api/v1/supervision/bulletins/", data, format="json")


def test_the_api_refuses_a_number_another_bulletin_bears_with_409_and_writes_nothing(world):
    api = _api(world)
    assert _post(api, quarter=2).status_code == 201
    bulletins, snapshots = Bulletin.objects.count(), Snapshot.objects.count()

    response = _post(api, quarter=3, number=f"  {NUMBER} ")  # spaces around do not make it another number

    assert response.status_code == 409
    error = response.json()["error"]
    assert error["code"] == "supervision.bulletin_number_taken"
    assert NUMBER in error["message"] and "已被另一期通报使用" in error["message"]
    assert (Bulletin.objects.count(), Snapshot.objects.count()) == (bulletins, snapshots)
    assert _post(api, quarter=3, number="测法治办〔2025〕4号").status_code == 201


def test_the_page_shows_the_refusal_on_the_form(world, client):
    services.bulletin_issue(
        actor=world.cast.supervisor, unit=world.cast.region, year=2025, quarter=2, number=NUMBER,
        issuer="测试区司法局", issued_on=date(2025, 7, 15),
    )  # fmt: skip
    client.force_login(world.cast.supervisor)

    page = client.post(
        "/supervision/bulletins/", {"year": 2025, "quarter": 3, "number": NUMBER, "issuer": "测试区司法局"}
    )

    assert page.status_code == 422
    assert f"通报文号“{NUMBER}”已被另一期通报使用" in page.content.decode()
    assert Bulletin.objects.count() == 1


def test_the_database_holds_one_bulletin_per_number(world):
    bulletin = services.bulletin_issue(
        actor=world.cast.supervisor, unit=world.cast.region, year=2025, quarter=2, number=NUMBER,
        issuer="测试区司法局", issued_on=date(2025, 7, 15),
    )  # fmt: skip
    other = Snapshot.objects.create(
        kind=bulletin.snapshot.kind, unit=world.cast.region, title="另一期", period_from=bulletin.snapshot.period_from,
        period_to=bulletin.snapshot.period_to, as_of=bulletin.snapshot.as_of,
    )  # fmt: skip

    with pytest.raises(IntegrityError), transaction.atomic():
        Bulletin.objects.create(
            snapshot=other, number=NUMBER, issuer="x", scheme_code="default", scheme_version=1, bottom_n=0,
            issued_on=bulletin.issued_on,
        )  # fmt: skip


def test_the_service_refuses_a_taken_number(world):
    services.bulletin_issue(
        actor=world.cast.supervisor, unit=world.cast.region, year=2025, quarter=2, number=NUMBER,
        issuer="测试区司法局", issued_on=date(2025, 7, 15),
    )  # fmt: skip

    with pytest.raises(Conflict) as refused:
        services.bulletin_issue(
            actor=world.cast.supervisor, unit=world.cast.region, year=2025, quarter=3, number=NUMBER,
            issuer="测试区司法局", issued_on=date(2025, 10, 15),
        )  # fmt: skip
    assert refused.value.code == "supervision.bulletin_number_taken"
