"""Where the time goes: `python -m benchmarks.profile [CORPUS_DIR] [--limit 300] [--top 40]`.

Runs the plain pipeline (`newsfacts.pipeline.curate`, no Prefect) in this process with one spaCy process,
under cProfile, over the first LIMIT articles of a copy of the corpus, and prints the functions with the
most cumulative and own time, plus the run's seconds per stage. With one process spaCy's own time shows up
as `Language.pipe`; everything else is newsfacts, its libraries, validation and Parquet.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import shutil
import tempfile
from pathlib import Path

from benchmarks.corpus import corpus_files
from benchmarks.run import DEFAULT_CORPUS


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile", description=__doc__)
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=300, help="articles to run on (the first in sorted order)")
    parser.add_argument("--top", type=int, default=40, help="functions to list")
    parser.add_argument("--stats", type=Path, help="also save the raw cProfile stats here (for snakeviz, pstats)")
    args = parser.parse_args()

    from newsfacts.nlp import load_model
    from newsfacts.pipeline import curate
    from newsfacts.settings import Settings

    work = Path(tempfile.mkdtemp(prefix="newsfacts-profile-"))
    try:
        raw = work / "raw"
        raw.mkdir()
        for path in corpus_files(args.corpus)[: args.limit]:
            shutil.copyfile(path, raw / path.name)
        load_model(Settings().model)  # loading the model is start-up, not per-article work
        profiler = cProfile.Profile()
        profiler.enable()
        summary = curate(Settings(raw_dir=raw, out_dir=work / "out", workers=1))
        profiler.disable()
        manifest = json.loads((work / "out" / "manifest.json").read_text(encoding="utf-8"))
        print(f"{args.limit} articles, {summary.seconds:.1f} s; seconds per stage:")
        for stage, figures in manifest["stage_seconds"].items():
            print(f"  {stage:<32} {figures['seconds']:>8.2f}")
        stats = pstats.Stats(profiler)
        if args.stats:
            stats.dump_stats(args.stats)
        stats.sort_stats("cumulative").print_stats(args.top)
        stats.sort_stats("tottime").print_stats(args.top)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
