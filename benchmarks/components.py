"""What each part of the NLP pass costs: `python -m benchmarks.components [CORPUS_DIR] [--limit 300]`.

In this one process (CPU seconds, `time.process_time`), over LIMIT articles taken evenly across the corpus
(sorted order, every k-th: the BBC files are sorted by section) and ingested as a run would (headline and
header out, body normalized):

- components: the tokenizer, then each component of newsfacts' pipeline (`newsfacts.nlp.load_model`) run on
  its own over the same Docs in pipeline order, and the model's disabled `senter` on the tokenized Docs;
- the floor's full default pipeline and newsfacts' `parse` as a whole (what a worker runs);
- the rules: entities, quotes and claims (pure Python) on the parsed Docs;
- with --batch-sizes, `parse` at each batch size.

It prints one table, seconds and share of the newsfacts parse, and words per CPU second. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from benchmarks.corpus import corpus_files
from benchmarks.run import DEFAULT_CORPUS


def sample_documents(corpus: Path, limit: int) -> list[dict]:
    """`limit` articles spread evenly over the corpus, as documents-table rows (text, paragraphs, date)."""
    import datetime as dt

    from newsfacts.documents import build_document

    files = corpus_files(corpus)
    step = max(1, len(files) // limit)
    now = dt.datetime.now(dt.timezone.utc)
    return [build_document(path.read_bytes().decode("utf-8", errors="replace"), path.name, now) for path in files[::step][:limit]]


def cpu_seconds(work: Callable[[], object]) -> tuple[float, object]:
    started = time.process_time()
    result = work()
    return time.process_time() - started, result


def component_costs(nlp, texts: list[str], batch_size: int) -> tuple[list[tuple[str, float]], list]:
    """Each component's CPU seconds, run in pipeline order over the same Docs (the listeners of the shared
    tok2vec read doc.tensor at inference, so running components one by one computes what nlp.pipe does)."""
    rows = [("warm-up: first call (lazy tables)", cpu_seconds(lambda: nlp("Warm-up: Mr Smith said he was going home."))[0])]
    seconds, docs = cpu_seconds(lambda: [nlp.make_doc(text) for text in texts])
    rows.append(("tokenizer", seconds))
    for name, component in nlp.pipeline:
        seconds, docs = cpu_seconds(lambda: list(_pipe(component, docs, batch_size)))
        rows.append((name, seconds))
    return rows, docs


def _pipe(component, docs: list, batch_size: int) -> Iterable:
    return component.pipe(docs, batch_size=batch_size) if hasattr(component, "pipe") else map(component, docs)


def rule_costs(docs: list, documents: list[dict]) -> list[tuple[str, float]]:
    from newsfacts.claims import extract_claims
    from newsfacts.entities import extract_entities
    from newsfacts.quotes import extract_quotes

    totals = {"rules: entities": 0.0, "rules: quotes": 0.0, "rules: claims": 0.0}
    for doc, document in zip(docs, documents):
        bounds = [(p["start"], p["end"], p["heading"]) for p in document["paragraphs"]]
        seconds, (_, mentions, _) = cpu_seconds(lambda: extract_entities(doc))
        totals["rules: entities"] += seconds
        seconds, quotes = cpu_seconds(lambda: extract_quotes(doc, bounds, mentions))
        totals["rules: quotes"] += seconds
        seconds, _ = cpu_seconds(lambda: extract_claims(doc, bounds, document["published_date"], mentions, quotes))
        totals["rules: claims"] += seconds
    return list(totals.items())


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.components", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=300, help="articles, spread evenly over the corpus")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--batch-sizes", default="", help="also time parse at these batch sizes, e.g. 8,32,128")
    args = parser.parse_args()

    import spacy

    from newsfacts.nlp import load_model, parse
    from newsfacts.settings import DEFAULT_MODEL

    documents = sample_documents(args.corpus, args.limit)
    texts = [d["text"] for d in documents]
    words = sum(len(t.split()) for t in texts)
    nlp = load_model(DEFAULT_MODEL)
    rows, _ = component_costs(nlp, texts, args.batch_size)
    full = spacy.load(DEFAULT_MODEL)  # the floor's pipeline: every component the package enables
    full("Warm-up: Mr Smith said he was going home.")
    senter = full.get_pipe("senter")
    tokenized = [full.make_doc(t) for t in texts]
    rows.append(("senter (disabled in the model)", cpu_seconds(lambda: list(senter.pipe(tokenized, batch_size=args.batch_size)))[0]))
    floor, _ = cpu_seconds(lambda: list(full.pipe(texts, batch_size=args.batch_size)))
    rows.append((f"floor: full default pipeline ({'+'.join(full.pipe_names)})", floor))
    whole, docs = cpu_seconds(lambda: list(parse(texts, DEFAULT_MODEL, batch_size=args.batch_size)))
    rows.append(("newsfacts parse (all components)", whole))
    rows += rule_costs(docs, documents)
    for size in [int(s) for s in args.batch_sizes.split(",") if s.strip()]:
        rows.append((f"newsfacts parse, batch_size {size}", cpu_seconds(lambda: list(parse(texts, DEFAULT_MODEL, batch_size=size)))[0]))

    print(f"{len(texts)} articles, {words:,} words, batch_size {args.batch_size}, one process, CPU seconds")
    print(f"{'part':<60} {'cpu s':>7} {'of parse':>8} {'words/cpu s':>11}")
    for name, seconds in rows:
        print(f"{name:<60} {seconds:>7.2f} {seconds / whole:>8.1%} {words / seconds if seconds else 0:>11,.0f}")


if __name__ == "__main__":
    main()
