"""The one spaCy pass that entities, quotes and claims share.

The model is a setting (`Settings.model`, `--model`): any installed spaCy
pipeline with a tagger, parser and NER works (en_core_web_sm/md/lg/trf). A
missing model is a clear error naming the setting, not a traceback.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

import numpy
import spacy
from spacy.attrs import IDX, LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex, minibatch

from newsfacts.settings import DEFAULT_MODEL

log = logging.getLogger(__name__)

# What the later stages read: sentences and the dependency parse (parser), part of speech (tagger,
# attribute_ruler), lemmas of cue verbs (lemmatizer), named entities (ner).
NEEDED_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
# Longer texts are parsed in pieces: spaCy needs about 1 GB per 100,000 characters for the parser and NER.
CHUNK_CHARS = 100_000
# A run of characters without a space longer than this is one token (see cut_long_runs).
MAX_RUN_CHARS = 1000
_LONG_RUN = re.compile(r"\S{%d,}" % (MAX_RUN_CHARS + 1))
# A double quote mark glued between punctuation and a word (`said,“Look`, `audiences,"Katie`, `Clinton:"We`): the
# punctuation and the mark are tokens of their own, as they are with a space between. spaCy's infixes split a comma
# only between letters, so `said,“Look` was one token and its quote had no speech verb next to it.
GLUED_QUOTE_MARK_INFIXES = (r'[,:;.!?](?=["“”]\w)', r'(?<=[,:;.!?])["“”](?=\w)')
# Below this many texts, starting worker processes costs more than it saves.
MIN_TEXTS_PER_PROCESS = 20


class ModelNotFound(RuntimeError):
    def __init__(self, model: str) -> None:
        super().__init__(
            f"spaCy model {model!r} is not installed. Set the `model` setting (--model) to an installed pipeline "
            f"such as {DEFAULT_MODEL!r} (pinned in requirements.lock), en_core_web_md, en_core_web_lg or en_core_web_trf."
        )
        self.model = model


@Language.component("newsfacts_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break, before the parser runs: a paragraph, a heading or a
    dateline never shares a sentence (or a parse tree) with the next one. The parser keeps preset starts."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if (previous.is_space and "\n" in previous.text) or "\n" in previous.whitespace_:
            token.is_sent_start = True
    return doc


class ArrayAttributeRuler:
    """The model's attribute_ruler with the same output at a fraction of the cost. spaCy's runs a Matcher over
    every token and then makes a Span and sets attributes in Python for every match (the tag map matches
    every token): as costly as the tok2vec layer. Here each pattern is a test on the Doc's attribute arrays,
    all tested before any is applied, and applied in the ruler's order (later patterns win), as spaCy does.
    A ruler with a pattern this cannot test (an operator other than IN, NOT_IN, REGEX) is left as it is."""

    def __init__(self, ruler: AttributeRuler) -> None:
        strings = ruler.vocab.strings
        self.vocab = ruler.vocab
        self.patterns = []  # (alternatives: [[token test]], index, {attribute id: value})
        for number, pattern in enumerate(ruler.patterns):
            alternatives = [[_token_test(token, strings) for token in tokens] for tokens in pattern["patterns"]]
            self.patterns.append((alternatives, pattern["index"], ruler.attrs[number]))
        self.columns = sorted({attr for alternatives, _, _ in self.patterns for tokens in alternatives for test in tokens
                               for attr, _, _ in test})
        self.outputs = sorted({attr for _, _, attrs in self.patterns for attr in attrs})

    @classmethod
    def of(cls, ruler: AttributeRuler) -> "ArrayAttributeRuler | None":
        try:
            return cls(ruler)
        except _Untestable:
            return None

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Test the patterns once per batch of Docs, on their arrays end to end: numpy's cost is per call."""
        for batch in minibatch(docs, batch_size):
            self._apply([doc for doc in batch if len(doc)])
            yield from batch

    def _apply(self, docs: list[Doc]) -> None:
        if not docs or not self.patterns:
            return
        lengths = [len(doc) for doc in docs]
        # (to_array gives one column as a 1-d array)
        columns = numpy.concatenate([doc.to_array(self.columns) for doc in docs]).reshape(-1, len(self.columns))
        arrays = dict(zip(self.columns, columns.T))
        owner = numpy.repeat(numpy.arange(len(docs)), lengths)  # which Doc each token is in
        present = {attr: set(values.tolist()) for attr, values in arrays.items()}
        found = [(self._positions(alternatives, index, arrays, present, owner), attrs) for alternatives, index, attrs in self.patterns]
        values = numpy.concatenate([doc.to_array(self.outputs) for doc in docs]).reshape(-1, len(self.outputs))
        for positions, attrs in found:  # in the ruler's order: a later pattern overwrites an earlier one
            if len(positions):
                for attr, value in attrs.items():
                    values[positions, self.outputs.index(attr)] = value
        for doc, part in zip(docs, numpy.split(values, numpy.cumsum(lengths)[:-1])):
            doc.from_array(self.outputs, part)

    def _positions(self, alternatives, index, arrays, present, owner) -> numpy.ndarray:
        """The tokens a pattern sets: position `index` of each place where one of its token sequences matches
        within one Doc."""
        length = len(owner)
        hits = []
        for tests in alternatives:
            width = len(tests)
            if width > length or any(op == "==" and not (values & present[attr]) for test in tests for attr, op, values in test):
                continue  # a word the pattern needs is nowhere in the batch
            match = owner[: length - width + 1] == owner[width - 1 :]
            for offset, test in enumerate(tests):
                for attr, op, values in test:
                    column = arrays[attr][offset : offset + len(match)]
                    if op == "regex":
                        values = self._regex_hits(column, values)
                    inside = column == next(iter(values)) if len(values) == 1 else numpy.isin(column, list(values))
                    match &= ~inside if op == "!=" else inside
            hits.append(numpy.flatnonzero(match) + (index if index >= 0 else width + index))
        return numpy.unique(numpy.concatenate(hits)) if hits else numpy.empty(0, dtype=int)

    def _regex_hits(self, column: numpy.ndarray, pattern: re.Pattern) -> set[int]:
        return {h for h in set(column.tolist()) if pattern.search(self.vocab.strings[h])}


