"""The curate flow: raw articles in, a validated, atomically published dataset out.

Tasks map over batches of files, never single documents (a task costs
milliseconds and a database row), and pass file paths, not data frames.
"""

from __future__ import annotations

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import ThreadPoolTaskRunner

from newsfacts import pipeline
from newsfacts.extraction import close_workers
from newsfacts.publishing import OutputLock
from newsfacts.nlp import check_model
from newsfacts.settings import DEFAULT_MAX_FILE_BYTES, DEFAULT_MODEL, Settings

def _io_failure(task, task_run, state) -> bool:
    """Retry only what can pass on a second try: an OSError (a network mount, a full disk). Bad input is
    recorded by the stages themselves; a contract error or a held lock fails the same way every time."""
    return isinstance(state.result(raise_on_failure=False), OSError)


IO_RETRIES = dict(retries=2, retry_delay_seconds=[2, 10], retry_condition_fn=_io_failure)


@task(name="discover", cache_policy=NO_CACHE, **IO_RETRIES)
def discover_files(context: pipeline.RunContext):
    return pipeline.discover_inputs(context)


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
) -> pipeline.RunSummary:
    """Curate the articles in `raw_dir` into the Parquet dataset in `out_dir`."""
    logger = get_run_logger()
    settings = Settings(
        raw_dir=raw_dir, out_dir=out_dir, max_file_bytes=max_file_bytes, batch_size=batch_size, keep_runs=keep_runs, model=model,
        **({"workers": workers} if workers else {}),
    )
    check_model(settings.model)
    with OutputLock(settings.out_dir):
        context = pipeline.new_run(settings)
        files, skipped = discover_files(context)
        logger.info("run %s: %d files to read, %d entries not read", context.run_id, len(files), len(skipped))
        batches = pipeline.plan_batches(files, settings.batch_size)
        stems = ingest_batch.map(context, batches, range(len(batches))).result() if batches else []
        documents, outcomes = collect_documents(context, stems)
        report, quarantined = validate_and_write(context, "documents", documents)
        pipeline.mark_quarantined(outcomes, quarantined)
        # One extraction task at a time: each already uses every core through spaCy's processes.
        slices = pipeline.plan_document_batches(context)
        try:
            extracted = [extract_batch(context, offset, length, i) for i, (offset, length) in enumerate(slices)]
        finally:
            close_workers()  # the extraction worker processes live across batches, not past them
        staged = link_entities(context, extracted)
        reports = [report] + [validate_and_write(context, name, staged[name])[0] for name in pipeline.EXTRACTED_TABLES]
        summary = publish(context, reports, skipped + outcomes)
    logger.info("run %s published to %s: %s", summary.run_id, out_dir, summary.files)
    if summary.quarantined_rows:
        logger.warning("%d rows quarantined; see %s/quarantine/", summary.quarantined_rows, out_dir)
    return summary


if __name__ == "__main__":
    curate()
