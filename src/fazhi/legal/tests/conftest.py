"""Fixtures for the legal library tests: the invented law texts in fixtures/ and an importing user.

The texts are invented (示范执法法, 示范档案管理办法) in the format of real law files; the real
texts in ../shared/laws/ are reference data and never part of the project or its tests.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from fazhi.legal import services
from fazhi.legal.services import LegalImportResult
from fazhi.orgs.models import User

FIXTURES = Path(__file__).parent / "fixtures"
LAW_2020 = "示范执法法(2020-03-01).md"
LAW_2023 = "示范执法法(2023-01-10).md"
RULE_TXT = "示范档案管理办法.txt"
NO_ARTICLES = "工作说明.md"
LAW_TITLE = "中华人民共和国示范执法法"


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


@pytest.fixture
def importer_user(db: None) -> User:
    # No password: hashing one costs a third of a second per test and nothing here logs in.
    return User.objects.create_user(username="legal_importer", display_name="法规管理员", password=None)


@pytest.fixture
def reader(db: None) -> User:
    """A logged-in user with no role at all: the law library is readable by every account."""
    return User.objects.create_user(username="legal_reader", display_name="读者", password=None)


@pytest.fixture
def import_fixture(importer_user: User) -> Callable[..., LegalImportResult]:
    """Import one fixture file through the public service, as the importer user."""

    def run(name: str, **kwargs: object) -> LegalImportResult:
        return services.legal_source_import_text(actor=importer_user, text=fixture_text(name), filename=name, **kwargs)

    return run
