"""Accuracy of pronoun speakers: whom `he said` resolves to, against hand-annotated quotes.

PolNeAR's gold names the source as written (`he`), so its speaker figure counts a pronoun right whoever it resolves
to. This gold (`tests/data/pronoun_speakers_gold.json`, see its `about`) says whom each pronoun means. A row is right
when the gold speaker's surname is a word of the name the quotes table gives the speaker (`Mike Read` is right for
`DJ Mike Read`), or when the article names nobody and the quote has no speaker; a quote with no speaker where the
article names one counts as unresolved, a different name as wrong.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from newsfacts.documents import build_document
from newsfacts.extraction import extract_documents
from newsfacts.linking import link
from newsfacts.settings import DEFAULT_MODEL

WORD = re.compile(r"[\w'’-]+")


@dataclass
class SpeakerScore:
    right: int = 0
    wrong: list = field(default_factory=list)  # (article, quote, gold speaker, our speaker)
    unresolved: list = field(default_factory=list)  # (article, quote, gold speaker)
    not_found: list = field(default_factory=list)  # (article, quote): no quote of ours starts so

    @property
    def rows(self) -> int:
        return self.right + len(self.wrong) + len(self.unresolved) + len(self.not_found)

    def as_dict(self) -> dict:
        return {"rows": self.rows, "right": self.right, "wrong": len(self.wrong), "unresolved": len(self.unresolved),
                "not_found": len(self.not_found), "accuracy": self.right / self.rows if self.rows else None}


def same_speaker(gold: str | None, ours: str | None) -> bool:
    """Is our speaker name the gold's person (its surname is one of our name's words), or are both nobody?"""
    if gold is None or ours is None:
        return gold is None and ours is None
    return WORD.findall(gold)[-1].lower() in {w.lower() for w in WORD.findall(ours)}


def score_speakers(gold_path: Path, shared: Path, model: str = DEFAULT_MODEL, n_process: int = 1) -> SpeakerScore:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    corpus = shared / gold["corpus"]
    articles = sorted({row["article"] for row in gold["rows"]})
    now = dt.datetime.now(dt.timezone.utc)
    documents = {a: build_document((corpus / f"{a}.txt").read_text(encoding="utf-8"), a, now) for a in articles}
    frame = pl.DataFrame([{"doc_id": a, "text": d["text"], "paragraphs": d["paragraphs"]} for a, d in documents.items()])
    _, _, quotes = link(extract_documents(frame, model, n_process))
    score = SpeakerScore()
    for row in gold["rows"]:
        ours = [q for q in quotes if q["doc_id"] == row["article"] and q["text"].startswith(row["quote"])]
        if not ours:
            score.not_found.append((row["article"], row["quote"]))
        elif same_speaker(row["speaker"], ours[0]["speaker"]):
            score.right += 1
        elif ours[0]["speaker"] is None:
            score.unresolved.append((row["article"], row["quote"], row["speaker"]))
        else:
            score.wrong.append((row["article"], row["quote"], row["speaker"], ours[0]["speaker"]))
    return score


def format_report(score: SpeakerScore) -> str:
    figures = score.as_dict()
    lines = [f"pronoun speakers: {figures['right']}/{figures['rows']} right"
             + (f" ({figures['accuracy']:.3f})" if figures["accuracy"] is not None else "")
             + f", wrong {figures['wrong']}, unresolved {figures['unresolved']}, quote not found {figures['not_found']}"]
    lines += [f"  wrong: {a}: {q[:40]!r}: {g or 'nobody named'} -> {o}" for a, q, g, o in score.wrong]
    lines += [f"  unresolved: {a}: {q[:40]!r}: {g}" for a, q, g in score.unresolved]
    lines += [f"  not found: {a}: {q[:40]!r}" for a, q in score.not_found]
    return "\n".join(lines)
