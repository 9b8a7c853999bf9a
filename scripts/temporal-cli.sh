#!/usr/bin/env bash
# Prints the path of a Temporal CLI binary, building v1.5.1 into tools/bin once if none is found.
# Resolution order: $TEMPORAL_CLI -> `temporal` on PATH -> tools/bin/temporal -> go install.
# Progress goes to stderr; stdout carries only the path.
set -euo pipefail
VERSION=v1.5.1
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/tools/bin"

if [ -n "${TEMPORAL_CLI:-}" ]; then
  [ -x "$TEMPORAL_CLI" ] || { echo "TEMPORAL_CLI=$TEMPORAL_CLI is not an executable file" >&2; exit 1; }
  echo "$TEMPORAL_CLI"; exit 0
fi
if command -v temporal >/dev/null 2>&1; then command -v temporal; exit 0; fi
if [ -x "$tools/temporal" ]; then echo "$tools/temporal"; exit 0; fi

if ! command -v go >/dev/null 2>&1; then
  for candidate in /usr/local/go/bin/go /usr/lib/go/bin/go; do
    [ -x "$candidate" ] && export PATH="$(dirname "$candidate"):$PATH" && break
  done
fi
if ! command -v go >/dev/null 2>&1; then
  cat >&2 <<MSG
The Temporal CLI was not found and cannot be built: Go is not installed.
Install Go >= 1.25 (https://go.dev/dl/ or your package manager), or point TEMPORAL_CLI at a
temporal binary ($VERSION or compatible), then run this again.
MSG
  exit 1
fi

mkdir -p "$tools"
echo "Building the Temporal CLI $VERSION into $tools (first time only; several minutes on 2 cores)..." >&2
# -v prints each package as it compiles so a long build is visibly alive.
GOBIN="$tools" go install -v "github.com/temporalio/cli/cmd/temporal@$VERSION" 1>&2
echo "Temporal CLI built: $tools/temporal" >&2
echo "$tools/temporal"
