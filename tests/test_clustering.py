"""Across articles: near-duplicate documents, quote clusters, claim clusters, per-entity counts."""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
from pathlib import Path

import polars as pl
import pytest

from newsfacts import clustering
from newsfacts.clustering import (
    claim_similarity,
    cluster_claims,
    cluster_quotes,
    comparison_tokens,
    content_words,
    count_per_entity,
    find_near_duplicates,
    jaccard,
    shingles,
)
from newsfacts.settings import DEFAULT_CLAIM_SIMILARITY_THRESHOLD, Settings
from schemas.clusters import ClaimClusters, QuoteClusters
from tests.conftest import RAW, SEED_004

DATA = Path(__file__).parent / "data"
MELANIA, DONALD, PUTIN = "ent_000000000000000m", "ent_000000000000000d", "ent_000000000000000p"
DAY1, DAY2 = dt.date(2025, 8, 17), dt.date(2025, 8, 18)


def documents(*rows: tuple[str, dt.date | None, str | None]) -> pl.DataFrame:
    return pl.DataFrame(
        [{"doc_id": d, "published_date": date, "near_duplicate_of": of} for d, date, of in rows],
        schema={"doc_id": pl.Utf8, "published_date": pl.Date, "near_duplicate_of": pl.Utf8},
    )


def quotes(*rows: tuple) -> pl.DataFrame:
    """Rows of (doc_id, text, kind, speaker_entity_id)."""
    names = {MELANIA: "Melania Trump", DONALD: "Donald Trump", PUTIN: "Vladimir Putin"}
    return pl.DataFrame(
        [{"quote_id": f"quo_{i:016x}", "doc_id": d, "text": t, "kind": k, "speaker": names.get(s), "speaker_entity_id": s}
         for i, (d, t, k, s) in enumerate(rows)],
        schema={"quote_id": pl.Utf8, "doc_id": pl.Utf8, "text": pl.Utf8, "kind": pl.Utf8, "speaker": pl.Utf8, "speaker_entity_id": pl.Utf8},
    )


def cluster_of(frame: pl.DataFrame, text: str) -> str:
    return frame.filter(pl.col("text") == text)["cluster_id"].item()


# --- folding ---------------------------------------------------------------------------------


def test_quotes_compare_without_marks_dash_spacing_case_or_trailing_punctuation():
    assert comparison_tokens("alone—you serve humanity itself.") == comparison_tokens("Alone — you serve humanity itself,")
    assert comparison_tokens("“It’s time”") == comparison_tokens('"it\'s time"')
    assert comparison_tokens("alone you serve") != comparison_tokens("alone, we serve")


# --- quote clusters --------------------------------------------------------------------------


SEED_DOCS = documents(("doc_a", DAY1, None), ("doc_b", DAY2, None))


def test_the_same_words_by_the_same_speaker_are_one_cluster_across_articles():
    frame, table = cluster_quotes(quotes(
        ("doc_a", "you will do more than serve Russia alone—you serve humanity itself.", "direct", MELANIA),
        ("doc_b", "you will do more than serve Russia alone — you serve humanity itself,", "direct", MELANIA),
        ("doc_b", "you will do more than serve Russia alone — you serve humanity itself,", "direct", PUTIN),
    ), SEED_DOCS)
    melania = frame.filter(pl.col("speaker_entity_id") == MELANIA)["cluster_id"].unique()
    assert melania.len() == 1
    assert frame.filter(pl.col("speaker_entity_id") == PUTIN)["cluster_id"].item() != melania.item()
    row = table.filter(pl.col("cluster_id") == melania.item()).row(0, named=True)
    assert (row["n_quotes"], row["n_docs"], row["first_published_date"], row["last_published_date"]) == (2, 2, DAY1, DAY2)
    assert row["speaker"] == "Melania Trump" and not row["indirect"]


