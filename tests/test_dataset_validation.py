"""`newsfacts validate`: a received dataset passes, and each kind of breakage fails naming its rule."""

import json
import os
import shutil
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from newsfacts.cli import app
from newsfacts.dataset_validation import format_report, validate_dataset

pytestmark = pytest.mark.slow  # the session's seed dataset loads spaCy once


def received_copy(dataset: Path, target: Path) -> Path:
    """The dataset as another team receives it: the visible names, links resolved, no run history."""
    target.mkdir()
    for entry in dataset.iterdir():
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            shutil.copytree(entry, target / entry.name)
        else:
            shutil.copyfile(entry, target / entry.name)
    return target


@pytest.fixture
def copy(seed_dataset, tmp_path) -> Path:
    return received_copy(seed_dataset, tmp_path / "received")


def rewrite(path: Path, change) -> None:
    """Rewrite a Parquet table through `change(arrow table) -> arrow table`, keeping its metadata."""
    table = pq.read_table(path)
    changed = change(table)
    pq.write_table(changed.replace_schema_metadata(table.schema.metadata), path)


def set_cell(table: pa.Table, column: str, row: int, value) -> pa.Table:
    values = table.column(column).to_pylist()
    values[row] = value
    index = table.schema.get_field_index(column)
    return table.set_column(index, table.schema.field(index), pa.array(values, table.schema.field(index).type))


def failed_rules(folder: Path) -> dict[tuple[str, str], int]:
    report = validate_dataset(folder)
    return {(f.table, f.rule): f.rows for f in report.findings}


def test_a_fresh_run_passes(seed_dataset):
    report = validate_dataset(seed_dataset)
    assert report.ok, format_report(report)
    assert report.dataset_version == report.contract_version
    # Every kind of rule ran: columns, values, manifest, foreign keys, spans, counts.
    checked = " ".join(report.checked)
    for rule in ("columns and types", "pandera schema", "manifest sha256", "foreign_key(", "span(", "count("):
        assert rule in checked


def test_a_received_copy_passes_and_the_cli_exits_zero(copy):
    result = CliRunner().invoke(app, ["validate", str(copy)])
    assert result.exit_code == 0, result.output
    assert "OK" in result.output


def test_a_dangling_foreign_key_fails(copy):
    rewrite(copy / "quotes.parquet", lambda t: set_cell(t, "doc_id", 0, "doc_ffffffffffffffff"))
    failed = failed_rules(copy)
    assert failed[("quotes", "foreign_key(doc_id -> documents.doc_id)")] == 1
    assert ("quotes", "manifest sha256") in failed


def test_a_wrong_offset_fails_the_span_rule(copy):
    # Shift one mention by a character: same length, so only the text comparison can tell.
    def shift(table):
        table = set_cell(table, "start", 0, table.column("start")[0].as_py() + 1)
        return set_cell(table, "end", 0, table.column("end")[0].as_py() + 1)

    rewrite(copy / "mentions.parquet", shift)
    failed = failed_rules(copy)
    assert failed[("mentions", "span(text == documents.text[start:end])")] == 1


def test_a_retyped_column_fails_and_the_cli_names_it(copy):
    rewrite(copy / "quotes.parquet", lambda t: t.set_column(t.schema.get_field_index("confidence"), "confidence", t.column("confidence").cast(pa.string())))
    result = CliRunner().invoke(app, ["validate", str(copy)])
    assert result.exit_code == 1
    assert "column type" in result.output and "confidence: string, declared double" in result.output


def test_a_tampered_file_fails_its_checksum(copy):
    # The same rows and schema, one value changed: only the checksum can tell.
    rewrite(copy / "entities.parquet", lambda t: set_cell(t, "name", 0, t.column("name")[0].as_py() + " Jr."))
    failed = failed_rules(copy)
    assert set(failed) == {("entities", "manifest sha256")}


def test_a_missing_table_fails(copy):
    (copy / "mentions.parquet").unlink()
    failed = failed_rules(copy)
    assert ("mentions", "table present") in failed
    report = validate_dataset(copy)
    # Rules that need the missing table are reported as not checked, not as passed or crashed.
    assert any("mentions missing" in note for note in report.notes)


def test_a_count_that_does_not_match_its_rows_fails(copy):
    rewrite(copy / "entities.parquet", lambda t: set_cell(t, "n_mentions", 0, t.column("n_mentions")[0].as_py() + 5))
    failed = failed_rules(copy)
    assert failed[("entities", "count(n_mentions == mentions rows per entity_id)")] == 1


def test_a_duplicate_id_fails(copy):
    rewrite(copy / "mentions.parquet", lambda t: set_cell(t, "mention_id", 1, t.column("mention_id")[0].as_py()))
    failed = failed_rules(copy)
    assert failed[("mentions", "mention_id: field_uniqueness")] == 2


def test_another_major_schema_version_fails(copy):
    manifest = json.loads((copy / "manifest.json").read_text())
    manifest["versions"]["schema"] = "9.0.0"
    (copy / "manifest.json").write_text(json.dumps(manifest))
    failed = failed_rules(copy)
    assert ("manifest", "schema version (major)") in failed


