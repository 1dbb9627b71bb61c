#!/usr/bin/env bash
# Exact resume on a data set (shuffled, batches of 2 of 5 sequences, so the split falls inside an
# epoch): for every cell, N1 iterations with --out, then N2 more from the written file, print the
# same lines (numbered on, with their validation losses) as N1 + N2 at once and end with the same
# weights and training_state. Removing the epoch state from the file must change the run (it
# would restart the epoch), so the check can fail.
#
#   check_dataset_resume.sh CLI SESSION
set -u
cli="$1"
session="$2"
n1=7
n2=11

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cd "$scratch" || exit 99

failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

for cell in gru lstm rnn; do
  if [ "$cell" = rnn ]; then
    sed -e 's/"cell": "gru",//' "$session" > in.json
  else
    sed -e "s/\"cell\": \"gru\"/\"cell\": \"$cell\"/" "$session" > in.json
  fi
  "$cli" train in.json --iterations $((n1 + n2)) --print-every 1 --out straight.json \
    > straight.txt || fail "$cell: straight run failed"
  "$cli" train in.json --iterations $n1 --print-every 1 --out mid.json > first.txt ||
    fail "$cell: first part failed"
  grep -q '"epoch_order"' mid.json || fail "$cell: --out wrote no epoch_order"
  grep -q '"shuffle_rng"' mid.json || fail "$cell: --out wrote no shuffle_rng"
  "$cli" train mid.json --iterations $n2 --print-every 1 --out resumed.json > second.txt ||
    fail "$cell: resumed part failed"
  head -n $n1 first.txt > joined.txt
  cat second.txt >> joined.txt
  grep -q "validation" second.txt || fail "$cell: no validation losses printed"
  diff straight.txt joined.txt > /dev/null ||
    fail "$cell: printed losses differ: $(diff straight.txt joined.txt | head -n 4 | tr '\n' ' ')"
  grep -v '"iterations"' straight.json > a.json
  grep -v '"iterations"' resumed.json > b.json
  cmp -s a.json b.json || fail "$cell: the written sessions differ"

  # Without the epoch state the resumed run starts a fresh epoch order: it must differ.
  python3 - mid.json stripped.json <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
for key in ("epoch_order", "epoch_position", "shuffle_rng"):
    s["training_state"].pop(key, None)
s["training_state"]["iteration"] = 0
s["training_state"]["optimizer_step"] = 0
s["training_state"].pop("optimizer", None)
json.dump(s, open(sys.argv[2], "w"))
PY
  "$cli" train stripped.json --iterations $n2 --print-every 1 > stripped.txt ||
    fail "$cell: stripped run failed"
  tail -n +2 stripped.txt | cut -d' ' -f3- > s.txt
  tail -n +2 second.txt | cut -d' ' -f3- > r.txt
  cmp -s s.txt r.txt && fail "$cell: the run without its state gives the same losses"
done

if [ "$failures" -gt 0 ]; then
  exit 1
fi
echo "data set resume exact for rnn, lstm, gru"