def test_fragments_join_the_longest_quotation_that_contains_them():
    full = "Mr. Putin, you can singlehandedly restore their melodic laughter,"
    frame, table = cluster_quotes(quotes(
        ("doc_a", full, "direct", MELANIA),
        ("doc_b", "singlehandedly restore", "partial", MELANIA),
        ("doc_b", "melodic laughter", "partial", None),  # unknown speaker: joins too
        ("doc_b", "can singlehandedly restore their melodic laughter", "partial", MELANIA),
    ), SEED_DOCS)
    assert frame["cluster_id"].n_unique() == 1
    assert table.row(0, named=True) | {"cluster_id": None} == {
        "cluster_id": None, "text": full, "indirect": False, "speaker": "Melania Trump", "speaker_entity_id": MELANIA,
        "n_quotes": 4, "n_docs": 2, "n_stories": 2, "first_published_date": DAY1, "last_published_date": DAY2,
    }


def test_short_fragments_another_speakers_words_and_reported_speech_stay_apart():
    full = "Mr. Putin, you can singlehandedly restore their melodic laughter,"
    frame, _ = cluster_quotes(quotes(
        ("doc_a", full, "direct", MELANIA),
        ("doc_b", "their melodic", "partial", MELANIA),  # 13 folded characters: under the minimum
        ("doc_b", "melodic laughter", "partial", DONALD),  # another known speaker
        ("doc_b", "Putin, you can singlehandedly restore their melodic laughter", "indirect", MELANIA),  # reported, not quoted
        ("doc_b", "laughter", "partial", MELANIA),  # one word
    ), SEED_DOCS, min_fragment_chars=15)
    assert frame["cluster_id"].n_unique() == 5


def test_the_minimum_fragment_length_is_a_setting():
    rows = quotes(("doc_a", "Mr. Putin, you can singlehandedly restore their melodic laughter,", "direct", MELANIA),
                  ("doc_b", "their melodic", "partial", MELANIA))
    assert cluster_quotes(rows, SEED_DOCS, min_fragment_chars=10)[0]["cluster_id"].n_unique() == 1
    assert cluster_quotes(rows, SEED_DOCS, min_fragment_chars=20)[0]["cluster_id"].n_unique() == 2
    with pytest.raises(ValueError, match="min_fragment_chars"):
        cluster_quotes(rows, SEED_DOCS, min_fragment_chars=0)


def test_an_unknown_speaker_never_chains_two_speakers_into_one_cluster():
    frame, table = cluster_quotes(quotes(
        ("doc_a", "we will restore peace and order in the region", "direct", MELANIA),
        ("doc_a", "we will restore peace and order in the region today", "direct", DONALD),
        ("doc_b", "restore peace and order", "partial", None),
        ("doc_b", "peace and order", "partial", PUTIN),
    ), SEED_DOCS)
    assert table["speaker_entity_id"].drop_nulls().is_unique().all()
    for cluster_id, group in frame.group_by("cluster_id"):
        assert group["speaker_entity_id"].drop_nulls().n_unique() <= 1
    # the unknown fragment joined the longest container; Putin's words are his own
    assert cluster_of(frame, "restore peace and order") == cluster_of(frame, "we will restore peace and order in the region today")
    assert cluster_of(frame, "peace and order") not in {cluster_of(frame, "restore peace and order")}


def test_a_stock_phrase_in_too_many_quotations_joins_none(monkeypatch):
    monkeypatch.setattr(clustering, "MAX_FRAGMENT_CANDIDATES", 2)
    rows = [("doc_a", f"the prime minister said number {i} today", "direct", None) for i in range(3)]
    frame, _ = cluster_quotes(quotes(*rows, ("doc_b", "the prime minister", "partial", None)), SEED_DOCS)
    assert frame["cluster_id"].n_unique() == 4


def test_near_duplicates_count_as_one_story():
    docs = documents(("doc_a", DAY1, None), ("doc_b", DAY2, "doc_a"), ("doc_c", DAY2, None))
    frame, table = cluster_quotes(quotes(*[(d, "we must strive to paint a dignity-filled world", "direct", MELANIA) for d in ("doc_a", "doc_b", "doc_c")]), docs)
    assert table.select("n_quotes", "n_docs", "n_stories").row(0) == (3, 3, 2)


