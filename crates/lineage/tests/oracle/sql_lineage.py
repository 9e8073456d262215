#!/usr/bin/env python3
"""Column-lineage oracle: what openlineage-sql says each output column of a query comes from.

Usage: sql_lineage.py INPUT.json

INPUT.json:
    {"dialect": "postgres",
     "default_schema": "silver",                      (optional: zone of unqualified tables)
     "schemas": {"zone.table": ["col1", "col2"], ...},
     "queries": [{"id": "q1", "sql": "SELECT ...", "output": "zone.table"}, ...]}

Prints one JSON array on stdout, one object per query, in input order:
    {"id": "q1", "output": "zone.table",
     "edges": [{"output_column": "c", "input_table": "zone.table", "input_column": "col"}],
     "error": null,
     "qualified_sql": "SELECT ..."}

Each query is first rewritten by sqlglot's qualify with the given schemas, so that `*` and
`t.*` are expanded and every column reference names its table (openlineage-sql cannot see
table schemas, so it guesses the table of an unqualified column and cannot expand stars).
The rewritten SQL is then given to `openlineage_sql.parse([sql], dialect=...)`. An edge is
reported only when its origin is a table listed in `schemas`; origins that are CTEs or
unknown tables are left out. Edges are sorted and deduplicated.

A query that sqlglot cannot qualify, or on which openlineage-sql reports an extraction error
or raises, gets `"edges": []` and the message in `"error"` (prefixed "qualify:" or
"openlineage-sql:"); the script itself exits 0 unless the input cannot be read.
"""

import json
import re
import sys

import openlineage_sql
import sqlglot
from sqlglot import exp
from sqlglot.optimizer.qualify import qualify

ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


def sqlglot_schema(schemas):
    """{"zone.table": [cols]} -> sqlglot's nested mapping {zone: {table: {col: type}}}."""
    nested = {}
    for qualified, columns in schemas.items():
        parts = qualified.lower().split(".")
        node = nested
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        # Types do not matter for qualification; UNKNOWN keeps sqlglot from assuming one.
        node[parts[-1]] = {column.lower(): "UNKNOWN" for column in columns}
    return nested


def qualify_sql(sql, dialect, schema, default_schema):
    expression = sqlglot.parse_one(sql, read=dialect)
    qualified = qualify(
        expression,
        dialect=dialect,
        db=default_schema,
        schema=schema,
        expand_stars=True,
        qualify_columns=True,
        validate_qualify_columns=True,
        # Quote only where needed: openlineage-sql keeps quoted names as they are written.
        identify=False,
    )
    align_set_operation_names(qualified)
    return qualified.sql(dialect=dialect)


def set_operation_leaves(node):
    """The SELECTs of a UNION/INTERSECT/EXCEPT, left to right, through nesting and parentheses."""
    if isinstance(node, exp.SetOperation):
        return set_operation_leaves(node.left) + set_operation_leaves(node.right)
    if isinstance(node, exp.Subquery):
        return set_operation_leaves(node.this)
    return [node] if isinstance(node, exp.Select) else []


def align_set_operation_names(expression):
    """Names every branch's columns after the first branch's, position by position.

    A set operation's columns are named by its first branch, but qualify names an unaliased
    expression in a later branch `_col_N`, and openlineage-sql matches branches by name, so
    without this a later branch's computed column becomes a separate output column.
    """
    for node in list(expression.find_all(exp.SetOperation)):
        if isinstance(node.parent, exp.SetOperation):
            continue
        leaves = set_operation_leaves(node)
        if len(leaves) < 2:
            continue
        names = leaves[0].named_selects
        for leaf in leaves[1:]:
            if len(leaf.expressions) != len(names):
                continue
            leaf.set(
                "expressions",
                [
                    projection if projection.alias_or_name == name
                    else exp.alias_(projection.unalias(), name)
                    for projection, name in zip(leaf.expressions, names)
                ],
            )


def origin_table(origin, known):
    """The `schemas` key an openlineage-sql origin stands for, or None (CTE, unknown)."""
    if origin is None:
        return None
    candidates = [
        ".".join(p for p in (origin.database, origin.schema, origin.name) if p),
        ".".join(p for p in (origin.schema, origin.name) if p),
    ]
    for candidate in candidates:
        if candidate.lower() in known:
            return known[candidate.lower()]
    return None


def lineage(query, dialect, schemas, default_schema):
    result = {
        "id": query.get("id"),
        "output": query.get("output"),
        "edges": [],
        "error": None,
        "qualified_sql": None,
    }
    try:
        sql = qualify_sql(query["sql"], dialect, sqlglot_schema(schemas), default_schema)
    except Exception as error:  # noqa: BLE001 - every failure is reported, none crashes
        message = ANSI_ESCAPE.sub("", str(error))
        result["error"] = f"qualify: {type(error).__name__}: {message}"
        return result
    result["qualified_sql"] = sql
    try:
        meta = openlineage_sql.parse([sql], dialect=dialect, default_schema=default_schema)
    except Exception as error:  # noqa: BLE001
        result["error"] = f"openlineage-sql: {type(error).__name__}: {error}"
        return result
    if meta is None:
        result["error"] = "openlineage-sql: no result"
        return result
    if meta.errors:
        result["error"] = "openlineage-sql: " + "; ".join(e.message for e in meta.errors)
        return result
    known = {name.lower(): name for name in schemas}
    edges = set()
    for item in meta.column_lineage:
        for column in item.lineage:
            table = origin_table(column.origin, known)
            if table is not None:
                edges.add((item.descendant.name, table, column.name))
    result["edges"] = [
        {"output_column": out, "input_table": table, "input_column": col}
        for out, table, col in sorted(edges)
    ]
    return result


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        spec = json.load(f)
    dialect = spec.get("dialect", "postgres")
    schemas = spec.get("schemas", {})
    default_schema = spec.get("default_schema")
    results = [lineage(q, dialect, schemas, default_schema) for q in spec.get("queries", [])]
    json.dump(results, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
