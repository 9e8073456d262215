#!/usr/bin/env python3
"""Self-test of validate_events.py; run it with the oracle's virtualenv python:

    VENV/bin/python crates/lineage/tests/oracle/selftest.py

1. samples/valid.jsonl (written by openlineage-python's own classes) is accepted.
2. samples/invalid.jsonl, one defect per line, is rejected with the expected problem on each line.
3. Round trip: for every facet class openlineage-python has, an event carrying it (every optional
   field filled), serialized by openlineage-python itself, is accepted.
"""

from __future__ import annotations

import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import attr  # noqa: E402
import validate_events as ve  # noqa: E402
from openlineage.client.event_v2 import InputDataset, Job, OutputDataset, Run, RunEvent, RunState  # noqa: E402
from openlineage.client.generated import base  # noqa: E402
from openlineage.client.serde import Serde  # noqa: E402

# Line of samples/invalid.jsonl -> the one problem expected on it (a substring of the line printed).
INVALID = {
    1: "event.extra: unknown field of RunEvent",
    2: "event.run: missing required field of RunEvent",
    3: "event.schemaURL: 'https://openlineage.io/spec/1-0-5/OpenLineage.json#/$defs/RunEvent' is not RunEvent's schema URL",
    4: "event.eventType: 'DONE' is not one of ['START'",
    5: "event.run.facets.parent._schemaURL: 'https://openlineage.io/spec/facets/1-1-0/ParentRunFacet.json",
    6: "event.run.facets.parentRun: unknown run facet key 'parentRun'",
    7: "columnLineage.fields.id.inputFields[0].transformations[0].kind: unknown field of Transformation",
    8: "columnLineage.fields.cents.inputFields[0].field: missing required field of InputField",
    9: "event.outputs[0].facets.schema._producer: missing required field",
    10: "event.inputs[0].facets.dataSource._producer: 'lakeforge' is not an absolute URI",
    11: "event.outputs[0].facets.outputStatistics: unknown dataset facet key 'outputStatistics'",
    12: "inputFacets.dataQualityAssertions._deleted: unknown field of DataQualityAssertionsDatasetFacet",
    13: "event.eventType: null is not allowed",
    14: "event.run.runId: 'run-1' is not a UUID",
    15: "event.eventTime: '2026-01-02T03:04:05' is not an RFC 3339 date-time with a time zone",
    16: "outputFacets.outputStatistics.rowCount: expected integer, got string",
    17: "transformations[0].subtype: 'FILTER' is not a documented DIRECT subtype",
    18: "event.job.facets.jobType.processingType: 'batch' is not one of the documented values",
    19: "event: not valid JSON",
    20: "event.outputs[0].inputFacets: unknown field of OutputDataset",
    21: "event.job.facets.jobType._schemaURL: 'https://openlineage.io/spec/facets/2-0-3/JobTypeJobFacet.json",
    22: "inputFacets.dataQualityAssertions._schemaURL: 'https://openlineage.io/spec/facets/1-0-1/",
    23: "duplicate key 'eventType'",
    24: "event.job.facets.jobType.integration: missing required field of JobTypeJobFacet",
    25: "event.run.facets.processing_engine.version: missing required field",
    26: "event.outputs[0].facets.columnLineage.dataset: expected array, got object",
    27: "schema.fields[0].nullable: unknown field of SchemaDatasetFacetFields",
    28: "event.run.facets.parent.root.run.runId: missing required field of RootRun",
    29: "event.run.facets.errorMessage.programmingLanguage: missing required field",
    30: "assertions[0].success: expected boolean, got string",
}

PRODUCER = "https://example.invalid/lakeforge/selftest"
UUID = "01936f4e-2d3c-7a10-8b21-5f0c9e6d1a03"


def run_validator(*files: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(HERE / "validate_events.py"), *files],
        capture_output=True,
        text=True,
        check=False,
    )


def check_samples() -> tuple[int, list[str]]:
    failures = []
    valid = HERE / "samples" / "valid.jsonl"
    result = run_validator(str(valid))
    events = len(valid.read_text().splitlines())
    if result.returncode != 0 or result.stdout.strip() != f"{events} events valid":
        failures.append(f"valid.jsonl: rc={result.returncode}\n{result.stdout}{result.stderr}")

    invalid = HERE / "samples" / "invalid.jsonl"
    result = run_validator(str(invalid))
    if result.returncode != 1:
        failures.append(f"invalid.jsonl: rc={result.returncode}, expected 1")
    by_line: dict[int, list[str]] = {}
    for line in result.stdout.splitlines():
        _, number, rest = line.split(":", 2)
        by_line.setdefault(int(number), []).append(rest.strip())
    lines = len(invalid.read_text().splitlines())
    if set(INVALID) != set(range(1, lines + 1)):
        failures.append(f"INVALID covers lines {sorted(INVALID)}, the file has {lines}")
    for number, expected in INVALID.items():
        got = by_line.get(number, [])
        if len(got) != 1 or expected not in got[0]:
            failures.append(f"invalid.jsonl:{number}: expected one problem containing {expected!r}, got {got}")

    empty = HERE / "samples" / "empty.jsonl"
    empty.write_text("")
    try:
        result = run_validator(str(empty))
    finally:
        empty.unlink()
    if result.returncode != 1 or "no events" not in result.stdout:
        failures.append(f"empty file: rc={result.returncode} {result.stdout!r}")
    return 3 + len(INVALID), failures


