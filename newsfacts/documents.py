"""The documents stage: a raw file becomes one row of the documents table.

Header fields and the headline leave the text; the body is normalized. A
document's id derives from its normalized content only, so the same article
gets the same id on every run and machine, and two files with the same content
are one document.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from newsfacts.metadata import parse_header, split_title
from newsfacts.normalizing import clean_characters, count_words, normalize_body, text_warnings
from newsfacts.reading import (
    DUPLICATE,
    PROCESSED,
    REJECTED,
    FileOutcome,
    InputFile,
    Rejected,
    decode_article,
    read_bytes,
)

DOC_ID_PREFIX = "doc_"
DOC_ID_HEX_CHARS = 16


@dataclass(frozen=True)
class IngestResult:
    outcome: FileOutcome
    document: dict | None  # a documents-table row, or None when the file was rejected


def content_sha256(title: str | None, published_date: dt.date | None, text: str) -> str:
    """The hash of a normalized article: title, date and text, each on its own line (unset ones empty)."""
    canonical = "\n".join([title or "", published_date.isoformat() if published_date else "", text])
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def doc_id_for(sha256_hex: str) -> str:
    return DOC_ID_PREFIX + sha256_hex[:DOC_ID_HEX_CHARS]


def build_document(raw_text: str, source_path: str, ingested_at: dt.datetime) -> dict:
    """Header, headline and body of one article as a documents-table row. Raises Rejected if no body is left."""
    header, rest = parse_header(clean_characters(raw_text))
    title, body = split_title(rest)
    title = header.title or title
    normalized = normalize_body(body)
    if not normalized.text:
        raise Rejected("no_body_text", "nothing is left once the header and headline are removed")
    sha = content_sha256(title, header.published_date, normalized.text)
    return {
        "doc_id": doc_id_for(sha),
        "source_path": source_path,
        "title": title,
        "published_date": header.published_date,
        "author": header.author,
        "url": header.url,
        "text": normalized.text,
        "paragraphs": [{"start": p.start, "end": p.end, "heading": p.heading} for p in normalized.paragraphs],
        "n_words": count_words(normalized.text),
        "content_sha256": sha,
        "ingested_at": ingested_at,
    }


def ingest_file(file: InputFile, max_bytes: int, ingested_at: dt.datetime) -> IngestResult:
    """Read one file into a document row, or record why it was rejected. Never raises for bad input."""
    return ingest_file_cached(file, max_bytes, ingested_at, {}, content_key=lambda data: "")[0]


def ingest_files(files: Iterable[InputFile], max_bytes: int, ingested_at: dt.datetime) -> list[IngestResult]:
    return [ingest_file(f, max_bytes, ingested_at) for f in files]


def ingest_file_cached(file: InputFile, max_bytes: int, ingested_at: dt.datetime, cached: Mapping[str, dict],
                       content_key) -> tuple[IngestResult, dict | None]:
    """`ingest_file`, taking what the file's bytes give from `cached` (content_key(bytes) -> entry) when it is
    there. Returns the result and the entry for the file's bytes (None when they could not be read)."""
    try:
        data = read_bytes(file, max_bytes)
    except Rejected as exc:
        return IngestResult(FileOutcome(file.relpath, REJECTED, exc.reason, exc.detail, exc.size_bytes), None), None
    key = content_key(data)
    entry = cached.get(key)
    if entry is None:
        entry = ingest_bytes(file, data, key)
    return result_of(entry, file.relpath, ingested_at), entry


def ingest_bytes(file: InputFile, data: bytes, key: str) -> dict:
    """What a file's bytes give, whatever the file's name and the time: an entry of the ingest cache."""
    try:
        article = decode_article(file, data)
        document = build_document(article.text, file.relpath, dt.datetime.min)
    except Rejected as exc:
        return {"key": key, "fate": REJECTED, "reason": exc.reason, "detail": exc.detail, "size_bytes": exc.size_bytes,
                "encoding": None, "warnings": [], "document": None}
    del document["source_path"], document["ingested_at"]
    return {"key": key, "fate": PROCESSED, "reason": None, "detail": None, "size_bytes": article.size_bytes,
            "encoding": article.encoding, "warnings": [*article.warnings, *text_warnings(article.text)], "document": document}


def result_of(entry: dict, relpath: str, ingested_at: dt.datetime) -> IngestResult:
    """The ingest result of a file at `relpath` whose bytes gave `entry`."""
    if entry["fate"] == REJECTED:
        return IngestResult(FileOutcome(relpath, REJECTED, entry["reason"], entry["detail"], entry["size_bytes"]), None)
    document = {**entry["document"], "source_path": relpath, "ingested_at": ingested_at}
    outcome = FileOutcome(relpath, PROCESSED, size_bytes=entry["size_bytes"], encoding=entry["encoding"],
                          warnings=list(entry["warnings"]), doc_id=document["doc_id"])
    return IngestResult(outcome, document)


def deduplicate(results: Iterable[IngestResult]) -> tuple[list[dict], list[FileOutcome]]:
    """One document per content: the first source path in sorted order keeps it, the others are duplicates."""
    documents: dict[str, dict] = {}
    outcomes: list[FileOutcome] = []
    for result in sorted(results, key=lambda r: r.outcome.path):
        doc = result.document
        if doc is not None and doc["content_sha256"] in documents:
            outcome = result.outcome
            outcome.fate, outcome.duplicate_of, outcome.doc_id = DUPLICATE, doc["doc_id"], None
            outcome.reason = "same_content"
            outcome.detail = f"same normalized content as {documents[doc['content_sha256']]['source_path']}"
        elif doc is not None:
            documents[doc["content_sha256"]] = doc
        outcomes.append(result.outcome)
    return list(documents.values()), outcomes
