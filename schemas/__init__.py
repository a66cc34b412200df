"""The dataset's contract: one Pandera (polars) model per table.

Everything else about a table (its Arrow schema for writing, its docs) is
derived from the model here, so each table is declared once.
"""

from __future__ import annotations

import pandera.polars as pa

from schemas.claims import Claims
from schemas.clusters import ClaimClusters, QuoteClusters
from schemas.documents import Documents
from schemas.entities import Entities, Mentions
from schemas.quotes import Quotes

# Semantic version of the contract: a new column is a minor bump, a removed or retyped column a major one.
SCHEMA_VERSION = "0.5.0"

# Table name to model, in the order tables are written and documented.
TABLES: dict[str, type[pa.DataFrameModel]] = {
    "documents": Documents,
    "entities": Entities,
    "mentions": Mentions,
    "quote_clusters": QuoteClusters,
    "quotes": Quotes,
    "claim_clusters": ClaimClusters,
    "claims": Claims,
}

# Rules across tables, checked on every run: (table, columns) -> (referenced table, columns).
FOREIGN_KEYS: list[tuple[str, str, str, str]] = [
    ("mentions", "doc_id", "documents", "doc_id"),
    ("mentions", "entity_id", "entities", "entity_id"),
    ("quotes", "doc_id", "documents", "doc_id"),
    ("quotes", "speaker_entity_id", "entities", "entity_id"),
    ("claims", "doc_id", "documents", "doc_id"),
    ("claims", "claimant_entity_id", "entities", "entity_id"),
    ("claims", "quote_id", "quotes", "quote_id"),
    ("claims", "entity_ids", "entities", "entity_id"),
    ("documents", "near_duplicate_of", "documents", "doc_id"),
    ("quote_clusters", "speaker_entity_id", "entities", "entity_id"),
    ("quotes", "cluster_id", "quote_clusters", "cluster_id"),
    ("claim_clusters", "claimant_entity_id", "entities", "entity_id"),
    ("claims", "cluster_id", "claim_clusters", "cluster_id"),
]
# Spans (table, start column, end column, text column): where set, text == documents.text[start:end].
SPANS: list[tuple[str, str, str, str]] = [
    ("mentions", "start", "end", "text"),
    ("quotes", "start", "end", "text"),
    ("quotes", "speaker_start", "speaker_end", "speaker_text"),
    ("quotes", "cue_start", "cue_end", "cue"),
    ("claims", "start", "end", "text"),
]
# Counted columns (table, key, count column, counted table, its column referencing the key, distinct column):
# table.count == the counted table's rows with that key (or its distinct values of the distinct column, if set).
COUNTS: list[tuple[str, str, str, str, str, str | None]] = [
    ("entities", "entity_id", "n_mentions", "mentions", "entity_id", None),
    ("entities", "entity_id", "n_docs", "mentions", "entity_id", "doc_id"),
    ("entities", "entity_id", "n_quotes", "quotes", "speaker_entity_id", None),
    ("entities", "entity_id", "n_claims", "claims", "claimant_entity_id", None),
    ("quote_clusters", "cluster_id", "n_quotes", "quotes", "cluster_id", None),
    ("quote_clusters", "cluster_id", "n_docs", "quotes", "cluster_id", "doc_id"),
    ("claim_clusters", "cluster_id", "n_claims", "claims", "cluster_id", None),
    ("claim_clusters", "cluster_id", "n_docs", "claims", "cluster_id", "doc_id"),
]

__all__ = ["SCHEMA_VERSION", "TABLES", "FOREIGN_KEYS", "SPANS", "COUNTS", "Claims", "Documents", "Entities", "Mentions", "Quotes", "QuoteClusters", "ClaimClusters"]
