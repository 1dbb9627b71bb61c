#!/usr/bin/env python3
"""A data set's first batch, its loss and gradient, and the validation loss, computed by PyTorch
from the spec alone, against `rnnlab-cli grads` and `train --iterations 0`.

    check_dataset_pytorch.py CLI SESSION...

For every session (data.kind sequences): the spec's shuffle is written out here (Rng(seed + 1):
SplitMix64 seeding xoshiro256**, uniform = top 53 bits · 2^-53, Fisher–Yates from the top), giving
the first batch; `export --dtype f64` loads into nn.RNN/LSTM/GRU + nn.Linear; the batch runs as
one PackedSequence, L = (1/B)·Σ_b ½Σ_t ‖y_t − d_t‖² (mse; in `last` mode the last step only),
autograd gives the gradient. Loss and every gradient element must match `grads` to 1e-12; `train --iterations 0`'s
final loss (the first batch's) and validation loss likewise. Exits 77 (CTest's SKIP_RETURN_CODE)
when torch cannot be imported.
"""

import json
import os
import sys
import tempfile

from cli_checks import Rng, fail, run, read_safetensors

try:
    import torch
    from torch.nn.utils.rnn import pack_sequence
except ImportError as error:
    print(f"SKIP: PyTorch is not available to {sys.executable} ({error})")
    sys.exit(77)



def mean_loss(net, sequences, last):
    packed = pack_sequence([torch.tensor(s["inputs"], dtype=torch.float64) for s in sequences],
                           enforce_sorted=False)
    out, _ = net.rnn(packed)
    total = 0.0
    data = torch.nn.utils.rnn.unpack_sequence(out)
    for h, s in zip(data, sequences):
        y = net.fc(h[-1:] if last else h)
        d = torch.tensor(s["targets"], dtype=torch.float64)
        total = total + 0.5 * ((y - d) ** 2).sum()
    return total / len(sequences)


def check(cli, session_path, folder):
    session = json.load(open(session_path))
    data = session["data"]
    train = data["train"]
    n = len(train)
    batch_size = min(data.get("batch_size", n), n)
    order = list(range(n))
    if data.get("shuffle", False):
        rng = Rng(session["training"].get("seed", 1) + 1)
        for i in range(n - 1, 0, -1):
            j = int(rng.uniform() * (i + 1))
            order[i], order[j] = order[j], order[i]
    batch = [train[k] for k in order[:batch_size]]

    weights = os.path.join(folder, "w.safetensors")
    run(cli, "export", session_path, "--out", weights, "--dtype", "f64")
    cell = session["model"].get("cell", "rnn")
    I, H, O = (session["model"][k] for k in ("input_size", "hidden_size", "output_size"))
    net = torch.nn.Module()
    net.rnn = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[cell](I, H).double()
    net.fc = torch.nn.Linear(H, O).double()
    net.load_state_dict(read_safetensors(weights))

    last = session["model"].get("output_mode", "sequence") == "last"
    loss = mean_loss(net, batch, last)
    loss.backward()
    ours = json.loads(run(cli, "grads", session_path))
    worst = abs(ours["loss"] - loss.item())
    names = {"rnn": [("Wxh", "rnn.weight_ih_l0"), ("Whh", "rnn.weight_hh_l0"),
                     ("bh", "rnn.bias_ih_l0"), ("Why", "fc.weight"), ("by", "fc.bias")],
             "lstm": [("W_ih", "rnn.weight_ih_l0"), ("W_hh", "rnn.weight_hh_l0"),
                      ("b_ih", "rnn.bias_ih_l0"), ("b_hh", "rnn.bias_hh_l0"),
                      ("Why", "fc.weight"), ("by", "fc.bias")]}
    names["gru"] = names["lstm"]
    parameters = dict(net.named_parameters())
    for ours_name, torch_name in names[cell]:
        expected = parameters[torch_name].grad
        got = torch.tensor(ours["grads"][ours_name], dtype=torch.float64).reshape(expected.shape)
        worst = max(worst, (got - expected).abs().max().item())

    line = run(cli, "train", session_path, "--iterations", "0").split()
    # "final loss X validation V"
    with torch.no_grad():
        worst = max(worst, abs(float(line[2]) - loss.item()))
        if data.get("validation"):
            validation = mean_loss(net, data["validation"], last).item()
            worst = max(worst, abs(float(line[4]) - validation))
    print(f"{os.path.basename(session_path)} ({cell}, batch {order[:batch_size]}): "
          f"largest difference {worst:.2e}")
    if not worst <= 1e-12:
        fail(f"{session_path}: differs from PyTorch by {worst:.3e}")


def main():
    cli = sys.argv[1]
    torch.set_num_threads(1)
    with tempfile.TemporaryDirectory() as folder:
        for session_path in sys.argv[2:]:
            check(cli, session_path, folder)


if __name__ == "__main__":
    main()
