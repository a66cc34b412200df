"""Claims: the checkable factual assertions of an article, with who asserts them and how firmly.

A package being split by responsibility: for now the whole of the former claims.py lives in rows.py.
"""

from newsfacts.claims.rows import (  # noqa: F401  (re-exported: the package's public API)
    ClaimCandidate,
    _quote_left_open,
    _speaker_word,
    assertions,
    checkworthiness,
    claim_rows,
    extract_claims,
    is_checkable,
    resolve_date,
)

__all__ = ["ClaimCandidate", "extract_claims", "claim_rows", "checkworthiness", "resolve_date", "assertions",
           "is_checkable"]