def sample_value(t: tuple, owner: type, name: str, depth: int):
    kind = t[0]
    if kind == "union":
        return sample_value(next(a for a in t[1] if a[0] != "null"), owner, name, depth)
    if kind == "str":
        if (owner, name) in ve.CONSTANT_FIELDS:
            return ve.CONSTANT_FIELDS[(owner, name)]
        documented = ve.DOCUMENTED_VALUES.get((owner, name))
        if documented:
            return sorted(documented)[0]
        if name == "subtype":
            return "IDENTITY"  # goes with type DIRECT, the first documented type
        if name in ve.UUID_FIELDS:
            return UUID
        if name in ve.DATE_TIME_FIELDS or name == "captureDate":
            return "2026-01-02T03:04:05Z"
        if name in ve.URI_FIELDS:
            return "https://example.invalid/x"
        return "x"
    if kind == "int":
        return 1
    if kind == "float":
        return 1.5
    if kind == "bool":
        return True
    if kind == "any":
        return "x"
    if kind == "literal":
        return t[1][0]
    if kind == "enum":
        return next(iter(t[1]))
    if kind == "list":
        return [sample_value(t[1], owner, name, depth)]
    if kind == "dict":
        if t[1][0] == "class" and t[1][1] in ve.FACET_MAPS:
            return {}
        return {"k": sample_value(t[1], owner, name, depth)}
    if kind == "class":
        return sample_object(t[1], depth + 1)
    raise AssertionError(kind)


def sample_object(cls: type, depth: int = 0):
    kwargs = {}
    for a, t in ve._fields(cls):
        if not a.init or a.name == "_deleted":
            continue
        if a.name in ("producer", "_producer"):
            kwargs[a.alias] = PRODUCER
            continue
        if a.default is not attr.NOTHING and depth > 2:
            continue  # stop recursive optional fields (nested schema fields)
        value = sample_value(t, cls, a.name, depth)
        kwargs[a.alias] = value
    return cls(**kwargs)


def check_round_trip() -> tuple[int, list[str]]:
    failures = []
    classes = 0
    for category, facets in ve.FACET_MAPS.items():
        for key, cls in facets.items():
            facet = sample_object(cls)
            run = Run(runId=UUID)
            job = Job(namespace="ns", name="job")
            inputs: list = []
            outputs: list = []
            if category is base.RunFacet:
                run.facets = {key: facet}
            elif category is base.JobFacet:
                job.facets = {key: facet}
            elif category is base.DatasetFacet:
                inputs = [InputDataset(namespace="ns", name="in", facets={key: facet})]
                outputs = [OutputDataset(namespace="ns", name="out", facets={key: facet})]
            elif category is base.InputDatasetFacet:
                inputs = [InputDataset(namespace="ns", name="in", inputFacets={key: facet})]
            elif category is base.OutputDatasetFacet:
                outputs = [OutputDataset(namespace="ns", name="out", outputFacets={key: facet})]
            event = RunEvent(
                eventType=RunState.COMPLETE,
                eventTime="2026-01-02T03:04:05.678+01:00",
                producer=PRODUCER,
                run=run,
                job=job,
                inputs=inputs,
                outputs=outputs,
            )
            text = Serde.to_json(event)
            problems = ve.validate_line(text)
            if problems:
                failures.append(f"round trip of {cls.__name__} under {key!r}: {problems}\n{text}")
            if f'"{key}": {{' not in text:
                failures.append(f"round trip of {cls.__name__}: key {key!r} missing from {text}")
            classes += 1
    return classes, failures


def main() -> int:
    sample_checks, sample_failures = check_samples()
    classes, round_trip_failures = check_round_trip()
    failures = sample_failures + round_trip_failures
    for failure in failures:
        print("FAIL:", failure)
    checks = sample_checks + classes
    print(f"samples: {sample_checks} checks; round trip: {classes} facet classes")
    print(f"selftest: {max(checks - len(failures), 0)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
