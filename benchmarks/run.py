"""The performance benchmark: `python -m benchmarks.run [CORPUS_DIR]` (default ../shared/corpora/bbc).

In one invocation, on a working copy of the corpus's articles (*.txt):

- floor: bare spaCy `nlp.pipe` over the same distinct texts, full default pipeline of the same model, same
  number of processes (benchmarks/floor.py);
- cold: `newsfacts run` into a fresh output folder with an empty cache folder;
- no_change: the same run again, same output folder, nothing changed;
- one_changed: the same again after one article got one more sentence;
- seeds_warm: `newsfacts run` on the project's two seed articles (raw/), the second of two runs into one folder;
- with --prefect-server, every `newsfacts run` goes to one running `prefect server start` (PREFECT_API_URL)
  started for the benchmark, instead of each run starting Prefect's temporary server (most of a short
  run's time); --prefect-api-url uses a server already running;
- scaling: the cold run on 1x, 2x, 4x the corpus (distinct copies: each later copy ends with a sentence
  naming its number), and how time and peak memory grow from 1x.

Each run is a subprocess, measured for wall time, CPU time (user + system of all its processes) and
peak memory of its process tree, PSS and RSS (see benchmarks/measure.py); the time spent in each stage comes from the
run's manifest (`stage_seconds`). It prints tables and writes every figure as JSON
(benchmarks/results/<corpus>-<UTC time>.json unless --json), to compare runs over time. It asserts
nothing about time: the targets are printed as met or not.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from benchmarks.corpus import article_texts, change_one_article, make_corpus
from benchmarks.measure import Measurement, run_measured

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "bbc"
SEEDS = ROOT / "raw"
RESULTS = ROOT / "benchmarks" / "results"
JSON_VERSION = 1

# The targets (on the 2-core development machine, BBC corpus).
TARGETS = {
    "cold_to_floor": 1.0,  # cold run wall time / floor wall time
    "no_change_to_cold": 0.10,
    "one_changed_to_cold": 0.12,
    "peak_pss_tree_mb": 1536,  # cold run: the memory its processes hold together (PSS; RSS double-counts forks)
    "memory_growth_1x_to_4x": 1.3,
    "seeds_warm_seconds": 12,
}


def newsfacts_command() -> list[str]:
    script = Path(sys.executable).with_name("newsfacts")
    return [str(script)] if script.exists() else [sys.executable, "-m", "newsfacts.cli"]


def run_newsfacts(raw: Path, out: Path, cache: Path, args: argparse.Namespace, log: Path) -> dict:
    """One measured `newsfacts run`, with the stage times and row counts from its manifest."""
    command = newsfacts_command() + ["run", str(raw), "--out", str(out), "--engine", args.engine,
                                     "--workers", str(args.workers), "--model", args.model]
    # A cache kept under the user's home (XDG) would make a 'cold' run warm: give every corpus its own.
    env = {"XDG_CACHE_HOME": str(cache), **({"PREFECT_API_URL": args.prefect_api_url} if args.prefect_api_url else {})}
    measured = run_measured(command, cwd=ROOT, env=env, log=log)
    figures = _figures(measured)
    manifest_path = out / "manifest.json"
    if measured.returncode == 0 and manifest_path.exists():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        figures["stage_seconds"] = {k: v["seconds"] for k, v in manifest.get("stage_seconds", {}).items()}
        figures["stages_total_seconds"] = round(sum(figures["stage_seconds"].values()), 2)
        # Start-up (imports, model loading, Prefect's server), orchestration and publishing: outside every stage.
        figures["outside_stages_seconds"] = round(measured.wall_seconds - figures["stages_total_seconds"], 2)
        figures["rows"] = {name: table["rows"] for name, table in manifest["tables"].items()}
        figures["files_by_fate"] = manifest["files_by_fate"]
        figures["extraction_errors"] = len(manifest.get("extraction_errors", []))
    return figures


def run_floor(raw: Path, args: argparse.Namespace, log: Path) -> dict:
    command = [sys.executable, "-m", "benchmarks.floor", str(raw), "--model", args.model, "--n-process", str(args.workers)]
    measured = run_measured(command, cwd=ROOT, log=log)
    figures = _figures(measured)
    if measured.returncode == 0:
        figures.update(json.loads(measured.stdout_tail.splitlines()[-1]))
    return figures


def _figures(measured: Measurement) -> dict:
    figures = measured.as_dict()
    if measured.returncode != 0:
        print(f"  FAILED (exit {measured.returncode}): {' '.join(measured.command)}\n{measured.stdout_tail}", file=sys.stderr)
    figures.pop("stdout_tail")
    figures["command"] = " ".join(measured.command)
    return figures


def _with_rates(figures: dict, words: int, floor: dict | None) -> dict:
    figures["words_per_second"] = round(words / figures["wall_seconds"]) if figures["wall_seconds"] else None
    if floor and floor.get("returncode") == 0:
        figures["to_floor"] = round(figures["wall_seconds"] / floor["wall_seconds"], 3)
    return figures


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS, help="folder of .txt articles")
    parser.add_argument("--engine", choices=["prefect", "local"], default="prefect")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes for spaCy (run and floor)")
    parser.add_argument("--model", default=_default_model())
    parser.add_argument("--scales", default="1,2,4", help="corpus multiples for the scaling part ('' to skip)")
    parser.add_argument("--skip", default="", help="comma-separated parts to skip: floor, reruns, seeds")
    parser.add_argument("--json", type=Path, help="where to write the figures (default benchmarks/results/)")
    parser.add_argument("--prefect-server", action="store_true",
                        help="start `prefect server start` once and run every newsfacts run against it (engine prefect)")
    parser.add_argument("--prefect-api-url", help="run every newsfacts run against this running Prefect server's API")
    parser.add_argument("--work", type=Path, help="working folder (default: a temporary one, removed at the end)")
    args = parser.parse_args(argv)
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    scales = [int(s) for s in args.scales.split(",") if s.strip()]
    corpus = args.corpus.resolve()
    if not corpus.is_dir():
        raise SystemExit(f"corpus folder {corpus} does not exist")

    work = args.work or Path(tempfile.mkdtemp(prefix="newsfacts-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    server = start_prefect_server(work) if args.prefect_server else None
    if server is not None:
        args.prefect_api_url = server[1]
    try:
        return _benchmark(args, corpus, work, skip, scales)
    finally:
        if server is not None:
            server[0].terminate()
            server[0].wait(timeout=30)


def start_prefect_server(work: Path, timeout: float = 180) -> tuple[subprocess.Popen, str]:
    """`prefect server start` on a free local port, with its own database under `work`; waits until it answers."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "PREFECT_HOME": str(work / "prefect-home"), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    command = [str(Path(sys.executable).with_name("prefect")), "server", "start", "--host", "127.0.0.1", "--port", str(port),
               "--no-ui", "--no-services"]
    log = open(work / "prefect-server.log", "w", encoding="utf-8")
    process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/api"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
                if response.status == 200:
                    print(f"prefect server running at {url}", flush=True)
                    return process, url
        except OSError:
            time.sleep(0.5)
    process.kill()
    raise SystemExit(f"prefect server did not start (see {work / 'prefect-server.log'})")


