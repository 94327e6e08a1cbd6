"""The deployment files in deploy/: gunicorn's settings and the nginx snippet in front of it.

nginx comes from `make system-deps` (Debian's nginx-light), as Chromium does for the browser tests.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import runpy
import shutil
import socket
import string
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def _gunicorn_settings(monkeypatch: pytest.MonkeyPatch, **env: str) -> dict:
    for name in [name for name in os.environ if name.startswith("GUNICORN_")]:
        monkeypatch.delenv(name)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))


def test_gunicorn_runs_sync_workers_two_per_core_by_default(monkeypatch):
    settings = _gunicorn_settings(monkeypatch)

    assert settings["worker_class"] == "sync"
    assert settings["workers"] == 2 * os.cpu_count()
    assert settings["wsgi_app"] == "fazhi.wsgi:application"


def test_gunicorn_settings_follow_the_environment(monkeypatch):
    settings = _gunicorn_settings(monkeypatch, GUNICORN_WORKER_CLASS="gthread", GUNICORN_WORKERS="3")

    assert (settings["worker_class"], settings["workers"]) == ("gthread", 3)


def test_nginx_waits_for_a_worker_as_long_as_gunicorn_lets_it_run(monkeypatch):
    # A shorter nginx timeout would answer 504 while the worker is still storing a large upload.
    template = (DEPLOY / "nginx-fazhi.conf.template").read_text(encoding="utf-8")
    timeout = _gunicorn_settings(monkeypatch)["timeout"]

    assert timeout >= 300
    for directive in ("proxy_read_timeout", "proxy_send_timeout"):
        assert re.search(rf"{directive} (\d+)s;", template).group(1) == str(timeout)


def _render(listen: str, upstream: str) -> str:
    """The template filled in as `envsubst '${FAZHI_LISTEN} ${FAZHI_UPSTREAM}'` would."""
    template = (DEPLOY / "nginx-fazhi.conf.template").read_text(encoding="utf-8")
    return string.Template(template).safe_substitute(FAZHI_LISTEN=listen, FAZHI_UPSTREAM=upstream)


def test_the_nginx_template_names_only_the_listen_address_and_the_upstream():
    rendered = _render("127.0.0.1:9001", "127.0.0.1:9002")

    assert "${FAZHI_" not in rendered
    assert "listen 127.0.0.1:9001;" in rendered
    assert "server 127.0.0.1:9002;" in rendered
    # nginx's own variables are left for nginx.
    assert "$host" in rendered and "$proxy_add_x_forwarded_for" in rendered and "$scheme" in rendered


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _nginx() -> str:
    found = shutil.which("nginx", path=f"{os.environ.get('PATH', '')}:/usr/sbin")
    assert found, "nginx is missing: `make system-deps` installs Debian's nginx-light"
    return found


@pytest.fixture
def nginx_directory() -> Iterator[Path]:
    # Not pytest's tmp_path: started as root, nginx's workers run as nobody, who must be able to
    # reach the directory (for its request-body temp files), and pytest's base directory is private.
    directory = Path(tempfile.mkdtemp(prefix="fazhi-nginx-test-"))
    directory.chmod(0o755)
    yield directory
    shutil.rmtree(directory, ignore_errors=True)


def _fill(directory: Path, listen: str, upstream: str) -> Path:
    (directory / "fazhi.conf").write_text(_render(listen, upstream), encoding="utf-8")
    shutil.copyfile(DEPLOY / "nginx-local.conf", directory / "nginx.conf")
    return directory


def test_nginx_accepts_the_configuration(nginx_directory):
    directory = _fill(nginx_directory, f"127.0.0.1:{_free_port()}", "127.0.0.1:8000")

    check = subprocess.run(
        [_nginx(), "-e", "stderr", "-p", f"{directory}/", "-c", "nginx.conf", "-t"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip

    assert check.returncode == 0, check.stderr
    assert "test is successful" in check.stderr


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, *args) -> None:  # the test output needs no access log
        pass


def _echo_app(environ, start_response):
    """Answers what arrived: the method, path, forwarded headers and the body's length."""
    body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
    seen = {
        "method": environ["REQUEST_METHOD"],
        "path": environ["PATH_INFO"],
        "host": environ.get("HTTP_HOST"),
        "forwarded_for": environ.get("HTTP_X_FORWARDED_FOR"),
        "forwarded_proto": environ.get("HTTP_X_FORWARDED_PROTO"),
        "body_bytes": len(body),
    }
    start_response("200 OK", [("Content-Type", "application/json")])
    return [json.dumps(seen).encode()]


@pytest.fixture
def proxied(nginx_directory) -> Iterator[int]:
    """nginx on a free port in front of an echoing upstream; yields nginx's port."""
    upstream = make_server("127.0.0.1", 0, _echo_app, handler_class=_QuietHandler)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    port = _free_port()
    directory = _fill(nginx_directory, f"127.0.0.1:{port}", f"127.0.0.1:{upstream.server_port}")
    nginx = subprocess.Popen(
        [_nginx(), "-e", "stderr", "-p", f"{directory}/", "-c", "nginx.conf"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert nginx.poll() is None, nginx.stderr.read().decode()
                assert time.monotonic() < deadline, "nginx did not start listening"
                time.sleep(0.05)
        yield port
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
        upstream.shutdown()
        upstream.server_close()


def test_nginx_passes_requests_with_the_client_address_and_keeps_the_client_connection(proxied):
    connection = http.client.HTTPConnection("127.0.0.1", proxied, timeout=10)
    body = b"x" * (3 * 1024 * 1024)  # larger than nginx's 1 MiB default client_max_body_size

    answers = []
    for _ in range(2):  # two requests on one client connection: nginx keeps it open
        connection.request("POST", "/api/v1/anything/", body=body, headers={"Host": "fazhi.example"})
        response = connection.getresponse()
        answers.append((response.status, json.loads(response.read())))

    for status, seen in answers:
        assert status == 200
        assert seen == {
            "method": "POST",
            "path": "/api/v1/anything/",
            "host": "fazhi.example",
            "forwarded_for": "127.0.0.1",
            "forwarded_proto": "http",
            "body_bytes": len(body),
        }
