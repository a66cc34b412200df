"""Across articles: near-duplicate documents, quote clusters and claim clusters.

Pure functions over polars frames (no I/O, no orchestrator). Nothing compares
all pairs: candidates come from an inverted index of word n-grams, probed
through each record's rarest n-grams, so the work grows close to linearly with
the corpus; only candidates are scored.

- Near-duplicate documents: Jaccard similarity of word shingles, found exactly
  with prefix filtering (two sets with Jaccard >= t must share one of each
  set's |S| - ceil(t|S|) + 1 rarest shingles). The earliest document of a
  group is the original; the others point to it.
- Quote clusters: the same words (in folded form: quote marks, dashes and the
  spaces around them, case and punctuation do not count) by the same speaker,
  or by an unknown one; a fragment of at least `min_fragment_chars` and two
  words joins the longest quotation that contains it.
- Claim clusters: claims whose content words are similar (rapidfuzz), averaged
  with the overlap of the entities they name, and that agree in negation join
  one cluster (transitively).
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl
from rapidfuzz import fuzz, process

from newsfacts.normalizing import fold
from newsfacts.settings import DEFAULT_CLAIM_SIMILARITY_THRESHOLD, DEFAULT_MIN_FRAGMENT_CHARS, DEFAULT_NEAR_DUPLICATE_THRESHOLD

# Word shingles for near-duplicate articles: long enough that unrelated articles share few.
SHINGLE_WORDS = 4
# A fragment whose rarest word pair is in more quotations than this is a stock phrase, not a quotation.
MAX_FRAGMENT_CANDIDATES = 2000
# Claims are indexed under their content words and entities; one in more claims than this finds no candidates.
# Share of a claim's similarity that comes from the entities it names (when both claims name some).
ENTITY_WEIGHT = 0.5
MAX_CLAIM_CANDIDATES = 200
MIN_SHARED_KEYS = 2
# Claims with fewer content words than this join only claims with the same words: too short to compare.
MIN_CLAIM_WORDS = 3

_TOKEN = re.compile(r"\w+")
# Function words carry no claim: the similarity of claims is taken over the rest.
_STOP_WORDS = frozenset(
    """a an the and or but if of to in on at by for with from as into onto about over after before than then
    that this these those there here it its it's he she they them his her their we us our you your i me my
    is are was were be been being am do does did has have had having will would shall should can could may might
    must not no nor so too very just also only even still yet said says say told according who whom whose which
    what when where why how all any some such more most other""".split()
)


def comparison_tokens(text: str) -> tuple[str, ...]:
    """The words of `text` in folded form: what two quotations must share to be the same words.

    Quote marks, dashes and the spaces around them, case and punctuation are dropped, so
    ``alone—you serve humanity itself.`` and ``alone — you serve humanity itself,`` are equal.
    """
    return tuple(_TOKEN.findall(fold(text)))


def stable_id(prefix: str, *parts: str) -> str:
    return prefix + hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def _story_of(documents: pl.DataFrame) -> dict[str, str]:
    """doc_id -> the story it belongs to: its original when it is a near-duplicate, else itself."""
    if "near_duplicate_of" not in documents.columns:
        return dict(zip(documents["doc_id"], documents["doc_id"]))
    return {d: o or d for d, o in zip(documents["doc_id"], documents["near_duplicate_of"])}


# --- near-duplicate documents ------------------------------------------------------------------


def shingles(text: str, size: int = SHINGLE_WORDS) -> np.ndarray:
    """The distinct overlapping runs of `size` folded words (the whole text when it is shorter), hashed, sorted.

    Hashes are only compared within one process, so Python's per-process hash seed does not matter.
    """
    words = comparison_tokens(text)
    if len(words) <= size:
        hashes = [hash(words)] if words else []
    else:
        hashes = map(hash, zip(*(words[i:] for i in range(size))))
    return np.unique(np.fromiter(hashes, dtype=np.int64))


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Jaccard similarity of two sorted arrays of distinct values."""
    shared = len(np.intersect1d(a, b, assume_unique=True))
    union = len(a) + len(b) - shared
    return shared / union if union else 0.0


