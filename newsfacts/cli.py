"""The `newsfacts` command line.

`newsfacts run` runs the Prefect flow (flows/curate.py) by default, or the same
stages in-process with `--engine local`. Prefect is imported only when the
flow is run, so the library itself never depends on it.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from newsfacts import progress
from newsfacts.settings import (
    DEFAULT_CLAIM_SIMILARITY_THRESHOLD,
    DEFAULT_LOCK_TIMEOUT,
    DEFAULT_MAX_FILE_BYTES,
    DEFAULT_MIN_FRAGMENT_CHARS,
    DEFAULT_MODEL,
    DEFAULT_NEAR_DUPLICATE_THRESHOLD,
    Settings,
)

app = typer.Typer(help="Turn raw news articles into a curated, validated Parquet dataset.", no_args_is_help=True)
console = Console(stderr=True, soft_wrap=True)  # error lines stay whole, for logs and grep

EXIT_RUN_FAILED = 1
EXIT_QUARANTINED = 3
EXIT_INVALID = 1  # newsfacts validate: the dataset does not fit the contract


class Engine(str, Enum):
    prefect = "prefect"
    local = "local"
    dask = "dask"


@app.callback()
def main() -> None:
    """newsfacts: quotes, entities and claims from news articles, as a dataset with a contract."""


@app.command()
def run(
    raw_dir: Annotated[Path, typer.Argument(help="Folder of raw articles, read recursively.")] = Path("raw"),
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder for the Parquet dataset.")] = Path("outputs"),
    max_file_mb: Annotated[float, typer.Option(help="Reject files larger than this many MB, unread.")] = DEFAULT_MAX_FILE_BYTES / 2**20,
    batch_size: Annotated[int, typer.Option(min=1, help="Files per batch (one flow task per batch).")] = 200,
    keep_runs: Annotated[int, typer.Option(min=1, help="Published runs to keep in OUT/.runs.")] = 2,
    model: Annotated[str, typer.Option(help="Installed spaCy pipeline to use (en_core_web_md, _lg, _trf...).")] = DEFAULT_MODEL,
    workers: Annotated[int, typer.Option(min=1, help="Processes for spaCy; with --engine dask, worker processes of a local Dask cluster.")] = os.cpu_count() or 1,
    engine: Annotated[Engine, typer.Option(help="prefect: run the Prefect flow; local: the same stages in this process; dask: the flow's per-batch work on Dask.")] = Engine.prefect,
    dask_address: Annotated[str | None, typer.Option(help="Run the per-batch work on this existing Dask cluster (tcp://HOST:PORT); implies --engine dask.")] = None,
    cache: Annotated[bool, typer.Option(help="Reuse the extraction of articles unchanged since an earlier run.")] = True,
    cache_dir: Annotated[Path | None, typer.Option(help="Where the extraction cache lives (default OUT/.cache/extraction).")] = None,
    near_duplicate_threshold: Annotated[float, typer.Option(min=0.01, max=1.0, help="Shingle Jaccard (0-1) from which an article is a near-duplicate of an earlier one.")] = DEFAULT_NEAR_DUPLICATE_THRESHOLD,
    min_fragment_chars: Annotated[int, typer.Option(min=1, help="Shortest quoted fragment (folded characters) that joins the quotation containing it.")] = DEFAULT_MIN_FRAGMENT_CHARS,
    claim_similarity_threshold: Annotated[float, typer.Option(min=0.01, max=1.0, help="Similarity (0-1) from which two claims share a cluster.")] = DEFAULT_CLAIM_SIMILARITY_THRESHOLD,
    lock_timeout: Annotated[float, typer.Option(min=0, help="Seconds to wait for another run on OUT to finish before giving up.")] = DEFAULT_LOCK_TIMEOUT,
    reuse: Annotated[bool, typer.Option(help="When the inputs, code and settings equal the published run's, republish its tables instead of computing them again.")] = True,
    fail_on_quarantine: Annotated[bool, typer.Option(help=f"Exit with status {EXIT_QUARANTINED} when any row was quarantined.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show Prefect's and the library's logs.")] = False,
) -> None:
    """Curate RAW_DIR into OUT: documents, entities, mentions, quotes and claims as Parquet, manifest.json, quarantine/, README.md and report.html."""
    if not raw_dir.is_dir():
        console.print(f"[red]error:[/] raw folder {raw_dir} does not exist or is not a folder")
        raise typer.Exit(EXIT_RUN_FAILED)
    settings = Settings(
        raw_dir=raw_dir, out_dir=out, max_file_bytes=int(max_file_mb * 2**20), batch_size=batch_size, keep_runs=keep_runs,
        model=model, workers=workers, use_cache=cache, cache_dir=cache_dir,
        near_duplicate_threshold=near_duplicate_threshold, min_fragment_chars=min_fragment_chars,
        claim_similarity_threshold=claim_similarity_threshold,
        lock_timeout=lock_timeout, reuse=reuse,
    )
    if dask_address:
        engine = Engine.dask
    _configure_logging(verbose)
    started = time.perf_counter()
    try:
        with _progress_bar():
            summary = _run(settings, engine, dask_address)
    except Exception as exc:  # the run itself failed: say why in one line, the traceback only with -v
        if verbose:
            console.print_exception()
        console.print(f"[red]run failed:[/] {type(exc).__name__}: {exc}")
        raise typer.Exit(EXIT_RUN_FAILED) from None
    _print_summary(summary, time.perf_counter() - started)
    if fail_on_quarantine and summary.quarantined_rows:
        raise typer.Exit(EXIT_QUARANTINED)


@app.command()
def validate(
    out_dir: Annotated[Path, typer.Argument(help="A dataset folder: the output of a run, or a copy of one.")] = Path("outputs"),
) -> None:
    """Check a dataset against this release's contract: tables, types, rules across tables, manifest checksums, version."""
    from newsfacts.dataset_validation import format_report, validate_dataset

    if not out_dir.is_dir():
        console.print(f"[red]error:[/] {out_dir} does not exist or is not a folder")
        raise typer.Exit(EXIT_INVALID)
    report = validate_dataset(out_dir)
    Console().print(format_report(report), highlight=False, soft_wrap=True, markup=False)
    if not report.ok:
        raise typer.Exit(EXIT_INVALID)


