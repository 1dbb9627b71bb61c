#!/usr/bin/env bash
# The app must exit within a few seconds once its window is done, even at the largest hidden
# size: no background computation (spectrum, gradient check, trace) may hold the process.
# Runs `rnnlab --session BIG --train 1 --screenshot PNG` offscreen and measures the time from
# the PNG appearing to the process ending. An optional 4th argument names a dock to raise (the
# spectrum dock is the one with the longest background work).
set -euo pipefail
app=${1:?usage: check_exit_after_close.sh RNNLAB HIDDEN_SIZE MAX_SECONDS}
hidden=${2:?}
max_seconds=${3:?}
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
"$app" --session "$dir/big.rnnlab.json" --train 1 --dock "${4:-loss}" --screenshot "$dir/shot.png" &
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
python3 - "$start" "$shot" "$end" "$max_seconds" "$hidden" <<'PY'
import sys
start, shot, end, limit, hidden = map(float, sys.argv[1:])
print(f"H={int(hidden)}: screenshot after {shot - start:.1f} s, exit {end - shot:.2f} s later (limit {limit:.0f} s)")
sys.exit(0 if end - shot <= limit else 1)
PY
