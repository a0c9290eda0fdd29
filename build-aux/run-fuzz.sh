#!/bin/sh
# Fuzzes the three importers (tests/fuzz): builds the libFuzzer targets in
# build-fuzz (configured here with clang and the sanitizers when it is not
# there yet), then runs each for SECONDS (default 60) on a copy of its seed
# corpus, so the committed corpus never grows. Prints per target the
# executions, executions per second, coverage and outcome; fails on any
# crash, leak, timeout or abort, keeping the input that caused it in
# build-fuzz/fuzz-artifacts/.
#
# Usage: build-aux/run-fuzz.sh [SECONDS]
set -eu
cd "$(dirname "$0")/.."

seconds=${1:-60}
build="build-fuzz"
targets="jsonl project-json text"

case $seconds in
  '' | *[!0-9]*) echo "usage: $0 [SECONDS]" >&2; exit 2 ;;
esac

if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" -Dfuzzing=true -Dapp=false \
    -Db_sanitize=address,undefined -Db_lundef=false \
    -Dc_args=-fsanitize=fuzzer-no-link
fi
# Only the fuzz targets (and the library): the rest is not needed here.
# shellcheck disable=SC2046
meson compile -C "$build" $(for t in $targets; do printf 'tests/fuzz/fuzz-%s ' "$t"; done)

# The projects the targets write live in memory when /dev/shm is there:
# SQLite syncs each commit, which on a disk costs more than the import.
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
  work=$(mktemp -d /dev/shm/tessera-fuzz.XXXXXX)
else
  work=$(mktemp -d)
fi
trap 'rm -rf "$work"' EXIT INT TERM

artifacts="$build/fuzz-artifacts"
passed=0
failed=0

for t in $targets; do
  name="fuzz-$t"
  corpus="$work/$t-corpus"
  log="$work/$t.log"
  cp -R "tests/fuzz/corpus/$t" "$corpus"
  mkdir -p "$work/$t-artifacts" "$work/tmp"

  echo "== $name: $seconds s"
  if TMPDIR="$work/tmp" LC_ALL=C.UTF-8 G_SLICE=always-malloc \
     ASAN_OPTIONS=detect_leaks=1:symbolize=1 \
     UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
     "$build/tests/fuzz/$name" \
       -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
       -dict="tests/fuzz/$t.dict" -detect_leaks=1 -print_final_stats=1 \
       -artifact_prefix="$work/$t-artifacts/" "$corpus" >"$log" 2>&1; then
    status=0
  else
    status=$?
  fi

  # libFuzzer's last status line ("#N DONE cov: C ft: F corp: …") and
  # its final stats.
  last=$(grep -E '^#[0-9]+.* cov: ' "$log" | tail -n 1 || true)
  cov=$(printf '%s\n' "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
  ft=$(printf '%s\n' "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
  corp=$(printf '%s\n' "$last" | sed -n 's/.* corp: \([^ ]*\).*/\1/p')
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)

  if [ "$status" -eq 0 ]; then
    outcome=ok
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    case $(cat "$log") in
      *'ERROR: LeakSanitizer'*) outcome=leak ;;
      *'ERROR: libFuzzer: timeout'*) outcome=timeout ;;
      *'ERROR: libFuzzer: out-of-memory'*) outcome=out-of-memory ;;
      *'runtime error:'*) outcome='undefined behaviour' ;;
      *'ERROR: AddressSanitizer'*) outcome='memory error' ;;
      *'tessera-fuzz: '*) outcome='broken invariant' ;;
      *'ERROR: libFuzzer: deadly signal'*) outcome='crash (abort or signal)' ;;
      *) outcome="failed (exit status $status)" ;;
    esac
    mkdir -p "$artifacts"
    for f in "$work/$t-artifacts/"*; do
      [ -e "$f" ] || continue
      cp "$f" "$artifacts/"
      echo "-- $name: input kept as $artifacts/$(basename "$f")"
    done
    cp "$log" "$artifacts/$name.log"
    echo "-- $name: the end of its log (all of it in $artifacts/$name.log):"
    tail -n 60 "$log"
  fi

  printf '%s: %s executions, %s exec/s, cov %s, ft %s, corpus %s: %s\n' \
    "$name" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$outcome"
  rm -rf "$corpus" "$work/tmp"
done

if [ "$failed" -gt 0 ]; then
  echo "Inputs that failed are in $artifacts/ (run a target with one of them to reproduce)."
fi
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