def test_a_missing_manifest_fails_but_the_tables_are_still_checked(copy):
    (copy / "manifest.json").unlink()
    report = validate_dataset(copy)
    assert [(f.table, f.rule) for f in report.findings] == [("manifest", "manifest present")]
    assert any("span(" in c for c in report.checked)


def test_a_folder_that_is_not_a_dataset_fails_cleanly(tmp_path):
    (tmp_path / "quotes.parquet").write_bytes(b"not parquet")
    result = CliRunner().invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    assert "readable parquet" in result.output and "manifest present" in result.output


def test_the_run_records_no_cross_table_failures_and_publishes_its_card(seed_dataset):
    manifest = json.loads((seed_dataset / "manifest.json").read_text())
    assert manifest["cross_table_failures"] == []
    card = seed_dataset / "README.md"
    assert os.readlink(card) == ".current/README.md"
    text = card.read_text()
    documents = pl.read_parquet(seed_dataset / "documents.parquet")
    assert f"Documents: {documents.height}, published" in text
    assert manifest["run_id"] in text and "newsfacts score quotes --split dev" in text
    for name, table in manifest["tables"].items():
        assert f"### `{name}` ({table['rows']} rows" in text
    for tool in ("import duckdb", "import polars", "import pandas", "spark.read.parquet"):
        assert tool in text


def test_validate_loads_neither_spacy_nor_prefect(seed_dataset):
    import subprocess
    import sys

    code = (
        "import sys; from newsfacts.dataset_validation import validate_dataset; "
        f"assert validate_dataset({str(seed_dataset)!r}).ok; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'spacy', 'prefect', 'thinc'}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_the_run_time_check_records_a_broken_rule(copy):
    from newsfacts.pipeline import TableReport, cross_table_failures
    from schemas import TABLES

    rewrite(copy / "entities.parquet", lambda t: set_cell(t, "n_mentions", 0, t.column("n_mentions")[0].as_py() + 5))
    reports = [TableReport(name, 0, 0, f"{name}.parquet", "") for name in TABLES]
    failures = cross_table_failures(copy, reports)
    assert [(f["table"], f["rule"], f["rows"]) for f in failures] == [("entities", "count(n_mentions == mentions rows per entity_id)", 1)]


def set_version(folder: Path, version: str) -> None:
    """Stamp every table and the manifest with `version`, and reseal the manifest's counts and checksums."""
    from newsfacts.publishing import sha256_file

    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["versions"]["schema"] = version
    for path in folder.glob("*.parquet"):
        table = pq.read_table(path)
        pq.write_table(table.replace_schema_metadata({**table.schema.metadata, b"newsfacts.schema_version": version.encode()}), path)
        manifest["tables"][path.stem] = {"file": path.name, "rows": table.num_rows, "sha256": sha256_file(path)}
    for name in list(manifest["tables"]):
        if not (folder / f"{name}.parquet").exists():
            del manifest["tables"][name]
    (folder / "manifest.json").write_text(json.dumps(manifest))


def test_an_older_minor_version_is_checked_against_its_own_columns(copy):
    import copy as copying

    from newsfacts.dataset_validation import load_contract

    contract = load_contract()
    older = contract.version
    major, minor, _ = (int(p) for p in older.split("."))
    contract.version = f"{major}.{minor + 1}.0"  # a release one minor version ahead of the dataset...
    # ... whose versions.json says the dataset's version had no mentions table and no quotes.cluster_id.
    fingerprint = copying.deepcopy(contract.versions[older])
    del fingerprint["mentions"], fingerprint["quotes"]["cluster_id"]
    contract.versions[older] = fingerprint
    (copy / "mentions.parquet").unlink()
    rewrite(copy / "quotes.parquet", lambda t: t.drop_columns(["cluster_id"]))
    set_version(copy, older)
    report = validate_dataset(copy, contract)
    assert report.ok, format_report(report)
    assert any(f"schema {older}" in note for note in report.notes)
    # Against the release's own columns the same copy fails.
    set_version(copy, contract.version)
    failed = {(f.table, f.rule) for f in validate_dataset(copy, contract).findings}
    assert ("mentions", "table present") in failed and ("quotes", "columns missing") in failed


def test_a_newer_minor_version_is_checked_on_what_this_release_knows(copy):
    major, minor, _ = (int(p) for p in validate_dataset(copy).contract_version.split("."))
    rewrite(copy / "quotes.parquet", lambda t: t.append_column("language", pa.array(["en"] * t.num_rows)))
    shutil.copyfile(copy / "documents.parquet", copy / "sources.parquet")  # a table this release does not know
    set_version(copy, f"{major}.{minor + 1}.0")
    report = validate_dataset(copy)
    assert report.ok, format_report(report)
    assert any("newer than this release" in note for note in report.notes)
    # A newer dataset is still checked: a broken rule in it fails.
    rewrite(copy / "quotes.parquet", lambda t: set_cell(t, "doc_id", 0, "doc_ffffffffffffffff"))
    set_version(copy, f"{major}.{minor + 1}.0")
    assert ("quotes", "foreign_key(doc_id -> documents.doc_id)") in failed_rules(copy)
