"""Quotes on the seeds, through the whole pipeline, and the quote benchmark on the seeds' own annotations."""

import polars as pl
import pytest

from newsfacts import pipeline
from newsfacts.quote_scoring import Unit, match, overlap, score_quotes
from newsfacts.settings import Settings
from tests.conftest import RAW, ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def quotes(tmp_path_factory):
    out = tmp_path_factory.mktemp("quotes") / "out"
    pipeline.curate(Settings(raw_dir=RAW, out_dir=out, workers=1))
    documents = pl.read_parquet(out / "documents.parquet").select("doc_id", "source_path")
    return pl.read_parquet(out / "quotes.parquet").join(documents, on="doc_id")


def _row(quotes, seed, starts_with, kind=None):
    rows = quotes.filter(pl.col("source_path").str.starts_with(seed) & pl.col("text").str.starts_with(starts_with))
    if kind:
        rows = rows.filter(pl.col("kind") == kind)
    assert rows.height == 1, f"{starts_with!r} in {seed}: {rows.height} rows"
    return rows.row(0, named=True)


def test_the_quote_split_around_the_letter_began_is_two_rows_by_melania_trump(quotes):
    first = _row(quotes, "000", "Dear President Putin,")
    second = _row(quotes, "000", "Every child shares the same quiet dreams")
    for row in (first, second):
        assert (row["kind"], row["speaker"], row["cue"], row["speaker_text"]) == ("direct", "Melania Trump", "began", "the letter")


@pytest.mark.parametrize(
    "seed, starts_with, kind, speaker, cue",
    [
        ("000", "As parents, it is our duty", "direct", "Melania Trump", "continued"),
        ("000", "Undeniably, we must strive", "direct", "Melania Trump", "wrote"),
        ("000", "Mr. Putin, you can singlehandedly restore", "direct", "Melania Trump", "read"),
        ("000", "In protecting the innocence", "direct", "Melania Trump", "read"),
        ("000", "Such a bold idea", "direct", "Melania Trump", "concluded"),
        ("000", "extremely productive,", "partial", "Donald Trump", "described"),
        ("000", "not there yet", "partial", "Donald Trump", "admitting"),
        ("000", "There were many, many points", "direct", "Donald Trump", "told"),
        ("000", "it is time", "partial", "Melania Trump", "telling"),
        ("004", "In protecting the innocence", "direct", "Melania Trump", "wrote"),
        ("004", "singlehandedly restore", "partial", "Melania Trump", "say"),
        ("004", "melodic laughter", "partial", "Melania Trump", "say"),
        ("004", "it is not interested in a temporary halt", "indirect", "Kremlin", "saying"),
        ("004", "that Ukraine surrender four regions", "indirect", "Russia", "demands"),
        ("004", "that Putin could help these children", "indirect", "Melania Trump", "said"),
    ],
)
def test_seed_quotes_with_their_resolved_speakers(quotes, seed, starts_with, kind, speaker, cue):
    row = _row(quotes, seed, starts_with, kind)
    assert (row["speaker"], row["cue"]) == (speaker, cue)


def test_scare_quotes_and_headings_are_not_quotes(quotes):
    assert quotes.filter(pl.col("text") == "peace letter").height == 0
    assert quotes.filter(pl.col("text").str.contains("Putin could help these children’")).height == 0


def test_confidence_orders_a_resolved_direct_quote_above_an_unattributed_one(quotes):
    assert _row(quotes, "000", "There were many, many points")["confidence"] >= 0.9
    assert quotes["confidence"].is_between(0, 1).all()


def test_benchmark_on_the_seed_annotations():
    score = score_quotes(ROOT / "tests" / "data" / "quotes_gold_seeds.jsonl", RAW, n_process=1)
    assert score.metrics("all", 0.3)["f1"] == 1.0
    assert score.metrics("direct+partial", 0.3)["recall"] == 1.0
    assert score.speaker_correct == score.speaker_total > 10
    assert score.speaker_missing == 0 and score.as_dict()["speaker_wrong_name_rate"] == 0
    # the per-outlet breakdown (the article name's prefix) accounts for every matched quote, once
    by_outlet = score.speaker_by_outlet()
    assert set(by_outlet) == {"000", "004"}
    assert sum(n for _, n in by_outlet.values()) == score.speaker_total
    assert sum(right for right, _ in by_outlet.values()) == score.speaker_correct


