"""Claims: the seeds through the whole pipeline, the rules on made-up sentences, dates, and the scorer."""

import datetime as dt
import json

import polars as pl
import pytest

from newsfacts import pipeline
from newsfacts.claim_scoring import article_set, containment, same_claimant, score_claims
from newsfacts.claims import assertions, is_checkable, resolve_date
from newsfacts.nlp import load_model
from newsfacts.settings import DEFAULT_MODEL, Settings
from tests.conftest import RAW, ROOT, SHARED

GOLD = ROOT / "tests" / "data" / "claims_gold.json"


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    out = tmp_path_factory.mktemp("claims") / "out"
    pipeline.curate(Settings(raw_dir=RAW, out_dir=out, workers=1))
    documents = pl.read_parquet(out / "documents.parquet").select("doc_id", "source_path")
    tables = {name: pl.read_parquet(out / f"{name}.parquet") for name in ("claims", "quotes", "entities", "documents")}
    tables["claims"] = tables["claims"].join(documents, on="doc_id")
    return tables


def _claim(claims: pl.DataFrame, containing: str) -> dict:
    rows = claims.filter(pl.col("text").str.contains(containing, literal=True)).sort(pl.col("text").str.len_chars())
    assert rows.height >= 1, f"no claim contains {containing!r}"
    return rows.row(0, named=True)


@pytest.mark.slow
@pytest.mark.parametrize("containing, claimant, cue", [
    ("The meeting was the first US-Russia summit since June 2021", None, None),
    ("President Trump hand-delivered the \"peace letter\" to the Russian leader", "Fox News Digital", "According to"),
    ("Russia demands that Ukraine surrender four regions it only partly controls", "Russia", "demands"),
    ("the International Criminal Court said it had issued an arrest warrant for Putin", "International Criminal Court", "said"),
    ("The Associated Press documented the grabbing of Ukrainian children", "Associated Press", "documented"),
    ("The first lady said that Putin could help these children", "Melania Trump", "said"),
])
def test_seed_claims_with_their_claimants(seeds, containing, claimant, cue):
    claim = _claim(seeds["claims"], containing)
    assert claim["claimant"] == claimant
    assert claim["cue"] == cue
    if claimant is not None:
        entity = seeds["entities"].filter(pl.col("entity_id") == claim["claimant_entity_id"])
        assert entity["name"].to_list() == [claimant]


@pytest.mark.slow
def test_a_separable_clause_is_its_own_row(seeds):
    """'Ukraine, which Putin's forces invaded in 2022' inside a sentence about the letter is a claim of its own."""
    clause = _claim(seeds["claims"], "which Putin’s forces invaded in 2022")
    assert clause["text"] == "Ukraine, which Putin’s forces invaded in 2022"
    assert [d["value"] for d in clause["dates"]] == ["2022"]
    assert clause["claimant"] is None  # the writer's aside, not the letter's


@pytest.mark.slow
def test_the_letters_rhetoric_and_the_headings_are_not_claims(seeds):
    texts = seeds["claims"]["text"].to_list()
    for rhetoric in ("Every child shares the same quiet dreams", "you can singlehandedly restore their melodic laughter",
                     "Dear President Putin", "it is our duty to nurture", "Trump urges ceasefire", "There were many, many points"):
        assert not any(rhetoric in text for text in texts), rhetoric


@pytest.mark.slow
def test_dates_resolve_against_the_publication_date(seeds):
    claim = _claim(seeds["claims"], "on Friday, August 15")
    assert {"text": "Friday, August 15", "value": "2025-08-15", "granularity": "day"}.items() <= claim["dates"][0].items()
    travel = _claim(seeds["claims"], "will travel to Washington D.C.")
    assert [d["value"] for d in travel["dates"]] == ["2025-08-18"]  # "will ... on Monday": the Monday after 2025-08-17
    # seed 004 has no publication date: "their Friday meeting" stays unresolved rather than guessed
    friday = _claim(seeds["claims"], "during their Friday meeting in Alaska")
    assert [d["value"] for d in friday["dates"]] == [None]


@pytest.mark.slow
def test_negation_hedges_quotes_and_entities(seeds):
    claims = seeds["claims"]
    assert _claim(claims, "The letter did not specifically name Ukraine")["negated"] is True
    assert _claim(claims, "Putin read the letter")["negated"] is False
    assert _claim(claims, "The first lady said that Putin could help")["hedged"] == "could"
    in_quote = _claim(claims, "Russia demands that")
    quote = seeds["quotes"].filter(pl.col("quote_id") == in_quote["quote_id"]).row(0, named=True)
    assert quote["speaker"] == "Russia" and quote["kind"] == "indirect"
    names = dict(zip(seeds["entities"]["entity_id"], seeds["entities"]["name"]))
    about = [names[e] for e in _claim(claims, "Russia demands that")["entity_ids"]]
    assert {"Russia", "Ukraine", "Crimean Peninsula"} <= set(about)
    four = _claim(claims, "four regions")["quantities"]
    assert [(q["text"], q["value"]) for q in four] == [("four", 4.0)]
    assert claims["checkworthiness"].is_between(0, 1).all()


@pytest.mark.slow
def test_claim_rows_are_valid_spans_of_the_documents(seeds):
    text = dict(zip(seeds["documents"]["doc_id"], seeds["documents"]["text"]))
    for row in seeds["claims"].iter_rows(named=True):
        assert text[row["doc_id"]][row["start"]:row["end"]] == row["text"]
        for item in row["dates"] + row["quantities"]:
            assert text[row["doc_id"]][item["start"]:item["end"]] == item["text"]
    assert seeds["claims"]["quote_id"].drop_nulls().is_in(seeds["quotes"]["quote_id"].implode()).all()


# --- the rules, on sentences made up for the test ----------------------------------------------------


@pytest.fixture(scope="module")
def nlp():
    return load_model(DEFAULT_MODEL)


def _checkable(nlp, sentence: str) -> list[str]:
    doc = nlp(sentence)
    return [clause.text for s in doc.sents for clause, _ in assertions(s) if is_checkable(clause)]


@pytest.mark.parametrize("sentence", [
    "Did the council spend $4 million on the bridge in 2019?",
    "Stop the war in Gaza now.",
    "You, Mr. Jones, can change the lives of 300 families.",
    "We must protect the children of Springfield.",
    "If the mayor had resigned in March, we would be in a different place.",
    "Residents are worried that the Springfield plant will close.",
    "Every child deserves a safe home.",
])
def test_questions_orders_rhetoric_feelings_and_vague_statements_are_not_claims(nlp, sentence):
    assert _checkable(nlp, sentence) == []


@pytest.mark.parametrize("sentence", [
    "The Springfield council spent $4 million on the bridge in 2019.",
    "Unemployment fell to 4.1% in March, the lowest rate since 2001.",
    "Acme Corp did not report a profit last year.",
])
def test_concrete_statements_are_claims(nlp, sentence):
    assert _checkable(nlp, sentence) == [sentence]


def test_independent_clauses_are_split_and_relative_clauses_added(nlp):
    found = _checkable(nlp, "The plant closed in 2010, and 400 workers lost their jobs at Acme Corp.")
    assert found == ["The plant closed in 2010", "400 workers lost their jobs at Acme Corp."]
    found = _checkable(nlp, "The bridge crosses the Elbe, which flooded the town in 2002.")
    assert "the Elbe, which flooded the town in 2002" in found


@pytest.mark.parametrize("phrase, published, future, expected", [
    ("Friday, August 15", dt.date(2025, 8, 17), False, ("2025-08-15", "day")),
    ("June 2021", dt.date(2025, 8, 17), False, ("2021-06", "month")),
    ("2022", dt.date(2025, 8, 17), False, ("2022", "year")),
    ("Monday", dt.date(2025, 8, 17), True, ("2025-08-18", "day")),
    ("Monday", dt.date(2025, 8, 17), False, ("2025-08-11", "day")),
    ("Friday", None, False, (None, None)),  # no publication date: a weekday is not guessed
    ("May 5, 2005", None, False, ("2005-05-05", "day")),
    ("recent months", dt.date(2025, 8, 17), False, (None, None)),
    ("the 1990s", dt.date(2025, 8, 17), False, (None, None)),
])
def test_resolve_date(phrase, published, future, expected):
    assert resolve_date(phrase, published, prefer_future=future) == expected


