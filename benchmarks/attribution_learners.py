"""Do stronger learners than the shipped logistic regression pick better indirect quotes among the same candidates?

    .venv/bin/python -m benchmarks.attribution_learners [--polnear ../shared/corpora/polnear] [--parse-cache .cache/attribution]
        [--limit N] [--learners lr,lr-crossed-context,hgb-categorical,hgb-onehot-context,stacked,average]

Training-only (scikit-learn, the `dev` extra); reads PolNeAR's train split only. Every learner is scored by the
same held-out `newsfacts.attribution_training.evaluate()` (5 folds by article, the same folds for all): the indirect
recall at overlap 0.3 at the lowest threshold (0.001 steps) whose held-out precision reaches 0.86, with AUC and log
loss over the candidates. Nothing is asserted and nothing is written; `hgb-onehot-context` is slow (640 CPU s, ~15 min on a
busy 2-core machine, on all 838 articles).

The learners, on the candidates and features of `newsfacts.attribution_model` (what `newsfacts run` scores):
- lr: the shipped model (L2 logistic regression, C 0.1, features seen in >= MIN_COUNT candidates);
- lr-crossed-context: the same with crossed pairs of groups (`CROSSED`, the cue lemma and the attachment with a
  few binary features) and bucketed context features (`context_features`), C 0.05;
- hgb-categorical: HistGradientBoostingClassifier with one categorical column per feature group (its 60 most
  frequent values seen >= 30 times) and the numeric features;
- hgb-onehot-context: HistGradientBoostingClassifier on the features seen in >= 100 candidates, one-hot, and the
  context features as numbers;
- stacked: gradient-boosted trees on the logistic regression's held-out margin (nested folds) and the context and
  numeric features;
- average: the mean of the lr-crossed-context and hgb-onehot-context probabilities.

Measured on all 838 train articles (41,468 candidates), 2026-11-21, held out at precision 0.86 (R: overlap 0.3):
    learner               threshold  P      R      R@0.8  AUC     log loss
    lr (shipped)          0.568      0.860  0.448  0.362  0.8906  0.3637
    lr-crossed-context    0.549      0.861  0.460  0.371  0.8907  0.3631
    hgb-categorical       0.595      0.860  0.427  0.347  0.8824  0.3737
    hgb-onehot-context    0.561      0.861  0.442  0.359  0.8854  0.3691
    stacked               0.597      0.860  0.450  0.366  0.8921  0.3603
    average               0.537      0.860  0.462  0.372  0.8917  0.3614
(lr with crossed pairs only: R 0.454; with context only: 0.456; crossed and context at C 0.03: 0.462; with the lemma
and the attachment also crossed with the sentence's context, C 0.05: 0.462, C 0.03: 0.464.) No learner gains the 2
points of recall that would justify shipping it: what the candidates' features tell apart, not the learner's
capacity, bounds the precision.
"""

from __future__ import annotations

import argparse
import bisect
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

from newsfacts import attribution_training as training
from newsfacts.quote_scoring import QUOTE_MARKS

PRECISION = 0.86
CROSSED = [("lemma", "speaker_lemma"), ("lemma", "content_first"), ("lemma", "cue_dep"), ("lemma", "gap"), ("lemma", "speaker_ent"),
           ("how", "speaker_lemma"), ("how", "content_first"), ("speaker", "cue_dep"), ("how", "gap"), ("lemma", "content_pos")]
CROSSED_BINARY = ["that", "cue_after_content", "speaker_resolved", "question", "cue_passive", "under_speech_verb", "content_has_subject"]
TREES = dict(learning_rate=0.05, l2_regularization=1.0, random_state=training.SEED)


def context_features(c: training.Candidates, doc) -> list[dict[str, float]]:
    """What a candidate's sentence and article hold besides it: other candidates, quote marks, quote rows, persons."""
    text, sentences = c.article.text, list(doc.sents)
    starts = [s.start_char for s in sentences]

    def sentence_of(char: int) -> int:
        return max(0, bisect.bisect_right(starts, char) - 1)

    persons = [e for e in doc.ents if e.label_ == "PERSON"]
    cue_sentence = [sentence_of(row.cue_start) for row in c.rows]
    quote_sentences = {sentence_of(row.start) for row in c.base} | {sentence_of(row.end - 1) for row in c.base}
    found = []
    for i, row in enumerate(c.rows):
        sentence = sentences[cue_sentence[i]]
        cue = doc.char_span(row.cue_start, row.cue_end, alignment_mode="expand")
        at = cue.start if cue is not None else sentence.start
        near = [min(abs(at - e.start), abs(at - e.end + 1)) for e in persons if sentence.start <= e.start < sentence.end]
        found.append({
            "sentence_candidates": float(cue_sentence.count(cue_sentence[i])),
            "sentence_quote_marks": float(sum(text[sentence.start_char:sentence.end_char].count(m) for m in QUOTE_MARKS)),
            "sentence_has_quote_row": float(cue_sentence[i] in quote_sentences),
            "sentence_tokens": float(len(sentence)),
            "paragraph": float(row.paragraph if row.paragraph is not None else -1),
            "paragraph_share": float((row.paragraph or 0) / max(1, len(c.article.paragraphs))),
            "position": row.cue_start / max(1, len(text)),
            "person_distance": float(min(near, default=99)),
            "same_speaker": float(sum(1 for r in c.rows if row.speaker_start is not None and r.speaker_start == row.speaker_start)),
            "article_quote_rows": float(len(c.base)),
            "article_candidates": float(len(c.rows)),
        })
    return found


