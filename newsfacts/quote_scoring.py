"""Accuracy of quote extraction against attribution gold in PolNeAR's format.

Gold: one JSON object per line with `article`, `content` (a list of spans; a few rows put the second half
of a split quote in `content2`), `source`, `cue` (character offsets into the article's raw file) and
`content_has_double_quote_mark` (direct and mixed quotes; the flag misses NYT's `''` marks, so
a double mark in or right around the content counts too). Our rows that share
an attribution (the same cue) form one unit, as the gold does for a quote
split around its attribution.

Overlap is measured on word tokens (\\w+) as 2|P∩G| / (|P|+|G|), and units are
matched greedily one-to-one by decreasing overlap; a match counts at a
threshold when its overlap reaches it. Reported: precision, recall and F1 at
0.3 and 0.8 for direct plus partial quotes (gold with a double quote mark),
indirect quotes (gold without), and all attributions; and, for matched direct
and partial quotes whose gold has a source, the share whose speaker matches it
(our speaker's words overlap the source, or our speaker is the entity our
coreference gives the source's words; a source that is only a relative pronoun,
"said X, who added", also takes the word before it, the end of the phrase it stands for).
A matched quote with no speaker counts as not correct.

Rows of one cue that lie in different gold units are scored as the gold segments them (PolNeAR annotates
`"A," X said. "B."` sometimes as one attribution and sometimes as two; our rows are two either way); the figures
with the rows of a cue always joined are reported too.

Two gold conventions are compared fairly (the strict figure without them is reported too):
- a nested attribution, `"...," X said, according to Y`: the gold unit is Y's (cue "according to") and its
  content holds X's whole attribution; our speaker X with our cue inside that content is the inner source, right;
- a gold row whose source is only a speech verb and whose cue is not (`source: said, cue: Jillian Soto`) has the two
  swapped: its cue is the source.
Beside the strict precision, one more allowance: an unmatched unit whose words lie inside a gold attribution of the same
speaker is not counted wrong (the gold joins `X said A and said B` into one attribution, the issue counts two).
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

import numpy as np
import polars as pl

from newsfacts.documents import build_document
from newsfacts.extraction import extract_documents
from newsfacts.linking import link
from newsfacts.metadata import parse_header, split_title
from newsfacts.normalizing import clean_characters
from newsfacts.settings import DEFAULT_MODEL

WORD = re.compile(r"\w+")
THRESHOLDS = (0.3, 0.8)
QUOTE_MARKS = ('"', "“", "”", "«", "»", "„", "''")
CATEGORIES = ("direct+partial", "indirect", "all")
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
# A gold source that is one of these words was annotated in the cue's place (the source is then in the cue).
SPEECH_VERB_WORDS = {"said", "says", "say", "asked", "asks", "told", "added", "wrote", "tweeted", "stated", "replied", "responded"}


@dataclass
class Unit:
    words: frozenset[int]
    quoted: bool  # direct or partial (gold: has a double quote mark)
    speaker_words: frozenset[int] = frozenset()
    speaker_entity: str | None = None
    confidence: float = 1.0
    cue_words: frozenset[int] = frozenset()  # predicted: the cue's words
    reports_nested: bool = False  # gold: an "according to" attribution, whose content may hold the inner one's
    annotated_source: frozenset[int] | None = None  # gold: the source as annotated, where it differs (swapped with the cue)
    only_partial: bool = False  # predicted: every row of the unit is a partial quote


@dataclass
class QuoteScore:
    counts: dict = field(default_factory=dict)  # (category, threshold) -> (tp, n_pred, n_gold)
    calibration: dict = field(default_factory=dict)  # confidence bucket -> [matched, predicted]
    by_group: dict = field(default_factory=dict)  # (kind, attribution, speaker state) -> [right, rows]
    below_half: list = field(default_factory=lambda: [0, 0])  # rows with confidence < 0.5: [right, rows]
    speaker_correct: int = 0
    speaker_correct_strict: int = 0  # without the nested-attribution and swapped-source allowances
    speaker_total: int = 0
    counts_joined: dict = field(default_factory=dict)  # (category, threshold) -> (tp, n_pred, n_gold), rows of a cue always one unit
    speaker_missing: int = 0  # matched quotes given no speaker (counted as not correct)
    inside_gold: dict = field(default_factory=dict)  # category -> unmatched units inside a gold attribution of their speaker
    partial_inside_mixed: int = 0  # d+p matches below 0.8 of a unit of partial rows only, wholly inside the gold's content
    speaker_by_article: dict = field(default_factory=dict)  # article -> [correct, matched quotes with a gold source]
    counts_by_article: dict = field(default_factory=dict)  # article -> {(category, threshold): (tp, n_pred, n_gold)}
    articles: int = 0
    gold_in_headlines: int = 0

    def metrics(self, category: str, threshold: float, joined: bool = False) -> dict:
        tp, n_pred, n_gold = (self.counts_joined if joined else self.counts).get((category, threshold), (0, 0, 0))
        return _precision_recall_f1(tp, n_pred, n_gold) | {"tp": tp, "predicted": n_pred, "gold": n_gold}

    def speaker_by_outlet(self) -> dict[str, tuple[int, int]]:
        """(correct, matched) per outlet, the publisher an article name starts with (PolNeAR: `breitbart_2016-03-11_...`)."""
        totals: dict = defaultdict(lambda: [0, 0])
        for article, (right, n) in self.speaker_by_article.items():
            outlet = totals[article.split("_", 1)[0]]
            outlet[0] += right
            outlet[1] += n
        return {outlet: tuple(counts) for outlet, counts in sorted(totals.items())}

    def most_speaker_misses(self, top: int = 3) -> list[tuple[str, tuple[int, int]]]:
        """The articles with the most matched quotes not given the gold's speaker (is the miss spread or in one place?)."""
        missed = [(name, (right, n)) for name, (right, n) in self.speaker_by_article.items() if right < n]
        return sorted(missed, key=lambda item: (item[1][0] - item[1][1], item[0]))[:top]

    def partial_inside_mixed_metrics(self) -> dict:
        """d+p at 0.8, also counting as matched a unit of partial rows only whose words lie wholly inside the gold's content:
        the issue's partial row is the quoted words alone, and the gold's mixed attribution adds the reported clause around
        them, which is an indirect row's content (missing here). Not the headline figure."""
        m = self.metrics("direct+partial", THRESHOLDS[1])
        tp = m["tp"] + self.partial_inside_mixed
        return _precision_recall_f1(tp, m["predicted"], m["gold"]) | {"tp": tp, "units": self.partial_inside_mixed}

    def intervals(self, draws: int = 1000, seed: int = 0) -> dict[str, tuple[float, float]]:
        """95% intervals of the headline figures, resampling articles with replacement (the quotes of one article share
        its writer, outlet and form, so they are not independent draws): how far apart two runs on other articles of
        the same kind could land, and whether a figure's distance to a target is more than that noise."""
        articles = sorted(self.counts_by_article)
        if not articles:
            return {}
        keys = [(c, t) for c in ("direct+partial", "indirect") for t in THRESHOLDS]
        counts = np.array([[self.counts_by_article[a].get(k, (0, 0, 0)) for k in keys] for a in articles], dtype=float)
        speakers = np.array([self.speaker_by_article.get(a, (0, 0)) for a in articles], dtype=float)
        picks = np.random.default_rng(seed).integers(0, len(articles), size=(draws, len(articles)))
        drawn, drawn_speakers = counts[picks].sum(axis=1), speakers[picks].sum(axis=1)  # (draws, keys, 3), (draws, 2)
        tp, predicted, gold = drawn[..., 0], drawn[..., 1], drawn[..., 2]
        precision = np.divide(tp, predicted, out=np.zeros_like(tp), where=predicted > 0)
        recall = np.divide(tp, gold, out=np.zeros_like(tp), where=gold > 0)
        f1 = np.divide(2 * precision * recall, precision + recall, out=np.zeros_like(tp), where=precision + recall > 0)
        figures = {f"{c}@{t} F1": f1[:, i] for i, (c, t) in enumerate(keys) if c == "direct+partial"}
        indirect = keys.index(("indirect", THRESHOLDS[0]))
        figures |= {f"indirect@{THRESHOLDS[0]} precision": precision[:, indirect], f"indirect@{THRESHOLDS[0]} recall": recall[:, indirect]}
        if speakers[:, 1].sum():
            figures["speaker correct"] = np.divide(drawn_speakers[:, 0], drawn_speakers[:, 1], out=np.zeros(draws),
                                                   where=drawn_speakers[:, 1] > 0)
        return {name: (float(np.percentile(values, 2.5)), float(np.percentile(values, 97.5))) for name, values in figures.items()}

    def as_dict(self) -> dict:
        return {
            "articles": self.articles,
            "gold_in_headlines_excluded": self.gold_in_headlines,
            "metrics": {f"{c}@{t}": self.metrics(c, t) for c in CATEGORIES for t in THRESHOLDS},
            "metrics_cue_rows_joined": {f"{c}@{t}": self.metrics(c, t, joined=True) for c in CATEGORIES for t in THRESHOLDS},
            "speaker_accuracy": self.speaker_correct / self.speaker_total if self.speaker_total else None,
            "speaker_accuracy_strict": self.speaker_correct_strict / self.speaker_total if self.speaker_total else None,
            "speaker_evaluated": self.speaker_total,
            "speaker_missing": self.speaker_missing,
            "speaker_by_outlet": {outlet: {"correct": right, "matched": n} for outlet, (right, n) in self.speaker_by_outlet().items()},
            "speaker_by_article": {name: {"correct": right, "matched": n} for name, (right, n) in sorted(self.speaker_by_article.items())},
            "speaker_wrong_name_rate": (self.speaker_total - self.speaker_correct - self.speaker_missing) / self.speaker_total
            if self.speaker_total else None,
            "precision_by_confidence": {b: m / n for b, (m, n) in sorted(self.calibration.items())},
            "filtered_at_half": {"right": self.below_half[0], "wrong": self.below_half[1] - self.below_half[0]},
            "unmatched_inside_speakers_gold": dict(self.inside_gold),
            "direct+partial@0.8_partial_inside_mixed": self.partial_inside_mixed_metrics(),
            "intervals_95_articles_resampled": {name: list(bounds) for name, bounds in self.intervals().items()},
        }