def find_near_duplicates(documents: pl.DataFrame, threshold: float = DEFAULT_NEAR_DUPLICATE_THRESHOLD) -> pl.DataFrame:
    """`documents` with `near_duplicate_of` and `near_duplicate_similarity` set.

    Documents are taken earliest first (published_date, nulls last, then source_path); each one whose
    shingle Jaccard with an earlier original is at least `threshold` becomes a near-duplicate of the
    most similar such original. Originals never point anywhere, so there are no chains.
    Needs columns doc_id, text, published_date, source_path.
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"near-duplicate threshold must be in (0, 1], got {threshold}")
    order = documents.with_row_index("_row").sort(["published_date", "source_path"], nulls_last=True)
    sets = _in_global_order([shingles(t) for t in order["text"].to_list()])
    index: dict[int, list[int]] = defaultdict(list)  # prefix shingle -> positions (in `order`) of originals
    near_of: list[int | None] = [None] * len(sets)
    similarity: list[float | None] = [None] * len(sets)
    for position, shingle_set in enumerate(sets):
        size = len(shingle_set)
        if not size:
            continue
        prefix = shingle_set[: size - math.ceil(threshold * size - 1e-9) + 1].tolist()
        best, best_score = None, 0.0
        for candidate in sorted({c for s in prefix for c in index.get(s, ())}):
            other = sets[candidate]
            if not threshold * len(other) <= size <= len(other) / threshold:
                continue  # sizes alone rule the pair out
            score = jaccard(shingle_set, other)
            if score >= threshold and score > best_score:
                best, best_score = candidate, score
        if best is None:
            for s in prefix:
                index[s].append(position)
        else:
            near_of[position], similarity[position] = best, round(best_score, 6)
    doc_ids = order["doc_id"].to_list()
    by_row = dict(zip(order["_row"].to_list(), zip([doc_ids[n] if n is not None else None for n in near_of], similarity)))
    return documents.with_columns(
        pl.Series("near_duplicate_of", [by_row[i][0] for i in range(documents.height)], pl.Utf8),
        pl.Series("near_duplicate_similarity", [by_row[i][1] for i in range(documents.height)], pl.Float64),
    )


def _in_global_order(sets: list[np.ndarray]) -> list[np.ndarray]:
    """Each set's shingles renamed to their rank in one global order, rarest first, and sorted by it.

    Prefix filtering: two sets with Jaccard >= t share at least one of each one's first
    |S| - ceil(t|S|) + 1 items in any common order; rarest first keeps the postings short.
    """
    if not sets:
        return []
    values, inverse, counts = np.unique(np.concatenate(sets), return_inverse=True, return_counts=True)
    rank = np.empty(len(values), dtype=np.int64)
    rank[np.lexsort((np.arange(len(values)), counts))] = np.arange(len(values))
    return [np.sort(part) for part in np.split(rank[inverse], np.cumsum([len(s) for s in sets])[:-1])]


# --- quote clusters ----------------------------------------------------------------------------

# Direct and partial quotes are the speaker's words; indirect ones are the writer's report of them.
# The two never share a cluster.
QUOTED, INDIRECT = "quoted", "indirect"


@dataclass
class _Unit:
    """Quotes with the same folded words and the same speaker (unknown speakers folded in)."""

    family: str
    words: tuple[str, ...]
    speaker_entity_id: str | None
    rows: list[int]
    story: str | None = None  # set when the unit is confined to one story

    @property
    def key(self) -> str:
        return " ".join(self.words)


def cluster_quotes(
    quotes: pl.DataFrame, documents: pl.DataFrame, min_fragment_chars: int = DEFAULT_MIN_FRAGMENT_CHARS
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """`quotes` with `cluster_id` set on every row, and the quote_clusters table.

    Needs quotes' quote_id, doc_id, text, kind, speaker, speaker_entity_id, and documents' doc_id,
    published_date (and near_duplicate_of, when known, for n_stories).
    """
    if min_fragment_chars < 1:
        raise ValueError(f"min_fragment_chars must be positive, got {min_fragment_chars}")
    families = [INDIRECT if kind == "indirect" else QUOTED for kind in quotes["kind"].to_list()]
    words = [comparison_tokens(t) for t in quotes["text"].to_list()]
    story = _story_of(documents)
    stories = [story.get(d, d) for d in quotes["doc_id"].to_list()]
    units = _units(families, words, quotes["speaker_entity_id"].to_list(), stories, min_fragment_chars)
    cluster_of_unit = _join_fragments(units, min_fragment_chars)
    row_cluster = [0] * quotes.height
    for unit in units:
        for row in unit.rows:
            row_cluster[row] = cluster_of_unit[id(unit)]
    # Name each cluster after its longest member's words and its speaker: stable across runs.
    members: dict[int, list[_Unit]] = defaultdict(list)
    for unit in units:
        members[cluster_of_unit[id(unit)]].append(unit)
    names = {}
    for number, group in members.items():
        head = max(group, key=lambda u: (len(u.key), len(u.rows), u.key))
        speaker = next((u.speaker_entity_id for u in group if u.speaker_entity_id), "")
        names[number] = stable_id("qcl_", head.family, head.key, speaker, *([head.story] if head.story else []))
    clustered = quotes.with_columns(pl.Series("cluster_id", [names[c] for c in row_cluster], pl.Utf8))
    return clustered, _quote_clusters_table(clustered, documents, families, [len(" ".join(w)) for w in words])


def _units(families: Sequence[str], words: Sequence[tuple[str, ...]], speakers: Sequence[str | None], stories: Sequence[str],
           min_fragment_chars: int) -> list[_Unit]:
    """Group rows by (family, words, speaker); rows with no speaker join the commonest speaker of the same words.

    Words too short to be a fragment that nobody known said (a scare-quoted `trackers`) are not evidence
    of one quotation across stories: they group within a story (an article and its near-duplicates) only.
    """
    by_key: dict[tuple[str, tuple[str, ...]], dict[str | None, list[int]]] = defaultdict(lambda: defaultdict(list))
    for row, (family, tokens, speaker) in enumerate(zip(families, words, speakers)):
        by_key[(family, tokens)][speaker].append(row)
    units = []
    for (family, tokens), by_speaker in by_key.items():
        unknown = by_speaker.pop(None, [])
        if by_speaker:
            commonest = max(by_speaker, key=lambda s: (len(by_speaker[s]), s))
            by_speaker[commonest] += unknown
        elif len(tokens) < 2 or len(" ".join(tokens)) < min_fragment_chars:
            by_story: dict[str, list[int]] = defaultdict(list)
            for row in unknown:
                by_story[stories[row]].append(row)
            units += [_Unit(family, tokens, None, rows, story=story) for story, rows in by_story.items()]
        else:
            by_speaker[None] = unknown
        units += [_Unit(family, tokens, speaker, sorted(rows)) for speaker, rows in by_speaker.items()]
    return units


def _join_fragments(units: list[_Unit], min_fragment_chars: int) -> dict[int, int]:
    """Cluster number per unit (by id): a fragment joins the cluster of the longest compatible quotation containing it.

    Units are taken longest first, so a container's cluster is settled before its fragments look
    for one. A cluster has at most one known speaker: a unit joins only a cluster whose speaker is
    its own or still unknown (and then names it).
    """
    pairs = _WordPairIndex(units)
    cluster_of: dict[int, int] = {}
    cluster_speaker: list[str | None] = []
    for unit in sorted(units, key=lambda u: (-len(u.key), u.family, u.key, u.speaker_entity_id or "")):
        target = None
        if len(unit.words) >= 2 and len(unit.key) >= min_fragment_chars:
            target = _best_container(unit, pairs.containers(unit), cluster_of, cluster_speaker)
        if target is None:
            cluster_of[id(unit)] = len(cluster_speaker)
            cluster_speaker.append(unit.speaker_entity_id)
        else:
            cluster_of[id(unit)] = target
            cluster_speaker[target] = cluster_speaker[target] or unit.speaker_entity_id
    return cluster_of


def _best_container(unit: _Unit, containers: Iterable[_Unit], cluster_of: dict[int, int], cluster_speaker: list) -> int | None:
    best, best_rank = None, None
    for container in containers:
        cluster = cluster_of.get(id(container))
        if cluster is None:
            continue  # not yet placed: as long as the unit, so not a container of it
        speaker = cluster_speaker[cluster]
        if unit.speaker_entity_id and speaker and speaker != unit.speaker_entity_id:
            continue
        same_speaker = bool(unit.speaker_entity_id) and speaker == unit.speaker_entity_id
        rank = (same_speaker, len(container.key), len(container.rows), container.key)
        if best_rank is None or rank > best_rank:
            best, best_rank = cluster, rank
    return best


class _WordPairIndex:
    """Inverted index of word pairs: the candidates containing a fragment are the postings of its rarest pair."""

    def __init__(self, units: list[_Unit]):
        self._postings: dict[tuple[str, str, str], list[_Unit]] = defaultdict(list)
        for unit in units:
            for pair in set(zip(unit.words, unit.words[1:])):
                self._postings[(unit.family, *pair)].append(unit)

    def containers(self, unit: _Unit) -> list[_Unit]:
        """Longer units of the same family whose words contain the unit's words as a contiguous run."""
        postings = [self._postings[(unit.family, *pair)] for pair in set(zip(unit.words, unit.words[1:]))]
        rarest = min(postings, key=len)
        if len(rarest) > MAX_FRAGMENT_CANDIDATES:
            return []
        needle = f" {unit.key} "
        return [c for c in rarest if len(c.words) > len(unit.words) and needle in f" {c.key} "]


