"""What a run produced, summarized for people: row counts, rejections, and data-quality figures.

Pure functions over a published output folder and the run summary; the flow turns them into
Prefect artifacts (the library never imports Prefect).
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl

from newsfacts.publishing import MANIFEST, QUARANTINE_DIR
from newsfacts.reading import PROCESSED


def row_counts(manifest: dict) -> list[dict]:
    """One row per table: rows published and rows quarantined."""
    return [
        {"table": name, "rows": table["rows"], "quarantined_rows": table["quarantined_rows"]}
        for name, table in manifest["tables"].items()
    ]


def rejections(manifest: dict, out_dir: Path) -> list[dict]:
    """Every input file not processed (rejected, skipped, duplicate, quarantined) and every quarantined row."""
    rows = [
        {"kind": "file", "where": f["path"], "fate": f["fate"], "reason": f["reason"] or "", "detail": f.get("detail") or ""}
        for f in manifest["files"] if f["fate"] != PROCESSED
    ]
    for name in manifest["tables"]:
        path = Path(out_dir) / QUARANTINE_DIR / f"{name}.parquet"
        if path.exists():
            quarantined = pl.read_parquet(path)
            key = next((c for c in quarantined.columns if c.endswith("_id")), None)
            for row in quarantined.iter_rows(named=True):
                rows.append({"kind": "row", "where": f"{name}:{row.get(key, '')}", "fate": "quarantined",
                             "reason": row["quarantine_reason"], "detail": ""})
    rows += [
        {"kind": "document", "where": e["doc_id"], "fate": "extraction_error", "reason": e["error"], "detail": ""}
        for e in manifest.get("extraction_errors", [])
    ]
    return rows


def quality_markdown(out_dir: Path) -> str:
    """Markdown: quotes without a speaker, entities per type, claims per article, cache use."""
    out_dir = Path(out_dir)
    manifest = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    tables = manifest["tables"]
    lines = [f"# Data quality of run {manifest['run_id']}", ""]
    n_docs = tables.get("documents", {}).get("rows", 0)
    lines += [f"- Documents: {n_docs}; files by fate: " + ", ".join(f"{k} {v}" for k, v in sorted(manifest["files_by_fate"].items()))]
    extraction = manifest.get("extraction") or {}
    if extraction:
        lines += [f"- Extraction: {extraction['extracted']} articles parsed, {extraction['from_cache']} from the cache"]
    lines += [f"- Quarantined rows: {sum(t['quarantined_rows'] for t in tables.values())}; "
              f"extraction errors: {len(manifest.get('extraction_errors', []))}", ""]
    if "quotes" in tables:
        quotes = pl.read_parquet(out_dir / "quotes.parquet", columns=["speaker_entity_id", "speaker_text"])
        unknown = quotes.filter(pl.col("speaker_entity_id").is_null())
        unnamed = unknown.filter(pl.col("speaker_text").is_null()).height
        share = f" ({unknown.height / quotes.height:.0%})" if quotes.height else ""
        lines += ["## Quotes", "", f"{quotes.height} quotes; {unknown.height}{share} without a speaker entity, "
                  f"{unnamed} of them with no speaker text at all.", ""]
    if "entities" in tables:
        per_type = pl.read_parquet(out_dir / "entities.parquet", columns=["type"])["type"].value_counts(sort=True)
        lines += ["## Entities per type", "", "| type | entities |", "| --- | ---: |"]
        lines += [f"| {t} | {n} |" for t, n in per_type.iter_rows()] + [""]
    lines += ["## Claims per article", ""]
    if "claims" in tables:
        claims = pl.read_parquet(out_dir / "claims.parquet", columns=["doc_id"])
        counts = claims["doc_id"].value_counts()["count"]
        without = n_docs - counts.len()
        lines += [f"{claims.height} claims in {counts.len()} articles: mean {claims.height / max(n_docs, 1):.1f} per article, "
                  f"max {counts.max() or 0}; {without} articles without a claim.", ""]
    else:
        lines += ["No claims table in this dataset.", ""]
    return "\n".join(lines)
