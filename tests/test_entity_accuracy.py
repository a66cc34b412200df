"""The entity scorer on the annotated set: a regression guard on the figures reported in the issue notes."""

import json

import pytest

from newsfacts.scoring import article_path, score_entities
from tests.conftest import ROOT, SHARED

pytestmark = pytest.mark.slow
GOLD = ROOT / "tests" / "data" / "entities_gold.json"


def _gold_with_available_articles(tmp_path):
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    available = [a for a in gold["articles"] if article_path(a["source"], ROOT, SHARED).exists()]
    path = tmp_path / "gold.json"
    path.write_text(json.dumps({**gold, "articles": available}), encoding="utf-8")
    return path, len(available) < len(gold["articles"])


def test_annotations_point_at_real_mentions(tmp_path):
    path, _ = _gold_with_available_articles(tmp_path)
    score = score_entities(path, ROOT, SHARED)
    assert score.resolutions["annotation_not_found"] == 0


def test_seeds_score_perfectly_and_no_two_people_merge(tmp_path):
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    seeds = [a for a in gold["articles"] if a["source"].startswith("raw/")]
    path = tmp_path / "seeds.json"
    path.write_text(json.dumps({"articles": seeds}), encoding="utf-8")
    score = score_entities(path, ROOT, SHARED)
    assert score.overall.f1 == 1.0, score.errors
    assert score.resolutions["wrong"] == 0 and score.resolutions["unresolved"] == 0
    assert score.merges == []


def test_annotated_polnear_articles_stay_above_the_reported_floor(tmp_path):
    path, missing = _gold_with_available_articles(tmp_path)
    if missing:
        pytest.skip("../shared/corpora/polnear is not present")
    score = score_entities(path, ROOT, SHARED)
    assert score.overall.f1 >= 0.93, score.errors
    assert score.by_group["PERSON"].recall >= 0.95
    assert score.resolutions["wrong"] <= 1 and score.merges == []
