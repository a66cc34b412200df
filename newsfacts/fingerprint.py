"""A run's fingerprint: everything its dataset depends on, hashed.

When a run's fingerprint equals the one the published run recorded in its manifest, the run would
compute the same tables again: it reuses them instead (`pipeline.reuse_published`). The fingerprint
covers

- every entry found under the raw folder: its relative path, and for a file its size and the
  SHA-256 of its bytes (the entries not read, with their reasons, too);
- the code: every source and data file of the `newsfacts` and `schemas` packages;
- the versions of Python, of the libraries the package depends on and of the spaCy model;
- the settings, except those that cannot change the tables (`NOT_IN_FINGERPRINT`).

Hashing reads every input file once, which is cheap next to decoding and parsing them. A file that
cannot be read gives no fingerprint: the run then does its work as usual.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import platform
import re
from functools import lru_cache
from pathlib import Path

from newsfacts.reading import FileOutcome, InputFile
from newsfacts.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
# The packages whose files decide what a run writes (the CLI's and the flow's orchestration do not).
CODE_PACKAGES = ("newsfacts", "schemas")
# Settings that change how a run works, never what it writes. Any other setting is in the fingerprint,
# so a setting added later is covered by default.
NOT_IN_FINGERPRINT = frozenset({"raw_dir", "out_dir", "keep_runs", "workers", "batch_size", "use_cache", "cache_dir",
                                "lock_timeout", "reuse"})
_REQUIREMENT_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*")


def run_fingerprint(settings: Settings, files: list[InputFile], skipped: list[FileOutcome]) -> str | None:
    """The hash of the inputs, code, versions and settings of a run; None when an input file cannot be read."""
    inputs = input_digest(files, skipped, settings.max_file_bytes)
    if inputs is None:
        return None
    parts = {
        "inputs": inputs,
        "code": code_digest(),
        "versions": dependency_versions(settings.model),
        "settings": {k: v for k, v in settings.to_json().items() if k not in NOT_IN_FINGERPRINT},
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def input_digest(files: list[InputFile], skipped: list[FileOutcome], max_bytes: int) -> str | None:
    """A hash over every entry found: the files' paths, sizes and contents, and the entries not read."""
    digest = hashlib.sha256()
    for outcome in sorted(skipped, key=lambda o: o.path):
        digest.update(json.dumps([outcome.path, outcome.fate, outcome.reason, outcome.detail]).encode() + b"\n")
    for file in sorted(files, key=lambda f: f.relpath):
        content = file_digest(file.path, max_bytes)
        if content is None:
            return None
        digest.update(json.dumps([file.relpath, content]).encode() + b"\n")
    return digest.hexdigest()


def file_digest(path: Path, max_bytes: int) -> str | None:
    """`<size>:<sha256>` of a file's bytes (only its size when it is over `max_bytes`: it is rejected unread);
    None when it cannot be opened as a regular file (it is then rejected with a reason that may change)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > max_bytes:
            return f"{size}:too_large"
        data = handle.read(max_bytes + 1)
    return f"{len(data)}:{hashlib.sha256(data).hexdigest()}"


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A hash of every file of the packages that make the dataset (sources, data, templates, contract)."""
    digest = hashlib.sha256()
    for package in CODE_PACKAGES:
        folder = ROOT / package
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(str(path.relative_to(ROOT)).encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@lru_cache(maxsize=4)
def dependency_versions(model: str) -> dict[str, str | None]:
    """Python's version, the installed version of every runtime dependency of newsfacts, and the model's."""
    versions: dict[str, str | None] = {"python": platform.python_version(), "model": model_version(model)}
    try:
        requirements = importlib.metadata.requires("newsfacts") or []
    except importlib.metadata.PackageNotFoundError:
        requirements = []
    for requirement in requirements:
        if "extra ==" in requirement:
            continue
        name = _REQUIREMENT_NAME.match(requirement)
        if name:
            versions[name.group()] = _installed_version(name.group())
    return versions


def model_version(model: str) -> str | None:
    """The installed spaCy model's package version, or for a model folder a hash of its meta.json."""
    version = _installed_version(model)
    if version is not None:
        return version
    meta = Path(model) / "meta.json"
    return hashlib.sha256(meta.read_bytes()).hexdigest() if meta.is_file() else None


def _installed_version(distribution: str) -> str | None:
    try:
        return importlib.metadata.version(distribution)
    except (importlib.metadata.PackageNotFoundError, ValueError):
        return None
