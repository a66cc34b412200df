"""Accuracy of the entity stage against hand-annotated articles.

The gold format is `tests/data/entities_gold.json` (see its "about"). Reported:
precision, recall and F1 of (canonical name, type) per article, for people,
organisations and places (GPE, LOC and FAC count as one group); how short
forms, role descriptions and pronouns resolve (correct, wrong, unresolved);
and surname merges: predicted people whose mentions belong to two gold people.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from newsfacts.documents import build_document
from newsfacts.extraction import extract_documents
from newsfacts.linking import link
from newsfacts.settings import DEFAULT_MODEL

SCORED_GROUPS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}
POLNEAR_PREFIX = "polnear:"


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class EntityScore:
    by_group: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    resolutions: Counter = field(default_factory=Counter)  # correct / wrong / unresolved, per resolution kind
    merges: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # readable misses and false alarms

    @property
    def overall(self) -> Counts:
        total = Counts()
        for counts in self.by_group.values():
            total.tp += counts.tp
            total.fp += counts.fp
            total.fn += counts.fn
        return total

    def as_dict(self) -> dict:
        groups = {g: {"precision": c.precision, "recall": c.recall, "f1": c.f1, "tp": c.tp, "fp": c.fp, "fn": c.fn}
                  for g, c in sorted(self.by_group.items())}
        overall = self.overall
        return {
            "entities": groups,
            "entities_overall": {"precision": overall.precision, "recall": overall.recall, "f1": overall.f1},
            "resolutions": dict(self.resolutions),
            "surname_merges": self.merges,
        }


BBC_PREFIX = "bbc:"


def article_path(source: str, root: Path, shared: Path) -> Path:
    """Where an annotated article lives: 'polnear:NAME' and 'bbc:GROUP/FILE' in the shared corpora, else under root."""
    if source.startswith(BBC_PREFIX):
        return shared / "corpora" / "bbc" / source[len(BBC_PREFIX):]
    if source.startswith(POLNEAR_PREFIX):
        return shared / "corpora" / "polnear" / "text" / f"{source[len(POLNEAR_PREFIX):]}.txt"
    return root / source


def nth_occurrence(text: str, needle: str, n: int) -> tuple[int, int] | None:
    """Span of the n-th (1-based) whole-word, case-sensitive occurrence of needle."""
    matches = list(re.finditer(rf"(?<!\w){re.escape(needle)}(?!\w)", text))
    return (matches[n - 1].start(), matches[n - 1].end()) if len(matches) >= n else None


def score_entities(gold_path: Path, root: Path, shared: Path, model: str = DEFAULT_MODEL) -> EntityScore:
    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))["articles"]
    now = dt.datetime.now(dt.timezone.utc)
    documents = []
    for article in gold:
        path = article_path(article["source"], root, shared)
        document = build_document(path.read_text(encoding="utf-8"), article["source"], now)
        documents.append(document)
    frame = pl.DataFrame([{"doc_id": d["doc_id"], "text": d["text"], "paragraphs": d["paragraphs"]} for d in documents])
    entity_rows, mention_rows, _ = link(extract_documents(frame, model, n_process=1))
    names = {e["entity_id"]: (e["name"], e["type"]) for e in entity_rows}
    score = EntityScore()
    for article, document in zip(gold, documents):
        mentions = [m for m in mention_rows if m["doc_id"] == document["doc_id"]]
        _score_article_entities(score, article, mentions, names)
        _score_resolutions(score, article, document["text"], mentions, names)
    _find_merges(score, gold, documents, mention_rows, names)
    return score


def _score_article_entities(score: EntityScore, article: dict, mentions: list[dict], names: dict) -> None:
    predicted = {(names[m["entity_id"]][0], SCORED_GROUPS[names[m["entity_id"]][1]])
                 for m in mentions if names[m["entity_id"]][1] in SCORED_GROUPS}
    expected = {(name, SCORED_GROUPS[type_]) for name, type_ in article["entities"]}
    for name, group in predicted | expected:
        counts = score.by_group[group]
        if (name, group) in predicted and (name, group) in expected:
            counts.tp += 1
        elif (name, group) in predicted:
            counts.fp += 1
            score.errors.append(f"{article['source']}: extra {group} {name!r}")
        else:
            counts.fn += 1
            score.errors.append(f"{article['source']}: missed {group} {name!r}")


def _score_resolutions(score: EntityScore, article: dict, text: str, mentions: list[dict], names: dict) -> None:
    for needle, occurrence, expected in article["resolutions"]:
        span = nth_occurrence(text, needle, occurrence)
        if span is None:
            score.errors.append(f"{article['source']}: annotation {needle!r} #{occurrence} not found in the text")
            score.resolutions["annotation_not_found"] += 1
            continue
        kind = "pronoun" if needle.lower() in {"he", "him", "his", "himself", "she", "her", "hers", "herself"} else (
            "title" if " " in needle and needle[:1].islower() or needle.startswith(("The ", "the ")) else "alias")
        expected_type = "PERSON"  # every annotated resolution is of a person; other overlapping mentions do not count
        found = [m for m in mentions if m["start"] < span[1] and span[0] < m["end"] and names[m["entity_id"]][1] == expected_type]
        if not found:
            outcome = "unresolved"
        elif names[found[0]["entity_id"]][0] == expected:
            outcome = "correct"
        else:
            outcome = "wrong"
            score.errors.append(f"{article['source']}: {needle!r} #{occurrence} -> {names[found[0]['entity_id']][0]!r}, not {expected!r}")
        score.resolutions[f"{kind}_{outcome}"] += 1
        score.resolutions[outcome] += 1


def _find_merges(score: EntityScore, gold: list[dict], documents: list[dict], mention_rows: list[dict], names: dict) -> None:
    """A predicted person whose mentions include the full names of two different gold people."""
    gold_people = {name for article in gold for name, type_ in article["entities"] if type_ == "PERSON"}
    seen: dict[str, set[str]] = defaultdict(set)
    for mention in mention_rows:
        if mention["text"] in gold_people:
            seen[mention["entity_id"]].add(mention["text"])
    for entity_id, people in seen.items():
        if len(people) > 1:
            score.merges.append(f"{names[entity_id][0]}: {sorted(people)}")


def format_report(score: EntityScore) -> str:
    lines = ["entities (canonical name, type) per article", f"{'group':8} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn"]
    for group, counts in sorted(score.by_group.items()) + [("all", score.overall)]:
        lines.append(f"{group:8} {counts.precision:6.3f} {counts.recall:6.3f} {counts.f1:6.3f} {counts.tp:4} {counts.fp:3} {counts.fn:3}")
    r = score.resolutions
    total = r["correct"] + r["wrong"] + r["unresolved"]
    lines.append("")
    lines.append(f"resolutions of short forms, titles and pronouns: {total}")
    if total:
        lines.append(f"  correct {r['correct']} ({r['correct'] / total:.3f}), wrong {r['wrong']}, unresolved {r['unresolved']}; "
                     f"precision of resolved {r['correct'] / max(1, r['correct'] + r['wrong']):.3f}")
    for kind in ("alias", "title", "pronoun"):
        parts = {o: r[f"{kind}_{o}"] for o in ("correct", "wrong", "unresolved")}
        lines.append(f"  {kind:8} correct {parts['correct']}, wrong {parts['wrong']}, unresolved {parts['unresolved']}")
    lines.append(f"surname merges of two different people: {len(score.merges)} {score.merges if score.merges else ''}")
    if score.errors:
        lines += ["", "errors:"] + [f"  {e}" for e in score.errors]
    return "\n".join(lines)
