#!/usr/bin/env python3
"""Strict validator of OpenLineage RunEvents against openlineage-python's generated classes.

Usage: validate_events.py FILE...

Each FILE holds JSON lines, one OpenLineage RunEvent per line. Every event is rebuilt into
openlineage.client.event_v2.RunEvent and the facet classes of openlineage.client.facet_v2 (their
constructors and attrs validators run), and checked strictly:

* an unknown field or a missing required field is an error at any depth, facets included;
* null is an error everywhere (the JSON schema allows no null: an absent value is omitted);
* a facet key must be one the spec defines for that position (run facets, job facets, dataset
  facets, inputFacets, outputFacets, and the facets nested in the parent facet);
* the event's schemaURL and every facet's _schemaURL must equal what openlineage-python itself
  writes for that class (its _get_schema());
* producer and every facet's _producer must be present and be an absolute URI;
* formats the schema states (date-time, uuid, uri) and the values the spec documents for
  otherwise free strings (transformation type/subtype, jobType processingType, emissionPattern)
  are checked too.

One line per problem, "FILE:LINE: PATH: message"; exit 1 if there is any, otherwise print
"N events valid". A file with no event is a problem too. Exit 2: usage; exit 3: the installed
openlineage-python has facet classes this script does not know (or lacks ones it names).
"""

from __future__ import annotations

import enum
import functools
import inspect
import json
import re
import sys
import types
import typing
from typing import Any, ClassVar, Literal, Optional, Union
from urllib.parse import urlsplit

import attr
from openlineage.client import event_v2, facet_v2
from openlineage.client.generated import base, base_subset_dataset, column_lineage_dataset, job_type_job, lineage

# The JSON key the spec gives each facet class (the "properties" of each facet's JSON schema file).
# Checked at start-up against the classes in openlineage.client.facet_v2: a class without a key
# here (a newer openlineage-python) stops the oracle rather than rejecting that facet silently.
FACET_KEYS = {
    # run facets
    "EnvironmentVariablesRunFacet": "environmentVariables",
    "ErrorMessageRunFacet": "errorMessage",
    "ExecutionParametersRunFacet": "executionParameters",
    "ExternalQueryRunFacet": "externalQuery",
    "ExtractionErrorRunFacet": "extractionError",
    "JobDependenciesRunFacet": "jobDependencies",
    "NominalTimeRunFacet": "nominalTime",
    "ParentRunFacet": "parent",
    "ProcessingEngineRunFacet": "processing_engine",
    "TagsRunFacet": "tags",
    "TestRunFacet": "test",
    # job facets
    "DocumentationJobFacet": "documentation",
    "JobTypeJobFacet": "jobType",
    "LineageJobFacet": "lineage",
    "OwnershipJobFacet": "ownership",
    "SourceCodeJobFacet": "sourceCode",
    "SourceCodeLocationJobFacet": "sourceCodeLocation",
    "SQLJobFacet": "sql",
    "TagsJobFacet": "tags",
    # dataset facets (inputs[].facets and outputs[].facets)
    "CatalogDatasetFacet": "catalog",
    "ColumnLineageDatasetFacet": "columnLineage",
    "DataQualityMetricsDatasetFacet": "dataQualityMetrics",
    "DatasetTypeDatasetFacet": "datasetType",
    "DatasetVersionDatasetFacet": "version",
    "DatasourceDatasetFacet": "dataSource",
    "DocumentationDatasetFacet": "documentation",
    "HierarchyDatasetFacet": "hierarchy",
    "LifecycleStateChangeDatasetFacet": "lifecycleStateChange",
    "LineageDatasetFacet": "lineage",
    "OwnershipDatasetFacet": "ownership",
    "SchemaDatasetFacet": "schema",
    "StorageDatasetFacet": "storage",
    "SymlinksDatasetFacet": "symlinks",
    "TagsDatasetFacet": "tags",
    # input dataset facets (inputs[].inputFacets)
    "DataQualityAssertionsDatasetFacet": "dataQualityAssertions",
    "DataQualityMetricsInputDatasetFacet": "dataQualityMetrics",
    "InputStatisticsInputDatasetFacet": "inputStatistics",
    "InputSubsetInputDatasetFacet": "subset",
    # output dataset facets (outputs[].outputFacets)
    "OutputStatisticsOutputDatasetFacet": "outputStatistics",
    "OutputSubsetOutputDatasetFacet": "subset",
}

# Where each facet class may stand, by its base class (InputDatasetFacet and OutputDatasetFacet
# do not derive from DatasetFacet, and have no _deleted).
CATEGORIES = {
    base.RunFacet: "run facet",
    base.JobFacet: "job facet",
    base.InputDatasetFacet: "input dataset facet",
    base.OutputDatasetFacet: "output dataset facet",
    base.DatasetFacet: "dataset facet",
}

