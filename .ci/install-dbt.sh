#!/usr/bin/env bash
# Installs the pinned dbt oracle (dbt-core 1.12.6, dbt-postgres 1.11.0, dbt-duckdb 1.11.1,
# dbt-artifacts-parser 0.15.0) into the virtualenv at $1 (created if missing).
# Why --no-deps: dbt-core 1.12 requires dbt-core-experimental-parser, whose build downloads a
# binary from GitHub at install time (unreachable here). dbt-requirements.txt pins every
# other transitive dependency, so installing it with --no-deps gives a complete environment.
set -euo pipefail
venv="${1:?usage: $0 VENV_PATH}"
requirements="$(dirname "$(readlink -f "$0")")/dbt-requirements.txt"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
export PIP_DISABLE_PIP_VERSION_CHECK=1
"$venv/bin/python" -m pip install -q --no-deps --no-input -r "$requirements"
# The only missing requirement allowed is the parser left out on purpose.
if ! out="$("$venv/bin/python" -m pip check 2>&1)"; then
  if echo "$out" | grep -v 'dbt-core-experimental-parser' | grep -q .; then
    echo "$out" >&2
    exit 1
  fi
fi
DO_NOT_TRACK=1 "$venv/bin/dbt" --version >/dev/null
