"""The dataset card: `README.md` in each run's folder, published with the tables.

It says what the dataset is, which articles went in, what each table holds, where it came from,
what is known to be wrong with it (the last measured accuracy), and how to load it.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import polars as pl

from schemas import COUNTS, FOREIGN_KEYS, SPANS, TABLES
from schemas.arrow import arrow_schema

CARD = "README.md"
LISTED_FILES = 20  # rejected and duplicate files listed by name; the manifest has them all


def load_accuracy() -> dict:
    """The accuracy figures last measured by the score commands (newsfacts/data/accuracy.json)."""
    return json.loads((resources.files("newsfacts") / "data" / "accuracy.json").read_text(encoding="utf-8"))


def date_range(documents: pl.DataFrame) -> tuple[str | None, str | None, int]:
    """Earliest and latest published_date (ISO), and the number of documents without one."""
    dates = documents["published_date"]
    if dates.drop_nulls().is_empty():
        return None, None, dates.len()
    return dates.min().isoformat(), dates.max().isoformat(), dates.null_count()


def render_card(manifest: dict, documents: pl.DataFrame, accuracy: dict) -> str:
    sections = [
        _about(manifest),
        _articles(manifest, documents),
        _tables(manifest),
        _provenance(manifest),
        _limitations(accuracy),
        _loading(manifest),
    ]
    return "\n\n".join(sections) + "\n"


def write_card(run_dir: Path, manifest: dict) -> Path:
    """Write the card into the run's folder (published atomically with the tables)."""
    documents = pl.read_parquet(Path(run_dir) / manifest["tables"]["documents"]["file"], columns=["published_date"])
    path = Path(run_dir) / CARD
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(render_card(manifest, documents, load_accuracy()), encoding="utf-8")
    tmp.replace(path)
    return path


def _about(manifest: dict) -> str:
    tables = ", ".join(f"`{name}`" for name in manifest["tables"])
    return (
        "# newsfacts dataset\n\n"
        "News articles turned into linked tables: the articles' normalized text and metadata, the entities they "
        "mention (people, organisations, places... shared across articles), every mention, the quotations with "
        "their speakers, and the checkable claims with their claimants, numbers, dates and check-worthiness. Every offset points into `documents.text`, so each extracted row can be traced to the words "
        f"it came from.\n\nTables: {tables} (Parquet, zstd), `manifest.json` (every input file's fate, each table's "
        "row count and SHA-256), `quarantine/` (rows that failed validation, with the reason).\n\n"
        f"Check it against the contract with `newsfacts validate <this folder>`; the full contract (types, checks, "
        f"rules across tables) is `schemas/CONTRACT.md` in the newsfacts repository, schema version "
        f"{manifest['versions']['schema']}."
    )


def _articles(manifest: dict, documents: pl.DataFrame) -> str:
    fates = manifest.get("files_by_fate", {})
    first, last, undated = date_range(documents)
    lines = [
        "## Articles",
        "",
        f"- Input files read: {sum(fates.values())} — " + ", ".join(f"{fate} {n}" for fate, n in sorted(fates.items())) + ".",
        f"- Documents: {documents.height}" + (f", published {first} to {last}" if first else ", no publication dates")
        + (f" ({undated} without a date)." if undated and first else "."),
    ]
    errors = manifest.get("extraction_errors", [])
    if errors:
        lines.append(f"- Extraction errors: {len(errors)} documents are in `documents` with no extracted rows (see `manifest.json`).")
    files = manifest.get("files", [])
    for fate, title in (("rejected", "Rejected files"), ("duplicate", "Duplicate files (same content as a document)"), ("quarantined", "Quarantined files")):
        chosen = [f for f in files if f.get("fate") == fate]
        if not chosen:
            continue
        lines += ["", f"{title}:", ""]
        for f in chosen[:LISTED_FILES]:
            why = f.get("duplicate_of") if fate == "duplicate" else f.get("reason")
            lines.append(f"- `{f['path']}`: {why}")
        if len(chosen) > LISTED_FILES:
            lines.append(f"- ... and {len(chosen) - LISTED_FILES} more (`manifest.json` lists them all)")
    return "\n".join(lines)