def test_quote_clusters_validate_and_account_for_every_quote():
    rng = random.Random(7)
    words = "peace war children laughter restore letter summit president ceasefire region talks".split()
    rows = []
    for i in range(300):
        sentence = " ".join(rng.choice(words) for _ in range(rng.randint(2, 9)))
        rows.append((rng.choice(["doc_a", "doc_b"]), sentence, rng.choice(["direct", "partial", "indirect"]), rng.choice([MELANIA, DONALD, None])))
    frame, table = cluster_quotes(quotes(*rows), SEED_DOCS)
    QuoteClusters.validate(table)
    assert frame["cluster_id"].null_count() == 0
    assert set(frame["cluster_id"]) == set(table["cluster_id"])
    counts = frame.group_by("cluster_id").agg(pl.len().alias("rows"), pl.col("doc_id").n_unique().alias("docs"))
    joined = table.join(counts, on="cluster_id")
    assert (joined["n_quotes"] == joined["rows"]).all() and (joined["n_docs"] == joined["docs"]).all()
    assert table["n_quotes"].sum() == frame.height


# --- near-duplicate documents ----------------------------------------------------------------


def _article(seed: int, n_words: int = 300) -> str:
    rng = random.Random(seed)
    vocabulary = [f"w{i}" for i in range(2000)]
    return " ".join(rng.choice(vocabulary) for _ in range(n_words))


def document_rows(*rows: tuple[str, str, dt.date | None, str]) -> pl.DataFrame:
    return pl.DataFrame(
        [{"doc_id": d, "source_path": p, "published_date": date, "text": t} for d, t, date, p in rows],
        schema={"doc_id": pl.Utf8, "source_path": pl.Utf8, "published_date": pl.Date, "text": pl.Utf8},
    )


def test_a_republished_story_is_a_near_duplicate_of_the_earliest():
    story = _article(1)
    frame = find_near_duplicates(document_rows(
        ("doc_late", "By Staff Reporter\n\n" + story + "\n\nThe agency contributed to this report.", DAY2, "a.txt"),
        ("doc_orig", story, DAY1, "b.txt"),
        ("doc_other", _article(2), DAY1, "c.txt"),
    ), threshold=0.8)
    marks = dict(zip(frame["doc_id"], zip(frame["near_duplicate_of"], frame["near_duplicate_similarity"])))
    assert marks["doc_orig"] == (None, None) and marks["doc_other"] == (None, None)
    assert marks["doc_late"][0] == "doc_orig" and 0.95 < marks["doc_late"][1] < 1.0


def test_the_near_duplicate_threshold_is_a_setting():
    story = _article(3, 100)
    edited = story.rsplit(" ", 20)[0]  # the last 20 of 100 words cut: Jaccard about 0.79
    rows = document_rows(("doc_a", story, DAY1, "a.txt"), ("doc_b", edited, DAY2, "b.txt"))
    assert find_near_duplicates(rows, 0.7)["near_duplicate_of"].to_list() == [None, "doc_a"]
    assert find_near_duplicates(rows, 0.9)["near_duplicate_of"].to_list() == [None, None]
    with pytest.raises(ValueError, match="threshold"):
        find_near_duplicates(rows, 1.5)
    with pytest.raises(ValueError, match="near_duplicate_threshold"):
        Settings(near_duplicate_threshold=0)


def test_prefix_filtering_finds_what_comparing_every_pair_finds():
    """The blocking is exact: on mutated copies, the index finds the same originals as brute force."""
    rng = random.Random(11)
    bases = [_article(100 + i, rng.randint(20, 200)) for i in range(12)]
    texts = []
    for i in range(60):
        words = rng.choice(bases).split()
        for _ in range(rng.randint(0, 25)):  # replace, drop or add words
            at = rng.randrange(len(words))
            words[at : at + 1] = rng.choice([[], [f"x{rng.randint(0, 9)}"], [words[at], "y"]])
        texts.append(" ".join(words) or "empty")
    rows = document_rows(*[(f"doc_{i:02d}", t, None, f"{i:02d}.txt") for i, t in enumerate(texts)])
    for threshold in (0.5, 0.8):
        found = find_near_duplicates(rows, threshold)["near_duplicate_of"].to_list()
        assert found == _brute_force_leaders(texts, threshold)
        assert any(found)