# --- the scorer --------------------------------------------------------------------------------------


def test_containment_and_claimant_names():
    assert containment(frozenset({1, 2, 3, 4}), frozenset({2, 3, 4, 5, 6})) == 0.75
    assert containment(frozenset(), frozenset({1})) == 0.0
    assert same_claimant("Kremlin", "the Kremlin") and same_claimant(None, None)
    assert not same_claimant("Russia", None) and not same_claimant("Donald Trump", "Melania Trump")


def test_articles_are_scored_by_held_out_round():
    assert article_set({"note": "held out: annotated for issue 5 round 4 before the rules changed"}) == "held out round 4"
    assert article_set({"note": "held out: round 12"}) == "held out round 12"
    assert article_set({}) == "developed on" and article_set({"note": "a survey report"}) == "developed on"


@pytest.mark.slow
def test_claim_benchmark_on_the_seeds(tmp_path):
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    gold["articles"] = [a for a in gold["articles"] if a["source"].startswith("raw/")]
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    score = score_claims(path, ROOT, SHARED)
    assert score.gold >= 25
    assert score.recall >= 0.9 and score.precision >= 0.85 and score.claimant_accuracy >= 0.85, score.to_json()


@pytest.mark.slow
def test_claim_benchmark_on_every_annotated_article():
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    if any(not a["source"].startswith("raw/") for a in gold["articles"]) and not (SHARED / "corpora" / "bbc").exists():
        pytest.skip(f"{SHARED}/corpora is not present (../shared is only on development machines)")
    score = score_claims(GOLD, ROOT, SHARED)
    assert sum(part.gold for part in score.by_set.values()) == score.gold and "developed on" in score.by_set
    # floors just below the whole gold's figures after claims round 6 (0.932 / 0.921 / 0.929; round 8 alone, blind when
    # first seen at 0.756 / 1.000 / 0.695, is now 0.910 / 1.000 / 0.887); the targets are 0.9 / 0.85 / 0.9
    assert score.recall >= 0.925 and score.precision >= 0.915 and score.claimant_accuracy >= 0.925, score.to_json()


# --- rules added for issue 5 (round 2), each on made-up sentences ------------------------------------


@pytest.mark.parametrize("sentence", [
    "The report said the mayor has suffered heavy losses.",
    "According to the inquiry, the fire was caused by a faulty switch.",
    "It has had many loud opponents.",
])
def test_a_specific_past_event_is_checkable_without_a_name(nlp, sentence):
    assert _checkable(nlp, sentence) == [sentence]


@pytest.mark.parametrize("sentence", [
    "Every child shares the same quiet dreams.",  # a generic present
    "It was a great night for everyone.",  # a description by a copula
    "They played some fantastic football.",  # praise
    "There were many, many points.",
    '"The reality is that it cannot deliver," he said.',  # the frame is a past event; what it reports is not
    "It was not a random choice.",  # a copula describes
    "It is generally agreed that the bridge has grown weaker.",  # 'it' stands for the clause
    "As all of you know, he helped me more than I helped him.",  # words to the listeners
    "She said she hoped the council would do more for the town.",  # a wish (the lemmatizer reads 'hoped' as 'hop')
])
def test_generic_evaluative_or_framed_statements_without_a_name_are_not_claims(nlp, sentence):
    assert _checkable(nlp, sentence) == []


def _pieces(nlp, sentence: str) -> list[str]:
    return [clause.text for s in nlp(sentence).sents for clause, _ in assertions(s)]


def test_a_report_or_a_contrast_with_another_source_is_its_own_assertion(nlp):
    assert _pieces(nlp, "Acme Corp is seeking $2 million after it said the builder had used faulty steel.") == [
        "Acme Corp is seeking $2 million", "it said the builder had used faulty steel"]
    assert _pieces(nlp, "While Acme does not seek damages, the lawsuit noted that the builder used faulty steel.") == [
        "the lawsuit noted that the builder used faulty steel.", "Acme does not seek damages"]
    # a contrast in one voice, and a circumstance, stay whole
    for whole in ("The town won the vote in 2010, while the city lost it by 300 votes.",
                  "The new rule met delays when Norway voted against it twice in one year."):
        assert _pieces(nlp, whole) == [whole]


def _claims_of(nlp, text: str, quotes=()) -> list:
    from newsfacts.claims import extract_claims
    return extract_claims(nlp(text), [(0, len(text), False)], None, [], list(quotes))


def test_footage_shows_and_does_not_claim(nlp):
    footage = _claims_of(nlp, "The latest footage showed Mr Smith leaving the bank in 2019.")
    assert [c.claimant_text for c in footage] == [None]
    gazette = _claims_of(nlp, "The Springfield Gazette documented the closure of the mill in 2019.")
    assert [c.claimant_text for c in gazette] == ["The Springfield Gazette"]


def test_a_partial_quote_leaves_the_writers_words_to_anchor_the_claim(nlp):
    from newsfacts.quotes import Quote
    text = 'The report said Acme had "failed every single safety inspection carried out by the city inspectors".'
    words = "failed every single safety inspection carried out by the city inspectors"
    start = text.index(words)
    partial = Quote(start, start + len(words), words, "partial", None, "The report", 0, 10, "said", 11, 15, 0, 0.9)
    assert [c.text for c in _claims_of(nlp, text, [partial])] == [text]


# claim_rows on hand-made rows: the claimant when the quotes stage left a pronoun or no speaker


def _candidate(text: str, start: int, paragraph: int = 0, **fields):
    from newsfacts.claims import ClaimCandidate
    return ClaimCandidate(start, start + len(text), text, paragraph, **fields)


def _quote(start, end, kind, speaker=None, entity=None, speaker_text=None, cue=None, cue_start=None, paragraph=0):
    return {"quote_id": f"q{start}", "doc_id": "d", "start": start, "end": end, "kind": kind, "speaker": speaker,
            "speaker_entity_id": entity, "speaker_text": speaker_text, "cue": cue, "cue_start": cue_start,
            "paragraph": paragraph, "text": ""}


PERSON = {"doc_id": "d", "start": 0, "end": 9, "text": "Ann Smith", "type": "PERSON", "entity_id": "e_ann"}


def _claimants(claims, quotes, mentions=(PERSON,)):
    from newsfacts.claims import claim_rows
    rows = claim_rows({"d": claims}, list(mentions), quotes, {"e_ann": "Ann Smith"})
    return [r["claimant"] for r in rows]


def test_a_quotation_going_on_after_its_attribution_keeps_its_speaker():
    # 'Ann Smith said: "The mill closed in 2019. "But the town has 300 new jobs.' with no quote row for the second
    said = _quote(16, 40, "direct", "Ann Smith", "e_ann", "Ann Smith", "said", 10)
    claims = [_candidate('"The mill closed in 2019.', 15, cue=None), _candidate('"But the town has 300 new jobs.', 41)]
    claims[0].start, claims[0].end = 16, 40
    assert _claimants(claims, [said]) == ["Ann Smith", "Ann Smith"]


def test_a_pronoun_source_takes_the_previous_sentences_source_it_can_refer_to():
    lawsuit = _candidate("The lawsuit noted that the studio paid $2m.", 20, claimant_text="The lawsuit", claimant_start=20,
                         claimant_end=31, cue="noted", cue_start=32)
    it_stated = _candidate("It stated the studio had paid $3m since 2001.", 65)
    quote = _quote(75, 110, "indirect", speaker_text="It", cue="stated", cue_start=68)
    # 'Ann Smith ...' before them is a person: 'it' skips her; 'he' would not
    assert _claimants([lawsuit, it_stated], [quote]) == ["The lawsuit", "The lawsuit"]


