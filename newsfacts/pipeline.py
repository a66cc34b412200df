"""The curate pipeline as stages, and as one plain function.

The stages pass file paths, not data frames, so that an orchestrator (the
Prefect flow in `flows/curate.py`) can run them as tasks over batches, in
other processes or on other machines. `curate` chains the same stages in this
process, with no orchestrator.

    discover -> ingest (per batch of files) -> collect documents (dedupe) -> validate and write documents
             -> extract (per batch of documents: one spaCy pass, every extractor)
             -> link entities across articles -> cluster quotes (and claims) across articles
             -> validate and write each table -> manifest -> publish
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
import platform
import secrets
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

import polars as pl

import newsfacts
from newsfacts import fingerprint, ingest_cache, progress
from newsfacts.dataset_card import CARD, write_card
from newsfacts.dataset_validation import ValidationReport, cross_table_findings
from newsfacts.clustering import cluster_claims, cluster_quotes, count_per_entity, find_near_duplicates
from newsfacts.documents import IngestResult, deduplicate, ingest_file_cached, ingest_files
from newsfacts.modelcheck import check_model
from newsfacts.publishing import (
    MANIFEST,
    QUARANTINE_DIR,
    OutputLock,
    current_run_dir,
    link_or_copy,
    publish,
    relabel_parquet,
    prune_runs,
    run_dir,
    sha256_file,
    staging_dir,
    write_frame,
    write_json,
    write_parquet,
)
from newsfacts.report import REPORT, write_run_report
from newsfacts.reading import QUARANTINED, FileOutcome, InputFile, discover
from newsfacts.settings import Settings
from newsfacts.validating import validate_table
from schemas import FOREIGN_KEYS, SCHEMA_VERSION, SPANS, TABLES
from schemas.arrow import polars_schema
from schemas.export import contract_index

# The NLP side (spaCy, the extractors, linking) is imported by the stages that use it, not here: a run
# that reuses the published tables (or only checks its model) never pays for importing spaCy.

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RunContext:
    run_id: str
    started_at: dt.datetime
    settings: Settings

    @property
    def run_dir(self) -> Path:
        return run_dir(self.settings.out_dir, self.run_id)

    @property
    def staging_dir(self) -> Path:
        return staging_dir(self.settings.out_dir, self.run_id)


@dataclass
class TableReport:
    name: str
    rows: int
    quarantined_rows: int
    file: str
    sha256: str
    quarantine_reasons: dict[str, int] = field(default_factory=dict)


@dataclass
class RunSummary:
    run_id: str
    out_dir: str
    files: dict[str, int]  # fate -> number of input files
    tables: dict[str, TableReport]
    seconds: float
    extraction_errors: int = 0
    report_error: str | None = None  # why report.html could not be written; the dataset is published all the same

    @property
    def quarantined_rows(self) -> int:
        return sum(t.quarantined_rows for t in self.tables.values())


# --- stage timing -------------------------------------------------------------------------------

# Each timed stage call appends one line {stage, seconds} here, in the run's staging folder, so that timing
# works the same whether the stages run in this process, in Prefect's threads or elsewhere.
STAGE_TIMES = "stage_times.jsonl"


def timed(stage: str) -> Callable:
    """Record the wall time of each call of a stage function whose first argument is the RunContext."""

    def decorate(function: Callable) -> Callable:
        @functools.wraps(function)
        def wrapper(context: RunContext, *args, **kwargs):
            with stage_timer(context, stage):
                return function(context, *args, **kwargs)

        return wrapper

    return decorate


@contextmanager
def stage_timer(context: RunContext, stage: str) -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    finally:
        record_stage_time(context, stage, time.perf_counter() - started)


def record_stage_time(context: RunContext, stage: str, seconds: float) -> None:
    line = json.dumps({"stage": stage, "seconds": round(seconds, 4)}) + "\n"
    with open(context.staging_dir / STAGE_TIMES, "a", encoding="utf-8") as handle:
        handle.write(line)  # one short write per line: lines from concurrent tasks never interleave


def stage_seconds(context: RunContext) -> dict[str, dict[str, float]]:
    """Per stage: its calls and their summed wall time (calls of one stage may overlap in a thread pool)."""
    path = context.staging_dir / STAGE_TIMES
    totals: dict[str, dict[str, float]] = {}
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    for entry in map(json.loads, lines):
        total = totals.setdefault(entry["stage"], {"calls": 0, "seconds": 0.0})
        total["calls"] += 1
        total["seconds"] = round(total["seconds"] + entry["seconds"], 4)
    return totals


# --- stages -------------------------------------------------------------------------------------


def new_run(settings: Settings) -> RunContext:
    started = dt.datetime.now(dt.timezone.utc)
    run_id = started.strftime("%Y%m%dT%H%M%S%fZ") + "-" + secrets.token_hex(3)
    context = RunContext(run_id, started, settings)
    context.staging_dir.mkdir(parents=True)
    (context.run_dir / QUARANTINE_DIR).mkdir(parents=True)
    return context


@timed("discover")
def discover_inputs(context: RunContext) -> tuple[list[InputFile], list[FileOutcome]]:
    """The files to read under the raw folder, and the entries not read (hidden, links...)."""
    return discover(context.settings.raw_dir)


# The run's fingerprint, staged for its manifest (finish_run records it).
FINGERPRINT = "fingerprint.txt"


@timed("fingerprint")
def reusable_run(context: RunContext, files: list[InputFile], skipped: list[FileOutcome]) -> dict | None:
    """The published run's manifest when this run would compute the same dataset again (same inputs, code,
    versions and settings: newsfacts/fingerprint.py), else None. Stages this run's fingerprint either way."""
    if not (context.settings.reuse and context.settings.use_cache):  # --no-cache: compute everything
        return None
    run_fingerprint = fingerprint.run_fingerprint(context.settings, files, skipped)
    if run_fingerprint is None:
        return None
    (context.staging_dir / FINGERPRINT).write_text(run_fingerprint, encoding="utf-8")
    previous = current_run_dir(context.settings.out_dir)
    manifest = _read_manifest(previous) if previous else None
    if not manifest or manifest.get("run_fingerprint") != run_fingerprint or not _tables_intact(previous, manifest):
        return None
    return manifest