def test_the_scorer_says_where_speaker_misses_are_by_outlet_and_article():
    from newsfacts.quote_scoring import QuoteScore
    score = QuoteScore(speaker_by_article={"nyt_a": [1, 3], "nyt_b": [5, 5], "wapo_c": [0, 2], "wapo_d": [3, 4]})
    assert score.speaker_by_outlet() == {"nyt": (6, 8), "wapo": (3, 6)}
    assert score.most_speaker_misses(top=2) == [("nyt_a", (1, 3)), ("wapo_c", (0, 2))]  # two misses each, then by name
    assert "nyt_b" not in dict(score.most_speaker_misses())


def test_the_scorer_gives_intervals_from_resampling_articles():
    from newsfacts.quote_scoring import QuoteScore

    def article(tp, predicted, gold, speakers):
        counts = {("direct+partial", t): (tp, predicted, gold) for t in (0.3, 0.8)}
        return counts | {("indirect", t): (tp, predicted, gold) for t in (0.3, 0.8)}, speakers

    same = dict(a=article(8, 10, 10, [8, 8]), b=article(8, 10, 10, [8, 8]), c=article(8, 10, 10, [8, 8]))
    score = QuoteScore(counts_by_article={k: v[0] for k, v in same.items()}, speaker_by_article={k: v[1] for k, v in same.items()})
    assert score.intervals()["direct+partial@0.3 F1"] == pytest.approx((0.8, 0.8))  # identical articles: no spread

    mixed = {f"good{i}": article(10, 10, 10, [10, 10]) for i in range(10)} | {f"bad{i}": article(0, 10, 10, [0, 10]) for i in range(10)}
    score = QuoteScore(counts_by_article={k: v[0] for k, v in mixed.items()}, speaker_by_article={k: v[1] for k, v in mixed.items()})
    intervals = score.intervals()
    low, high = intervals["speaker correct"]
    assert low < 0.5 < high and high - low > 0.2  # half the articles right, half wrong: a wide interval around 0.5
    assert intervals["indirect@0.3 recall"] == pytest.approx(intervals["indirect@0.3 precision"])  # as many predicted as gold
    assert score.intervals(seed=1) != intervals and score.intervals() == intervals  # reproducible for one seed


def test_overlap_and_greedy_one_to_one_matching():
    gold = [Unit(frozenset({1, 2, 3, 4}), True), Unit(frozenset({10, 11}), True)]
    predicted = [Unit(frozenset({1, 2, 3}), True), Unit(frozenset({2, 3, 4, 5}), True), Unit(frozenset({11}), True)]
    assert overlap(gold[0].words, predicted[0].words) == pytest.approx(6 / 7)
    pairs = match(gold, predicted)
    assert sorted((g, p) for g, p, _ in pairs) == [(0, 0), (1, 2)]  # each gold unit matched once, best first


def test_a_gold_source_that_is_only_a_relative_pronoun_stands_for_the_phrase_before_it():
    from newsfacts.quote_scoring import _WordMap, _gold_unit, _speaker_matches

    text = 'The plan failed, said Ann Teller, who added that "nobody saw it coming."'
    words = _WordMap(text, text)

    def gold(source: str) -> Unit:
        start = text.index(source)
        quote = text.index("nobody")
        row = {"content": [{"start": quote, "end": quote + 23, "text": "nobody saw it coming."}],
               "source": [{"start": start, "end": start + len(source), "text": source}]}
        return _gold_unit(row, words, text)

    teller = words.norm_span(text.index("Ann"), text.index(",", text.index("Ann")))
    said = words.norm_span(text.index("said"), text.index("said") + 4)
    assert _speaker_matches(gold("who"), Unit(frozenset(), True, teller), [])
    assert not _speaker_matches(gold("who"), Unit(frozenset(), True, said), [])
    assert not _speaker_matches(gold("The plan"), Unit(frozenset(), True, teller), [])  # only a lone pronoun widens


