"""Quotations in one article: direct, partial and indirect, each with its speaker.

Reads the article's spaCy parse and its entity mentions (from
`newsfacts.entities`), so that a speaker resolves through the same
coreference: "she wrote" is whoever "she" is.

- Direct and partial quotes come from quote marks (`newsfacts.quotemarks`).
  The cue is the speech verb next to the quote (`"...," X said`, `X said: "..."`)
  or the verb that governs it (`described the talks as "extremely productive"`);
  the speaker is that verb's subject. A quote with no cue of its own takes the
  speaker of the quote it continues: the other half of a quote split around its
  attribution (a quoted title inside that attribution does not break it), or the
  previous paragraph of a long quotation; a quote-only paragraph with no speaker
  takes the attribution of the quote that opens the next paragraph, or the name that
  signs it in the next paragraph (`- Sanders.`). Any main verb right before `, "` or
  after `"...,"` frames the quote (`X shot back, "..."`, `"...," exhorted X`), and a
  verb right after a quote that runs on (`"...," said X, half joking`) reports it. A
  speaker never comes from inside a quote, and a participle set off after a clause
  (`X pushed back, saying A - and arguing B`) speaks for that clause's subject.
- A short quoted noun phrase that is not what somebody says (a "peace letter",
  the word "ceasefire") is a scare quote or a title, not a quotation; so are a name
  (her nickname, "Gert"; a play called "Sons of Trump"), a work's title named by the
  kind of work next to it (`the movie, "13 Hours: ..."`, `"Chi-Raq," a movie`), a short
  quote on the noun after it that no speech verb reports (`"spontaneous" protests`)
  and a heading line (`"Related:"`).
- Indirect quotes are content clauses of speech verbs (`X said (that) ...`,
  `according to X, ...`, `..., saying it is not interested in ...`): every clause the
  parse offers is a candidate (`indirect_candidate_rows`), and the learned attribution
  model (`newsfacts.attribution_model`) keeps the likely ones. A second report
  joined to a clause (`said A and said that B`, `said A, telling them B`) is cut off
  it, and a thought inside what somebody says (`X said he does not believe Y`) is
  part of that report, not one of its own.
- A document that speaks ("the letter began") is attributed to its author
  where the article says who wrote it; `speaker_text` keeps the words.

The modules, in the order a quote goes through them:

- `extract`: one article's quotations (`extract_quotes`), calling the others in turn;
- `cues`: the cue and speaker of one direct or partial quote, with `framing` (a verb right before or after the quote),
  `introduced` (a colon, the previous sentence or paragraph) and `subjects` (who a verb's subject is);
- `kinds`: direct, partial, or not a quotation (a scare quote, a title, a work, a mentioned word);
- `speakers`: from speaker words to the article's entity (coreference, a document's author), the row and its confidence;
- `paragraphs`: quotes across paragraphs (split and long quotations, signatures, unattributed quote-only paragraphs);
- `signed`: quote collections ("vox pops"), an answer signed by the person's name line (`"..." — Name, 34, Place`, a name
  line above the quote's paragraph, `Name, 34, Place: "..."`), never by the place, the age or the writer's `We`;
- `indirect`: reported clauses as candidates for the attribution model; `clauses`: where a reported clause ends;
- `mixed`: the reported phrase around a partial quote; `lead_in`: the start of a sentence its attribution splits;
- `whole_marks`: a reported clause cut at a quotation's edge takes in the cut mark (no half quotations in `text`);
- `rows` (the Quote row), `vocabulary` (word lists) and `grammar` (small parse tests) are shared by all.
"""

from newsfacts.quotes.extract import extract_quotes
from newsfacts.quotes.indirect import indirect_candidate_rows
from newsfacts.quotes.rows import DIRECT, INDIRECT, PARTIAL, Quote
from newsfacts.quotes.speakers import speaker_pronoun_mentions
from newsfacts.quotes.vocabulary import MEMBER_NOUNS

__all__ = ["DIRECT", "INDIRECT", "MEMBER_NOUNS", "PARTIAL", "Quote", "extract_quotes", "indirect_candidate_rows",
           "speaker_pronoun_mentions"]