score_app = typer.Typer(help="Measure accuracy against hand-annotated articles.", no_args_is_help=True)
app.add_typer(score_app, name="score")


@score_app.command("entities")
def score_entities_command(
    gold: Annotated[Path, typer.Option(help="Annotated articles (format: see its 'about').")] = Path("tests/data/entities_gold.json"),
    shared: Annotated[Path, typer.Option(help="The shared folder holding corpora/polnear.")] = Path("../shared"),
    model: Annotated[str, typer.Option(help="Installed spaCy pipeline to use.")] = DEFAULT_MODEL,
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write the figures as JSON here.")] = None,
) -> None:
    """Precision/recall of entities and accuracy of surname, title and pronoun resolution."""
    from newsfacts.scoring import format_report, score_entities

    score = score_entities(gold, Path("."), shared, model)
    _print_figures(format_report(score), score.as_dict(), json_out)


@score_app.command("quotes")
def score_quotes_command(
    split: Annotated[str, typer.Option(help="train (for developing rules) or dev (for reporting).")] = "dev",
    polnear: Annotated[Path, typer.Option(help="The PolNeAR folder (gold_*.jsonl and text/).")] = Path("../shared/corpora/polnear"),
    gold: Annotated[Path | None, typer.Option(help="Another gold file in PolNeAR's format (overrides --split).")] = None,
    text_dir: Annotated[Path | None, typer.Option(help="Where the gold's articles are (default: POLNEAR/text).")] = None,
    limit: Annotated[int | None, typer.Option(help="Score only the first N articles.")] = None,
    model: Annotated[str, typer.Option(help="Installed spaCy pipeline to use.")] = DEFAULT_MODEL,
    workers: Annotated[int, typer.Option(min=1, help="Processes for spaCy.")] = os.cpu_count() or 1,
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write the figures as JSON here.")] = None,
) -> None:
    """Precision, recall and F1 of quotes at token overlap 0.3 and 0.8, and speaker accuracy."""
    from newsfacts.quote_scoring import format_report, score_quotes

    gold_path = gold or polnear / f"gold_{split}.jsonl"
    score = score_quotes(gold_path, text_dir or polnear / "text", model, workers, limit)
    _print_figures(format_report(score), score.as_dict(), json_out)


@score_app.command("speakers")
def score_speakers_command(
    gold: Annotated[Path, typer.Option(help="Annotated quotes (format: see its 'about').")] = Path("tests/data/pronoun_speakers_gold.json"),
    shared: Annotated[Path, typer.Option(help="The shared folder holding the corpora.")] = Path("../shared"),
    model: Annotated[str, typer.Option(help="Installed spaCy pipeline to use.")] = DEFAULT_MODEL,
    workers: Annotated[int, typer.Option(min=1, help="Processes for spaCy.")] = os.cpu_count() or 1,
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write the figures as JSON here.")] = None,
) -> None:
    """Whom pronoun speakers (`he said`) resolve to, against annotated BBC quotes."""
    from newsfacts.speaker_scoring import format_report, score_speakers

    score = score_speakers(gold, shared, model, workers)
    _print_figures(format_report(score), score.as_dict(), json_out)