def test_a_nested_attribution_and_a_source_swapped_with_its_cue_compare_fairly():
    from newsfacts.quote_scoring import _WordMap, _gold_unit, _speaker_matches

    text = '"We will win," Ann Teller said, according to the Daily Ledger.'
    words = _WordMap(text, text)

    def span(phrase: str) -> dict:
        return {"start": text.index(phrase), "end": text.index(phrase) + len(phrase), "text": phrase}

    def chars(phrase: str) -> frozenset[int]:
        return words.norm_span(text.index(phrase), text.index(phrase) + len(phrase))

    content = [span('"We will win," Ann Teller said')]
    outer = _gold_unit({"content": content, "source": [span("the Daily Ledger")], "cue": [span("according to")]}, words, text)
    ours = Unit(chars("We will win"), True, chars("Ann Teller"), None, 1.0, chars("said"))
    assert _speaker_matches(outer, ours, []) and not _speaker_matches(outer, ours, [], strict=True)
    # only an attribution wholly inside the outer one's content is its inner one; not a speaker without its cue there
    assert not _speaker_matches(outer, Unit(ours.words, True, chars("Ann Teller"), None, 1.0, chars("according")), [])
    plain = _gold_unit({"content": content, "source": [span("the Daily Ledger")], "cue": [span("said")]}, words, text)
    assert not _speaker_matches(plain, ours, [])  # not nested: the gold source says something else

    swapped = _gold_unit({"content": [span("We will win")], "source": [span("said")], "cue": [span("Ann Teller")]}, words, text)
    assert _speaker_matches(swapped, ours, []) and not _speaker_matches(swapped, ours, [], strict=True)


def test_rows_of_one_cue_are_scored_as_the_gold_segments_them():
    from newsfacts.quote_scoring import _WordMap, _predicted_units

    text = '"We will win," Ann Teller said. "And we will win big." She added nothing.'
    words = _WordMap(text, text)

    def row(phrase: str) -> dict:
        start = text.index(phrase)
        return {"start": start, "end": start + len(phrase), "text": phrase, "kind": "direct", "cue_start": text.index("said"),
                "cue_end": text.index("said") + 4, "speaker_start": text.index("Ann"), "speaker_end": text.index("Ann") + 10,
                "speaker_entity_id": None, "confidence": 0.9}

    def unit(*phrases: str) -> Unit:
        return Unit(frozenset().union(*[words.norm_span(text.index(p), text.index(p) + len(p)) for p in phrases]), True)

    rows = [row("We will win,"), row("And we will win big.")]
    assert len(_predicted_units(rows, words)) == 1  # without gold: one attribution
    assert len(_predicted_units(rows, words, [unit("We will win,", "And we will win big.")])) == 1  # the gold joins them
    apart = _predicted_units(rows, words, [unit("We will win,"), unit("And we will win big.")])
    assert sorted(len(u.words) for u in apart) == [3, 5]  # the gold has two attributions: so do we
    assert len(_predicted_units(rows, words, [unit("We will win,")])) == 1  # a row in no gold unit does not split off


