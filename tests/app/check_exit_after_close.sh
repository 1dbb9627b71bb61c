#!/usr/bin/env bash
# The app must exit once its window is done, even at the largest hidden size: no background
# computation (spectrum, gradient check, trace) may hold the process. Runs
# `rnnlab --session BIG --train 1 --screenshot PNG` offscreen and checks that it exits with 0 by
# itself. How long the exit takes depends on the machine, so it is printed, not asserted: the
# views' own tests check that closing cancels their work (the spectrum's cancel flag, the
# gradient check's), and a process held by a job fails here by not ending within 600 s. An
# optional 3rd argument names a dock to raise (the spectrum dock has the longest background work).
set -euo pipefail
app=${1:?usage: check_exit_after_close.sh RNNLAB HIDDEN_SIZE [DOCK]}
hidden=${2:?}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$dir/big.rnnlab.json" "$hidden" <<'PY'
import json, sys
path, hidden = sys.argv[1], int(sys.argv[2])
session = {"format": "rnnlab-session", "version": 1,
           "model": {"input_size": 1, "hidden_size": hidden, "output_size": 1,
                     "output_mode": "sequence", "loss": "mse"},
           "training": {"learning_rate": 0.001, "iterations": 1, "seed": 1, "init_scale": 0.01},
           "data": {"inputs": [[0.5], [-0.5]], "targets": [[0.1], [0.2]]}}
json.dump(session, open(path, "w"))
PY
export QT_QPA_PLATFORM=offscreen
start=$(date +%s.%N)
"$app" --session "$dir/big.rnnlab.json" --train 1 --dock "${3:-loss}" --screenshot "$dir/shot.png" &
pid=$!
shot=""
while kill -0 "$pid" 2>/dev/null; do
  if [[ -z "$shot" && -s "$dir/shot.png" ]]; then shot=$(date +%s.%N); fi
  sleep 0.05
  if (( $(date +%s) - ${start%.*} > 600 )); then kill -9 "$pid"; echo "FAIL: still running after 600 s"; exit 1; fi
done
wait "$pid" || { echo "FAIL: rnnlab exited with $?"; exit 1; }
end=$(date +%s.%N)
[[ -n "$shot" ]] || shot=$end
[[ -s "$dir/shot.png" ]] || { echo "FAIL: no screenshot was written"; exit 1; }
python3 - "$start" "$shot" "$end" "$hidden" <<'PY'
import sys
start, shot, end, hidden = map(float, sys.argv[1:])
print(f"H={int(hidden)}: screenshot after {shot - start:.1f} s, exit {end - shot:.2f} s later")
PY
