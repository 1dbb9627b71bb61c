#!/usr/bin/env bash
# `train --out` writes a session that reproduces the run:
#   1. training the written file for 0 iterations prints the same final loss (the weights
#      round-trip exactly through the file);
#   2. 200 iterations, --out, then 100 more from the file give the same final loss as 300 in one
#      go (the built-in example uses plain SGD, which has no optimizer state to lose);
#   3. the folder holds only the written file (no temporary left behind), and writing over an
#      existing file works;
#   4. --out keeps the file's version: a version-3 file that uses only older settings is written
#      as version 3, while the built-in example (version 1) is written as 2 (training_state).
#
#   check_out_roundtrip.sh CLI
set -u
cli="$1"

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cd "$scratch" || exit 99

failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}
# Prints the final loss of `train "$@"`, or nothing if it failed (runs in a subshell, so it reports
# on stderr and the callers' non-empty checks count the failure).
final_loss() {
  local output status
  output="$("$cli" train "$@")"
  status=$?
  if [[ $status != 0 ]]; then
    echo "FAIL: train $* exited with $status" >&2
    return
  fi
  echo "train $*:" >&2
  echo "$output" >&2
  awk '$1 == "final" { print $3 }' <<< "$output"
}

straight="$(final_loss --iterations 300)"
saved="$(final_loss --iterations 200 --out trained.rnnlab.json)"
[[ -f trained.rnnlab.json ]] || fail "--out did not write trained.rnnlab.json"
reloaded="$(final_loss trained.rnnlab.json --iterations 0)"
continued="$(final_loss trained.rnnlab.json --iterations 100)"

echo "300 iterations: $straight; 200 then --out: $saved; reloaded: $reloaded; 100 more: $continued"
[[ -n "$saved" && "$saved" == "$reloaded" ]] ||
  fail "the written session's loss $reloaded differs from the trained one $saved"
[[ -n "$straight" && "$straight" == "$continued" ]] ||
  fail "200 + 100 iterations give $continued, 300 give $straight"

listing="$(ls -A)"
[[ "$listing" == "trained.rnnlab.json" ]] || fail "the folder holds more than the written file: $listing"

again="$(final_loss trained.rnnlab.json --iterations 10 --out trained.rnnlab.json)"
reloaded_again="$(final_loss trained.rnnlab.json --iterations 0)"
[[ -n "$again" && "$again" == "$reloaded_again" ]] ||
  fail "writing over the input file: loss $again, reloaded $reloaded_again"

grep -q '"version": 2,' trained.rnnlab.json ||
  fail "the trained example does not say version 2: $(grep '"version"' trained.rnnlab.json)"
sed 's/"version": 2,/"version": 3,/' trained.rnnlab.json > three.rnnlab.json
three="$(final_loss three.rnnlab.json --iterations 10 --out three_out.rnnlab.json)"
[[ -n "$three" ]] || fail "training a version-3 file failed"
grep -q '"version": 3,' three_out.rnnlab.json ||
  fail "--out did not keep version 3: $(grep '"version"' three_out.rnnlab.json)"

if [[ $failures -gt 0 ]]; then
  exit 1
fi
echo "PASS"
