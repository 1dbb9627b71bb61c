#!/bin/sh
# Regenerates every screenshot the README and docs/ show (docs/screenshots/*.png) with the app's own
# scripted options, under Xvfb with a window manager (openbox) so that window sizes are real.
#
#   docs/make-screenshots.sh [path/to/rnnlab]     (default: build/app/rnnlab)
#
# Needs xvfb-run and openbox; python3 writes the larger S2 session used by two pictures.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
app=${1:-"$root/build/app/rnnlab"}
out="$root/docs/screenshots"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
mkdir -p "$out"
[ -x "$app" ] || { echo "make-screenshots: no app at $app (build it first)" >&2; exit 2; }

# S2: I/H/O/T 32/256/32/100, a sine per input, the target only at the last step: the gradient
# visibly fades from t = T back to t = 1.
python3 - "$work/s2.rnnlab.json" <<'PY'
import json, math, sys
T, I, H, O = 100, 32, 256, 32
inputs = [[round(math.sin(0.3 * t + 0.4 * c), 6) for c in range(I)] for t in range(T)]
targets = [[round(math.sin(0.3 * T + 0.4 * c), 6) for c in range(O)]]
session = {
    "format": "rnnlab-session", "version": 1,
    "model": {"input_size": I, "hidden_size": H, "output_size": O, "activation": "tanh",
              "output_mode": "last", "loss": "mse"},
    "training": {"optimizer": "sgd", "learning_rate": 0.01, "clip_value": 5, "clip_norm": 0,
                 "momentum": 0.9, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-08,
                 "iterations": 1000, "seed": 1, "init_scale": 0.05},
    "data": {"inputs": inputs, "targets": targets},
}
json.dump(session, open(sys.argv[1], "w"))
PY

# One app run per picture, each in its own X server with openbox managing the window.
shot() {
  name=$1
  shift
  xvfb-run -a -s "-screen 0 1920x1080x24" sh -c '
    openbox >/dev/null 2>&1 &
    sleep 1
    QT_QPA_PLATFORM=xcb "$@"
  ' sh "$app" "$@" --screenshot "$out/$name.png"
  echo "wrote docs/screenshots/$name.png"
}

# The app must not take the user's saved layout or speed: the scripted options ignore them, and
# a private settings folder keeps this run from changing the user's.
export XDG_CONFIG_HOME="$work/config"

shot hello --preset hello --train 300 --size 1600x1000
shot sine-1024x640 --preset sine --train 200 --size 1024x640
shot walkthrough-1-paused-after-10 --preset example --train 10 --size 1600x1000
shot walkthrough-2-stepper-backward --preset example --train 10 --dock stepper --phase 6 \
  --size 1600x1000
shot walkthrough-3-unrolled-network --preset example --train 10 --dock diagram --phase 6 \
  --size 1600x1000
shot walkthrough-4-gradient-flow-s2 --session "$work/s2.rnnlab.json" --train 20 \
  --dock gradientFlow --dock spectrum --dock gradientFlow --size 1600x1000
shot walkthrough-6-compare-runs --preset example --train 300 --rewind 100 \
  --continue-with-lr 0.05 --dock compareRuns --size 1600x1000

# The LSTM section: the long-delay preset after its 600 iterations (the LSTM solves it).
shot lstm-1-trained --preset delay-lstm --train 600 --size 1600x1000
shot lstm-2-stepper-forward --preset delay-lstm --train 600 --dock stepper --phase 20 \
  --size 1600x1000
shot lstm-3-stepper-backward --preset delay-lstm --train 600 --dock stepper --phase 200 \
  --size 1600x1000
shot lstm-4-unrolled --preset delay-lstm --train 600 --dock diagram --phase 200 --size 1600x1000
shot lstm-5-gradient-flow --preset delay-lstm --train 600 --dock gradientFlow --size 1600x1000
shot lstm-6-memory --preset delay-lstm --train 600 --dock memory --size 1600x1000
shot lstm-7-step-jacobians --preset delay-lstm --train 600 --dock spectrum --size 1600x1000
shot lstm-8-rnn-memory --preset delay-rnn --train 600 --dock memory --size 1600x1000
shot lstm-9-compare-cells --preset delay-rnn --preset delay-lstm --preset delay-gru --train 600 \
  --dock compareRuns --size 1600x1000

# The Chinese interface (--language zh_CN) at 1280×720, the size a classroom projector shows: the
# main window after training and the step-through inspector at backward t = 3.
shot zh-1-main-window --language zh_CN --preset hello --train 300 --size 1280x720
shot zh-2-stepper-backward --language zh_CN --preset example --train 10 --dock stepper --phase 6 \
  --size 1280x720
# Presentation mode (F11) at a projector's 1920×1080, in English and Chinese: large text, thick
# lines, high contrast.
shot presentation-1920x1080 --presentation --preset example --train 300 --dock diagram \
  --phase 6 --size 1920x1080
shot zh-3-presentation --presentation --language zh_CN --preset example --train 300 \
  --dock diagram --phase 6 --size 1920x1080
# Text mode: the sonnets' samples at the start, in the middle and at the end of a run, and the
# Tang poems (Chinese glyphs must render).
shot text-1-sonnets-start --preset sonnets --train 1 --dock text --size 1600x1000
shot text-2-sonnets-middle --preset sonnets --train 2000 --dock text --size 1600x1000
shot text-3-sonnets-end --preset sonnets --train 20000 --dock text --size 1600x1000
shot text-4-tang-poems --preset tang_poems --train 1500 --dock text --size 1600x1000

# Lessons: the blog's bugs at its failing gradient check; the vanishing-gradient lesson in Chinese.
shot lesson-1-blog-bugs --lesson blog-bugs --lesson-step 4 --gradient-check --size 1280x720
shot lesson-2-vanishing-zh --language zh_CN --lesson vanishing-gradients --lesson-step 3 --train 600 --size 1280x720
# A lesson in presentation mode at a projector's 1920×1080, in English and Chinese.
shot lesson-3-presentation --presentation --lesson exploding-gradients --lesson-step 2 \
  --size 1920x1080
shot lesson-4-presentation-zh --presentation --language zh_CN --lesson exploding-gradients \
  --lesson-step 2 --size 1920x1080

# Data sets: the noisy sine's panel (sequences with sparklines), training and validation curves,
# and the k-step-ahead view; the adding problem's data set with an LSTM.
shot datasets-1-noisy-sine --preset noisy-sine --train 600 --dock dataSet --dock prediction \
  --size 1600x1000
shot datasets-2-adding --preset adding --train 300 --dock dataSet --size 1600x1000