def _value(named: dict[str, float], group: str) -> str | None:
    return next((k.split("=", 1)[1] for k in named if k.startswith(group + "=")), None)


def crossed(named: dict[str, float]) -> dict[str, float]:
    out = dict(named)
    for a, b in CROSSED:
        out[f"x_{a}_{b}={_value(named, a)}:{_value(named, b)}"] = 1.0
    lemma, how = _value(named, "lemma"), _value(named, "how")
    for name in CROSSED_BINARY:
        if named.get(name):
            out[f"x_lemma_{name}={lemma}"] = out[f"x_how_{name}={how}"] = 1.0
    return out


def bucketed(context: dict[str, float]) -> dict[str, float]:
    def bucket(x: float) -> str:
        return "0" if x <= 0 else "1" if x <= 1 else "2-3" if x <= 3 else "4-7" if x <= 7 else "8+"

    return {f"ctx_{k}={int(x * 5) if k in {'position', 'paragraph_share'} else bucket(x)}": 1.0 for k, x in context.items()}


class Bench:
    def __init__(self, sets: list[training.Candidates], contexts: list[dict[str, float]]):
        from sklearn.model_selection import GroupKFold

        self.sets, self.contexts = sets, contexts
        self.features = [f for s in sets for f in s.features]
        self.labels = np.array([label for s in sets for label in s.labels])
        self.groups = np.array([i for i, s in enumerate(sets) for _ in s.rows])
        self.folds = list(GroupKFold(n_splits=training.FOLDS).split(self.features, self.labels, groups=self.groups))
        names = sorted(contexts[0]) if contexts else []
        self.context_matrix = np.array([[c[n] for n in names] for c in contexts], dtype=np.float32)

    # --- learners: each returns held-out probabilities, one per candidate ---

    def logistic(self, named: list[dict[str, float]], c: float) -> np.ndarray:
        matrix = _sparse(named)
        return self._by_fold(lambda tr, te: _sigmoid(_logistic_margin(matrix, self.labels, tr, te, c)))

    def trees(self, matrix: np.ndarray, categorical=None, **params) -> np.ndarray:
        from sklearn.ensemble import HistGradientBoostingClassifier

        def fold(tr, te):
            model = HistGradientBoostingClassifier(categorical_features=categorical, **TREES, **params).fit(matrix[tr], self.labels[tr])
            return model.predict_proba(matrix[te])[:, 1]
        return self._by_fold(fold)

    def stacked(self) -> np.ndarray:
        """Trees on the logistic regression's margin, held out within each outer fold's train rows (nested folds)."""
        from sklearn.ensemble import HistGradientBoostingClassifier
        from sklearn.model_selection import GroupKFold

        matrix = _sparse(self.features)
        dense = np.column_stack([self.context_matrix, _numeric(self.features)])

        def fold(tr, te):
            inner = np.zeros(len(tr))
            for itr, ite in GroupKFold(n_splits=training.FOLDS).split(tr, groups=self.groups[tr]):
                inner[ite] = _logistic_margin(matrix, self.labels, tr[itr], tr[ite], training.C)
            outer = _logistic_margin(matrix, self.labels, tr, te, training.C)
            model = HistGradientBoostingClassifier(max_iter=300, max_leaf_nodes=15, min_samples_leaf=40, **TREES)
            model.fit(np.column_stack([inner, dense[tr]]), self.labels[tr])
            return model.predict_proba(np.column_stack([outer, dense[te]]))[:, 1]
        return self._by_fold(fold)

    def _by_fold(self, fold) -> np.ndarray:
        probabilities = np.zeros(len(self.labels))
        for tr, te in self.folds:
            probabilities[te] = fold(tr, te)
        return probabilities

    # --- the common yardstick ---

    def report(self, name: str, probabilities: np.ndarray) -> None:
        from sklearn.metrics import log_loss, roc_auc_score

        threshold, figures = self.pick(probabilities)
        print(f"{name:22s} {threshold:<10} {figures['P@0.3']:.3f}  {figures['R@0.3']:.3f}  {figures['R@0.8']:.3f}  "
              f"{roc_auc_score(self.labels, probabilities):.4f}  {log_loss(self.labels, np.clip(probabilities, 1e-6, 1 - 1e-6)):.4f}", flush=True)

    def pick(self, probabilities: np.ndarray) -> tuple[float, dict]:
        """The lowest threshold (0.001 steps) whose held-out precision reaches PRECISION: a bisection, then a look a few
        steps lower (precision is nearly, not quite, monotone in the threshold)."""
        split = training.per_article(self.sets, probabilities)
        grid = [round(float(x), 3) for x in np.arange(0.30, 0.96, 0.001)]
        seen: dict[int, dict] = {}

        def figures(i: int) -> dict:
            if i not in seen:
                seen[i] = training.evaluate(self.sets, split, grid[i])
            return seen[i]

        low, high = 0, len(grid) - 1
        if figures(low)["P@0.3"] >= PRECISION:
            return grid[low], figures(low)
        while high - low > 1:
            middle = (low + high) // 2
            low, high = (low, middle) if figures(middle)["P@0.3"] >= PRECISION else (middle, high)
        best = min((i for i in range(max(0, high - 15), high + 1, 3) if figures(i)["P@0.3"] >= PRECISION), default=high)
        return grid[best], figures(best)