def test_a_pronoun_source_does_not_reach_past_a_sentence_in_the_articles_own_voice():
    lawsuit = _candidate("The lawsuit noted that the studio paid $2m.", 20, claimant_text="The lawsuit", claimant_start=20,
                         claimant_end=31, cue="noted", cue_start=32)
    own = _candidate("The studio attributed the fall to higher costs in 2004.", 65)
    it_said = _candidate("It said annual costs rose by 4% in 2004.", 121)
    quote = _quote(129, 160, "indirect", speaker_text="It", cue="said", cue_start=124)
    assert _claimants([lawsuit, own, it_said], [quote]) == ["The lawsuit", None, None]


def test_reported_speech_after_an_infinitive_does_not_name_a_claimant():
    text = "Nor did the mayor discuss it other than to say that the budget was balanced for the first time since 2004"
    say = text.index("say")
    quote = _quote(say + 4, len(text), "indirect", speaker_text="the mayor", cue="say", cue_start=say)
    assert _claimants([_candidate(text, 0)], [quote]) == [None]
    text = "The mayor spoke, saying that the budget was balanced for the first time since 2004"
    saying = text.index("saying")
    quote = _quote(saying + 7, len(text), "indirect", speaker_text="The mayor", cue="saying", cue_start=saying)
    assert _claimants([_candidate(text, 0)], [quote]) == ["The mayor"]


def test_a_proper_noun_subject_is_a_name_even_where_ner_misses_it(nlp):
    sentence = "Harwick is a key producer of equipment that treats heart problems."
    assert nlp(sentence)[0].ent_type_ == ""  # the premise: the model does not tag it
    assert _checkable(nlp, sentence) == [sentence]


def test_thanks_and_welcomes_are_acts_when_reported_and_wishes_when_spoken(nlp):
    assert _checkable(nlp, "Opponents of the plan welcomed the decision by Springfield council.") != []
    assert _checkable(nlp, "We welcome you to Springfield.") == []
    assert _checkable(nlp, "We thank the people of Springfield.") == []


def test_a_report_coordinated_with_an_act_is_its_own_assertion(nlp):
    """The act is the article's to tell, what the subject said is the subject's: two claimants, two rows."""
    found = _claims_of(nlp, "The mayor was advised to avoid any conflict of interest and said he had done nothing wrong in 2004.")
    assert [c.text for c in found] == ["The mayor was advised to avoid any conflict of interest",
                                       "said he had done nothing wrong in 2004."]
    assert found[0].cue is None  # the 'said' outside the act's words is not its attribution


def test_an_event_with_nothing_said_of_it_is_not_a_claim(nlp):
    assert _checkable(nlp, "Word of the merger arrived.") == []


def test_a_possessor_in_the_claimants_words_is_not_the_claimant():
    text = "The city's largest bank said prices rose by 15% in 2004."
    claim = _candidate(text, 0, claimant_text="The city's largest bank", claimant_start=0, claimant_end=23,
                       claimant_head=text.index("bank"), cue="said", cue_start=24)
    city = {"doc_id": "d", "start": 4, "end": 8, "text": "city", "type": "GPE", "entity_id": "e_city"}
    assert _claimants([claim], [], [city]) == ["The city's largest bank"]
    text = "Research by Acme shows that prices rose by 15% in 2004."
    claim = _candidate(text, 0, claimant_text="Research by Acme", claimant_start=0, claimant_end=16,
                       claimant_head=0, cue="shows", cue_start=17)
    acme = {"doc_id": "d", "start": 12, "end": 16, "text": "Acme", "type": "ORG", "entity_id": "e_ann"}
    assert _claimants([claim], [], [acme]) == ["Ann Smith"]  # the entity the words name (stand-in name)


def test_the_subject_of_a_passive_speech_verb_is_not_its_source(nlp):
    found = _claims_of(nlp, "Clothing sales at Acme were said to be better than in December.")
    assert [(c.claimant_text, c.cue) for c in found] == [(None, None)]


# --- rules added for issue 5 (round 3), each on made-up sentences ------------------------------------


def test_a_closing_saying_clause_is_the_subjects_assertion_cut_from_the_act(nlp):
    found = _claims_of(nlp, "Ann Smith attacked the council on Monday, saying it had wasted $3 million on the bridge.")
    assert [(c.text, c.claimant_text, c.cue) for c in found] == [
        ("Ann Smith attacked the council on Monday", None, None),
        ("saying it had wasted $3 million on the bridge.", "Ann Smith", "saying")]
    # after a report it goes on with the same speaker's words: one report
    whole = "Bob Jones told the court in May, saying his firm had paid the fine."
    assert _pieces(nlp, whole) == [whole]


def test_an_act_after_but_is_not_part_of_what_the_speaker_says(nlp):
    found = _claims_of(nlp, "Acme says it will move its head office to Leeds, but has not ruled out a second site in York.")
    assert [(c.text, c.claimant_text) for c in found] == [
        ("Acme says it will move its head office to Leeds", "Acme"),
        ("but has not ruled out a second site in York.", None)]
    # a second speech verb, or 'and', keeps the report whole
    for whole in ("Ann Smith said the bridge had cost $3 million, but added that it was worth it.",
                  "Bob Jones said the plan was sound and would save $2 million."):
        assert _pieces(nlp, whole) == [whole]


def test_names_coordinated_as_the_subject_are_the_claimant_together():
    text = "Acme, Globex and Initech said they were leaving the trade group in May."
    claim = _candidate(text, 0, claimant_text="Acme, Globex and Initech", claimant_start=0, claimant_end=24,
                       claimant_head=0, cue="said", cue_start=25)
    names = [{"doc_id": "d", "start": text.index(n), "end": text.index(n) + len(n), "text": n, "type": "ORG",
              "entity_id": "e_" + n} for n in ("Acme", "Globex", "Initech")]
    said = _quote(30, 70, "indirect", speaker="Acme", entity="e_Acme", speaker_text="Acme", cue="said", cue_start=25)
    assert _claimants([claim], [said], names) == ["Acme, Globex and Initech"]
    # one name and its own allies: the name
    text = "Ukraine and its allies said the talks failed in May."
    claim = _candidate(text, 0, claimant_text="Ukraine and its allies", claimant_start=0, claimant_end=22,
                       claimant_head=0, cue="said", cue_start=23)
    mentions = [{"doc_id": "d", "start": 0, "end": 7, "text": "Ukraine", "type": "GPE", "entity_id": "e_ann"},
                {"doc_id": "d", "start": 12, "end": 15, "text": "its", "type": "GPE", "entity_id": "e_ann"}]
    assert _claimants([claim], [], mentions) == ["Ann Smith"]  # the entity's stand-in name


@pytest.mark.parametrize("sentence, claim", [
    ("A hearing date has not been set.", True),
    ("Little recent research has been carried out.", True),
    ("A new bridge was opened in the town.", True),
    ("Some children are forced to work in the fields.", False),  # a present passive: a generality
    ("Fans wanted more goals.", False),  # what an indefinite subject did
    ("Intense lobbying has started to gain momentum.", False),
    ("The decision was overturned.", True),  # a passive says what was done, with nothing else said
    ("This story was updated.", False),  # an editor's note about the text itself
])
def test_something_done_to_an_indefinite_subject_is_checkable(nlp, sentence, claim):
    assert (_checkable(nlp, sentence) == [sentence]) is claim


def test_reported_speech_in_a_relative_clause_does_not_name_the_claimant():
    text = "The bridge has had loud critics who say it could cost $4 million."
    quote = _quote(text.index("it could"), len(text) - 1, "indirect", speaker_text="loud critics", cue="say",
                   cue_start=text.index("say"))
    assert _claimants([_candidate(text, 0)], [quote]) == [None]
    text = "A funding gap of $2 million remains, the WHO said."  # an acronym, not a relative pronoun
    quote = _quote(0, text.index(", the"), "indirect", speaker_text="the WHO", cue="said", cue_start=text.index("said"))
    assert _claimants([_candidate(text, 0)], [quote]) == ["the WHO"]


def test_pointed_out_reports_what_follows(nlp):
    found = _claims_of(nlp, "The analysts pointed out that more mergers were likely in 2005.")
    assert [(c.claimant_text, c.cue) for c in found] == [("The analysts", "pointed")]


