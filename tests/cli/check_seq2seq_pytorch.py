#!/usr/bin/env python3
"""Sequence to sequence with attention (spec v3 §3) against PyTorch 1.13 float64, from the spec
alone.

    check_seq2seq_pytorch.py CLI

For every cell × attention none/dot/additive × 1–2 layers × uni/bidirectional encoder (dot with a
bidirectional encoder is refused, and that refusal is checked), with weights drawn here and
written into the session under the spec's names (enc_…, dec_…, att_…, Why, by): `grads` on a
batch of pairs of unequal source and target lengths (one of them an empty target), picked after
the first shuffle with the spec's generator, against an encoder nn.RNN/LSTM/GRU(V, H,
num_layers=L, bidirectional=…), a decoder of nn.RNNCell/LSTMCell/GRUCell layers, the attention
written from the spec's equations and nn.Linear(H, V), with autograd: the batch's mean loss, every
gradient block, and the first pair's outputs, attention and decoder top states, to 1e-12. Then
`train` (SGD, a few iterations over two batches per epoch) against the same updates in PyTorch.
Exits 77 when torch cannot be imported.
"""

import json
import os
import sys
import tempfile

from cli_checks import Rng, fail, run

try:
    import torch
except ImportError as error:
    print(f"SKIP: PyTorch is not available to {sys.executable} ({error})")
    sys.exit(77)

torch.set_default_dtype(torch.float64)
TOLERANCE = 1e-12
BOS, EOS = 0, 1

ENCODERS = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}
CELLS = {"rnn": torch.nn.RNNCell, "lstm": torch.nn.LSTMCell, "gru": torch.nn.GRUCell}

PAIRS = [["abca", "cb"], ["c", ""], ["bbcab", "aacb"], ["ab", "b"]]


def cell_names(cell, prefix, layers, directions):
    """(our name, PyTorch parameter name of the stack) for every block of one network."""
    base = [("Wxh", "weight_ih"), ("Whh", "weight_hh"), ("bh", "bias_ih")] if cell == "rnn" else \
        [("W_ih", "weight_ih"), ("W_hh", "weight_hh"), ("b_ih", "bias_ih"), ("b_hh", "bias_hh")]
    out = []
    for k in range(layers):
        for d in range(directions):
            suffix = f"_l{k}" + ("_reverse" if d else "")
            for ours, theirs in base:
                out.append((prefix + ours + suffix, theirs + suffix))
    return out


def fill(tensor, rng):
    with torch.no_grad():
        values = [rng.uniform() - 0.5 for _ in range(tensor.numel())]
        tensor.copy_(torch.tensor(values).reshape(tensor.shape))


class Seq2Seq(torch.nn.Module):
    def __init__(self, cell, V, H, layers, directions, attention, A, rng):
        super().__init__()
        self.cell, self.H, self.L, self.D, self.attention = cell, H, layers, directions, attention
        self.encoder = ENCODERS[cell](V, H, num_layers=layers, bidirectional=directions == 2)
        self.decoder = torch.nn.ModuleList(
            [CELLS[cell](directions * H + V if k == 0 else H, H) for k in range(layers)])
        if attention == "additive":
            self.W_q = torch.nn.Linear(H, A, bias=False)
            self.W_k = torch.nn.Linear(directions * H, A, bias=False)
            self.w_v = torch.nn.Linear(A, 1, bias=False)
        self.fc = torch.nn.Linear(H, V)
        for p in self.parameters():
            fill(p, rng)
        with torch.no_grad():  # our rnn has one bias: PyTorch's bias_hh stays zero
            if cell == "rnn":
                for name, p in self.named_parameters():
                    if "bias_hh" in name:
                        p.zero_()

    def blocks(self):
        """Our block names in the spec's order, each with its tensor."""
        out = []
        enc = dict(self.encoder.named_parameters())
        for ours, theirs in cell_names(self.cell, "enc_", self.L, self.D):
            out.append((ours, enc[theirs]))
        for k in range(self.L):
            dec = dict(self.decoder[k].named_parameters())
            for ours, theirs in cell_names(self.cell, "dec_", 1, 1):
                out.append((ours.replace("_l0", f"_l{k}"), dec[theirs.replace("_l0", "")]))
        if self.attention == "additive":
            out += [("att_W_q", self.W_q.weight), ("att_W_k", self.W_k.weight),
                    ("att_w_v", self.w_v.weight)]
        return out + [("Why", self.fc.weight), ("by", self.fc.bias)]

    def pair(self, source, target, V):
        """Loss, logits (T'×V), attention (T'×S) and decoder top states (T'×H) of one pair."""
        H, L, D = self.H, self.L, self.D
        x = torch.nn.functional.one_hot(torch.tensor(source), V).double().unsqueeze(1)
        e, final = self.encoder(x)
        e = e.squeeze(1)  # S×D·H
        h_n = final[0] if self.cell == "lstm" else final
        states = []
        for k in range(L):
            h = h_n[k * D]  # 1×H
            states.append((h, final[1][k * D]) if self.cell == "lstm" else h)
        inputs = [BOS] + target
        wanted = target + [EOS]
        loss, logits, weights, tops = 0.0, [], [], []
        for t in range(len(wanted)):
            q = (states[-1][0] if self.cell == "lstm" else states[-1]).squeeze(0)
            if self.attention == "none":
                context = torch.cat([e[-1, :H], e[0, H:]]) if D == 2 else e[-1]
            else:
                if self.attention == "dot":
                    scores = e @ q
                else:
                    scores = self.w_v(torch.tanh(self.W_q(q).unsqueeze(0) + self.W_k(e))).squeeze(1)
                alpha = torch.softmax(scores, 0)
                weights.append(alpha)
                context = alpha @ e
            z = torch.cat([context, torch.nn.functional.one_hot(torch.tensor(inputs[t]), V).double()])
            layer_input = z.unsqueeze(0)
            for k in range(L):
                states[k] = self.decoder[k](layer_input, states[k])
                layer_input = states[k][0] if self.cell == "lstm" else states[k]
            y = self.fc(layer_input).squeeze(0)
            logits.append(y)
            tops.append(layer_input.squeeze(0))
            loss = loss - torch.log_softmax(y, 0)[wanted[t]]
        attention = torch.stack(weights) if weights else torch.zeros(0, 0)
        return loss, torch.stack(logits), attention, torch.stack(tops)


