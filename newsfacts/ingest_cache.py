"""The ingest cache: a file whose bytes were decoded and normalized by an earlier run is not done again.

An entry holds what a file's bytes give, whoever's name they are under: the document row without its
source path and ingestion time, or the reason they were rejected, with the encoding and the warnings
the manifest records. Its key hashes the bytes with the ingest code (`code_version`: the modules that
read, decode, normalize and parse metadata, the libraries they use, Python's Unicode tables), so a
change to any of them makes every entry a miss. Files refused before their bytes are read (gone,
unreadable, too large, links) are never cached.

Layout: one Parquet file, `<out_dir>/.cache/ingest.parquet`, one row per entry, rewritten atomically
at the end of each published run with the entries that run used (so it holds the current inputs
only). Reading it whole costs a few tens of milliseconds for thousands of articles. It is safe to
delete; a file that cannot be read or has another shape is ignored (every file is ingested again).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import logging
import os
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path

import polars as pl

from schemas import TABLES
from schemas.arrow import polars_schema

log = logging.getLogger(__name__)

FORMAT_VERSION = "1"
INGEST_MODULES = ("reading", "decoding", "normalizing", "metadata", "documents")
LIBRARIES = ("ftfy", "charset-normalizer", "python-dateutil")
PACKAGE_DIR = Path(__file__).resolve().parent
CACHE_FILE = Path(".cache") / "ingest.parquet"
STAGED_SUFFIX = ".ingest-cache.parquet"
# The flow's ingest tasks run on threads: the first one reads the cache file, the others wait for it.
_LOADING = threading.Lock()


def document_schema() -> dict[str, pl.DataType]:
    """The documents table's columns that depend on a file's bytes only."""
    return {k: v for k, v in polars_schema(TABLES["documents"]).items() if k not in ("source_path", "ingested_at")}


def entry_schema() -> dict[str, pl.DataType]:
    return {
        "key": pl.Utf8, "fate": pl.Utf8, "reason": pl.Utf8, "detail": pl.Utf8, "size_bytes": pl.Int64, "encoding": pl.Utf8,
        "warnings": pl.List(pl.Utf8), "document": pl.Struct(document_schema()),
    }


@lru_cache(maxsize=1)
def code_version() -> str:
    digest = hashlib.sha256(FORMAT_VERSION.encode())
    for name in INGEST_MODULES:
        digest.update(name.encode() + b"\0" + (PACKAGE_DIR / f"{name}.py").read_bytes())
    for library in LIBRARIES:
        try:
            digest.update(f"{library}=={importlib.metadata.version(library)}".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{library}: absent".encode())
    digest.update(f"unicode=={unicodedata.unidata_version}".encode())
    return digest.hexdigest()


def content_key(data: bytes) -> str:
    """The key of a file's bytes under the current ingest code."""
    return hashlib.sha256(code_version().encode() + b"\0" + data).hexdigest()


def load(path: Path) -> dict[str, dict]:
    """The entries of the cache file, by key; empty when it is absent, unreadable or of another shape."""
    try:
        stat = os.stat(path)
    except OSError:
        return {}
    with _LOADING:
        return _load(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=2)
def _load(path: str, mtime_ns: int, size: int) -> dict[str, dict]:
    # Keyed by the file's mtime and size too: the batches of one run read it once (threads share it).
    try:
        frame = pl.read_parquet(path)
    except Exception as exc:  # a damaged file: ingest everything again, never trust it
        log.warning("ingest cache %s is unreadable (%s); ingesting every file again", path, exc)
        return {}
    if dict(frame.schema) != entry_schema():
        log.warning("ingest cache %s has another shape; ingesting every file again", path)
        return {}
    return {row["key"]: row for row in frame.to_dicts()}


def stage(entries: list[dict], stem: Path) -> None:
    """Stage a batch's entries next to its ingested rows, for `store` at the end of the run."""
    pl.DataFrame(entries, schema=entry_schema()).write_parquet(f"{stem}{STAGED_SUFFIX}")


def store(path: Path, staging_dir: Path) -> None:
    """Replace the cache file with the entries the run's batches staged (one per distinct key), atomically."""
    staged = sorted(Path(staging_dir).glob(f"*{STAGED_SUFFIX}"))
    if not staged:
        return
    frame = pl.concat([pl.read_parquet(p) for p in staged]).unique("key", keep="first", maintain_order=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    for leftover in path.parent.glob(f".{path.name}.*.tmp"):  # a killed run's (runs store under the output lock)
        leftover.unlink(missing_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        frame.write_parquet(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