def test_the_scorer_counts_what_filtering_at_half_confidence_drops():
    from newsfacts.quote_scoring import QuoteScore, _WordMap, _count_rows_by_group

    text = '"We will win," Ann Teller said. Critics called it "a stunt".'
    words = _WordMap(text, text)

    def chars(phrase: str) -> frozenset[int]:
        return words.norm_span(text.index(phrase), text.index(phrase) + len(phrase))

    def row(phrase: str, speaker: str | None, confidence: float) -> dict:
        start = text.index(phrase)
        speaker_start = text.index(speaker) if speaker else None
        return {"start": start, "end": start + len(phrase), "kind": "direct", "attribution": "after",
                "speaker_start": speaker_start, "speaker_end": speaker_start + len(speaker) if speaker else None,
                "speaker_entity_id": None, "speaker_text": speaker, "confidence": confidence}

    gold = [Unit(chars("We will win"), True, chars("Ann Teller"))]
    score = QuoteScore()
    rows = [row("We will win", "Ann Teller", 0.9), row("We will win", "Ann Teller", 0.45), row("We will win", None, 0.4),
            row("a stunt", None, 0.4)]
    _count_rows_by_group(score, rows, gold, words, [])
    # the confident row is kept; of the three dropped, one is right, one has the right words but no speaker for a
    # sourced quote (it answers no "who"), one is no gold quote at all
    assert score.below_half == [1, 3]
    assert score.as_dict()["filtered_at_half"] == {"right": 1, "wrong": 2}


def test_the_second_half_of_a_split_quote_in_content2_is_gold_content_too():
    from newsfacts.quote_scoring import _WordMap, _gold_unit

    text = '"We will win," Ann Teller said. "And we will win again."'
    words = _WordMap(text, text)

    def span(phrase: str) -> dict:
        return {"start": text.index(phrase), "end": text.index(phrase) + len(phrase), "text": phrase}

    unit = _gold_unit({"content": [span('"We will win,"')], "content2": [span('"And we will win again."')],
                       "source": [span("Ann Teller")], "cue": [span("said")]}, words, text)
    assert unit.words == words.norm_span(0, 14) | words.norm_span(text.index('"And'), len(text))


def test_a_gold_content_is_quoted_by_a_mark_touching_it_not_by_the_previous_sentences():
    from newsfacts.quote_scoring import _WordMap, _gold_unit

    text = "''We will win,'' Ann Teller said.\nThey said: “It is absurd.” Ann Teller denied the charge, aides said."

    def quoted(phrase: str) -> bool:
        span = {"start": text.index(phrase), "end": text.index(phrase) + len(phrase), "text": phrase}
        return _gold_unit({"content": [span], "content_has_double_quote_mark": False}, _WordMap(text, text), text).quoted

    assert quoted("We will win,")  # NYT's '' pair, which PolNeAR's flag misses
    assert not quoted("Ann Teller denied the charge")  # the ” before it, across a space, closes the sentence before


def test_an_unmatched_unit_inside_a_gold_attribution_of_its_speaker_is_set_apart_not_a_wrong_one():
    from newsfacts.quote_scoring import _inside_speakers_gold

    # "Ann Teller said [A] and said [B]": the gold joins both reports (words 2-9, source words 0-1); ours are two
    gold = [Unit(frozenset(range(2, 10)), False, frozenset({0, 1}))]
    second_report = Unit(frozenset(range(7, 10)), False, frozenset({0, 1}))
    assert _inside_speakers_gold(second_report, gold, [])
    assert not _inside_speakers_gold(Unit(frozenset(range(7, 10)), False, frozenset({12})), gold, [])  # another speaker
    assert not _inside_speakers_gold(Unit(frozenset(range(7, 14)), False, frozenset({0, 1})), gold, [])  # reaches beyond it


def test_a_partial_quote_alone_inside_a_gold_mixed_attribution_is_counted_apart_at_0_8():
    from newsfacts.quote_scoring import _partial_inside_mixed

    gold = [Unit(frozenset(range(0, 8)), True)]  # `said he could "singlehandedly restore" the economy`
    inside = Unit(frozenset({3, 4}), True, only_partial=True)  # "singlehandedly restore"
    reaching_out = Unit(frozenset({6, 7, 8, 9}), True, only_partial=True)
    with_clause = Unit(frozenset({2, 3, 4}), True)  # a partial and an indirect row
    for unit, expected in ((inside, 1), (reaching_out, 0), (with_clause, 0)):
        assert _partial_inside_mixed(gold, [unit], match(gold, [unit])) == expected
    exact = Unit(frozenset(range(0, 8)), True, only_partial=True)  # matched at 0.8 already: not counted again
    assert _partial_inside_mixed(gold, [exact], match(gold, [exact])) == 0
