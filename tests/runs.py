"""Running `newsfacts run --engine local` in a subprocess, optionally with a fault injected (crash_driver.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DRIVER = ROOT / "tests" / "crash_driver.py"


@dataclass(frozen=True)
class Finished:
    point: str
    returncode: int
    stdout: str
    stderr: str

    @property
    def killed(self) -> bool:
        return self.returncode == -9

    def reached(self) -> bool:
        return f"reached {self.point}" in self.stderr or self.point.startswith(("enospc", "erofs"))


def run_args(raw: Path, out: Path, batch_size: int, *extra: str) -> list[str]:
    return ["run", str(raw), "--out", str(out), "--engine", "local", "--workers", "1", "--batch-size", str(batch_size), *extra]


def start(point: str, raw: Path, out: Path, batch_size: int, *extra: str, env: dict | None = None, cwd: Path = ROOT) -> subprocess.Popen:
    """Start a run with `point` injected (see crash_driver.py); the caller waits for it."""
    return subprocess.Popen(
        [sys.executable, str(DRIVER), point, "--", *run_args(raw, out, batch_size, *extra)],
        cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200", **(env or {})},
    )


def finish(process: subprocess.Popen, point: str, timeout: float = 300) -> Finished:
    stdout, stderr = process.communicate(timeout=timeout)
    return Finished(point, process.returncode, stdout, stderr)


def run(point: str, raw: Path, out: Path, batch_size: int, *extra: str, env: dict | None = None, cwd: Path = ROOT) -> Finished:
    return finish(start(point, raw, out, batch_size, *extra, env=env, cwd=cwd), point)