def close(what, ours, theirs):
    ours = torch.tensor(ours, dtype=torch.float64)
    if ours.numel() != theirs.numel():
        fail(f"{what}: {ours.numel()} numbers, PyTorch has {theirs.numel()}")
    ours = ours.reshape(theirs.shape)
    worst = (ours - theirs).abs().max().item() if theirs.numel() else 0.0
    scale = max(1.0, theirs.abs().max().item() if theirs.numel() else 0.0)
    if not worst <= TOLERANCE * scale:
        fail(f"{what}: differs from PyTorch by {worst:.3g}")
    return worst


def first_order(n, seed):
    """The first epoch's order with shuffle on: Fisher–Yates with Rng(seed + 1)."""
    order = list(range(n))
    rng = Rng(seed + 1)
    for i in range(n - 1, 0, -1):
        j = int(rng.uniform() * (i + 1))
        order[i], order[j] = order[j], order[i]
    return order


def tokens(text, vocabulary):
    return [2 + vocabulary.index(c) for c in text]


def session_of(net, cell, H, layers, directions, attention, A, training, batch):
    model = {"cell": cell, "hidden_size": H, "layers": layers, "bidirectional": directions == 2,
             "attention": attention,
             "weights": {name: (t.detach().reshape(-1).tolist() if name.startswith(("b", "enc_b", "dec_b"))
                                else t.detach().tolist()) for name, t in net.blocks()}}
    if attention == "additive":
        model["attention_size"] = A
    return {"format": "rnnlab-session", "version": 3, "model": model, "training": training,
            "data": {"kind": "pairs", "train": PAIRS, "batch_size": batch, "shuffle": True}}


def write(folder, name, session):
    path = os.path.join(folder, name)
    with open(path, "w") as f:
        json.dump(session, f)
    return path


def check_grads(cli, folder, cell, layers, directions, attention, seed):
    H, A, batch = 3, 2, 3
    vocabulary = "abc"
    V = 2 + len(vocabulary)
    net = Seq2Seq(cell, V, H, layers, directions, attention, A, Rng(seed))
    training = {"seed": seed, "learning_rate": 0.1, "iterations": 1}
    path = write(folder, "grads.json",
                 session_of(net, cell, H, layers, directions, attention, A, training, batch))
    ours = json.loads(run(cli, "grads", path))
    order = first_order(len(PAIRS), seed)[:batch]
    total = 0.0
    first = None
    for k in order:
        source, target = PAIRS[k]
        result = net.pair(tokens(source, vocabulary), tokens(target, vocabulary), V)
        total = total + result[0]
        if first is None:
            first = result
    loss = total / batch
    loss.backward()
    what = f"{cell} L={layers} D={directions} {attention}"
    close(what + " loss", ours["loss"], loss.detach())
    close(what + " outputs", ours["outputs"], first[1].detach())
    close(what + " attention", ours["attention"], first[2].detach())
    close(what + " hidden", ours["hidden"], first[3].detach())
    names = [name for name, _ in net.blocks()]
    if list(ours["grads"]) != names:
        fail(f"{what}: grads has blocks {list(ours['grads'])}, expected {names}")
    worst = 0.0
    for name, tensor in net.blocks():
        worst = max(worst, close(f"{what} grads.{name}", ours["grads"][name], tensor.grad))
    return worst


