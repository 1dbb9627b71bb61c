#!/usr/bin/env bash
# Runs `rnnlab-cli train ...` and checks its stdout line by line.
#
#   check_train_output.sh --iterations N [--print-every K] [--falls] -- CLI train [ARGS...]
#
# Expects exit 0, an empty stderr, and exactly the lines
#   iteration 0 loss <L>, iteration K loss <L>, ... (every i < N with i % K == 0)
#   final loss <L>
# with <L> a finite decimal number. --falls also requires the losses to fall: the last printed
# iteration's loss and the final loss below the first iteration's loss.
set -u

iterations=""
print_every=100
falls=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --iterations) iterations="$2"; shift 2 ;;
    --print-every) print_every="$2"; shift 2 ;;
    --falls) falls=1; shift ;;
    --) shift; break ;;
    *) echo "check_train_output.sh: unknown option $1" >&2; exit 99 ;;
  esac
done
if [[ -z "$iterations" || $# -lt 1 ]]; then
  echo "check_train_output.sh: need --iterations N -- CLI train [ARGS...]" >&2
  exit 99
fi

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
"$@" > "$scratch/stdout" 2> "$scratch/stderr"
status=$?
echo "command: $*"
echo "exit code: $status"
cat "$scratch/stdout"
if [[ -s "$scratch/stderr" ]]; then
  echo "stderr:"
  cat "$scratch/stderr"
fi

failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}
[[ $status == 0 ]] || fail "exit code $status, expected 0"
[[ ! -s "$scratch/stderr" ]] || fail "stderr is not empty"

# The expected line shapes, numbers replaced by <L>.
number='-?[0-9]+(\.[0-9]+)?(e[-+][0-9]+)?'
expected=""
for ((i = 0; i < iterations; i += print_every)); do
  expected+="iteration $i loss <L>"$'\n'
done
expected+="final loss <L>"
actual="$(sed -E "s/ loss $number\$/ loss <L>/" "$scratch/stdout")"
if [[ "$actual" != "$expected" ]]; then
  fail "stdout lines differ from the expected ones:"
  diff <(echo "$expected") <(echo "$actual")
fi

if [[ $falls == 1 ]]; then
  first="$(awk '$1 == "iteration" { print $4; exit }' "$scratch/stdout")"
  last="$(awk '$1 == "iteration" { value = $4 } END { print value }' "$scratch/stdout")"
  final="$(awk '$1 == "final" { print $3 }' "$scratch/stdout")"
  if [[ -z "$first" || -z "$final" ]]; then
    fail "no losses to compare"
  else
    awk -v a="$last" -v b="$first" 'BEGIN { exit !(a + 0 < b + 0) }' ||
      fail "the last printed loss $last is not below the first $first"
    awk -v a="$final" -v b="$first" 'BEGIN { exit !(a + 0 < b + 0) }' ||
      fail "the final loss $final is not below the first $first"
  fi
fi

if [[ $failures -gt 0 ]]; then
  exit 1
fi
echo "PASS"
