"""A quotation row (`Quote`) and an attribution found for it on the way (`Attribution`: cue, speaker words, how)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token


DIRECT, PARTIAL, INDIRECT = "direct", "partial", "indirect"
# Two ways a quote collection signs an answer (`signed`; the colon form, `Maria Lopez, 34, Phoenix: "..."`, is "before"):
SIGNED = "signed"  # `"..." — Maria Lopez, 34, Phoenix`: a quote paragraph signed at its own end
NAME_LINE = "name line"  # `Maria Lopez, 34, Phoenix` (paragraph break) `"..."`: a quote under the person's name line
NAME_SIGNED = frozenset({SIGNED, NAME_LINE})


@dataclass
class Quote:
    start: int
    end: int
    text: str
    kind: str
    speaker_entity: int | None  # index of the article's local entity
    speaker_text: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    paragraph: int
    confidence: float
    # how the speaker was found: after, before, according, governs, inherited, previous, forward, signature (a `- Name.`
    # paragraph under the quote), signed and name line (see `signed`), verb (the subject of a verb that does not report speech), outer (the subject of the
    # clause above an unreported partial quote's own), clause, mixed (a reported
    # phrase around a partial quote), object (a reported noun phrase), lead-in (the start of a sentence its attribution
    # splits), dash (the person whose clause a dash ends before a quoted sentence), none
    attribution: str = "none"


@dataclass
class Attribution:
    cue: Token | None
    speaker: Span | None  # the speaker's words
    how: str  # "after", "before", "governs", "according", "inherited", "none"
