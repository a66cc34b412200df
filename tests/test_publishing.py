"""Atomic publishing: a reader or a crash sees the old complete dataset or the new one, never a mix."""

import json
import os

import polars as pl
import pytest

from newsfacts import pipeline
from newsfacts.publishing import CURRENT_LINK, RUNS_DIR, OutputLock, OutputLocked
from newsfacts.settings import Settings


def _run(raw, out, **kwargs):
    return pipeline.curate(Settings(raw_dir=raw, out_dir=out, **kwargs))


def _dataset(out):
    manifest = json.loads((out / "manifest.json").read_text())
    return manifest["run_id"], pl.read_parquet(out / "documents.parquet")


def test_publish_links_the_top_level_names_to_the_current_run(raw_copy, tmp_path):
    out = tmp_path / "out"
    summary = _run(raw_copy, out)
    assert os.readlink(out / CURRENT_LINK) == f"{RUNS_DIR}/{summary.run_id}"
    run_id, documents = _dataset(out)
    assert run_id == summary.run_id and documents.height == 2
    assert (out / "quarantine").is_dir()


def test_a_failure_between_two_table_writes_leaves_the_previous_dataset(raw_copy, tmp_path, monkeypatch):
    out = tmp_path / "out"
    first = _run(raw_copy, out)
    (raw_copy / "new.txt").write_text("A third article arrives.\n\nIt has two paragraphs.")

    real_write = pipeline.write_parquet
    written: list[str] = []

    def write_then_fail(frame, model, path, metadata):
        real_write(frame, model, path, metadata)
        written.append(path.name)
        # Fail right after the first table lands: the next table (and the manifest) never get written.
        raise OSError("disk full (injected)")

    monkeypatch.setattr(pipeline, "write_parquet", write_then_fail)
    with pytest.raises(OSError, match="injected"):
        _run(raw_copy, out)

    assert written == ["documents.parquet"]
    run_id, documents = _dataset(out)
    assert run_id == first.run_id
    assert documents.height == 2 and "new.txt" not in documents["source_path"].to_list()

    monkeypatch.setattr(pipeline, "write_parquet", real_write)
    third = _run(raw_copy, out)
    run_id, documents = _dataset(out)
    assert run_id == third.run_id and documents.height == 3
    # The crashed run's leftovers are cleaned once a later run holds the lock.
    assert sorted(p.name for p in (out / RUNS_DIR).iterdir()) == sorted([first.run_id, third.run_id])


def test_old_runs_are_pruned_to_keep_runs(raw_copy, tmp_path):
    out = tmp_path / "out"
    ids = [_run(raw_copy, out, keep_runs=2).run_id for _ in range(3)]
    assert sorted(p.name for p in (out / RUNS_DIR).iterdir()) == ids[1:]


def test_a_second_run_waits_for_the_lock_then_gives_up_naming_the_holder(raw_copy, tmp_path):
    import time

    out = tmp_path / "out"
    with OutputLock(out):
        started = time.monotonic()
        with pytest.raises(OutputLocked, match=f"another run \\(pid {os.getpid()}\\) .* after waiting 0.6 s"):
            _run(raw_copy, out, lock_timeout=0.6)
        assert time.monotonic() - started >= 0.6
    _run(raw_copy, out, lock_timeout=0)  # the lock is released with its holder


def test_parquet_carries_the_contract_metadata(raw_copy, tmp_path):
    import pyarrow.parquet as pq

    out = tmp_path / "out"
    summary = _run(raw_copy, out)
    parquet = pq.ParquetFile(out / "documents.parquet")
    metadata = {k.decode(): v.decode() for k, v in parquet.schema_arrow.metadata.items()}
    assert metadata["newsfacts.run_id"] == summary.run_id
    assert metadata["newsfacts.table"] == "documents"
    assert {"newsfacts.schema_version", "newsfacts.package_version", "newsfacts.created_at"} <= set(metadata)
    assert parquet.metadata.row_group(0).column(0).compression == "ZSTD"
    assert parquet.metadata.row_group(0).column(0).statistics is not None
    assert parquet.schema_arrow.field("text").metadata[b"description"].startswith(b"Normalized body text")


def test_the_same_article_twice_in_one_batch_keeps_the_first_file_as_its_source(raw_copy, tmp_path):
    body = (raw_copy / "004_8f851331b92e7b0a.txt").read_bytes()
    (raw_copy / "zz-copy-a.txt").write_bytes(body)
    (raw_copy / "zz-copy-b.txt").write_bytes(body)
    out = tmp_path / "out"
    _run(raw_copy, out, batch_size=10)
    manifest = json.loads((out / "manifest.json").read_text())
    fates = {f["path"]: f["fate"] for f in manifest["files"]}
    assert fates["004_8f851331b92e7b0a.txt"] == "processed"
    assert fates["zz-copy-a.txt"] == fates["zz-copy-b.txt"] == "duplicate"
    documents = pl.read_parquet(out / "documents.parquet")
    assert sorted(documents["source_path"]) == ["000_1305e3d104303dd2.txt", "004_8f851331b92e7b0a.txt"]


def test_a_link_left_half_switched_by_a_killed_run_is_removed_by_the_next(raw_copy, tmp_path):
    out = tmp_path / "out"
    _run(raw_copy, out)
    os.symlink(".runs/gone", out / ".current.12345.tmp")  # what a run killed inside _atomic_symlink leaves
    _run(raw_copy, out)
    assert not (out / ".current.12345.tmp").is_symlink()
