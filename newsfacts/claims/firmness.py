"""How firmly a claim is asserted: whether its main assertion is negated (`is_negated`) and the hedge word it
carries (`HEDGE_PATTERN`: 'reportedly', 'may', 'is expected to', ...).
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from newsfacts.claims.grammar import head_of_clause, subject_of


HEDGE_WORDS = ("reportedly", "allegedly", "apparently", "purportedly", "supposedly", "possibly", "probably",
               "likely", "may", "might", "could", "appears to", "appear to", "appeared to", "seems to",
               "seem to", "seemed to", "is believed to", "are believed to", "is expected to", "are expected to",
               "is said to", "are said to", "suggests", "suggested")
# "may" only in lower case: "May" is the month ("in May 2004") or a surname far more often than a modal opening a claim
CASE_SENSITIVE_HEDGES = frozenset({"may"})
HEDGE_PATTERN = re.compile(r"\b(" + "|".join(f"(?-i:{re.escape(w)})" if w in CASE_SENSITIVE_HEDGES else re.escape(w)
                                           for w in sorted(HEDGE_WORDS, key=len, reverse=True)) + r")\b", re.IGNORECASE)
NEGATION_WORDS = frozenset({"not", "n't", "never", "no", "nor", "neither", "none", "nobody", "nothing"})


def is_negated(clause: Span) -> bool:
    """The main assertion is negative: a negation on the clause's verb ('did not name'), 'Nor did ...',
    or a negative subject ('nobody was hurt')."""
    head = head_of_clause(clause)
    if head is None:
        return False
    verbs = [head] + [c for c in head.children if c.dep_ == "conj"]
    if any(c.dep_ == "neg" for verb in verbs for c in verb.children):
        return True
    subject = subject_of(head)
    negative_subject = subject is not None and (subject.lower_ in NEGATION_WORDS or any(
        c.dep_ == "det" and c.lower_ == "no" for c in subject.children))
    return clause[0].lower_ in ("nor", "neither") or negative_subject