def _quote_clusters_table(quotes: pl.DataFrame, documents: pl.DataFrame, families: list[str], folded_lengths: list[int]) -> pl.DataFrame:
    frame = _with_dates(quotes.with_columns(pl.Series("_family", families), pl.Series("_length", folded_lengths)), documents)
    # The canonical text: the longest folded form, as printed by the earliest article.
    longest = pl.col("text").sort_by(["_length", "_published_date", "quote_id"], descending=[True, False, False], nulls_last=True).first()
    return (
        frame.group_by("cluster_id")
        .agg(
            longest.alias("text"),
            (pl.col("_family").first() == INDIRECT).alias("indirect"),
            pl.col("speaker").drop_nulls().first().alias("speaker"),
            pl.col("speaker_entity_id").drop_nulls().first().alias("speaker_entity_id"),
            pl.len().cast(pl.Int64).alias("n_quotes"),
            pl.col("doc_id").n_unique().cast(pl.Int64).alias("n_docs"),
            pl.col("_story").n_unique().cast(pl.Int64).alias("n_stories"),
            pl.col("_published_date").min().alias("first_published_date"),
            pl.col("_published_date").max().alias("last_published_date"),
        )
        .sort("cluster_id")
    )


def _with_dates(rows: pl.DataFrame, documents: pl.DataFrame) -> pl.DataFrame:
    story = _story_of(documents)
    dates = documents.select("doc_id", pl.col("published_date").alias("_published_date"))
    return rows.join(dates, on="doc_id", how="left").with_columns(
        pl.col("doc_id").replace_strict(story, default=pl.col("doc_id"), return_dtype=pl.Utf8).alias("_story")
    )


