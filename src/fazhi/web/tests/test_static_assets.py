"""Vendored front-end assets: present, pinned, and nothing loaded from another origin."""

from __future__ import annotations

import json
import re
from pathlib import Path

from django.contrib.staticfiles import finders

ROOT = Path(__file__).resolve().parents[4]
WEB = ROOT / "src" / "fazhi" / "web"

VENDORED = [
    "vendor/bootstrap/bootstrap.min.css",
    "vendor/bootstrap/bootstrap.bundle.min.js",
    "vendor/bootstrap/LICENSE",
    "vendor/bootstrap/LICENSE-popper.md",
    "vendor/htmx/htmx.min.js",
    "vendor/htmx/LICENSE",
    "vendor/echarts/echarts.min.js",
    "vendor/echarts/LICENSE",
    "vendor/echarts/NOTICE",
    "web/css/fazhi.css",
    "web/js/supervision-chart.js",
]


def test_vendored_files_are_found_by_staticfiles():
    for path in VENDORED:
        assert finders.find(path), path


def test_versions_match_package_json():
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    vendored = json.loads((WEB / "static" / "vendor" / "VERSIONS.json").read_text(encoding="utf-8"))
    for name, version in package["devDependencies"].items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name} must be pinned exactly"
        assert vendored[name] == version
    assert package["devDependencies"]["htmx.org"].startswith("2.")
    assert package["devDependencies"]["bootstrap"].startswith("5.3.")


def test_no_remote_urls_in_templates_or_css():
    remote = re.compile(r"""(?:src|href)=["']?(?:https?:)?//|@import\s+url\(["']?https?:|url\(["']?https?://""")
    for path in [*WEB.joinpath("templates").rglob("*.html"), *WEB.joinpath("static", "web").rglob("*.*")]:
        assert not remote.search(path.read_text(encoding="utf-8")), path


def test_css_uses_the_chinese_font_stack():
    css = (WEB / "static" / "web" / "css" / "fazhi.css").read_text(encoding="utf-8")
    for font in ('"Noto Sans CJK SC"', '"Microsoft YaHei"', '"PingFang SC"', "sans-serif"):
        assert font in css
