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
from newsfacts.settings import DEFAULT_LOCK_TIMEOUT, DEFAULT_MAX_FILE_BYTES, DEFAULT_MODEL, Settings

app = typer.Typer(help="Turn raw news articles into a curated, validated Parquet dataset.", no_args_is_help=True)
console = Console(stderr=True, soft_wrap=True)  # error lines stay whole, for logs and grep

EXIT_RUN_FAILED = 1
EXIT_QUARANTINED = 3


class Engine(str, Enum):
    prefect = "prefect"
    local = "local"


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
    workers: Annotated[int, typer.Option(min=1, help="Processes for spaCy.")] = os.cpu_count() or 1,
    engine: Annotated[Engine, typer.Option(help="prefect: run the Prefect flow; local: the same stages in this process.")] = Engine.prefect,
    lock_timeout: Annotated[float, typer.Option(min=0, help="Seconds to wait for another run on OUT to finish before giving up.")] = DEFAULT_LOCK_TIMEOUT,
    fail_on_quarantine: Annotated[bool, typer.Option(help=f"Exit with status {EXIT_QUARANTINED} when any row was quarantined.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show Prefect's and the library's logs.")] = False,
) -> None:
    """Curate RAW_DIR into OUT: documents.parquet, manifest.json and quarantine/."""
    if not raw_dir.is_dir():
        console.print(f"[red]error:[/] raw folder {raw_dir} does not exist or is not a folder")
        raise typer.Exit(EXIT_RUN_FAILED)
    settings = Settings(
        raw_dir=raw_dir, out_dir=out, max_file_bytes=int(max_file_mb * 2**20), batch_size=batch_size, keep_runs=keep_runs,
        model=model, workers=workers, lock_timeout=lock_timeout,
    )
    _configure_logging(verbose)
    started = time.perf_counter()
    try:
        with _progress_bar():
            summary = _run(settings, engine)
    except Exception as exc:  # the run itself failed: say why in one line, the traceback only with -v
        if verbose:
            console.print_exception()
        console.print(f"[red]run failed:[/] {type(exc).__name__}: {exc}")
        raise typer.Exit(EXIT_RUN_FAILED) from None
    _print_summary(summary, time.perf_counter() - started)
    if fail_on_quarantine and summary.quarantined_rows:
        raise typer.Exit(EXIT_QUARANTINED)


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
    import json

    from newsfacts.scoring import format_report, score_entities

    score = score_entities(gold, Path("."), shared, model)
    Console().print(format_report(score), highlight=False, soft_wrap=True)
    if json_out:
        json_out.write_text(json.dumps(score.as_dict(), indent=2) + "\n", encoding="utf-8")


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
    import json

    from newsfacts.quote_scoring import format_report, score_quotes

    gold_path = gold or polnear / f"gold_{split}.jsonl"
    score = score_quotes(gold_path, text_dir or polnear / "text", model, workers, limit)
    Console().print(format_report(score), highlight=False, soft_wrap=True)
    if json_out:
        json_out.write_text(json.dumps(score.as_dict(), indent=2) + "\n", encoding="utf-8")


def _run(settings: Settings, engine: Engine):
    if engine is Engine.local:
        from newsfacts.pipeline import curate

        return curate(settings)
    from flows.curate import curate  # imports Prefect: only here

    return curate(
        raw_dir=str(settings.raw_dir),
        out_dir=str(settings.out_dir),
        max_file_bytes=settings.max_file_bytes,
        batch_size=settings.batch_size,
        keep_runs=settings.keep_runs,
        model=settings.model,
        workers=settings.workers,
        lock_timeout=settings.lock_timeout,
    )


def _configure_logging(verbose: bool) -> None:
    # No network here and none wanted: never send Prefect analytics. Respect the user's own settings.
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_EXTRA_LOGGERS", "newsfacts")
    if not verbose:
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
        os.environ.setdefault("PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW", "ignore")
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


if __name__ == "__main__":
    sys.exit(app())
