"""The dataset's contract: one Pandera (polars) model per table.

Everything else about a table (its Arrow schema for writing, its docs) is
derived from the model here, so each table is declared once.
"""

from __future__ import annotations

import pandera.polars as pa

from schemas.documents import Documents

# Semantic version of the contract: a new column is a minor bump, a removed or retyped column a major one.
SCHEMA_VERSION = "0.1.0"

# Table name to model, in the order tables are written and documented.
TABLES: dict[str, type[pa.DataFrameModel]] = {
    "documents": Documents,
}

__all__ = ["SCHEMA_VERSION", "TABLES", "Documents"]
