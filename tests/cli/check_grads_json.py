#!/usr/bin/env python3
"""Checks `rnnlab-cli grads SESSION` against the spec's CLI contract.

    check_grads_json.py CLI SESSION [--recompute]

- exit 0, empty stderr, stdout one valid JSON object with exactly the keys loss, outputs,
  hidden, grads (Wxh, Whh, Why, bh, by);
- shapes: outputs T×O (also in `last` mode), hidden T×H, grads shaped like the parameters;
- every number printed with 17 significant digits ("%.17g");
- the loss equals the final loss of `train SESSION --iterations 0` (same weights, same number);
- --recompute (for sessions that carry their weights): loss, outputs, hidden and gradients agree
  with an independent pure-Python forward pass and BPTT written from the spec.
"""

import json
import math
import re
import subprocess
import sys

NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def shape(value):
    """(rows, cols) of an array of rows of numbers, or (n,) of an array of numbers."""
    if not isinstance(value, list):
        fail(f"expected an array, got {value!r}")
    if all(isinstance(x, (int, float)) for x in value):
        return (len(value),)
    if not all(isinstance(row, list) for row in value):
        fail("expected an array of rows")
    widths = {len(row) for row in value}
    if len(widths) > 1 or not all(isinstance(x, (int, float)) for row in value for x in row):
        fail("ragged or non-numeric rows")
    return (len(value), widths.pop() if widths else 0)


def matvec(m, v):
    return [sum(a * b for a, b in zip(row, v)) for row in m]


def recompute(session):
    """The spec's forward pass and BPTT, in plain Python."""
    model = session["model"]
    w = model["weights"]
    wxh, whh, why, bh, by = w["Wxh"], w["Whh"], w["Why"], w["bh"], w["by"]
    hidden_size, output_size = model["hidden_size"], model["output_size"]
    h = list(w.get("h0", [0.0] * hidden_size))
    inputs, targets = session["data"]["inputs"], session["data"]["targets"]
    steps = len(inputs)
    last_mode = model.get("output_mode", "sequence") == "last"
    cross_entropy = model.get("loss", "mse") == "cross_entropy"

    hs, ys = [h], []
    for x in inputs:
        a = [p + q + r for p, q, r in zip(matvec(wxh, x), matvec(whh, h), bh)]
        h = [math.tanh(v) for v in a]
        hs.append(h)
        ys.append([p + q for p, q in zip(matvec(why, h), by)])

    loss = 0.0
    dys = [[0.0] * output_size for _ in range(steps)]
    for t in range(steps):
        if last_mode and t != steps - 1:
            continue
        d = targets[0] if last_mode else targets[t]
        y = ys[t]
        if cross_entropy:
            m = max(y)
            lse = m + math.log(sum(math.exp(v - m) for v in y))
            p = [math.exp(v - lse) for v in y]
            loss -= sum(dk * (yk - lse) for dk, yk in zip(d, y) if dk != 0)
            mass = sum(d)
            dys[t] = [pk * mass - dk for pk, dk in zip(p, d)]
        else:
            dys[t] = [yk - dk for yk, dk in zip(y, d)]
            loss += 0.5 * sum(v * v for v in dys[t])

    zeros = lambda r, c: [[0.0] * c for _ in range(r)]
    input_size = model["input_size"]
    g = {"Wxh": zeros(hidden_size, input_size), "Whh": zeros(hidden_size, hidden_size),
         "Why": zeros(output_size, hidden_size), "bh": [0.0] * hidden_size,
         "by": [0.0] * output_size}
    dnext = [0.0] * hidden_size
    for t in reversed(range(steps)):
        dy, ht, hprev, x = dys[t], hs[t + 1], hs[t], inputs[t]
        for k in range(output_size):
            g["by"][k] += dy[k]
            for j in range(hidden_size):
                g["Why"][k][j] += dy[k] * ht[j]
        dh = [sum(why[k][j] * dy[k] for k in range(output_size)) + dnext[j]
              for j in range(hidden_size)]
        da = [(1 - ht[j] ** 2) * dh[j] for j in range(hidden_size)]
        for j in range(hidden_size):
            g["bh"][j] += da[j]
            for i in range(input_size):
                g["Wxh"][j][i] += da[j] * x[i]
            for i in range(hidden_size):
                g["Whh"][j][i] += da[j] * hprev[i]
        dnext = [sum(whh[j][i] * da[j] for j in range(hidden_size)) for i in range(hidden_size)]
    return loss, ys, hs[1:], g


