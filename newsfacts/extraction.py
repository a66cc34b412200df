"""The per-batch NLP stage: one spaCy pass per document feeds every extractor.

Parsed Docs never leave this stage; what leaves are plain rows (local
entities, mentions, unresolved descriptions), staged as Parquet for the
cross-article steps. Quotes and claims plug in here, reading the same Docs.
"""

from __future__ import annotations

import gc
import heapq
import json
import logging
import traceback
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import polars as pl
from threadpoolctl import threadpool_limits

from newsfacts.claims import ClaimCandidate, extract_claims
from newsfacts.entities import LocalEntity, Mention, PendingDescription, extract_entities
from newsfacts.linking import ArticleEntities
from newsfacts.nlp import MIN_TEXTS_PER_PROCESS, load_model, parse, release
from newsfacts.normalizing import snippet
from newsfacts.quotes import Quote, extract_quotes, speaker_pronoun_mentions
from schemas.claims import DATE, QUANTITY

LOCAL_ENTITY_SCHEMA = {
    "doc_id": pl.Utf8, "index": pl.Int64, "type": pl.Utf8, "key": pl.Utf8, "names": pl.List(pl.Utf8),
    "roles": pl.List(pl.Utf8), "gender": pl.Utf8, "full_name": pl.Utf8, "place": pl.Utf8, "short_form_used": pl.Boolean,
}
LOCAL_MENTION_SCHEMA = {
    "doc_id": pl.Utf8, "start": pl.Int64, "end": pl.Int64, "text": pl.Utf8, "type": pl.Utf8,
    "resolution": pl.Utf8, "entity": pl.Int64,
}
PENDING_SCHEMA = {
    "doc_id": pl.Utf8, "start": pl.Int64, "end": pl.Int64, "text": pl.Utf8,
    "heads": pl.List(pl.Utf8), "countries": pl.List(pl.Utf8),
}
LOCAL_QUOTE_SCHEMA = {
    "doc_id": pl.Utf8, "start": pl.Int64, "end": pl.Int64, "text": pl.Utf8, "kind": pl.Utf8, "speaker_entity": pl.Int64,
    "speaker_text": pl.Utf8, "speaker_start": pl.Int64, "speaker_end": pl.Int64, "cue": pl.Utf8,
    "cue_start": pl.Int64, "cue_end": pl.Int64, "paragraph": pl.Int64, "confidence": pl.Float64, "attribution": pl.Utf8,
}
LOCAL_CLAIM_SCHEMA = {
    "doc_id": pl.Utf8, "start": pl.Int64, "end": pl.Int64, "text": pl.Utf8, "paragraph": pl.Int64, "cue": pl.Utf8,
    "cue_start": pl.Int64, "cue_end": pl.Int64, "claimant_text": pl.Utf8, "claimant_start": pl.Int64,
    "claimant_end": pl.Int64, "claimant_head": pl.Int64, "negated": pl.Boolean, "hedged": pl.Utf8, "quantities": pl.List(QUANTITY),
    "dates": pl.List(DATE), "checkworthiness": pl.Float64, "voice": pl.Utf8,
}
log = logging.getLogger(__name__)
ERROR_CHARS = 300

PARTS = {"entities": LOCAL_ENTITY_SCHEMA, "mentions": LOCAL_MENTION_SCHEMA, "pending": PENDING_SCHEMA, "quotes": LOCAL_QUOTE_SCHEMA,
         "claims": LOCAL_CLAIM_SCHEMA}


