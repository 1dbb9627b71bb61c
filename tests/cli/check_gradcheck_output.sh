#!/usr/bin/env bash
# Runs `rnnlab-cli gradcheck SESSION` and checks exit 0, an empty stderr and exactly the lines
#   <block> max relative error <e>     for each block in order (default the rnn cell's Wxh, Whh,
#                                      Why, bh, by), each e ≤ 1e-5
#   passed (tolerance 1e-05)
#
#   check_gradcheck_output.sh CLI SESSION [BLOCK...]
set -u
cli="$1"
session="$2"
shift 2
blocks=("$@")
if [[ ${#blocks[@]} == 0 ]]; then
  blocks=(Wxh Whh Why bh by)
fi

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
"$cli" gradcheck "$session" > "$scratch/stdout" 2> "$scratch/stderr"
status=$?
cat "$scratch/stdout" "$scratch/stderr"

failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}
[[ $status == 0 ]] || fail "exit code $status, expected 0"
[[ ! -s "$scratch/stderr" ]] || fail "stderr is not empty"

expected="$(printf '%s max relative error <e>\n' "${blocks[@]}")"$'\n'"passed (tolerance 1e-05)"
actual="$(sed -E 's/ error [0-9]+(\.[0-9]+)?(e[-+][0-9]+)?$/ error <e>/' "$scratch/stdout")"
[[ "$actual" == "$expected" ]] || { fail "unexpected lines:"; diff <(echo "$expected") <(echo "$actual"); }
awk '$2 == "max" && !($5 + 0 <= 1e-5) { bad = 1 } END { exit bad }' "$scratch/stdout" ||
  fail "an error above the tolerance"

if [[ $failures -gt 0 ]]; then
  exit 1
fi
echo "PASS"
