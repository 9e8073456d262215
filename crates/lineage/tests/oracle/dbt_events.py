#!/usr/bin/env python3
"""dbt OpenLineage oracle: the events openlineage-integration-common derives from dbt artifacts.

Usage:
    dbt_events.py PROJECT_DIR [--profiles-dir DIR] [--target T] [--profile NAME]
                  [--target-path PATH] [--namespace NS] [--job-namespace NS] [--full]

Runs DbtLocalArtifactProcessor (openlineage.common.provider.dbt) offline, with no transport,
over PROJECT_DIR/<target-path>/manifest.json, run_results.json and catalog.json (if present),
and prints one JSON object:
    {"events": [{"eventType": "START", "job": {"namespace": ..., "name": ...},
                 "jobType": "MODEL",
                 "inputs": [{"namespace": ..., "name": ...}],
                 "outputs": [{"namespace": ..., "name": ...,
                              "columnLineage": {"col": [{"namespace", "name", "field"}]}}],
                 "assertions": [...]}, ...],
     "error": null}
Events are sorted by job name, then START, COMPLETE, FAIL. `columnLineage` appears only on
outputs that have it, `assertions` (dataQualityAssertions of test events' inputs) only on
events that have them. With --full each event is printed whole, as openlineage serializes it.

Profiles: the processor takes the adapter type and dataset namespace from the profile output
(`type`, and e.g. `host`/`port` for postgres or `path` for duckdb), not from the manifest. It
finds profiles.yml in run_results.json's `args.profiles_dir`, resolved against the current
directory (so this script runs it from PROJECT_DIR). --profiles-dir replaces that folder;
--target picks the output (else the profile's `target`); --profile overrides
dbt_project.yml's `profile`.

Unknown adapter types (e.g. `lakeforge`): the processor refuses them (NotImplementedError,
"Only `bigquery`,... adapters are supported right now. Passed lakeforge"); the script then
prints that in "error" and exits 1. With --namespace NS an unknown type is accepted instead:
no adapter-specific behaviour, SQL facet without dialect, every dataset in namespace NS.
Everything else (names, inputs, outputs, column lineage) is the processor's own code.
"""

import argparse
import json
import logging
import os
import sys

from openlineage.client.serde import Serde

try:
    from openlineage.common.provider.dbt import DbtLocalArtifactProcessor
    from openlineage.common.provider.dbt.processor import Adapter
except ModuleNotFoundError as missing:
    # openlineage-integration-common's dbt provider imports jinja2 but does not declare it.
    sys.exit(f"dbt_events.py: {missing}: install Jinja2 beside openlineage-integration-common")

PRODUCER = "urn:lakeforge:tests:oracle:dbt_events"
EVENT_ORDER = {"START": 0, "RUNNING": 1, "COMPLETE": 2, "FAIL": 3, "ABORT": 4, "OTHER": 5}


class OracleProcessor(DbtLocalArtifactProcessor):
    """The local processor, with an explicit profiles folder and an optional namespace for
    adapter types it does not know."""

    def __init__(self, *args, profiles_dir=None, unknown_adapter_namespace=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.oracle_profiles_dir = profiles_dir
        self.unknown_adapter_namespace = unknown_adapter_namespace

    def get_dbt_metadata(self):
        if self.oracle_profiles_dir is None:
            return super().get_dbt_metadata()
        manifest = self.load_metadata(self.manifest_path, list(range(2, 13)), self.logger)
        run_result = self.load_metadata(self.run_result_path, list(range(2, 7)), self.logger)
        try:
            catalog = self.load_metadata(self.catalog_path, [1], self.logger)
        except FileNotFoundError:
            catalog = None
        profiles = self.load_yaml_with_jinja(os.path.join(self.oracle_profiles_dir, "profiles.yml"))
        profile = profiles[self.profile_name]
        if not self.target:
            self.target = profile["target"]
        return manifest, run_result, profile["outputs"][self.target], catalog

    def _known(self, profile):
        return profile["type"].upper() in Adapter.__members__

    def extract_adapter_type(self, profile):
        if self.unknown_adapter_namespace is not None and not self._known(profile):
            self.adapter_type = None
            return
        super().extract_adapter_type(profile)

    def extract_namespace(self, profile):
        if self.unknown_adapter_namespace is not None and not self._known(profile):
            return self.unknown_adapter_namespace
        return super().extract_namespace(profile)


def dataset(d, with_lineage):
    out = {"namespace": d["namespace"], "name": d["name"]}
    if with_lineage:
        fields = (d.get("facets") or {}).get("columnLineage", {}).get("fields")
        if fields:
            out["columnLineage"] = {
                column: sorted(
                    ({"namespace": f["namespace"], "name": f["name"], "field": f["field"]}
                     for f in spec.get("inputFields", [])),
                    key=lambda f: (f["namespace"], f["name"], f["field"]),
                )
                for column, spec in sorted(fields.items())
            }
    return out


def summarize(event):
    facets = event["job"].get("facets") or {}
    out = {
        "eventType": event["eventType"],
        "job": {"namespace": event["job"]["namespace"], "name": event["job"]["name"]},
        "jobType": (facets.get("jobType") or {}).get("jobType"),
        "inputs": [dataset(d, False) for d in event.get("inputs") or []],
        "outputs": [dataset(d, True) for d in event.get("outputs") or []],
    }
    assertions = []
    for d in event.get("inputs") or []:
        quality = (d.get("inputFacets") or {}).get("dataQualityAssertions")
        for a in (quality or {}).get("assertions", []):
            assertions.append({
                "dataset": d["name"],
                "assertion": a.get("assertion"),
                "column": a.get("column"),
                "success": a.get("success"),
            })
    if assertions:
        out["assertions"] = sorted(
            assertions, key=lambda a: (a["dataset"], a["assertion"] or "", a["column"] or "")
        )
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("project_dir")
    parser.add_argument("--profiles-dir")
    parser.add_argument("--target")
    parser.add_argument("--profile")
    parser.add_argument("--target-path")
    parser.add_argument("--namespace", help="dataset namespace for adapter types the processor does not know")
    parser.add_argument("--job-namespace", default="default", help="job namespace (dbt-ol's default is 'default')")
    parser.add_argument("--full", action="store_true", help="print whole events")
    args = parser.parse_args()
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING)

    project_dir = os.path.abspath(args.project_dir)
    profiles_dir = os.path.abspath(args.profiles_dir) if args.profiles_dir else None
    # run_results.json's args.profiles_dir is as dbt was given it, often relative ("."):
    # the processor resolves it against the current directory, as dbt-ol does from the
    # folder dbt ran in.
    try:
        os.chdir(project_dir)
        processor = OracleProcessor(
            project_dir=project_dir,
            profile_name=args.profile,
            target=args.target,
            target_path=args.target_path,
            producer=PRODUCER,
            job_namespace=args.job_namespace,
            profiles_dir=profiles_dir,
            unknown_adapter_namespace=args.namespace,
        )
        events = [Serde.to_dict(e) for e in processor.parse().events()]
    except Exception as error:  # noqa: BLE001 - the oracle reports, it does not crash
        cause = f" (caused by {type(error.__cause__).__name__}: {error.__cause__})" if error.__cause__ else ""
        json.dump({"events": [], "error": f"{type(error).__name__}: {error}{cause}"}, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 1
    events.sort(key=lambda e: (e["job"]["name"], EVENT_ORDER.get(e["eventType"], 9)))
    if not args.full:
        events = [summarize(e) for e in events]
    json.dump({"events": events, "error": None}, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
