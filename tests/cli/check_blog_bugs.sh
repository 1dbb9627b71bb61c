#!/usr/bin/env bash
# The teaching switch training.blog_bugs through rnnlab-cli: with any of the blog's bugs on,
# gradcheck says so, reports a relative error of order 1 (≥ 0.1) and exits 1; the same session
# without them passes; train and grads run and say so; undefined or unknown bugs are refused
# (exit 2) with one stderr line naming training.blog_bugs[index].
#
#   check_blog_bugs.sh CLI DATA_FOLDER
set -u
cli="$1"
data="$2"

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

# with_bugs SOURCE LIST OUT: SOURCE with "blog_bugs": [LIST] first in its training object.
with_bugs() {
  sed "s/\"training\": {/\"training\": {\"blog_bugs\": [$2],/" "$1" > "$3"
}

"$cli" gradcheck "$data/example.rnnlab.json" > /dev/null 2>&1 || fail "the example itself fails"

for bugs in '"last_output_only"' '"final_hidden_in_backward"' '"h_t_in_dwhh"' \
            '"gradient_missing_2"' \
            '"last_output_only", "final_hidden_in_backward", "h_t_in_dwhh", "gradient_missing_2"'; do
  session="$scratch/bugs.rnnlab.json"
  with_bugs "$data/example.rnnlab.json" "$bugs" "$session"
  "$cli" gradcheck "$session" > "$scratch/stdout" 2> "$scratch/stderr"
  status=$?
  echo "--- gradcheck with [$bugs]: exit $status"
  cat "$scratch/stdout" "$scratch/stderr"
  [[ $status == 1 ]] || fail "[$bugs]: gradcheck exit $status, expected 1"
  [[ ! -s "$scratch/stderr" ]] || fail "[$bugs]: stderr is not empty"
  grep -q '^teaching: training.blog_bugs is on' "$scratch/stdout" || fail "[$bugs]: no teaching line"
  grep -q '^FAILED (tolerance 1e-05)$' "$scratch/stdout" || fail "[$bugs]: no FAILED line"
  awk '$2 == "max" && $5 + 0 >= 0.1 { big = 1 } END { exit !big }' "$scratch/stdout" ||
    fail "[$bugs]: no relative error of order 1"

  "$cli" train "$session" --iterations 20 --print-every 10 > "$scratch/stdout" 2> "$scratch/stderr"
  status=$?
  [[ $status == 0 ]] || fail "[$bugs]: train exit $status"
  head -1 "$scratch/stdout" | grep -q '^teaching: ' || fail "[$bugs]: train does not say so"
  grep -q '^final loss ' "$scratch/stdout" || fail "[$bugs]: train printed no final loss"

  "$cli" grads "$session" > "$scratch/stdout" 2> "$scratch/stderr" || fail "[$bugs]: grads failed"
  grep -q "\"blog_bugs\": \[$bugs\]" "$scratch/stdout" || fail "[$bugs]: grads does not list them"
done

# refused(NAME SOURCE LIST REGEX)
refused() {
  local session="$scratch/$1.rnnlab.json"
  with_bugs "$2" "$3" "$session"
  "$cli" gradcheck "$session" > "$scratch/stdout" 2> "$scratch/stderr"
  local status=$?
  echo "--- $1: exit $status: $(cat "$scratch/stderr")"
  [[ $status == 2 ]] || fail "$1: exit $status, expected 2"
  [[ ! -s "$scratch/stdout" ]] || fail "$1: stdout is not empty"
  [[ "$(wc -l < "$scratch/stderr")" == 1 ]] || fail "$1: not exactly one stderr line"
  grep -Eq "^rnnlab-cli: .*$4" "$scratch/stderr" || fail "$1: message does not match $4"
}
refused unknown "$data/example.rnnlab.json" '"h_t_in_dwhh", "typo"' \
  'training\.blog_bugs\[1\]: unknown bug "typo"'
refused lstm "$data/lstm_seeded.rnnlab.json" '"h_t_in_dwhh"' \
  'training\.blog_bugs\[0\]: h_t_in_dwhh: .*rnn cell only \(model\.cell is lstm\)'
refused text "$data/text_small.rnnlab.json" '"final_hidden_in_backward"' \
  'training\.blog_bugs\[0\]: final_hidden_in_backward: .*one numeric sequence only'
refused cross_entropy "$data/last_cross_entropy.rnnlab.json" '"gradient_missing_2"' \
  'training\.blog_bugs\[0\]: gradient_missing_2: .*model\.loss mse'
refused last "$data/last_cross_entropy.rnnlab.json" '"h_t_in_dwhh", "last_output_only"' \
  'training\.blog_bugs\[1\]: last_output_only: .*output_mode sequence'

if [[ $failures -gt 0 ]]; then
  exit 1
fi
echo "PASS"
