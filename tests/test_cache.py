"""The per-article extraction cache: a re-run extracts only what changed, and never trusts a bad entry."""

import json

import polars as pl
import pytest

from newsfacts import cache, pipeline
from newsfacts.extraction import PARTS
from newsfacts.settings import Settings
from tests.conftest import SEED_000, SEED_004

pytestmark = pytest.mark.slow

TABLES = ("documents", "entities", "mentions", "quotes")
RUN_METADATA = ("ingested_at",)  # differs between runs by design


def _run(raw, out, **kwargs):
    # reuse=False: a re-run over unchanged input would otherwise reuse the published tables (tests/test_reuse.py)
    return pipeline.curate(Settings(raw_dir=raw, out_dir=out, workers=1, reuse=False, **kwargs))


def _tables(out):
    return {name: pl.read_parquet(out / f"{name}.parquet").drop(RUN_METADATA, strict=False) for name in TABLES}


def _extraction(out):
    return json.loads((out / "manifest.json").read_text())["extraction"]


def _entries(out):
    return sorted(p for p in (out / ".cache" / "extraction").glob("*/*.parquet") if p.parent.name != cache.PACKS_DIR)


def _packs(out):
    return sorted((out / ".cache" / "extraction" / cache.PACKS_DIR).glob("*.parquet"))


@pytest.fixture
def extracted(monkeypatch):
    """Records the doc_ids the NLP runs on."""
    seen: list[str] = []
    real = cache.extract_documents

    def spy(documents, model, n_process):
        seen.extend(documents["doc_id"].to_list())
        return real(documents, model, n_process)

    monkeypatch.setattr(cache, "extract_documents", spy)
    return seen


