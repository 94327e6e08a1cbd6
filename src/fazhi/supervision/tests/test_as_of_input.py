"""The data cut-off (as_of) is typed as a person writes it, 2024-04-02 09:30, and a cut-off that cannot
be read is answered with that example in Chinese, on the pages and in the API (QA: the page's example
was ISO with a "T", the API printed DRF's "YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z]")."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db
PERIOD = {"unit": "TJ", "start": "2024-01-01", "end": "2024-03-31"}
API_PERIOD = {"unit": "TJ", "from": "2024-01-01", "to": "2024-03-31"}
MESSAGE = "数据截止时间格式不正确，请按“年-月-日 时:分”填写，例如 2025-03-31 18:00。"
PAGES = ["/supervision/", "/supervision/drill/records/", "/supervision/drill/power_items_in_force/"]


@pytest.fixture
def api(district_supervisor):
    client = APIClient()
    client.force_authenticate(district_supervisor)
    return client


@pytest.mark.parametrize("path", PAGES)
def test_an_unreadable_cut_off_is_explained_with_an_example_a_person_types(district_supervisor, client, path):
    client.force_login(district_supervisor)

    response = client.get(path, {**PERIOD, "as_of": "xx"})

    text = response.content.decode()
    assert response.status_code == 400 and MESSAGE in text and "supervision.bad_as_of" in text
    assert "T18:00" not in text


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("typed", ["2024-04-02 09:30", "2024-04-02T09:30"])
def test_a_cut_off_with_a_space_or_a_t_is_read(district_supervisor, client, path, typed):
    client.force_login(district_supervisor)

    response = client.get(path, {**PERIOD, "as_of": typed})

    assert response.status_code == 200
    if path == "/supervision/":
        assert "数据截至 2024年4月2日 09:30" in response.content.decode()


def test_the_api_refuses_an_unreadable_cut_off_in_chinese(api):
    body = api.get("/api/v1/supervision/indicators/", {**API_PERIOD, "as_of": "xx"})

    assert body.status_code == 400
    error = body.json()["error"]
    assert error["fields"]["as_of"] == [MESSAGE] and MESSAGE in error["message"]
    assert "YYYY" not in str(error)


@pytest.mark.parametrize("typed", ["2024-04-02 09:30", "2024-04-02T09:30"])
def test_the_api_reads_a_cut_off_with_a_space_or_a_t(api, typed):
    body = api.get("/api/v1/supervision/indicators/", {**API_PERIOD, "as_of": typed})

    assert body.status_code == 200
    assert body.json()["as_of"].startswith("2024-04-02T09:30")


def test_the_command_gives_the_same_example():
    with pytest.raises(CommandError) as error:
        call_command("indicators", "--unit", "TJ", "--from", "2024-01-01", "--to", "2024-03-31", "--as-of", "xx")

    assert str(error.value) == f"“xx”：{MESSAGE}"