def _read_manifest(folder: Path) -> dict | None:
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _tables_intact(folder: Path, manifest: dict) -> bool:
    """Every table the manifest lists is there with the checksum it records (a damaged dataset is rebuilt)."""
    try:
        return all(sha256_file(folder / t["file"]) == t["sha256"] for t in manifest["tables"].values())
    except (OSError, KeyError, TypeError):
        return False


def reuse_published(context: RunContext, previous: dict) -> RunSummary:
    """Publish the previous run's tables as this run's: the same rows, labelled with this run's id (Parquet
    metadata), its quarantine, and a manifest that says which run computed them (`reused_from`)."""
    source = run_dir(context.settings.out_dir, previous["run_id"])
    reports = []
    with stage_timer(context, "reuse"):
        for name, table in previous["tables"].items():
            path = context.run_dir / table["file"]
            relabel_parquet(source / table["file"], path, parquet_metadata(context, name))
            reports.append(TableReport(**{**table, "sha256": sha256_file(path)}))
        for quarantined in sorted((source / QUARANTINE_DIR).glob("*")):
            link_or_copy(quarantined, context.run_dir / QUARANTINE_DIR / quarantined.name)
    manifest = {
        **previous,
        "run_id": context.run_id,
        "started_at": context.started_at.isoformat(),
        "created_at": dt.datetime.now(dt.timezone.utc).isoformat(),
        "settings": context.settings.to_json(),
        "tables": {r.name: asdict(r) for r in reports},
        # Nothing was extracted, nor read from the extraction cache.
        "extraction": {"from_cache": 0, "extracted": 0},
        "reused_from": previous.get("reused_from") or previous["run_id"],
    }
    manifest.pop("report_error", None)
    manifest["stage_seconds"] = stage_seconds(context)
    return _publish_run(context, manifest, reports)


