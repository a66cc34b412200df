"""Running one command as a subprocess and measuring it: wall time, CPU time, peak memory.

Peak memory is polled with psutil over the whole process tree (the command, its worker processes,
Prefect's temporary server): `peak_rss_tree_mb` is the largest sum of the tree's RSS seen at one poll
(pages that forked workers share with their parent are counted once per process, so it overstates),
`peak_pss_tree_mb` the largest sum of PSS (proportional set size: a shared page is split between the
processes sharing it, so the sum is the memory the tree really holds), and `peak_rss_process_mb` the
largest RSS of any single process. A process living less than one poll
interval can be missed. CPU time is user + system of every finished descendant, from
resource.getrusage(RUSAGE_CHILDREN) before and after (exact, not polled).
"""

from __future__ import annotations

import os
import resource
import subprocess
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import psutil

POLL_SECONDS = 0.1
MB = 2**20


@dataclass
class Measurement:
    command: list[str]
    returncode: int
    wall_seconds: float
    cpu_seconds: float
    peak_rss_tree_mb: float
    peak_pss_tree_mb: float
    peak_rss_process_mb: float
    stdout_tail: str

    def as_dict(self) -> dict:
        return asdict(self)


class _TreeMemoryPoller(threading.Thread):
    """Polls the RSS of a process and all its descendants until stopped."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.root = psutil.Process(pid)
        self.peak_tree = 0
        self.peak_pss = 0
        self.peak_process = 0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.is_set():
            self.sample()
            self._done.wait(POLL_SECONDS)

    def sample(self) -> None:
        try:
            processes = [self.root, *self.root.children(recursive=True)]
        except psutil.Error:
            return
        sizes, proportional = [], []
        for process in processes:
            try:
                memory = process.memory_full_info()  # rss, and pss from /proc/<pid>/smaps_rollup
            except psutil.Error:  # exited between listing and reading
                continue
            sizes.append(memory.rss)
            proportional.append(getattr(memory, "pss", memory.rss))
        if sizes:
            self.peak_tree = max(self.peak_tree, sum(sizes))
            self.peak_pss = max(self.peak_pss, sum(proportional))
            self.peak_process = max(self.peak_process, max(sizes))

    def stop(self) -> None:
        self._done.set()
        self.join()


def run_measured(command: list[str], cwd: Path | None = None, env: dict[str, str] | None = None,
                 log: Path | None = None) -> Measurement:
    """Run `command` to completion and measure it. Its output goes to `log` (the last lines are kept)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    out = open(log, "w", encoding="utf-8") if log else subprocess.DEVNULL
    try:
        process = subprocess.Popen(command, cwd=cwd, env={**os.environ, **(env or {})}, stdout=out, stderr=subprocess.STDOUT)
        poller = _TreeMemoryPoller(process.pid)
        poller.start()
        returncode = process.wait()
        poller.stop()
    finally:
        if log:
            out.close()
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    tail = "\n".join(Path(log).read_text(encoding="utf-8", errors="replace").splitlines()[-15:]) if log else ""
    return Measurement(command, returncode, round(wall, 2), round(cpu, 2), round(poller.peak_tree / MB, 1),
                       round(poller.peak_pss / MB, 1), round(poller.peak_process / MB, 1), tail)