def extract_documents(documents: pl.DataFrame, model: str, n_process: int) -> list[ArticleEntities]:
    """Parse each document once and run the extractors on it (documents: doc_id, text, paragraphs, and
    published_date where known, for resolving the dates claims mention), in document order.

    With more than one process, worker processes (kept for the next batch, see `close_workers`) parse and
    extract whole chunks of documents and send back only the extracted rows: the main process neither
    receives parsed Docs nor runs extractors, and the workers start once per run, not once per batch
    (each fork copies the pages of this process that it touches)."""
    published = documents["published_date"].to_list() if "published_date" in documents.columns else [None] * documents.height
    jobs = list(zip(documents["doc_id"].to_list(), documents["text"].to_list(), documents["paragraphs"].to_list(), published))
    processes = max(1, min(n_process, len(jobs) // MIN_TEXTS_PER_PROCESS))
    if processes == 1:
        with threadpool_limits(limits=1):
            return _extract_jobs(jobs, model)
    chunks = plan_chunks([len(text) for _, text, _, _ in jobs], processes)
    pool = _workers(model, processes)
    parts = pool.map(_extract_jobs, [[jobs[i] for i in chunk] for chunk in chunks], [model] * len(chunks))
    articles: list[ArticleEntities | None] = [None] * len(jobs)
    for chunk, part in zip(chunks, parts):
        for i, article in zip(chunk, part):
            articles[i] = article
    return articles


def plan_chunks(sizes: list[int], processes: int) -> list[list[int]]:
    """The documents (indices into `sizes`, their lengths) cut into chunks of about WORKER_CHUNK_DOCUMENTS, as
    many as a multiple of `processes` and of about the same number of characters (the longest documents
    placed first, each into the lightest chunk): every worker gets the same work and none waits alone on a
    last chunk at the end of a batch, when the others have nothing left to take."""
    count = -(-len(sizes) // WORKER_CHUNK_DOCUMENTS)
    count = max(processes, -(-count // processes) * processes)
    heap = [(0, number) for number in range(min(count, len(sizes)))]
    chunks: list[list[int]] = [[] for _ in heap]
    for i in sorted(range(len(sizes)), key=lambda i: -sizes[i]):
        load, number = heapq.heappop(heap)
        chunks[number].append(i)
        heapq.heappush(heap, (load + sizes[i], number))
    return [sorted(chunk) for chunk in chunks if chunk]


# Documents a worker takes at a time: small enough to share a batch evenly, large enough for nlp.pipe to batch.
WORKER_CHUNK_DOCUMENTS = 16
_pool: tuple[tuple[str, int], ProcessPoolExecutor] | None = None


def _workers(model: str, processes: int) -> ProcessPoolExecutor:
    """The worker processes for `model`, started on first use and forked, as spaCy's own nlp.pipe does: a
    spawned worker would re-import the caller's main script, which breaks callers without a __main__ guard."""
    global _pool
    if _pool is not None and _pool[0] != (model, processes):
        close_workers()
    if _pool is None:
        # The workers fork on the first task: objects of this process moved out of the collector's reach are
        # never written to by a worker's garbage collection, so their pages stay shared (Python's gc docs).
        gc.collect()
        gc.freeze()
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
        executor = ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context(method),
                                       initializer=_start_worker, initargs=(model,))
        _pool = ((model, processes), executor)
    return _pool[1]


def _start_worker(model: str) -> None:
    """A worker's set-up: the model, and one BLAS thread. OpenBLAS starts a thread per core, which spins on
    the core the other worker needs (one process on 200 BBC articles: 12.4 CPU s and 15-16 s wall with it,
    11.0 CPU s and 12 s wall without)."""
    threadpool_limits(limits=1)
    load_model(model)


def close_workers() -> None:
    """Stop the extraction worker processes (the end of a run's extraction); the next batch starts new ones."""
    global _pool
    if _pool is not None:
        _pool[1].shutdown()
        _pool = None
        gc.unfreeze()


def _extract_jobs(jobs: list[tuple], model: str) -> list[ArticleEntities]:
    """Parse (in this process) and extract each (doc_id, text, paragraphs, published_date) job."""
    results = []
    texts = parse([text for _, text, _, _ in jobs], model=model, n_process=1)
    for (doc_id, _, spans, date), doc in zip(jobs, texts):
        try:
            entities, mentions, pending = extract_entities(doc)
            bounds = [(p["start"], p["end"], p["heading"]) for p in spans]
            quotes = extract_quotes(doc, bounds, mentions)
            mentions = speaker_pronoun_mentions(quotes, mentions)
            claims = extract_claims(doc, bounds, date, mentions, quotes)
        except Exception as exc:  # a bug meeting an odd article must not stop the run: record it, go on
            # An exception's message may quote the article: the log and manifest get a snippet only.
            error = snippet(f"{type(exc).__name__}: {exc}", ERROR_CHARS)
            log.error("extraction failed for %s: %s\n%s", doc_id, error, "".join(traceback.format_tb(exc.__traceback__)))
            results.append(ArticleEntities(doc_id, [], [], [], [], error=error))
            continue
        finally:
            release(doc)
        results.append(ArticleEntities(doc_id, entities, mentions, pending, quotes, claims))
    return results


def write_extraction(results: list[ArticleEntities], stem: Path) -> None:
    # vars(), not dataclasses.asdict: the fields are plain values and lists, and asdict deep-copies every one.
    rows = {name: [] for name in PARTS}
    for article in results:
        rows["entities"] += [{"doc_id": article.doc_id, **vars(e)} for e in article.entities]
        rows["mentions"] += [{"doc_id": article.doc_id, **vars(m)} for m in article.mentions]
        rows["pending"] += [{"doc_id": article.doc_id, **vars(p)} for p in article.pending]
        rows["quotes"] += [{"doc_id": article.doc_id, **vars(q)} for q in article.quotes]
        rows["claims"] += [{"doc_id": article.doc_id, **vars(c)} for c in article.claims]
    for name, schema in PARTS.items():
        pl.DataFrame(rows[name], schema=schema).write_parquet(f"{stem}.{name}.parquet")
    errors = [{"doc_id": a.doc_id, "error": a.error} for a in results if a.error]
    Path(f"{stem}.errors.json").write_text(json.dumps(errors), encoding="utf-8")


def read_extraction_errors(stem: Path) -> list[dict]:
    path = Path(f"{stem}.errors.json")
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []


def read_extraction(stem: Path) -> list[ArticleEntities]:
    parts = {name: pl.read_parquet(f"{stem}.{name}.parquet") for name in PARTS}
    articles: dict[str, ArticleEntities] = {}

    def article(doc_id: str) -> ArticleEntities:
        return articles.setdefault(doc_id, ArticleEntities(doc_id, [], [], [], []))

    for row in parts["entities"].iter_rows(named=True):
        article(row.pop("doc_id")).entities.append(LocalEntity(**row))
    for row in parts["mentions"].iter_rows(named=True):
        article(row.pop("doc_id")).mentions.append(Mention(**row))
    for row in parts["pending"].iter_rows(named=True):
        article(row.pop("doc_id")).pending.append(PendingDescription(**row))
    for row in parts["quotes"].iter_rows(named=True):
        article(row.pop("doc_id")).quotes.append(Quote(**row))
    for row in parts["claims"].iter_rows(named=True):
        article(row.pop("doc_id")).claims.append(ClaimCandidate(**row))
    return list(articles.values())
