"""Claims: the seeds through the whole pipeline, the rules on made-up sentences, dates, and the scorer."""

import datetime as dt
import json

import polars as pl
import pytest

from newsfacts import pipeline
from newsfacts.claim_scoring import containment, same_claimant, score_claims
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
    # floors below the figures measured when the rules were written (README: Claims)
    assert score.recall >= 0.8 and score.precision >= 0.8 and score.claimant_accuracy >= 0.75, score.to_json()