def plan_batches(files: list[InputFile], batch_size: int) -> list[list[InputFile]]:
    return [files[i : i + batch_size] for i in range(0, len(files), batch_size)]


@timed("ingest")
def ingest_batch(context: RunContext, files: list[InputFile], batch_no: int) -> str:
    """Read and normalize a batch of files; write its document rows and file outcomes to staging. Returns the batch's path stem."""
    settings = context.settings
    stem = context.staging_dir / f"ingest-{batch_no:05d}"
    if settings.use_cache:  # files whose bytes an earlier run ingested are not decoded and normalized again
        cached = ingest_cache.load(settings.out_dir / ingest_cache.CACHE_FILE)
        pairs = [ingest_file_cached(f, settings.max_file_bytes, context.started_at, cached, ingest_cache.content_key) for f in files]
        results = [result for result, _ in pairs]
        ingest_cache.stage([entry for _, entry in pairs if entry is not None], stem)
    else:
        results = ingest_files(files, settings.max_file_bytes, context.started_at)
    rows = [r.document for r in results if r.document is not None]
    pl.DataFrame(rows, schema=polars_schema(TABLES["documents"])).write_parquet(stem.with_suffix(".parquet"))
    write_json([asdict(r.outcome) for r in results], stem.with_suffix(".json"))
    progress.report("ingest", len(files))
    return str(stem)


@timed("collect_documents")
def collect_documents(context: RunContext, batch_stems: list[str]) -> tuple[str, list[FileOutcome]]:
    """Join the ingested batches, merge files with the same content into one document, and mark near-duplicates.

    Returns the staged documents table's path and the outcome of every file read.
    """
    results: list[IngestResult] = []
    for stem in map(Path, batch_stems):
        outcomes = [FileOutcome(**o) for o in json.loads(stem.with_suffix(".json").read_text(encoding="utf-8"))]
        # Keyed by file, not doc_id: two files with the same content in one batch share a doc_id, and the
        # document kept must carry the source_path of the file the manifest says was processed.
        documents = {d["source_path"]: d for d in pl.read_parquet(stem.with_suffix(".parquet")).to_dicts()}
        results += [IngestResult(o, documents.get(o.path) if o.doc_id else None) for o in outcomes]
    documents, outcomes = deduplicate(results)
    path = context.staging_dir / "documents.parquet"
    frame = pl.DataFrame(documents, schema=polars_schema(TABLES["documents"])).sort("source_path")
    find_near_duplicates(frame, context.settings.near_duplicate_threshold).write_parquet(path)
    return str(path), outcomes


def validate_and_write(context: RunContext, name: str, staged: str) -> tuple[TableReport, pl.DataFrame]:
    """Validate one staged table, write its valid rows to the run folder and its failing rows to quarantine.

    Returns the table's report and its quarantined rows.
    """
    with stage_timer(context, f"validate_and_write:{name}"):
        return _validate_and_write(context, name, staged)


def _validate_and_write(context: RunContext, name: str, staged: str) -> tuple[TableReport, pl.DataFrame]:
    model = TABLES[name]
    referenced = {ref for table, _, ref, _ in FOREIGN_KEYS if table == name} | ({"documents"} if any(t == name for t, *_ in SPANS) else set())
    frame = pl.read_parquet(staged)
    # A table can refer to itself (documents.near_duplicate_of): its reference is the frame being checked.
    references = {ref: frame if ref == name else pl.read_parquet(context.run_dir / f"{ref}.parquet") for ref in referenced}
    checked = validate_table(name, model, frame, references, FOREIGN_KEYS, SPANS)
    path = context.run_dir / f"{name}.parquet"
    write_parquet(checked.valid, model, path, parquet_metadata(context, name))
    reasons: dict[str, int] = {}
    if checked.quarantined.height:
        write_frame(checked.quarantined, context.run_dir / QUARANTINE_DIR / f"{name}.parquet")
        reasons = dict(checked.quarantined["quarantine_reason"].value_counts().iter_rows())
    report = TableReport(name, checked.valid.height, checked.quarantined.height, path.name, sha256_file(path), reasons)
    return report, checked.quarantined