def test_a_commitment_or_request_in_the_claim_does_not_name_a_claimant():
    """'pledged to pay', 'urged them to ...': the writer reports the act; nothing is asserted as fact by them."""
    text = "The town has pledged to pay 10% of the bill by 2006."
    quote = _quote(text.index("to pay"), len(text) - 1, "indirect", speaker_text="The town", cue="pledged",
                   cue_start=text.index("pledged"))
    quote["text"] = text[quote["start"] : quote["end"]]
    assert _claimants([_candidate(text, 0)], [quote]) == [None]


def test_a_speaker_the_parser_hung_on_a_fronted_phrase_is_still_the_source(nlp):
    found = _claims_of(nlp, "On top of the deal with Acme Mr Jones said the town would make similar offers to 70 firms.")
    assert [c.cue for c in found] == ["said"] and found[0].claimant_text.endswith("Mr Jones")


def test_the_subjects_fuller_words_stand_when_no_entity_is_named():
    text = "A spokeswoman for the shopping centre said it had 20,000 visitors on Monday."
    words = "A spokeswoman for the shopping centre"
    claim = _candidate(text, 0, claimant_text=words, claimant_start=0, claimant_end=len(words),
                       claimant_head=2, cue="said", cue_start=text.index("said"))
    said = _quote(text.index("it had"), len(text) - 1, "indirect", speaker_text="A spokeswoman", cue="said",
                  cue_start=text.index("said"))
    assert _claimants([claim], [said], []) == [words]


def test_an_acronym_subject_is_a_name_even_where_ner_misses_it(nlp):
    sentence = "There is also evidence that the IAAF broke the rules."
    assert nlp(sentence)[6].ent_type_ == ""  # the premise: the model does not tag it
    assert _checkable(nlp, sentence) == [sentence]


# --- issue 5 round 4: judgments are not claims ------------------------------------------------------


def test_the_subjectivity_lexicon_tells_judging_words_from_describing_ones():
    from newsfacts.subjectivity import judges, word_scores

    assert all(judges(word, "JJ") for word in ("brilliant", "poor", "nice", "lively", "great"))
    assert not any(judges(word, "JJ") for word in ("British", "key", "final", "annual", "latest", "own"))
    # scored for the word's part of speech: 'base' the adjective judges, 'the base station' does not
    assert judges("base", "JJ") and word_scores("base", "NN") is None and not judges("base", "NN")
    assert word_scores("firm") is not None and word_scores("firm", "NN") is None  # no tag: any part of speech
    assert word_scores("Springfield") is None


@pytest.mark.parametrize("sentence", [
    "Tom Smith has been brilliant this season.",
    "Tom Smith was superb in the 2004 final.",  # a date is when, not what to check
    "It was a poor decision by the Acme board.",
    "Ann Jones made some great kicks against Wales on Saturday.",
    "Bob Brown looked very lively against Italy.",
    "Carl Green was another player who impressed me.",
    "The mayor of Springfield said it was irrelevant whether the bridge was rebuilt.",
])
def test_a_clause_that_only_judges_is_not_a_claim(nlp, sentence):
    assert _checkable(nlp, sentence) == []


@pytest.mark.parametrize("sentence", [
    "Tom Smith scored 12 goals in a brilliant season for Acme FC.",  # a figure to check
    "Ann Jones joined Acme FC in May and made some great kicks.",  # an act besides the judged one
    "The Springfield council would have great difficulty passing the budget.",  # a prediction, checked later
    "Acme is the latest studio to back the Blu-ray format.",  # 'latest' orders, it does not judge
    "Acme produced some great results, a profit of $40m.",
])
def test_a_judging_word_beside_something_checkable_keeps_the_claim(nlp, sentence):
    assert _checkable(nlp, sentence) == [sentence]


# --- issue 5 round 4: a poll's findings are its author's, not the respondents' ----------------------


def test_a_polls_finding_is_asserted_by_whoever_ran_the_poll(nlp):
    text = ("A survey by Gallup found that 40% of adults in Springfield use the bus. "
            "Almost 30% of those questioned said they had never flown. "
            "The remaining 70% said they flew at least once in 2004. "
            "Of those asked, 62% were unaware of the new fares. "
            "Two officials said the Springfield airport would close in 2006.")
    claims = {c.text.split()[0]: c for c in _claims_of(nlp, text)}
    assert [(claims[w].voice, claims[w].claimant_text) for w in ("Almost", "The", "Of")] == [("survey", "Gallup")] * 3
    assert claims["Almost"].cue is None  # the respondents' 'said' attributes nothing to the pollster
    assert (claims["A"].claimant_text, claims["Two"].claimant_text) == ("Gallup", "Two officials")  # the survey's author


def test_a_polls_finding_with_no_named_pollster_is_the_articles(nlp):
    found = _claims_of(nlp, "More than half of those polled said they had used the Springfield bus in 2004.")
    assert [(c.voice, c.claimant_text) for c in found] == [("survey", None)]


def test_a_study_that_speaks_is_its_authors_where_the_article_names_one(nlp):
    text = ("Bus use in Springfield rose by 4% in 2004, a report suggests. "
            "The figures come from the annual Gallup report on transport. "
            "The report said fares fell by 2% in 2004.")
    assert [c.claimant_text for c in _claims_of(nlp, text)] == ["Gallup", None, "Gallup"]


def test_a_survey_finding_takes_no_claimant_from_the_respondents_quote():
    text = "Almost 30% of those questioned said they had never flown to Springfield."
    said = text.index("said")
    quote = _quote(said + 5, len(text) - 1, "indirect", speaker_text="Almost 30% of those questioned", cue="said", cue_start=said)
    assert _claimants([_candidate(text, 0, voice="survey")], [quote]) == [None]
    pollster = {"doc_id": "d", "start": 100, "end": 109, "text": "Ann Smith", "type": "PERSON", "entity_id": "e_ann"}
    claim = _candidate(text, 0, voice="survey", claimant_text="Ann Smith", claimant_start=100, claimant_end=109,
                       claimant_head=100)
    assert _claimants([claim], [quote], [pollster]) == ["Ann Smith"]


# --- issue 5 round 4: other rules the held-out failures showed -------------------------------------


def test_as_well_as_is_no_praise(nlp):
    sentence = "As well as providing links, the site allowed its visitors to submit links."
    assert _checkable(nlp, sentence) == [sentence]
    assert _checkable(nlp, "The team played very well.") == []


def test_an_arranged_passive_is_a_specific_event(nlp):
    sentence = "The post of lord chancellor is to be stripped of its judicial functions."
    assert _checkable(nlp, sentence) == [sentence]
    assert _checkable(nlp, "The plan is to be honest with voters.") == []


def test_a_name_after_the_naming_word_is_where_or_whose_not_who():
    text = "Music industry bosses in Norway said the ruling would help sales in 2005."
    claim = _candidate(text, 0, claimant_text="Music industry bosses in Norway", claimant_start=0, claimant_end=31,
                       claimant_head=15, cue="said", cue_start=32)
    norway = {"doc_id": "d", "start": 25, "end": 31, "text": "Norway", "type": "GPE", "entity_id": "e_ann"}
    assert _claimants([claim], [], [norway]) == ["Music industry bosses in Norway"]
    text = "The report by Ann Smith said bus use rose by 4% in 2004."
    claim = _candidate(text, 0, claimant_text="The report by Ann Smith", claimant_start=0, claimant_end=23,
                       claimant_head=4, cue="said", cue_start=24)
    smith = {"doc_id": "d", "start": 14, "end": 23, "text": "Ann Smith", "type": "PERSON", "entity_id": "e_ann"}
    assert _claimants([claim], [], [smith]) == ["Ann Smith"]  # 'by' names the author


def test_an_infinitive_after_a_speech_verb_is_a_purpose_unless_the_verb_claims(nlp):
    wrote = _claims_of(nlp, "Ann Smith has written to the mayor of Springfield to offer to buy the stadium.")
    assert [c.claimant_text for c in wrote] == [None]
    claims = _claims_of(nlp, "Acme Oil claims to have found oil off the coast of Springfield.")
    assert [c.claimant_text for c in claims] == ["Acme Oil"]