# --- claim clusters ----------------------------------------------------------------------------


def content_words(text: str) -> tuple[str, ...]:
    """Folded words of a claim without function words: what its similarity to other claims is taken over."""
    return tuple(w for w in comparison_tokens(text) if w not in _STOP_WORDS)


def claim_similarity(words_a: Sequence[str], words_b: Sequence[str], entities_a: Iterable[str] = (), entities_b: Iterable[str] = ()) -> float:
    """0 to 1: how surely two claims assert the same thing.

    rapidfuzz's token-sort ratio of their content words (word order does not count, and shared word stems
    count in part: `delivered` against `deliver`), averaged with the Jaccard similarity of the entities
    they name when both name some (`her husband` and `Trump` are one entity_id).
    """
    text = fuzz.token_sort_ratio(" ".join(words_a), " ".join(words_b)) / 100
    entities_a, entities_b = set(entities_a), set(entities_b)
    if not entities_a or not entities_b:
        return text
    return (1 - ENTITY_WEIGHT) * text + ENTITY_WEIGHT * len(entities_a & entities_b) / len(entities_a | entities_b)


def cluster_claims(
    claims: pl.DataFrame, documents: pl.DataFrame, threshold: float = DEFAULT_CLAIM_SIMILARITY_THRESHOLD
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """`claims` with `cluster_id` set on every row, and the claim_clusters table.

    Needs claims' claim_id, doc_id, text, claimant, claimant_entity_id (and entity_ids and negated, when
    present), and documents' doc_id, published_date (and near_duplicate_of). Candidates share a content
    word or an entity that is not in too many claims; claims with the same content words are one cluster
    whatever the threshold; a negated claim never joins an affirmed one; similar claims join transitively.
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"claim similarity threshold must be in (0, 1], got {threshold}")
    texts = claims["text"].to_list()
    words = [content_words(t) for t in texts]
    negated = claims["negated"].to_list() if "negated" in claims.columns else [None] * claims.height
    entities = [tuple(e or ()) for e in claims["entity_ids"].to_list()] if "entity_ids" in claims.columns else [()] * claims.height
    numbers = _claim_numbers(claims)
    parent = list(range(claims.height))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    joined = [" ".join(w) for w in words]
    # The least word similarity that can still reach the threshold (when the entities agree fully).
    text_floor = max(0.0, (threshold - ENTITY_WEIGHT) / (1 - ENTITY_WEIGHT)) * 100
    for row, candidates in _claim_candidates(words, entities):
        choices = [c for c in candidates if bool(negated[c]) == bool(negated[row])]
        # rapidfuzz scores the candidates in C; only those above the floor are looked at again.
        for _, _, i in process.extract(joined[row], [joined[c] for c in choices], scorer=fuzz.token_sort_ratio,
                                       score_cutoff=text_floor, limit=None):
            other = choices[i]
            if numbers[row] and numbers[other] and numbers[row] != numbers[other]:
                continue  # "six million households" and "five million households" are two claims, however alike
            if find(other) != find(row) and _same_claim(words[row], words[other], entities[row], entities[other], threshold):
                parent[find(other)] = find(row)
    roots = [find(i) for i in range(claims.height)]
    members: dict[int, list[int]] = defaultdict(list)
    for row, root in enumerate(roots):
        members[root].append(row)
    claim_ids = claims["claim_id"].to_list()
    names = {root: stable_id("ccl_", joined[max(rows, key=lambda r: (len(texts[r]), texts[r]))], str(bool(negated[root])),
                             min(claim_ids[r] for r in rows))
             for root, rows in members.items()}
    clustered = claims.with_columns(pl.Series("cluster_id", [names[r] for r in roots], pl.Utf8))
    return clustered, _claim_clusters_table(clustered, documents)


def _claim_numbers(claims: pl.DataFrame) -> list[frozenset[float]]:
    """The values of the numbers each claim states (claims.quantities), empty where it states none."""
    if "quantities" not in claims.columns:
        return [frozenset()] * claims.height
    return [frozenset(q["value"] for q in (items or ()) if q["value"] is not None) for items in claims["quantities"].to_list()]


def _same_claim(words_a: tuple[str, ...], words_b: tuple[str, ...], entities_a, entities_b, threshold: float) -> bool:
    """The same content words always; otherwise similar enough, and neither too short to tell."""
    if words_a == words_b:
        return bool(words_a)
    if min(len(words_a), len(words_b)) < MIN_CLAIM_WORDS:
        return False
    return claim_similarity(words_a, words_b, entities_a, entities_b) >= threshold


def _claim_candidates(words: list[tuple[str, ...]], entities: list[tuple[str, ...]]) -> Iterable[tuple[int, list[int]]]:
    """Each claim with the earlier claims it shares two keys with (content words and entity ids in at most
    MAX_CLAIM_CANDIDATES claims; one key when it has only one)."""
    keyed = [set(ws) | {"\x00" + e for e in es} for ws, es in zip(words, entities)]  # entity keys never collide with words
    frequency = Counter(k for keys in keyed for k in keys)
    postings: dict[str, list[int]] = defaultdict(list)
    for row, keys_of_row in enumerate(keyed):
        rare = [k for k in keys_of_row if frequency[k] <= MAX_CLAIM_CANDIDATES]
        shared = Counter(other for key in rare for other in postings[key])
        needed = min(MIN_SHARED_KEYS, len(rare))
        yield row, sorted(other for other, n in shared.items() if n >= needed)
        for key in rare:
            postings[key].append(row)


def _claim_clusters_table(claims: pl.DataFrame, documents: pl.DataFrame) -> pl.DataFrame:
    frame = _with_dates(claims, documents)
    longest = pl.col("text").sort_by([pl.col("text").str.len_chars(), pl.col("claim_id")], descending=[True, False]).first()
    commonest = lambda column: pl.col(column).drop_nulls().mode().sort().first()  # noqa: E731
    return (
        frame.group_by("cluster_id")
        .agg(
            longest.alias("text"),
            commonest("claimant_entity_id").alias("claimant_entity_id"),
            pl.len().cast(pl.Int64).alias("n_claims"),
            pl.col("doc_id").n_unique().cast(pl.Int64).alias("n_docs"),
            pl.col("_story").n_unique().cast(pl.Int64).alias("n_stories"),
            pl.col("_published_date").min().alias("first_published_date"),
            pl.col("_published_date").max().alias("last_published_date"),
        )
        .join(
            frame.filter(pl.col("claimant_entity_id").is_not_null())
            .group_by("claimant_entity_id").agg(pl.col("claimant").drop_nulls().first()),
            on="claimant_entity_id", how="left",
        )
        .select("cluster_id", "text", "claimant", "claimant_entity_id", "n_claims", "n_docs", "n_stories",
                "first_published_date", "last_published_date")
        .sort("cluster_id")
    )


# --- per-entity counts -------------------------------------------------------------------------


def count_per_entity(entities: pl.DataFrame, quotes: pl.DataFrame, claims: pl.DataFrame | None = None) -> pl.DataFrame:
    """`entities` with n_quotes (quotes it is the speaker of) and n_claims (claims it is the claimant of)."""
    said = quotes.group_by(pl.col("speaker_entity_id").alias("entity_id")).agg(pl.len().cast(pl.Int64).alias("n_quotes"))
    counted = entities.drop("n_quotes", "n_claims", strict=False).join(said, on="entity_id", how="left")
    if claims is not None:
        claimed = claims.group_by(pl.col("claimant_entity_id").alias("entity_id")).agg(pl.len().cast(pl.Int64).alias("n_claims"))
        counted = counted.join(claimed, on="entity_id", how="left")
    else:
        counted = counted.with_columns(pl.lit(None, pl.Int64).alias("n_claims"))
    return counted.with_columns(pl.col("n_quotes", "n_claims").fill_null(0))
