"""The per-article extraction cache: a re-run extracts only the articles it has not seen.

An entry holds one document's extraction result (its rows of every part in
`extraction.PARTS`, and its error if extraction failed) under a key that hashes
everything the result depends on:

- the document's id and the text and paragraph offsets that the extractors read;
- the code that extracts: the source of the extraction modules and the data
  files they load (`code_version`);
- the spaCy pipeline (name and version) and spaCy's version;
- the versions of the libraries whose packaged data extraction reads (`DATA_LIBRARIES`);
- the settings that change extraction (`Settings.extraction_settings`).

Change any of these and the key changes, so the stale entry is never read;
change an article and only that article is extracted again. A deleted article's
entry is simply not read (and is pruned at the end of the run).

Layout: `<cache_dir>/<key[:2]>/<key>.parquet`, one row with one List(Struct)
column per part. Reading thousands of one-row files costs a few milliseconds each, so each batch's
entries are also kept together in one pack, `<cache_dir>/packs/<hash of the batch's keys>.parquet`:
a re-run whose batch holds the same articles reads one file; a batch with a changed article reads
its entries one by one, as before, and writes a new pack. The default place is `<out_dir>/.cache/extraction/`
(`Settings.cache_dir` / `--cache-dir` moves it). Deleting the folder is safe: the
next run extracts everything again. Entries are written to a temporary file and
renamed into place, so a crash never leaves a half-written entry under a key;
an entry that cannot be read or does not have the expected shape is a miss.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import logging
import os
import tempfile
import time
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import polars as pl

from newsfacts import modelcheck
from newsfacts.extraction import PARTS, extract_documents, write_extraction

log = logging.getLogger(__name__)

# Bump when the entry layout changes: old entries become misses.
FORMAT_VERSION = "1"
# The modules whose code decides what one article's extraction yields: `<name>.py`, or for a package
# (`claims/`) every module in it. A name that is neither is an error, never skipped (`extraction_sources`).
EXTRACTION_MODULES = (
    "nlp", "extraction", "entities", "gazetteer", "quotemarks", "quotes", "claims", "quantities", "checkworthiness",
    "subjectivity", "attribution_model", "given_names",
)
# Libraries whose packaged data the extractors read (subjectivity: TextBlob's lexicon; given_names: Faker's name
# lists): a new release may give other results, so their versions are part of the key.
DATA_LIBRARIES = ("textblob", "faker")
# Files in newsfacts/data that no extractor reads (the accuracy figures of the dataset card).
NOT_EXTRACTION_DATA = frozenset({"accuracy.json"})
PACKAGE_DIR = Path(__file__).resolve().parent
KEY_COLUMN = "cache_key"
PACKS_DIR = "packs"
DOC_COLUMN = "doc_id"
ERROR_COLUMN = "error"


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of the extraction modules' source and the package data they load; computed once per process."""
    return source_digest(PACKAGE_DIR, EXTRACTION_MODULES)


