#!/usr/bin/env bash
# Lints the analyst-owned diagrams: BPMN with bpmnlint (+ camunda-compat for
# Camunda 7.24, see .bpmnlintrc), DMN with dmnlint (see .dmnlintrc).
# Exits non-zero on any lint error.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# (Re)install the pinned lint tools when node_modules is missing or older than
# the lock file / package.json (npm keeps its own copy of the lock in
# node_modules/.package-lock.json after an install).
installed_lock="node_modules/.package-lock.json"
if [[ ! -f "$installed_lock" || package-lock.json -nt "$installed_lock" || package.json -nt "$installed_lock" ]]; then
  echo "lint-diagrams: installing lint tools (npm ci)"
  npm ci --no-audit --no-fund
fi

shopt -s nullglob
bpmn_files=(processes/*.bpmn)
dmn_files=(decisions/*.dmn)
shopt -u nullglob

status=0

if (( ${#bpmn_files[@]} )); then
  echo "lint-diagrams: bpmnlint ${bpmn_files[*]}"
  node_modules/.bin/bpmnlint "${bpmn_files[@]}" || status=1
else
  echo "lint-diagrams: no BPMN files in processes/"
fi

if (( ${#dmn_files[@]} )); then
  echo "lint-diagrams: dmnlint ${dmn_files[*]}"
  node_modules/.bin/dmnlint "${dmn_files[@]}" || status=1
else
  echo "lint-diagrams: no DMN files in decisions/"
fi

if (( status != 0 )); then
  echo "lint-diagrams: FAILED" >&2
  exit 1
fi
echo "lint-diagrams: OK (${#bpmn_files[@]} BPMN, ${#dmn_files[@]} DMN file(s) linted, 0 errors)"
