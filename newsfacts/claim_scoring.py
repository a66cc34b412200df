"""Accuracy of the claims table against hand-annotated articles.

Gold (tests/data/claims_gold.json): for each article, every checkable claim as a
character span of the raw file and its claimant (canonical entity name, or
null for the article's own voice). Spans are compared as sets of words of the
normalized text (the raw file is mapped onto documents.text word by word, so
annotations survive normalization and no corpus text is stored).

- recall: gold claims with an extracted claim containing at least 0.7 of their words;
- real claims: extracted rows containing 0.7 of a gold claim or 0.7 inside one;
- claimant: for each found gold claim, the claimant of the tightest extracted row that contains it.

The same figures are given per set of articles: those marked 'held out ... round N' in their note (annotated
before the rules of round N were written) and the rest ('developed on').
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from newsfacts.claims import claim_rows
from newsfacts.documents import build_document
from newsfacts.extraction import extract_documents
from newsfacts.linking import link
from newsfacts.quote_scoring import _WordMap
from newsfacts.scoring import article_path
from newsfacts.settings import DEFAULT_MODEL

CONTAINMENT = 0.7


@dataclass
class ClaimScore:
    articles: int = 0
    gold: int = 0
    found: int = 0
    extracted: int = 0
    real: int = 0
    claimant_checked: int = 0
    claimant_correct: int = 0
    errors: list[str] = field(default_factory=list)
    by_set: dict[str, "ClaimScore"] = field(default_factory=dict)

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def precision(self) -> float:
        return self.real / self.extracted if self.extracted else 0.0

    @property
    def claimant_accuracy(self) -> float:
        return self.claimant_correct / self.claimant_checked if self.claimant_checked else 0.0

    def to_json(self) -> dict:
        figures = {"articles": self.articles, "gold_claims": self.gold, "recall": round(self.recall, 3),
                   "extracted": self.extracted, "real_claims_share": round(self.precision, 3),
                   "claimant_accuracy": round(self.claimant_accuracy, 3), "claimant_checked": self.claimant_checked}
        if self.by_set:
            figures["by_set"] = {name: part.to_json() for name, part in self.by_set.items()}
        return figures

    def add(self, other: "ClaimScore") -> None:
        self.articles += other.articles
        for name in ("gold", "found", "extracted", "real", "claimant_checked", "claimant_correct"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors += other.errors


HELD_OUT_ROUND = re.compile(r"held out\b.*?\bround (\d+)", re.IGNORECASE)


def article_set(article: dict) -> str:
    """Which set an annotated article belongs to: 'held out round N' where its note says so, else 'developed on'."""
    found = HELD_OUT_ROUND.search(article.get("note", ""))
    return f"held out round {found.group(1)}" if found else "developed on"


def containment(inner: frozenset[int], outer: frozenset[int]) -> float:
    """Share of `inner`'s words that are in `outer`."""
    return len(inner & outer) / len(inner) if inner else 0.0


def same_claimant(expected: str | None, predicted: str | None) -> bool:
    def norm(name: str | None) -> str | None:
        if name is None:
            return None
        name = name.strip().lower()
        for article in ("the ", "a ", "an "):
            if name.startswith(article):
                return name[len(article):]
        return name
    return norm(expected) == norm(predicted)


def score_claims(gold_path: Path, root: Path, shared: Path, model: str = DEFAULT_MODEL) -> ClaimScore:
    articles = json.loads(Path(gold_path).read_text(encoding="utf-8"))["articles"]
    now = dt.datetime.now(dt.timezone.utc)
    raws, documents = [], []
    for article in articles:
        path = article_path(article["source"], root, shared)
        raw_bytes = path.read_bytes()
        if article.get("sha256") and hashlib.sha256(raw_bytes).hexdigest() != article["sha256"]:
            raise ValueError(f"{path}: the file changed since it was annotated (sha256 differs)")
        raws.append(raw_bytes.decode("utf-8"))
        documents.append(build_document(raws[-1], article["source"], now))
    frame = pl.DataFrame([{"doc_id": d["doc_id"], "text": d["text"], "paragraphs": d["paragraphs"],
                           "published_date": d["published_date"]} for d in documents])
    extracted = extract_documents(frame, model, n_process=1)
    entities, mentions, quotes = link(extracted)
    names = {row["entity_id"]: row["name"] for row in entities}
    rows = claim_rows({a.doc_id: a.claims for a in extracted}, mentions, quotes, names)
    by_doc = defaultdict(list)
    for row in rows:
        by_doc[row["doc_id"]].append(row)
    score = ClaimScore()
    for article, raw, document in zip(articles, raws, documents):
        part = ClaimScore(articles=1)
        _score_article(part, article, raw, document, by_doc[document["doc_id"]])
        score.add(part)
        score.by_set.setdefault(article_set(article), ClaimScore()).add(part)
    score.by_set = dict(sorted(score.by_set.items(), key=lambda item: (item[0] != "developed on", item[0])))
    return score


def _score_article(score: ClaimScore, article: dict, raw: str, document: dict, rows: list[dict]) -> None:
    words = _WordMap(raw, document["text"])
    gold = [(words.raw_span(c["start"], c["end"]), c) for c in article["claims"]]
    predicted = [(words.norm_span(r["start"], r["end"]), r) for r in rows]
    score.gold += len(gold)
    score.extracted += len(predicted)
    for span, row in predicted:
        if any(containment(g, span) >= CONTAINMENT or containment(span, g) >= CONTAINMENT for g, _ in gold):
            score.real += 1
        else:
            score.errors.append(f"{article['source']}: not a claim: {row['text'][:80]!r}")
    for g, claim in gold:
        holders = [(len(span), row) for span, row in predicted if containment(g, span) >= CONTAINMENT]
        label = raw[claim["start"]:claim["end"]][:80]
        if not holders:
            score.errors.append(f"{article['source']}: missed: {label!r}")
            continue
        score.found += 1
        _, tightest = min(holders, key=lambda pair: pair[0])
        score.claimant_checked += 1
        if same_claimant(claim["claimant"], tightest["claimant"]):
            score.claimant_correct += 1
        else:
            score.errors.append(f"{article['source']}: claimant {tightest['claimant']!r}, expected {claim['claimant']!r}: {label!r}")


def format_report(score: ClaimScore) -> str:
    lines = [
        f"claims on {score.articles} annotated articles",
        f"recall of annotated claims (containment >= {CONTAINMENT}): {score.recall:.3f} ({score.found}/{score.gold})",
        f"extracted rows that are real claims: {score.precision:.3f} ({score.real}/{score.extracted})",
        f"claimant correct for found claims: {score.claimant_accuracy:.3f} ({score.claimant_correct}/{score.claimant_checked})",
        "",
        "by set (recall / real claims / claimant):",
        *[f"  {name}: {part.articles} articles, {part.gold} claims: {part.recall:.3f} / {part.precision:.3f} / "
          f"{part.claimant_accuracy:.3f}" for name, part in score.by_set.items()],
        "",
        "errors:",
        *[f"  {e}" for e in score.errors],
    ]
    return "\n".join(lines)