def test_rejecting_a_request_is_an_act_and_rejecting_a_claim_disputes_it(nlp):
    plea = _claims_of(nlp, "The Springfield council rejected a plea by residents to keep the library open in 2005.")
    assert [c.claimant_text for c in plea] == [None]
    claims = _claims_of(nlp, "The Springfield council rejected claims that the library had lost $2m in 2004.")
    assert [c.claimant_text for c in claims] == ["The Springfield council"]


@pytest.mark.parametrize("sentence", [
    "Tom Smith could make the Wales team at fly-half.",
    "The good times are likely to keep rolling for Acme.",
    "Maybe even Ann Jones will join Acme FC.",
    "Bob Brown needs to add a hard edge to his game.",
    "The Springfield plant may close.",
    "Channel 4 may be sold.",  # a number in a name is no figure
])
def test_the_writers_own_guess_with_nothing_to_check_is_not_a_claim(nlp, sentence):
    assert _checkable(nlp, sentence) == []


@pytest.mark.parametrize("sentence", [
    "Tom Smith could face a jail sentence of up to 85 years.",  # a figure to check
    "Acme may sell 4 plants.",
    "Analysts at Acme Bank said the Springfield plant may close.",  # a source says so
    "Tom Smith could not attend the ceremony in Springfield.",  # unable: a fact
    "May said the Springfield plant had closed in 2004.",  # a name, not a modal
])
def test_a_guess_with_a_figure_or_a_source_and_a_name_that_looks_like_a_modal_stay_claims(nlp, sentence):
    assert _checkable(nlp, sentence) == [sentence]


def test_a_title_the_parser_made_a_second_subject_leaves_the_name_as_the_source(nlp):
    found = _claims_of(nlp, "But media watchdog Acme has said the Springfield channel will not be sold.")
    assert [c.claimant_text for c in found] == ["Acme"]  # the parser reads 'watchdog' and 'Acme' as two subjects


@pytest.mark.parametrize("words, claim", [
    ("The council should rebuild the Springfield bridge by 2006.", False),  # what ought to be, in the speaker's words
    ("The council needs to rebuild the Springfield bridge by 2006.", False),
    ("The council rebuilt the Springfield bridge in 2006.", True),
])
def test_a_quotation_of_what_ought_to_be_is_not_a_claim(nlp, words, claim):
    from newsfacts.quotes import Quote
    text = f'Ann Smith said: "{words}"'
    start = text.index(words)
    quote = Quote(start, start + len(words), words, "direct", None, "Ann Smith", 0, 9, "said", 10, 14, 0, 0.9)
    assert bool(_claims_of(nlp, text, [quote])) is claim


@pytest.mark.parametrize("sentence, claim", [
    ("Both technologies use a blue laser to write information.", True),
    ("The base station stores the pictures on its hard disc.", True),
    ("Every child deserves a safe home.", False),  # no specific subject: a generality
    ("He brings great energy to the side.", False),  # praise
    ("The report is long.", False),  # a description
    ("The government is now expanding the crackdown to more towns.", True),  # what it is doing now
    ("Every child is learning a lesson.", False),
])
def test_a_present_fact_about_a_specific_thing_is_checkable(nlp, sentence, claim):
    assert (_checkable(nlp, sentence) == [sentence]) is claim


def test_according_to_opening_a_sentence_attributes_each_of_its_clauses(nlp):
    text = "According to the Springfield council, the bridge closed in 2004, and 400 workers lost their jobs."
    found = _claims_of(nlp, text)
    assert len(found) == 2 and {c.claimant_text for c in found} == {"the Springfield council"}
    assert {c.cue for c in found} == {"According to"}
    text = ("A survey by Acme Research found that 40% of drivers in Springfield use the bus. "
            "According to figures gathered by the Acme team, 44% of drivers use one garage.")
    # the figures' author is the one their words name ('gathered by the Acme team'), not the study noun
    assert [c.claimant_text for c in _claims_of(nlp, text)] == ["Acme Research", "Acme"]


def test_a_missing_lexicon_is_a_clear_error(monkeypatch):
    from newsfacts import subjectivity

    monkeypatch.setattr(subjectivity.importlib.util, "find_spec", lambda name: None)
    subjectivity._lexicon.cache_clear()
    try:
        with pytest.raises(subjectivity.LexiconError, match="textblob is not installed"):
            subjectivity.word_scores("good", "JJ")
    finally:
        monkeypatch.undo()
        subjectivity._lexicon.cache_clear()
    assert subjectivity.word_scores("good", "JJ") is not None


def test_a_name_the_parser_hung_on_the_titles_last_word_is_the_claimant(nlp):
    # the parse the small model gives "ITV's controller of entertainment, Claudia Rosencrantz, said ...": the name in
    # apposition to "entertainment", not to "controller"; built by hand because the parse varies with the words
    from spacy.tokens import Doc
    from newsfacts.claims.attribution import speaker_word
    words = ["Acme", "'s", "head", "of", "marketing", ",", "Jane", "Miller", ",", "said", "it", "grew", "."]
    heads = [2, 0, 9, 2, 3, 4, 7, 4, 2, 9, 11, 9, 9]
    deps = ["poss", "case", "nsubj", "prep", "pobj", "punct", "compound", "appos", "punct", "ROOT", "nsubj", "ccomp", "punct"]
    ents = ["B-ORG", "O", "O", "O", "O", "O", "B-PERSON", "I-PERSON", "O", "O", "O", "O", "O"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, ents=ents)
    assert speaker_word(doc[2]).text == "Miller"
    assert speaker_word(doc[10]).text == "it"


# --- issue 5 round 5: denials, acts told with report verbs, groups ---------------------------------------

def test_a_denial_is_a_claim_of_the_denier(nlp):
    # the tagger reads the plural present 'deny' as a base form: still a finite statement
    for text, denier in (("The three men deny collecting votes fraudulently in Springfield.", "The three men"),
                         ("Acme Oil has rubbished suggestions that the refinery in Leeds is losing money.", "Acme Oil")):
        found = _claims_of(nlp, text)
        assert [(c.text, c.claimant_text) for c in found] == [(text, denier)]


def test_a_report_verb_told_with_an_act_on_a_thing_names_no_source(nlp):
    """'claimed the individual titles' wins them; 'find themselves' is where they are; a person 'showed' by what they
    did. A quotation the quotes stage hung on such a verb does not make the writer's report someone's claim."""
    for text in ("Ann Smith and Jill Brown claimed the individual titles at Saturday's race in Leeds.",
                 "England find themselves striving to avoid a third defeat for the first time since 1987.",
                 "David Jones showed that he is a genuine contender in Madrid by winning the 400m."):
        found = _claims_of(nlp, text)
        assert [c.claimant_text for c in found] == [None], text
        assert found[0].acts, text
    survey = _claims_of(nlp, "The survey showed that 40% of the town's shops closed in 2004.")
    assert [c.claimant_text for c in survey] == ["The survey"]
    text = "David Jones showed that he is a genuine contender in Madrid by winning the 400m."
    claim = _claims_of(nlp, text)[0]
    showed = _quote(text.index("he is"), text.index(" by"), "indirect", speaker="Ann Smith", entity="e_ann",
                    speaker_text="David Jones", cue="showed", cue_start=text.index("showed"))
    assert _claimants([claim], [showed]) == [None]


