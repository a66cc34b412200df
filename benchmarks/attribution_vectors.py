"""Do the pipeline's contextual token vectors (`doc.tensor`) help the indirect-attribution model tell reports apart?

    .venv/bin/python -m benchmarks.attribution_vectors [--polnear ../shared/corpora/polnear] [--parse-cache .cache/attribution]
        [--limit N] [--variants sparse,cue,cue+head,...] [--mlp]

Training-only (scikit-learn, the `dev` extra); reads PolNeAR's train split only. Every variant is scored by the same
held-out `newsfacts.attribution_training.evaluate()` (5 folds by article, the same folds for all): indirect precision and
recall at overlap 0.3 at the lowest threshold (0.005 steps, found by bisection) whose held-out precision reaches 0.86,
with AUC over the candidates. The variants add blocks of `newsfacts.attribution_model.vector_features` (the tok2vec row
of the cue, of the content's head, of the speaker's head, the mean over the content, its first and last word), each
column standardized and multiplied by a weight (their regularization relative to the symbolic features'), to the
shipped logistic regression's symbolic features. `--mlp` also tries scikit-learn's MLPClassifier on the frequent symbolic
features one-hot and the vectors. Nothing is asserted and nothing is written but the candidates' cache
(`<parse-cache>/vector-candidates-<n>.pkl`, a local training cache).

Measured on all 838 train articles (41,441 candidates), 2026-11-21: the table in `newsfacts.attribution_training`'s
docstring (at most +0.4 points of recall at precision 0.86 over the symbolic features alone; ~2-7 min a variant on
a busy 2-core machine, the MLPs 3-7 min). Reproduce a row with e.g. `--variants cue+head+speaker+span:0.1:0.1` (blocks
joined by +, C, vector weight) or `--mlp cue+head+speaker+span:64:1e-3` (blocks, hidden units, alpha).
"""

from __future__ import annotations

import argparse
import pickle
import time
from pathlib import Path

import numpy as np

from newsfacts import attribution_model
from newsfacts import attribution_training as training

PRECISION = 0.86
# name -> (vector blocks, C, vector weight): the docstring table's logistic regressions
FOUR = ("cue", "head", "speaker", "span")
VARIANTS = {
    "sparse": ((), training.C, 1.0),
    "cue": (("cue",), training.C, 0.3),
    "four-w1": (FOUR, training.C, 1.0),
    "four": (FOUR, training.C, 0.1),
    "all6": (attribution_model.ALL_VECTOR_BLOCKS, training.C, 0.3),
}


def candidate_sets(polnear: Path, cache: Path | None, limit: int | None) -> list[training.Candidates]:
    """The train candidates with every vector block, from the local cache when it holds the same articles."""
    articles = training.read_articles(polnear, "train", limit)
    path = cache / f"vector-candidates-{len(articles)}.pkl" if cache is not None else None
    if path is not None and path.exists():
        sets = pickle.loads(path.read_bytes())
        if [s.article.name for s in sets] == [a.name for a in articles]:
            return sets
    docs = training.parsed(articles, cache=cache, tensors=True)
    attribution_model.VECTOR_BLOCKS = attribution_model.ALL_VECTOR_BLOCKS  # (the benchmark reads all blocks)
    sets = [training.candidates_of(a, d) for a, d in zip(articles, docs)]
    if path is not None:
        path.write_bytes(pickle.dumps(sets, protocol=pickle.HIGHEST_PROTOCOL))
    return sets


def blocks_of(spec: str) -> tuple[str, ...]:
    """`cue+head` -> ("cue", "head"); `sparse` -> (); `all6` -> every block."""
    if spec == "all6":
        return attribution_model.ALL_VECTOR_BLOCKS
    blocks = tuple(b for b in spec.split("+") if b and b != "sparse")
    unknown = set(blocks) - set(attribution_model.ALL_VECTOR_BLOCKS)
    if unknown:
        raise SystemExit(f"unknown vector blocks {sorted(unknown)}: choose among {attribution_model.ALL_VECTOR_BLOCKS}")
    return blocks


def columns_of(blocks: tuple[str, ...]) -> list[int]:
    everything = training.vector_names(attribution_model.ALL_VECTOR_BLOCKS)
    wanted = set(training.vector_names(blocks))
    return [i for i, name in enumerate(everything) if name in wanted]