class _Untestable(ValueError):
    pass


# Token attributes whose Doc array holds exactly what spaCy's Matcher compares (a string's hash, a flag).
TESTABLE_ATTRS = frozenset("ORTH LOWER NORM TAG POS DEP LEMMA ENT_TYPE SHAPE PREFIX SUFFIX IS_SPACE IS_PUNCT IS_ALPHA "
                           "IS_DIGIT IS_LOWER IS_UPPER IS_TITLE LIKE_NUM".split())


def _token_test(token: dict, strings) -> list[tuple[int, str, object]]:
    """One pattern token as (attribute id, op, operand): "==" a set of values, "!=" none of a set, "regex"."""
    from spacy.attrs import IDS

    test = []
    for name, value in token.items():
        if name.upper() not in TESTABLE_ATTRS:
            raise _Untestable(name)
        attr = IDS[name.upper()]
        if isinstance(value, dict):
            if set(value) == {"IN"}:
                test.append((attr, "==", {_value(strings, v) for v in value["IN"]}))
            elif set(value) == {"NOT_IN"}:
                test.append((attr, "!=", {_value(strings, v) for v in value["NOT_IN"]}))
            elif set(value) == {"REGEX"}:
                test.append((attr, "regex", re.compile(value["REGEX"])))
            else:
                raise _Untestable(str(value))
        else:
            test.append((attr, "==", {_value(strings, value)}))
    return test


def _value(strings, value) -> int:
    """A pattern value as the Doc's arrays hold it: a string's hash (a symbol's id), a flag as 0 or 1."""
    if isinstance(value, bool) or isinstance(value, int):
        return int(value)
    if isinstance(value, str):
        return strings.add(value)
    raise _Untestable(repr(value))


