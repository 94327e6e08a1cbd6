"""The indicator cards' tooltips (and the definitions API) name the legal and official sources, never a
file of this repository: QA found "RULES.md §10。" at the end of 13 tooltips on /supervision/.
Migration 0014 takes the project's notes out of the shipped definitions' `source`."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps as django_apps
from rest_framework.test import APIClient

from fazhi.supervision.models import IndicatorDefinition

pytestmark = pytest.mark.django_db
MIGRATION = "fazhi.supervision.migrations.0014_definition_sources_without_project_notes"
PLATFORM_RULE = "《天津市行政执法监督平台管理办法》（津政令第21号，2021年3月1日施行）第二章 信息归集"


def test_the_indicator_tooltips_keep_the_legal_source_and_name_no_project_file(district_supervisor, client):
    client.force_login(district_supervisor)

    html = client.get("/supervision/").content.decode()

    assert "RULES.md" not in html
    assert f"（来源：{PLATFORM_RULE}。口径：上述人员中，期间内在至少一条执法信息上署名的人数。）" in html
    assert "平台办法规定的归集时限未能取得原文，天数为参数。）" in html  # the note mid-sentence too


def test_the_definitions_api_names_no_project_file(district_supervisor):
    api = APIClient()
    api.force_authenticate(district_supervisor)

    rows = api.get("/api/v1/supervision/definitions/").json()["results"]

    assert rows and not any("RULES.md" in row["source"] for row in rows)
    assert any(row["source"].startswith(PLATFORM_RULE) for row in rows)


def test_the_migration_takes_out_only_the_project_notes():
    row = IndicatorDefinition.objects.get(code="records_inspection", version=1)
    IndicatorDefinition.objects.filter(pk=row.pk).update(source="执法信息归集分类：行政检查。RULES.md §10。")
    untouched = IndicatorDefinition.objects.exclude(pk=row.pk).values_list("pk", "source")
    before = dict(untouched)

    importlib.import_module(MIGRATION).strip_project_notes(django_apps, None)

    row.refresh_from_db()
    assert row.source == "执法信息归集分类：行政检查。"
    assert dict(untouched) == before