def test_a_group_named_in_short_takes_its_members_full_names():
    text = "Mr Afzal, Mr Islam and Mr Kazi deny conspiring to commit fraud in 2004."
    words = "Mr Afzal, Mr Islam and Mr Kazi"
    claim = _candidate(text, 0, claimant_text=words, claimant_start=0, claimant_end=len(words), claimant_head=3,
                       cue="deny", cue_start=text.index("deny"))
    mentions = [{"doc_id": "d", "start": text.index(n), "end": text.index(n) + len(n), "text": n, "type": "PERSON",
                 "entity_id": "e_" + n} for n in ("Afzal", "Islam", "Kazi")]
    from newsfacts.claims import claim_rows
    names = {"e_Afzal": "Muhammad Afzal", "e_Islam": "Mohammed Islam", "e_Kazi": "Mohammed Kazi"}
    rows = claim_rows({"d": [claim]}, mentions, [], names)
    assert [r["claimant"] for r in rows] == ["Muhammad Afzal, Mohammed Islam and Mohammed Kazi"]
    # names that are only part of the subject's words ('a spokesman for ...') are not a group
    text = "A spokesman for the Department for Culture, Media and Sport said there were no plans."
    words = "A spokesman for the Department for Culture, Media and Sport"
    claim = _candidate(text, 0, claimant_text=words, claimant_start=0, claimant_end=len(words), claimant_head=2,
                       cue="said", cue_start=text.index("said"))
    mentions = [{"doc_id": "d", "start": text.index(n), "end": text.index(n) + len(n), "text": n, "type": "ORG",
                 "entity_id": "e_" + n} for n in ("Department for Culture", "Media and Sport")]
    rows = claim_rows({"d": [claim]}, mentions, [], {"e_Department for Culture": "Department for Culture",
                                                     "e_Media and Sport": "Media and Sport"})
    assert [r["claimant"] for r in rows] == [words]


def test_the_reason_a_speaker_gives_for_a_request_is_the_speakers_claim(nlp):
    found = _claims_of(nlp, "Ann Smith urged the Springfield council to cut the budget, as the costs of the bridge "
                            "were much larger than the town could afford.")
    assert [(c.text, c.claimant_text) for c in found] == [
        ("Ann Smith urged the Springfield council to cut the budget", None),  # the request: the writer's report
        ("the costs of the bridge were much larger than the town could afford", "Ann Smith")]
    # a time before the act is no reason given by the speaker, and an act is no speech
    assert _pieces(nlp, "Ann Smith closed the Springfield mill in 2004, as the costs were much larger than the "
                        "town could afford.") == ["Ann Smith closed the Springfield mill in 2004, as the costs were much "
                                                  "larger than the town could afford."]


def test_a_comparison_of_something_the_article_spoke_of_is_checkable(nlp):
    assert _checkable(nlp, "The costs of the bridge were much larger than the town could afford.") == [
        "The costs of the bridge were much larger than the town could afford."]
    assert _checkable(nlp, "Some things are better than others.") == []  # nothing the article spoke of


def test_a_sentence_in_reported_tense_goes_on_with_the_report_before_it(nlp):
    from newsfacts.claims import claim_rows, extract_claims
    def claimants(text):
        doc = nlp(text)
        found = extract_claims(doc, [(0, len(text), False)], None, [], [])
        mentions = [{"doc_id": "d", "start": e.start_char, "end": e.end_char, "text": e.text, "type": e.label_,
                     "entity_id": "e_" + e.text} for e in doc.ents if e.label_ == "PERSON"]
        rows = claim_rows({"d": found}, mentions, [], {m["entity_id"]: m["text"] for m in mentions})
        return [(r["text"], r["claimant"]) for r in rows]
    assert claimants("Ann Smith said the deal would save the Springfield mill $2 million. It would also create 300 jobs.") == [
        ("Ann Smith said the deal would save the Springfield mill $2 million.", "Ann Smith"),
        ("It would also create 300 jobs.", "Ann Smith")]
    # after the article's own sentence, or in the past tense, it is the article's
    assert claimants("Ann Smith said the deal would save the Springfield mill $2 million. The mill closed in 2004. "
                     "It would also create 300 jobs.")[-1] == ("It would also create 300 jobs.", None)
    assert claimants("Ann Smith said the deal would save the Springfield mill $2 million. It created 300 jobs in 2004.")[-1] \
        == ("It created 300 jobs in 2004.", None)


def _mentions(text: str, *named: tuple[str, str]) -> list:
    from newsfacts.entities import Mention
    return [Mention(text.index(words), text.index(words) + len(words), words, type_, "name", index)
            for index, (words, type_) in enumerate(named)]


def test_what_the_court_heard_or_was_told_is_the_courts(nlp):
    from newsfacts.claims import extract_claims
    text = ("Two councillors were caught forging 300 ballots, the Springfield Election Court has heard. "
            "Police found the pair in a warehouse in June 2004, the hearing was told. "
            "Witnesses saw them carrying 20 bags, which the men drove to a garage in Leeds, the court was told.")
    mentions = _mentions(text, ("Springfield Election Court", "ORG"), ("Leeds", "GPE"))
    found = extract_claims(nlp(text), [(0, len(text), False)], None, mentions, [])
    assert [(c.text.split(",")[0], c.claimant_text) for c in found] == [
        ("Two councillors were caught forging 300 ballots", "the Springfield Election Court"),
        ("Police found the pair in a warehouse in June 2004", "Springfield Election Court"),  # not the police
        ("Witnesses saw them carrying 20 bags", "Springfield Election Court"),
        ("20 bags", "Springfield Election Court")]  # the relative clause is part of what the court was told
    # without a court named once, 'the court' stays as written
    found = extract_claims(nlp("The court heard how 300 ballots were taken to a garage in Leeds."), [(0, 62, False)],
                           None, [], [])
    assert [c.claimant_text for c in found] == ["The court"]


def test_a_role_description_is_the_one_the_article_names_with_that_title(nlp):
    from newsfacts.claims import extract_claims
    text = ("Judge Ann Smith heard the case in Leeds. The judge presiding has indicated the whole postal voting "
            "system is under scrutiny.")
    found = extract_claims(nlp(text), [(0, len(text), False)], None, _mentions(text, ("Ann Smith", "PERSON"), ("Leeds", "GPE")), [])
    assert [(c.text, c.claimant_text) for c in found][-1] == (
        "The judge presiding has indicated the whole postal voting system is under scrutiny.", "Ann Smith")


def test_the_act_before_saying_is_the_writers_even_without_a_comma(nlp):
    found = _claims_of(nlp, "Acme Oil has shut down the campaign saying it had been started to stimulate debate "
                            "about the Springfield refinery.")
    assert [(c.text, c.claimant_text) for c in found] == [
        ("Acme Oil has shut down the campaign", None),
        ("saying it had been started to stimulate debate about the Springfield refinery.", "Acme Oil")]


def test_a_named_source_in_a_relative_clause_says_what_it_reports(nlp):
    found = _claims_of(nlp, "Rumours about the deal were broken by the Springfield Gazette which said it got the "
                            "hint from Acme insiders.")
    said = [c for c in found if c.voice == "article"]
    assert [(c.text, c.claimant_text) for c in said] == [
        ("the Springfield Gazette which said it got the hint from Acme insiders", "the Springfield Gazette")]
    # a restrictive relative clause with no report stays inside its noun phrase
    assert [c.voice for c in _claims_of(nlp, "Acme closed the mill which it bought in 2004.")] == ["own"]


def test_a_claim_inside_a_quotation_no_quote_row_covers_keeps_the_speaker_before_it(nlp):
    from newsfacts.claims.extract import _quote_left_open
    text = ('"I have had a word with Tom," said Ann Smith. "I still believe in him. He is fast but we have '
            'picked Bob Jones because of the kicking in Leeds.')
    found = _claims_of(nlp, text)
    said = _quote(1, 29, "direct", "Ann Smith", "e_ann", "Ann Smith", "said", text.index("said"))
    kicking = [c for c in found if "kicking" in c.text]
    assert kicking and kicking[0].in_open_quote
    assert _claimants(kicking, [said]) == ["Ann Smith"]
    # a speech going on in a new sentence stays open; a closed one does not
    assert _quote_left_open('"It was a poor start. "But we are not out. We will fight." Ann') is False
    assert _quote_left_open('"It was a poor start. "But we are not out. ') is True
    assert _quote_left_open("“The mill closed,” she said. The town") is False


