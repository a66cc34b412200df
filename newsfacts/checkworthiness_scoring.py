"""Ranking quality of check-worthiness scores, as CLEF-2019 CheckThat! task 1 measures it.

Data: one TSV per debate or speech, `line<TAB>speaker<TAB>sentence<TAB>label` (label 1 = worth
checking). Each debate's sentences are ranked by score, highest first; ties keep the file's
order (the official scorer sorts stably). Average precision of a debate is the mean, over its
positive sentences, of the precision at each one's rank (0 for a debate without positives), and
MAP is the mean over debates.

Held-out evaluation: the debates are split into folds (by default one debate per fold), a model
is fitted on the other folds and scores the held-out ones. The random baseline is the mean AP of
random rankings (fixed seed).
"""

from __future__ import annotations

import csv
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Debate:
    name: str
    lines: tuple[int, ...]
    speakers: tuple[str, ...]
    sentences: tuple[str, ...]
    labels: tuple[int, ...]

    @property
    def positives(self) -> int:
        return sum(self.labels)


class DataError(ValueError):
    """A debate file that does not follow the task's format, with the file and line."""


def read_debate(path: Path) -> Debate:
    lines, speakers, sentences, labels = [], [], [], []
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE), start=1):
            if not row:
                continue
            if len(row) != 4 or row[3] not in ("0", "1") or not row[0].strip().isdigit():
                raise DataError(f"{path}:{number}: expected line<TAB>speaker<TAB>sentence<TAB>0|1, got {row!r}")
            lines.append(int(row[0]))
            speakers.append(row[1])
            sentences.append(row[2])
            labels.append(int(row[3]))
    if not lines:
        raise DataError(f"{path}: no sentences")
    return Debate(path.stem, tuple(lines), tuple(speakers), tuple(sentences), tuple(labels))


def read_debates(folder: Path) -> list[Debate]:
    """Every *.tsv in the folder, in name order."""
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder} is not a folder of debate .tsv files")
    paths = sorted(folder.glob("*.tsv"))
    if not paths:
        raise FileNotFoundError(f"{folder} holds no .tsv files")
    return [read_debate(path) for path in paths]


def ranking(scores: Sequence[float]) -> list[int]:
    """Positions by decreasing score, ties in their original order."""
    return sorted(range(len(scores)), key=lambda i: -scores[i])


def average_precision(labels: Sequence[int], scores: Sequence[float]) -> float:
    """CLEF-2019 task 1 average precision of one debate's ranking."""
    if len(labels) != len(scores):
        raise ValueError(f"{len(labels)} labels but {len(scores)} scores")
    positives = sum(labels)
    if positives == 0:
        return 0.0
    found, total = 0, 0.0
    for rank, position in enumerate(ranking(scores), start=1):
        if labels[position]:
            found += 1
            total += found / rank
    return total / positives


def random_average_precision(labels: Sequence[int], trials: int = 200, seed: int = 0) -> float:
    """Mean AP of random rankings of these labels (the baseline a score must beat)."""
    rng = random.Random(seed)
    total = 0.0
    for _ in range(trials):
        total += average_precision(labels, [rng.random() for _ in labels])
    return total / trials


@dataclass
class DebateResult:
    name: str
    sentences: int
    positives: int
    ap: dict[str, float] = field(default_factory=dict)


@dataclass
class Evaluation:
    """AP per debate for each scorer, and their means (MAP)."""

    scorers: list[str]
    debates: list[DebateResult]
    notes: list[str] = field(default_factory=list)

    def mean(self, scorer: str) -> float:
        return sum(d.ap[scorer] for d in self.debates) / len(self.debates)

    def as_dict(self) -> dict:
        return {
            "map": {s: round(self.mean(s), 4) for s in self.scorers},
            "debates": [
                {"debate": d.name, "sentences": d.sentences, "positives": d.positives,
                 **{s: round(d.ap[s], 4) for s in self.scorers}}
                for d in self.debates
            ],
            "notes": self.notes,
        }


# A scorer fits on training debates (it may ignore them) and returns a function scoring sentences.
Fit = Callable[[list[Debate]], Callable[[list[str]], list[float]]]


def folds_of(debates: Sequence[Debate], n_folds: int | None) -> list[list[int]]:
    """Debate indexes per fold: one debate each (None), or n_folds groups dealt round-robin by name."""
    if n_folds is None or n_folds >= len(debates):
        return [[i] for i in range(len(debates))]
    if n_folds < 2:
        raise ValueError("held-out evaluation needs at least 2 folds")
    return [list(range(k, len(debates), n_folds)) for k in range(n_folds)]


def evaluate_held_out(debates: Sequence[Debate], fits: dict[str, Fit], n_folds: int | None = None,
                      random_trials: int = 200) -> Evaluation:
    """AP of each held-out debate under each scorer fitted without its fold, plus the random baseline."""
    results = [DebateResult(d.name, len(d.sentences), d.positives) for d in debates]
    for fold in folds_of(debates, n_folds):
        training = [d for i, d in enumerate(debates) if i not in fold]
        for name, fit in fits.items():
            score = fit(training)
            for i in fold:
                results[i].ap[name] = average_precision(debates[i].labels, score(list(debates[i].sentences)))
    for result, debate in zip(results, debates):
        result.ap["random"] = random_average_precision(debate.labels, random_trials)
    return Evaluation([*fits, "random"], results)


def evaluate_fixed(debates: Sequence[Debate], scorers: dict[str, Callable[[list[str]], list[float]]],
                   random_trials: int = 200) -> Evaluation:
    """AP of each debate under already-fitted scorers (for data they were not trained on)."""
    results = []
    for debate in debates:
        result = DebateResult(debate.name, len(debate.sentences), debate.positives)
        for name, score in scorers.items():
            result.ap[name] = average_precision(debate.labels, score(list(debate.sentences)))
        result.ap["random"] = random_average_precision(debate.labels, random_trials)
        results.append(result)
    return Evaluation([*scorers, "random"], results)


def format_report(evaluation: Evaluation, title: str) -> str:
    names = evaluation.scorers
    width = max(len(d.name) for d in evaluation.debates)
    header = f"{'debate':<{width}}  {'sents':>5}  {'pos':>4}  " + "  ".join(f"{n:>8}" for n in names)
    rows = [title, header, "-" * len(header)]
    for d in evaluation.debates:
        rows.append(f"{d.name:<{width}}  {d.sentences:>5}  {d.positives:>4}  " + "  ".join(f"{d.ap[n]:>8.4f}" for n in names))
    rows.append("-" * len(header))
    sentences = sum(d.sentences for d in evaluation.debates)
    positives = sum(d.positives for d in evaluation.debates)
    rows.append(f"{'MAP':<{width}}  {sentences:>5}  {positives:>4}  " + "  ".join(f"{evaluation.mean(n):>8.4f}" for n in names))
    rows.extend(evaluation.notes)
    return "\n".join(rows)
