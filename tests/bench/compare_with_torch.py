#!/usr/bin/env python3
"""Checks `rnnlab-cli grads SESSION` of an lstm or gru session that carries its weights against
PyTorch's nn.LSTM / nn.GRU + nn.Linear (float64) loaded with the same weights: loss, outputs,
hidden states, gates and all six gradients must agree to 1e-12 (spec v2 §1). Not run by CI
(needs python3-torch; use Debian's /usr/bin/python3).

    compare_with_torch.py CLI SESSION
"""

import json
import subprocess
import sys

import torch
from torch import nn


def main():
    cli, path = sys.argv[1], sys.argv[2]
    session = json.load(open(path))
    model = session["model"]
    w = model["weights"]
    lstm = model["cell"] == "lstm"
    n_in, n_h, n_out = model["input_size"], model["hidden_size"], model["output_size"]
    rnn = (nn.LSTM if lstm else nn.GRU)(n_in, n_h).double()
    fc = nn.Linear(n_h, n_out).double()
    t = lambda v: torch.tensor(v, dtype=torch.float64)
    with torch.no_grad():
        rnn.weight_ih_l0.copy_(t(w["W_ih"]))
        rnn.weight_hh_l0.copy_(t(w["W_hh"]))
        rnn.bias_ih_l0.copy_(t(w["b_ih"]))
        rnn.bias_hh_l0.copy_(t(w["b_hh"]))
        fc.weight.copy_(t(w["Why"]))
        fc.bias.copy_(t(w["by"]))
    x = t(session["data"]["inputs"]).unsqueeze(1)
    h0 = t(w.get("h0", [0.0] * n_h)).reshape(1, 1, n_h)
    state = (h0, t(w.get("c0", [0.0] * n_h)).reshape(1, 1, n_h)) if lstm else h0
    out, _ = rnn(x, state)
    y = fc(out).squeeze(1)
    d = t(session["data"]["targets"])
    last = model.get("output_mode", "sequence") == "last"
    yl = y[-1:] if last else y
    if model.get("loss", "mse") == "mse":
        loss = 0.5 * ((yl - d) ** 2).sum()
    else:
        loss = -(d * torch.log_softmax(yl, dim=1)).sum()
    loss.backward()

    ours = json.loads(subprocess.run([cli, "grads", path], capture_output=True, text=True,
                                     check=True).stdout)
    worst = 0.0

    def check(name, mine, theirs):
        nonlocal worst
        diff = (t(mine) - theirs.detach()).abs().max().item()
        worst = max(worst, diff)
        print(f"{name:8s} max |ours - torch| = {diff:.3g}")

    check("loss", ours["loss"], loss)
    check("outputs", ours["outputs"], y)
    check("hidden", ours["hidden"], out.squeeze(1))
    names = {"W_ih": rnn.weight_ih_l0, "W_hh": rnn.weight_hh_l0, "b_ih": rnn.bias_ih_l0,
             "b_hh": rnn.bias_hh_l0, "Why": fc.weight, "by": fc.bias}
    for key, param in names.items():
        check(key, ours["grads"][key], param.grad)
    print("PASS" if worst <= 1e-12 else "FAIL")
    sys.exit(0 if worst <= 1e-12 else 1)


if __name__ == "__main__":
    main()
