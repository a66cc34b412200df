"""`newsfacts serve` for real: a Prefect server on a free local port, the served deployment, one triggered run.

No mocks: the server (SQLite in a temporary PREFECT_HOME) and `newsfacts serve` run as child processes,
the run is triggered and watched through Prefect's client, and both processes are stopped whatever happens.
Deselect locally with `-m "not server"`; it runs in `make test`.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import polars as pl
import pytest

from tests.conftest import RAW, ROOT

pytestmark = [pytest.mark.slow, pytest.mark.server]

NEWSFACTS = str(Path(sys.executable).with_name("newsfacts"))
PREFECT = str(Path(sys.executable).with_name("prefect"))
CRON = "0 0 1 1 *"  # once a year: the test triggers its own run and the schedule never fires during it
SERVER_START_SECONDS = 180
RUN_SECONDS = 300


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _prefect_env(home: Path, api_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false", PREFECT_UI_ENABLED="false")
    if api_url:
        env["PREFECT_API_URL"] = api_url
    return env


def _start(command: list[str], env: dict[str, str], log: Path, cwd: Path) -> subprocess.Popen:
    # A process group of its own, so that stopping it stops the server's or runner's children too.
    return subprocess.Popen(command, env=env, cwd=cwd, stdout=log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    for sig, wait in ((signal.SIGINT, 20), (signal.SIGTERM, 10), (signal.SIGKILL, 10)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(wait)
            return
        except subprocess.TimeoutExpired:
            continue


def _wait_for(what: str, check, seconds: float, logs: list[Path]):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            result = check()
        except Exception:  # not up yet
            result = None
        if result:
            return result
        time.sleep(1)
    tails = "\n".join(f"--- {log.name}\n{log.read_text(errors='replace')[-3000:]}" for log in logs if log.exists())
    pytest.fail(f"timed out after {seconds}s waiting for {what}\n{tails}")


def test_serve_without_a_server_says_how_to_start_one(tmp_path):
    result = subprocess.run(
        [NEWSFACTS, "serve", "--cron", "0 * * * *"], env=_prefect_env(tmp_path / "prefect-home", None),
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 1
    assert "PREFECT_API_URL is not set" in result.stderr and "prefect server start" in result.stderr


def test_a_served_deployment_runs_on_a_real_server(tmp_path):
    from prefect.client.orchestration import SyncPrefectClient
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    port = _free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    env = _prefect_env(tmp_path / "prefect-home", api_url)
    raw, out = tmp_path / "raw", tmp_path / "out"
    shutil.copytree(RAW, raw)
    (raw / "empty.txt").write_bytes(b"")
    server_log, serve_log = tmp_path / "server.log", tmp_path / "serve.log"
    logs = [server_log, serve_log]
    processes = []
    try:
        processes.append(_start([PREFECT, "server", "start", "--host", "127.0.0.1", "--port", str(port)], env, server_log, tmp_path))
        client = SyncPrefectClient(api_url)
        client.__enter__()
        _wait_for("the Prefect server", lambda: client.api_healthcheck() is None, SERVER_START_SECONDS, logs)

        processes.append(_start([NEWSFACTS, "serve", "--cron", CRON, "--raw", str(raw), "--out", str(out)], env, serve_log, ROOT))
        deployment = _wait_for("the served deployment", lambda: client.read_deployment_by_name("curate/scheduled"), 120, logs)
        assert [s.schedule.cron for s in deployment.schedules] == [CRON]
        assert deployment.parameters == {"raw_dir": str(raw), "out_dir": str(out)}

        flow_run = client.create_flow_run_from_deployment(deployment.id)
        final = _wait_for(
            "the triggered flow run to finish",
            lambda: (run := client.read_flow_run(flow_run.id)).state.is_final() and run,
            RUN_SECONDS, logs,
        )
        assert final.state.is_completed(), f"{final.state}\n{serve_log.read_text(errors='replace')[-3000:]}"

        documents = pl.read_parquet(out / "documents.parquet")
        assert sorted(documents["source_path"].to_list()) == sorted(p.name for p in RAW.glob("*.txt"))
        only_this_run = ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run.id]))
        artifacts = {a.key: a.data for a in client.read_artifacts(artifact_filter=only_this_run)}
        assert set(artifacts) == {"curate-row-counts", "curate-rejections", "curate-data-quality"}
        counts = {row["table"]: row["rows"] for row in json.loads(artifacts["curate-row-counts"])}
        assert counts["documents"] == 2 and counts["mentions"] > 0
        rejected = json.loads(artifacts["curate-rejections"])
        assert [(r["where"], r["reason"]) for r in rejected] == [("empty.txt", "empty")]
        assert "## Entities per type" in artifacts["curate-data-quality"]

        # prefect.yaml declares the same deployment for work pools: it registers with the same schedule.
        deploy_env = {**env, "NEWSFACTS_HOME": str(ROOT)}
        for command in ([PREFECT, "work-pool", "create", "newsfacts", "--type", "process"],
                        [PREFECT, "--no-prompt", "deploy", "--all", "--prefect-file", str(ROOT / "prefect.yaml")]):
            result = subprocess.run(command, env=deploy_env, cwd=ROOT, capture_output=True, text=True, timeout=120)
            assert result.returncode == 0, result.stdout + result.stderr
        pooled = client.read_deployment_by_name("curate/scheduled")
        assert pooled.work_pool_name == "newsfacts"
        assert [s.schedule.cron for s in pooled.schedules] == ["0 * * * *"]
        assert pooled.parameters == {"raw_dir": "raw", "out_dir": "outputs"}
        client.__exit__(None, None, None)
    finally:
        for process in reversed(processes):
            _stop(process)
