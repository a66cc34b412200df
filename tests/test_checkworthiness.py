from __future__ import annotations

import math

import numpy as np
import pytest

from newsfacts.checkworthiness import (
    FEATURE_NAMES, MODEL_FORMAT, checkworthiness, hand_checkworthiness, load_model, model_from_dict,
    sentence_features,
)
from newsfacts.checkworthiness_scoring import (
    DataError, Debate, average_precision, evaluate_fixed, evaluate_held_out, random_average_precision, read_debate,
)
from tests.conftest import shared_path

# Made-up sentences, not from any corpus.
CONCRETE = "Unemployment fell from 10 percent in 2009 to 4.7 percent in 2016, the Labor Department reported."
GREETING = "Thank you all so much, and good evening."
RHETORIC = "Isn't that something?"
VAGUE = "I think we can do a lot better, believe me."


def debate(name: str, sentences: list[str], labels: list[int]) -> Debate:
    return Debate(name, tuple(range(1, len(labels) + 1)), ("X",) * len(labels), tuple(sentences), tuple(labels))


# --- the CLEF-2019 measure ---

def test_average_precision_of_a_ranking_worked_by_hand():
    # Ranked by score: positions 1 (0.9, no), 4 (0.7, no), 2 (0.5, yes), 0 (0.2, yes), 3 (0.1, no).
    # The positives sit at ranks 3 and 4: precisions 1/3 and 2/4, so AP = (1/3 + 1/2) / 2 = 5/12.
    assert average_precision([1, 0, 1, 0, 0], [0.2, 0.9, 0.5, 0.1, 0.7]) == pytest.approx(5 / 12)


def test_ties_keep_the_file_order_and_no_positive_scores_zero():
    assert average_precision([0, 1], [0.5, 0.5]) == pytest.approx(1 / 2)  # the positive comes second
    assert average_precision([1, 0], [0.5, 0.5]) == pytest.approx(1.0)
    assert average_precision([0, 0, 0], [0.3, 0.2, 0.1]) == 0.0
    with pytest.raises(ValueError, match="3 labels but 2 scores"):
        average_precision([1, 0, 0], [0.1, 0.2])


def test_map_is_the_mean_of_each_debates_average_precision():
    # Scored by length. Debate a: its positive ranks 2nd of 3 -> AP 1/2.
    # Debate b: ranked zzzz (yes), zzz, zz, z (yes): positives at ranks 1 and 4 -> (1/1 + 2/4) / 2 = 3/4.
    by_length = lambda sentences: [float(len(s)) for s in sentences]  # noqa: E731
    debates = [debate("a", ["xxx", "xx", "x"], [0, 1, 0]), debate("b", ["zzzz", "zz", "zzz", "z"], [1, 0, 0, 1])]
    result = evaluate_fixed(debates, {"length": by_length}, random_trials=10)
    assert [d.ap["length"] for d in result.debates] == pytest.approx([1 / 2, 3 / 4])
    assert result.mean("length") == pytest.approx((1 / 2 + 3 / 4) / 2)


def test_random_baseline_matches_its_expectation():
    # One positive among four, uniformly placed: E[AP] = (1 + 1/2 + 1/3 + 1/4) / 4.
    assert random_average_precision([0, 1, 0, 0], trials=4000, seed=1) == pytest.approx(25 / 48, abs=0.02)


def test_held_out_scorers_never_see_the_debate_they_score():
    debates = [debate(n, ["a b", "c d"], [1, 0]) for n in "pqr"]
    seen = []

    def fit(training):
        seen.append({d.name for d in training})
        return lambda sentences: [1.0, 0.0]

    result = evaluate_held_out(debates, {"fixed": fit}, random_trials=5)
    assert seen == [{"q", "r"}, {"p", "r"}, {"p", "q"}]
    assert result.mean("fixed") == 1.0