def _brute_force_leaders(texts: list[str], threshold: float) -> list[str | None]:
    sets = [shingles(t) for t in texts]
    originals, result = [], []
    for i, s in enumerate(sets):
        scores = [(jaccard(s, sets[o]), -o) for o in originals]
        best = max(scores, default=(0.0, 0))
        if best[0] >= threshold:
            result.append(f"doc_{-best[1]:02d}")
        else:
            originals.append(i)
            result.append(None)
    return result


# --- claim clusters --------------------------------------------------------------------------


def claims(*rows: tuple) -> pl.DataFrame:
    """Rows of (doc_id, text, claimant_entity_id, entity_ids, negated)."""
    names = {DONALD: "Donald Trump", MELANIA: "Melania Trump"}
    return pl.DataFrame(
        [{"claim_id": f"clm_{i:016x}", "doc_id": d, "text": t, "claimant": names.get(c), "claimant_entity_id": c, "entity_ids": e, "negated": n}
         for i, (d, t, c, e, n) in enumerate(rows)],
        schema={"claim_id": pl.Utf8, "doc_id": pl.Utf8, "text": pl.Utf8, "claimant": pl.Utf8, "claimant_entity_id": pl.Utf8,
                "entity_ids": pl.List(pl.Utf8), "negated": pl.Boolean},
    )


def test_claims_asserting_the_same_thing_in_other_words_share_a_cluster():
    frame, table = cluster_claims(claims(
        ("doc_a", "Trump hand-delivered the letter to Putin", None, [DONALD, PUTIN], False),
        ("doc_b", "having her husband hand-deliver it to Russian President Vladimir Putin", MELANIA, [DONALD, PUTIN], False),
        ("doc_b", "Putin met Trump in Alaska on Friday", None, [PUTIN, DONALD, "ent_alaska"], False),
        ("doc_b", "Trump did not hand-deliver the letter to Putin", None, [DONALD, PUTIN], True),
        ("doc_a", "with the Lib Dems what you see is what you get", None, ["ent_libdems"], False),
        ("doc_b", "the Lib Dems were", None, ["ent_libdems"], False),  # two content words: too short to compare
    ), SEED_DOCS)
    ids = frame["cluster_id"].to_list()
    assert ids[0] == ids[1] and len(set(ids)) == 5
    ClaimClusters.validate(table)
    row = table.filter(pl.col("cluster_id") == ids[0]).row(0, named=True)
    assert (row["n_claims"], row["n_docs"], row["claimant_entity_id"], row["claimant"]) == (2, 2, MELANIA, "Melania Trump")
    assert row["text"].startswith("having her husband")
    assert table["n_claims"].sum() == frame.height and set(table["cluster_id"]) == set(ids)


def test_claim_similarity_measures_better_with_entities_on_labelled_pairs():
    """Hand-written labelled pairs (tests/data/claim_pairs.jsonl): F1 at the default threshold, with the
    entities named, beats the best F1 that the words alone reach at any threshold."""
    pairs = [json.loads(line) for line in (DATA / "claim_pairs.jsonl").read_text().splitlines()[1:]]

    def f1(scores: list[float], threshold: float) -> float:
        tp = sum(s >= threshold and p["same"] for s, p in zip(scores, pairs))
        fp = sum(s >= threshold and not p["same"] for s, p in zip(scores, pairs))
        fn = sum(s < threshold and p["same"] for s, p in zip(scores, pairs))
        return 2 * tp / (2 * tp + fp + fn)

    with_entities = [claim_similarity(content_words(p["a"]), content_words(p["b"]), p["ea"], p["eb"]) for p in pairs]
    words_only = [claim_similarity(content_words(p["a"]), content_words(p["b"])) for p in pairs]
    best_words_only = max(f1(words_only, t / 100) for t in range(30, 100, 5))
    assert f1(with_entities, DEFAULT_CLAIM_SIMILARITY_THRESHOLD) > best_words_only


