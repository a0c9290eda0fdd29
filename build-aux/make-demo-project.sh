#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds the bundled demo project from the demo corpus and its annotations.
# Usage: make-demo-project.sh CLI OUTPUT CORPUS_DIR ANNOTATIONS
set -eu

if [ $# -ne 4 ]; then
  echo "usage: $0 CLI OUTPUT CORPUS_DIR ANNOTATIONS" >&2
  exit 2
fi

cli=$1
output=$2
corpus=$3
annotations=$4

if [ ! -d "$corpus" ]; then
  echo "$0: $corpus: not a directory" >&2
  exit 1
fi
if [ ! -f "$annotations" ]; then
  echo "$0: $annotations: no such file" >&2
  exit 1
fi

remove_output () {
  rm -f -- "$output" "$output-wal" "$output-shm" "$output-journal"
}

# A half-built project must not survive a failed step: the build would
# otherwise treat it as up to date.
trap 'status=$?; if [ "$status" -ne 0 ]; then remove_output; fi; exit "$status"' EXIT

remove_output
"$cli" init "$output" --name "Tin-Azrou clashes (demo)"
"$cli" import "$output" "$corpus"
# Records carry no text: they merge into the documents just imported, by uid.
"$cli" import "$output" "$annotations"
"$cli" check "$output"

# A read-only open (check) can leave an empty WAL and its index behind;
# only what the build installs, the project file itself, should remain.
if [ -f "$output-wal" ] && [ ! -s "$output-wal" ]; then
  rm -f -- "$output-wal" "$output-shm"
fi