def source_digest(package_dir: Path, modules: Iterable[str]) -> str:
    """A hash of the sources of `modules` (`extraction_sources`) and of the files in `package_dir`/data that
    extraction reads, each under its path relative to `package_dir`."""
    digest = hashlib.sha256()
    paths = extraction_sources(package_dir, modules)
    data = package_dir / "data"
    paths += sorted(p for p in data.rglob("*") if p.is_file() and p.name not in NOT_EXTRACTION_DATA) if data.is_dir() else []
    for path in paths:
        digest.update(str(path.relative_to(package_dir)).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def extraction_sources(package_dir: Path, modules: Iterable[str]) -> list[Path]:
    """The source files of the extraction modules under `package_dir`: `<name>.py`, or every module of the
    package `<name>/` (its sub-packages too), in a stable order. A module split or renamed must change the key,
    not drop out of it: a name with neither a module nor a package raises."""
    paths = []
    for name in modules:
        module, package = package_dir / f"{name}.py", package_dir / name
        if module.is_file():
            paths.append(module)
        elif (package / "__init__.py").is_file():
            paths += sorted(p for p in package.rglob("*.py") if "__pycache__" not in p.parts)
        else:
            raise FileNotFoundError(f"extraction module {name!r} is neither {module} nor a package at {package}: "
                                    "update cache.EXTRACTION_MODULES")
    return paths


def data_library_versions() -> dict[str, str]:
    return {name: importlib.metadata.version(name) for name in DATA_LIBRARIES}


@lru_cache(maxsize=8)
def model_version(model: str) -> str:
    """The spaCy pipeline's name and version, and spaCy's own: a new model release gives new results.
    Read from the model's meta.json: the main process never loads the model just to key the cache."""
    return modelcheck.model_version(model)


def run_fingerprint(model: str, extraction_settings: dict) -> str:
    """Everything the key depends on except the article: format, code, model and settings."""
    parts = {
        "format": FORMAT_VERSION, "code": code_version(), "model": model_version(model), "settings": extraction_settings,
        "libraries": data_library_versions(),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def entry_key(fingerprint: str, doc_id: str, text: str, paragraphs: list[dict]) -> str:
    """The key of one article's extraction: its id (the rows carry it; two articles may share a body under
    different titles), text and paragraphs under one run fingerprint."""
    digest = hashlib.sha256(fingerprint.encode())
    digest.update(b"\0")
    digest.update(doc_id.encode())
    digest.update(b"\0")
    digest.update(text.encode("utf-8"))
    digest.update(b"\0")
    digest.update(json.dumps(paragraphs, sort_keys=True).encode())
    return digest.hexdigest()


def entry_path(cache_dir: Path, key: str) -> Path:
    return Path(cache_dir) / key[:2] / f"{key}.parquet"


def entry_schema(parts: dict[str, dict]) -> dict[str, pl.DataType]:
    return {
        KEY_COLUMN: pl.Utf8, DOC_COLUMN: pl.Utf8, ERROR_COLUMN: pl.Utf8,
        **{name: pl.List(pl.Struct(schema)) for name, schema in parts.items()},
    }


def load(cache_dir: Path, key: str, parts: dict[str, dict], doc_id: str | None = None) -> pl.DataFrame | None:
    """The entry under `key` as a one-row frame, or None: absent, unreadable or of another shape are all misses."""
    path = entry_path(cache_dir, key)
    try:
        frame = pl.read_parquet(path)
    except FileNotFoundError:
        return None
    except Exception as exc:  # a damaged entry (a disk error, a foreign file): extract again, never trust it
        log.warning("extraction cache entry %s is unreadable (%s); extracting again", path, exc)
        return None
    if (frame.height != 1 or dict(frame.schema) != entry_schema(parts) or frame[KEY_COLUMN][0] != key
            or (doc_id is not None and frame[DOC_COLUMN][0] != doc_id)):
        log.warning("extraction cache entry %s has another shape; extracting again", path)
        return None
    return frame


def store(cache_dir: Path, entries: pl.DataFrame) -> None:
    """Write each row of `entries` (see `entries_from_parts`) as its own entry, atomically."""
    for row in range(entries.height):
        entry = entries.slice(row, 1)
        _write_atomically(entry, entry_path(cache_dir, entry[KEY_COLUMN][0]))


def _write_atomically(frame: pl.DataFrame, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # A unique temporary name in the same folder, then one rename: readers see all of an entry or none.
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem[:12]}.", suffix=".tmp")
    os.close(handle)
    try:
        frame.write_parquet(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def entries_from_parts(keys: dict[str, str], frames: dict[str, pl.DataFrame], errors: dict[str, str],
                       parts: dict[str, dict]) -> pl.DataFrame:
    """One entry row per document of `keys` (doc_id -> key), from the part tables of those documents' extraction."""
    entries = pl.DataFrame(
        {DOC_COLUMN: list(keys), KEY_COLUMN: list(keys.values()), ERROR_COLUMN: [errors.get(d) for d in keys]},
        schema={DOC_COLUMN: pl.Utf8, KEY_COLUMN: pl.Utf8, ERROR_COLUMN: pl.Utf8},
    )
    for name, schema in parts.items():
        grouped = (
            frames[name].select(pl.col(DOC_COLUMN).alias("_doc"), pl.struct(list(schema)).alias(name))
            .group_by("_doc", maintain_order=True).agg(pl.col(name))
        )
        entries = entries.join(grouped, left_on=DOC_COLUMN, right_on="_doc", how="left", maintain_order="left")
        entries = entries.with_columns(pl.col(name).fill_null(pl.lit([], dtype=pl.List(pl.Struct(schema)))))
    return entries.select(list(entry_schema(parts)))


def parts_from_entries(entries: pl.DataFrame, parts: dict[str, dict]) -> tuple[dict[str, pl.DataFrame], list[dict]]:
    """The part tables and the errors of the documents in `entries`, in the entries' order."""
    frames = {}
    for name, schema in parts.items():
        rows = entries.filter(pl.col(name).list.len() > 0).select(pl.col(name).explode()).unnest(name)
        frames[name] = rows if rows.height else pl.DataFrame(schema=schema)
    errors = entries.filter(pl.col(ERROR_COLUMN).is_not_null()).select(DOC_COLUMN, ERROR_COLUMN).to_dicts()
    return frames, errors


def prune(cache_dir: Path, keep: Iterable[str], older_than: float, keep_packs: Iterable[str] = ()) -> int:
    """Delete the entries not in `keep` and the packs not in `keep_packs` that were written before `older_than`
    (a time.time() value).

    Called at the end of a published run with the keys and packs it used: the cache stays the size of the
    dataset. Entries newer than the run's start are left alone, in case another run shares the cache.
    """
    cache_dir = Path(cache_dir)
    if not cache_dir.is_dir():
        return 0
    keep, keep_packs = set(keep), set(keep_packs)
    removed = 0
    for path in cache_dir.glob("*/*"):
        stale_tmp = path.suffix == ".tmp"  # a crashed writer's leftover
        unused = path.stem not in (keep_packs if path.parent.name == PACKS_DIR else keep)
        if (stale_tmp or unused) and _mtime(path) < older_than:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def pack_name(keys: Iterable[str]) -> str:
    """The name of the pack of a batch's entries: a hash of its keys, whatever their order."""
    return hashlib.sha256("\n".join(sorted(keys)).encode()).hexdigest()


def load_pack(cache_dir: Path, name: str, keys: dict[str, str], parts: dict[str, dict]) -> pl.DataFrame | None:
    """The entries of `keys` (doc_id -> key) in their order from the pack `name`, or None: absent, unreadable,
    of another shape or holding other entries are all misses."""
    path = Path(cache_dir) / PACKS_DIR / f"{name}.parquet"
    try:
        frame = pl.read_parquet(path)
    except FileNotFoundError:
        return None
    except Exception as exc:
        log.warning("extraction cache pack %s is unreadable (%s); reading its entries one by one", path, exc)
        return None
    row_of = {key: row for row, key in enumerate(frame[KEY_COLUMN].to_list())} if KEY_COLUMN in frame.columns else {}
    if dict(frame.schema) != entry_schema(parts) or len(row_of) != frame.height or set(row_of) != set(keys.values()):
        log.warning("extraction cache pack %s has another shape; reading its entries one by one", path)
        return None
    ordered = frame[[row_of[key] for key in keys.values()]]
    if ordered[DOC_COLUMN].to_list() != list(keys):
        return None
    return ordered


def store_pack(cache_dir: Path, name: str, entries: pl.DataFrame) -> None:
    _write_atomically(entries, Path(cache_dir) / PACKS_DIR / f"{name}.parquet")


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:
        return time.time()


def _load_entries(documents: pl.DataFrame, keys: dict[str, str], model: str, n_process: int, cache_dir: Path,
                  stem: Path) -> tuple[pl.DataFrame, list[str]]:
    """The entries of `keys` in their order, read one by one, the missing ones extracted and stored; and the misses."""
    loaded = {doc_id: load(cache_dir, key, PARTS, doc_id) for doc_id, key in keys.items()}
    misses = [doc_id for doc_id, entry in loaded.items() if entry is None]
    fresh = []
    if misses:
        fresh_stem = Path(f"{stem}.fresh")
        write_extraction(extract_documents(documents.filter(pl.col("doc_id").is_in(misses)), model, n_process), fresh_stem)
        frames = {name: pl.read_parquet(f"{fresh_stem}.{name}.parquet") for name in PARTS}
        errors = {e["doc_id"]: e["error"] for e in json.loads(Path(f"{fresh_stem}.errors.json").read_text(encoding="utf-8"))}
        for name in PARTS:
            Path(f"{fresh_stem}.{name}.parquet").unlink()
        Path(f"{fresh_stem}.errors.json").unlink()
        entries = entries_from_parts({d: keys[d] for d in misses}, frames, errors, PARTS)
        store(cache_dir, entries)
        fresh = [entries]
    by_doc = {doc_id: entry for doc_id, entry in loaded.items() if entry is not None}
    for entries in fresh:
        by_doc.update({row[DOC_COLUMN][0]: row for row in entries.iter_slices(1)})
    ordered = pl.concat([by_doc[doc_id] for doc_id in keys]) if keys else pl.DataFrame(schema=entry_schema(PARTS))
    return ordered, misses


def extract_with_cache(documents: pl.DataFrame, model: str, n_process: int, extraction_settings: dict, cache_dir: Path,
                       stem: Path) -> dict:
    """Stage the extraction of `documents` (doc_id, text, paragraphs) at `stem`, as `write_extraction` would,
    running the NLP only on the documents the cache does not hold, and storing their results in it.

    Returns {"from_cache": n, "extracted": n, "keys": [...]}; the same is written to `<stem>.cache.json`.
    """
    fingerprint = run_fingerprint(model, extraction_settings)
    keys = {
        doc_id: entry_key(fingerprint, doc_id, text, paragraphs)
        for doc_id, text, paragraphs in documents.select("doc_id", "text", "paragraphs").iter_rows()
    }
    pack = pack_name(keys.values())
    ordered = load_pack(cache_dir, pack, keys, PARTS) if keys else None
    misses = []
    if ordered is None:
        ordered, misses = _load_entries(documents, keys, model, n_process, cache_dir, stem)
        if keys:
            store_pack(cache_dir, pack, ordered)
    frames, errors = parts_from_entries(ordered, PARTS)
    for name, frame in frames.items():
        frame.write_parquet(f"{stem}.{name}.parquet")
    Path(f"{stem}.errors.json").write_text(json.dumps(errors), encoding="utf-8")
    stats = {"from_cache": len(keys) - len(misses), "extracted": len(misses), "keys": list(keys.values()), "pack": pack}
    Path(f"{stem}.cache.json").write_text(json.dumps(stats), encoding="utf-8")
    return stats