# Values the spec documents (in descriptions, not as JSON-schema enums) for free-string fields.
DIRECT_SUBTYPES = {"IDENTITY", "TRANSFORMATION", "AGGREGATION"}
INDIRECT_SUBTYPES = {"JOIN", "GROUP_BY", "FILTER", "SORT", "WINDOW", "CONDITIONAL"}
DOCUMENTED_VALUES = {
    (column_lineage_dataset.Transformation, "type"): {"DIRECT", "INDIRECT"},
    (lineage.LineageTransformation, "type"): {"DIRECT", "INDIRECT"},
    (job_type_job.JobTypeJobFacet, "processingType"): {"BATCH", "STREAMING", "SERVICE"},
    (job_type_job.EmissionPattern, "eventTrigger"): {"EVENT_BASED", "PERIODIC"},
    (job_type_job.EmissionPattern, "eventContentMode"): {"ACCUMULATIVE", "COMPLETE_SNAPSHOT"},
}

# The subset conditions' discriminator: `type` is required and a constant in the schema (the
# Python classes only give it as the default).
CONSTANT_FIELDS = {
    (cls, "type"): attr.fields_dict(cls)["type"].default
    for _, cls in inspect.getmembers(base_subset_dataset, inspect.isclass)
    if attr.has(cls) and "type" in attr.fields_dict(cls) and isinstance(attr.fields_dict(cls)["type"].default, str)
}

# JSON-schema formats, by field name (the spec uses each of these names with one format only).
DATE_TIME_FIELDS = {"eventTime", "nominalStartTime", "nominalEndTime", "lastUpdated"}
UUID_FIELDS = {"runId"}
URI_FIELDS = {"producer", "_producer", "uri", "url"}
# Required by the JSON schema although openlineage-python fills them in by default.
SPEC_REQUIRED = {"producer", "schemaURL", "_producer", "_schemaURL"}

RFC3339 = re.compile(
    r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$"
)
UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def _facet_classes() -> list[type]:
    found = []
    for name in facet_v2.__all__:
        module = getattr(facet_v2, name)
        if not inspect.ismodule(module):
            continue
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and attr.has(cls) and issubclass(cls, base.BaseFacet):
                found.append(cls)
    return found


def _out_of_date(message: str) -> None:
    print(f"validate_events.py: {message} (is the pinned openlineage-python installed?)", file=sys.stderr)
    sys.exit(3)


def _facet_maps() -> dict[type, dict[str, type]]:
    maps: dict[type, dict[str, type]] = {category: {} for category in CATEGORIES}
    seen = set()
    for cls in _facet_classes():
        key = FACET_KEYS.get(cls.__name__)
        if key is None:
            _out_of_date(f"facet class {cls.__module__}.{cls.__name__} has no key in FACET_KEYS")
        category = next((c for c in CATEGORIES if issubclass(cls, c)), None)
        if category is None:
            _out_of_date(f"facet class {cls.__name__} has no facet category")
        if key in maps[category]:
            _out_of_date(f"two {CATEGORIES[category]} classes under key {key!r}")
        maps[category][key] = cls
        seen.add(cls.__name__)
    missing = set(FACET_KEYS) - seen
    if missing:
        _out_of_date(f"FACET_KEYS names classes openlineage-python lacks: {sorted(missing)}")
    return maps


FACET_MAPS = _facet_maps()

_TYPING_NAMES = {"Any": Any, "ClassVar": ClassVar, "Literal": Literal, "Optional": Optional, "Union": Union}


def _normalize(t: Any, namespace: dict[str, Any]) -> tuple:
    """A type annotation as a small tree: ('str'|'int'|'float'|'bool'|'any'|'null',),
    ('literal', values), ('enum', cls), ('class', cls), ('list', item), ('dict', value),
    ('union', alternatives)."""
    if isinstance(t, str):
        t = eval(t, namespace)  # noqa: S307 - annotations of the installed package
    if isinstance(t, typing.ForwardRef):
        t = eval(t.__forward_arg__, namespace)  # noqa: S307
    if t is Any:
        return ("any",)
    if t is type(None) or t is None:
        return ("null",)
    origin = typing.get_origin(t)
    args = typing.get_args(t)
    if origin is Union or origin is types.UnionType:
        return ("union", tuple(_normalize(a, namespace) for a in args))
    if origin is Literal:
        return ("literal", args)
    if origin is list:
        return ("list", _normalize(args[0], namespace))
    if origin is dict:
        return ("dict", _normalize(args[1], namespace))
    if t in (str, int, float, bool):
        return (t.__name__,)
    if isinstance(t, type) and issubclass(t, enum.Enum):
        return ("enum", t)
    if isinstance(t, type) and attr.has(t):
        return ("class", t)
    raise TypeError(f"unsupported annotation {t!r}")