class MemoLemmatizer:
    """The model's lemmatizer with the same output: its lemma depends on the word, part of speech and
    morphology only (modes rule, lookup, pos_lookup), so each combination is lemmatized once per process and
    written to the Doc as one array; spaCy's own loop made a Token object and redid the base-form checks
    for every token."""

    MODES = ("rule", "lookup", "pos_lookup")

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self.memo: dict[tuple[int, int, int], str] = {}
        # The rule mode asks `form in index` of each part of speech's word list: a scan of a list of
        # thousands of words per candidate form (150 microseconds a word). A set answers the same.
        if "lemma_index" in lemmatizer.lookups:
            index = lemmatizer.lookups.get_table("lemma_index")
            for pos in list(index.keys()):
                index[pos] = frozenset(index[pos])

    def __call__(self, doc: Doc) -> Doc:
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        strings = doc.vocab.strings
        todo = numpy.flatnonzero(lemmas == 0) if not self.lemmatizer.overwrite else numpy.arange(len(lemmas))
        for i in todo.tolist():
            key = tuple(rows[i, :3].tolist())
            lemma = self.memo.get(key)
            if lemma is None:
                lemma = self.memo[key] = self.lemmatizer.lemmatize(doc[i])[0]
            lemmas[i] = strings.add(lemma)  # the string is memoized, not its hash: spaCy's memory_zone forgets strings
        if len(doc):
            doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc


@Language.factory("newsfacts_attribute_ruler")
def make_attribute_ruler(nlp: Language, name: str) -> ArrayAttributeRuler:
    return ArrayAttributeRuler(nlp.get_pipe("attribute_ruler"))


@Language.factory("newsfacts_lemmatizer")
def make_lemmatizer(nlp: Language, name: str) -> MemoLemmatizer:
    return MemoLemmatizer(nlp.get_pipe("lemmatizer"))