@score_app.command("claims")
def score_claims_command(
    gold: Annotated[Path, typer.Option(help="Annotated articles (format: see its 'about').")] = Path("tests/data/claims_gold.json"),
    shared: Annotated[Path, typer.Option(help="The shared folder holding the corpora.")] = Path("../shared"),
    model: Annotated[str, typer.Option(help="Installed spaCy pipeline to use.")] = DEFAULT_MODEL,
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write the figures as JSON here.")] = None,
) -> None:
    """Recall of annotated claims, share of extracted rows that are real claims, and claimant accuracy."""
    from newsfacts.claim_scoring import format_report, score_claims

    score = score_claims(gold, Path("."), shared, model)
    _print_figures(format_report(score), score.to_json(), json_out)


@score_app.command("checkworthiness")
def score_checkworthiness_command(
    data: Annotated[Path, typer.Option(help="Folder of CLEF-2019 task 1 debates (.tsv).")] = Path(
        "../shared/corpora/clef2019_checkworthiness/training"),
    folds: Annotated[int | None, typer.Option(min=2, help="Debate folds for held-out scoring (default: one per debate).")] = None,
    shipped: Annotated[bool, typer.Option(help="Score the shipped model as it is (for debates it was not trained on).")] = False,
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write the figures as JSON here.")] = None,
) -> None:
    """Mean average precision of check-worthiness rankings, debate by debate (CLEF-2019 task 1)."""
    from newsfacts.checkworthiness_scoring import DataError, evaluate_fixed, evaluate_held_out, format_report, read_debates

    try:
        debates = read_debates(data)
    except (OSError, DataError) as exc:
        console.print(f"[red]error:[/] {exc}")
        raise typer.Exit(EXIT_RUN_FAILED) from None
    if shipped:
        from newsfacts.checkworthiness import checkworthiness, hand_checkworthiness, load_model

        evaluation = evaluate_fixed(debates, {"shipped": checkworthiness, "hand": hand_checkworthiness})
        seen = sorted(set(load_model().about.get("trained_on", ())) & {d.name for d in debates})
        if seen:
            evaluation.notes.append(f"warning: the shipped model was trained on {len(seen)} of these debates: not held out")
        title = "Average precision per debate, shipped model (CLEF-2019 task 1)"
    else:
        import importlib.util

        if importlib.util.find_spec("sklearn") is None:
            console.print("[red]error:[/] held-out scoring retrains the model and needs scikit-learn (the dev extra); "
                          "or use --shipped")
            raise typer.Exit(EXIT_RUN_FAILED)
        from newsfacts.checkworthiness_training import hand, learned

        evaluation = evaluate_held_out(debates, {"learned": learned(), "hand": hand}, n_folds=folds)
        title = f"Held-out average precision per debate ({'one debate' if folds is None else f'{folds} folds'} held out)"
    _print_figures(format_report(evaluation, title), evaluation.as_dict(), json_out)


@app.command()
def report(
    out_dir: Annotated[Path, typer.Argument(help="A dataset folder written by `newsfacts run`.")] = Path("outputs"),
    html: Annotated[Path | None, typer.Option(help="Write the page here instead of OUT_DIR/report.html.")] = None,
) -> None:
    """Write OUT_DIR/report.html: one offline page showing what the dataset holds and how far to trust it."""
    from newsfacts.publishing import OutputLocked
    from newsfacts.report import NoDataset, report_output

    try:
        path = report_output(out_dir, html)
    except (NoDataset, OutputLocked) as exc:
        console.print(f"[red]error:[/] {exc}")
        raise typer.Exit(EXIT_RUN_FAILED) from None
    Console().print(f"report: {path} ({path.stat().st_size / 1024:,.0f} KiB)")