def _sparse(named: list[dict[str, float]]):
    from sklearn.feature_extraction import DictVectorizer

    return DictVectorizer().fit_transform(named).tocsc()


def _logistic_margin(matrix, labels: np.ndarray, tr: np.ndarray, te: np.ndarray, c: float) -> np.ndarray:
    """As `attribution_training.fit`: the features present in >= MIN_COUNT training candidates, L2 logistic regression."""
    from sklearn.linear_model import LogisticRegression

    columns = np.flatnonzero(np.asarray((matrix[tr] != 0).sum(axis=0)).ravel() >= training.MIN_COUNT)
    model = LogisticRegression(C=c, max_iter=2000, random_state=training.SEED).fit(matrix[tr][:, columns], labels[tr])
    return model.decision_function(matrix[te][:, columns])


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _numeric(named: list[dict[str, float]]) -> np.ndarray:
    names = sorted({k for f in named for k in f if "=" not in k})
    return np.array([[f.get(n, 0.0) for n in names] for f in named], dtype=np.float32)


def _categorical(named: list[dict[str, float]], values: int = 60, min_count: int = 30) -> tuple[np.ndarray, list[bool]]:
    """One column per feature group (the name before '='), coded by frequency; rarer values share one code."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for f in named:
        for k in f:
            if "=" in k:
                group, value = k.split("=", 1)
                counts[group][value] += 1
    groups = sorted(counts)
    codes = {g: {v: i for i, (v, n) in enumerate(counts[g].most_common(values)) if n >= min_count} for g in groups}
    matrix = np.full((len(named), len(groups)), np.nan, dtype=np.float32)  # (absent: missing)
    for row, f in enumerate(named):
        for k in f:
            if "=" in k:
                group, value = k.split("=", 1)
                matrix[row, groups.index(group)] = codes[group].get(value, values)
    numeric = _numeric(named)
    return np.column_stack([matrix, numeric]), [True] * len(groups) + [False] * numeric.shape[1]


def _onehot(named: list[dict[str, float]], min_count: int = 100) -> np.ndarray:
    matrix = _sparse(named)
    columns = np.flatnonzero(np.asarray((matrix != 0).sum(axis=0)).ravel() >= min_count)
    return matrix[:, columns].toarray().astype(np.float32)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", type=Path, default=training.DEFAULT_POLNEAR)
    parser.add_argument("--parse-cache", type=Path, default=Path(".cache/attribution"))
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--learners", default="lr,lr-crossed-context,hgb-categorical,hgb-onehot-context,stacked,average")
    args = parser.parse_args(argv)
    if not args.polnear.exists():
        raise SystemExit(f"PolNeAR not found at {args.polnear} (see ../shared/README.md)")
    articles = training.read_articles(args.polnear, "train", args.limit)
    docs = training.parsed(articles, cache=args.parse_cache)
    sets = [training.candidates_of(a, d) for a, d in zip(articles, docs)]
    contexts = [f for s, d in zip(sets, docs) for f in context_features(s, d)]
    bench = Bench(sets, contexts)
    print(f"{len(sets)} train articles, {len(bench.labels)} candidates, {int(bench.labels.sum())} labelled right")
    print(f"{'learner':22s} threshold  P      R      R@0.8  AUC     log loss")
    wanted, done = args.learners.split(","), {}
    crossed_context = [crossed(f) | bucketed(c) for f, c in zip(bench.features, contexts)]
    learners = {
        "lr": lambda: bench.logistic(bench.features, training.C),
        "lr-crossed-context": lambda: bench.logistic(crossed_context, 0.05),
        "hgb-categorical": lambda: bench.trees(*_categorical(bench.features), max_iter=500, max_leaf_nodes=15, min_samples_leaf=40),
        "hgb-onehot-context": lambda: bench.trees(np.column_stack([_onehot(bench.features), bench.context_matrix]),
                                                  max_iter=600, max_leaf_nodes=31, min_samples_leaf=20),
        "stacked": bench.stacked,
        "average": lambda: (learners_once("lr-crossed-context") + learners_once("hgb-onehot-context")) / 2,
    }

    def learners_once(name: str) -> np.ndarray:
        if name not in done:
            done[name] = learners[name]()
        return done[name]

    for name in wanted:
        started = time.process_time()
        bench.report(name, learners_once(name))
        print(f"  ({time.process_time() - started:.0f} CPU s)", flush=True)


if __name__ == "__main__":
    main()
