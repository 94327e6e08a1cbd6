#!/usr/bin/env python3
"""Copy the front-end files the web shell needs from node_modules into the static tree.

Government intranets are often offline, so Fazhi serves every asset itself (DESIGN §4): no CDN.
`make vendor` runs `npm ci` (versions pinned in package.json / package-lock.json) and then this
script, which copies only the distribution files actually referenced by the templates, plus each
package's licence texts, into src/fazhi/web/static/vendor/<package>/. The result is committed, so
`make run` needs neither Node nor npm.

Each copied file that names a source map (`sourceMappingURL=...`) brings that map along, so a
browser's developer tools find it and a hashed-manifest static storage can post-process the file.

Usage: python scripts/vendor_static.py [--check]
  --check   copy nothing; exit 1 if the vendored tree differs from node_modules (for CI).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
VENDOR_DIR = ROOT / "src" / "fazhi" / "web" / "static" / "vendor"

SOURCE_MAP = re.compile(rb"sourceMappingURL=([\w.\-]+\.map)")


@dataclass(frozen=True)
class Package:
    name: str  # npm package name (a directory under node_modules)
    target: str  # directory under static/vendor/
    files: tuple[str, ...]  # paths inside the package, copied flat into the target directory


PACKAGES = (
    Package(
        name="bootstrap",
        target="bootstrap",
        files=("dist/css/bootstrap.min.css", "dist/js/bootstrap.bundle.min.js", "LICENSE"),
    ),
    # bootstrap.bundle.min.js embeds Popper, whose MIT licence must travel with it.
    Package(name="@popperjs/core", target="bootstrap", files=("LICENSE.md",)),
    Package(name="htmx.org", target="htmx", files=("dist/htmx.min.js", "LICENSE")),
    # Apache-2.0 asks for the NOTICE file too; licenses/ holds the bundled third-party licences.
    Package(
        name="echarts",
        target="echarts",
        files=("dist/echarts.min.js", "LICENSE", "NOTICE", "licenses/LICENSE-d3"),
    ),
)


def _renamed(package: Package, relative: str) -> str:
    """Name of the copied file: licences of an embedded package get the package's name as prefix."""
    basename = Path(relative).name
    if package.name == "@popperjs/core":
        return f"LICENSE-popper{Path(relative).suffix}"
    return basename


def _plan() -> dict[Path, Path]:
    """Return {destination: source} for every file to vendor; exit with a message if one is missing."""
    plan: dict[Path, Path] = {}
    for package in PACKAGES:
        package_dir = NODE_MODULES / package.name
        if not package_dir.is_dir():
            sys.exit(f"缺少 node_modules/{package.name}：请先运行 `npm ci`（或 `make vendor`）。")
        for relative in package.files:
            source = package_dir / relative
            if not source.is_file():
                sys.exit(f"缺少文件 {source.relative_to(ROOT)}（{package.name} 的版本是否变化？）")
            destination = VENDOR_DIR / package.target / _renamed(package, relative)
            plan[destination] = source
            match = SOURCE_MAP.search(source.read_bytes()[-300:])
            if match:
                source_map = source.parent / match.group(1).decode()
                if source_map.is_file():
                    plan[destination.parent / source_map.name] = source_map
    return plan


def _versions() -> dict[str, str]:
    versions = {}
    for package in PACKAGES:
        manifest = json.loads((NODE_MODULES / package.name / "package.json").read_text(encoding="utf-8"))
        versions[package.name] = manifest["version"]
    return versions


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare; exit 1 on any difference")
    args = parser.parse_args()

    plan = _plan()
    manifest_path = VENDOR_DIR / "VERSIONS.json"
    manifest = json.dumps(_versions(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    expected = set(plan) | {manifest_path}
    present = {p for p in VENDOR_DIR.rglob("*") if p.is_file()} if VENDOR_DIR.exists() else set()

    if args.check:
        stale = sorted(str(p.relative_to(ROOT)) for p in expected if not p.exists())
        stale += sorted(
            str(d.relative_to(ROOT)) for d, s in plan.items() if d.exists() and d.read_bytes() != s.read_bytes()
        )
        stale += sorted(str(p.relative_to(ROOT)) for p in present - expected)
        if manifest_path.exists() and manifest_path.read_text(encoding="utf-8") != manifest:
            stale.append(str(manifest_path.relative_to(ROOT)))
        for path in stale:
            print(f"不一致：{path}")
        return 1 if stale else 0

    for leftover in present - expected:
        leftover.unlink()
    for destination, source in sorted(plan.items()):
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, destination)
        print(f"{source.relative_to(ROOT)} -> {destination.relative_to(ROOT)}")
    manifest_path.write_text(manifest, encoding="utf-8")
    print(f"已写入 {manifest_path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
