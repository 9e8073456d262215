#!/usr/bin/env bash
# Installs the pinned OpenLineage oracle (openlineage-python, openlineage-sql,
# openlineage-integration-common 1.54.0 and sqlglot 30.31.0) into the virtualenv at $1
# (created if missing). Idempotent: a second run finds everything satisfied and changes nothing.
# lineage-requirements.txt pins every transitive dependency, so it installs with --no-deps (no
# resolution, nothing unpinned can slip in) and --only-binary=:all: (no source build; a missing
# wheel fails here instead of starting a Rust build of openlineage-sql).
set -euo pipefail
venv="${1:?usage: $0 VENV_PATH}"
requirements="$(dirname "$(readlink -f "$0")")/lineage-requirements.txt"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
export PIP_DISABLE_PIP_VERSION_CHECK=1
"$venv/bin/python" -m pip install -q --no-deps --no-input --only-binary=:all: -r "$requirements"
"$venv/bin/python" -m pip check >/dev/null
"$venv/bin/python" -c 'import openlineage.client.event_v2, openlineage.client.facet_v2, openlineage.common.provider.dbt, openlineage_sql, sqlglot'
