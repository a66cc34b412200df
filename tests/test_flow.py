"""The curate flow end to end, under Prefect's test harness (a temporary local server)."""

import datetime as dt
import json

import pytest

from tests.conftest import RAW

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def prefect_harness():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture(scope="module")
def flow_run(prefect_harness, tmp_path_factory):
    """One flow run over the seeds plus hostile files."""
    import shutil

    from flows.curate import curate

    raw = tmp_path_factory.mktemp("flow") / "raw"
    shutil.copytree(RAW, raw)
    (raw / "bad").mkdir()
    (raw / "bad" / "empty.txt").write_bytes(b"")
    (raw / "bad" / "binary.bin").write_bytes(bytes(range(256)) * 16)
    (raw / "bad" / "nul.txt").write_bytes(b"The meeting\x00 was short.")
    (raw / "bad" / "invalid-utf8.txt").write_bytes("Zelenskyy’s ".encode() + b"\xc3\x28 visit")
    (raw / "copy of 004.txt").write_bytes((RAW / "004_8f851331b92e7b0a.txt").read_bytes())
    out = raw.parent / "outputs"
    summary = curate(raw_dir=str(raw), out_dir=str(out), batch_size=2)
    return summary, out


def test_flow_lands_the_two_seeds(flow_run):
    import polars as pl

    summary, out = flow_run
    documents = pl.read_parquet(out / "documents.parquet").sort("source_path")
    assert documents["source_path"].to_list() == ["000_1305e3d104303dd2.txt", "004_8f851331b92e7b0a.txt"]
    assert documents["published_date"].to_list() == [dt.date(2025, 8, 17), None]
    assert documents["title"].to_list() == [None, None]
    assert documents["text"][0].startswith("US First Lady Melania Trump wrote a \"peace letter\"")
    assert "in Alaska. The letter did not" in documents["text"][1]
    assert summary.tables["documents"].rows == 2


def test_manifest_accounts_for_every_file(flow_run):
    _, out = flow_run
    manifest = json.loads((out / "manifest.json").read_text())
    fates = {f["path"]: (f["fate"], f["reason"]) for f in manifest["files"]}
    assert fates == {
        "000_1305e3d104303dd2.txt": ("processed", None),
        "004_8f851331b92e7b0a.txt": ("processed", None),
        "bad/binary.bin": ("rejected", "binary"),
        "bad/empty.txt": ("rejected", "empty"),
        "bad/invalid-utf8.txt": ("rejected", "undecodable"),
        "bad/nul.txt": ("rejected", "binary"),
        "copy of 004.txt": ("duplicate", "same_content"),
    }
    duplicate = next(f for f in manifest["files"] if f["fate"] == "duplicate")
    original = next(f for f in manifest["files"] if f["path"] == "004_8f851331b92e7b0a.txt")
    assert duplicate["duplicate_of"] == original["doc_id"]
    assert manifest["files_by_fate"] == {"processed": 2, "rejected": 4, "duplicate": 1}
    table = manifest["tables"]["documents"]
    assert table["rows"] == 2 and table["quarantined_rows"] == 0
    from newsfacts.publishing import sha256_file

    assert table["sha256"] == sha256_file(out / "documents.parquet")


def test_duckdb_reads_the_declared_types(flow_run):
    duckdb = pytest.importorskip("duckdb")
    _, out = flow_run
    path = str(out / "documents.parquet")
    con = duckdb.connect()
    types = {row[0]: row[1] for row in con.execute(f"DESCRIBE SELECT * FROM read_parquet('{path}')").fetchall()}
    assert types["doc_id"] == "VARCHAR" and types["published_date"] == "DATE"
    assert types["n_words"] == "BIGINT" and types["ingested_at"] == "TIMESTAMP WITH TIME ZONE"
    assert types["paragraphs"] == 'STRUCT("start" BIGINT, "end" BIGINT, heading BOOLEAN)[]'
    rows = con.execute(f"SELECT count(*), sum(n_words) FROM read_parquet('{path}')").fetchone()
    assert rows[0] == 2 and rows[1] > 700


def test_polars_and_pandas_read_the_declared_types(flow_run):
    import pandas as pd
    import polars as pl

    from schemas import Documents
    from schemas.arrow import polars_schema

    _, out = flow_run
    assert pl.read_parquet(out / "documents.parquet").schema == polars_schema(Documents)
    frame = pd.read_parquet(out / "documents.parquet")
    assert str(frame["n_words"].dtype) == "int64"
    assert str(frame["ingested_at"].dtype).startswith("datetime64") and "UTC" in str(frame["ingested_at"].dtype)
    assert frame["published_date"].iloc[0] == dt.date(2025, 8, 17)


def test_flow_writes_validated_entities_and_mentions(flow_run):
    import polars as pl

    summary, out = flow_run
    entities = pl.read_parquet(out / "entities.parquet")
    mentions = pl.read_parquet(out / "mentions.parquet")
    assert summary.tables["entities"].rows == entities.height > 15
    assert summary.tables["mentions"].rows == mentions.height > entities.height
    assert summary.quarantined_rows == 0
    assert {"Melania Trump", "Donald Trump", "Vladimir Putin"} <= set(entities["name"])
    assert set(mentions["entity_id"]) <= set(entities["entity_id"])


def test_flow_writes_validated_quotes(flow_run):
    import polars as pl

    summary, out = flow_run
    quotes = pl.read_parquet(out / "quotes.parquet")
    assert summary.tables["quotes"].rows == quotes.height > 15
    assert set(quotes["kind"]) == {"direct", "partial", "indirect"}
    entities = pl.read_parquet(out / "entities.parquet")
    assert set(quotes["speaker_entity_id"].drop_nulls()) <= set(entities["entity_id"])


def test_only_io_failures_are_retried():
    from prefect.states import Failed

    from flows.curate import _io_failure
    from newsfacts.publishing import OutputLocked
    from newsfacts.validating import ContractError

    assert _io_failure(None, None, Failed(data=OSError("stale NFS handle")))
    assert not _io_failure(None, None, Failed(data=ContractError("missing column")))
    assert not _io_failure(None, None, Failed(data=OutputLocked("another run")))