def test_a_malformed_debate_file_is_a_clear_error(tmp_path):
    path = tmp_path / "bad.tsv"
    path.write_text("1\tA\tFine sentence.\t0\n2\tB\tNo label here\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"bad.tsv:2: expected"):
        read_debate(path)


# --- the shipped model ---

def test_shipped_model_scores_in_unit_interval_and_is_deterministic():
    sentences = [CONCRETE, GREETING, RHETORIC, VAGUE, "", "   ", "42", "¿Qué pasa? 😀"]
    scores = checkworthiness(sentences)
    assert len(scores) == len(sentences)
    assert all(0.0 <= s <= 1.0 and math.isfinite(s) for s in scores)
    assert checkworthiness(sentences) == scores
    assert checkworthiness([VAGUE, CONCRETE]) == [scores[3], scores[0]]  # a score does not depend on its neighbours
    assert checkworthiness([]) == []


def test_a_concrete_numeric_claim_ranks_above_courtesy_rhetoric_and_vague_opinion():
    for score in (checkworthiness, hand_checkworthiness):
        concrete, *others = score([CONCRETE, GREETING, RHETORIC, VAGUE])
        assert concrete > max(others), score.__name__


def test_bad_input_is_a_clear_error():
    with pytest.raises(TypeError, match="a list of sentences, not one string"):
        checkworthiness(CONCRETE)
    with pytest.raises(TypeError, match="sentence 1 is NoneType"):
        checkworthiness([CONCRETE, None])


def test_a_model_of_another_format_or_feature_set_is_refused():
    with pytest.raises(ValueError, match="format"):
        model_from_dict({"format": "something-else"})
    bad = {"format": MODEL_FORMAT, "features": {"names": ["numbers"]}, "blocks": []}
    with pytest.raises(ValueError, match="retrain"):
        model_from_dict(bad)
    assert load_model().about["sentences"] > 10_000  # the shipped one says what it learned from


def test_cues_count_figures_dates_actors_and_courtesy():
    cues = dict(zip(FEATURE_NAMES, sentence_features(CONCRETE)))
    assert cues["numbers"] == 3 and cues["percents"] == 2 and cues["years"] == 2  # 10, 2009, 4.7, 2016 capped at 3
    assert cues["named"] >= 2 and cues["comparatives"] >= 1 and cues["question"] == 0
    courtesy = dict(zip(FEATURE_NAMES, sentence_features(GREETING)))
    assert courtesy["greeting"] == 2 and courtesy["numbers"] == 0
    assert dict(zip(FEATURE_NAMES, sentence_features(RHETORIC)))["question"] == 1


@pytest.mark.filterwarnings("ignore:Maximum number of iteration")  # 20 sentences: SGD need not converge
def test_runtime_scoring_equals_scikit_learns_on_the_model_it_exported():
    pytest.importorskip("sklearn")
    from newsfacts.checkworthiness import Model
    from newsfacts.checkworthiness_training import Params, fit

    sentences = [CONCRETE, GREETING, RHETORIC, VAGUE, "Taxes rose 3% in 2019 because of the new law.",
                 "We spent $4 billion on roads since 2015.", "Good evening, everyone.", "What do you think?",
                 "The deficit doubled under Smith, from $400 billion to $800 billion.", "Well, thank you."]
    labels = [1, 0, 0, 0, 1, 1, 0, 0, 1, 0]
    data = [debate("train", sentences * 2, labels * 2)]
    # Every block the format supports: word and character n-grams and the standardised cues.
    exported, classifier, matrix = fit(data, Params(analysers=("word", "char"), features=True, min_df=1))
    model: Model = model_from_dict(exported)
    assert np.allclose(model.logits(sentences * 2), classifier.decision_function(matrix), atol=1e-4)


def test_held_out_map_on_the_clef_debates_beats_random_and_hand_set_weights():
    pytest.importorskip("sklearn")
    from newsfacts.checkworthiness_scoring import read_debates
    from newsfacts.checkworthiness_training import hand, learned

    debates = read_debates(shared_path("corpora", "clef2019_checkworthiness", "training"))
    # Three folds of debates keep this to seconds; `newsfacts score checkworthiness` holds out one at a time.
    result = evaluate_held_out(debates, {"learned": learned(), "hand": hand}, n_folds=3, random_trials=50)
    random_map = result.mean("random")  # about 0.065
    assert result.mean("hand") > 2 * random_map
    assert result.mean("learned") > max(3 * random_map, 0.18)
    assert result.mean("learned") > result.mean("hand")