def plan_document_batches(context: RunContext) -> list[tuple[int, int]]:
    """(offset, length) slices of the validated documents table, one per extraction task."""
    rows = pl.scan_parquet(context.run_dir / "documents.parquet").select(pl.len()).collect().item()
    size = context.settings.batch_size
    return [(offset, min(size, rows - offset)) for offset in range(0, rows, size)]


@timed("extract")
def extract_batch(context: RunContext, offset: int, length: int, batch_no: int) -> str:
    """Run the NLP pass and the extractors over one slice of the documents; stage the rows. Returns the path stem."""
    documents = (pl.scan_parquet(context.run_dir / "documents.parquet").select("doc_id", "text", "paragraphs", "published_date")
                 .slice(offset, length).collect())
    from newsfacts.cache import extract_with_cache
    from newsfacts.extraction import extract_documents, write_extraction

    stem = context.staging_dir / f"extract-{batch_no:05d}"
    settings = context.settings
    if settings.extraction_cache_dir is None:
        write_extraction(extract_documents(documents, settings.model, settings.workers), stem)
    else:  # only the articles the cache does not hold are parsed
        extract_with_cache(
            documents, settings.model, settings.workers, settings.extraction_settings(), settings.extraction_cache_dir, stem,
        )
    progress.report("extract", length)
    return str(stem)


@timed("link_entities")
def link_entities(context: RunContext, stems: list[str]) -> dict[str, str]:
    """Link every article's entities across the corpus; stage the entities, mentions, quotes and claims tables."""
    from newsfacts.claims import claim_rows
    from newsfacts.extraction import read_extraction, read_extraction_errors
    from newsfacts.linking import link

    articles = [article for stem in stems for article in read_extraction(Path(stem))]
    entities, mentions, quotes = link(articles)
    names = {row["entity_id"]: row["name"] for row in entities}
    claims = claim_rows({a.doc_id: a.claims for a in articles}, mentions, quotes, names)
    errors = [error for stem in stems for error in read_extraction_errors(Path(stem))]
    write_json(errors, context.staging_dir / "extraction_errors.json")
    staged = {}
    for name, rows in (("entities", entities), ("mentions", mentions), ("quotes", quotes), ("claims", claims)):
        path = context.staging_dir / f"{name}.parquet"
        pl.DataFrame(rows, schema=polars_schema(TABLES[name])).write_parquet(path)
        staged[name] = str(path)
    return staged


@timed("cluster_across_articles")
def cluster_across_articles(context: RunContext, staged: dict[str, str]) -> dict[str, str]:
    """Cluster quotes (and claims, when staged) across articles; count quotes and claims per entity.

    Reads the validated documents (dates, near-duplicates) and the staged tables; stages the clustered
    tables and the cluster tables. Returns the staged paths, cluster tables included.
    """
    settings = context.settings
    documents = pl.read_parquet(context.run_dir / "documents.parquet", columns=["doc_id", "published_date", "near_duplicate_of"])
    quotes, quote_clusters = cluster_quotes(pl.read_parquet(staged["quotes"]), documents, settings.min_fragment_chars)
    frames = {"quotes": quotes, "quote_clusters": quote_clusters}
    claims = pl.read_parquet(staged["claims"]) if "claims" in staged else None
    if claims is not None:
        frames["claims"], frames["claim_clusters"] = cluster_claims(claims, documents, settings.claim_similarity_threshold)
    else:  # no claims extracted: the table is declared, and empty
        frames["claim_clusters"] = pl.DataFrame(schema=polars_schema(TABLES["claim_clusters"]))
    frames["entities"] = count_per_entity(pl.read_parquet(staged["entities"]), quotes, frames.get("claims"))
    staged = dict(staged)
    for name, frame in frames.items():
        path = context.staging_dir / f"{name}.clustered.parquet"
        schema = polars_schema(TABLES[name])
        frame.select(list(schema)).cast(dict(schema)).write_parquet(path)
        staged[name] = str(path)
    return staged


