"""Clustering at scale: 100,000 synthetic quotes made from the BBC corpus's quotations.

    .venv/bin/python -m benchmarks.clusters [--quotes 100000] [--bbc ../shared/corpora/bbc] [--seed 0]

The quotations are found by their marks (newsfacts.quotemarks, no spaCy) in the BBC articles, then
sampled with replacement: half are printed whole with another outlet's typography (curly quotes,
spaced dashes, other case, other trailing punctuation), half as fragments of 2 to 8 words. Each
source quotation has one speaker (a synthetic entity id); a fifth of the samples lose it, as
unattributed partial quotes do. The samples are spread over 20,000 synthetic documents across a
year. Prints the time and peak memory of `cluster_quotes`, and of `find_near_duplicates` over the
BBC articles themselves. Targets: under 60 s and 2 GB for 100,000 quotes on a 2-core machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import sys
import time
from pathlib import Path

import polars as pl

from newsfacts.clustering import cluster_quotes, comparison_tokens, find_near_duplicates
from newsfacts.documents import deduplicate, ingest_files
from newsfacts.quotemarks import find_quotes_in_paragraphs
from newsfacts.reading import discover
from newsfacts.settings import DEFAULT_MAX_FILE_BYTES, DEFAULT_MIN_FRAGMENT_CHARS, DEFAULT_NEAR_DUPLICATE_THRESHOLD

N_DOCS = 20_000
N_SPEAKERS = 3_000


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def bbc_documents(bbc: Path) -> pl.DataFrame:
    files, _ = discover(bbc)
    results = ingest_files(files, DEFAULT_MAX_FILE_BYTES, dt.datetime.now(dt.timezone.utc))
    documents, _ = deduplicate(results)
    return pl.DataFrame(documents).select("doc_id", "source_path", "published_date", "text", "paragraphs")


def source_quotes(documents: pl.DataFrame) -> list[str]:
    quotes = []
    for text, paragraphs in zip(documents["text"], documents["paragraphs"]):
        spans = find_quotes_in_paragraphs(text, [(p["start"], p["end"]) for p in paragraphs])
        quotes += [text[s.start : s.end] for s in spans if s.end - s.start >= 3]
    return quotes


def restyled(quote: str, rng: random.Random) -> str:
    """The same words as another outlet prints them."""
    quote = quote.replace(" - ", rng.choice([" - ", "—", " — ", " – "]))
    quote = quote.rstrip(".,!?") + rng.choice(["", ".", ","])
    quote = quote.replace("'", rng.choice(["'", "’"]))
    return quote.upper() if rng.random() < 0.02 else quote


def fragment(quote: str, rng: random.Random) -> str:
    words = quote.split()
    if len(words) < 3:
        return quote
    length = rng.randint(2, min(8, len(words) - 1))
    start = rng.randrange(len(words) - length + 1)
    return " ".join(words[start : start + length]).strip(".,;:!?\"'")  or quote


def synthetic_quotes(sources: list[str], n: int, seed: int) -> tuple[pl.DataFrame, pl.DataFrame]:
    rng = random.Random(seed)
    speakers = [f"ent_{i:016x}" for i in range(N_SPEAKERS)]
    speaker_of = [rng.choice(speakers) for _ in sources]
    rows = []
    for i in range(n):
        source = rng.randrange(len(sources))
        partial = rng.random() < 0.5
        text = fragment(sources[source], rng) if partial else restyled(sources[source], rng)
        speaker = None if rng.random() < 0.2 else speaker_of[source]
        rows.append((f"quo_{i:016x}", f"doc_{rng.randrange(N_DOCS):016x}", text, "partial" if partial else "direct", speaker, source))
    quotes = pl.DataFrame(rows, schema=["quote_id", "doc_id", "text", "kind", "speaker_entity_id", "_source"], orient="row")
    quotes = quotes.with_columns(pl.col("speaker_entity_id").alias("speaker"))
    start = dt.date(2024, 1, 1)
    documents = pl.DataFrame({
        "doc_id": [f"doc_{i:016x}" for i in range(N_DOCS)],
        "published_date": [start + dt.timedelta(days=rng.randrange(366)) for _ in range(N_DOCS)],
        "near_duplicate_of": [None] * N_DOCS,
    }, schema={"doc_id": pl.Utf8, "published_date": pl.Date, "near_duplicate_of": pl.Utf8})
    return quotes, documents


def joined_their_source(clustered: pl.DataFrame) -> str:
    """How many samples landed in the cluster of their source quotation's whole form (where it was sampled)."""
    whole = (clustered.filter(pl.col("kind") == "direct").group_by("_source")
             .agg(pl.col("cluster_id").mode().first().alias("_whole_cluster"), pl.col("cluster_id").n_unique().alias("_split")))
    frame = clustered.join(whole, on="_source", how="inner").with_columns(
        (pl.col("cluster_id") == pl.col("_whole_cluster")).alias("_joined"),
        pl.col("text").map_elements(lambda t: len(" ".join(comparison_tokens(t))), return_dtype=pl.Int64).alias("_chars"),
        pl.col("text").str.count_matches(r"\w+").alias("_words"),
    )
    whole_forms = frame.filter(pl.col("kind") == "direct")
    eligible = frame.filter((pl.col("kind") == "partial") & (pl.col("_chars") >= DEFAULT_MIN_FRAGMENT_CHARS) & (pl.col("_words") >= 2))
    return (f"  whole forms restyled: {whole_forms['_joined'].mean():.1%} in their source's cluster; "
            f"fragments of >= {DEFAULT_MIN_FRAGMENT_CHARS} characters and 2 words: {eligible['_joined'].mean():.1%} "
            f"({eligible.height} of {frame.filter(pl.col('kind') == 'partial').height} fragments)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=100_000)
    parser.add_argument("--bbc", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "bbc")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if not args.bbc.is_dir():
        print(f"{args.bbc} is not present: the benchmark samples the BBC corpus's quotes (../shared is only on development machines)")
        return 2
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    started = time.perf_counter()
    documents = bbc_documents(args.bbc)
    sources = source_quotes(documents)
    quotes, quote_documents = synthetic_quotes(sources, args.quotes, args.seed)
    print(f"input: {documents.height} BBC articles, {len(sources)} quotations in them, {quotes.height} synthetic quotes "
          f"({time.perf_counter() - started:.1f} s to make); peak RSS so far {peak_rss_mb():.0f} MB")

    started = time.perf_counter()
    clustered, clusters = cluster_quotes(quotes, quote_documents, DEFAULT_MIN_FRAGMENT_CHARS)
    seconds = time.perf_counter() - started
    print(f"cluster_quotes: {quotes.height} quotes -> {clusters.height} clusters "
          f"({(clusters['n_quotes'] > 1).sum()} with more than one quote) in {seconds:.1f} s; peak RSS {peak_rss_mb():.0f} MB")
    print(joined_their_source(clustered))

    started = time.perf_counter()
    near = find_near_duplicates(documents, DEFAULT_NEAR_DUPLICATE_THRESHOLD)
    print(f"find_near_duplicates: {documents.height} BBC articles -> {near['near_duplicate_of'].is_not_null().sum()} near-duplicates "
          f"in {time.perf_counter() - started:.1f} s; peak RSS {peak_rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
