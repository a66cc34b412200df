"""The flow over every kind of hostile or odd input (tests/hostile.py) mixed with good articles.

It must finish, land every good article, and account for every bad one in the manifest: rejected
with a specific reason, or processed with a warning; and nothing outside the raw folder is read.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from types import SimpleNamespace

import polars as pl
import pytest

from newsfacts import pipeline, reading
from newsfacts.settings import Settings
from tests.datasets import check_published
from tests.hostile import DUPLICATE, PROCESSED, write_good_articles, write_hostile

pytestmark = pytest.mark.slow

MAX_FILE_BYTES = 10 * 1024 * 1024
N_GOOD = 30
PWNED = Path("/tmp/newsfacts-pwned")


def _hooked_os(hooks: dict[str, tuple[str, object]]) -> SimpleNamespace:
    """`os` for newsfacts.reading, calling a kind's `during_read` action at its moment (open or read)."""
    opened: dict[int, str] = {}

    def hooked_open(path, flags, *args):
        hook = hooks.get(os.fspath(path))
        if hook and hook[0] == "open":
            hook[1](Path(path))
        fd = os.open(path, flags, *args)
        opened[fd] = os.fspath(path)
        return fd

    def hooked_fstat(fd):
        info = os.fstat(fd)
        hook = hooks.get(opened.get(fd, ""))
        if hook and hook[0] == "read":
            hook[1](Path(opened[fd]))
        return info

    proxy = SimpleNamespace(**{name: getattr(os, name) for name in dir(os) if not name.startswith("__")})
    proxy.open, proxy.fstat = hooked_open, hooked_fstat
    return proxy


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    raw, outside, out = root / "raw", root / "outside", root / "out"
    good = write_good_articles(raw, N_GOOD)
    kinds = write_hostile(raw, outside, MAX_FILE_BYTES)
    hooks = {
        os.fspath(raw / name): (kind.when, kind.during_read)
        for kind in kinds if kind.during_read for name in kind.expect
    }
    PWNED.unlink(missing_ok=True)
    patch = pytest.MonkeyPatch()
    patch.setattr(reading, "os", _hooked_os(hooks))
    records: list[logging.LogRecord] = []
    handler = logging.Handler(logging.DEBUG)
    handler.emit = records.append
    logging.getLogger().addHandler(handler)
    old_level = logging.getLogger().level
    logging.getLogger().setLevel(logging.DEBUG)
    try:
        summary = pipeline.curate(Settings(raw_dir=raw, out_dir=out, max_file_bytes=MAX_FILE_BYTES, batch_size=16, workers=1))
    finally:
        patch.undo()
        logging.getLogger().removeHandler(handler)
        logging.getLogger().setLevel(old_level)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return SimpleNamespace(raw=raw, out=out, good=good, kinds=kinds, summary=summary, manifest=manifest, records=records)


def test_there_are_at_least_25_kinds(hostile_run):
    assert len(hostile_run.kinds) >= 25


def test_every_good_article_lands(hostile_run):
    documents = pl.read_parquet(hostile_run.out / "documents.parquet")
    assert set(hostile_run.good) <= set(documents["source_path"])
    fates = {f["path"]: f["fate"] for f in hostile_run.manifest["files"]}
    assert all(fates[name] == PROCESSED for name in hostile_run.good)


def test_every_input_is_accounted_for_exactly_once(hostile_run):
    paths = [f["path"] for f in hostile_run.manifest["files"]]
    assert len(paths) == len(set(paths))
    expected = set(hostile_run.good) | {path for kind in hostile_run.kinds for path in kind.expect}
    assert set(paths) == expected


def test_each_hostile_kind_is_recorded_as_expected(hostile_run):
    """Every kind checked, every mismatch listed (not only the first)."""
    assert len(hostile_run.kinds) >= 25
    files = {f["path"]: f for f in hostile_run.manifest["files"]}
    documents = pl.read_parquet(hostile_run.out / "documents.parquet")
    texts = dict(zip(documents["source_path"], documents["text"]))
    problems = [problem for kind in hostile_run.kinds for problem in _mismatches(kind, files, texts)]
    assert not problems, "\n".join(problems)


def _mismatches(kind, files: dict, texts: dict) -> list[str]:
    problems = []
    for path, (fate, reason) in kind.expect.items():
        record = files[path]
        if fate == PROCESSED:
            if record["fate"] != PROCESSED:
                problems.append(f"{kind.kind}: {path} was {record['fate']} ({record['reason']}: {record['detail']})")
            elif reason and reason not in record["warnings"]:
                problems.append(f"{kind.kind}: {path} has warnings {record['warnings']}, not {reason}")
            elif path not in texts:
                problems.append(f"{kind.kind}: {path} processed but not in documents")
        elif (record["fate"], record["reason"]) != (fate, reason):
            problems.append(f"{kind.kind}: {path}: {record}")
        elif fate != DUPLICATE and not record["detail"]:
            problems.append(f"{kind.kind}: {path} has no detail")
    for path, fragment in kind.text_contains.items():
        if fragment not in texts.get(path, ""):
            problems.append(f"{kind.kind}: {path}: {texts.get(path, '')[:200]!r}")
    return problems