def check_refused(cli, folder, cell):
    net = Seq2Seq(cell, 5, 3, 1, 2, "dot", 2, Rng(3))
    path = write(folder, "dot_bi.json", session_of(net, cell, 3, 1, 2, "dot", 2, {"seed": 3}, 2))
    import subprocess
    result = subprocess.run([cli, "grads", path], capture_output=True, text=True)
    if result.returncode != 2 or "use additive" not in result.stderr or result.stdout:
        fail(f"dot attention with a bidirectional encoder: expected exit 2 saying to use additive, "
             f"got {result.returncode}: {result.stderr!r}")


def check_train(cli, folder, cell, layers, directions, attention, seed):
    """`train` with SGD over batches of 3 of the 4 pairs (epochs reshuffled with Rng(seed + 1))
    against the same updates in PyTorch; then 2 + 3 iterations with a resume equal 5 at once."""
    H, A, batch, iterations, rate = 3, 2, 3, 5, 0.3
    vocabulary = "abc"
    V = 2 + len(vocabulary)
    net = Seq2Seq(cell, V, H, layers, directions, attention, A, Rng(seed))
    training = {"seed": seed, "learning_rate": rate, "iterations": iterations, "optimizer": "sgd"}
    session = session_of(net, cell, H, layers, directions, attention, A, training, batch)
    path = write(folder, "train.json", session)
    out = os.path.join(folder, "trained.json")
    run(cli, "train", path, "--out", out)
    # The epoch order: shuffled before every epoch (2 batches of 3 and 1 per epoch).
    order = list(range(len(PAIRS)))
    rng = Rng(seed + 1)
    def shuffle():
        for i in range(len(order) - 1, 0, -1):
            j = int(rng.uniform() * (i + 1))
            order[i], order[j] = order[j], order[i]
    shuffle()
    position = 0
    for _ in range(iterations):
        chosen = order[position:position + batch]
        net.zero_grad()
        loss = sum(net.pair(tokens(PAIRS[k][0], vocabulary), tokens(PAIRS[k][1], vocabulary), V)[0]
                   for k in chosen) / len(chosen)
        loss.backward()
        with torch.no_grad():
            for _, p in net.blocks():
                p -= rate * p.grad
        position += len(chosen)
        if position >= len(order):
            position = 0
            shuffle()
    trained = json.load(open(out))["model"]["weights"]
    what = f"train {cell} L={layers} D={directions} {attention}"
    for name, tensor in net.blocks():
        close(f"{what} {name}", trained[name], tensor.detach())
    # Exact resume: 2 iterations, then 3 more from the written training_state.
    session["training"]["iterations"] = 2
    first = os.path.join(folder, "first.json")
    run(cli, "train", write(folder, "part.json", session), "--out", first)
    second = os.path.join(folder, "second.json")
    run(cli, "train", first, "--iterations", "3", "--out", second)
    resumed = json.load(open(second))
    whole = json.load(open(out))
    if resumed["model"]["weights"] != whole["model"]["weights"] or \
            resumed["training_state"] != whole["training_state"]:
        fail(f"{what}: 2 + 3 resumed iterations differ from 5 at once")


def main():
    cli = sys.argv[1]
    worst = 0.0
    count = 0
    with tempfile.TemporaryDirectory() as folder:
        seed = 11
        for cell in ("rnn", "lstm", "gru"):
            check_refused(cli, folder, cell)
            for attention in ("none", "dot", "additive"):
                for layers in (1, 2):
                    for directions in (1, 2):
                        if attention == "dot" and directions == 2:
                            continue
                        seed += 1
                        worst = max(worst, check_grads(cli, folder, cell, layers, directions,
                                                       attention, seed))
                        count += 1
        for cell in ("rnn", "lstm", "gru"):
            check_train(cli, folder, cell, 2, 2, "additive", 40)
            check_train(cli, folder, cell, 1, 1, "dot", 41)
            check_train(cli, folder, cell, 2, 1, "none", 42)
    print(f"OK: grads of {count} sequence-to-sequence models agree with PyTorch "
          f"(largest difference {worst:.3g}); so do 5 SGD iterations, and 2 + 3 resumed equal 5")


if __name__ == "__main__":
    main()
