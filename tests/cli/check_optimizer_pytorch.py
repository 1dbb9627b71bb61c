#!/usr/bin/env python3
"""RMSprop and learning-rate decay against PyTorch: `rnnlab-cli train` and torch.optim.RMSprop with
a learning-rate scheduler, float64, the same starting weights.

    check_optimizer_pytorch.py CLI SESSION...

For every session (one numeric sequence, mse, `sequence` output mode, rmsprop, clipping off):
`export --dtype f64` gives the starting weights, loaded into nn.RNN/LSTM/GRU + nn.Linear; each
iteration is L = ½·Σ_t ‖fc(h_t) − d_t‖², autograd, RMSprop(lr = η, alpha, eps) and one scheduler
step: StepLR(step_size = n, gamma = γ) when lr_decay_start is 0 (the spec: "with s = 0 this is
StepLR"), else LambdaLR with the spec's γ^⌊max(0, k − s) / n⌋. The rnn cell has one bias (bh =
bias_ih, bias_hh is zero and stays so: it is not trained). Every printed loss (`--print-every 1`)
and every weight after the run (`train --out`, exported) must match to 1e-12. Exits 77 (CTest's
SKIP_RETURN_CODE) when torch cannot be imported.
"""

import json
import os
import sys
import tempfile

from cli_checks import fail, run, read_safetensors

try:
    import torch
except ImportError as error:
    print(f"SKIP: PyTorch is not available to {sys.executable} ({error})")
    sys.exit(77)

TOLERANCE = 1e-12


class Net(torch.nn.Module):
    def __init__(self, cell, I, H, O):
        super().__init__()
        self.rnn = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[cell](I, H)
        self.fc = torch.nn.Linear(H, O)


def scheduler_for(optimizer, training):
    gamma = training.get("lr_decay", 1.0)
    every = int(training.get("lr_decay_every", 1000))
    start = int(training.get("lr_decay_start", 0))
    if start == 0:
        return torch.optim.lr_scheduler.StepLR(optimizer, step_size=every, gamma=gamma)
    return torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda k: gamma ** (max(0, k - start) // every))


def check(cli, session_path, folder):
    session = json.load(open(session_path))
    model, training, data = session["model"], session["training"], session["data"]
    cell = model.get("cell", "rnn")
    if training.get("optimizer") != "rmsprop" or training.get("clip_value", 5.0) != 0:
        fail(f"{session_path}: expected an rmsprop session with clip_value 0")
    iterations = int(training["iterations"])
    name = os.path.basename(session_path)

    start = os.path.join(folder, "start.safetensors")
    run(cli, "export", session_path, "--out", start, "--dtype", "f64")
    net = Net(cell, model["input_size"], model["hidden_size"], model["output_size"]).double()
    net.load_state_dict({k: v.double() for k, v in read_safetensors(start).items()})
    parameters = [p for n, p in net.named_parameters() if not (cell == "rnn" and n == "rnn.bias_hh_l0")]
    if cell == "rnn":
        net.rnn.bias_hh_l0.requires_grad_(False)
    optimizer = torch.optim.RMSprop(parameters, lr=training["learning_rate"],
                                    alpha=training.get("alpha", 0.99),
                                    eps=training.get("epsilon", 1e-8))
    scheduler = scheduler_for(optimizer, training)
    x = torch.tensor(data["inputs"], dtype=torch.float64)
    d = torch.tensor(data["targets"], dtype=torch.float64)
    losses = []
    rates = []
    for _ in range(iterations):
        optimizer.zero_grad()
        hidden, _ = net.rnn(x)
        loss = 0.5 * ((net.fc(hidden) - d) ** 2).sum()
        loss.backward()
        losses.append(loss.item())
        rates.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()

    out = os.path.join(folder, "trained.rnnlab.json")
    printed = run(cli, "train", session_path, "--print-every", "1", "--out", out)
    ours = [float(line.split()[3]) for line in printed.splitlines() if line.startswith("iteration ")]
    if len(ours) != iterations:
        fail(f"{name}: {len(ours)} iteration lines, expected {iterations}")
    loss_error = max(abs(a - b) for a, b in zip(ours, losses))
    trained = os.path.join(folder, "trained.safetensors")
    run(cli, "export", out, "--out", trained, "--dtype", "f64")
    weight_error = 0.0
    for key, value in read_safetensors(trained).items():
        theirs = dict(net.named_parameters())[key].detach()
        if value.shape != theirs.shape:
            fail(f"{name}: {key} has shape {tuple(value.shape)}, PyTorch's {tuple(theirs.shape)}")
        weight_error = max(weight_error, (value.double() - theirs).abs().max().item())
    decays = len(set(rates)) - 1
    print(f"{name} {cell}: {iterations} iterations, {decays} rate changes "
          f"({rates[0]:g} → {rates[-1]:g}); max |difference| loss {loss_error:.3g}, "
          f"weights {weight_error:.3g}")
    if decays < 2:
        fail(f"{name}: the learning rate changed {decays} times: the test would not see the decay")
    if not loss_error <= TOLERANCE:
        fail(f"{name}: the losses differ from PyTorch's by {loss_error}")
    if not weight_error <= TOLERANCE:
        fail(f"{name}: the trained weights differ from PyTorch's by {weight_error}")


def main():
    cli, sessions = sys.argv[1], sys.argv[2:]
    print(f"torch {torch.__version__}")
    with tempfile.TemporaryDirectory() as folder:
        for session in sessions:
            check(cli, session, folder)
    print("PASS")


if __name__ == "__main__":
    main()
