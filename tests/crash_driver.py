"""Run `newsfacts` with a fault injected at a named point: for the crash and concurrency tests only.

    python tests/crash_driver.py POINT -- run RAW --out OUT --engine local ...

POINT is `name:n:when` (kill this process with SIGKILL the n-th time `name` is reached, `when` being
before or after the call), `enospc:n` or `erofs:n` (the n-th Parquet write fails as if the disk were
full or the folder read-only), `trace` (append each publish's start and end to the file named by
NEWSFACTS_TRACE), or `none`. Hooks live here, not in the library: the library has no test switches.
Each hook prints `reached <point>` to stderr before acting, so a test can tell where the run died.
"""

from __future__ import annotations

import errno
import os
import signal
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq

from newsfacts import cli, pipeline, publishing

# name -> (module whose attribute the pipeline calls, attribute)
KILL_POINTS = {
    "ingest": (pipeline, "ingest_batch"),
    "collect": (pipeline, "collect_documents"),
    "extract": (pipeline, "extract_batch"),
    "link": (pipeline, "link_entities"),
    "validate_write": (pipeline, "validate_and_write"),
    "write_table": (publishing.pq, "write_table"),
    "write_json": (pipeline, "write_json"),
    "publish": (pipeline, "publish"),
    "switch_link": (publishing, "_atomic_symlink"),
    "make_tmp_link": (publishing.os, "symlink"),
    "prune": (pipeline, "prune_runs"),
    "remove_old_run": (publishing.shutil, "rmtree"),
}


def die(point: str) -> None:
    print(f"reached {point}", file=sys.stderr, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)


def install_kill(name: str, nth: int, when: str) -> None:
    module, attribute = KILL_POINTS[name]
    real = getattr(module, attribute)
    calls = 0

    def wrapper(*args, **kwargs):
        nonlocal calls
        calls += 1
        if calls == nth and when == "before":
            die(f"{name}:{nth}:before")
        if calls == nth and when == "during" and name == "remove_old_run":
            _remove_one_file(Path(args[0]))  # a half-deleted old run
            die(f"{name}:{nth}:during")
        result = real(*args, **kwargs)
        if calls == nth and when == "after":
            die(f"{name}:{nth}:after")
        return result

    setattr(module, attribute, wrapper)


def _remove_one_file(folder: Path) -> None:
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            path.unlink()
            return


def install_write_failure(nth: int, code: int) -> None:
    real = publishing.pq.write_table
    calls = 0

    def failing_write(table, where, *args, **kwargs):
        nonlocal calls
        calls += 1
        if calls >= nth:
            print(f"reached write failure {nth}", file=sys.stderr, flush=True)
            raise OSError(code, os.strerror(code), str(where))
        return real(table, where, *args, **kwargs)

    publishing.pq.write_table = failing_write


def install_trace(trace: Path) -> None:
    real = pipeline.publish

    def traced(*args, **kwargs):
        start = time.monotonic()
        with open(trace, "a") as handle:
            handle.write(f"start {os.getpid()} {time.time():.6f}\n")
        time.sleep(0.3)  # widen the window in which a second publisher would overlap
        result = real(*args, **kwargs)
        with open(trace, "a") as handle:
            handle.write(f"end {os.getpid()} {time.time():.6f} {time.monotonic() - start:.3f}\n")
        return result

    pipeline.publish = traced


def main(argv: list[str]) -> int:
    point, separator, rest = argv[0], argv[1], argv[2:]
    assert separator == "--", "usage: crash_driver.py POINT -- newsfacts arguments"
    if point.startswith(("enospc:", "erofs:")):
        kind, nth = point.split(":")
        install_write_failure(int(nth), errno.ENOSPC if kind == "enospc" else errno.EROFS)
    elif point == "trace":
        install_trace(Path(os.environ["NEWSFACTS_TRACE"]))
    elif point != "none":
        name, nth, when = point.split(":")
        install_kill(name, int(nth), when)
    sys.argv = ["newsfacts", *rest]
    return cli.app()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
