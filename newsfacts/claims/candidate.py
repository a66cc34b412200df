"""ClaimCandidate: one assertion found in one article, as the per-article stages fill it in and `rows` reads it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ClaimCandidate:
    """One assertion found in one article, before corpus-wide linking gives it a claimant entity."""

    start: int
    end: int
    text: str
    paragraph: int
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    claimant_text: str | None = None
    claimant_start: int | None = None
    claimant_end: int | None = None
    claimant_head: int | None = None  # offset of the word naming the claimant, to pick its entity among the subject's
    negated: bool = False
    hedged: str | None = None
    quantities: list[dict] = field(default_factory=list)
    dates: list[dict] = field(default_factory=list)
    checkworthiness: float = 0.0
    in_open_quote: bool = False  # it lies inside quotation marks opened before it in its paragraph
    introducer: tuple[int, int, int] | None = None  # who it says is about to speak ('X did offer some good news'):
    # offsets of their words and naming word, for the sentences in reported tense that follow
    backshifted: bool = False  # its verb is in reported speech's tense ('It would also help ...') with no cue of its own
    acts: list[int] = field(default_factory=list)  # offsets of report verbs read as acts ('claimed the titles'):
    # no quotation the quotes stage hung on them says who asserts the claim
    voice: str = "own"  # "own": the clause carries its attribution; "article": a relative clause the writer adds;
    # "survey": a poll's finding, asserted by the poll's author (claimant_*) where the article names one, else by nobody
