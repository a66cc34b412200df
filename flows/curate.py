"""The curate flow: raw articles in, a validated, atomically published dataset out.

Tasks map over batches of files, never single documents (a task costs
milliseconds and a database row), and pass file paths, not data frames.
"""

from __future__ import annotations

import json
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.context import get_run_context
from prefect.task_runners import ThreadPoolTaskRunner

from newsfacts import pipeline, quality
from newsfacts.publishing import OutputLock
from newsfacts.modelcheck import check_model
from newsfacts.settings import (
    DEFAULT_CLAIM_SIMILARITY_THRESHOLD,
    DEFAULT_LOCK_TIMEOUT,
    DEFAULT_MAX_FILE_BYTES,
    DEFAULT_MIN_FRAGMENT_CHARS,
    DEFAULT_MODEL,
    DEFAULT_NEAR_DUPLICATE_THRESHOLD,
    Settings,
)

def _io_failure(task, task_run, state) -> bool:
    """Retry only what can pass on a second try: an OSError (a network mount, a full disk). Bad input is
    recorded by the stages themselves; a contract error or a held lock fails the same way every time."""
    return isinstance(state.result(raise_on_failure=False), OSError)


IO_RETRIES = dict(retries=2, retry_delay_seconds=[2, 10], retry_condition_fn=_io_failure)


@task(name="discover", cache_policy=NO_CACHE, **IO_RETRIES)
def discover_files(context: pipeline.RunContext):
    return pipeline.discover_inputs(context)


@task(name="find-reusable-run", cache_policy=NO_CACHE, **IO_RETRIES)
def reusable_run(context: pipeline.RunContext, files: list, skipped: list):
    return pipeline.reusable_run(context, files, skipped)


@task(name="reuse-published", cache_policy=NO_CACHE, **IO_RETRIES)
def reuse_published(context: pipeline.RunContext, previous: dict) -> pipeline.RunSummary:
    return pipeline.reuse_published(context, previous)


@task(name="ingest-batch", cache_policy=NO_CACHE, **IO_RETRIES)
def ingest_batch(context: pipeline.RunContext, files: list, batch_no: int) -> str:
    return pipeline.ingest_batch(context, files, batch_no)


@task(name="collect-documents", cache_policy=NO_CACHE)
def collect_documents(context: pipeline.RunContext, stems: list[str]):
    return pipeline.collect_documents(context, stems)


@task(name="extract-batch", cache_policy=NO_CACHE)
def extract_batch(context: pipeline.RunContext, offset: int, length: int, batch_no: int) -> str:
    return pipeline.extract_batch(context, offset, length, batch_no)


@task(name="link-entities", cache_policy=NO_CACHE)
def link_entities(context: pipeline.RunContext, stems: list[str]) -> dict[str, str]:
    return pipeline.link_entities(context, stems)


@task(name="cluster-across-articles", cache_policy=NO_CACHE)
def cluster_across_articles(context: pipeline.RunContext, staged: dict[str, str]) -> dict[str, str]:
    return pipeline.cluster_across_articles(context, staged)


@task(name="validate-and-write", cache_policy=NO_CACHE, **IO_RETRIES)
def validate_and_write(context: pipeline.RunContext, table: str, staged: str):
    return pipeline.validate_and_write(context, table, staged)


@task(name="publish", cache_policy=NO_CACHE, **IO_RETRIES)
def publish(context: pipeline.RunContext, reports: list, outcomes: list) -> pipeline.RunSummary:
    return pipeline.finish_run(context, reports, outcomes)


@flow(name="curate", task_runner=ThreadPoolTaskRunner(max_workers=4), log_prints=True)
def curate(
    raw_dir: str = "raw",
    out_dir: str = "outputs",
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    batch_size: int = 200,
    keep_runs: int = 2,
    model: str = DEFAULT_MODEL,
    workers: int | None = None,
    near_duplicate_threshold: float = DEFAULT_NEAR_DUPLICATE_THRESHOLD,
    min_fragment_chars: int = DEFAULT_MIN_FRAGMENT_CHARS,
    claim_similarity_threshold: float = DEFAULT_CLAIM_SIMILARITY_THRESHOLD,
    use_cache: bool = True,
    cache_dir: str | None = None,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
    reuse: bool = True,
) -> pipeline.RunSummary:
    """Curate the articles in `raw_dir` into the Parquet dataset in `out_dir`."""
    logger = get_run_logger()
    on_threads = isinstance(get_run_context().task_runner, ThreadPoolTaskRunner)
    if not on_threads:  # Dask (or another runner): the runner's workers are the parallelism; spaCy stays in one process
        workers = 1
    settings = Settings(
        raw_dir=raw_dir, out_dir=out_dir, max_file_bytes=max_file_bytes, batch_size=batch_size, keep_runs=keep_runs, model=model,
        near_duplicate_threshold=near_duplicate_threshold, min_fragment_chars=min_fragment_chars,
        claim_similarity_threshold=claim_similarity_threshold,
        use_cache=use_cache, cache_dir=cache_dir, lock_timeout=lock_timeout, reuse=reuse, **({"workers": workers} if workers else {}),
    )
    check_model(settings.model)
    with OutputLock(settings.out_dir, settings.lock_timeout):
        context = pipeline.new_run(settings)
        files, skipped = discover_files(context)
        logger.info("run %s: %d files to read, %d entries not read", context.run_id, len(files), len(skipped))
        previous = reusable_run(context, files, skipped)
        if previous is not None:  # nothing changed since the published run: its tables are this run's
            logger.info("run %s: same inputs, code and settings as run %s; reusing its tables", context.run_id, previous["run_id"])
            summary = reuse_published(context, previous)
        else:
            summary = _compute(context, files, skipped, on_threads)
    publish_artifacts(Path(out_dir))
    logger.info("run %s published to %s: %s", summary.run_id, out_dir, summary.files)
    if summary.report_error:
        logger.warning("report.html not written (%s); the dataset is published without it", summary.report_error)
    if summary.quarantined_rows:
        logger.warning("%d rows quarantined; see %s/quarantine/", summary.quarantined_rows, out_dir)
    return summary


