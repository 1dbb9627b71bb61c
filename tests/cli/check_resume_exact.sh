#!/usr/bin/env bash
# Exact resume: for every cell (rnn, lstm, gru) and optimizer (sgd, momentum, adagrad, adam,
# rmsprop; rmsprop with learning-rate decay whose steps fall in both parts),
# N1 iterations with --out, then N2 more from the written file, print the same iteration lines
# (numbered on from N1) and final loss as N1 + N2 at once, and write the same weights and
# training_state, bit for bit. Also checks that the saved optimizer state matters: the same
# resume with training_state removed must differ (except for sgd).
#
#   check_resume_exact.sh CLI DATA_FOLDER
set -u
cli="$1"
data="$2"
n1=23
n2=31

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cd "$scratch" || exit 99

failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

# set_optimizer IN OUT OPTIMIZER: the session with that optimizer and a learning rate that
# keeps every optimizer finite. rmsprop is version 3's, with α and a decay of the rate by half
# every 7 iterations from iteration 10 (steps at 17, 24, 31, ...).
set_optimizer() {
  local rate=0.01
  local version=()
  if [[ $3 == rmsprop ]]; then
    rate='0.01, "alpha": 0.9, "lr_decay": 0.5, "lr_decay_every": 7, "lr_decay_start": 10'
    version=(-e 's/"version": *[0-9]*/"version": 3/')
  fi
  sed -e "s/\"optimizer\": *\"[a-z]*\"/\"optimizer\": \"$3\"/" \
      -e "s/\"learning_rate\": *[0-9.e+-]*/\"learning_rate\": $rate/" "${version[@]}" "$1" > "$2"
  grep -q "\"optimizer\": \"$3\"" "$2" || fail "$1 has no training.optimizer to set"
}

for base in example lstm_seeded gru_seeded; do
  for optimizer in sgd momentum adagrad adam rmsprop; do
    case="$base/$optimizer"
    set_optimizer "$data/$base.rnnlab.json" in.json "$optimizer"
    "$cli" train in.json --iterations $((n1 + n2)) --print-every 1 --out straight.json \
      > straight.txt || fail "$case: straight run failed"
    "$cli" train in.json --iterations $n1 --print-every 1 --out mid.json > first.txt ||
      fail "$case: first part failed"
    grep -q '"training_state"' mid.json || fail "$case: --out wrote no training_state"
    "$cli" train mid.json --iterations $n2 --print-every 1 --out resumed.json > second.txt ||
      fail "$case: resumed part failed"
    head -n $n1 first.txt > joined.txt
    cat second.txt >> joined.txt
    head -n 1 second.txt | grep -q "^iteration $n1 loss" ||
      fail "$case: the resumed run does not start at iteration $n1: $(head -n 1 second.txt)"
    diff straight.txt joined.txt > /dev/null ||
      fail "$case: printed losses differ: $(diff straight.txt joined.txt | head -n 4 | tr '\n' ' ')"
    # The files differ only in training.iterations (each run's own count).
    diff <(grep -v '"iterations":' straight.json) <(grep -v '"iterations":' resumed.json) \
      > /dev/null || fail "$case: the written weights or training_state differ"
    if [[ $optimizer != sgd ]]; then
      python3 - mid.json nostate.json <<'PY' || fail "$case: could not strip training_state"
import json, sys
session = json.load(open(sys.argv[1]))
del session["training_state"]
json.dump(session, open(sys.argv[2], "w"))
PY
      "$cli" train nostate.json --iterations $n2 --print-every 1 > fresh.txt
      if diff -q second.txt fresh.txt > /dev/null; then
        fail "$case: resuming without training_state gives the same losses (the test is blind)"
      fi
    fi
    echo "$case: $(tail -n 1 joined.txt)"
  done
done

if [[ $failures -gt 0 ]]; then
  exit 1
fi
echo "PASS"
