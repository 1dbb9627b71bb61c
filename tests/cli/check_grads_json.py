#!/usr/bin/env python3
"""Checks `rnnlab-cli grads SESSION` against the spec's CLI contract.

    check_grads_json.py CLI SESSION [--recompute]

- exit 0, empty stderr, stdout one valid JSON object with exactly the keys loss, outputs,
  hidden, grads (rnn: Wxh, Whh, Why, bh, by; lstm/gru: W_ih, W_hh, b_ih, b_hh, Why, by) and, for
  lstm/gru, gates (T×H each: i, f, g, o, c for lstm; r, z, n for gru);
- shapes: outputs T×O (also in `last` mode), hidden T×H, grads shaped like the parameters;
- every number printed with 17 significant digits ("%.17g");
- the loss equals the final loss of `train SESSION --iterations 0` (same weights, same number);
- --recompute (for sessions that carry their weights): loss, outputs, hidden, gates and gradients
  agree with an independent pure-Python forward pass and BPTT written from the spec.
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


def sigmoid(v):
    return 1.0 / (1.0 + math.exp(-v))


def loss_and_output_grads(model, ys, targets):
    steps, output_size = len(ys), model["output_size"]
    last_mode = model.get("output_mode", "sequence") == "last"
    cross_entropy = model.get("loss", "mse") == "cross_entropy"
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
            dys[t] = [pk * sum(d) - dk for pk, dk in zip(p, d)]
        else:
            dys[t] = [yk - dk for yk, dk in zip(y, d)]
            loss += 0.5 * sum(v * v for v in dys[t])
    return loss, dys


def recompute_gated(session):
    """Spec v2 §1's LSTM or GRU (PyTorch's equations) and its BPTT, in plain Python."""
    model = session["model"]
    lstm = model["cell"] == "lstm"
    w = model["weights"]
    wih, whh, bih, bhh, why, by = (w[k] for k in ["W_ih", "W_hh", "b_ih", "b_hh", "Why", "by"])
    n_in, n_h, n_out = model["input_size"], model["hidden_size"], model["output_size"]
    gates_per_step = 4 if lstm else 3
    rows = gates_per_step * n_h
    inputs = session["data"]["inputs"]
    hs = [list(w.get("h0", [0.0] * n_h))]
    cs = [list(w.get("c0", [0.0] * n_h))]
    xa, ha, gs, ys = [], [], [], []
    for x in inputs:
        h = hs[-1]
        a = [p + q for p, q in zip(matvec(wih, x), bih)]
        b = [p + q for p, q in zip(matvec(whh, h), bhh)]
        if lstm:
            i = [sigmoid(a[j] + b[j]) for j in range(n_h)]
            f = [sigmoid(a[n_h + j] + b[n_h + j]) for j in range(n_h)]
            g = [math.tanh(a[2 * n_h + j] + b[2 * n_h + j]) for j in range(n_h)]
            o = [sigmoid(a[3 * n_h + j] + b[3 * n_h + j]) for j in range(n_h)]
            c = [f[j] * cs[-1][j] + i[j] * g[j] for j in range(n_h)]
            cs.append(c)
            hs.append([o[j] * math.tanh(c[j]) for j in range(n_h)])
            gs.append(i + f + g + o)
        else:
            r = [sigmoid(a[j] + b[j]) for j in range(n_h)]
            z = [sigmoid(a[n_h + j] + b[n_h + j]) for j in range(n_h)]
            n = [math.tanh(a[2 * n_h + j] + r[j] * b[2 * n_h + j]) for j in range(n_h)]
            hs.append([(1 - z[j]) * n[j] + z[j] * h[j] for j in range(n_h)])
            gs.append(r + z + n)
        xa.append(a)
        ha.append(b)
        ys.append([p + q for p, q in zip(matvec(why, hs[-1]), by)])
    loss, dys = loss_and_output_grads(model, ys, session["data"]["targets"])

    zeros = lambda r, c: [[0.0] * c for _ in range(r)]
    grads = {"W_ih": zeros(rows, n_in), "W_hh": zeros(rows, n_h), "b_ih": [0.0] * rows,
             "b_hh": [0.0] * rows, "Why": zeros(n_out, n_h), "by": [0.0] * n_out}
    dh_next, dc_next = [0.0] * n_h, [0.0] * n_h
    for t in reversed(range(len(inputs))):
        dy, g = dys[t], gs[t]
        for k in range(n_out):
            grads["by"][k] += dy[k]
            for j in range(n_h):
                grads["Why"][k][j] += dy[k] * hs[t + 1][j]
        dh = [sum(why[k][j] * dy[k] for k in range(n_out)) + dh_next[j] for j in range(n_h)]
        dx, dhh = [0.0] * rows, [0.0] * rows
        dh_prev, dc_prev = [0.0] * n_h, [0.0] * n_h
        for j in range(n_h):
            if lstm:
                i, f, gg, o = g[j], g[n_h + j], g[2 * n_h + j], g[3 * n_h + j]
                tc = math.tanh(cs[t + 1][j])
                dc = dh[j] * o * (1 - tc * tc) + dc_next[j]
                dx[j] = dc * gg * i * (1 - i)
                dx[n_h + j] = dc * cs[t][j] * f * (1 - f)
                dx[2 * n_h + j] = dc * i * (1 - gg * gg)
                dx[3 * n_h + j] = dh[j] * tc * o * (1 - o)
                dc_prev[j] = dc * f
                for k in range(4):
                    dhh[k * n_h + j] = dx[k * n_h + j]
            else:
                r, z, n = g[j], g[n_h + j], g[2 * n_h + j]
                dn_pre = dh[j] * (1 - z) * (1 - n * n)
                dx[j] = dn_pre * ha[t][2 * n_h + j] * r * (1 - r)
                dx[n_h + j] = dh[j] * (hs[t][j] - n) * z * (1 - z)
                dx[2 * n_h + j] = dn_pre
                dhh[j], dhh[n_h + j], dhh[2 * n_h + j] = dx[j], dx[n_h + j], dn_pre * r
                dh_prev[j] += dh[j] * z
        for row in range(rows):
            grads["b_ih"][row] += dx[row]
            grads["b_hh"][row] += dhh[row]
            for k in range(n_in):
                grads["W_ih"][row][k] += dx[row] * inputs[t][k]
            for k in range(n_h):
                grads["W_hh"][row][k] += dhh[row] * hs[t][k]
        for k in range(n_h):
            dh_prev[k] += sum(whh[row][k] * dhh[row] for row in range(rows))
        dh_next, dc_next = dh_prev, dc_prev
    names = ["i", "f", "g", "o"] if lstm else ["r", "z", "n"]
    gates = {name: [step[k * n_h:(k + 1) * n_h] for step in gs] for k, name in enumerate(names)}
    if lstm:
        gates["c"] = cs[1:]
    return loss, ys, hs[1:], grads, gates


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

    model = session["model"]
    cell = model.get("cell", "rnn")
    gated = cell != "rnn"
    keys = ["loss", "outputs", "hidden", "grads"] + (["gates"] if gated else [])
    if not isinstance(result, dict) or list(result) != keys:
        fail(f"keys {list(result) if isinstance(result, dict) else result!r}, "
             f"expected {', '.join(keys)} in that order")
    names = ["W_ih", "W_hh", "b_ih", "b_hh", "Why", "by"] if gated else ["Wxh", "Whh", "Why", "bh",
                                                                         "by"]
    if list(result["grads"]) != names:
        fail(f"grads keys {list(result['grads'])}, expected {', '.join(names)}")
    gate_names = {"rnn": [], "lstm": ["i", "f", "g", "o", "c"], "gru": ["r", "z", "n"]}[cell]
    if gated and list(result["gates"]) != gate_names:
        fail(f"gates keys {list(result['gates'])}, expected {', '.join(gate_names)}")

    i, h, o = model["input_size"], model["hidden_size"], model["output_size"]
    rows = {"rnn": 1, "lstm": 4, "gru": 3}[cell] * h
    t = len(session["data"]["inputs"])
    if not isinstance(result["loss"], (int, float)):
        fail("loss is not a number")
    expected_shapes = {"outputs": (t, o), "hidden": (t, h)}
    for key, want in expected_shapes.items():
        if shape(result[key]) != want:
            fail(f"{key} is {shape(result[key])}, expected {want}")
    if gated:
        grad_shapes = {"W_ih": (rows, i), "W_hh": (rows, h), "b_ih": (rows,), "b_hh": (rows,),
                       "Why": (o, h), "by": (o,)}
        for key in gate_names:
            if shape(result["gates"][key]) != (t, h):
                fail(f"gates.{key} is {shape(result['gates'][key])}, expected {(t, h)}")
        for key in gate_names:
            if key in "ifozr" and any(not 0 < v < 1 for row in result["gates"][key] for v in row):
                fail(f"gates.{key}: a value outside (0, 1): not a sigmoid gate")
    else:
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
        if gated:
            loss, ys, hs, g, gates = recompute_gated(session)
            for key in gate_names:
                compare(f"gates.{key}", result["gates"][key], gates[key])
        else:
            loss, ys, hs, g = recompute(session)
        compare("loss", result["loss"], loss)
        compare("outputs", result["outputs"], ys)
        compare("hidden", result["hidden"], hs)
        for key in grad_shapes:
            compare(f"grads.{key}", result["grads"][key], g[key])
    print("PASS")


if __name__ == "__main__":
    main()