def test_processed_text_has_no_invisible_or_bidi_control_characters(hostile_run):
    documents = pl.read_parquet(hostile_run.out / "documents.parquet")
    for text in documents["text"]:
        assert not any(ch in text for ch in "\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2069\ufeff\x00\x1b\r")


def test_the_published_dataset_is_complete_and_valid(hostile_run):
    published = check_published(hostile_run.out)
    assert published.tables["documents"].height == hostile_run.summary.tables["documents"].rows
    assert hostile_run.summary.quarantined_rows == 0


def test_nothing_outside_the_raw_folder_is_read(hostile_run):
    dataset = "".join(path.read_text(errors="replace") for path in [hostile_run.out / "manifest.json"])
    dataset += "".join(pl.read_parquet(hostile_run.out / "documents.parquet")["text"])
    assert "OUTSIDE-SECRET" not in dataset


def test_article_text_is_never_executed_or_used_as_a_path(hostile_run):
    assert not PWNED.exists()
    documents = pl.read_parquet(hostile_run.out / "documents.parquet")
    assert documents.filter(pl.col("source_path") == "path-and-sql.txt")["text"].str.contains("DROP TABLE", literal=True).item()
    out_files = {p.name for p in hostile_run.out.rglob("*")}
    assert not any("passwd" in name or "pwned" in name for name in out_files)


def test_logs_and_manifest_never_hold_a_whole_article(hostile_run):
    documents = pl.read_parquet(hostile_run.out / "documents.parquet")
    long_texts = [text for text in documents["text"] if len(text) >= 200]
    manifest_text = (hostile_run.out / "manifest.json").read_text(encoding="utf-8")
    messages = [record.getMessage() for record in hostile_run.records]
    for text in long_texts:
        assert text not in manifest_text
        assert not any(text in message for message in messages)
    assert all(len(message) < 5000 for message in messages)


def test_an_extractor_error_quoting_the_article_is_logged_and_recorded_as_a_snippet(caplog):
    import polars as pl

    from newsfacts import extraction

    text = "The council met on Monday. " * 40
    documents = pl.DataFrame({"doc_id": ["doc_1"], "text": [text], "paragraphs": [[{"start": 0, "end": len(text) - 1, "heading": False}]]})

    def fail(doc, paragraphs, mentions):
        raise ValueError(f"cannot attribute {doc.text!r}")

    patch = pytest.MonkeyPatch()
    patch.setattr(extraction, "extract_quotes", fail)
    try:
        with caplog.at_level(logging.DEBUG):
            [result] = extraction.extract_documents(documents, Settings().model, 1)
    finally:
        patch.undo()
    assert result.error.startswith("ValueError: cannot attribute 'The council met") and len(result.error) <= extraction.ERROR_CHARS
    assert "extraction failed for doc_1" in caplog.text and text.strip() not in caplog.text


def _tree(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.lstat().st_size, p.lstat().st_mtime_ns) for p in folder.rglob("*")}


def test_a_run_writes_nothing_outside_its_output_folder(tmp_path):
    from tests.runs import run

    raw, out, work, home, temp = (tmp_path / name for name in ("raw", "out", "work", "home", "tmp"))
    write_good_articles(raw, 5)
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.txt").write_text("OUTSIDE-SECRET\n")
    os.symlink(tmp_path / "outside", raw / "outside-link")
    (raw / "names-paths.txt").write_text(
        "Paths in the news\n\nThe filing named ../../out/evil.parquet, ~/.bashrc and $(touch pwned) on Monday.\n"
    )
    for folder in (work, home, temp):
        folder.mkdir()
    before = {folder: _tree(folder) for folder in (raw, tmp_path / "outside", work, home, temp)}
    env = {"HOME": str(home), "TMPDIR": str(temp), "PYTHONDONTWRITEBYTECODE": "1"}
    finished = run("none", raw, out, 50, env=env, cwd=work)
    assert finished.returncode == 0, finished.stderr[-2000:]
    assert {folder: _tree(folder) for folder in before} == before
    assert not PWNED.exists()
    assert {p.name for p in tmp_path.iterdir()} == {"raw", "out", "work", "home", "tmp", "outside"}
