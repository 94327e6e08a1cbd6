"""Production mode fails closed: no secret key or allowed hosts means no start."""

import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[3]


def run_settings(
    env_overrides: dict[str, str], code: str = "import fazhi.settings"
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FAZHI_")}
    env.update({"PYTHONPATH": str(SRC), **env_overrides})
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)


PRINT_PROXY_HEADER = "import fazhi.settings as s; print(getattr(s, 'SECURE_PROXY_SSL_HEADER', None))"


def test_the_forwarded_scheme_is_trusted_only_when_behind_a_proxy_is_declared() -> None:
    behind = run_settings({"FAZHI_BEHIND_PROXY": "true"}, PRINT_PROXY_HEADER)
    direct = run_settings({}, PRINT_PROXY_HEADER)

    assert behind.stdout.strip() == "('HTTP_X_FORWARDED_PROTO', 'https')", behind.stderr
    assert direct.stdout.strip() == "None", direct.stderr


def test_production_without_secret_key_refuses_to_start() -> None:
    result = run_settings({"FAZHI_ENV": "production", "FAZHI_ALLOWED_HOSTS": "fazhi.example"})
    assert result.returncode != 0
    assert "FAZHI_SECRET_KEY" in result.stderr


def test_production_without_allowed_hosts_refuses_to_start() -> None:
    result = run_settings({"FAZHI_ENV": "production", "FAZHI_SECRET_KEY": "x" * 50})
    assert result.returncode != 0
    assert "FAZHI_ALLOWED_HOSTS" in result.stderr


def test_production_with_both_starts_with_debug_off() -> None:
    env = {"FAZHI_ENV": "production", "FAZHI_SECRET_KEY": "x" * 50, "FAZHI_ALLOWED_HOSTS": "fazhi.example"}
    result = run_settings(env)
    assert result.returncode == 0, result.stderr