def _tables(manifest: dict) -> str:
    parts = ["## Tables"]
    for name, model in TABLES.items():
        report = manifest["tables"].get(name)
        if report is None:
            continue
        columns = model.to_schema().columns
        rows = [f"### `{name}` ({report['rows']} rows, {report.get('quarantined_rows', 0)} quarantined)", "", (model.__doc__ or "").strip(), "",
                "| column | type | null | meaning |", "| --- | --- | --- | --- |"]
        for f in arrow_schema(model):
            rows.append(f"| `{f.name}` | `{f.type}` | {'yes' if f.nullable else 'no'} | {columns[f.name].description or ''} |")
        parts.append("\n".join(rows))
    rules = [f"`{t}.{c}` → `{r}.{rc}`" for t, c, r, rc in FOREIGN_KEYS]
    spans = [f"`{t}.{text}` = `documents.text[{s}:{e}]`" for t, s, e, text in SPANS]
    counts = [f"`{t}.{c}` counts `{ct}` rows" + (f" (distinct `{d}`)" if d else "") for t, _, c, ct, _, d in COUNTS]
    parts.append("Rules across tables, checked on every run: references resolve (" + ", ".join(rules) + "); spans match the text ("
                 + ", ".join(spans) + "); counts match (" + ", ".join(counts) + "); ids are unique.")
    return "\n\n".join(parts)


def _provenance(manifest: dict) -> str:
    versions = manifest.get("versions", {})
    settings = manifest.get("settings", {})
    return "\n".join([
        "## Provenance",
        "",
        f"- Run `{manifest['run_id']}`, started {manifest.get('started_at')}, written {manifest.get('created_at')} (UTC).",
        f"- newsfacts {versions.get('newsfacts')}, schema {versions.get('schema')}, Python {versions.get('python')}, polars {versions.get('polars')}.",
        f"- spaCy pipeline: `{settings.get('model')}`; raw folder `{settings.get('raw_dir')}`.",
    ])


def _limitations(accuracy: dict) -> str:
    lines = [
        "## Known limitations",
        "",
        "Extraction is rule-based on a small spaCy model: rows can be wrong or missing. Accuracy as last measured "
        f"(commit {accuracy.get('measured_at_commit', 'unknown')}):",
        "",
    ]
    for name in ("entities", "quotes", "speakers", "claims"):
        entry = accuracy.get(name)
        if entry:
            figures = ", ".join(f"{label} {value:.3f}" for label, value in entry["figures"].items())
            lines.append(f"- {name}: {figures} — measured with `{entry['command']}` on {entry['gold']}.")
    lines += [
        "- Speakers: a quote whose speaker cannot be resolved to one entity has a null `speaker` and keeps `speaker_text`; "
        "`confidence` is the share of similar rows that were right on the development corpus.",
        "- Indirect (reported) speech is found far less often than direct quotes (see the recall above).",
        "- Claims: a sentence with two assertions that the parser cannot separate stays one row, with one claimant; "
        "check-worthiness ranks claims, it is not a probability.",
        "- Entities are linked within this dataset only (no external knowledge base ids).",
    ]
    return "\n".join(lines)


def _loading(manifest: dict) -> str:
    return "\n".join([
        "## Loading",
        "",
        "From this folder. DuckDB (SQL; offsets are 0-based, `substring` is 1-based):",
        "",
        "```python",
        "import duckdb",
        "duckdb.sql(\"\"\"",
        "    SELECT d.title, q.speaker, e.type, q.text",
        "    FROM 'quotes.parquet' q JOIN 'documents.parquet' d USING (doc_id)",
        "    LEFT JOIN 'entities.parquet' e ON q.speaker_entity_id = e.entity_id\"\"\").show()",
        "```",
        "",
        "Polars:",
        "",
        "```python",
        "import polars as pl",
        "quotes = pl.read_parquet('quotes.parquet')",
        "documents = pl.read_parquet('documents.parquet')",
        "quotes.join(documents.select('doc_id', 'title'), on='doc_id')",
        "```",
        "",
        "pandas (pyarrow engine, keeping Arrow types):",
        "",
        "```python",
        "import pandas as pd",
        "documents = pd.read_parquet('documents.parquet', engine='pyarrow', dtype_backend='pyarrow')",
        "```",
        "",
        "Spark:",
        "",
        "```python",
        "quotes = spark.read.parquet('quotes.parquet')",
        "documents = spark.read.parquet('documents.parquet')",
        "quotes.join(documents.select('doc_id', 'title'), 'doc_id').show()",
        "```",
    ])
