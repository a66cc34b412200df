"""The HTML report: one self-contained page that shows what a dataset holds and how far to trust it.

The page opens offline: styles and the one script are inlined, charts are inline SVG drawn here
(geometry in Python, markup in the Jinja templates), and a Content-Security-Policy allows nothing
but the page's own script and style, so it can request nothing from any host. Article text is
untrusted: every value reaches the page through Jinja's autoescape, or as JSON (`tojson`, which
escapes `<`, `>`, `&` and `'`) that the script writes with `textContent`, never as markup.

Sections whose tables are not in a dataset (claims, quote_clusters) say so instead of failing.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
import polars as pl
from markupsafe import Markup

import newsfacts
from newsfacts.publishing import CURRENT_LINK, MANIFEST, QUARANTINE_DIR, OutputLock, current_run_id, publish

log = logging.getLogger(__name__)

REPORT = "report.html"
# Rows of the quotes table embedded in the page: enough to browse, small enough to open fast.
MAX_QUOTE_ROWS = 3000
MAX_QUOTE_CHARS = 400  # longer quotes are cut in the table (the dataset has them whole)
TOP = 15  # bars in each "top" chart
MATRIX_SIZE = 15  # entities in the co-occurrence matrix
COOCCURRENCE_TYPES = ["PERSON", "ORG"]
# Columns read for the report; the documents' text (the bulk of the dataset) is never loaded.
DOCUMENT_COLUMNS = ["doc_id", "source_path", "title", "published_date", "url"]
QUOTES_PER_ARTICLE_BINS = [(0, 0), (1, 1), (2, 2), (3, 5), (6, 10), (11, 20), (21, None)]

_TEMPLATES = jinja2.Environment(
    loader=jinja2.PackageLoader("newsfacts", "templates"),
    autoescape=True,  # every value is escaped, whatever the template's file name
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


class NoDataset(ValueError):
    """The folder holds no newsfacts dataset to report on."""


@dataclass
class Dataset:
    """A dataset as the report reads it: the manifest and whichever tables are present."""

    manifest: dict
    tables: dict[str, pl.DataFrame]
    quarantine: dict[str, pl.DataFrame] = field(default_factory=dict)

    def table(self, name: str) -> pl.DataFrame | None:
        return self.tables.get(name)


# --- reading --------------------------------------------------------------------------------------


def load_dataset(folder: Path) -> Dataset:
    """Read a dataset folder (a run folder or a published output folder): manifest, tables, quarantine."""
    folder = Path(folder)
    if not (folder / "documents.parquet").is_file():
        raise NoDataset(f"{folder} holds no documents.parquet: not a newsfacts dataset")
    manifest_path = folder / MANIFEST
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.is_file() else {}
    tables = {}
    for path in sorted(folder.glob("*.parquet")):
        name = path.name.removesuffix(".parquet")
        columns = DOCUMENT_COLUMNS if name == "documents" else None
        tables[name] = pl.read_parquet(path, columns=columns)
    quarantine_dir = folder / QUARANTINE_DIR
    quarantine = {p.name.removesuffix(".parquet"): pl.read_parquet(p) for p in sorted(quarantine_dir.glob("*.parquet"))} if quarantine_dir.is_dir() else {}
    return Dataset(manifest, tables, quarantine)


# --- charts: geometry here, markup in templates/charts.html.j2 -------------------------------------


def shorten(text: str | None, limit: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def bar_chart(items: list[tuple[str, float]], *, value_format: str = "{:,.0f}", width: int = 500, label_width: int = 190) -> dict:
    """Horizontal bars, longest first as given: each bar's label, value and pixel geometry."""
    bar_height, gap = 18, 6
    top = max((value for _, value in items), default=0) or 1
    plot = width - label_width - 60
    bars = [
        {
            "label": shorten(label, 26),
            "full_label": label,
            "value": value_format.format(value),
            "y": i * (bar_height + gap),
            "width": round(plot * value / top, 1),
        }
        for i, (label, value) in enumerate(items)
    ]
    return {"bars": bars, "width": width, "height": max(len(bars) * (bar_height + gap), bar_height), "label_width": label_width, "bar_height": bar_height}