def _benchmark(args: argparse.Namespace, corpus: Path, work: Path, skip: set[str], scales: list[int]) -> dict:
    logs = work / "logs"
    logs.mkdir(exist_ok=True)
    raw = work / "raw"
    files = make_corpus(corpus, raw)
    texts = article_texts(raw)
    words = sum(len(t.split()) for t in texts)
    result = {
        "json_version": JSON_VERSION,
        "started_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "host": {"cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version(),
                 "load_average_at_start": list(os.getloadavg())},
        "corpus": {"path": str(corpus), "files": files, "distinct_texts": len(texts), "words": words},
        "settings": {"engine": args.engine, "workers": args.workers, "model": args.model,
                     "prefect_api": "running server" if args.prefect_api_url else "temporary server per run"},
        "runs": {},
        "scaling": [],
        "targets": TARGETS,
    }
    runs = result["runs"]
    path = args.json or RESULTS / f"{corpus.name}-{result['started_at'].replace(':', '').replace('+0000', 'Z')}.json"
    path.parent.mkdir(parents=True, exist_ok=True)

    def save() -> None:  # after every run, so that an interrupted benchmark keeps what it measured
        path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")

    print(f"corpus {corpus}: {files} files, {len(texts)} distinct texts, {words:,} words; work folder {work}", flush=True)

    floor = None
    if "floor" not in skip:
        print("floor: bare spaCy nlp.pipe ...", flush=True)
        floor = runs["floor"] = _with_rates(run_floor(raw, args, logs / "floor.log"), words, None)
        save()
    out, cache = work / "out", work / "cache"
    print("cold run ...", flush=True)
    runs["cold"] = _with_rates(run_newsfacts(raw, out, cache, args, logs / "cold.log"), words, floor)
    save()
    if "reruns" not in skip:
        print("no-change run ...", flush=True)
        runs["no_change"] = _with_rates(run_newsfacts(raw, out, cache, args, logs / "no_change.log"), words, floor)
        save()
        changed = change_one_article(raw)
        print(f"one-changed run ({changed.name}) ...", flush=True)
        runs["one_changed"] = _with_rates(run_newsfacts(raw, out, cache, args, logs / "one_changed.log"), words, floor)
        save()
    if "seeds" not in skip:
        print("seeds, twice (the second is warm) ...", flush=True)
        seeds_out, seeds_cache = work / "seeds-out", work / "seeds-cache"
        run_newsfacts(SEEDS, seeds_out, seeds_cache, args, logs / "seeds_first.log")
        runs["seeds_warm"] = run_newsfacts(SEEDS, seeds_out, seeds_cache, args, logs / "seeds_warm.log")
        save()

    for scale in scales:
        if scale == 1 and "cold" in runs:
            figures = dict(runs["cold"])  # the cold run is the 1x run: same corpus, same command
        else:
            print(f"scaling: cold run on {scale}x the corpus ...", flush=True)
            scaled = work / f"raw-x{scale}"
            make_corpus(corpus, scaled, scale)
            figures = run_newsfacts(scaled, work / f"out-x{scale}", work / f"cache-x{scale}", args, logs / f"x{scale}.log")
            shutil.rmtree(scaled, ignore_errors=True)
            shutil.rmtree(work / f"out-x{scale}", ignore_errors=True)
        result["scaling"].append({"scale": scale, "words": words * scale, **_with_rates(figures, words * scale, None)})
        save()
    _add_growth(result["scaling"])
    result["verdicts"] = verdicts(result)
    result["finished_at"] = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")

    save()
    print(format_report(result))
    print(f"figures written to {path}")
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    return result


