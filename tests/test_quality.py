"""The run's summaries that the flow publishes as Prefect artifacts."""

import json
import shutil

import polars as pl

from newsfacts import quality


def _copy(dataset, tmp_path):
    """A writable copy of a published dataset, with the links resolved."""
    target = tmp_path / "dataset"
    shutil.copytree(dataset, target, symlinks=False, ignore=shutil.ignore_patterns(".runs", ".current", ".lock", ".cache"))
    return target


def test_row_counts_follow_the_manifest(seed_dataset):
    manifest = json.loads((seed_dataset / "manifest.json").read_text())
    counts = {row["table"]: (row["rows"], row["quarantined_rows"]) for row in quality.row_counts(manifest)}
    assert counts["documents"] == (2, 0)
    assert counts["mentions"] == (pl.read_parquet(seed_dataset / "mentions.parquet").height, 0)


def test_rejections_list_unprocessed_files_quarantined_rows_and_extraction_errors(seed_dataset, tmp_path):
    out = _copy(seed_dataset, tmp_path)
    manifest = json.loads((out / "manifest.json").read_text())
    manifest["files"].append({"path": "bad/empty.txt", "fate": "rejected", "reason": "empty", "detail": None})
    manifest["extraction_errors"] = [{"doc_id": "doc_0123456789abcdef", "error": "ValueError: odd"}]
    pl.DataFrame({"quote_id": ["quo_0000000000000001"], "quarantine_reason": ["span_mismatch"]}).write_parquet(out / "quarantine" / "quotes.parquet")
    rows = [(r["kind"], r["where"], r["reason"]) for r in quality.rejections(manifest, out)]
    assert rows == [
        ("file", "bad/empty.txt", "empty"),
        ("row", "quotes:quo_0000000000000001", "span_mismatch"),
        ("document", "doc_0123456789abcdef", "ValueError: odd"),
    ]


def test_the_quality_summary_counts_what_it_says(seed_dataset, tmp_path):
    markdown = quality.quality_markdown(seed_dataset)
    quotes = pl.read_parquet(seed_dataset / "quotes.parquet")
    without = quotes.filter(pl.col("speaker_entity_id").is_null()).height
    assert f"{quotes.height} quotes; {without} " in markdown
    for entity_type, n in pl.read_parquet(seed_dataset / "entities.parquet")["type"].value_counts().iter_rows():
        assert f"| {entity_type} | {n} |" in markdown
    claims = pl.read_parquet(seed_dataset / "claims.parquet")
    per_article = claims.group_by("doc_id").len()["len"]
    assert f"{claims.height} claims in {per_article.len()} articles" in markdown and f"max {per_article.max()};" in markdown

    out = _copy(seed_dataset, tmp_path)  # a dataset without a claims table (from an older release)
    (out / "claims.parquet").unlink()
    manifest = json.loads((out / "manifest.json").read_text())
    del manifest["tables"]["claims"]
    (out / "manifest.json").write_text(json.dumps(manifest))
    assert "No claims table in this dataset." in quality.quality_markdown(out)

    out = _copy(seed_dataset, tmp_path / "with")  # a made-up claims table: the counts follow its rows
    doc_id = pl.read_parquet(out / "documents.parquet")["doc_id"][0]
    pl.DataFrame({"doc_id": [doc_id] * 3}).write_parquet(out / "claims.parquet")
    manifest = json.loads((out / "manifest.json").read_text())
    manifest["tables"]["claims"] = {"rows": 3, "quarantined_rows": 0}
    (out / "manifest.json").write_text(json.dumps(manifest))
    assert "3 claims in 1 articles: mean 1.5 per article, max 3; 1 articles without a claim." in quality.quality_markdown(out)