def parquet_metadata(context: RunContext, table: str) -> dict[str, str]:
    return {
        "newsfacts.table": table,
        "newsfacts.schema_version": SCHEMA_VERSION,
        "newsfacts.package_version": newsfacts.__version__,
        "newsfacts.run_id": context.run_id,
        "newsfacts.created_at": dt.datetime.now(dt.timezone.utc).isoformat(),
    }


def mark_quarantined(outcomes: list[FileOutcome], quarantined_documents: pl.DataFrame) -> None:
    """Files whose document row failed validation are accounted for as quarantined, not processed."""
    reasons = dict(zip(quarantined_documents["doc_id"].to_list(), quarantined_documents["quarantine_reason"].to_list()))
    for outcome in outcomes:
        doc_id = outcome.doc_id or outcome.duplicate_of
        if doc_id in reasons:
            outcome.fate, outcome.reason, outcome.detail = QUARANTINED, "failed_validation", reasons[doc_id]


def finish_run(context: RunContext, reports: list[TableReport], outcomes: list[FileOutcome]) -> RunSummary:
    """Write the manifest and the HTML report, publish the run atomically, and prune old runs."""
    outcomes = sorted(outcomes, key=lambda o: o.path)
    with stage_timer(context, "cross_table_check"):
        failures = cross_table_failures(context.run_dir, reports)
    fates: dict[str, int] = {}
    for outcome in outcomes:
        fates[outcome.fate] = fates.get(outcome.fate, 0) + 1
    manifest = {
        "run_id": context.run_id,
        "started_at": context.started_at.isoformat(),
        "created_at": dt.datetime.now(dt.timezone.utc).isoformat(),
        "versions": {
            "newsfacts": newsfacts.__version__,
            "schema": SCHEMA_VERSION,
            "python": platform.python_version(),
            "polars": pl.__version__,
        },
        "settings": context.settings.to_json(),
        "tables": {r.name: asdict(r) for r in reports},
        "files_by_fate": fates,
        "files": [asdict(o) for o in outcomes],
        # Documents whose extraction raised: they are in documents.parquet with no extracted rows.
        "extraction_errors": _extraction_errors(context),
        # Rules across tables (foreign keys, spans, counts) that the published tables break; normally none.
        "cross_table_failures": failures,
        # Articles whose extraction came from the cache, and articles extracted in this run.
        "extraction": _cache_stats(context),
        # Wall seconds per stage, summed over its calls (batches); everything up to writing this manifest.
        "stage_seconds": stage_seconds(context),
        # What the tables depend on, hashed: a later run with the same fingerprint reuses them.
        "run_fingerprint": _staged_fingerprint(context),
    }
    return _publish_run(context, manifest, reports, after_publish=_update_caches)


def _publish_run(context: RunContext, manifest: dict, reports: list[TableReport],
                 after_publish: Callable[[RunContext], None] | None = None) -> RunSummary:
    """Write the manifest, dataset card and HTML report of a run, publish it atomically, and prune old runs."""
    write_json(manifest, context.run_dir / MANIFEST)
    write_card(context.run_dir, manifest)
    n_errors = len(manifest["extraction_errors"])
    # The report reads the run's tables and manifest; it is published with them, or its failure is recorded.
    report_error = write_run_report(context.run_dir)
    if report_error:
        manifest["report_error"] = report_error
        write_json(manifest, context.run_dir / MANIFEST)
    publish(context.settings.out_dir, context.run_id, [r.file for r in reports] + [CARD] + ([] if report_error else [REPORT]))
    if after_publish is not None:
        after_publish(context)
    shutil.rmtree(context.staging_dir, ignore_errors=True)
    prune_runs(context.settings.out_dir, context.settings.keep_runs)
    seconds = (dt.datetime.now(dt.timezone.utc) - context.started_at).total_seconds()
    return RunSummary(context.run_id, str(context.settings.out_dir), manifest["files_by_fate"], {r.name: r for r in reports},
                      seconds, n_errors, report_error)