@app.command()
def serve(
    cron: Annotated[str, typer.Option(help='When to run, as a cron expression, e.g. "0 * * * *" (hourly).')],
    raw: Annotated[Path, typer.Option("--raw", help="Folder of raw articles the scheduled runs read.")] = Path("raw"),
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder the scheduled runs publish to.")] = Path("outputs"),
    name: Annotated[str, typer.Option(help="Deployment name (the flow is 'curate').")] = "scheduled",
) -> None:
    """Serve the curate flow as a deployment on a schedule, against the Prefect server at PREFECT_API_URL."""
    _configure_logging(verbose=True)
    from prefect.settings import PREFECT_API_URL

    if not PREFECT_API_URL.value():
        console.print(
            "[red]error:[/] PREFECT_API_URL is not set. Schedules need a running Prefect server (ephemeral mode cannot run "
            "them): start one with `prefect server start`, then `export PREFECT_API_URL=http://127.0.0.1:4200/api` "
            "(or `prefect config set PREFECT_API_URL=...`)."
        )
        raise typer.Exit(EXIT_RUN_FAILED)
    from flows.curate import serve as serve_flow  # imports Prefect: only here

    # Absolute paths: the scheduled runs execute in their own processes, wherever they are started.
    serve_flow(cron, str(raw.resolve()), str(out.resolve()), name)


def _print_figures(report: str, figures: dict, json_out: Path | None) -> None:
    """A score command's report on the terminal, and its figures as JSON where asked."""
    import json

    Console().print(report, highlight=False, soft_wrap=True)
    if json_out:
        json_out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


def _run(settings: Settings, engine: Engine, dask_address: str | None = None):
    if engine is Engine.local:
        from newsfacts.pipeline import curate

        return curate(settings)
    from flows.curate import curate, curate_on_dask  # imports Prefect: only here

    parameters = dict(
        raw_dir=str(settings.raw_dir),
        out_dir=str(settings.out_dir),
        max_file_bytes=settings.max_file_bytes,
        batch_size=settings.batch_size,
        keep_runs=settings.keep_runs,
        model=settings.model,
        workers=settings.workers,
        near_duplicate_threshold=settings.near_duplicate_threshold,
        min_fragment_chars=settings.min_fragment_chars,
        claim_similarity_threshold=settings.claim_similarity_threshold,
        use_cache=settings.use_cache,
        cache_dir=str(settings.cache_dir) if settings.cache_dir else None,
        lock_timeout=settings.lock_timeout,
        reuse=settings.reuse,
    )
    if engine is Engine.dask:
        return curate_on_dask(dask_address, settings.workers, **parameters)
    return curate(**parameters)


def _configure_logging(verbose: bool) -> None:
    # No network here and none wanted: never send Prefect analytics. Respect the user's own settings.
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_EXTRA_LOGGERS", "newsfacts")
    # The temporary server needs ~10 s on an idle machine; on a loaded one Prefect's default 20 s wait
    # fails the run before any work ("Timed out while attempting to connect to ephemeral Prefect API server").
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    if not verbose:
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
        os.environ.setdefault("PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW", "ignore")
        os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "warning")  # the scheduler's and workers' INFO lines
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


class _progress_bar:
    """A progress bar fed by the library's progress events, shown only on a terminal."""

    def __enter__(self):
        self._bar = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=console, transient=True, disable=not console.is_terminal,
        )
        self._tasks: dict[str, int] = {}
        self._bar.__enter__()
        self._unsubscribe = progress.subscribe(self._on_event)
        return self

    def _on_event(self, stage: str, advance: int, total: int | None) -> None:
        if stage not in self._tasks:
            self._tasks[stage] = self._bar.add_task(stage, total=total)
        elif total is not None:
            self._bar.update(self._tasks[stage], total=total)
        self._bar.advance(self._tasks[stage], advance)

    def __exit__(self, *exc_info):
        self._unsubscribe()
        return self._bar.__exit__(*exc_info)


def _print_summary(summary, seconds: float) -> None:
    out = Console()
    table = Table(title=f"newsfacts run {summary.run_id}", show_header=True)
    table.add_column("what")
    table.add_column("count", justify="right")
    files = summary.files
    table.add_row("files read", str(sum(files.values())))
    for fate in ("processed", "duplicate", "rejected", "skipped", "quarantined"):
        table.add_row(f"  {fate}", str(files.get(fate, 0)))
    for name, report in summary.tables.items():
        table.add_row(f"rows in {name}", str(report.rows))
    table.add_row("rows quarantined", str(summary.quarantined_rows))
    table.add_row("extraction errors", str(summary.extraction_errors))
    table.add_row("time taken", f"{seconds:.1f} s")
    out.print(table)
    out.print(f"dataset: {summary.out_dir}/  (manifest.json lists every file's fate)")
    report_error = getattr(summary, "report_error", None)
    out.print(f"report: {summary.out_dir}/report.html" if not report_error else f"[yellow]report not written:[/] {report_error} (recorded in manifest.json; the dataset is complete)")


if __name__ == "__main__":
    sys.exit(app())
