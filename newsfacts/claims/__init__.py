"""Claims: the checkable factual assertions of an article, with who asserts them and how firmly.

Per article (reading the shared spaCy Doc), `extract_claims` cuts each sentence
outside headings into assertions (the sentence, its independent coordinated
clauses, and non-restrictive relative clauses that carry their own fact, such
as "Ukraine, which Putin's forces invaded in 2022") and keeps those that can be
checked: a finite verb and something concrete to check (a named actor, a
number, a date, a specific past event of something the article spoke of:
"the fire was caused by ...", or background in its own voice: "Complex algorithms
translate those signals into instructions"), and not a question, a wish, an order or
rhetoric addressed to someone. A clause reporting another source ("after he
said ...", "and said ...") is an assertion of its own. Each keeps its own
attribution ("Russia demands that ...", "the AP documented ..."), negation,
hedge, quantities and resolved dates.

Across the corpus (after entity linking), `claim_rows` gives each claim its
claimant: the speaker of the quotation it sits in or reports, else the subject
of its own attribution verb; a pronoun or missing source takes the nearest
compatible one named before it in the paragraph; else nobody (the article's
own voice).

The modules, in the order a claim goes through them:

- `extract`: one article's claims, from sentences to ClaimCandidates (`candidate`);
- `splitting`: a sentence cut into assertions;
- `checkability`: whether an assertion can be checked, with `nonfactual` (wishes, orders, guesses, vows...)
  and `judgments` (praise and blame);
- `attribution`: a clause's own source and cue, and the marks of a report going on;
- `sources`: polls, studies and 'According to X'; `naming`: claimants named by role or as a group;
- `firmness`: negation and hedges; `numbers_and_dates`: quantities and resolved dates;
- `rows`: across the corpus, the claims table's rows with their claimants, quotes and entities;
- `grammar` (the parse of a clause) and `context` (what the other extractors found) are shared by all.
"""

from newsfacts.checkworthiness import checkworthiness
from newsfacts.claims.candidate import ClaimCandidate
from newsfacts.claims.checkability import is_checkable
from newsfacts.claims.extract import extract_claims
from newsfacts.claims.numbers_and_dates import resolve_date
from newsfacts.claims.rows import claim_rows
from newsfacts.claims.splitting import assertions

__all__ = ["ClaimCandidate", "extract_claims", "claim_rows", "checkworthiness", "resolve_date", "assertions",
           "is_checkable"]
