"""Writing Parquet and publishing a run's dataset atomically.

Layout of an output folder::

    outputs/
      .runs/<run_id>/          one complete dataset per published run
      .current -> .runs/<id>   switched with one atomic rename when a run is complete
      documents.parquet -> .current/documents.parquet   (and the other tables,
      manifest.json -> .current/manifest.json            manifest and quarantine)
      quarantine -> .current/quarantine
      .lock                    held by the run that is writing

Readers open the top-level names; because they resolve through `.current`,
they see either the previous complete dataset or the new one, never a mix
or a half-written file, whenever a run crashes.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import time
from collections.abc import Iterable
from pathlib import Path

import pandera.polars as pa
import polars as pl
import pyarrow.parquet as pq

from schemas.arrow import arrow_schema

RUNS_DIR = ".runs"
CURRENT_LINK = ".current"
LOCK_FILE = ".lock"
QUARANTINE_DIR = "quarantine"
MANIFEST = "manifest.json"
STAGING_SUFFIX = ".staging"
TMP_LINK_SUFFIX = ".tmp"


class OutputLocked(RuntimeError):
    """Another run is writing to the same output folder."""


class OutputLock:
    """An exclusive lock on an output folder for the duration of a run.

    A second run waits up to `timeout` seconds for the holder to finish (scheduled runs that overlap
    then run one after the other), then gives up with OutputLocked naming the holder. The kernel
    releases the lock when its holder dies, even by SIGKILL, so a crashed run never blocks the next.
    """

    POLL_SECONDS = 0.2

    def __init__(self, out_dir: Path, timeout: float = 0) -> None:
        self.path = Path(out_dir) / LOCK_FILE
        self.timeout = timeout
        self._handle = None

    def __enter__(self) -> OutputLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+")
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.seek(0)
                    holder = handle.read().strip() or "unknown"
                    handle.close()
                    waited = f" after waiting {self.timeout:g} s" if self.timeout else ""
                    raise OutputLocked(
                        f"another run ({holder}) is writing to {self.path.parent}{waited}; wait for it to finish"
                    ) from None
                time.sleep(self.POLL_SECONDS)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        self._handle = handle
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._handle:
            fcntl.flock(self._handle, fcntl.LOCK_UN)
            self._handle.close()
            self._handle = None


def run_dir(out_dir: Path, run_id: str) -> Path:
    return Path(out_dir) / RUNS_DIR / run_id


def staging_dir(out_dir: Path, run_id: str) -> Path:
    return Path(out_dir) / RUNS_DIR / (run_id + STAGING_SUFFIX)


def write_parquet(frame: pl.DataFrame, model: type[pa.DataFrameModel], path: Path, metadata: dict[str, str]) -> None:
    """Write a table with the model's Arrow schema, zstd, statistics and key-value metadata; atomically."""
    schema = arrow_schema(model)
    schema = schema.with_metadata({**(schema.metadata or {}), **{k: str(v) for k, v in metadata.items()}})
    table = frame.select(schema.names).to_arrow().cast(schema)
    tmp = path.with_name(path.name + ".tmp")
    pq.write_table(table, tmp, compression="zstd", write_statistics=True)
    _fsync_file(tmp)
    os.replace(tmp, path)


def write_frame(frame: pl.DataFrame, path: Path) -> None:
    """Write a frame that has no model (a quarantine table), atomically."""
    tmp = path.with_name(path.name + ".tmp")
    frame.write_parquet(tmp, compression="zstd", statistics=True)
    _fsync_file(tmp)
    os.replace(tmp, path)


def relabel_parquet(source: Path, target: Path, metadata: dict[str, str]) -> None:
    """Write a copy of a Parquet table with its key-value metadata updated (the rows and types unchanged), atomically."""
    table = pq.read_table(source)
    table = table.replace_schema_metadata({**(table.schema.metadata or {}), **{k.encode(): str(v).encode() for k, v in metadata.items()}})
    tmp = target.with_name(target.name + ".tmp")
    pq.write_table(table, tmp, compression="zstd", write_statistics=True)
    _fsync_file(tmp)
    os.replace(tmp, target)


def link_or_copy(source: Path, target: Path) -> None:
    """A hard link to a file that is never written again in place (a published run's), or a copy where links fail."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def write_json(data: object, path: Path) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    _fsync_file(tmp)
    os.replace(tmp, path)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def publish(out_dir: Path, run_id: str, names: Iterable[str]) -> None:
    """Make run `run_id` the current dataset with one atomic rename, then make sure the top-level links exist."""
    out_dir = Path(out_dir)
    target = run_dir(out_dir, run_id)
    if not (target / MANIFEST).is_file():
        raise RuntimeError(f"run {run_id} has no manifest; refusing to publish an incomplete dataset")
    _fsync_dir(target)
    _atomic_symlink(Path(RUNS_DIR) / run_id, out_dir / CURRENT_LINK)
    for name in [*names, MANIFEST, QUARANTINE_DIR]:
        _atomic_symlink(Path(CURRENT_LINK) / name, out_dir / name)
    _fsync_dir(out_dir)


def current_run_dir(out_dir: Path) -> Path | None:
    """The folder of the current run, resolved once: read several tables from it to get one run's dataset
    even while another run publishes (opening the top-level names one by one could straddle a switch)."""
    run_id = current_run_id(out_dir)
    return run_dir(out_dir, run_id) if run_id else None


def current_run_id(out_dir: Path) -> str | None:
    link = Path(out_dir) / CURRENT_LINK
    return Path(os.readlink(link)).name if link.is_symlink() else None


def prune_runs(out_dir: Path, keep: int) -> list[str]:
    """Delete all but the `keep` newest published runs (the current one always stays), and crashed runs' leftovers.

    Call only while holding the OutputLock, so no other run's staging is touched.
    """
    for link in Path(out_dir).glob(f".*.*{TMP_LINK_SUFFIX}"):
        if link.is_symlink():  # a link being switched when its run was killed
            link.unlink()
    runs = Path(out_dir) / RUNS_DIR
    if not runs.is_dir():
        return []
    current = current_run_id(out_dir)
    # A run folder without a manifest is a crashed run's: never published, always removed.
    published = sorted((p for p in runs.iterdir() if (p / MANIFEST).is_file()), reverse=True)
    previous = [p.name for p in published if p.name != current][: max(keep - 1, 0)]
    keep_names = {current, *previous}
    removed = []
    for path in runs.iterdir():
        if path.name not in keep_names:
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path.name)
    return removed


def _atomic_symlink(target: Path, link: Path) -> None:
    if link.is_symlink() and Path(os.readlink(link)) == target:
        return
    if link.exists() and not link.is_symlink() and link.is_dir():
        shutil.rmtree(link)  # an older layout's real folder (quarantine/) gives way to the link
    tmp = link.with_name(f".{link.name}.{os.getpid()}{TMP_LINK_SUFFIX}")
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(target, tmp)
    os.replace(tmp, link)


def _fsync_file(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
