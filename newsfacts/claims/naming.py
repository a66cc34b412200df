"""Claimants named by description: a role ('the judge', 'the court', 'the hearing') is the one the article names
with that title, and a group ('the men', 'the trio') is the people the article names together ('A, B and C').
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from newsfacts.claims.candidate import ClaimCandidate
from newsfacts.nlp import doc_text


# Descriptions the article gives of a court or of a judge, and the word the name carries ('Deputy High Court Judge
# Richard Mawrey', 'an Election Court'): 'the hearing' and 'the trial' are the court's.
ROLE_NAME_WORDS = {"judge": ("Judge", "PERSON"), "coroner": ("Coroner", "PERSON"), "magistrate": ("Magistrate", "PERSON"),
                   "court": ("Court", "ORG"), "hearing": ("Court", "ORG"), "trial": ("Court", "ORG"),
                   "tribunal": ("Tribunal", "ORG"), "inquiry": ("Inquiry", "ORG"), "inquest": ("Inquest", "ORG")}

# A group of people described by what they are: 'the men', 'the three men', 'the trio', 'the defendants'.
GROUP_DESCRIPTION = re.compile(r"the\s+((two|three|four|five|six)\s+)?(men|women|trio|pair|couple|brothers|sisters|"
                               r"defendants|accused|councillors)", re.IGNORECASE)


def name_the_group(candidate: ClaimCandidate, text: str, mentions) -> None:
    """'The men ... deny collecting votes' where the article names one group of people together ('Muhammad Afzal,
    Mohammed Islam and Mohammed Kazi'): that group, whose names claim_rows joins in full."""
    if candidate.claimant_text is None or not GROUP_DESCRIPTION.fullmatch(candidate.claimant_text.strip()):
        return
    groups = _named_groups(text, [m for m in mentions if m.type == "PERSON"])
    if len({tuple(sorted({m.entity for m in g})) for g in groups}) == 1:
        first, last = groups[0][0], groups[0][-1]
        candidate.claimant_text = text[first.start : last.end]
        candidate.claimant_start, candidate.claimant_end, candidate.claimant_head = first.start, last.end, first.start


def _named_groups(text: str, people) -> list[list]:
    """Runs of two or more people named together with only commas, 'and' and titles between ('A, B and C')."""
    people = sorted(people, key=lambda m: m.start)
    groups, run = [], people[:1]
    for previous, mention in zip(people, people[1:]):
        if COORDINATION.fullmatch(text[previous.end : mention.start]) and mention.entity != previous.entity:
            run.append(mention)
            continue
        groups.append(run)
        run = [mention]
    groups.append(run)
    return [g for g in groups if len({m.entity for m in g}) >= 2]


def name_the_role(candidate: ClaimCandidate, doc: Doc, mentions) -> None:
    """A claimant described by its role ('The judge presiding', 'the court', 'the hearing') is the one the article
    names with that title ('Judge Richard Mawrey', 'an Election Court') when it names exactly one."""
    words = (candidate.claimant_text or "").split()
    if len(words) < 2 or words[0].lower() != "the" or any(w[:1].isupper() for w in words[1:]):
        return
    noun = next((w.lower() for w in words[1:] if w.lower() in ROLE_NAME_WORDS), None)
    holder = role_holder(doc_text(doc), mentions, noun) if noun is not None else None
    if holder is not None:
        candidate.claimant_text = holder.text
        candidate.claimant_start, candidate.claimant_end, candidate.claimant_head = holder.start, holder.end, holder.start


def role_holder(text: str, mentions, noun: str):
    """The mention of the one entity the article names with the role's title, or None."""
    title, type_ = ROLE_NAME_WORDS[noun]
    if type_ == "PERSON":  # the title just before the name: 'Judge Richard Mawrey'
        named = [m for m in mentions if m.type == "PERSON" and text[max(0, m.start - len(title) - 1) : m.start].strip() == title]
    else:  # the title as the name's last word: 'Election Court'
        named = [m for m in mentions if m.type in ("ORG", "FAC") and m.text.split()[-1:] == [title]]
    return named[0] if len({m.entity for m in named}) == 1 else None


COORDINATION = re.compile(r"\s*(,|,?\s*and|&)\s*((Mr|Mrs|Ms|Miss|Dr)\.?\s+)?")  # 'Mr Afzal, Mr Islam and Mr Kazi'
