"""Re-runs: nothing changed reuses the published tables; anything changed computes them, equal to a cold run's."""

import json
import shutil

import polars as pl
import pytest

from newsfacts import documents, fingerprint, pipeline
from newsfacts.reading import discover
from newsfacts.settings import Settings
from tests.datasets import assert_same_tables, check_published, file_fates
from tests.hostile import write_good_articles

pytestmark = pytest.mark.slow


def _run(raw, out, **kwargs):
    return pipeline.curate(Settings(raw_dir=raw, out_dir=out, **{"workers": 1, **kwargs}))


def _manifest(out):
    return json.loads((out / "manifest.json").read_text())


def _refuse_ingest(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a file was ingested again")

    monkeypatch.setattr(pipeline, "ingest_files", refuse)


@pytest.fixture
def corpus(raw_copy):
    write_good_articles(raw_copy, 4)
    (raw_copy / "empty.txt").write_bytes(b"")  # a rejection to account for
    shutil.copyfile(raw_copy / "good_0001.txt", raw_copy / "copy.txt")  # a duplicate
    return raw_copy


def test_a_rerun_with_nothing_changed_republishes_the_same_tables_under_its_own_run(corpus, tmp_path, monkeypatch):
    out = tmp_path / "out"
    _run(corpus, out)
    first = check_published(out)
    _refuse_ingest(monkeypatch)
    summary = _run(corpus, out, batch_size=1, keep_runs=1, workers=2)  # settings that cannot change the tables
    second = check_published(out)  # every table labelled with the new run's id, checksums in its manifest
    assert summary.run_id == second.run_id != first.run_id
    assert second.manifest["reused_from"] == first.run_id
    assert second.manifest["run_fingerprint"] == first.manifest["run_fingerprint"]
    assert_same_tables(second.tables, first.tables)
    assert file_fates(second.manifest) == file_fates(first.manifest)
    assert second.manifest["files_by_fate"] == {"processed": 6, "duplicate": 1, "rejected": 1}
    assert summary.files == first.manifest["files_by_fate"]
    assert (out / "report.html").is_file()
    _run(corpus, out)  # reused again, from the first run that computed them (pruned by now)
    assert _manifest(out)["reused_from"] == first.run_id


@pytest.mark.parametrize("change", ["edited", "added", "removed", "setting", "no_reuse"])
def test_anything_changed_computes_the_tables_again(corpus, tmp_path, change):
    out = tmp_path / "out"
    _run(corpus, out)
    options = {}
    if change == "edited":
        (corpus / "good_0002.txt").write_text((corpus / "good_0002.txt").read_text() + "\n\nOne more sentence.\n")
    elif change == "added":
        write_good_articles(corpus, 1, seed=3, prefix="new")
    elif change == "removed":
        (corpus / "good_0003.txt").unlink()
    elif change == "setting":
        options = {"claim_similarity_threshold": 0.9}
    else:
        options = {"reuse": False}
    _run(corpus, out, **options)
    assert "reused_from" not in _manifest(out)


def test_a_damaged_published_table_is_computed_again(corpus, tmp_path):
    out = tmp_path / "out"
    _run(corpus, out)
    claims = (out / "claims.parquet").resolve()
    claims.write_bytes(claims.read_bytes()[:-10])
    _run(corpus, out)
    assert "reused_from" not in _manifest(out)
    check_published(out)


def test_the_fingerprint_follows_content_paths_and_settings(corpus):
    files, skipped = discover(corpus)
    settings = Settings(raw_dir=corpus)
    base = fingerprint.run_fingerprint(settings, files, skipped)
    assert base == fingerprint.run_fingerprint(Settings(raw_dir=corpus, workers=7, batch_size=3, keep_runs=5), files, skipped)
    assert base != fingerprint.run_fingerprint(Settings(raw_dir=corpus, near_duplicate_threshold=0.5), files, skipped)
    (corpus / "good_0000.txt").rename(corpus / "renamed.txt")
    assert base != fingerprint.run_fingerprint(settings, *discover(corpus))
    (corpus / "renamed.txt").rename(corpus / "good_0000.txt")
    assert base == fingerprint.run_fingerprint(settings, *discover(corpus))
    (corpus / "good_0000.txt").write_bytes((corpus / "good_0000.txt").read_bytes().replace(b"a", b"e", 1))
    assert base != fingerprint.run_fingerprint(settings, *discover(corpus))


def test_one_changed_article_gives_the_tables_of_a_cold_run(corpus, tmp_path):
    """The cross-article steps run again on a re-run: a changed article can change names and clusters elsewhere."""
    warm = tmp_path / "warm"
    _run(corpus, warm)
    changed = corpus / "000_1305e3d104303dd2.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("Melania Trump", "Melania Knavs Trump", 1), encoding="utf-8")
    _run(corpus, warm)
    assert _manifest(warm)["extraction"] == {"from_cache": 5, "extracted": 1}
    cold = tmp_path / "cold"
    _run(corpus, cold, use_cache=False)
    warm_tables, cold_tables = check_published(warm), check_published(cold)
    assert_same_tables(warm_tables.tables, cold_tables.tables)
    assert file_fates(warm_tables.manifest) == file_fates(cold_tables.manifest)
    assert pl.read_parquet(warm / "documents.parquet")["text"].str.contains("Melania Knavs Trump").sum() == 1


def test_unchanged_files_are_not_decoded_again_and_give_the_same_rows_and_fates(corpus, tmp_path, monkeypatch):
    (corpus / "latin1.txt").write_bytes("Caf\xe9 owners in S\xe3o Paulo said prices rose.\n".encode("latin-1"))
    (corpus / "mojibake.txt").write_bytes("GuantÃ¡namo detainees were moved, officials said.\n".encode())
    (corpus / "binary.bin").write_bytes(bytes(range(256)) * 4)
    (corpus / "nul.txt").write_bytes(b"The meeting\x00 was short.")
    out = tmp_path / "out"
    _run(corpus, out, reuse=False)
    first = check_published(out)
    decoded = []
    real = documents.decode_article
    monkeypatch.setattr(documents, "decode_article", lambda file, data: decoded.append(file.relpath) or real(file, data))
    _run(corpus, out, reuse=False)
    assert decoded == []
    second = check_published(out)
    assert_same_tables(second.tables, first.tables)
    assert second.manifest["files"] == first.manifest["files"]  # encodings, warnings and rejections included
    (corpus / "good_0002.txt").write_text((corpus / "good_0002.txt").read_text() + "\n\nOne more sentence.\n")
    shutil.copyfile(corpus / "latin1.txt", corpus / "latin1_copy.txt")  # the same bytes under another name: a hit
    _run(corpus, out, reuse=False)
    assert decoded == ["good_0002.txt"]
    fates = {f["path"]: f for f in _manifest(out)["files"]}
    assert fates["latin1_copy.txt"]["fate"] == "duplicate" and fates["latin1.txt"]["encoding"] == "cp1252"
