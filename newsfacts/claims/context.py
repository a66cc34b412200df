"""What the article's other extractors found, by token (`ClaimContext`): the words that name an actor and the words
inside quotation marks, and the share of quoted words that makes a clause a quotation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from newsfacts.claims.naming import ROLE_NAME_WORDS, role_holder
from newsfacts.nlp import doc_text


@dataclass
class ClaimContext:
    """What the article's other extractors found, by token: which words name an actor (a named entity or
    a pronoun resolved to one) and which lie inside direct quotation marks."""

    actor_tokens: set[int] = field(default_factory=set)
    quoted_tokens: set[int] = field(default_factory=set)
    speaker_tokens: set[int] = field(default_factory=set)  # who a quotation is attributed to: its frame, not its content

    @classmethod
    def of(cls, doc: Doc, mentions, quotes) -> "ClaimContext":
        context = cls()
        for mention in mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None and mention.type != "NORP":
                context.actor_tokens.update(range(span.start, span.end))
        text = doc_text(doc)
        for token in doc:  # 'the judge', 'the court': an actor where the article names the one it means
            if token.lower_ in ROLE_NAME_WORDS and token.i > 0 and doc[token.i - 1].lower_ == "the" \
                    and role_holder(text, mentions, token.lower_) is not None:
                context.actor_tokens.update((token.i - 1, token.i))
        for quote in quotes:
            if quote.kind == "direct":  # a partial quote sits in the writer's paraphrase, whose words count
                span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
                if span is not None:
                    context.quoted_tokens.update(range(span.start, span.end))
            if quote.speaker_start is not None:
                span = doc.char_span(quote.speaker_start, quote.speaker_end, alignment_mode="expand")
                if span is not None:
                    context.speaker_tokens.update(range(span.start, span.end))
        return context


# A direct quotation is checkable on what it says, not on who says it: the speaker's name in '"We made some
# headway," Trump said' does not make the quote a claim. This share of quoted words makes a clause a quotation.
QUOTED_CLAUSE_SHARE = 0.5