def load_gold(path: Path) -> dict[str, list[dict]]:
    by_article: dict[str, list[dict]] = defaultdict(list)
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                by_article[row["article"]].append(row)
    return dict(by_article)


def overlap(a: frozenset[int], b: frozenset[int]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def match(gold: list[Unit], predicted: list[Unit]) -> list[tuple[int, int, float]]:
    """Greedy one-to-one matching by decreasing overlap: (gold index, predicted index, overlap)."""
    pairs = sorted(((overlap(g.words, p.words), i, j) for i, g in enumerate(gold) for j, p in enumerate(predicted)
                    if g.words & p.words), reverse=True)
    used_gold, used_pred, matches = set(), set(), []
    for score, i, j in pairs:
        if i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
            matches.append((i, j, score))
    return matches


class _WordMap:
    """Maps character spans of the raw file onto word indexes of the normalized text."""

    def __init__(self, raw: str, normalized: str) -> None:
        raw_words = list(WORD.finditer(raw))
        norm_words = list(WORD.finditer(normalized))
        self.raw_starts = [m.start() for m in raw_words]
        self.norm_starts = [m.start() for m in norm_words]
        matcher = SequenceMatcher(None, [m.group() for m in raw_words], [m.group() for m in norm_words], autojunk=False)
        self.raw_to_norm: dict[int, int] = {}
        for block in matcher.get_matching_blocks():
            for k in range(block.size):
                self.raw_to_norm[block.a + k] = block.b + k

    def raw_span(self, start: int, end: int) -> frozenset[int]:
        first = bisect.bisect_left(self.raw_starts, start)
        last = bisect.bisect_left(self.raw_starts, end)
        return frozenset(self.raw_to_norm[i] for i in range(first, last) if i in self.raw_to_norm)

    def norm_span(self, start: int, end: int) -> frozenset[int]:
        return frozenset(range(bisect.bisect_left(self.norm_starts, start), bisect.bisect_left(self.norm_starts, end)))


def _headline_end(raw: str) -> int:
    """Characters of the raw file taken by the header and headline (not part of documents.text)."""
    cleaned = clean_characters(raw)
    _, rest = parse_header(cleaned)
    title, _ = split_title(rest)
    if title is None:
        return 0
    position = raw.find(title.split()[-1])
    return position + len(title.split()[-1]) if position >= 0 else 0


def score_quotes(gold_path: Path, text_dir: Path, model: str = DEFAULT_MODEL, n_process: int = 1,
                 limit: int | None = None) -> QuoteScore:
    gold = load_gold(gold_path)
    articles = sorted(gold)[:limit] if limit else sorted(gold)
    now = dt.datetime.now(dt.timezone.utc)
    raws = {a: (text_dir / f"{a}.txt").read_text(encoding="utf-8") for a in articles}
    documents = {a: build_document(raws[a], a, now) for a in articles}
    frame = pl.DataFrame([{"doc_id": a, "text": d["text"], "paragraphs": d["paragraphs"]} for a, d in documents.items()])
    _, mention_rows, quote_rows = link(extract_documents(frame, model, n_process))  # doc ids are the article names
    quotes_by_doc, mentions_by_doc = defaultdict(list), defaultdict(list)
    for row in quote_rows:
        quotes_by_doc[row["doc_id"]].append(row)
    for row in mention_rows:
        mentions_by_doc[row["doc_id"]].append(row)
    score = QuoteScore(articles=len(articles))
    totals: dict = defaultdict(lambda: [0, 0, 0])
    joined_totals: dict = defaultdict(lambda: [0, 0, 0])
    for article in articles:
        words = _WordMap(raws[article], documents[article]["text"])
        headline_end = _headline_end(raws[article])
        gold_units = []
        for row in gold[article]:
            if not row.get("content"):
                continue  # a handful of gold rows have no content span
            if max(c["end"] for c in row["content"]) <= headline_end:
                score.gold_in_headlines += 1
                continue
            unit = _gold_unit(row, words, raws[article])
            if unit.words:
                gold_units.append(unit)
        predicted = _predicted_units(quotes_by_doc[article], words, gold_units)
        joined = _predicted_units(quotes_by_doc[article], words)
        entity_at = [(words.norm_span(m["start"], m["end"]), m["entity_id"]) for m in mentions_by_doc[article]]
        _count_rows_by_group(score, quotes_by_doc[article], gold_units, words, entity_at)
        for category in CATEGORIES:
            g = [u for u in gold_units if _in_category(u, category)]
            matches = match(g, [u for u in joined if _in_category(u, category)])
            for threshold in THRESHOLDS:
                cell = joined_totals[(category, threshold)]
                cell[0] += sum(1 for _, _, o in matches if o >= threshold)
                cell[1] += sum(1 for u in joined if _in_category(u, category))
                cell[2] += len(g)
        for category in CATEGORIES:
            g = [u for u in gold_units if _in_category(u, category)]
            p = [u for u in predicted if _in_category(u, category)]
            matches = match(g, p)
            for threshold in THRESHOLDS:
                tp = sum(1 for _, _, o in matches if o >= threshold)
                cell = totals[(category, threshold)]
                cell[0] += tp
                cell[1] += len(p)
                cell[2] += len(g)
                score.counts_by_article.setdefault(article, {})[(category, threshold)] = (tp, len(p), len(g))
            matched = {j for _, j, o in matches if o >= THRESHOLDS[0]}
            score.inside_gold[category] = score.inside_gold.get(category, 0) + sum(
                1 for j, unit in enumerate(p) if j not in matched and _inside_speakers_gold(unit, gold_units, entity_at))
            if category == "all":
                for j, unit in enumerate(p):
                    bucket = score.calibration.setdefault(_bucket(unit.confidence), [0, 0])
                    bucket[0] += j in matched
                    bucket[1] += 1
            if category == "direct+partial":
                score.partial_inside_mixed += _partial_inside_mixed(g, p, matches)
                for i, j, o in matches:
                    if o >= THRESHOLDS[0] and g[i].speaker_words:
                        score.speaker_total += 1
                        score.speaker_correct += _speaker_matches(g[i], p[j], entity_at)
                        score.speaker_correct_strict += _speaker_matches(g[i], p[j], entity_at, strict=True)
                        score.speaker_missing += not p[j].speaker_words and p[j].speaker_entity is None
                        counts = score.speaker_by_article.setdefault(article, [0, 0])
                        counts[0] += _speaker_matches(g[i], p[j], entity_at)
                        counts[1] += 1
    score.counts = {key: tuple(value) for key, value in totals.items()}
    score.counts_joined = {key: tuple(value) for key, value in joined_totals.items()}
    return score


def _count_rows_by_group(score: QuoteScore, rows: list[dict], gold: list[Unit], words: _WordMap, entity_at) -> None:
    """Row-level correctness (its words belong to a gold attribution whose source, if any, is its speaker),
    per (kind, how the speaker was found, speaker state): the data behind the calibrated confidences."""
    for row in rows:
        content = words.norm_span(row["start"], row["end"])
        candidates = [u for u in gold if len(content & u.words) >= 0.5 * len(content) or overlap(content, u.words) >= 0.3]
        speaker = words.norm_span(row["speaker_start"], row["speaker_end"]) if row["speaker_start"] is not None else frozenset()
        unit = Unit(content, True, speaker, row["speaker_entity_id"])
        right = any(not u.speaker_words or _speaker_matches(u, unit, entity_at) for u in candidates) if content else False
        state = "entity" if row["speaker_entity_id"] else ("text" if row["speaker_text"] else "none")
        cell = score.by_group.setdefault((row["kind"], row.get("attribution", "?"), state), [0, 0])
        cell[0] += right
        cell[1] += 1
        if row["confidence"] < 0.5:  # what a user filtering at 0.5 loses: the issue wants more wrong rows than right
            score.below_half[0] += right
            score.below_half[1] += 1


def _precision_recall_f1(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


INSIDE_SHARE = 0.8


def _inside_speakers_gold(unit: Unit, gold: list[Unit], entity_at) -> bool:
    """An unmatched unit whose words lie (mostly) inside one gold attribution of the same speaker: the gold joined what the
    issue counts as two attributions (`X said A and said B`, `X noted A and said B`, a reported clause and the quote
    after it), and one-to-one matching gave that attribution to our other unit. Not a wrong row, though not a match."""
    return bool(unit.words) and any(g.speaker_words and len(unit.words & g.words) >= INSIDE_SHARE * len(unit.words)
                                    and _speaker_matches(g, unit, entity_at) for g in gold)


def _partial_inside_mixed(gold: list[Unit], predicted: list[Unit], matches: list[tuple[int, int, float]]) -> int:
    """Matches at 0.3 but not 0.8 of a unit of partial quotes only whose words lie wholly inside the gold's content: our
    quoted words are right by the issue's definition, and the gold's mixed attribution holds the reported phrase around them
    too (`said he could "singlehandedly restore" the economy`), which is an indirect row's content."""
    return sum(1 for i, j, o in matches if THRESHOLDS[0] <= o < THRESHOLDS[1] and predicted[j].only_partial
               and predicted[j].words <= gold[i].words)


def _bucket(confidence: float) -> str:
    low = min(int(confidence * 10), 9) / 10
    return f"{low:.1f}-{low + 0.1:.1f}"


def _content_spans(row: dict) -> list[dict]:
    """A gold row's content: its `content` spans and, in a few rows (57 of train), the second half of a quote split around
    its attribution as `content2` (`"A," Zucker said. "B."`)."""
    return list(row["content"]) + list(row.get("content2") or [])


def _gold_unit(row: dict, words: _WordMap, raw: str = "") -> Unit:
    content = frozenset().union(*[words.raw_span(c["start"], c["end"]) for c in _content_spans(row)])
    spans = _source_spans(row)
    source = _with_antecedent(_words_of(spans, words), spans)
    annotated = row.get("source") or []
    cue = " ".join(c["text"] for c in row.get("cue") or []).strip().lower()
    return Unit(content, bool(row.get("content_has_double_quote_mark")) or _has_quote_marks(row, raw), source,
                reports_nested=cue.startswith("according to"),
                annotated_source=_with_antecedent(_words_of(annotated, words), annotated) if spans is not annotated else None)


def _words_of(spans: list[dict], words: _WordMap) -> frozenset[int]:
    return frozenset().union(*[words.raw_span(s["start"], s["end"]) for s in spans]) if spans else frozenset()


def _source_spans(row: dict) -> list[dict]:
    """The gold source's spans; where the annotator swapped source and cue (source "said", cue "Jillian Soto"), the cue's."""
    source, cue = row.get("source") or [], row.get("cue") or []
    source_text = " ".join(s["text"] for s in source).strip().lower()
    cue_text = " ".join(c["text"] for c in cue).strip()
    if source_text in SPEECH_VERB_WORDS and cue_text and cue_text.lower() not in SPEECH_VERB_WORDS:
        return cue
    return source


def _with_antecedent(source: frozenset[int], spans: list[dict]) -> frozenset[int]:
    """A gold source that is only a relative pronoun ('said Mr. X, who added ...') stands for the phrase it
    follows: the word right before it joins the source, so our speaker 'Mr. X' (or its entity) can match."""
    if len(source) == 1 and " ".join(s["text"] for s in spans).strip().lower() in RELATIVE_PRONOUNS and min(source) > 0:
        return source | {min(source) - 1}
    return source


def _has_quote_marks(row: dict, raw: str) -> bool:
    """PolNeAR's flag misses NYT's '' pairs: look for any double mark in or right around the content, touching it (a
    mark across a space or line break closes the sentence before: `... absurd.” Trump’s supporters seemed ...`)."""
    for c in _content_spans(row):
        if not raw:
            around = c["text"]
        else:
            before, after = raw[max(0, c["start"] - 2) : c["start"]], raw[c["end"] : c["end"] + 2]
            around = re.split(r"\s", before)[-1] + raw[c["start"] : c["end"]] + re.split(r"\s", after)[0]
        if any(mark in around for mark in QUOTE_MARKS):
            return True
    return False


def _predicted_units(rows: list[dict], words: _WordMap, gold: list[Unit] | None = None) -> list[Unit]:
    """Rows with the same cue are one attribution: the halves of a split quote, or a reported clause with
    the quoted phrases inside it (a "mixed" quote, which the gold marks as quoted). Given the gold units, rows of
    one cue that lie in different gold units are scored apart, as the gold segments them: PolNeAR annotates
    `"A," X said. "B."` sometimes as one attribution and sometimes as two, and our rows are two either way."""
    groups: dict = defaultdict(list)
    for index, row in enumerate(rows):
        key = (row["cue_start"], row["speaker_start"]) if row["cue_start"] is not None else ("row", index)
        groups[key].append(row)
    if gold is not None:
        groups = {(key, part): members for key, rows_of_cue in groups.items()
                  for part, members in _as_gold_segments(rows_of_cue, words, gold).items()}
    units = []
    for key, members in groups.items():
        content = frozenset().union(*[words.norm_span(r["start"], r["end"]) for r in members])
        first = members[0]
        speaker = words.norm_span(first["speaker_start"], first["speaker_end"]) if first["speaker_start"] is not None else frozenset()
        cue = words.norm_span(first["cue_start"], first["cue_end"]) if first["cue_start"] is not None else frozenset()
        quoted = any(r["kind"] != "indirect" or any(m in r["text"] for m in QUOTE_MARKS) for r in members)
        units.append(Unit(content, quoted, speaker, first["speaker_entity_id"], max(r["confidence"] for r in members), cue,
                          only_partial=all(r["kind"] == "partial" for r in members)))
    return units


def _as_gold_segments(rows: list[dict], words: _WordMap, gold: list[Unit]) -> dict:
    """The rows of one cue grouped by the gold unit holding most of each, where they lie in different gold units
    (a row in none joins the first group); otherwise all together."""
    parts: dict = defaultdict(list)
    for row in rows:
        content = words.norm_span(row["start"], row["end"])
        best = max(range(len(gold)), key=lambda i: len(content & gold[i].words), default=None)
        holds = best is not None and content and len(content & gold[best].words) >= 0.5 * len(content)
        parts[best if holds else None].append(row)
    held = [key for key in parts if key is not None]
    if len(held) < 2:
        return {0: rows}
    parts[held[0]] += parts.pop(None, [])
    return parts


def _in_category(unit: Unit, category: str) -> bool:
    return category == "all" or (category == "direct+partial") == unit.quoted


def _speaker_matches(gold: Unit, predicted: Unit, entity_at: list[tuple[frozenset[int], str]], strict: bool = False) -> bool:
    source = gold.annotated_source if strict and gold.annotated_source is not None else gold.speaker_words
    if predicted.speaker_words & source:
        return True
    gold_entities = {entity for span, entity in entity_at if span & source}
    if predicted.speaker_entity is not None and predicted.speaker_entity in gold_entities:
        return True
    # `"...," X said, according to Y`: the gold unit is Y's and its content holds our whole attribution, X's
    return not strict and gold.reports_nested and _inner_attribution(gold, predicted)


def _inner_attribution(gold: Unit, predicted: Unit) -> bool:
    return bool(predicted.speaker_words and predicted.cue_words) and predicted.speaker_words | predicted.cue_words <= gold.words


def format_report(score: QuoteScore) -> str:
    lines = [f"articles: {score.articles} (gold attributions in headlines, not scored: {score.gold_in_headlines})",
             f"{'category':16} {'overlap':>7} {'P':>6} {'R':>6} {'F1':>6} {'tp':>6} {'pred':>6} {'gold':>6}"]
    for category in CATEGORIES:
        for threshold in THRESHOLDS:
            m = score.metrics(category, threshold)
            lines.append(f"{category:16} {threshold:7.1f} {m['precision']:6.3f} {m['recall']:6.3f} {m['f1']:6.3f} "
                         f"{m['tp']:6} {m['predicted']:6} {m['gold']:6}")
    lines.append("with the rows of one cue always one unit (not segmented as the gold is): " + ", ".join(
        f"{c}@{t} F1 {score.metrics(c, t, joined=True)['f1']:.3f}" for c in ("direct+partial", "all") for t in THRESHOLDS))
    lines.append("precision@0.3 not counting as wrong an unmatched unit inside a gold attribution of its speaker (the gold joins "
                 "'X said A and said B' into one; strict figures above): " + ", ".join(
                     f"{c} {m['tp'] / max(1, m['predicted'] - score.inside_gold.get(c, 0)):.3f} ({score.inside_gold.get(c, 0)} units)"
                     for c in CATEGORIES for m in [score.metrics(c, THRESHOLDS[0])]))
    mixed = score.partial_inside_mixed_metrics()
    lines.append(f"direct+partial@0.8 also counting a unit of partial quotes only, wholly inside the gold's mixed content, as matched "
                 f"(the issue's partial text is the quoted words; the clause around them is an indirect row's, missing): F1 "
                 f"{mixed['f1']:.3f} ({mixed['units']} units; strict above: {score.metrics('direct+partial', THRESHOLDS[1])['f1']:.3f})")
    if intervals := score.intervals():
        lines.append(f"95% intervals, articles resampled ({score.articles} articles, 1000 draws): " + ", ".join(
            f"{name} {low:.3f}-{high:.3f}" for name, (low, high) in intervals.items()))
    lines.append("rows right (content and speaker) by kind, attribution, speaker state:")
    for key, (right, rows) in sorted(score.by_group.items(), key=lambda item: -item[1][1]):
        lines.append(f"  {'/'.join(key):34} {rows:6} rows  {right / rows:.2f}")
    lines.append("precision by confidence (all units, overlap 0.3): " + ", ".join(
        f"{b}: {m}/{n}={m / n:.2f}" for b, (m, n) in sorted(score.calibration.items())))
    right, rows = score.below_half
    lines.append(f"filtering at confidence 0.5 drops {rows} rows: {right} right, {rows - right} wrong "
                 "(right: its words in a gold attribution whose source, if any, is its speaker)")
    if score.speaker_total:
        lines.append(f"speaker correct for matched direct+partial quotes: {score.speaker_correct}/{score.speaker_total} "
                     f"= {score.speaker_correct / score.speaker_total:.3f} (strict, without the nested and swapped-source "
                     f"allowances: {score.speaker_correct_strict / score.speaker_total:.3f}); no speaker {score.speaker_missing}, "
                     f"wrong name {score.speaker_total - score.speaker_correct - score.speaker_missing} "
                     f"= {(score.speaker_total - score.speaker_correct - score.speaker_missing) / score.speaker_total:.3f}")
    if len(by_outlet := score.speaker_by_outlet()) > 1:
        lines.append("speaker correct by outlet: " + ", ".join(
            f"{outlet} {right}/{n}={right / n:.2f}" for outlet, (right, n) in by_outlet.items()))
    if worst := score.most_speaker_misses():
        lines.append("articles with the most speaker misses: " + ", ".join(
            f"{name} {n - right} of {n}" for name, (right, n) in worst))
    return "\n".join(lines)
