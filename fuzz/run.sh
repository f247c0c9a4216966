#!/usr/bin/env bash
# Runs every cargo-fuzz target (or those named) for FUZZ_SECONDS each, at most
# FUZZ_JOBS at once, at low priority, then prints one summary line per target:
# executions, coverage, features, corpus size and crashes. Crash inputs land in
# fuzz/artifacts/<target>/; save each under tests/fuzz-regressions/<target>/
# so `cargo test --test hardening` replays it. Logs: fuzz/logs/<target>.log.
#   FUZZ_SECONDS=600 FUZZ_JOBS=2 fuzz/run.sh [target...]
set -uo pipefail
cd "$(dirname "$0")"
SECS=${FUZZ_SECONDS:-60}
JOBS=${FUZZ_JOBS:-2}
ALL=(normalize schema_compile validate paths token retry json regex format redact send_steps plan locale boundary http)
TARGETS=("${@:-${ALL[@]}}")
[ $# -gt 0 ] || TARGETS=("${ALL[@]}")
mkdir -p logs
python3 seed.py
# Debug assertions and overflow checks are on (cargo fuzz's default): an
# overflow on untrusted input is a crash here, though release builds wrap.
nice -n 19 cargo +nightly fuzz build --fuzz-dir . || exit 1
# Run snapshots of the binaries, so that editing and rebuilding while the
# fuzzers run does not change what they test.
BIN=target/snapshot
mkdir -p "$BIN"
for t in "${TARGETS[@]}"; do
  cp "target/$(rustc -vV | sed -n 's/^host: //p')/release/$t" "$BIN/$t" || exit 1
done

run_one() {
  local t=$1
  mkdir -p "corpus/$t" "artifacts/$t"
  # Where size matters (bodies are read up to 64 KiB for reports, 1 MiB to
  # normalize; the JS API's giant options; the demo server's 64 KiB bodies
  # and 8 KiB heads), inputs go past the 16 KiB default.
  # libFuzzer grows its length limit slowly; -len_control=0 tries long
  # inputs from the start (a 60 s run otherwise stays under 200 bytes).
  local max_len=16384 len_control=100
  case $t in normalize | redact | send_steps | plan | locale | boundary | http) max_len=131072 len_control=0 ;; esac
  nice -n 19 "$BIN/$t" "corpus/$t" \
    -max_total_time="$SECS" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" \
    -len_control="$len_control" \
    -print_final_stats=1 -artifact_prefix="artifacts/$t/" >"logs/$t.log" 2>&1
  echo $? >"logs/$t.rc"
}

running=0
for t in "${TARGETS[@]}"; do
  run_one "$t" &
  running=$((running + 1))
  if [ "$running" -ge "$JOBS" ]; then wait -n; running=$((running - 1)); fi
done
wait

printf '%-15s %12s %8s %8s %8s %8s  %s\n' target executions exec/s cov ft corpus crashes
fail=0
for t in "${TARGETS[@]}"; do
  log="logs/$t.log"
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  last=$(grep -E '^#[0-9]+' "$log" | tail -1)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  corp=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$last")
  crashes=$(find "artifacts/$t" -type f | wc -l)
  rc=$(cat "logs/$t.rc" 2>/dev/null || echo '?')
  [ "$rc" = 0 ] && [ "$crashes" = 0 ] || fail=1
  printf '%-15s %12s %8s %8s %8s %8s  %s\n' "$t" "${execs:-?}" "${speed:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$crashes (exit $rc)"
done
if [ "$fail" = 1 ]; then
  echo "crash inputs (save each under tests/fuzz-regressions/<target>/ with a name saying what it found):"
  find artifacts -type f | sed 's|^|  fuzz/|'
fi
exit $fail