def test_researchers_from_an_institution_speak_for_it():
    text = "But researchers from Leeds University warned that the officers could cost $2m."
    words = "researchers from Leeds University"
    claim = _candidate(text, 0, claimant_text=words, claimant_start=4, claimant_end=4 + len(words), claimant_head=4,
                       cue="warned", cue_start=text.index("warned"))
    leeds = {"doc_id": "d", "start": text.index("Leeds"), "end": text.index(" warned"), "text": "Leeds University",
             "type": "ORG", "entity_id": "e_ann"}
    assert _claimants([claim], [], [leeds]) == ["Ann Smith"]  # the university's entity (its stand-in name here)
    # every member noun the quotes stage knows ('the team at X', as for a quote's speaker)
    text = "But the team at Leeds University warned that the officers could cost $2m."
    words = "the team at Leeds University"
    claim = _candidate(text, 0, claimant_text=words, claimant_start=4, claimant_end=4 + len(words), claimant_head=8,
                       cue="warned", cue_start=text.index("warned"))
    assert _claimants([claim], [], [dict(leeds, start=text.index("Leeds"), end=text.index(" warned"))]) == ["Ann Smith"]
    # a spokesman for an organisation keeps the words as written (the gold's convention)
    text = "But a spokesman for Leeds University warned that the officers could cost $2m."
    words = "a spokesman for Leeds University"
    claim = _candidate(text, 0, claimant_text=words, claimant_start=4, claimant_end=4 + len(words), claimant_head=6,
                       cue="warned", cue_start=text.index("warned"))
    leeds = dict(leeds, start=text.index("Leeds"), end=text.index(" warned"))
    assert _claimants([claim], [], [leeds]) == [words]


def test_a_statement_issued_by_someone_is_theirs(nlp):
    found = _claims_of(nlp, "The statement issued by Acme Oil also said that the refinery in Leeds left 5% spare capacity.")
    assert [c.claimant_text for c in found] == ["Acme Oil"]


def test_a_sentence_the_parser_rooted_on_according_is_what_follows_the_comma(nlp):
    text = ("According to response-time figures gathered by Netcraft, some of the sites that the screensaver targeted "
            "were being knocked offline by the constant data requests.")
    doc = nlp(text)
    assert doc[0].dep_ == "ROOT"  # the premise: the parse this rule is for
    found = _claims_of(nlp, text)
    assert [(c.text, c.claimant_text) for c in found] == [(text, "Netcraft")]


@pytest.mark.parametrize("words", [
    '"I predict series two of the Springfield show will be even better," said Ann Smith.',
    "But I am sure if we play well in Leeds this week we will get the win we need.",
])
def test_a_speakers_own_prediction_or_certainty_is_not_a_claim(nlp, words):
    assert _claims_of(nlp, words) == []


def test_a_report_of_someone_elses_certainty_or_a_fact_in_the_first_person_stays(nlp):
    assert _checkable(nlp, "We closed 300 stores in Leeds in 2004.") == ["We closed 300 stores in Leeds in 2004."]


@pytest.mark.parametrize("sentence, claim", [
    ("We will come out fighting against Leeds this week.", False),  # a vow with nothing to hold them to
    ("Tom Jones has just got to take it on the chin against Leeds.", False),  # what he must do
    ("We will close 300 stores in Leeds in 2005.", True),  # a stated plan with a figure
    ("Acme will close its Leeds store in 2005.", True),  # not the speaker's own future
])
def test_a_speakers_vow_or_an_obligation_is_not_a_claim_but_a_plan_with_a_figure_is(nlp, sentence, claim):
    assert (_checkable(nlp, sentence) == [sentence]) is claim


def test_a_group_described_is_the_people_the_article_names_together(nlp):
    from newsfacts.claims import extract_claims
    text = ("The case against Ann Smith, Tom Jones and Bob Brown opened in Leeds in May. "
            "The men deny forging 300 votes in Leeds.")
    people = _mentions(text, ("Ann Smith", "PERSON"), ("Tom Jones", "PERSON"), ("Bob Brown", "PERSON"), ("Leeds", "GPE"))
    found = extract_claims(nlp(text), [(0, len(text), False)], None, people, [])
    assert found[-1].claimant_text == "Ann Smith, Tom Jones and Bob Brown"
    # two groups named: 'the men' may be either, and stays as written
    text2 = text.replace("The men", "Jim Hall and Ed Wood were cleared. The men")
    people2 = people + _mentions(text2, ("Jim Hall", "PERSON"), ("Ed Wood", "PERSON"))
    for index, mention in enumerate(people2):
        mention.start, mention.end = text2.index(mention.text), text2.index(mention.text) + len(mention.text)
        mention.entity = index
    found = extract_claims(nlp(text2), [(0, len(text2), False)], None, people2, [])
    assert found[-1].claimant_text == "The men"


def test_sentences_in_reported_tense_after_someone_offers_news_are_theirs(nlp):
    from newsfacts.claims import claim_rows, extract_claims
    text = ("Despite the warnings, Mr Smith did offer some good news for Leeds. As US growth gathers steam and incomes "
            "rise that should lead to a narrowing of the deficit. Spending on the Leeds bridge was also not expected to continue. "
            "The bridge closed in 2004. It would cost $2 million.")
    doc = nlp(text)
    smith = {"doc_id": "d", "start": text.index("Smith"), "end": text.index("Smith") + 5, "text": "Smith",
             "type": "PERSON", "entity_id": "e_ann"}
    found = extract_claims(doc, [(0, len(text), False)], None, [], [])
    rows = claim_rows({"d": found}, [smith], [], {"e_ann": "Ann Smith"})
    assert [r["claimant"] for r in rows] == [None, "Ann Smith", "Ann Smith", None, None]
    # a relative clause's modal says nothing of the sentence's tense
    found = _claims_of(nlp, "Acme signed a deal with Leeds which could cost the town $1m.")
    assert not found[0].backshifted


def test_a_modal_inside_the_complement_of_a_past_act_does_not_continue_a_report(nlp):
    # the sentence reports what Howard did; only a sentence whose own verb takes the reported tense goes on with the
    # previous speaker
    declined = _claims_of(nlp, "Mr Howard declined to say what form the statement should take.")
    assert [c.backshifted for c in declined] == [False]
    goes_on = _claims_of(nlp, "It would also help drive readers from blogs to the portals that Acme operates.")
    assert [c.backshifted for c in goes_on] == [True]


@pytest.mark.parametrize("text, hedge", [
    ("Sales have fallen every month since May last year.", None),  # the month
    ("Theresa May said the figures were final.", None),  # the surname
    ("Prices may rise by 5% next year.", "may"),
    ("The minister reportedly resigned on Monday.", "reportedly"),
])
def test_the_month_may_is_no_hedge(text, hedge):
    from newsfacts.claims.firmness import HEDGE_PATTERN

    found = HEDGE_PATTERN.search(text)
    assert (found.group(1) if found else None) == hedge


# --- issue 5 round 8: background in the article's voice, sources' forecasts, acts told with report verbs --------


@pytest.mark.parametrize("sentence", [
    "Cricket is not a particularly popular sport in Brazil.",
    "The Acme campaign proved controversial.",
    "Ann Smith has been a prominent critic of the Springfield bridge.",
])
def test_a_reputation_is_a_state_of_affairs_not_the_writers_praise(nlp, sentence):
    from newsfacts.subjectivity import judges

    assert not judges("popular", "JJ") and not judges("controversial", "JJ") and judges("brilliant", "JJ")
    assert _checkable(nlp, sentence) == [sentence]


@pytest.mark.parametrize("sentence", [
    "Complex machines then turn those signals into orders for the robot.",
    "Under the older schemes, workers pay into a fund which buys a policy on retirement.",
    "Many farmers are struggling to keep this kind of land open, because of rising costs.",
    "Some hospitals have used robots and other remote techniques.",
])
def test_background_told_by_what_its_subject_does_is_a_claim(nlp, sentence):
    assert _checkable(nlp, sentence) == [sentence]


@pytest.mark.parametrize("sentence", [
    "Every child deserves a safe home.",  # a maxim of all
    "You lose one game and the papers turn on you.",  # words to the listener
    '"Farmers pay for everything," she said.',  # a speaker's generality
    '"Farmers pay for everything.',  # the same, in a quote left open that no quotation row covers
    "Intense lobbying has started to gain momentum.",  # a trend begun, with nothing done to anything
    "Good coaches play some fantastic football.",  # praise
])
def test_a_generality_said_to_someone_or_praising_is_not_background(nlp, sentence):
    assert _checkable(nlp, sentence) == []