def _staged_fingerprint(context: RunContext) -> str | None:
    path = context.staging_dir / FINGERPRINT
    return path.read_text(encoding="utf-8") if path.exists() else None


def cross_table_failures(folder: Path, reports: list[TableReport]) -> list[dict]:
    """Check the written tables against the rules across tables; log and return what fails."""
    frames = {r.name: pl.read_parquet(folder / r.file) for r in reports}
    checked = ValidationReport(str(folder), SCHEMA_VERSION)
    cross_table_findings(frames, contract_index(), checked)
    for finding in checked.findings:
        log.warning("%s: %s fails on %d rows, e.g. %s", finding.table, finding.rule, finding.rows, "; ".join(finding.examples))
    return [asdict(finding) for finding in checked.findings]


def _cache_stats(context: RunContext) -> dict[str, int]:
    stats = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(context.staging_dir.glob("extract-*.cache.json"))]
    return {"from_cache": sum(s["from_cache"] for s in stats), "extracted": sum(s["extracted"] for s in stats)} if stats else {}


def _update_caches(context: RunContext) -> None:
    if context.settings.use_cache:
        ingest_cache.store(context.settings.out_dir / ingest_cache.CACHE_FILE, context.staging_dir)
    _prune_cache(context)


def _prune_cache(context: RunContext) -> None:
    """Drop cache entries this run did not use (deleted or changed articles, old code or settings)."""
    cache_dir = context.settings.extraction_cache_dir
    if cache_dir is None:
        return
    from newsfacts import cache

    stats = [json.loads(p.read_text(encoding="utf-8")) for p in context.staging_dir.glob("extract-*.cache.json")]
    keys = [k for s in stats for k in s["keys"]]
    removed = cache.prune(cache_dir, keys, older_than=context.started_at.timestamp(), keep_packs=[s["pack"] for s in stats])
    if removed:
        log.info("extraction cache: %d unused entries removed from %s", removed, cache_dir)


def _extraction_errors(context: RunContext) -> list[dict]:
    path = context.staging_dir / "extraction_errors.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []


# --- the whole pipeline, with no orchestrator ------------------------------------------------------


EXTRACTED_TABLES = ("entities", "mentions", "quote_clusters", "quotes", "claim_clusters", "claims")


def curate(settings: Settings) -> RunSummary:
    """Run every stage in this process: raw folder in, published dataset out."""
    check_model(settings.model)
    with OutputLock(settings.out_dir, settings.lock_timeout):
        context = new_run(settings)
        files, outcomes = discover_inputs(context)
        previous = reusable_run(context, files, outcomes)
        if previous is not None:
            return reuse_published(context, previous)
        progress.report("ingest", 0, len(files))
        stems = [ingest_batch(context, batch, i) for i, batch in enumerate(plan_batches(files, settings.batch_size))]
        documents, file_outcomes = collect_documents(context, stems)
        report, quarantined = validate_and_write(context, "documents", documents)
        mark_quarantined(file_outcomes, quarantined)
        slices = plan_document_batches(context)
        progress.report("extract", 0, sum(length for _, length in slices))
        try:
            extracted = [extract_batch(context, offset, length, i) for i, (offset, length) in enumerate(slices)]
        finally:
            from newsfacts.extraction import close_workers

            close_workers()
        staged = cluster_across_articles(context, link_entities(context, extracted))
        reports = [report] + [validate_and_write(context, name, staged[name])[0] for name in EXTRACTED_TABLES]
        return finish_run(context, reports, outcomes + file_outcomes)