def test_the_claim_threshold_is_a_setting():
    rows = claims(("doc_a", "Google's profits rose 20% in the third quarter", None, [], False),
                  ("doc_b", "Google reported a 20% rise in third-quarter profits", None, [], False))
    assert cluster_claims(rows, SEED_DOCS, threshold=0.8)[0]["cluster_id"].n_unique() == 1
    assert cluster_claims(rows, SEED_DOCS, threshold=0.95)[0]["cluster_id"].n_unique() == 2
    with pytest.raises(ValueError, match="threshold"):
        cluster_claims(rows, SEED_DOCS, threshold=0)


# --- per-entity counts -----------------------------------------------------------------------


def test_entities_count_the_quotes_they_said_and_the_claims_they_made():
    entities = pl.DataFrame({"entity_id": [MELANIA, DONALD, PUTIN], "n_docs": [1, 1, 1]})
    q = quotes(("doc_a", "one", "direct", MELANIA), ("doc_a", "two", "direct", MELANIA), ("doc_a", "three", "direct", None))
    c = claims(("doc_a", "a claim", DONALD, [], False))
    counted = count_per_entity(entities, q, c).sort("entity_id")
    assert dict(zip(counted["entity_id"], zip(counted["n_quotes"], counted["n_claims"]))) == {
        MELANIA: (2, 0), DONALD: (0, 1), PUTIN: (0, 0)}
    assert count_per_entity(entities, q)["n_claims"].to_list() == [0, 0, 0]


# --- the pipeline on the seeds (and a near-duplicate of seed 004) ----------------------------


@pytest.fixture(scope="module")
def seeds_run(tmp_path_factory):
    from newsfacts import pipeline

    raw = tmp_path_factory.mktemp("clusters") / "raw"
    shutil.copytree(RAW, raw)
    text = SEED_004.read_text(encoding="utf-8")
    (raw / "zz_republished_004.txt").write_text("A changed headline for the same story\n\n" + text + "\n\nThis story was updated.\n", encoding="utf-8")
    out = raw.parent / "out"
    summary = pipeline.curate(Settings(raw_dir=raw, out_dir=out, workers=1))
    return summary, {name: pl.read_parquet(out / f"{name}.parquet") for name in ("documents", "entities", "quotes", "quote_clusters", "claims", "claim_clusters")}


@pytest.mark.slow
def test_seeds_quote_clusters(seeds_run):
    summary, tables = seeds_run
    assert summary.quarantined_rows == 0
    documents, quotes_, clusters = tables["documents"], tables["quotes"], tables["quote_clusters"]
    seed_000, seed_004 = (documents.filter(pl.col("source_path") == p)["doc_id"].item() for p in sorted(p.name for p in RAW.iterdir()))
    originals = quotes_.filter(pl.col("doc_id").is_in([seed_000, seed_004]))
    # the quote printed with two kinds of dash is one cluster of two (plus the republished copy)
    dashed = originals.filter(pl.col("text").str.contains("serve humanity itself"))
    assert dashed.height == 2 and dashed["cluster_id"].n_unique() == 1
    # the two seed-004 fragments join seed 000's quote
    full = originals.filter(pl.col("text").str.starts_with("Mr. Putin, you can singlehandedly restore"))
    fragments = originals.filter(pl.col("text").is_in(["singlehandedly restore", "melodic laughter"]) & (pl.col("doc_id") == seed_004))
    assert fragments.height == 2 and set(fragments["cluster_id"]) == set(full["cluster_id"])
    # every cluster_id exists and the counts match
    assert set(quotes_["cluster_id"]) == set(clusters["cluster_id"])
    counted = quotes_.group_by("cluster_id").agg(pl.len().alias("rows"), pl.col("doc_id").n_unique().alias("docs"))
    joined = clusters.join(counted, on="cluster_id")
    assert (joined["n_quotes"] == joined["rows"]).all() and (joined["n_docs"] == joined["docs"]).all()
    claims, claim_clusters = tables["claims"], tables["claim_clusters"]
    assert set(claims["cluster_id"]) == set(claim_clusters["cluster_id"])  # every claim in exactly one cluster
    assert claim_clusters["n_claims"].sum() == claims.height


