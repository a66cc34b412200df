"""The floor: bare spaCy over the corpus, with nothing of newsfacts around it.

`python -m benchmarks.floor RAW_DIR --model M --n-process N` loads the model with its full default
pipeline (every component the package enables), runs `nlp.pipe` over every article's text with N
processes, and prints one JSON line: documents, words, seconds in nlp.pipe. The benchmark runs it as a
subprocess, to measure its wall time, CPU time and memory the same way as a newsfacts run.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from benchmarks.corpus import article_texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("raw_dir", type=Path)
    parser.add_argument("--model", required=True)
    parser.add_argument("--n-process", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()

    import spacy

    texts = article_texts(args.raw_dir)
    nlp = spacy.load(args.model)
    started = time.perf_counter()
    docs = sum(1 for _ in nlp.pipe(texts, n_process=args.n_process, batch_size=args.batch_size))
    seconds = time.perf_counter() - started
    print(json.dumps({"documents": docs, "words": sum(len(t.split()) for t in texts), "pipe_seconds": round(seconds, 2),
                      "components": nlp.pipe_names}))


if __name__ == "__main__":
    main()