def lowest_threshold(sets, probabilities, precision: float = PRECISION) -> tuple[float, dict]:
    """Bisection for the lowest threshold (0.005 steps) whose held-out precision reaches `precision` (precision
    rises with the threshold, near enough)."""
    low, high = 0.2, 0.95
    best = (high, training.evaluate(sets, probabilities, high))
    while high - low > 0.005:
        middle = round((low + high) / 2, 4)
        figures = training.evaluate(sets, probabilities, middle)
        if figures["P@0.3"] >= precision:
            high, best = middle, (middle, figures)
        else:
            low = middle
    return best


def mlp_probabilities(sets, blocks: tuple[str, ...], hidden: int, alpha: float, min_count: int = 20) -> list[np.ndarray]:
    from scipy import sparse
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.model_selection import GroupKFold
    from sklearn.neural_network import MLPClassifier
    from sklearn.preprocessing import StandardScaler

    order = np.array([i for i, s in enumerate(sets) for _ in s.rows])
    features = [f for s in sets for f in s.features]
    labels = np.array([label for s in sets for label in s.labels])
    columns = columns_of(blocks)
    vectors = np.concatenate([s.vectors[:, columns] for s in sets]) if columns else np.zeros((len(features), 0), np.float32)
    probabilities = np.zeros(len(features))
    for train, test in GroupKFold(n_splits=training.FOLDS).split(features, labels, groups=order):
        counts: dict[str, int] = {}
        for i in train:
            for name in features[i]:
                counts[name] = counts.get(name, 0) + 1
        vectorizer = DictVectorizer().fit([{n: 1.0 for n, c in counts.items() if c >= min_count}])
        scaler = StandardScaler().fit(vectors[train]) if columns else None

        def matrix(rows):
            symbolic = vectorizer.transform([features[i] for i in rows])
            return sparse.hstack([symbolic, sparse.csr_matrix(scaler.transform(vectors[rows]))]).tocsr() if columns else symbolic

        net = MLPClassifier((hidden,), alpha=alpha, early_stopping=True, random_state=training.SEED, max_iter=200)
        net.fit(matrix(train), labels[train])
        probabilities[test] = net.predict_proba(matrix(test))[:, 1]
    return training.per_article(sets, probabilities)


def main(argv: list[str] | None = None) -> None:
    from sklearn.metrics import roc_auc_score

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", type=Path, default=training.DEFAULT_POLNEAR)
    parser.add_argument("--parse-cache", type=Path, default=Path(".cache/attribution"))
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--variants", default=",".join(VARIANTS), help="Comma-separated names of VARIANTS, or blocks:C:weight.")
    parser.add_argument("--mlp", default="", help="Comma-separated blocks+...:hidden:alpha MLP variants, e.g. cue+head:64:1e-3.")
    args = parser.parse_args(argv)
    started = time.time()
    sets = candidate_sets(args.polnear, args.parse_cache, args.limit)
    labels = np.array([label for s in sets for label in s.labels])
    print(f"{len(sets)} articles, {len(labels)} candidates ({labels.sum()} right), ready in {time.time() - started:.0f} s")
    print(f"{'variant':40} {'thr':>6} {'P':>6} {'R':>6} {'R@0.8':>6} {'AUC':>7}  s")
    runs = []
    for name in filter(None, args.variants.split(",")):
        if name in VARIANTS:
            blocks, c, weight = VARIANTS[name]
        else:  # "cue+head:0.05:0.5"
            spec, c, weight = name.split(":")
            blocks, c, weight = blocks_of(spec), float(c), float(weight)
        runs.append((f"lr {name}", lambda b=blocks, c=c, w=weight: training.held_out_probabilities(sets, c, columns_of(b), w)))
    for spec in filter(None, args.mlp.split(",")):
        blocks, hidden, alpha = spec.split(":")
        blocks = blocks_of(blocks)
        runs.append((f"mlp {spec}", lambda b=blocks, h=int(hidden), a=float(alpha): mlp_probabilities(sets, b, h, a)))
    for name, run in runs:
        began = time.time()
        probabilities = run()
        threshold, figures = lowest_threshold(sets, probabilities)
        auc = roc_auc_score(labels, np.concatenate(probabilities))
        print(f"{name:40} {threshold:6.3f} {figures['P@0.3']:6.3f} {figures['R@0.3']:6.3f} {figures['R@0.8']:6.3f} {auc:7.4f}  "
              f"{time.time() - began:.0f}", flush=True)


if __name__ == "__main__":
    main()