@pytest.mark.slow
def test_seeds_near_duplicate_joins_the_originals_clusters(seeds_run):
    _, tables = seeds_run
    documents, quotes_, clusters = tables["documents"], tables["quotes"], tables["quote_clusters"]
    copy = documents.filter(pl.col("source_path") == "zz_republished_004.txt").row(0, named=True)
    original = documents.filter(pl.col("source_path") == SEED_004.name).row(0, named=True)
    assert copy["near_duplicate_of"] == original["doc_id"] and 0.8 <= copy["near_duplicate_similarity"] < 1.0
    assert documents.filter(pl.col("doc_id") != copy["doc_id"])["near_duplicate_of"].null_count() == 2
    copied = quotes_.filter(pl.col("doc_id") == copy["doc_id"])
    assert copied.height > 5  # the rows are still written
    assert set(copied["cluster_id"]) <= set(quotes_.filter(pl.col("doc_id") == original["doc_id"])["cluster_id"])
    shared = clusters.filter(pl.col("cluster_id").is_in(copied["cluster_id"].implode()))
    assert (shared["n_stories"] < shared["n_docs"]).all()
    # its claims too: written, and in the original's claim clusters
    claims = tables["claims"]
    copied_claims = claims.filter(pl.col("doc_id") == copy["doc_id"])
    assert copied_claims.height > 5
    assert set(copied_claims["cluster_id"]) <= set(claims.filter(pl.col("doc_id") == original["doc_id"])["cluster_id"])


@pytest.mark.slow
def test_seeds_entities_are_one_id_across_articles_and_count_their_quotes(seeds_run):
    _, tables = seeds_run
    entities, quotes_ = tables["entities"], tables["quotes"]
    assert entities.group_by("name", "type").len()["len"].max() == 1
    people = entities.filter(pl.col("name").is_in(["Melania Trump", "Donald Trump", "Vladimir Putin"]))
    assert people.height == 3 and (people["n_docs"] == 3).all()
    said = quotes_.group_by("speaker_entity_id").len()
    counted = entities.join(said, left_on="entity_id", right_on="speaker_entity_id", how="left").with_columns(pl.col("len").fill_null(0))
    assert (counted["n_quotes"] == counted["len"]).all() and counted["n_quotes"].sum() > 10


def test_short_words_nobody_known_said_group_within_a_story_only():
    docs = documents(("doc_a", DAY1, None), ("doc_b", DAY2, "doc_a"), ("doc_c", DAY2, None))
    frame, table = cluster_quotes(quotes(("doc_a", "trackers", "partial", None), ("doc_b", "trackers", "partial", None),
                                         ("doc_c", "trackers", "partial", None)), docs)
    assert frame["cluster_id"].to_list()[0] == frame["cluster_id"].to_list()[1] != frame["cluster_id"].to_list()[2]
    assert table["cluster_id"].is_unique().all() and table.height == 2


def test_claims_stating_different_numbers_never_share_a_cluster():
    """Lexically close, but 'six million' and 'five million' households are two claims (BBC had this pair)."""
    rows = claims(
        ("doc_a", "More than six million UK households now have broadband", None, ["ent_uk"], False),
        ("doc_b", "More than five million UK households now have broadband", None, ["ent_uk"], False),
        ("doc_b", "More than six million households in the UK now have broadband", None, ["ent_uk"], False),
    ).with_columns(pl.Series("quantities", [[{"text": "six million", "value": 6e6}], [{"text": "five million", "value": 5e6}],
                                             [{"text": "six million", "value": 6e6}]]))
    ids = cluster_claims(rows, SEED_DOCS)[0]["cluster_id"].to_list()
    assert ids[0] == ids[2] != ids[1]