def _compute(context: pipeline.RunContext, files: list, skipped: list, on_threads: bool) -> pipeline.RunSummary:
    """Every stage, from ingest to publish."""
    settings = context.settings
    batches = pipeline.plan_batches(files, settings.batch_size)
    stems = ingest_batch.map(context, batches, range(len(batches))).result() if batches else []
    documents, outcomes = collect_documents(context, stems)
    report, quarantined = validate_and_write(context, "documents", documents)
    pipeline.mark_quarantined(outcomes, quarantined)
    slices = pipeline.plan_document_batches(context)
    try:
        if on_threads:  # one extraction task at a time: each already uses every core through its worker processes
            extracted = [extract_batch(context, offset, length, i) for i, (offset, length) in enumerate(slices)]
        else:  # one task per batch on the cluster's workers, each loading the model once
            offsets, lengths = zip(*slices) if slices else ((), ())
            extracted = extract_batch.map(context, list(offsets), list(lengths), range(len(slices))).result() if slices else []
    finally:
        from newsfacts.extraction import close_workers  # imports spaCy: only on a run that extracts

        close_workers()  # the extraction worker processes live across batches, not past them
    staged = cluster_across_articles(context, link_entities(context, extracted))
    reports = [report] + [validate_and_write(context, name, staged[name])[0] for name in pipeline.EXTRACTED_TABLES]
    return publish(context, reports, skipped + outcomes)


def publish_artifacts(out_dir: Path) -> None:
    """The run's row counts, rejections and data-quality summary, as artifacts in the Prefect UI."""
    manifest = json.loads((out_dir / pipeline.MANIFEST).read_text(encoding="utf-8"))
    create_table_artifact(
        key="curate-row-counts", table=quality.row_counts(manifest), description=f"Rows per table, run {manifest['run_id']}",
    )
    create_table_artifact(
        key="curate-rejections", table=quality.rejections(manifest, out_dir) or [{"kind": "", "where": "none", "fate": "", "reason": "", "detail": ""}],
        description=f"Files not processed and rows quarantined, run {manifest['run_id']}",
    )
    create_markdown_artifact(key="curate-data-quality", markdown=quality.quality_markdown(out_dir),
                             description=f"Data quality, run {manifest['run_id']}")


def dask_task_runner(address: str | None = None, n_workers: int | None = None):
    """A DaskTaskRunner on an existing cluster (`address`), or on a new local cluster of `n_workers` processes
    with one thread each (spaCy is not thread-safe to share, and each process loads the model once)."""
    from prefect_dask import DaskTaskRunner

    if address:
        return DaskTaskRunner(address=address)
    return DaskTaskRunner(cluster_kwargs={"n_workers": n_workers or 2, "threads_per_worker": 1, "processes": True})


def curate_on_dask(address: str | None = None, n_workers: int | None = None, **parameters) -> pipeline.RunSummary:
    """Run the curate flow with its per-batch tasks (ingest, extraction) on Dask."""
    return curate.with_options(task_runner=dask_task_runner(address, n_workers))(**parameters)


DEPLOYMENT_NAME = "scheduled"


def serve(cron: str, raw_dir: str, out_dir: str, name: str = DEPLOYMENT_NAME) -> None:
    """Serve the curate flow as a deployment on a cron schedule; runs until interrupted. Needs a Prefect server."""
    curate.serve(name=name, cron=cron, parameters={"raw_dir": raw_dir, "out_dir": out_dir},
                 description="Curate raw articles into the newsfacts dataset on a schedule.")


if __name__ == "__main__":
    curate()