@pytest.mark.parametrize("text, claimant", [
    ("But the young striker showed more composure in the second half against Springfield.", None),  # an act
    ("The Springfield survey showed a sharp rise in rents in 2004.", "The Springfield survey"),  # a finding
    ("The Boston team reported their findings in the Journal of Springfield Medicine.", None),  # publishing
    ("The Springfield council reported a loss of $4m in 2004.", "The Springfield council"),  # says what
    ("A team of Boston researchers has shown that 40 mice can learn to swim.", None),  # people show by doing
    ("The Boston study showed that 40 mice can learn to swim.", "The Boston study"),  # a study shows a finding
])
def test_show_and_report_are_acts_unless_they_give_a_finding(nlp, text, claimant):
    assert [c.claimant_text for c in _claims_of(nlp, text)] == [claimant]


def test_a_name_the_parser_read_as_a_clause_is_who_the_title_noun_is(nlp):
    """'boy band Busted' with 'Busted' parsed as a participle on 'band': the name is still the speaker."""
    text = "Top-selling boy band Busted said that they will tour Springfield in 2005."
    [claim] = _claims_of(nlp, text)
    assert claim.claimant_text == "Top-selling boy band Busted"
    assert text[claim.claimant_head:].startswith("Busted said")


def test_a_forecast_is_its_forecasters_and_a_participle_says_which_of_them(nlp):
    text = "Experts studying the rivers of Springfield have already forecast more floods in 2005."
    [claim] = _claims_of(nlp, text)
    assert claim.claimant_text == "Experts studying the rivers of Springfield" and claim.cue == "forecast"
    # what they study is not who speaks: the claimant is the group as written, not Springfield
    springfield = {"doc_id": "d", "start": text.index("Springfield"), "end": text.index("Springfield") + 11,
                   "text": "Springfield", "type": "GPE", "entity_id": "e_spr"}
    row = _candidate(text, 0, claimant_text=claim.claimant_text, claimant_start=0, claimant_end=len(claim.claimant_text),
                     claimant_head=0, cue="forecast", cue_start=text.index("forecast"))
    assert _claimants([row], [], [springfield]) == ["Experts studying the rivers of Springfield"]
    covering = "Analysts covering Acme Corp said the firm would cut 300 jobs."
    acme = {"doc_id": "d", "start": 18, "end": 27, "text": "Acme Corp", "type": "ORG", "entity_id": "e_acme"}
    row = _candidate(covering, 0, claimant_text="Analysts covering Acme Corp", claimant_start=0, claimant_end=27,
                     claimant_head=0, cue="said", cue_start=28)
    assert _claimants([row], [], [acme]) == ["Analysts covering Acme Corp"]


@pytest.mark.parametrize("sentence, checkable", [
    ("These are less risky for small farmers.", True),  # a degree of something the article spoke of
    ("Officials believe wind farms may be cheaper options than coal plants.", True),  # a source's comparison
    ("Forecasters predicted that floods will become more frequent.", True),
    ("These are better.", False),  # a bare 'better' judges
    ("Lawyers believe the judges are wise.", False),  # no comparison, no event
])
def test_a_comparison_of_degree_is_checkable(nlp, sentence, checkable):
    assert _checkable(nlp, sentence) == ([sentence] if checkable else [])


def test_a_study_surveying_something_by_a_named_author_is_that_authors(nlp):
    """'A survey of 280 plans by X': the parser hangs 'by X' on what was surveyed; X still wrote the survey."""
    text = ("Farmers have spent $40m on new barns over the past year, research suggests. "
            "A survey of 280 plans by Income Data Systems said costs had risen.")
    claims = _claims_of(nlp, text)
    assert [c.claimant_text for c in claims][:1] == ["Income Data Systems"]


@pytest.mark.parametrize("sentence, checkable", [
    ("It is not the first time engineers have had this kind of failure with bridges.", True),
    ("It was the third time the club had sacked a manager.", True),
    ("It is time for a change.", False),
])
def test_whether_it_happened_before_is_checkable(nlp, sentence, checkable):
    assert _checkable(nlp, sentence) == ([sentence] if checkable else [])


@pytest.mark.parametrize("sentence, checkable", [
    ('"We have warned before that the closure of the mill is the start of a bigger decline," said Ann Smith.', True),
    ('"The bridge was closed after the flood," said Ann Smith.', True),  # the quoted event, not the frame
    ('"I thought they would be out-muscled," said Ann Smith.', False),  # an opinion she had
    ('"It could be used in shops," said Ann Smith.', False),  # a possibility, not an event
])
def test_a_quoted_past_event_or_statement_is_checkable(nlp, sentence, checkable):
    from newsfacts.claims.context import ClaimContext
    doc = nlp(sentence)
    marks = [t.i for t in doc if t.is_quote]
    context = ClaimContext(quoted_tokens=set(range(marks[0], marks[1] + 1)))  # what the quotes stage marks as quoted
    found = [c.text for s in doc.sents for c, _ in assertions(s) if is_checkable(c, context)]
    assert found == ([sentence] if checkable else [])


def test_a_verb_the_tagger_read_as_a_noun_still_heads_its_clause(nlp):
    """'..., BBC Sport understands': the small model tags 'understands' NNS, yet it has a subject and a clause."""
    text = "Springfield striker Tom Smith is discussing a loan move to Shelbyville, BBC Sport understands."
    doc = nlp(text)
    assert doc[-2].tag_ == "NNS"  # the misreading this rule is for (if a new model reads it right, drop this line)
    [claim] = _claims_of(nlp, text)
    assert (claim.claimant_text, claim.cue) == ("BBC Sport", "understands")


@pytest.mark.parametrize("sentence, checkable", [
    ("But the scheme was controversial from the moment it started.", True),  # a reputation, of something spoken of
    ("The two brothers were running a small printing business.", True),  # what was going on
    ("But the scheme was brilliant from the moment it started.", False),  # praise
])
def test_a_reputation_or_what_was_going_on_is_a_specific_event(nlp, sentence, checkable):
    assert _checkable(nlp, sentence) == ([sentence] if checkable else [])


def test_an_indefinite_subjects_act_on_something_spoken_of_is_checkable_and_blame_is_the_blamers(nlp):
    text = "Many local farmers criticised it for using cheap foreign labour."
    [claim] = _claims_of(nlp, text)
    assert (claim.claimant_text, claim.cue) == ("Many local farmers", "criticised")
    assert _checkable(nlp, "Many local farmers wanted more.") == []  # nothing spoken of was acted on
    assert _checkable(nlp, "I had my chances.") == []  # a speaker's own account, not an indefinite subject


@pytest.mark.parametrize("sentence, checkable", [
    ("And it is unlikely that the Springfield council would sell the bridge to Acme.", True),  # a hedged proposition
    ("And the good times are likely to keep rolling for the children.", False),  # a guess at the subject's future
])
def test_it_is_likely_that_weighs_a_claim_and_likely_to_guesses(nlp, sentence, checkable):
    assert _checkable(nlp, sentence) == ([sentence] if checkable else [])


def test_a_pronoun_source_opening_a_paragraph_takes_the_source_closing_the_one_before():
    forecast = _candidate("The lawsuit forecast more floods in 2005.", 20, claimant_text="The lawsuit", claimant_start=20,
                          claimant_end=31, cue="forecast", cue_start=32)
    they = _candidate("It predicted that storms will become more frequent.", 70, paragraph=1)
    quote = _quote(83, 120, "indirect", speaker_text="It", cue="predicted", cue_start=73, paragraph=1)
    assert _claimants([forecast, they], [quote]) == ["The lawsuit", "The lawsuit"]
    own = _candidate("The studio attributed the fall to higher costs in 2004.", 20)  # no source closes paragraph 0
    assert _claimants([own, they], [quote]) == [None, None]


@pytest.mark.parametrize("sentence, checkable", [
    ("The impact of the Springfield closure is being felt ever more strongly.", True),  # what is felt
    ("I feel the Springfield closure was a mistake.", False),  # a feeling
])
def test_a_passive_feel_is_an_effect_not_a_feeling(nlp, sentence, checkable):
    assert _checkable(nlp, sentence) == ([sentence] if checkable else [])
