"""Export the contract as files, generated from the Pandera models.

`python -m schemas.export` (or `make contract`) writes, in `schemas/contract/`:

- `<table>.pandera.json`: the table's Pandera schema, serialized by pandera (columns, dtypes,
  nullability, uniqueness and built-in checks; `pandera.io.polars_io.from_json` reads it back);
- `<table>.schema.json`: a JSON Schema (draft 2020-12) of one row;
- `contract.json`: the index: schema version, each table's Arrow types and row checks, and the
  cross-table rules (foreign keys, spans, counts);
- `versions.json`: each released schema version's fingerprint (column -> Arrow type and nullability),
  so that a test can tell whether a model change came with the right version bump;

and `schemas/CONTRACT.md`, the human-readable contract. A test fails when the committed files
differ from what this module generates, so the contract never drifts from the code.
"""

from __future__ import annotations

import json
import sys
import warnings
from pathlib import Path

import pandera.polars as pa
import pyarrow as pa_arrow
from pandera.io import polars_io

from schemas import COUNTS, FOREIGN_KEYS, SCHEMA_VERSION, SPANS, TABLES
from schemas.arrow import arrow_schema
from schemas.docs import table_markdown

SCHEMAS_DIR = Path(__file__).resolve().parent
CONTRACT_DIR = SCHEMAS_DIR / "contract"
CONTRACT_MD = SCHEMAS_DIR / "CONTRACT.md"
INDEX = "contract.json"
VERSIONS = "versions.json"


class VersionNotBumped(ValueError):
    """The models changed but SCHEMA_VERSION does not say so (or says too little)."""


# --- types and fingerprints ----------------------------------------------------------------------


def type_signature(arrow_type: pa_arrow.DataType) -> str:
    """An Arrow type as text, without list item names ('item' when written, 'element' when read back)
    and without the 32/64-bit offset distinction, which readers choose themselves."""
    t = pa_arrow.types
    if t.is_string(arrow_type) or t.is_large_string(arrow_type) or t.is_string_view(arrow_type):
        return "string"
    if t.is_list(arrow_type) or t.is_large_list(arrow_type) or t.is_list_view(arrow_type) or t.is_large_list_view(arrow_type):
        return f"list<{type_signature(arrow_type.value_type)}>"
    if t.is_struct(arrow_type):
        fields = (arrow_type.field(i) for i in range(arrow_type.num_fields))
        return "struct<" + ", ".join(f"{f.name}: {type_signature(f.type)}" for f in fields) + ">"
    return str(arrow_type)


def table_fingerprint(model: type[pa.DataFrameModel]) -> dict[str, str]:
    """Column -> its type signature, with ' (nullable)' where nulls are allowed: what consumers rely on."""
    return {f.name: type_signature(f.type) + (" (nullable)" if f.nullable else "") for f in arrow_schema(model)}


def fingerprint(tables: dict[str, type[pa.DataFrameModel]] = TABLES) -> dict[str, dict[str, str]]:
    return {name: table_fingerprint(model) for name, model in tables.items()}


def parse_version(version: str) -> tuple[int, int, int]:
    major, minor, patch = (int(part) for part in version.split("."))
    return major, minor, patch


def required_bump(old: dict[str, dict[str, str]], new: dict[str, dict[str, str]]) -> tuple[str | None, list[str]]:
    """The smallest semantic-version bump from fingerprint `old` to `new`, and why.

    A removed table or column, a retyped one, or a column that may now be null breaks readers: major.
    A new table or column, or a column that can no longer be null, only adds: minor. Otherwise None.
    """
    major, minor = [], []
    for table in old.keys() - new.keys():
        major.append(f"table {table} removed")
    for table in new.keys() - old.keys():
        minor.append(f"table {table} added")
    for table in old.keys() & new.keys():
        before, after = old[table], new[table]
        for column in before.keys() - after.keys():
            major.append(f"{table}.{column} removed")
        for column in after.keys() - before.keys():
            minor.append(f"{table}.{column} added")
        for column in before.keys() & after.keys():
            was, now = before[column], after[column]
            if was.removesuffix(" (nullable)") != now.removesuffix(" (nullable)"):
                major.append(f"{table}.{column} retyped from {was} to {now}")
            elif now.endswith(" (nullable)") and not was.endswith(" (nullable)"):
                major.append(f"{table}.{column} may now be null")
            elif was != now:
                minor.append(f"{table}.{column} is no longer nullable")
    if major:
        return "major", sorted(major) + sorted(minor)
    if minor:
        return "minor", sorted(minor)
    return None, []


def bumped(version: str, bump: str) -> str:
    major, minor, patch = parse_version(version)
    return f"{major + 1}.0.0" if bump == "major" else f"{major}.{minor + 1}.0" if bump == "minor" else f"{major}.{minor}.{patch + 1}"


