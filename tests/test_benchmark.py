"""The performance benchmark as a smoke check: it runs end to end on the seeds and writes every figure.

No timing is asserted (the machine is shared and the corpus tiny); the figures must be there and sane.
"""

from __future__ import annotations

import json

import pytest

from benchmarks.corpus import article_texts, change_one_article, corpus_files, make_corpus
from benchmarks.run import format_report, verdicts
from tests.conftest import RAW

RUN_FIELDS = {"command", "returncode", "wall_seconds", "cpu_seconds", "peak_rss_tree_mb", "peak_pss_tree_mb",
              "peak_rss_process_mb", "words_per_second"}


def test_copies_of_a_corpus_are_distinct_and_the_source_is_untouched(tmp_path):
    before = {p.name: p.read_bytes() for p in corpus_files(RAW)}
    files = make_corpus(RAW, tmp_path / "x3", copies=3)
    texts = article_texts(tmp_path / "x3")
    assert files == 3 * len(before) and len(texts) == files  # no copy duplicates another
    assert {p.name: p.read_bytes() for p in corpus_files(RAW)} == before
    changed = change_one_article(tmp_path / "x3")
    assert changed.read_bytes() != before[changed.name] and changed.read_bytes().startswith(before[changed.name].rstrip())


def test_verdicts_compare_each_figure_with_its_target():
    result = {"runs": {"floor": {"wall_seconds": 100}, "cold": {"wall_seconds": 90, "to_floor": 0.9, "peak_pss_tree_mb": 2000},
                       "no_change": {"wall_seconds": 20}},
              "scaling": [{"scale": 1, "memory_growth": 1.0}, {"scale": 4, "memory_growth": 1.2}]}
    found = verdicts(result)
    assert found["cold_to_floor"]["met"] and not found["peak_pss_tree_mb"]["met"]
    assert found["no_change_to_cold"] == {"measured": 0.222, "target": 0.10, "met": False}
    assert found["memory_growth_1x_to_4x"]["met"]
    assert "one_changed_to_cold" not in found and "seeds_warm_seconds" not in found  # parts not run


@pytest.mark.slow
def test_benchmark_on_the_seeds_writes_every_figure(tmp_path):
    from benchmarks.run import main

    out = tmp_path / "figures.json"
    main([str(RAW), "--engine", "local", "--scales", "1", "--skip", "seeds", "--json", str(out)])
    result = json.loads(out.read_text())
    assert result["corpus"]["files"] == 2 and result["corpus"]["words"] > 500
    assert set(result["runs"]) == {"floor", "cold", "no_change", "one_changed"}
    for name, run in result["runs"].items():
        assert RUN_FIELDS <= set(run), name
        assert run["returncode"] == 0, name
        assert run["wall_seconds"] > 0 and run["cpu_seconds"] > 0, name
        assert 50 < run["peak_pss_tree_mb"] <= run["peak_rss_tree_mb"] + 1, name
    assert result["runs"]["floor"]["documents"] == 2
    for name in ("cold", "no_change", "one_changed"):
        run = result["runs"][name]
        assert run["to_floor"] > 0
        # Nothing changed: the published tables are reused (tests/test_reuse.py), no stage computes them.
        computed = {"ingest", "extract", "link_entities", "validate_and_write:documents"}
        assert computed.isdisjoint(run["stage_seconds"]) if name == "no_change" else computed <= set(run["stage_seconds"])
        assert ("reuse" in run["stage_seconds"]) == (name == "no_change")
        assert run["rows"]["documents"] == 2 and run["files_by_fate"] == {"processed": 2}
        assert 0 < run["stages_total_seconds"] < run["wall_seconds"]
    assert result["scaling"][0]["scale"] == 1 and result["scaling"][0]["memory_growth"] == 1.0
    assert {"cold_to_floor", "no_change_to_cold", "one_changed_to_cold", "peak_pss_tree_mb"} <= set(result["verdicts"])
    assert "x floor" in format_report(result)