def _default_model() -> str:
    from newsfacts.settings import DEFAULT_MODEL

    return DEFAULT_MODEL


def _add_growth(scaling: list[dict]) -> None:
    """Each scale's wall time and peak memory relative to the smallest scale measured."""
    base = next((s for s in scaling if s.get("returncode") == 0), None)
    for entry in scaling:
        if base is None or entry.get("returncode") != 0:
            continue
        entry["time_growth"] = round(entry["wall_seconds"] / base["wall_seconds"], 3)
        entry["memory_growth"] = round(entry["peak_pss_tree_mb"] / base["peak_pss_tree_mb"], 3)


def verdicts(result: dict) -> dict[str, dict]:
    """Each target with its measured figure and whether it was met (absent when its part was not run)."""
    runs, found = result["runs"], {}

    def verdict(name: str, value: float | None, limit: float) -> None:
        if value is not None:
            found[name] = {"measured": value, "target": limit, "met": value <= limit}

    cold = runs.get("cold", {})
    verdict("cold_to_floor", cold.get("to_floor"), TARGETS["cold_to_floor"])
    if cold.get("wall_seconds"):
        for name in ("no_change", "one_changed"):
            if name in runs:
                verdict(f"{name}_to_cold", round(runs[name]["wall_seconds"] / cold["wall_seconds"], 3), TARGETS[f"{name}_to_cold"])
    verdict("peak_pss_tree_mb", cold.get("peak_pss_tree_mb"), TARGETS["peak_pss_tree_mb"])
    by_scale = {s["scale"]: s for s in result["scaling"]}
    if 1 in by_scale and 4 in by_scale:
        verdict("memory_growth_1x_to_4x", by_scale[4].get("memory_growth"), TARGETS["memory_growth_1x_to_4x"])
    verdict("seeds_warm_seconds", runs.get("seeds_warm", {}).get("wall_seconds"), TARGETS["seeds_warm_seconds"])
    return found


def format_report(result: dict) -> str:
    lines = []
    header = (f"{'run':<12} {'exit':>4} {'wall s':>8} {'cpu s':>8} {'tree PSS MB':>11} {'tree RSS MB':>11} {'proc RSS MB':>11} "
              f"{'words/s':>8} {'x floor':>7}")
    lines += ["", header, "-" * len(header)]
    for name, run in result["runs"].items():
        lines.append(f"{name:<12} {run['returncode']:>4} {run['wall_seconds']:>8.1f} {run['cpu_seconds']:>8.1f} "
                     f"{run['peak_pss_tree_mb']:>11.0f} {run['peak_rss_tree_mb']:>11.0f} {run['peak_rss_process_mb']:>11.0f} "
                     f"{run.get('words_per_second') or 0:>8} {run.get('to_floor', ''):>7}")
    staged = {name: run for name, run in result["runs"].items() if "stage_seconds" in run}
    if staged:
        stages = list(dict.fromkeys(stage for run in staged.values() for stage in run["stage_seconds"]))
        lines += ["", "seconds per stage (summed over batches)", f"{'stage':<32}" + "".join(f"{n:>13}" for n in staged)]
        for stage in stages + ["outside_stages"]:
            cells = [run["stage_seconds"].get(stage) if stage != "outside_stages" else run["outside_stages_seconds"] for run in staged.values()]
            lines.append(f"{stage:<32}" + "".join(f"{c:>13.2f}" if c is not None else f"{'':>13}" for c in cells))
    if result["scaling"]:
        lines += ["", f"{'scale':>5} {'words':>10} {'wall s':>8} {'cpu s':>8} {'tree PSS MB':>11} {'tree RSS MB':>11} {'time x':>7} {'memory x':>8}"]
        for s in result["scaling"]:
            lines.append(f"{s['scale']:>5} {s['words']:>10} {s['wall_seconds']:>8.1f} {s['cpu_seconds']:>8.1f} "
                         f"{s['peak_pss_tree_mb']:>11.0f} {s['peak_rss_tree_mb']:>11.0f} {s.get('time_growth', ''):>7} {s.get('memory_growth', ''):>8}")
    if result["verdicts"]:
        lines += ["", "targets"]
        for name, v in result["verdicts"].items():
            lines.append(f"  {name:<26} measured {v['measured']:<10} target <= {v['target']:<8} {'met' if v['met'] else 'NOT MET'}")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