def check_version(versions: dict[str, dict], version: str, current: dict[str, dict[str, str]]) -> None:
    """Raise VersionNotBumped unless `version` fits the change from the last recorded version to `current`."""
    if version in versions:
        bump, reasons = required_bump(versions[version], current)
        if bump or versions[version] != current:
            raise VersionNotBumped(
                f"the models changed since schema {version} was recorded ({'; '.join(reasons) or 'column order'}): "
                f"bump SCHEMA_VERSION in schemas/__init__.py to {bumped(version, bump or 'patch')} "
                "(a new table or column: minor; a removed, retyped or newly nullable column: major), then run `make contract`"
            )
        return
    if not versions:
        return
    latest = max(versions, key=parse_version)
    if parse_version(version) <= parse_version(latest):
        raise VersionNotBumped(f"SCHEMA_VERSION {version} is not above the last recorded version {latest}")
    bump, reasons = required_bump(versions[latest], current)
    new, old = parse_version(version), parse_version(latest)
    if (bump == "major" and new[0] == old[0]) or (bump == "minor" and new[:2] == old[:2]):
        raise VersionNotBumped(
            f"the change since {latest} needs a {bump} bump ({'; '.join(reasons)}): "
            f"set SCHEMA_VERSION to {bumped(latest, bump)}, then run `make contract`"
        )


def updated_versions(versions: dict[str, dict], version: str = SCHEMA_VERSION, current: dict | None = None) -> dict[str, dict]:
    """`versions` with `version`'s fingerprint recorded, after checking the bump; ordered by version."""
    current = fingerprint() if current is None else current
    check_version(versions, version, current)
    merged = {**versions, version: current}
    return {v: merged[v] for v in sorted(merged, key=parse_version)}


# --- the contract files ---------------------------------------------------------------------------


def pandera_json(model: type[pa.DataFrameModel]) -> dict:
    """The model serialized by pandera. Its row checks are custom functions, which pandera cannot serialize:
    contract.json names them, and `newsfacts validate` runs them from the models."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Only registered checks may be serialized")
        return json.loads(polars_io.to_json(model.to_schema()))


JSON_TYPES = {"bool": "boolean", "int8": "integer", "int16": "integer", "int32": "integer", "int64": "integer",
              "uint8": "integer", "uint16": "integer", "uint32": "integer", "uint64": "integer",
              "float": "number", "double": "number", "halffloat": "number"}


def json_type(arrow_type: pa_arrow.DataType) -> dict:
    """The JSON Schema of one value of an Arrow type, as a row is written in JSON (dates and times as ISO text)."""
    t = pa_arrow.types
    if t.is_string(arrow_type) or t.is_large_string(arrow_type):
        return {"type": "string"}
    if t.is_date(arrow_type):
        return {"type": "string", "format": "date"}
    if t.is_timestamp(arrow_type):
        return {"type": "string", "format": "date-time"}
    if t.is_list(arrow_type) or t.is_large_list(arrow_type):
        return {"type": "array", "items": json_type(arrow_type.value_type)}
    if t.is_struct(arrow_type):
        fields = [arrow_type.field(i) for i in range(arrow_type.num_fields)]
        return {
            "type": "object",
            "properties": {f.name: _nullable(json_type(f.type), f.nullable) for f in fields},
            "required": [f.name for f in fields],
            "additionalProperties": False,
        }
    if str(arrow_type) in JSON_TYPES:
        return {"type": JSON_TYPES[str(arrow_type)]}
    raise TypeError(f"no JSON Schema mapping for Arrow type {arrow_type}")


def _nullable(schema: dict, nullable: bool) -> dict:
    return {**schema, "type": [schema["type"], "null"]} if nullable else schema


def _check_keywords(check) -> dict:
    """JSON Schema keywords for pandera's built-in column checks (others stay in the pandera file)."""
    stats = check.statistics or {}
    name = check.name
    if name == "str_matches":
        return {"pattern": stats["pattern"]}
    if name == "isin":
        return {"enum": list(stats["allowed_values"])}
    if name == "greater_than_or_equal_to":
        return {"minimum": stats["min_value"]}
    if name == "less_than_or_equal_to":
        return {"maximum": stats["max_value"]}
    if name == "str_length":
        keywords = {}
        if stats.get("min_value") is not None:
            keywords["minLength"] = stats["min_value"]
        if stats.get("max_value") is not None:
            keywords["maxLength"] = stats["max_value"]
        return keywords
    return {}


def row_json_schema(name: str, model: type[pa.DataFrameModel]) -> dict:
    """A JSON Schema of one row of the table."""
    columns = model.to_schema().columns
    properties = {}
    for field in arrow_schema(model):
        column = columns[field.name]
        schema = json_type(field.type)
        for check in column.checks:
            schema.update(_check_keywords(check))
        if column.description:
            schema["description"] = column.description
        properties[field.name] = _nullable(schema, field.nullable)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"newsfacts/{SCHEMA_VERSION}/{name}.schema.json",
        "title": f"newsfacts {name} row (schema {SCHEMA_VERSION})",
        "description": (model.__doc__ or "").strip(),
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def contract_index() -> dict:
    """Everything `newsfacts validate` needs that the pandera files do not hold."""
    tables = {}
    for name, model in TABLES.items():
        schema = model.to_schema()
        tables[name] = {
            "file": f"{name}.parquet",
            "pandera": f"{name}.pandera.json",
            "json_schema": f"{name}.schema.json",
            "columns": {f.name: {"type": type_signature(f.type), "nullable": f.nullable} for f in arrow_schema(model)},
            "unique": [column for column, spec in schema.columns.items() if spec.unique],
            "row_checks": [check.error or check.name for check in schema.checks],
        }
    return {
        "schema_version": SCHEMA_VERSION,
        "tables": tables,
        "foreign_keys": [dict(zip(("table", "column", "references", "referenced_column"), fk)) for fk in FOREIGN_KEYS],
        "spans": [dict(zip(("table", "start", "end", "text"), span)) for span in SPANS],
        "counts": [dict(zip(("table", "key", "column", "counted_table", "counted_key", "distinct"), count)) for count in COUNTS],
    }


