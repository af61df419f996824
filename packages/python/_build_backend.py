"""A minimal PEP 517 build backend (standard library only) for the tiktok-errors package.

It writes a pure-Python wheel (``py3-none-any``) and an sdist of the ``tiktok_errors`` package
beside it. The version is the catalogue's own (``catalog_version`` in
``tiktok_errors/catalog.json``, which ``packages/build.sh`` generates from the Rust crate's
export). Archives are reproducible: fixed timestamps and sorted members.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import json
import os
import tarfile
import zipfile
from pathlib import Path
from typing import Dict, List, Optional, Tuple

HERE = Path(__file__).resolve().parent
NAME = "tiktok-errors"
DIST = "tiktok_errors"
PACKAGE = "tiktok_errors"
SUMMARY = (
    "TikTok API error codes (Marketing, Content Posting, Business Messaging, OAuth, TikTok Shop): "
    "meaning, fix and retry class, from the tiktok-errors catalogue"
)
REQUIRES_PYTHON = ">=3.8"
LICENSE = "MIT OR Apache-2.0"
LICENSE_FILES = ["LICENSE-MIT", "LICENSE-APACHE"]
HOMEPAGE = "https://tiktok-errors.github.io/tiktok-errors/"
SOURCE = "https://github.com/tiktok-errors/tiktok-errors"
# 1980-01-02: zip's epoch, the same on every build.
EPOCH = (1980, 1, 2, 0, 0, 0)


def _version() -> str:
    data = json.loads((HERE / PACKAGE / "catalog.json").read_text(encoding="utf-8"))
    return str(data["catalog_version"])


def _metadata() -> str:
    readme = (HERE / "README.md").read_text(encoding="utf-8")
    lines = [
        "Metadata-Version: 2.4",
        f"Name: {NAME}",
        f"Version: {_version()}",
        f"Summary: {SUMMARY}",
        f"Home-page: {HOMEPAGE}",
        f"Project-URL: Source, {SOURCE}",
        f"License-Expression: {LICENSE}",
        *[f"License-File: {f}" for f in LICENSE_FILES],
        f"Requires-Python: {REQUIRES_PYTHON}",
        "Classifier: Programming Language :: Python :: 3",
        "Classifier: Typing :: Typed",
        "Description-Content-Type: text/markdown",
        "",
        readme,
    ]
    return "\n".join(lines)


def _package_files() -> List[Tuple[str, bytes]]:
    files = []
    for path in sorted((HERE / PACKAGE).rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            files.append((path.relative_to(HERE).as_posix(), path.read_bytes()))
    return files


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"sha256={digest}"


def get_requires_for_build_wheel(config_settings: Optional[Dict] = None) -> List[str]:
    return []


def get_requires_for_build_sdist(config_settings: Optional[Dict] = None) -> List[str]:
    return []


def build_wheel(
    wheel_directory: str,
    config_settings: Optional[Dict] = None,
    metadata_directory: Optional[str] = None,
) -> str:
    version = _version()
    info = f"{DIST}-{version}.dist-info"
    members = _package_files()
    members.append((f"{info}/METADATA", _metadata().encode()))
    members.append(
        (
            f"{info}/WHEEL",
            b"Wheel-Version: 1.0\nGenerator: tiktok-errors _build_backend\n"
            b"Root-Is-Purelib: true\nTag: py3-none-any\n",
        )
    )
    for lic in LICENSE_FILES:
        members.append((f"{info}/licenses/{lic}", (HERE / lic).read_bytes()))
    record = "".join(f"{n},{_record_hash(d)},{len(d)}\n" for n, d in members)
    record += f"{info}/RECORD,,\n"
    members.append((f"{info}/RECORD", record.encode()))
    name = f"{DIST}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(Path(wheel_directory) / name, "w", zipfile.ZIP_DEFLATED) as whl:
        for member, data in members:
            zinfo = zipfile.ZipInfo(member, date_time=EPOCH)
            zinfo.external_attr = 0o644 << 16
            zinfo.compress_type = zipfile.ZIP_DEFLATED
            whl.writestr(zinfo, data)
    return name


def build_sdist(sdist_directory: str, config_settings: Optional[Dict] = None) -> str:
    version = _version()
    root = f"{DIST}-{version}"
    members = [
        ("PKG-INFO", _metadata().encode()),
        ("pyproject.toml", (HERE / "pyproject.toml").read_bytes()),
        ("_build_backend.py", (HERE / "_build_backend.py").read_bytes()),
        ("README.md", (HERE / "README.md").read_bytes()),
        *[(lic, (HERE / lic).read_bytes()) for lic in LICENSE_FILES],
        *_package_files(),
    ]
    name = f"{root}.tar.gz"
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for member, data in sorted(members):
            tinfo = tarfile.TarInfo(f"{root}/{member}")
            tinfo.size = len(data)
            tinfo.mode = 0o644
            tinfo.mtime = 315619200  # 1980-01-02
            tar.addfile(tinfo, io.BytesIO(data))
    with open(Path(sdist_directory) / name, "wb") as out:
        with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=315619200) as gz:
            gz.write(raw.getvalue())
    return name


if __name__ == "__main__":  # python3 _build_backend.py OUT: both archives into OUT
    import sys

    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    print(build_wheel(out))
    print(build_sdist(out))