def compare(name, actual, expected):
    if isinstance(expected, list):
        if len(actual) != len(expected):
            fail(f"{name}: {len(actual)} entries, expected {len(expected)}")
        for i, (a, e) in enumerate(zip(actual, expected)):
            compare(f"{name}[{i}]", a, e)
        return
    if not math.isclose(actual, expected, rel_tol=1e-9, abs_tol=1e-12):
        fail(f"{name}: {actual!r}, recomputed {expected!r}")


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        sys.exit(99)
    cli, session_path = sys.argv[1], sys.argv[2]
    recompute_too = "--recompute" in sys.argv[3:]
    with open(session_path) as f:
        session = json.load(f)

    run = subprocess.run([cli, "grads", session_path], capture_output=True, text=True)
    print(run.stdout)
    if run.returncode != 0:
        fail(f"grads exited with {run.returncode}: {run.stderr}")
    if run.stderr:
        fail(f"stderr is not empty: {run.stderr}")
    try:
        result = json.loads(run.stdout)
    except json.JSONDecodeError as error:
        fail(f"stdout is not valid JSON: {error}")

    if not isinstance(result, dict) or list(result) != ["loss", "outputs", "hidden", "grads"]:
        fail(f"keys {list(result) if isinstance(result, dict) else result!r}, "
             "expected loss, outputs, hidden, grads in that order")
    if list(result["grads"]) != ["Wxh", "Whh", "Why", "bh", "by"]:
        fail(f"grads keys {list(result['grads'])}, expected Wxh, Whh, Why, bh, by")

    model = session["model"]
    i, h, o = model["input_size"], model["hidden_size"], model["output_size"]
    t = len(session["data"]["inputs"])
    if not isinstance(result["loss"], (int, float)):
        fail("loss is not a number")
    expected_shapes = {"outputs": (t, o), "hidden": (t, h)}
    for key, want in expected_shapes.items():
        if shape(result[key]) != want:
            fail(f"{key} is {shape(result[key])}, expected {want}")
    grad_shapes = {"Wxh": (h, i), "Whh": (h, h), "Why": (o, h), "bh": (h,), "by": (o,)}
    for key, want in grad_shapes.items():
        if shape(result["grads"][key]) != want:
            fail(f"grads.{key} is {shape(result['grads'][key])}, expected {want}")
    if any(abs(v) >= 1 for row in result["hidden"] for v in row):
        fail("a hidden value outside (-1, 1): not tanh")

    for token in NUMBER.findall(run.stdout):
        if "%.17g" % float(token) != token:
            fail(f"number {token} is not printed as %.17g ({'%.17g' % float(token)})")

    train = subprocess.run([cli, "train", session_path, "--iterations", "0"],
                           capture_output=True, text=True)
    if train.returncode != 0 or not train.stdout.startswith("final loss "):
        fail(f"train --iterations 0 failed: {train.returncode} {train.stdout} {train.stderr}")
    train_loss = float(train.stdout.split()[2])
    if train_loss != result["loss"]:
        fail(f"grads loss {result['loss']!r} differs from train's {train_loss!r}")

    if recompute_too:
        loss, ys, hs, g = recompute(session)
        compare("loss", result["loss"], loss)
        compare("outputs", result["outputs"], ys)
        compare("hidden", result["hidden"], hs)
        for key in grad_shapes:
            compare(f"grads.{key}", result["grads"][key], g[key])
    print("PASS")


if __name__ == "__main__":
    main()