def matrix_chart(labels: list[str], counts: list[list[int]], *, cell: int = 22, label_width: int = 170) -> dict:
    """A symmetric heat matrix: cells shaded by count relative to the largest off-diagonal count."""
    n = len(labels)
    top = max((counts[i][j] for i in range(n) for j in range(n) if i != j), default=0) or 1
    cells = [
        {
            "x": label_width + j * cell,
            "y": label_width + i * cell,
            "count": counts[i][j],
            "opacity": round(0.08 + 0.92 * counts[i][j] / top, 3) if counts[i][j] else 0,
            "title": f"{labels[i]} & {labels[j]}: {counts[i][j]} articles",
        }
        for i in range(n)
        for j in range(n)
        if i != j
    ]
    axis = [{"label": shorten(label, 24), "full_label": label, "offset": label_width + k * cell + cell // 2} for k, label in enumerate(labels)]
    size = label_width + n * cell + 4
    # The slanted column labels reach right of the last column: room for them.
    return {"cells": cells, "axis": axis, "cell": cell, "size": size, "width": size + label_width // 2, "label_width": label_width}


# --- sections ---------------------------------------------------------------------------------------


def run_section(manifest: dict) -> dict:
    """The run: files in and their fates, rows per table, quarantine, versions and time."""
    fates = manifest.get("files_by_fate", {})
    rejected_reasons: dict[str, int] = {}
    for outcome in manifest.get("files", []):
        if outcome.get("fate") == "rejected":
            reason = outcome.get("reason") or "unknown"
            rejected_reasons[reason] = rejected_reasons.get(reason, 0) + 1
    tables = manifest.get("tables", {})
    started, created = _parse_time(manifest.get("started_at")), _parse_time(manifest.get("created_at"))
    return {
        "run_id": manifest.get("run_id", "unknown"),
        "files_in": sum(fates.values()),
        "fates": fates,
        "rejected_reasons": sorted(rejected_reasons.items(), key=lambda kv: (-kv[1], kv[0])),
        "tables": [
            {"name": name, "rows": t.get("rows", 0), "quarantined": t.get("quarantined_rows", 0), "reasons": sorted(t.get("quarantine_reasons", {}).items(), key=lambda kv: -kv[1])}
            for name, t in tables.items()
        ],
        "quarantined_rows": sum(t.get("quarantined_rows", 0) for t in tables.values()),
        "extraction_errors": len(manifest.get("extraction_errors", [])),
        "versions": manifest.get("versions", {}),
        "started_at": started.strftime("%Y-%m-%d %H:%M:%S UTC") if started else "unknown",
        "seconds": round((created - started).total_seconds(), 1) if started and created else None,
        "model": manifest.get("settings", {}).get("model"),
    }


def speakers_section(quotes: pl.DataFrame | None) -> dict | None:
    """Who is quoted: top speakers by quotes and by articles, and the share of quotes with no known speaker."""
    if quotes is None:
        return None
    known = quotes.filter(pl.col("speaker_entity_id").is_not_null())
    by_speaker = (
        known.group_by("speaker_entity_id")
        .agg(pl.col("speaker").first(), pl.len().alias("quotes"), pl.col("doc_id").n_unique().alias("articles"))
    )
    by_quotes = by_speaker.sort(["quotes", "articles", "speaker"], descending=[True, True, False]).head(TOP)
    by_articles = by_speaker.sort(["articles", "quotes", "speaker"], descending=[True, True, False]).head(TOP)
    unknown = quotes.height - known.height
    unknown_by_kind = quotes.filter(pl.col("speaker_entity_id").is_null()).group_by("kind").len().sort("len", descending=True)
    return {
        "n_quotes": quotes.height,
        "n_speakers": by_speaker.height,
        "unknown": unknown,
        "unknown_share": unknown / quotes.height if quotes.height else 0.0,
        "unknown_by_kind": unknown_by_kind.rows(),
        "by_quotes": bar_chart([(r["speaker"], r["quotes"]) for r in by_quotes.iter_rows(named=True)]),
        "by_articles": bar_chart([(r["speaker"], r["articles"]) for r in by_articles.iter_rows(named=True)]),
    }


def clusters_section(clusters: pl.DataFrame | None, quotes: pl.DataFrame | None, documents: pl.DataFrame, top: int = 10) -> dict | None:
    """The same words in many outlets: the largest quote clusters, with their articles and dates."""
    if clusters is None:
        return None
    text_column = _first_present(clusters, ["canonical_text", "text", "canonical"])
    size = [c for c in ("n_docs", "n_quotes") if c in clusters.columns]
    largest = clusters.sort(size, descending=True).head(top) if size else clusters.head(top)
    articles_by_cluster: dict[str, list[dict]] = {}
    if quotes is not None and "cluster_id" in quotes.columns:
        linked = (
            quotes.filter(pl.col("cluster_id").is_in(largest["cluster_id"].to_list()))
            .select("cluster_id", "doc_id")
            .unique()
            .join(documents, on="doc_id", how="left")
            .sort(["cluster_id", "published_date", "source_path"], nulls_last=True)
        )
        for row in linked.iter_rows(named=True):
            articles_by_cluster.setdefault(row["cluster_id"], []).append(_article(row))
    rows = []
    for row in largest.iter_rows(named=True):
        rows.append({
            "text": shorten(row.get(text_column) if text_column else "", 300),
            "speaker": row.get("speaker"),
            "n_quotes": row.get("n_quotes"),
            "n_docs": row.get("n_docs"),
            "n_stories": row.get("n_stories"),
            "first": _date(_first_value(row, ["first_published_date", "first_date", "first_seen"])),
            "last": _date(_first_value(row, ["last_published_date", "last_date", "last_seen"])),
            "articles": articles_by_cluster.get(row["cluster_id"], []),
        })
    return {"n_clusters": clusters.height, "multi_doc": clusters.filter(pl.col("n_docs") > 1).height if "n_docs" in clusters.columns else None, "rows": rows}


def cooccurrence_section(mentions: pl.DataFrame | None, entities: pl.DataFrame | None) -> dict | None:
    """Who appears with whom: articles mentioning both of two entities, for the people and organisations in the most articles.

    Places and nationalities are left out (where there are people or organisations): they are in
    most articles and would fill the matrix with "United Kingdom & British".
    """
    if mentions is None or entities is None or entities.is_empty():
        return None
    actors = entities.filter(pl.col("type").is_in(COOCCURRENCE_TYPES))
    pool = actors if actors.height >= 2 else entities
    top = pool.sort(["n_docs", "n_mentions", "name"], descending=[True, True, False]).head(MATRIX_SIZE)
    ids = top["entity_id"].to_list()
    present = mentions.select("doc_id", "entity_id").filter(pl.col("entity_id").is_in(ids)).unique()
    pairs = (
        present.join(present, on="doc_id", suffix="_other")
        .filter(pl.col("entity_id") != pl.col("entity_id_other"))
        .group_by("entity_id", "entity_id_other")
        .len()
    )
    index = {entity_id: k for k, entity_id in enumerate(ids)}
    counts = [[0] * len(ids) for _ in ids]
    for a, b, n in pairs.iter_rows():
        counts[index[a]][index[b]] = n
    labels = [f"{name} ({kind})" for name, kind in top.select("name", "type").iter_rows()]
    strongest = sorted(((counts[i][j], labels[i], labels[j]) for i in range(len(ids)) for j in range(i + 1, len(ids)) if counts[i][j]), reverse=True)[:10]
    return {"matrix": matrix_chart(labels, counts), "pairs": [{"a": a, "b": b, "n": n} for n, a, b in strongest], "types": sorted(set(top["type"]))}


def claims_section(claims: pl.DataFrame | None, documents: pl.DataFrame, claim_clusters: pl.DataFrame | None = None, top: int = 15) -> dict | None:
    """The most check-worthy claims with their claimants; how many are hedged or negated; the largest claim clusters."""
    if claims is None:
        return None
    ranked = claims.sort("checkworthiness", descending=True, nulls_last=True) if "checkworthiness" in claims.columns else claims
    best = ranked.head(top).join(documents, on="doc_id", how="left")
    rows = [
        {
            "text": shorten(row.get("text"), 300),
            "claimant": row.get("claimant"),
            "score": row.get("checkworthiness"),
            "hedged": row.get("hedged"),
            "negated": row.get("negated"),
            "article": _article(row),
        }
        for row in best.iter_rows(named=True)
    ]
    n = claims.height
    hedged = claims.filter(pl.col("hedged").is_not_null()).height if "hedged" in claims.columns else None
    negated = claims.filter(pl.col("negated")).height if "negated" in claims.columns else None
    with_claimant = claims.filter(pl.col("claimant").is_not_null()).height if "claimant" in claims.columns else None
    clustered = None
    if "cluster_id" in claims.columns:
        sizes = claims.filter(pl.col("cluster_id").is_not_null()).group_by("cluster_id").agg(pl.col("doc_id").n_unique().alias("docs"))
        clustered = {"clusters": sizes.height, "multi_doc": sizes.filter(pl.col("docs") > 1).height}
    largest_clusters = None
    if claim_clusters is not None and "n_docs" in claim_clusters.columns:
        largest_clusters = [
            {"text": shorten(row.get("text"), 300), "claimant": row.get("claimant"), "n_claims": row.get("n_claims"), "n_docs": row.get("n_docs")}
            for row in claim_clusters.filter(pl.col("n_docs") > 1).sort("n_docs", descending=True).head(5).iter_rows(named=True)
        ]
    return {"n": n, "hedged": hedged, "negated": negated, "with_claimant": with_claimant, "rows": rows, "clustered": clustered, "largest_clusters": largest_clusters}


def quality_section(dataset: Dataset) -> dict:
    """Data quality: quotes per article, entities per type, and the validation results."""
    documents, quotes, entities = dataset.table("documents"), dataset.table("quotes"), dataset.table("entities")
    per_article = None
    if quotes is not None:
        counts = documents.select("doc_id").join(quotes.group_by("doc_id").len(), on="doc_id", how="left").fill_null(0)["len"]
        per_article = {
            "chart": bar_chart([(_bin_label(lo, hi), _in_bin(counts, lo, hi)) for lo, hi in QUOTES_PER_ARTICLE_BINS]),
            "median": counts.median() if counts.len() else 0,
            "mean": round(counts.mean(), 2) if counts.len() else 0,
        }
    per_type = None
    if entities is not None:
        types = entities.group_by("type").len().sort(["len", "type"], descending=[True, False])
        per_type = bar_chart(list(types.iter_rows()))
    quarantine = [
        {"table": name, "rows": frame.height, "reasons": sorted(frame["quarantine_reason"].value_counts().iter_rows(), key=lambda kv: -kv[1]) if "quarantine_reason" in frame.columns else []}
        for name, frame in dataset.quarantine.items()
    ]
    errors = [{"doc_id": e.get("doc_id"), "error": shorten(str(e.get("error") or e), 200)} for e in dataset.manifest.get("extraction_errors", [])[:20]]
    # Rules across tables that the published tables break (the manifest's cross_table_failures; normally none).
    cross_table = [
        {"table": f.get("table"), "rule": f.get("rule"), "rows": f.get("rows"), "examples": [shorten(str(e), 160) for e in (f.get("examples") or [])[:3]]}
        for f in dataset.manifest.get("cross_table_failures", [])
    ]
    return {"per_article": per_article, "per_type": per_type, "quarantine": quarantine, "extraction_errors": errors, "cross_table": cross_table,
            "cross_table_checked": "cross_table_failures" in dataset.manifest}


def quotes_table(quotes: pl.DataFrame | None, documents: pl.DataFrame, cap: int = MAX_QUOTE_ROWS) -> dict | None:
    """The rows of the searchable quotes table: the `cap` most confident quotes, as JSON-ready lists."""
    if quotes is None:
        return None
    chosen = (
        quotes.sort(["confidence", "doc_id", "start"], descending=[True, False, False])
        .head(cap)
        .join(documents, on="doc_id", how="left")
        .sort(["published_date", "source_path", "start"], nulls_last=True)
    )
    rows = [
        [
            row["speaker"] or (f"({row['speaker_text']})" if row["speaker_text"] else ""),
            shorten(row["text"], MAX_QUOTE_CHARS),
            row["kind"],
            _article(row)["name"],
            _date(row["published_date"]) or "",
            round(row["confidence"], 2),
        ]
        for row in chosen.iter_rows(named=True)
    ]
    return {"columns": ["speaker", "quote", "kind", "article", "date", "confidence"], "rows": rows, "total": quotes.height, "shown": len(rows)}


# --- the page --------------------------------------------------------------------------------------


def build_context(dataset: Dataset) -> dict:
    documents = dataset.table("documents")
    quotes = dataset.table("quotes")
    return {
        "run": run_section(dataset.manifest),
        "speakers": speakers_section(quotes),
        "clusters": clusters_section(dataset.table("quote_clusters"), quotes, documents),
        "cooccurrence": cooccurrence_section(dataset.table("mentions"), dataset.table("entities")),
        "claims": claims_section(dataset.table("claims"), documents, dataset.table("claim_clusters")),
        "quality": quality_section(dataset),
        "quotes": quotes_table(quotes, documents),
        "n_documents": documents.height,
        "generated_at": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC"),
        "package_version": newsfacts.__version__,
        "max_quote_rows": MAX_QUOTE_ROWS,
    }


def render_report(dataset: Dataset) -> str:
    """The whole page as one HTML string."""
    script = _asset("report.js")
    style = _asset("report.css")
    csp = (
        "default-src 'none'; "
        f"script-src '{_csp_hash(script)}'; style-src '{_csp_hash(style)}'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    return _TEMPLATES.get_template("report.html.j2").render(
        **build_context(dataset), script=Markup(script), style=Markup(style), csp=csp
    )


def write_report(folder: Path, target: Path | None = None) -> Path:
    """Render the report of the dataset in `folder` and write it atomically (default: folder/report.html)."""
    target = Path(target) if target else Path(folder) / REPORT
    html = render_report(load_dataset(folder))
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(html)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, target)
    return target


def write_run_report(run_folder: Path) -> str | None:
    """Write a run's report; on failure log it and return the error (the dataset is published all the same).

    A report is a view of the dataset, not part of it: a bug in drawing a chart must not throw
    away a validated dataset, so the caller records the error in the manifest and goes on.
    """
    try:
        write_report(run_folder)
        return None
    except Exception as exc:  # noqa: BLE001 - any failure here is recorded, never fatal
        log.exception("the HTML report could not be written; the dataset is published without it")
        return f"{type(exc).__name__}: {exc}"


def report_output(out_dir: Path, target: Path | None = None) -> Path:
    """`newsfacts report`: (re)write the report of the dataset in an output folder.

    For a published folder the page goes into the current run, beside its tables, and
    OUT_DIR/report.html links to it like the tables; a plain folder of tables gets OUT_DIR/report.html.
    """
    out_dir = Path(out_dir)
    if not (out_dir / CURRENT_LINK).is_symlink():
        return write_report(out_dir, target)
    with OutputLock(out_dir):  # no run may prune or switch the current run meanwhile
        run_id = current_run_id(out_dir)
        path = write_report(out_dir / CURRENT_LINK, target)
        if target is None:
            publish(out_dir, run_id, [REPORT])  # the same run stays current; this adds the top-level link
        return out_dir / REPORT if target is None else path


# --- helpers ----------------------------------------------------------------------------------------


def _asset(name: str) -> str:
    return _TEMPLATES.loader.get_source(_TEMPLATES, name)[0]


def _csp_hash(content: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(content.encode("utf-8")).digest()).decode("ascii")


def _article(row: dict) -> dict:
    """An article's display name, date and link (only http(s) URLs become links)."""
    url = row.get("url")
    safe_url = url if url and urlsplit(url.strip()).scheme.lower() in {"http", "https"} else None
    return {"name": row.get("title") or row.get("source_path") or row.get("doc_id") or "?", "date": _date(row.get("published_date")), "url": safe_url}


def _date(value: object) -> str | None:
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else (str(value) if value else None)


def _parse_time(value: str | None) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


def _first_present(frame: pl.DataFrame, names: list[str]) -> str | None:
    return next((name for name in names if name in frame.columns), None)


def _first_value(row: dict, names: list[str]) -> object:
    return next((row[name] for name in names if row.get(name) is not None), None)


def _bin_label(lo: int, hi: int | None) -> str:
    if hi is None:
        return f"{lo}+ quotes"
    return f"{lo} quote{'s' if lo != 1 else ''}" if lo == hi else f"{lo}-{hi} quotes"


def _in_bin(counts: pl.Series, lo: int, hi: int | None) -> int:
    inside = counts >= lo
    if hi is not None:
        inside &= counts <= hi
    return int(inside.sum())
