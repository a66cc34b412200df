"""An article longer than spaCy's piece size goes through the whole pipeline with valid spans."""

import polars as pl
import pytest

from newsfacts import pipeline
from newsfacts.settings import Settings

pytestmark = pytest.mark.slow


def test_a_single_line_article_over_the_piece_size_lands_with_valid_spans(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    sentence = 'Senator Jane Miller said "the budget is balanced" on Tuesday, and the Kremlin said it disagreed. '
    (raw / "long.txt").write_text(sentence * 1100, encoding="utf-8")  # ~110,000 characters, no newline
    summary = pipeline.curate(Settings(raw_dir=raw, out_dir=tmp_path / "out", workers=1))
    assert summary.files == {"processed": 1} and summary.quarantined_rows == 0
    text = pl.read_parquet(tmp_path / "out" / "documents.parquet")["text"][0]
    assert len(text) > 100_000
    quotes = pl.read_parquet(tmp_path / "out" / "quotes.parquet")
    assert quotes.filter(pl.col("kind") == "partial").height >= 1000
    for row in quotes.iter_rows(named=True):
        assert text[row["start"] : row["end"]] == row["text"]


def test_an_extractor_bug_on_one_article_is_recorded_and_the_run_goes_on(tmp_path, monkeypatch, raw_copy):
    import json

    from newsfacts import extraction

    real = extraction.extract_quotes

    def fail_on_seed_000(doc, paragraphs, mentions):
        if "peace letter" in doc.text[:200]:
            raise RuntimeError("injected extractor bug")
        return real(doc, paragraphs, mentions)

    monkeypatch.setattr(extraction, "extract_quotes", fail_on_seed_000)
    summary = pipeline.curate(Settings(raw_dir=raw_copy, out_dir=tmp_path / "out", workers=1))
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert [e["error"] for e in manifest["extraction_errors"]] == ["RuntimeError: injected extractor bug"]
    assert summary.tables["documents"].rows == 2 and summary.tables["quotes"].rows > 0
