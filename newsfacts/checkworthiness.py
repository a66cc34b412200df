"""Check-worthiness: how much a fact-checker would want to check a sentence, as a score in 0..1.

Concrete numbers, dates, named actors, causal and comparative statements score above vague,
rhetorical or polite ones. The shipped model (`data/checkworthiness.json.gz`) is a logistic
regression learned from the CLEF-2019 CheckThat! task 1 debates over the TF-IDF of the
sentence's word 1-2-grams (lower case, digits read as 0 so "1999" and "$40" look like any year
or sum: the model learns that a figure is there, not which). Held out one debate at a time it
reaches a MAP of 0.230, against 0.195 for the hand-set weights below and 0.065 for chance.

The model format also carries character n-gram blocks and the interpretable cues of
`sentence_features` (numbers, percentages, money, dates, named actors, comparatives, causal
words, first person, opinion, questions, greetings, length), standardised; both lowered the
held-out MAP, so the shipped model leaves them out (see checkworthiness_training.Params).

The model is JSON (vocabulary, idf, coefficients) applied in plain Python: no scikit-learn and
no download at run time; it is read once per process. `python -m newsfacts.checkworthiness_training`
regenerates it. `HAND_WEIGHTS` is the hand-set alternative over the cues, kept for comparison
(`newsfacts score checkworthiness`).

A parsed spaCy sentence is scored through its text: the score needs no parse (about 0.3 ms a
sentence), so a Span-based variant would not be cheaper.

Scores are the model's probabilities from class-weighted training: use them to rank and to
compare, not as the chance that a fact-checker picks the sentence.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

MODEL_RESOURCE = "data/checkworthiness.json.gz"
MODEL_FORMAT = "newsfacts-checkworthiness/1"

# The cues. Word lists are short on purpose: TF-IDF learns the vocabulary, these say what kind.
# Patterns that need case or symbols are regular expressions; word lists are looked up among the
# sentence's lower-cased word 1-3-grams in one pass (many alternations per sentence are slow).
DIGIT_NUMBER = re.compile(r"(?<![\w.])\d[\d,.]*(?:st|nd|rd|th|s)?\b")
PERCENT_SIGN = re.compile(r"%")
CURRENCY = re.compile(r"[$£€¥]")
YEAR = re.compile(r"\b(?:1[89]\d\d|20\d\d)s?\b")
# A capitalised word that is not the sentence's first word nor "I": a named actor, place or body.
CAPITALISED = re.compile(r"(?<=[\w,;:)\"'”’] )(?!I\b)[A-Z][\w.'’-]*")
ACRONYM = re.compile(r"\b[A-Z]{2,}\b")
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
DIGIT = re.compile(r"\d")

CUE_PHRASES: dict[str, str] = {
    "number_words": "one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty "
                    "sixty seventy eighty ninety hundred hundreds thousand thousands dozen dozens half twice double "
                    "doubled triple tripled quadrupled",
    "magnitudes": "million millions billion billions trillion trillions mln bn",
    "percents": "percent percentage point points|per cent",
    "money": "dollar dollars cent cents pounds euro euros usd gdp budget deficit debt tax taxes spending",
    "date_words": "january february march april may june july august september october november december monday "
                  "tuesday wednesday thursday friday saturday sunday yesterday decade decades since quarter quarters "
                  "annually|years ago|year ago|last year|last month|last week|per year|a year|every year",
    "comparatives": "than more less fewer greater higher lower larger bigger smaller better worse increase increased "
                    "increasing decrease decreased decreasing rose risen rise rising fell fallen falling grew grown "
                    "growing dropped decline declined doubled tripled cut",
    "superlatives": "most least best worst highest lowest largest biggest smallest greatest fastest record ever first "
                    "last only top all-time",
    "causal": "because cause caused causes causing therefore consequently blame blamed|due to|resulted in|results in|"
              "result of|as a result|led to|leads to|lead to|thanks to|responsible for|so that",
    "actions": "voted vote votes signed passed approved created lost killed died raised spent paid funded banned allowed "
               "said says supported opposed law bill act legislation policy plan deal agreement report study data",
    "first_singular": "i me my mine myself i'm i've i'd i'll",
    "first_plural": "we us our ours ourselves we're we've we'll",
    "second_person": "you your yours yourself you're you've you'll",
    "opinion": "think believe feel hope wish want love hate agree disagree opinion honestly frankly seem seems maybe "
               "perhaps probably should must ought will would could might gonna great terrible wonderful|going to|"
               "need to|let me|let's",
    "greeting": "thank thanks welcome hello applause laughter congratulations please goodbye bless okay ok yes yeah no "
                "well oh sir ma'am|good evening|good morning|good night|good afternoon|ladies and gentlemen",
    "negation": "not no never nobody nothing none neither nor",
}
FEATURE_NAMES: tuple[str, ...] = (
    "numbers", "number_words", "magnitudes", "percents", "money", "years", "date_words",
    "named", "acronyms", "comparatives", "superlatives", "causal", "actions",
    "first_singular", "first_plural", "second_person", "opinion", "question", "exclamation",
    "greeting", "negation", "log_words", "short",
)
_COLUMN = {name: i for i, name in enumerate(FEATURE_NAMES)}


def _phrase_index() -> dict[str, tuple[int, ...]]:
    """Phrase -> the feature columns it counts for ("|" separates multi-word phrases from the words)."""
    index: dict[str, list[int]] = {}
    for cue, spec in CUE_PHRASES.items():
        single, *multi = spec.split("|")
        for phrase in [*single.split(), *multi]:
            index.setdefault(phrase, []).append(_COLUMN[cue])
    return {phrase: tuple(columns) for phrase, columns in index.items()}


PHRASES = _phrase_index()
MAX_PHRASE_WORDS = max(len(p.split()) for p in PHRASES)
CAPS = {"named": 4}  # counts are capped so one long list of figures does not dominate; 3 unless said

# Hand-set weights over the cues, before any data was looked at: the fact-checker's rule of thumb
# (figures, dates, named actors and claims of change or cause up; questions, courtesy and opinion down).
HAND_WEIGHTS: dict[str, float] = {
    "numbers": 1.0, "number_words": 0.4, "magnitudes": 0.8, "percents": 1.2, "money": 0.7, "years": 0.6,
    "date_words": 0.3, "named": 0.3, "acronyms": 0.3, "comparatives": 0.5, "superlatives": 0.4, "causal": 0.5,
    "actions": 0.4, "first_singular": -0.3, "first_plural": 0.1, "second_person": -0.4, "opinion": -0.4,
    "question": -1.5, "exclamation": -0.5, "greeting": -0.8, "negation": 0.0, "log_words": 0.6, "short": -1.5,
}
HAND_BIAS = -4.0


def sentence_features(sentence: str) -> np.ndarray:
    """The interpretable cues of one sentence, in FEATURE_NAMES order: capped counts, the log of the
    word count, and flags for question, exclamation and short (under 6 words)."""
    text = sentence.strip()
    words = [w.replace("’", "'") for w in WORD.findall(text.lower())]
    counts = [0.0] * len(FEATURE_NAMES)  # a list: numpy's item assignment is slow at this size
    for n in range(1, MAX_PHRASE_WORDS + 1):
        for i in range(len(words) - n + 1):
            for column in PHRASES.get(" ".join(words[i : i + n]) if n > 1 else words[i], ()):
                counts[column] += 1
    counts[_COLUMN["numbers"]] = len(DIGIT_NUMBER.findall(text))
    counts[_COLUMN["percents"]] += len(PERCENT_SIGN.findall(text))
    counts[_COLUMN["money"]] += len(CURRENCY.findall(text))
    counts[_COLUMN["years"]] = len(YEAR.findall(text))
    counts[_COLUMN["named"]] = len(CAPITALISED.findall(text))
    counts[_COLUMN["acronyms"]] = len(ACRONYM.findall(text))
    counts[_COLUMN["superlatives"]] += sum(1 for w in words if len(w) > 6 and w.endswith("iest"))
    counts[_COLUMN["negation"]] += sum(1 for w in words if w.endswith("n't"))
    counts = [min(count, CAPS.get(name, 3)) for name, count in zip(FEATURE_NAMES, counts)]
    counts[_COLUMN["question"]] = "?" in text
    counts[_COLUMN["exclamation"]] = "!" in text
    counts[_COLUMN["log_words"]] = math.log1p(len(words))
    counts[_COLUMN["short"]] = len(words) < 6
    return np.array(counts, dtype=np.float64)


def features_matrix(sentences: Iterable[str]) -> np.ndarray:
    rows = [sentence_features(s) for s in sentences]
    return np.vstack(rows) if rows else np.zeros((0, len(FEATURE_NAMES)))


# The n-gram analysers, shared by training and scoring so both read a sentence the same way.
_TOKEN = re.compile(r"(?u)\b\w\w+\b|\b\d\b")


def normalise(sentence: str) -> str:
    """Lower case, every digit read as 0: the model learns the shape of a figure, not its value."""
    return DIGIT.sub("0", sentence.lower())


def word_ngrams(sentence: str) -> list[str]:
    tokens = _TOKEN.findall(normalise(sentence))
    return tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:])]


def char_ngrams(sentence: str, low: int = 2, high: int = 5) -> list[str]:
    """Character n-grams inside space-padded words (scikit-learn's char_wb)."""
    grams = []
    for word in normalise(sentence).split():
        padded = f" {word} "
        for n in range(low, min(high, len(padded)) + 1):
            grams.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return grams


ANALYSERS = {"word": word_ngrams, "char": char_ngrams}


@dataclass(frozen=True)
class _Block:
    """One TF-IDF block: sublinear tf times idf, L2-normalised, dotted with the coefficients."""

    analyser: str
    terms: dict[str, tuple[float, float]]  # term -> (idf, coefficient)

    def logit(self, sentence: str) -> float:
        # Plain Python: a sentence has a few dozen terms, too few for numpy's per-call cost to pay off.
        terms = self.terms
        counts = Counter(g for g in ANALYSERS[self.analyser](sentence) if g in terms)
        dot = squares = 0.0
        for term, tf in counts.items():
            idf, coef = terms[term]
            weight = (1.0 + math.log(tf)) * idf
            dot += weight * coef
            squares += weight * weight
        return dot / math.sqrt(squares) if squares else 0.0


@dataclass(frozen=True)
class Model:
    blocks: tuple[_Block, ...]
    feature_mean: np.ndarray
    feature_scale: np.ndarray
    feature_coef: np.ndarray
    intercept: float
    about: dict

    def logits(self, sentences: Sequence[str]) -> np.ndarray:
        logits = np.array([sum(b.logit(s) for b in self.blocks) for s in sentences], dtype=np.float64)
        if self.feature_coef.any():  # the shipped model does without the cues: skip computing them
            logits += ((features_matrix(sentences) - self.feature_mean) / self.feature_scale) @ self.feature_coef
        return logits + self.intercept


def model_from_dict(data: dict) -> Model:
    """Build a Model from its JSON form (see checkworthiness_training.model_to_dict), checking its shape."""
    if data.get("format") != MODEL_FORMAT:
        raise ValueError(f"not a check-worthiness model of format {MODEL_FORMAT!r}: {data.get('format')!r}")
    if tuple(data["features"]["names"]) != FEATURE_NAMES:
        raise ValueError("the model's feature names differ from this code's FEATURE_NAMES: retrain it")
    blocks = []
    for block in data["blocks"]:
        vocabulary = block["vocabulary"]
        if not len(vocabulary) == len(block["idf"]) == len(block["coef"]):
            raise ValueError(f"block {block['analyser']!r}: vocabulary, idf and coef lengths differ")
        if block["analyser"] not in ANALYSERS:
            raise ValueError(f"unknown analyser {block['analyser']!r}")
        blocks.append(_Block(
            analyser=block["analyser"],
            terms={term: (float(idf), float(coef)) for term, idf, coef in zip(vocabulary, block["idf"], block["coef"])},
        ))
    features = data["features"]
    return Model(
        blocks=tuple(blocks),
        feature_mean=np.asarray(features["mean"], dtype=np.float64),
        feature_scale=np.asarray(features["scale"], dtype=np.float64),
        feature_coef=np.asarray(features["coef"], dtype=np.float64),
        intercept=float(data["intercept"]),
        about=data.get("about", {}),
    )


@lru_cache(maxsize=1)
def load_model() -> Model:
    """The shipped model, read once per process."""
    raw = resources.files("newsfacts").joinpath(MODEL_RESOURCE).read_bytes()
    return model_from_dict(json.loads(gzip.decompress(raw)))


def _sigmoid(logits: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(logits, -40.0, 40.0)))


def _check_sentences(sentences: Sequence[str]) -> None:
    if isinstance(sentences, str):
        raise TypeError("checkworthiness takes a list of sentences, not one string")
    for i, sentence in enumerate(sentences):
        if not isinstance(sentence, str):
            raise TypeError(f"sentence {i} is {type(sentence).__name__}, not str")


def checkworthiness(sentences: Sequence[str], model: Model | None = None) -> list[float]:
    """One score in 0..1 per sentence, higher for the ones a fact-checker would check first.

    Each sentence is scored on its own (the same sentence gets the same score in any list).
    A spaCy Span works through its text: `checkworthiness([span.text for span in doc.sents])`.
    """
    _check_sentences(sentences)
    if not sentences:
        return []
    model = model or load_model()
    return _sigmoid(model.logits(list(sentences))).tolist()


def hand_checkworthiness(sentences: Sequence[str]) -> list[float]:
    """The hand-set alternative: HAND_WEIGHTS over sentence_features, through a sigmoid."""
    _check_sentences(sentences)
    if not sentences:
        return []
    weights = np.array([HAND_WEIGHTS[name] for name in FEATURE_NAMES])
    return _sigmoid(features_matrix(sentences) @ weights + HAND_BIAS).tolist()
