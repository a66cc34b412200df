"""Checking a published dataset the way a consumer meets it: complete, valid and readable.

`check_published` is the one seam the crash and concurrency tests call. Until `newsfacts validate`
exists it re-does the checks here: every table in the manifest is present, matches the manifest's
SHA-256 and row count, reads with both Polars and PyArrow, fits its Pandera model, and passes the
cross-table rules (foreign keys, spans) of newsfacts/validating.py with nothing left to quarantine.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import polars as pl

import pyarrow.parquet as pq

from newsfacts.dataset_validation import format_report, validate_dataset
from newsfacts.publishing import CURRENT_LINK, MANIFEST, sha256_file
from newsfacts.validating import validate_table
from schemas import FOREIGN_KEYS, SPANS, TABLES

# Columns that differ between two runs over the same input by design.
RUN_SPECIFIC_COLUMNS = {"ingested_at"}


@dataclass(frozen=True)
class Published:
    run_id: str
    manifest: dict
    tables: dict[str, pl.DataFrame]


def check_published(out: Path) -> Published:
    """Read the current dataset of `out` through its top-level names and assert it is complete and valid."""
    out = Path(out)
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    run_id = manifest["run_id"]
    assert os.readlink(out / CURRENT_LINK).endswith(run_id), "manifest.json is not the current run's"
    assert set(manifest["tables"]) == set(TABLES), f"tables missing from the manifest: {set(TABLES) - set(manifest['tables'])}"
    tables: dict[str, pl.DataFrame] = {}
    for name in TABLES:  # TABLES is in dependency order: documents first
        report = manifest["tables"][name]
        path = out / report["file"]
        assert sha256_file(path) == report["sha256"], f"{name}: SHA-256 differs from the manifest"
        frame = pl.read_parquet(path)
        arrow = pq.read_table(path)
        assert frame.height == arrow.num_rows == report["rows"], f"{name}: row count differs from the manifest"
        metadata = {k.decode(): v.decode() for k, v in (arrow.schema.metadata or {}).items()}
        assert metadata.get("newsfacts.run_id") == run_id, f"{name} belongs to run {metadata.get('newsfacts.run_id')}, not {run_id}"
        checked = validate_table(name, TABLES[name], frame, {**tables, name: frame}, FOREIGN_KEYS, SPANS)  # a table may refer to itself
        assert checked.quarantined.is_empty(), f"{name}: published rows fail the contract:\n{checked.failures}"
        tables[name] = frame
    # and as a consumer would check it: `newsfacts validate` (contract, rules across tables, checksums, versions)
    validation = validate_dataset(out)
    assert validation.ok, format_report(validation)
    return Published(run_id, manifest, tables)


def comparable(tables: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """The tables without run-specific columns, rows in a canonical order, for comparing two runs."""
    result = {}
    for name, frame in tables.items():
        frame = frame.drop([c for c in frame.columns if c in RUN_SPECIFIC_COLUMNS])
        sortable = [c for c, dtype in frame.schema.items() if not isinstance(dtype, (pl.List, pl.Struct))]
        result[name] = frame.sort(sortable)
    return result


def assert_same_tables(left: dict[str, pl.DataFrame], right: dict[str, pl.DataFrame]) -> None:
    left, right = comparable(left), comparable(right)
    assert left.keys() == right.keys()
    for name in left:
        assert left[name].equals(right[name]), f"{name} differs: {left[name].height} rows vs {right[name].height}"


def file_fates(manifest: dict) -> dict[str, tuple]:
    return {f["path"]: (f["fate"], f["reason"], f["doc_id"], f["duplicate_of"]) for f in manifest["files"]}
