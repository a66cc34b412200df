"""A real run killed with SIGKILL in every stage, and runs that cannot write: the previous dataset survives.

Each run is `newsfacts run --engine local` in a subprocess over a few hundred generated articles;
tests/crash_driver.py kills it at a named point (deterministic: the n-th time a stage function is
reached, before or after it runs). After every kill the published dataset must be complete, valid and
readable (tests/datasets.check_published), and be the previous run's unless the kill came after the
atomic switch of `.current`. Every few kills a run goes through and must produce the same tables as an
uninterrupted run, with no crashed run's leftovers remaining.
"""

from __future__ import annotations

import shutil

import pytest

from newsfacts.dataset_card import CARD
from newsfacts.publishing import CURRENT_LINK, LOCK_FILE, MANIFEST, QUARANTINE_DIR, RUNS_DIR
from newsfacts.report import REPORT
from newsfacts.settings import EXTRACTION_CACHE_SUBDIR
from tests.datasets import assert_same_tables, check_published, file_fates
from tests.hostile import write_good_articles
from tests.runs import run

pytestmark = pytest.mark.slow

N_ARTICLES = 200
BATCH = 50  # 4 ingest batches, 4 extract batches
# Every run computes its tables: over unchanged input a run would otherwise reuse the published ones
# (tests/test_reuse.py) and never reach the stages killed here.
NO_REUSE = "--no-reuse"

# (kill point, whether `.current` has switched to the killed run by then). Grouped: a completed run
# follows each group, so every kind of leftover is met by a later run.
KILL_GROUPS = [
    [
        ("ingest:1:before", False),  # reading the first batch
        ("ingest:3:after", False),  # halfway through ingest
        ("collect:1:after", False),  # documents deduplicated and staged
        ("validate_write:1:before", False),  # about to validate documents
        ("write_table:1:before", False),  # writing documents.parquet
        ("write_table:1:after", False),  # documents.parquet.tmp written, not yet renamed
    ],
    [
        ("extract:1:before", False),  # in the first spaCy batch
        ("extract:2:after", False),  # between extraction batches
        ("extract:4:after", False),  # every batch extracted
        ("link:1:before", False),  # linking entities across articles
        ("link:1:after", False),  # entities, mentions, quotes staged
        ("write_table:3:after", False),  # between two table writes
    ],
    [
        ("validate_write:4:after", False),  # every table written, no manifest yet
        ("write_json:1:before", False),  # writing the first ingest batch's outcomes
        ("publish:1:before", False),  # manifest written, `.current` not switched
        ("make_tmp_link:1:after", False),  # the new `.current` link made under a temporary name
        ("switch_link:1:after", True),  # `.current` switched, top-level links not yet checked
    ],
    [
        ("switch_link:3:after", True),  # in the middle of the top-level links
        ("publish:1:after", True),  # published, staging not yet removed
        ("prune:1:before", True),  # about to prune old runs
        ("remove_old_run:2:during", True),  # half-way through deleting an old run
        ("prune:1:after", True),  # everything done, about to exit
    ],
]
# What a completed run leaves at the top of its output folder (the extraction cache included).
EXPECTED_TOP_LEVEL = {RUNS_DIR, CURRENT_LINK, LOCK_FILE, MANIFEST, QUARANTINE_DIR, CARD, REPORT, EXTRACTION_CACHE_SUBDIR.parts[0]}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("crashes")
    raw = root / "raw"
    write_good_articles(raw, N_ARTICLES - 5)
    write_good_articles(raw, 5, seed=9, prefix="copy")  # the first five again: duplicates to account for
    reference = run("none", raw, root / "reference", BATCH, NO_REUSE)
    assert reference.returncode == 0, reference.stderr
    return raw, root, check_published(root / "reference")


def assert_clean_after_completed_run(out, reference) -> None:
    published = check_published(out)
    assert_same_tables(published.tables, reference.tables)
    assert file_fates(published.manifest) == file_fates(reference.manifest)
    leftovers = {p.name for p in out.iterdir()} - EXPECTED_TOP_LEVEL - {f"{name}.parquet" for name in reference.tables}
    assert not leftovers, f"crashed runs left {leftovers} in the output folder"
    half_written = [p.name for p in (out / EXTRACTION_CACHE_SUBDIR).rglob("*.tmp")]
    assert not half_written, f"crashed runs left half-written cache entries {half_written}"
    runs = sorted(p.name for p in (out / RUNS_DIR).iterdir())
    assert len(runs) <= 2 and all((out / RUNS_DIR / name / MANIFEST).is_file() for name in runs), runs


def test_sigkill_in_every_stage_leaves_the_previous_dataset_and_the_next_run_completes(corpus):
    raw, root, reference = corpus
    out = root / "out"
    shutil.copytree(root / "reference", out, symlinks=True)  # the previous dataset, as a first run left it
    published = check_published(out)
    tried = []
    for group in KILL_GROUPS:
        for point, switched in group:
            before = published.run_id
            crashed = run(point, raw, out, BATCH, NO_REUSE)
            assert crashed.killed and crashed.reached(), f"{point}: exit {crashed.returncode}\n{crashed.stderr[-2000:]}"
            published = check_published(out)
            assert (published.run_id != before) == switched, f"{point}: current run {published.run_id}, before {before}"
            assert_same_tables(published.tables, reference.tables)
            tried.append(point)
        completed = run("none", raw, out, BATCH, NO_REUSE)
        assert completed.returncode == 0, completed.stderr
        assert_clean_after_completed_run(out, reference)
        published = check_published(out)
    assert len(tried) >= 20


@pytest.mark.parametrize("failure, message, then_complete", [
    ("enospc:1", "No space left on device", True),
    ("erofs:2", "Read-only file system", False),
])
def test_a_failure_to_write_fails_clearly_and_keeps_the_previous_dataset(corpus, failure, message, then_complete, tmp_path):
    raw, root, reference = corpus
    out = tmp_path / "out"
    shutil.copytree(root / "reference", out, symlinks=True)

    failed = run(failure, raw, out, BATCH, NO_REUSE)
    assert failed.returncode == 1
    assert "run failed: OSError:" in failed.stderr and message in failed.stderr, failed.stderr[-2000:]
    assert "Traceback" not in failed.stderr
    assert check_published(out).run_id == reference.run_id

    if then_complete:
        after = run("none", raw, out, BATCH, NO_REUSE)
        assert after.returncode == 0, after.stderr
        assert_clean_after_completed_run(out, reference)
