#!/usr/bin/env python3
"""Stacked and bidirectional networks (spec v3 §1) and text in streams (§2) against PyTorch 1.13
float64, from the spec alone.

    check_stack_pytorch.py CLI

For every cell × 1–3 layers × 1–2 directions, with weights drawn here and written into the
session under the spec's names: `grads` on one sequence (loss, outputs, the top layer's `hidden`,
every layer's states under `layers`, every gradient block) against nn.RNN/LSTM/GRU(num_layers=L,
bidirectional=…) + nn.Linear with autograd, to 1e-12; `train` (SGD, 4 iterations) against the same
updates in PyTorch. Then a data set of sequences of different lengths in `last` mode (the
reverse direction starts at each sequence's own end; y reads [h→_T ; h←_T]), a text in 3 streams
of a 2-layer LSTM (`grads` of stream 0, the loss the mean over the streams, and 6 iterations of
training with the carried states and the reset rule), and dropout against this file's own
reading of the mask rule (Rng(seed + 2), per sequence, layer k ≥ 1, step, unit). `sample` on
stacked text models against the spec's sampler run a step at a time over the PyTorch stack (every
layer's state carried from the session's h0/c0 rows, τ = 0 and τ > 0), and free running on a
numeric 3-layer stack (each prediction fed back). And for every cell, 2
bidirectional layers `export --dtype f64`, load_state_dict(strict=True) into nn.RNN/LSTM/GRU
(num_layers=2, bidirectional=True) + nn.Linear(2H, O) equal to grads, the metadata num_layers,
bidirectional and dropout, and `import` giving back the weights exactly. Exits 77 when torch
cannot be imported.
"""

import json
import math
import os
import random
import subprocess
import sys
import tempfile

from cli_checks import Rng, fail, read_safetensors, run

try:
    import torch
except ImportError as error:
    print(f"SKIP: PyTorch is not available to {sys.executable} ({error})")
    sys.exit(77)

torch.set_default_dtype(torch.float64)
TOLERANCE = 1e-12


GATES = {"rnn": 1, "lstm": 4, "gru": 3}
MODULES = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}


def names(cell, layers, directions):
    """The spec's block names in order, each with its PyTorch parameter (None: Why, by)."""
    single = layers * directions == 1
    base = [("Wxh", "weight_ih"), ("Whh", "weight_hh"), ("bh", "bias_ih")] if cell == "rnn" else \
        [("W_ih", "weight_ih"), ("W_hh", "weight_hh"), ("b_ih", "bias_ih"), ("b_hh", "bias_hh")]
    out = []
    for k in range(layers):
        for d in range(directions):
            for ours, theirs in base:
                suffix = "" if single else f"_l{k}" + ("_reverse" if d else "")
                out.append((ours + suffix, f"{theirs}_l{k}" + ("_reverse" if d else "")))
    if single and cell == "rnn":  # version 2's order: Wxh, Whh, Why, bh, by
        return [out[0], out[1], ("Why", None), out[2], ("by", None)]
    return out + [("Why", None), ("by", None)]