def rules_markdown(index: dict) -> str:
    lines = ["## Rules across tables", "", "Checked on every run and by `newsfacts validate` (a list-valued reference: each of its items):", ""]
    for table, spec in index["tables"].items():
        if spec["unique"]:
            lines.append(f"- `{table}`: " + ", ".join(f"`{c}`" for c in spec["unique"]) + " unique.")
    for fk in index["foreign_keys"]:
        lines.append(f"- `{fk['table']}.{fk['column']}`, where set, is found in `{fk['references']}.{fk['referenced_column']}`.")
    for span in index["spans"]:
        lines.append(f"- `{span['table']}.{span['text']}`, where set, equals `documents.text[{span['start']}:{span['end']}]` of its `doc_id`.")
    for count in index["counts"]:
        what = f"distinct `{count['distinct']}` of " if count["distinct"] else ""
        lines.append(
            f"- `{count['table']}.{count['column']}` is the number of {what}`{count['counted_table']}` rows whose "
            f"`{count['counted_key']}` is the row's `{count['key']}`."
        )
    return "\n".join(lines)


def contract_markdown(index: dict, versions: dict) -> str:
    parts = [
        "# The newsfacts dataset contract",
        "<!-- generated by python -m schemas.export (make contract): do not edit by hand -->",
        f"Schema version **{SCHEMA_VERSION}** (semantic versioning: a new table or column is a minor bump; a removed "
        "or retyped column, or one that may now be null, a major one). Every Parquet file's key-value metadata "
        "(`newsfacts.schema_version`) and `manifest.json` (`versions.schema`) carry it.\n\n"
        "Machine-readable forms, in `schemas/contract/`: `<table>.pandera.json` (the Pandera schema; "
        "`pandera.io.polars_io.from_json`), `<table>.schema.json` (a JSON Schema of one row, dates and times as ISO "
        "text), `contract.json` (Arrow types, row checks, rules across tables), `versions.json` (each version's columns). "
        "Check a dataset you received with `newsfacts validate OUT_DIR`.\n\n"
        "Offsets (`start`, `end`) are Python string indexes (Unicode code points) into `documents.text`.",
        "## Tables",
    ]
    parts += [table_markdown(name, model) for name, model in TABLES.items()]
    parts.append(rules_markdown(index))
    history = [f"- {version}: " + ", ".join(f"{t} ({len(cols)} columns)" for t, cols in fp.items()) for version, fp in versions.items()]
    parts.append("## Versions\n\n" + "\n".join(history))
    return "\n\n".join(parts) + "\n"


def _json(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def committed_versions() -> dict[str, dict]:
    path = CONTRACT_DIR / VERSIONS
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def generated_files() -> dict[Path, str]:
    """Every contract file and its content as generated from the models. Raises VersionNotBumped."""
    versions = updated_versions(committed_versions())
    index = contract_index()
    files = {CONTRACT_DIR / INDEX: _json(index), CONTRACT_DIR / VERSIONS: _json(versions), CONTRACT_MD: contract_markdown(index, versions)}
    for name, model in TABLES.items():
        files[CONTRACT_DIR / f"{name}.pandera.json"] = _json(pandera_json(model))
        files[CONTRACT_DIR / f"{name}.schema.json"] = _json(row_json_schema(name, model))
    return files


def stale_files() -> list[Path]:
    """Generated files that are committed with other content, missing, or left over from a removed table."""
    expected = generated_files()
    stale = [path for path, text in expected.items() if not path.exists() or path.read_text(encoding="utf-8") != text]
    leftovers = [p for p in CONTRACT_DIR.glob("*.json") if p not in expected] if CONTRACT_DIR.is_dir() else []
    return stale + leftovers


def write_contract() -> list[Path]:
    """Write every contract file; remove those of tables that no longer exist. Returns what changed."""
    expected = generated_files()
    CONTRACT_DIR.mkdir(exist_ok=True)
    changed = []
    for path in CONTRACT_DIR.glob("*.json"):
        if path not in expected:
            path.unlink()
            changed.append(path)
    for path, text in expected.items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


def main() -> int:
    try:
        changed = write_contract()
    except VersionNotBumped as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for path in changed:
        print(f"wrote {path.relative_to(SCHEMAS_DIR.parent)}")
    print(f"contract {SCHEMA_VERSION}: {len(changed)} file(s) changed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
