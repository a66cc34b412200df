"""Runs started together on one output folder, and readers during a publish.

A second run waits for the first (OutputLock, up to --lock-timeout seconds), so runs publish one at a
time and the final dataset is what a single run makes. A reader that resolves `.current` once
(`publishing.current_run_dir`) always sees every table of one run; a reader that opens the top-level
names one by one always finds each of them complete.
"""

from __future__ import annotations

import json
import threading
import time

import polars as pl
import pyarrow.parquet as pq
import pytest

from newsfacts.publishing import MANIFEST, current_run_dir
from schemas import TABLES
from tests.datasets import assert_same_tables, check_published, file_fates
from tests.hostile import write_good_articles
from tests.runs import finish, run, start

pytestmark = pytest.mark.slow

N_ARTICLES = 40
BATCH = 20


@pytest.fixture(scope="module")
def single(tmp_path_factory):
    root = tmp_path_factory.mktemp("concurrency")
    raw = root / "raw"
    write_good_articles(raw, N_ARTICLES, seed=4)
    finished = run("none", raw, root / "single", BATCH)
    assert finished.returncode == 0, finished.stderr
    return raw, root, check_published(root / "single")


def _publish_intervals(trace) -> list[tuple[float, float]]:
    starts, intervals = {}, []
    for line in trace.read_text().splitlines():
        event, pid, stamp = line.split()[:3]
        if event == "start":
            starts[pid] = float(stamp)
        else:
            intervals.append((starts.pop(pid), float(stamp)))
    assert not starts, "a publish started and never ended"
    return sorted(intervals)


class Reader(threading.Thread):
    """Reads the dataset in a loop until stopped; records every inconsistency it meets."""

    def __init__(self, out):
        super().__init__(daemon=True)
        self.out, self.stop, self.problems, self.reads, self.runs_seen = out, threading.Event(), [], 0, set()

    def run(self):
        while not self.stop.wait(0.02):  # a short pause: the runs need the cores more than the reader
            try:
                self.read_once()
            except FileNotFoundError:
                if (self.out / MANIFEST).exists():  # before the first publish there is nothing to read
                    self.problems.append("a table was missing")
            except Exception as exc:  # noqa: BLE001 - any failure to read is what this test looks for
                self.problems.append(f"{type(exc).__name__}: {exc}")

    def read_once(self):
        # Consistent reading: resolve `.current` once, read every table of that run.
        folder = current_run_dir(self.out)
        if folder is None:
            return
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        for name in TABLES:
            table = pq.read_table(folder / f"{name}.parquet")
            run_id = table.schema.metadata[b"newsfacts.run_id"].decode()
            if run_id != manifest["run_id"] or table.num_rows != manifest["tables"][name]["rows"]:
                self.problems.append(f"{name} of run {run_id} read with the manifest of {manifest['run_id']}")
        self.runs_seen.add(manifest["run_id"])
        # Top-level names one by one: each is always there and whole.
        for name in TABLES:
            pl.read_parquet(self.out / f"{name}.parquet")
        json.loads((self.out / MANIFEST).read_text(encoding="utf-8"))
        self.reads += 1


@pytest.mark.parametrize("n_runs", [2, 4])
def test_runs_started_together_publish_one_at_a_time_and_equal_a_single_run(single, n_runs, tmp_path):
    raw, _, reference = single
    out, trace = tmp_path / "out", tmp_path / "publishes.trace"
    reader = Reader(out)
    reader.start()
    processes = [start("trace", raw, out, BATCH, "--lock-timeout", "600", env={"NEWSFACTS_TRACE": str(trace)}) for _ in range(n_runs)]
    results = [finish(process, "trace") for process in processes]
    time.sleep(0.2)
    reader.stop.set()
    reader.join(timeout=30)

    assert [r.returncode for r in results] == [0] * n_runs, [r.stderr[-1500:] for r in results]
    intervals = _publish_intervals(trace)
    assert len(intervals) == n_runs
    assert all(end <= next_start for (_, end), (next_start, _) in zip(intervals, intervals[1:])), intervals
    published = check_published(out)
    assert_same_tables(published.tables, reference.tables)
    assert file_fates(published.manifest) == file_fates(reference.manifest)
    assert not reader.problems, reader.problems[:5]
    assert reader.reads > 0 and len(reader.runs_seen) >= 2


def test_a_run_that_cannot_get_the_lock_in_time_exits_clearly(single, tmp_path):
    from newsfacts.publishing import OutputLock

    raw, _, _ = single
    out = tmp_path / "out"
    with OutputLock(out):
        refused = run("none", raw, out, BATCH, "--lock-timeout", "1")
    assert refused.returncode == 1
    assert "run failed: OutputLocked: another run (pid" in refused.stderr and "after waiting 1 s" in refused.stderr
    assert not (out / MANIFEST).exists()