@lru_cache(maxsize=4)
def load_model(model: str = DEFAULT_MODEL) -> Language:
    """Load an installed pipeline with only the components the stages need (cached per process)."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:  # spaCy's E050: no package, shortcut link or path of that name
        raise ModelNotFound(model) from exc
    unneeded = [name for name in nlp.pipe_names if name not in NEEDED_COMPONENTS and not name.startswith("transformer")]
    for name in unneeded:
        nlp.disable_pipe(name)
    if "ner" not in nlp.pipe_names or "parser" not in nlp.pipe_names:
        raise ModelNotFound(f"{model} (it has no ner or parser component)")
    nlp.add_pipe("newsfacts_paragraph_breaks", before="parser")
    split_glued_quote_marks(nlp)
    _use_cheaper_equivalents(nlp)
    return nlp


def split_glued_quote_marks(nlp: Language) -> None:
    """Add GLUED_QUOTE_MARK_INFIXES to the infixes of the pipeline's own tokenizer (the text is unchanged: tokens
    only split, so every offset stays where it was)."""
    current = getattr(nlp.tokenizer.infix_finditer, "__self__", None)
    infixes = [current.pattern] if isinstance(current, re.Pattern) else list(nlp.Defaults.infixes or ())
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes + list(GLUED_QUOTE_MARK_INFIXES)).finditer


def _use_cheaper_equivalents(nlp: Language) -> None:
    """Swap the attribute_ruler and lemmatizer for components that write the same annotations for less."""
    ruler = nlp.get_pipe("attribute_ruler") if "attribute_ruler" in nlp.pipe_names else None
    if isinstance(ruler, AttributeRuler) and ArrayAttributeRuler.of(ruler) is not None:
        nlp.add_pipe("newsfacts_attribute_ruler", after="attribute_ruler")
        nlp.disable_pipe("attribute_ruler")
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    if isinstance(lemmatizer, Lemmatizer) and lemmatizer.mode in MemoLemmatizer.MODES:
        nlp.add_pipe("newsfacts_lemmatizer", after="lemmatizer")
        nlp.disable_pipe("lemmatizer")


def doc_text(doc: Doc) -> str:
    """The document's text, built once: spaCy's Doc.text joins every token again on each access."""
    text = doc.user_data.get("newsfacts_text")
    if text is None:
        text = doc.user_data["newsfacts_text"] = doc.text
    return text


def token_starts(doc: Doc) -> list[int]:
    """Character offset of every token, built once per Doc, for bisecting offsets to tokens."""
    starts = doc.user_data.get("newsfacts_token_starts")
    if starts is None:
        starts = doc.user_data["newsfacts_token_starts"] = doc.to_array(IDX).tolist()  # no Token object per token
    return starts


def ents_within(span: Span) -> list[Span]:
    """The named entities wholly inside `span`, like `span.ents`, from one list built per Doc: spaCy's
    Span.ents builds a Span for every entity of the whole Doc on each call."""
    doc = span.doc
    ents = doc.user_data.get("newsfacts_ents")
    if ents is None:
        ents = doc.user_data["newsfacts_ents"] = list(doc.ents)
        doc.user_data["newsfacts_ent_starts"] = [ent.start for ent in ents]
    first = bisect.bisect_left(doc.user_data["newsfacts_ent_starts"], span.start)
    inside = []
    for ent in ents[first:]:
        if ent.end > span.end:
            break
        inside.append(ent)
    return inside


def release(doc: Doc) -> None:
    """Drop what the stages memoized on the Doc. Its user_data holds Spans and Tokens of the Doc itself (a
    reference cycle), so without this a finished Doc (its tensor, its token arrays) waits for Python's cyclic
    garbage collector, which runs rarely: a worker grew by 300 MB over a corpus (with it: flat)."""
    doc.user_data.clear()


def first_token_from(doc: Doc, char: int) -> int:
    """Index of the first token that starts at or after `char` (len(doc) if none)."""
    return bisect.bisect_left(token_starts(doc), char)


def tokens_starting_in(doc: Doc, start: int, end: int) -> Span:
    """The tokens that start inside [start, end)."""
    return doc[first_token_from(doc, start) : first_token_from(doc, end)]


def parse(texts: Iterable[str], model: str = DEFAULT_MODEL, n_process: int = 1, batch_size: int = 32,
          chunk_chars: int = CHUNK_CHARS) -> Iterator[Doc]:
    """Run the pipeline once over each text, in order.

    A text longer than `chunk_chars` is parsed in pieces cut at paragraph breaks (or spaces) and joined
    back into one Doc with exactly the same text, so memory stays bounded and spaCy's max_length never
    refuses an article.
    """
    texts = list(texts)
    nlp = load_model(model)
    pieces = [[run for chunk in chunk_text(text, min(chunk_chars, nlp.max_length)) for run in cut_long_runs(chunk)] for text in texts]
    # A long run without spaces is one token: no word, and tokenizing it costs quadratic time.
    flat = [Doc(nlp.vocab, words=[piece], spaces=[False]) if _LONG_RUN.fullmatch(piece) else piece
            for chunks in pieces for piece in chunks]
    processes = max(1, min(n_process, len(flat) // MIN_TEXTS_PER_PROCESS))
    docs = nlp.pipe(flat, n_process=processes, batch_size=batch_size)
    for text, chunks in zip(texts, pieces):
        parts = [next(docs) for _ in chunks]
        doc = parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)
        doc.user_data["newsfacts_text"] = text  # what doc_text would rebuild token by token: spaCy keeps text exactly
        yield doc


def cut_long_runs(text: str) -> list[str]:
    """Consecutive pieces that join back to `text`, each run of more than MAX_RUN_CHARS characters without a
    space in a piece of its own. spaCy's tokenizer splits prefixes and suffixes off such a run one at a
    time, quadratic in its length (10,000 quote marks in a row took 40 s): `parse` makes it one token."""
    pieces, start = [], 0
    for match in _LONG_RUN.finditer(text):
        if match.start() > start:
            pieces.append(text[start : match.start()])
        pieces.append(match.group())
        start = match.end()
    if start < len(text) or not pieces:
        pieces.append(text[start:])
    return pieces


def chunk_text(text: str, limit: int) -> list[str]:
    """Consecutive pieces of at most `limit` characters that join back to `text`, cut after a paragraph
    break where there is one, else after a space, else anywhere."""
    pieces = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = window.rfind("\n\n")
        cut = cut + 2 if cut > 0 else window.rfind(" ") + 1
        cut = cut if cut > 0 else limit
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces
