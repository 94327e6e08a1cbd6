"""The settings env readers must reject bad values instead of guessing."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from fazhi.core import env


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("true", True), ("On", True), ("0", False), ("no", False)])
def test_env_bool_parses(monkeypatch, raw, expected) -> None:
    monkeypatch.setenv("FAZHI_X", raw)
    assert env.env_bool("FAZHI_X", not expected) is expected


def test_env_bool_rejects_garbage(monkeypatch) -> None:
    monkeypatch.setenv("FAZHI_X", "maybe")
    with pytest.raises(ImproperlyConfigured, match="FAZHI_X"):
        env.env_bool("FAZHI_X", False)


def test_env_int_default_and_error(monkeypatch) -> None:
    monkeypatch.delenv("FAZHI_N", raising=False)
    assert env.env_int("FAZHI_N", 7) == 7
    monkeypatch.setenv("FAZHI_N", "12")
    assert env.env_int("FAZHI_N", 7) == 12
    monkeypatch.setenv("FAZHI_N", "twelve")
    with pytest.raises(ImproperlyConfigured):
        env.env_int("FAZHI_N", 7)


def test_env_choice_rejects_unknown(monkeypatch) -> None:
    monkeypatch.setenv("FAZHI_ENV_TEST", "staging")
    with pytest.raises(ImproperlyConfigured, match="staging"):
        env.env_choice("FAZHI_ENV_TEST", "development", {"development", "production"})


def test_file_variant_wins(monkeypatch, tmp_path) -> None:
    secret = tmp_path / "secret"
    secret.write_text("from-file\n", encoding="utf-8")
    monkeypatch.setenv("FAZHI_SECRET", "from-env")
    monkeypatch.setenv("FAZHI_SECRET_FILE", str(secret))
    assert env.env_str("FAZHI_SECRET") == "from-file"


def test_env_list_splits_and_strips(monkeypatch) -> None:
    monkeypatch.setenv("FAZHI_HOSTS", " a.example , b.example,,")
    assert env.env_list("FAZHI_HOSTS", []) == ["a.example", "b.example"]
