"""The dataset's contract: one Pandera (polars) model per table.

Everything else about a table (its Arrow schema for writing, its docs) is
derived from the model here, so each table is declared once.
"""

from __future__ import annotations

import pandera.polars as pa

from schemas.documents import Documents
from schemas.entities import Entities, Mentions

# Semantic version of the contract: a new column is a minor bump, a removed or retyped column a major one.
SCHEMA_VERSION = "0.2.0"

# Table name to model, in the order tables are written and documented.
TABLES: dict[str, type[pa.DataFrameModel]] = {
    "documents": Documents,
    "entities": Entities,
    "mentions": Mentions,
}

# Rules across tables, checked on every run: (table, columns) -> (referenced table, columns).
FOREIGN_KEYS: list[tuple[str, str, str, str]] = [
    ("mentions", "doc_id", "documents", "doc_id"),
    ("mentions", "entity_id", "entities", "entity_id"),
]
# Tables whose (doc_id, start, end, text) must satisfy text == documents.text[start:end].
SPAN_TABLES: list[str] = ["mentions"]

__all__ = ["SCHEMA_VERSION", "TABLES", "FOREIGN_KEYS", "SPAN_TABLES", "Documents", "Entities", "Mentions"]