@functools.cache
def _fields(cls: type) -> list[tuple[attr.Attribute, tuple]]:
    out = []
    for a in attr.fields(cls):
        owner = next(c for c in cls.__mro__ if a.name in c.__dict__.get("__annotations__", {}))
        namespace = {**_TYPING_NAMES, **vars(sys.modules[owner.__module__])}
        out.append((a, _normalize(a.type, namespace)))
    return out


def _type_name(t: tuple) -> str:
    kind = t[0]
    if kind == "class":
        return t[1].__name__
    if kind == "enum":
        return f"one of {[e.value for e in t[1]]}"
    if kind == "literal":
        return " or ".join(repr(v) for v in t[1])
    if kind == "list":
        return f"array of {_type_name(t[1])}"
    if kind == "dict":
        return f"object of {_type_name(t[1])}"
    if kind == "union":
        return " | ".join(_type_name(a) for a in t[1] if a[0] != "null")
    return {"str": "string", "int": "integer", "float": "number", "bool": "boolean"}.get(kind, kind)


def _json_kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _is_uri(value: str) -> bool:
    if any(c.isspace() for c in value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return bool(re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*", parts.scheme)) and bool(parts.netloc or parts.path)


class Checker:
    def __init__(self) -> None:
        self.problems: list[tuple[str, str]] = []

    def problem(self, path: str, message: str) -> None:
        self.problems.append((path, message))

    def value(self, value: Any, t: tuple, path: str) -> Any:
        kind = t[0]
        if value is None and kind != "any":
            self.problem(path, "null is not allowed (omit the field instead)")
            return None
        if kind == "union":
            alternatives = [a for a in t[1] if a[0] != "null"]
            if len(alternatives) == 1:
                return self.value(value, alternatives[0], path)
            best = None
            for alternative in alternatives:
                trial = Checker()
                built = trial.value(value, alternative, path)
                if not trial.problems:
                    return built
                if best is None or len(trial.problems) < len(best.problems):
                    best = trial
            self.problem(path, f"matches none of: {_type_name(t)}; closest:")
            self.problems.extend(best.problems)
            return None
        if kind == "any":
            return value
        if kind == "str":
            if not isinstance(value, str):
                return self.problem(path, f"expected string, got {_json_kind(value)}")
            return value
        if kind == "int":
            if not isinstance(value, int) or isinstance(value, bool):
                return self.problem(path, f"expected integer, got {_json_kind(value)} {value!r}")
            return value
        if kind == "float":
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                return self.problem(path, f"expected number, got {_json_kind(value)}")
            return value
        if kind == "bool":
            if not isinstance(value, bool):
                return self.problem(path, f"expected boolean, got {_json_kind(value)}")
            return value
        if kind == "literal":
            if value not in t[1] or not isinstance(value, str):
                return self.problem(path, f"expected {_type_name(t)}, got {value!r}")
            return value
        if kind == "enum":
            allowed = [e.value for e in t[1]]
            if value not in allowed or not isinstance(value, str):
                return self.problem(path, f"{value!r} is not one of {allowed}")
            return t[1](value)
        if kind == "list":
            if not isinstance(value, list):
                return self.problem(path, f"expected array, got {_json_kind(value)}")
            return [self.value(item, t[1], f"{path}[{i}]") for i, item in enumerate(value)]
        if kind == "dict":
            if not isinstance(value, dict):
                return self.problem(path, f"expected object, got {_json_kind(value)}")
            item = t[1]
            if item[0] == "class" and item[1] in FACET_MAPS:
                return self.facets(value, item[1], path)
            return {k: self.value(v, item, f"{path}.{k}") for k, v in value.items()}
        if kind == "class":
            return self.object(value, t[1], path)
        raise AssertionError(kind)

    def facets(self, value: dict, category: type, path: str) -> dict:
        known = FACET_MAPS[category]
        out = {}
        for key, facet in value.items():
            cls = known.get(key)
            if cls is None:
                self.problem(
                    f"{path}.{key}",
                    f"unknown {CATEGORIES[category]} key {key!r} (known: {', '.join(sorted(known))})",
                )
                continue
            out[key] = self.object(facet, cls, f"{path}.{key}")
        return out

    def object(self, value: Any, cls: type, path: str) -> Any:
        if not isinstance(value, dict):
            return self.problem(path, f"expected {cls.__name__} object, got {_json_kind(value)}")
        before = len(self.problems)
        fields = _fields(cls)
        names = {a.name for a, _ in fields}
        for key in value:
            if key not in names:
                self.problem(
                    f"{path}.{key}", f"unknown field of {cls.__name__} (allowed: {', '.join(sorted(names))})"
                )
        kwargs = {}
        for a, t in fields:
            where = f"{path}.{a.name}"
            if a.name not in value:
                if a.default is attr.NOTHING or a.name in SPEC_REQUIRED or (cls, a.name) in CONSTANT_FIELDS:
                    self.problem(where, f"missing required field of {cls.__name__}")
                continue
            raw = value[a.name]
            if not a.init:  # schemaURL / _schemaURL: fixed per class
                expected = cls._get_schema()
                if raw != expected:
                    self.problem(where, f"{raw!r} is not {cls.__name__}'s schema URL {expected!r}")
                continue
            built = self.value(raw, t, where)
            if isinstance(raw, str):
                self.formats(cls, a.name, raw, where)
            kwargs[a.alias] = built
        if len(self.problems) > before:
            return None
        try:
            return cls(**kwargs)
        except Exception as error:  # noqa: BLE001 - the classes' own validators
            self.problem(path, f"openlineage-python rejects {cls.__name__}: {type(error).__name__}: {error}")
            return None

    def formats(self, cls: type, name: str, raw: str, where: str) -> None:
        if name in DATE_TIME_FIELDS and not RFC3339.match(raw):
            self.problem(where, f"{raw!r} is not an RFC 3339 date-time with a time zone")
        if name in UUID_FIELDS and not UUID_RE.match(raw):
            self.problem(where, f"{raw!r} is not a UUID")
        if name in URI_FIELDS and not _is_uri(raw):
            self.problem(where, f"{raw!r} is not an absolute URI")
        constant = CONSTANT_FIELDS.get((cls, name))
        if constant is not None and raw != constant:
            self.problem(where, f"must be {constant!r} in {cls.__name__}")
        allowed = DOCUMENTED_VALUES.get((cls, name))
        if allowed is not None and raw not in allowed:
            self.problem(where, f"{raw!r} is not one of the documented values {sorted(allowed)}")


def check_transformations(event: dict, checker: Checker) -> None:
    """The documented subtypes go with their type: DIRECT (IDENTITY, TRANSFORMATION, AGGREGATION),
    INDIRECT (JOIN, GROUP_BY, FILTER, SORT, WINDOW, CONDITIONAL)."""

    def walk(node: Any, path: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "transformations" and isinstance(value, list):
                    for i, transformation in enumerate(value):
                        if isinstance(transformation, dict):
                            check_one(transformation, f"{path}.transformations[{i}]")
                walk(value, f"{path}.{key}")
        elif isinstance(node, list):
            for i, item in enumerate(node):
                walk(item, f"{path}[{i}]")

    def check_one(transformation: dict, path: str) -> None:
        subtype = transformation.get("subtype")
        kind = transformation.get("type")
        if not isinstance(subtype, str):
            return
        allowed = {"DIRECT": DIRECT_SUBTYPES, "INDIRECT": INDIRECT_SUBTYPES}.get(kind)
        if allowed is not None and subtype not in allowed:
            checker.problem(f"{path}.subtype", f"{subtype!r} is not a documented {kind} subtype {sorted(allowed)}")

    walk(event, "event")


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict:
    out = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"duplicate key {key!r}")
        out[key] = value
    return out


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


RUN_EVENT = ("class", event_v2.RunEvent)


def validate_line(text: str) -> list[tuple[str, str]]:
    try:
        event = json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_constant=_no_constants)
    except ValueError as error:
        return [("event", f"not valid JSON: {error}")]
    checker = Checker()
    checker.value(event, RUN_EVENT, "event")
    check_transformations(event, checker)
    return checker.problems


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    problems = 0
    events = 0
    for name in argv:
        try:
            with open(name, encoding="utf-8") as handle:
                lines = handle.read().split("\n")
        except (OSError, UnicodeDecodeError) as error:
            print(f"{name}: cannot read: {error}")
            problems += 1
            continue
        if lines and lines[-1] == "":
            lines.pop()
        if not lines:
            print(f"{name}: no events")
            problems += 1
        for number, text in enumerate(lines, start=1):
            if not text.strip():
                print(f"{name}:{number}: blank line (one event per line)")
                problems += 1
                continue
            found = validate_line(text)
            for path, message in found:
                print(f"{name}:{number}: {path}: {message}")
            problems += len(found)
            events += 1
    if problems:
        print(f"{problems} problems in {events} events", file=sys.stderr)
        return 1
    print(f"{events} events valid")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