class Net(torch.nn.Module):
    def __init__(self, cell, I, H, O, layers, directions, rng):
        super().__init__()
        self.cell = cell
        self.rnn = MODULES[cell](I, H, num_layers=layers, bidirectional=directions == 2)
        self.fc = torch.nn.Linear(directions * H, O)
        with torch.no_grad():
            for p in self.parameters():
                p.copy_(torch.tensor([[rng.uniform() - 0.5 for _ in range(p.shape[-1])]
                                      for _ in range(p.numel() // p.shape[-1])]).reshape(p.shape))
            if cell == "rnn":  # our rnn has one bias: PyTorch's bias_hh stays zero
                for name, p in self.rnn.named_parameters():
                    if name.startswith("bias_hh"):
                        p.zero_()

    def weights(self, layers, directions):
        """The session's model.weights."""
        params = dict(self.rnn.named_parameters())
        out = {}
        for ours, theirs in names(self.cell, layers, directions):
            tensor = self.fc.weight if ours == "Why" else self.fc.bias if ours == "by" else params[theirs]
            out[ours] = tensor.detach().tolist()
        return out

    def grads(self, layers, directions):
        params = dict(self.rnn.named_parameters())
        out = {}
        for ours, theirs in names(self.cell, layers, directions):
            tensor = self.fc.weight if ours == "Why" else self.fc.bias if ours == "by" else params[theirs]
            out[ours] = tensor.grad.detach().clone()
        return out


def close(what, ours, theirs):
    ours = torch.tensor(ours, dtype=torch.float64).reshape(theirs.shape)
    worst = (ours - theirs).abs().max().item() if theirs.numel() else 0.0
    scale = max(1.0, theirs.abs().max().item() if theirs.numel() else 0.0)
    if not worst <= TOLERANCE * scale:
        fail(f"{what}: differs from PyTorch by {worst:.3g}")
    return worst


def layer_outputs(net, x, layers, directions, H):
    """Each layer's output (T×D·H), from one-layer copies of the stack's cells."""
    outs = []
    params = dict(net.rnn.named_parameters())
    h = x
    for k in range(layers):
        one = MODULES[net.cell](h.shape[-1], H, bidirectional=directions == 2)
        with torch.no_grad():
            for name, p in one.named_parameters():
                p.copy_(params[name.replace("_l0", f"_l{k}")])
        h, _ = one(h)
        outs.append(h.squeeze(1).detach())
    return outs


def session_of(cell, I, H, O, layers, directions, weights, data, training, mode="sequence",
               loss="mse", dropout=0.0):
    model = {"input_size": I, "hidden_size": H, "output_size": O, "cell": cell,
             "layers": layers, "bidirectional": directions == 2, "output_mode": mode, "loss": loss}
    if dropout:
        model["dropout"] = dropout
    if weights is not None:
        model["weights"] = weights
    return {"format": "rnnlab-session", "version": 3, "model": model, "training": training,
            "data": data}


def write(folder, name, session):
    path = os.path.join(folder, name)
    with open(path, "w") as f:
        json.dump(session, f)
    return path


def train_losses(cli, path, iterations):
    lines = run(cli, "train", path, "--iterations", str(iterations), "--print-every", "1")
    return [float(line.split()[3]) for line in lines.splitlines() if line.startswith("iteration")]


SGD = {"optimizer": "sgd", "learning_rate": 0.05, "clip_value": 0, "clip_norm": 0, "seed": 3,
       "iterations": 4}


def check_one_sequence(cli, folder, cell, layers, directions):
    I, H, O, T = 3, 4, 2, 6
    rng = Rng(100 + 10 * layers + directions)
    net = Net(cell, I, H, O, layers, directions, rng)
    x = torch.tensor([[rng.uniform() * 2 - 1 for _ in range(I)] for _ in range(T)])
    d = torch.tensor([[rng.uniform() for _ in range(O)] for _ in range(T)])
    data = {"inputs": x.tolist(), "targets": d.tolist()}
    path = write(folder, f"{cell}{layers}{directions}.rnnlab.json",
                 session_of(cell, I, H, O, layers, directions, net.weights(layers, directions),
                            data, SGD))
    got = json.loads(run(cli, "grads", path))
    out, _ = net.rnn(x.unsqueeze(1))
    y = net.fc(out.squeeze(1))
    loss = 0.5 * ((y - d) ** 2).sum()
    loss.backward()
    what = f"{cell} layers={layers} D={directions}"
    close(f"{what} loss", got["loss"], loss.detach())
    close(f"{what} outputs", got["outputs"], y.detach())
    close(f"{what} hidden", got["hidden"], out.squeeze(1).detach())
    for name, grad in net.grads(layers, directions).items():
        close(f"{what} grads.{name}", got["grads"][name], grad)
    if layers * directions > 1:
        for k, per_layer in enumerate(layer_outputs(net, x.unsqueeze(1), layers, directions, H)):
            for dd in range(directions):
                key = f"l{k}" + ("_reverse" if dd else "")
                close(f"{what} layers.{key}.hidden", got["layers"][key]["hidden"],
                      per_layer[:, dd * H:(dd + 1) * H])
    # Training: four SGD updates.
    losses = train_losses(cli, path, 4)
    optimizer = torch.optim.SGD(net.parameters(), lr=0.05)
    for k in range(4):
        optimizer.zero_grad()
        out, _ = net.rnn(x.unsqueeze(1))
        loss = 0.5 * ((net.fc(out.squeeze(1)) - d) ** 2).sum()
        close(f"{what} training loss {k}", losses[k], loss.detach())
        loss.backward()
        if cell == "rnn":  # our rnn has no bias_hh to train
            for name, p in net.rnn.named_parameters():
                if name.startswith("bias_hh"):
                    p.grad.zero_()
        optimizer.step()


def check_data_set(cli, folder, cell):
    """Sequences of different lengths in `last` mode, bidirectional, 2 layers."""
    I, H, O, layers, directions = 2, 3, 2, 2, 2
    rng = Rng(7)
    net = Net(cell, I, H, O, layers, directions, rng)
    lengths = [4, 7, 2, 7, 5]
    train = []
    for T in lengths:
        train.append({"inputs": [[rng.uniform() for _ in range(I)] for _ in range(T)],
                      "targets": [[rng.uniform() for _ in range(O)]]})
    data = {"kind": "sequences", "train": train, "batch_size": len(train), "shuffle": False}
    path = write(folder, f"set-{cell}.rnnlab.json",
                 session_of(cell, I, H, O, layers, directions, net.weights(layers, directions),
                            data, SGD, mode="last"))
    got = json.loads(run(cli, "grads", path))
    total = 0.0
    for s in train:
        x = torch.tensor(s["inputs"]).unsqueeze(1)
        out, _ = net.rnn(x)
        y = net.fc(out[-1, 0])  # PyTorch's output[-1]: h← has read x_T alone
        total = total + 0.5 * ((y - torch.tensor(s["targets"][0])) ** 2).sum()
    loss = total / len(train)
    loss.backward()
    close(f"data set {cell} loss", got["loss"], loss.detach())
    for name, grad in net.grads(layers, directions).items():
        close(f"data set {cell} grads.{name}", got["grads"][name], grad)


def text_session(cell, H, layers, weights, text, streams, L, dropout=0.0, iterations=6):
    data = {"kind": "text", "text": text, "sequence_length": L, "batch_size": streams}
    training = dict(SGD, iterations=iterations)
    return session_of(cell, len(sorted(set(text))), H, len(sorted(set(text))), layers, 1, weights,
                      data, training, loss="cross_entropy", dropout=dropout)


def check_text_streams(cli, folder):
    cell, H, layers, B, L = "lstm", 5, 2, 3, 4
    text = "the cat sat on the mat and the dog sat on the log."
    vocab = sorted(set(text))
    V = len(vocab)
    index = [vocab.index(c) for c in text]
    rng = Rng(11)
    net = Net(cell, V, H, V, layers, 1, rng)
    path = write(folder, "text.rnnlab.json",
                 text_session(cell, H, layers, net.weights(layers, 1), text, B, L))
    M = (len(index) - 1) // B

    def chunk_loss(p, state):
        xs = torch.zeros(L, B, V)
        targets = torch.zeros(L, B, dtype=torch.long)
        for b in range(B):
            for t in range(L):
                xs[t, b, index[b * M + p + t]] = 1.0
                targets[t, b] = index[b * M + p + t + 1]
        out, final = net.rnn(xs, state)
        y = net.fc(out)
        loss = torch.nn.functional.cross_entropy(y.reshape(L * B, V), targets.reshape(L * B),
                                                 reduction="sum") / B
        return loss, y, out, final

    got = json.loads(run(cli, "grads", path))
    loss, y, out, _ = chunk_loss(0, None)
    loss.backward()
    close("text streams loss", got["loss"], loss.detach())
    close("text streams outputs (stream 0)", got["outputs"], y[:, 0].detach())
    close("text streams hidden (stream 0)", got["hidden"], out[:, 0].detach())
    for name, grad in net.grads(layers, 1).items():
        close(f"text streams grads.{name}", got["grads"][name], grad)
    # Training: the shared position, the reset rule (p + L ≥ M) and the carried states.
    iterations = 8
    losses = train_losses(cli, path, iterations)
    optimizer = torch.optim.SGD(net.parameters(), lr=0.05)
    p, state = 0, None
    for k in range(iterations):
        if k == 0 or p + L >= M:
            p, state = 0, None
        optimizer.zero_grad()
        loss, _, _, final = chunk_loss(p, state)
        close(f"text streams training loss {k}", losses[k], loss.detach())
        loss.backward()
        optimizer.step()
        state = tuple(s.detach() for s in final)
        p += L


def check_dropout(cli, folder, cell):
    """Dropout 0.3 between 3 layers: the masks of Rng(seed + 2) as this file reads the rule."""
    I, H, O, layers, T, p = 3, 4, 2, 3, 5, 0.3
    rng = Rng(21)
    net = Net(cell, I, H, O, layers, 1, rng)
    x = torch.tensor([[rng.uniform() for _ in range(I)] for _ in range(T)])
    d = torch.tensor([[rng.uniform() for _ in range(O)] for _ in range(T)])
    path = write(folder, f"dropout-{cell}.rnnlab.json",
                 session_of(cell, I, H, O, layers, 1, net.weights(layers, 1),
                            {"inputs": x.tolist(), "targets": d.tolist()}, SGD, dropout=p))
    iterations = 3
    losses = train_losses(cli, path, iterations)
    masks = Rng(SGD["seed"] + 2)
    params = dict(net.rnn.named_parameters())
    cells = []
    for k in range(layers):
        one = MODULES[cell](I if k == 0 else H, H)
        with torch.no_grad():
            for name, q in one.named_parameters():
                q.copy_(params[name.replace("_l0", f"_l{k}")])
        cells.append(one)
    modules = torch.nn.ModuleList(cells + [net.fc])
    optimizer = torch.optim.SGD(modules.parameters(), lr=0.05)
    for it in range(iterations):
        drawn = [[[1.0 / (1 - p) if masks.uniform() >= p else 0.0 for _ in range(H)]
                  for _ in range(T)] for _ in range(1, layers)]
        optimizer.zero_grad()
        h = x.unsqueeze(1)
        for k in range(layers):
            if k > 0:
                h = h * torch.tensor(drawn[k - 1]).unsqueeze(1)
            h, _ = cells[k](h)
        loss = 0.5 * ((net.fc(h.squeeze(1)) - d) ** 2).sum()
        close(f"dropout {cell} training loss {it}", losses[it], loss.detach())
        loss.backward()
        if cell == "rnn":
            for c in cells:
                c.bias_hh_l0.grad.zero_()
        optimizer.step()


def pick(y, tau, u):
    """The spec's pick: argmax (lowest index on ties) at τ = 0, else the smallest k with
    u < p_1 + … + p_k under softmax(y/τ), or the last k with p_k > 0 if rounding leaves none."""
    if tau == 0:
        return max(range(len(y)), key=lambda k: (y[k], -k))
    m = max(y)
    total = sum(math.exp((v - m) / tau) for v in y)
    cumulative, last = 0.0, 0
    for k, v in enumerate(y):
        p = math.exp((v - m) / tau) / total
        if p > 0:
            last = k
        cumulative += p
        if u < cumulative:
            return k
    return last


def spec_sample(net, V, state, prime, length, tau, seed):
    """The spec's sampler on the PyTorch stack, a step at a time with every layer's state."""
    rng = Rng(seed)

    def step(index, state):
        x = torch.zeros(1, 1, V)
        x[0, 0, index] = 1.0
        out, state = net.rnn(x, state)
        return net.fc(out[0, 0]).tolist(), state

    y = None
    for index in prime:
        y, state = step(index, state)
    picked = []
    for n in range(length):
        u = 0.0 if tau == 0 else rng.uniform()
        picked.append(pick(y, tau, u))
        if n + 1 < length:
            y, state = step(picked[-1], state)
    return picked


def check_sampling(cli, folder):
    """`sample` on stacked text models (every layer steps and carries its state from the
    session's h0/c0 rows) against the spec's sampler over nn.RNN/LSTM/GRU(num_layers=L)."""
    text = "a stack of cells samples one character at a time, each layer reading the one below."
    vocab = sorted(set(text))
    V, H = len(vocab), 6
    with torch.no_grad():
        for cell, layers in (("lstm", 2), ("lstm", 3), ("gru", 2), ("rnn", 3)):
            rng = Rng(300 + layers)
            net = Net(cell, V, H, V, layers, 1, rng)
            for p in net.parameters():
                p.mul_(4.0)  # sharper distributions: greedy and sampled runs differ
            weights = net.weights(layers, 1)
            h0 = torch.tensor([[rng.uniform() - 0.5 for _ in range(H)] for _ in range(layers)])
            weights["h0"] = h0.tolist()
            state = h0.unsqueeze(1)
            if cell == "lstm":
                c0 = torch.tensor([[rng.uniform() - 0.5 for _ in range(H)] for _ in range(layers)])
                weights["c0"] = c0.tolist()
                state = (state, c0.unsqueeze(1))
            path = write(folder, f"sample-{cell}{layers}.rnnlab.json",
                         text_session(cell, H, layers, weights, text, 1, 8))
            prime = "a stack"
            for tau, seed in ((0, 1), (1, 5), (0.7, 9), (2.5, 4)):
                args = ["sample", path, "--prime", prime, "--length", "60", "--seed", str(seed),
                        "--temperature", str(tau)]
                got = run(cli, *args)
                want = spec_sample(net, V, state, [vocab.index(c) for c in prime], 60, tau, seed)
                want = prime + "".join(vocab[k] for k in want) + "\n"
                if got != want:
                    fail(f"sample {cell} layers={layers} τ={tau} seed={seed}: printed {got!r}, "
                         f"the spec's sampler on PyTorch gives {want!r}")


def check_free_run(cli, folder, cell):
    """`sample` on a numeric 3-layer stack (O = I): the inputs from h0/c0's rows, then each
    prediction fed back, against the PyTorch stack run a step at a time."""
    I, H, layers, N = 2, 4, 3, 12
    rng = Rng(700)
    net = Net(cell, I, H, I, layers, 1, rng)
    x = torch.tensor([[rng.uniform() * 2 - 1 for _ in range(I)] for _ in range(5)])
    weights = net.weights(layers, 1)
    h0 = torch.tensor([[rng.uniform() - 0.5 for _ in range(H)] for _ in range(layers)])
    weights["h0"] = h0.tolist()
    state = h0.unsqueeze(1)
    if cell == "lstm":
        c0 = torch.tensor([[rng.uniform() - 0.5 for _ in range(H)] for _ in range(layers)])
        weights["c0"] = c0.tolist()
        state = (state, c0.unsqueeze(1))
    path = write(folder, f"free-{cell}.rnnlab.json",
                 session_of(cell, I, H, I, layers, 1, weights,
                            {"inputs": x.tolist(), "targets": x.tolist()}, SGD))
    got = [[float(v) for v in line.split()] for line in
           run(cli, "sample", path, "--length", str(N)).splitlines()]
    with torch.no_grad():
        out, state = net.rnn(x.unsqueeze(1), state)
        y = net.fc(out[-1, 0])
        want = []
        for n in range(N):
            want.append(y)
            out, state = net.rnn(y.reshape(1, 1, I), state)
            y = net.fc(out[0, 0])
    close(f"free run {cell} 3 layers", got, torch.stack(want))


def safetensors_metadata(path):
    raw = open(path, "rb").read()
    length = int.from_bytes(raw[:8], "little")
    return json.loads(raw[8:8 + length]).get("__metadata__", {})


def check_round_trip(cli, folder, cell):
    """`export --dtype f64` of 2 bidirectional layers (dropout 0.25) loads strictly into
    rnn = nn.RNN/LSTM/GRU(I, H, num_layers=2, bidirectional=True) and fc = nn.Linear(2H, O), whose
    outputs equal grads's; `import` of the file gives back exactly the session's weights."""
    I, H, O, layers, directions, T = 3, 4, 2, 2, 2, 7
    rng = Rng(500)
    source = Net(cell, I, H, O, layers, directions, rng)
    x = torch.tensor([[rng.uniform() * 2 - 1 for _ in range(I)] for _ in range(T)])
    d = torch.tensor([[rng.uniform() for _ in range(O)] for _ in range(T)])
    weights = source.weights(layers, directions)
    path = write(folder, f"roundtrip-{cell}.rnnlab.json",
                 session_of(cell, I, H, O, layers, directions, weights,
                            {"inputs": x.tolist(), "targets": d.tolist()}, SGD, dropout=0.25))
    exported = os.path.join(folder, f"roundtrip-{cell}.safetensors")
    run(cli, "export", path, "--dtype", "f64", "--out", exported)
    what = f"round trip {cell}"
    metadata = safetensors_metadata(exported)
    for key, want in (("num_layers", "2"), ("bidirectional", "true"), ("dropout", "0.25")):
        if metadata.get(key) != want:
            fail(f"{what}: __metadata__.{key} is {metadata.get(key)!r}, expected {want!r}")

    class Loaded(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.rnn = MODULES[cell](I, H, num_layers=layers, bidirectional=True)
            self.fc = torch.nn.Linear(directions * H, O)

    net = Loaded()
    net.load_state_dict(read_safetensors(exported), strict=True)
    got = json.loads(run(cli, "grads", path))
    with torch.no_grad():
        out, _ = net.rnn(x.unsqueeze(1))
        close(f"{what} outputs", got["outputs"], net.fc(out.squeeze(1)))
        close(f"{what} hidden", got["hidden"], out.squeeze(1))
    back = os.path.join(folder, f"roundtrip-{cell}-back.rnnlab.json")
    run(cli, "import", exported, "--session", path, "--out", back)
    imported = json.load(open(back))["model"]
    if imported.get("weights") != weights:
        fail(f"{what}: import did not give back the session's weights exactly")
    for key in ("layers", "bidirectional", "dropout"):
        if imported.get(key) != json.load(open(path))["model"][key]:
            fail(f"{what}: import changed model.{key}")


def main():
    if len(sys.argv) != 2:
        fail("usage: check_stack_pytorch.py CLI")
    cli = sys.argv[1]
    with tempfile.TemporaryDirectory() as folder:
        for cell in ("rnn", "lstm", "gru"):
            for layers in (1, 2, 3):
                for directions in (1, 2):
                    check_one_sequence(cli, folder, cell, layers, directions)
            check_data_set(cli, folder, cell)
            check_dropout(cli, folder, cell)
        check_text_streams(cli, folder)
        check_sampling(cli, folder)
        for cell in ("rnn", "lstm", "gru"):
            check_free_run(cli, folder, cell)
            check_round_trip(cli, folder, cell)
    print("stacked, bidirectional, streams, dropout, sampling and export/import agree with PyTorch "
          "float64 to 1e-12")


if __name__ == "__main__":
    main()