def _no_nlp(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the NLP ran on a re-run with nothing changed")

    monkeypatch.setattr(cache, "extract_documents", refuse)
    monkeypatch.setattr("newsfacts.nlp.parse", refuse)


def test_a_rerun_with_nothing_changed_runs_no_nlp_and_gives_the_same_tables(raw_copy, tmp_path, monkeypatch):
    out = tmp_path / "out"
    _run(raw_copy, out)
    first = _tables(out)
    assert _extraction(out) == {"from_cache": 0, "extracted": 2}
    assert len(_entries(out)) == 2

    _no_nlp(monkeypatch)
    _run(raw_copy, out, batch_size=1, keep_runs=3)  # settings that do not change extraction keep the cache valid
    assert _extraction(out) == {"from_cache": 2, "extracted": 0}
    second = _tables(out)
    for name in TABLES:
        assert second[name].equals(first[name]), name


def test_a_batch_of_unchanged_articles_is_read_from_its_pack_and_a_bad_pack_is_a_miss(raw_copy, tmp_path, monkeypatch):
    out = tmp_path / "out"
    _run(raw_copy, out)
    first = _tables(out)
    assert len(_packs(out)) == 1  # one batch
    _no_nlp(monkeypatch)
    real_load = cache.load
    monkeypatch.setattr(cache, "load", lambda *args, **kwargs: pytest.fail("an entry was read one by one"))
    _run(raw_copy, out)
    assert _extraction(out) == {"from_cache": 2, "extracted": 0}
    monkeypatch.setattr(cache, "load", real_load)
    pack = _packs(out)[0]
    pack.write_bytes(pack.read_bytes()[:200])
    _run(raw_copy, out)  # read entry by entry, and the pack written again
    assert _extraction(out) == {"from_cache": 2, "extracted": 0}
    assert pl.read_parquet(_packs(out)[0]).height == 2
    for name in TABLES:
        assert _tables(out)[name].equals(first[name]), name


def test_cached_tables_equal_uncached_ones(raw_copy, tmp_path):
    _run(raw_copy, tmp_path / "cached")
    _run(raw_copy, tmp_path / "cached")  # from the cache
    _run(raw_copy, tmp_path / "plain", use_cache=False)
    assert not (tmp_path / "plain" / ".cache").exists()
    cached, plain = _tables(tmp_path / "cached"), _tables(tmp_path / "plain")
    assert plain["mentions"].height > 0 and plain["quotes"].height > 0
    for name in TABLES:
        assert cached[name].equals(plain[name]), name


def test_a_changed_file_is_the_only_one_extracted_again(raw_copy, tmp_path, extracted):
    out = tmp_path / "out"
    _run(raw_copy, out)
    extracted.clear()
    changed = raw_copy / SEED_004.name
    changed.write_text(changed.read_text(encoding="utf-8") + "\n\nThe talks will resume in Geneva on Monday, officials said.\n",
                       encoding="utf-8")
    _run(raw_copy, out)
    documents = pl.read_parquet(out / "documents.parquet")
    changed_id = documents.filter(pl.col("source_path") == SEED_004.name)["doc_id"].item()
    assert extracted == [changed_id]
    assert _extraction(out) == {"from_cache": 1, "extracted": 1}
    assert "Geneva" in pl.read_parquet(out / "mentions.parquet").filter(pl.col("doc_id") == changed_id)["text"].to_list()
    assert len(_entries(out)) == 2  # the old version's entry is pruned


def test_an_added_file_is_the_only_one_extracted(raw_copy, tmp_path, extracted):
    out = tmp_path / "out"
    (raw_copy / SEED_000.name).rename(tmp_path / SEED_000.name)
    _run(raw_copy, out)
    extracted.clear()
    (tmp_path / SEED_000.name).rename(raw_copy / SEED_000.name)
    _run(raw_copy, out)
    documents = pl.read_parquet(out / "documents.parquet")
    assert extracted == documents.filter(pl.col("source_path") == SEED_000.name)["doc_id"].to_list()
    assert documents.height == 2


def test_a_deleted_file_leaves_the_dataset_and_the_cache(raw_copy, tmp_path, monkeypatch):
    out = tmp_path / "out"
    _run(raw_copy, out)
    gone = pl.read_parquet(out / "documents.parquet").filter(pl.col("source_path") == SEED_000.name)["doc_id"].item()
    (raw_copy / SEED_000.name).unlink()
    _no_nlp(monkeypatch)
    _run(raw_copy, out)
    for name in ("documents", "mentions", "quotes"):
        assert gone not in pl.read_parquet(out / f"{name}.parquet")["doc_id"].to_list(), name
    assert pl.read_parquet(out / "entities.parquet")["n_docs"].max() == 1
    assert pl.read_parquet(out / "documents.parquet").height == 1
    assert len(_entries(out)) == 1


@pytest.mark.parametrize("change", ["model", "code", "setting"])
def test_what_extraction_depends_on_invalidates_every_entry(raw_copy, tmp_path, monkeypatch, extracted, change):
    out = tmp_path / "out"
    _run(raw_copy, out)
    extracted.clear()
    if change == "model":  # another model, or a new release of the same one
        monkeypatch.setattr(cache, "model_version", lambda model: "en_core_web_sm==9.9.9;spacy==3.8.0")
    elif change == "code":  # an edit to an extraction module or its data
        monkeypatch.setattr(cache, "code_version", lambda: "edited")
    else:  # a threshold an extractor reads
        monkeypatch.setattr(Settings, "extraction_settings", lambda self: {"model": self.model, "min_confidence": 0.7})
    _run(raw_copy, out)
    assert sorted(extracted) == sorted(pl.read_parquet(out / "documents.parquet")["doc_id"].to_list())
    assert _extraction(out) == {"from_cache": 0, "extracted": 2}


def test_a_corrupt_or_half_written_entry_is_a_miss(raw_copy, tmp_path, extracted):
    out = tmp_path / "out"
    _run(raw_copy, out)
    first = _tables(out)
    damaged, intact = _entries(out)
    damaged.write_bytes(damaged.read_bytes()[:100])  # a torn write (the rename makes this impossible, a disk may not)
    leftover = intact.with_name(".crashed-writer.tmp")
    leftover.write_bytes(b"half an entry")
    for pack in _packs(out):  # without the batch's pack, entries are read one by one
        pack.unlink()
    extracted.clear()
    _run(raw_copy, out)
    assert len(extracted) == 1
    assert _extraction(out) == {"from_cache": 1, "extracted": 1}
    for name in TABLES:
        assert _tables(out)[name].equals(first[name]), name
    assert pl.read_parquet(damaged).height == 1  # rewritten whole
    assert not leftover.exists()  # a crashed writer's temporary file is cleaned up


def test_an_entry_of_another_shape_is_a_miss(tmp_path):
    key = "ab" * 32
    path = cache.entry_path(tmp_path, key)
    path.parent.mkdir(parents=True)
    pl.DataFrame({cache.KEY_COLUMN: [key], "doc_id": ["doc_1"]}).write_parquet(path)
    assert cache.load(tmp_path, key, PARTS) is None
    assert cache.load(tmp_path, "cd" * 32, PARTS) is None


def test_entries_round_trip_the_parts_in_document_order(tmp_path):
    frames = {name: pl.DataFrame(schema=schema) for name, schema in PARTS.items()}
    frames["mentions"] = pl.DataFrame(
        [{"doc_id": "doc_b", "start": 0, "end": 3, "text": "Kyiv", "type": "GPE", "resolution": "named", "entity": 0},
         {"doc_id": "doc_a", "start": 4, "end": 9, "text": "Trump", "type": "PERSON", "resolution": "named", "entity": 0},
         {"doc_id": "doc_b", "start": 9, "end": 12, "text": "Kyiv", "type": "GPE", "resolution": "named", "entity": 0}],
        schema=PARTS["mentions"],
    )
    keys = {"doc_a": "a" * 64, "doc_b": "b" * 64, "doc_c": "c" * 64}
    entries = cache.entries_from_parts(keys, frames, {"doc_c": "ValueError: odd"}, PARTS)
    cache.store(tmp_path, entries)
    loaded = pl.concat([cache.load(tmp_path, key, PARTS) for key in keys.values()])
    parts, errors = cache.parts_from_entries(loaded, PARTS)
    assert parts["mentions"]["doc_id"].to_list() == ["doc_a", "doc_b", "doc_b"]
    assert parts["mentions"]["start"].to_list() == [4, 0, 9]
    assert parts["entities"].height == 0 and dict(parts["entities"].schema) == PARTS["entities"]
    assert errors == [{"doc_id": "doc_c", "error": "ValueError: odd"}]


def test_the_key_follows_doc_id_text_paragraphs_and_fingerprint():
    paragraphs = [{"start": 0, "end": 5, "heading": False}]
    key = cache.entry_key("f1", "doc_1", "Hello", paragraphs)
    assert key == cache.entry_key("f1", "doc_1", "Hello", paragraphs)
    assert key != cache.entry_key("f2", "doc_1", "Hello", paragraphs)
    assert key != cache.entry_key("f1", "doc_2", "Hello", paragraphs)
    assert key != cache.entry_key("f1", "doc_1", "Hello!", paragraphs)
    assert key != cache.entry_key("f1", "doc_1", "Hello", [{"start": 0, "end": 5, "heading": True}])


def test_two_articles_with_one_body_under_different_titles_keep_their_own_rows(raw_copy, tmp_path):
    body = SEED_004.read_text(encoding="utf-8")
    (raw_copy / "retitled.txt").write_text("Title: Talks in Alaska\n\n" + body, encoding="utf-8")
    out = tmp_path / "out"
    _run(raw_copy, out)
    for _ in range(2):  # extracted, then from the cache
        documents = pl.read_parquet(out / "documents.parquet")
        assert documents.height == 3 and documents["text"].n_unique() == 2
        mentions = pl.read_parquet(out / "mentions.parquet")
        per_doc = dict(mentions.group_by("doc_id").len().iter_rows())
        twins = documents.filter(pl.col("source_path").is_in([SEED_004.name, "retitled.txt"]))["doc_id"].to_list()
        assert len(set(twins)) == 2 and per_doc[twins[0]] == per_doc[twins[1]] > 0
        assert json.loads((out / "manifest.json").read_text())["cross_table_failures"] == []
        _run(raw_copy, out)
    assert _extraction(out) == {"from_cache": 3, "extracted": 0}


def test_two_runs_started_together_leave_one_consistent_dataset_and_cache(raw_copy, tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    from newsfacts.dataset_validation import validate_dataset
    from newsfacts.publishing import current_run_id

    out = tmp_path / "out"
    newsfacts = str(Path(sys.executable).with_name("newsfacts"))
    command = [newsfacts, "run", str(raw_copy), "--out", str(out), "--engine", "local", "--workers", "1"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(run.wait(300), run.stderr.read()) for run in runs]
    assert 0 in [code for code, _ in results], results
    for code, stderr in results:  # the other one, if they overlapped, refused with a clear message
        assert code == 0 or (code == 1 and "another run" in stderr), stderr
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["run_id"] == current_run_id(out)
    assert validate_dataset(out).ok
    assert len(_entries(out)) == 2 and all(cache.load(out / ".cache" / "extraction", p.stem, PARTS) is not None for p in _entries(out))
