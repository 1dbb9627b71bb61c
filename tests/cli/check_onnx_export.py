#!/usr/bin/env python3
"""Checks `rnnlab-cli export --format onnx` against ONNX's checker and against `rnnlab-cli grads`.

    check_onnx_export.py CLI SESSION...

For every session and for f64 and f32: export the model, validate it with onnx.checker (with
shape inference), then run the graph with the small evaluator below, which implements the
operators it uses (RNN, LSTM, GRU, Squeeze, MatMul, Add) in numpy from the ONNX operator spec,
reading the weights from the file's initializers with onnx.numpy_helper. The outputs y and hidden
must equal grads's "outputs" and "hidden" to 1e-12 (f64) and 1e-5 (f32). Feeding a zero initial_h
instead of the default must give different outputs when the session's h0 is not zero, so the
default really comes from the file. Stacks (spec v3 §1): for every cell, 2 and 3 layers in one and
two directions with weights, h0 and c0 drawn here, one operator per layer (direction
"bidirectional" where D = 2) whose Y is joined by Transpose and Reshape for the next; y, hidden
and every layer's final states against grads (outputs, hidden, layers) to 1e-12 (f64), and the
metadata num_layers and bidirectional. Exits 77 (CTest's SKIP_RETURN_CODE), saying so, when the
onnx module cannot be imported.
"""

import json
import os
import sys
import tempfile

from cli_checks import fail, run

try:
    import numpy as np
    import onnx
    from onnx import numpy_helper
except ImportError as error:
    print(f"SKIP: the onnx module is not available to {sys.executable} ({error}); "
          "install python3-onnx to run this test")
    sys.exit(77)


# --- the operators, as the ONNX operator documentation (opset 14) defines them ------------------

def sigmoid(v):
    return 1.0 / (1.0 + np.exp(-v))


def attributes(node, allowed):
    values = {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}
    unknown = set(values) - set(allowed)
    if unknown:
        fail(f"{node.op_type}: the evaluator does not implement the attributes {sorted(unknown)}")
    return values


def recurrent(node, inputs):
    """RNN, LSTM and GRU, default activations, layout 0, no peepholes; direction forward, reverse
    or bidirectional (index 0 of W, R, B, the initial states and Y's axis 1 forward, 1 reverse;
    the reverse direction reads X from its last step and writes Y at each step's own position)."""
    cell = node.op_type
    attrs = attributes(node, {"hidden_size", "linear_before_reset", "direction"})
    direction = attrs.get("direction", b"forward")
    direction = direction.decode() if isinstance(direction, bytes) else direction
    if direction not in ("forward", "reverse", "bidirectional"):
        fail(f"{cell}: direction {direction!r}")
    H = attrs["hidden_size"]
    names = list(node.input) + [""] * (8 - len(node.input))
    X, W, R = (inputs[n] for n in names[:3])
    D = 2 if direction == "bidirectional" else 1
    if W.shape[0] != D or R.shape[0] != D:
        fail(f"{cell}: direction {direction} with W {W.shape} and R {R.shape}")
    B = inputs[names[3]] if names[3] else np.zeros((D, 2 * W.shape[1]), X.dtype)
    if names[4]:
        fail(f"{cell}: sequence_lens is not expected")
    T, batch, _ = X.shape
    H0 = inputs[names[5]] if names[5] else np.zeros((D, batch, H), X.dtype)
    C0 = inputs[names[6]] if cell == "LSTM" and names[6] else np.zeros((D, batch, H), X.dtype)
    if cell == "LSTM" and len(node.input) > 7 and node.input[7]:
        fail("LSTM: peepholes are not expected")
    Y = np.zeros((T, D, batch, H), X.dtype)
    finals_h, finals_c = [], []
    for d in range(D):
        reverse = direction == "reverse" or d == 1
        Ht, Ct = H0[d], C0[d]
        Wd, Rd = W[d], R[d]
        Wb, Rb = B[d][:Wd.shape[0]], B[d][Wd.shape[0]:]
        block = lambda m, k: m[k * H:(k + 1) * H]  # noqa: E731
        for t in (reversed(range(T)) if reverse else range(T)):
            Xt = X[t]
            if cell == "RNN":
                Ht = np.tanh(Xt @ Wd.T + Ht @ Rd.T + Wb + Rb)
            elif cell == "LSTM":  # gate blocks i, o, f, c
                gate = lambda k: Xt @ block(Wd, k).T + Ht @ block(Rd, k).T + block(Wb, k) + block(Rb, k)  # noqa: E731
                i, o, f, c = sigmoid(gate(0)), sigmoid(gate(1)), sigmoid(gate(2)), np.tanh(gate(3))
                Ct = f * Ct + i * c
                Ht = o * np.tanh(Ct)
            elif cell == "GRU":  # gate blocks z, r, h
                z = sigmoid(Xt @ block(Wd, 0).T + Ht @ block(Rd, 0).T + block(Wb, 0) + block(Rb, 0))
                r = sigmoid(Xt @ block(Wd, 1).T + Ht @ block(Rd, 1).T + block(Wb, 1) + block(Rb, 1))
                if attrs.get("linear_before_reset", 0):
                    h = np.tanh(Xt @ block(Wd, 2).T + r * (Ht @ block(Rd, 2).T + block(Rb, 2)) + block(Wb, 2))
                else:
                    h = np.tanh(Xt @ block(Wd, 2).T + (r * Ht) @ block(Rd, 2).T + block(Rb, 2) + block(Wb, 2))
                Ht = (1 - z) * h + z * Ht
            Y[t, d] = Ht
        finals_h.append(Ht)
        finals_c.append(Ct)
    outputs = [Y, np.stack(finals_h)] + ([np.stack(finals_c)] if cell == "LSTM" else [])
    return outputs[:len(node.output)]


def evaluate(model, feeds):
    values = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
    values.update(feeds)
    for node in model.graph.node:
        args = [values[name] if name else None for name in node.input]
        if node.op_type in ("RNN", "LSTM", "GRU"):
            results = recurrent(node, values)
        elif node.op_type == "Squeeze":
            attributes(node, set())
            results = [np.squeeze(args[0], axis=tuple(int(a) for a in args[1]))]
        elif node.op_type == "MatMul":
            attributes(node, set())
            results = [np.matmul(args[0], args[1])]
        elif node.op_type == "Add":
            attributes(node, set())
            results = [args[0] + args[1]]
        elif node.op_type == "Transpose":
            results = [np.transpose(args[0], attributes(node, {"perm"})["perm"])]
        elif node.op_type == "Reshape":  # a 0 copies the input's dimension (allowzero = 0)
            attributes(node, set())
            shape = [args[0].shape[i] if v == 0 else int(v) for i, v in enumerate(args[1])]
            results = [np.reshape(args[0], shape)]
        else:
            fail(f"the graph uses {node.op_type}, which the evaluator does not implement")
        for name, value in zip(node.output, results):
            values[name] = value
    return {output.name: values[output.name] for output in model.graph.output}


# --- the check ----------------------------------------------------------------------------------

def session_inputs(session, metadata):
    """The inputs grads uses: data.inputs, or the first chunk of a text session as one-hot rows."""
    data = session["data"]
    if data.get("kind", "sequence") != "text":
        return np.array(data["inputs"], dtype=np.float64)
    vocabulary = metadata.get("vocabulary")
    if vocabulary is None:
        fail("a text session's export has no vocabulary metadata")
    expected = sorted(set(data["text"] + data.get("validation_text", "")))
    if list(vocabulary) != expected:
        fail(f"vocabulary metadata {vocabulary!r}, expected {''.join(expected)!r}")
    length = data.get("sequence_length", 25)
    rows = np.zeros((length, len(vocabulary)))
    for t, character in enumerate(data["text"][:length]):
        rows[t, vocabulary.index(character)] = 1.0
    return rows


def check(cli, session_path, folder):
    session = json.load(open(session_path, encoding="utf-8"))
    name = os.path.basename(session_path)
    expected = json.loads(run(cli, "grads", session_path))
    for dtype, tolerance in (("f64", 1e-12), ("f32", 1e-5)):
        path = os.path.join(folder, f"model_{dtype}.onnx")
        run(cli, "export", session_path, "--format", "onnx", "--dtype", dtype, "--out", path)
        model = onnx.load(path)
        onnx.checker.check_model(model, full_check=True)
        metadata = {p.key: p.value for p in model.metadata_props}
        cell = session["model"].get("cell", "rnn")
        if metadata.get("cell") != cell:
            fail(f"{name}: metadata cell {metadata.get('cell')!r}, the session's is {cell}")
        operators = [node.op_type for node in model.graph.node]
        operator = {"rnn": "RNN", "lstm": "LSTM", "gru": "GRU"}[cell]
        layers = session["model"].get("layers", 1)
        bidirectional = session["model"].get("bidirectional", False)
        stacked = layers * (2 if bidirectional else 1) > 1
        if operators[0] != operator or operators[-2:] != ["MatMul", "Add"] or \
                operators.count(operator) != layers:
            fail(f"{name}: operators {operators}")
        if stacked:
            check_stack_metadata(name, metadata, layers, bidirectional)
        inputs = session_inputs(session, metadata)
        element = np.float64 if dtype == "f64" else np.float32
        x = inputs[:, None, :].astype(element)
        got = evaluate(model, {"x": x})
        for key, output in (("outputs", "y"), ("hidden", "hidden")):
            want = np.array(expected[key])
            value = got[output][:, 0, :].astype(np.float64)
            if value.shape != want.shape:
                fail(f"{name} {dtype}: {output} shape {value.shape}, grads's {key} has {want.shape}")
            error = np.abs(value - want).max()
            print(f"{name} {cell} {dtype}: {output} vs grads {key}: max |difference| {error:.3g}")
            if not error <= tolerance:
                fail(f"{name} {dtype}: {output} differs from grads's {key} by {error} "
                     f"(tolerance {tolerance})")
        if dtype == "f64" and cell != "rnn" and not stacked:
            check_order_matters(model, x, got, name)
        if stacked:
            check_final_states(name, dtype, tolerance, got, expected, layers, bidirectional)
            if dtype == "f64" and bidirectional:
                check_directions_matter(model, x, got, name)
        # The initial states are inputs whose defaults are the session's: overriding them matters.
        for tensor in model.graph.initializer:
            if not tensor.name.startswith("initial_h"):
                continue
            h0 = numpy_helper.to_array(tensor)
            if np.any(h0 != 0):
                zero = evaluate(model, {"x": x, tensor.name: np.zeros_like(h0)})
                if np.abs(zero["y"] - got["y"]).max() == 0:
                    fail(f"{name}: feeding {tensor.name} = 0 did not change the outputs")


def check_stack_metadata(name, metadata, layers, bidirectional):
    for key, want in (("num_layers", str(layers)),
                      ("bidirectional", "true" if bidirectional else "false")):
        if metadata.get(key) != want:
            fail(f"{name}: metadata {key} {metadata.get(key)!r}, expected {want!r}")


def check_final_states(name, dtype, tolerance, got, expected, layers, bidirectional):
    """final_h_l{k}: each direction's last state, the forward one after x_T (grads's last row of
    layers.l{k}.hidden), the reverse one after x_1 (its first row)."""
    for k in range(layers):
        final = got[f"final_h_l{k}"].astype(np.float64)
        for d in range(2 if bidirectional else 1):
            rows = np.array(expected["layers"][f"l{k}" + ("_reverse" if d else "")]["hidden"])
            want = rows[0] if d else rows[-1]
            error = np.abs(final[d, 0] - want).max()
            if not error <= tolerance:
                fail(f"{name} {dtype}: final_h_l{k}[{d}] differs from grads's layers by {error}")


def check_directions_matter(model, x, got, name):
    """The comparison can fail: with layer 0's forward and reverse blocks swapped, y differs."""
    mutated = onnx.ModelProto()
    mutated.CopyFrom(model)
    for tensor in mutated.graph.initializer:
        if tensor.name in ("W_l0", "R_l0", "B_l0"):
            array = numpy_helper.to_array(tensor)
            tensor.CopyFrom(numpy_helper.from_array(array[::-1].copy(), tensor.name))
    difference = np.abs(evaluate(mutated, {"x": x})["y"] - got["y"]).max()
    print(f"{name}: swapping layer 0's directions changes y by {difference:.3g}")
    if not difference > 1e-6:
        fail(f"{name}: the check cannot tell the forward direction's blocks from the reverse's")


def check_order_matters(model, x, got, name):
    """The comparison above can fail: with the gate blocks in PyTorch's order instead of ONNX's,
    or a GRU without linear_before_reset, the evaluator's outputs differ."""
    mutated = onnx.ModelProto()
    mutated.CopyFrom(model)
    node = mutated.graph.node[0]
    H = next(a.i for a in node.attribute if a.name == "hidden_size")
    if node.op_type == "GRU":
        del node.attribute[:]
        node.attribute.append(onnx.helper.make_attribute("hidden_size", H))
    else:  # ONNX's i, o, f, c back to PyTorch's i, f, g, o
        for tensor in mutated.graph.initializer:
            if tensor.name in ("W", "R", "B"):
                array = numpy_helper.to_array(tensor)
                parts = np.split(array, array.shape[1] // H, axis=1)
                if tensor.name == "B":
                    parts = [parts[0], parts[2], parts[3], parts[1], parts[4], parts[6], parts[7], parts[5]]
                else:
                    parts = [parts[0], parts[2], parts[3], parts[1]]
                tensor.CopyFrom(numpy_helper.from_array(np.concatenate(parts, axis=1), tensor.name))
    difference = np.abs(evaluate(mutated, {"x": x})["y"] - got["y"]).max()
    print(f"{name}: {'no linear_before_reset' if node.op_type == 'GRU' else 'PyTorch gate order'} "
          f"changes y by {difference:.3g}")
    if not difference > 1e-6:
        fail(f"{name}: the check cannot tell a wrong {node.op_type} layout from the right one")


def stack_session(folder, cell, layers, directions):
    """A version-3 session of a stack with every block, h0 and c0 drawn here (spec v3 §1 names,
    h0 and c0 as L·D rows of H)."""
    rng = np.random.default_rng(1000 + 10 * layers + directions)
    I, H, O, T = 3, 4, 2, 6
    G = {"rnn": 1, "lstm": 4, "gru": 3}[cell]
    blocks = ["Wxh", "Whh", "bh"] if cell == "rnn" else ["W_ih", "W_hh", "b_ih", "b_hh"]
    weights = {}
    for k in range(layers):
        inputs = I if k == 0 else directions * H
        for d in range(directions):
            suffix = f"_l{k}" + ("_reverse" if d else "")
            shapes = [(G * H, inputs), (G * H, H), (G * H,), (G * H,)]
            for block, shape in zip(blocks, shapes):
                weights[block + suffix] = rng.uniform(-0.6, 0.6, shape).tolist()
    weights["Why"] = rng.uniform(-0.6, 0.6, (O, directions * H)).tolist()
    weights["by"] = rng.uniform(-0.6, 0.6, O).tolist()
    weights["h0"] = rng.uniform(-0.5, 0.5, (layers * directions, H)).tolist()
    if cell == "lstm":
        weights["c0"] = rng.uniform(-0.5, 0.5, (layers * directions, H)).tolist()
    session = {
        "format": "rnnlab-session", "version": 3,
        "model": {"input_size": I, "hidden_size": H, "output_size": O, "cell": cell,
                  "layers": layers, "bidirectional": directions == 2, "output_mode": "sequence",
                  "loss": "mse", "weights": weights},
        "training": {"optimizer": "sgd", "learning_rate": 0.1, "iterations": 1, "seed": 1},
        "data": {"inputs": rng.uniform(-1, 1, (T, I)).tolist(),
                 "targets": rng.uniform(-1, 1, (T, O)).tolist()}}
    path = os.path.join(folder, f"stack_{cell}{layers}{directions}.rnnlab.json")
    with open(path, "w") as f:
        json.dump(session, f)
    return path


def main():
    cli, sessions = sys.argv[1], sys.argv[2:]
    print(f"onnx {onnx.__version__}, numpy {np.__version__}")
    with tempfile.TemporaryDirectory() as folder:
        for session in sessions:
            check(cli, session, folder)
        for cell in ("rnn", "lstm", "gru"):
            for layers in (1, 2, 3):
                for directions in (1, 2):
                    if layers * directions > 1:
                        check(cli, stack_session(folder, cell, layers, directions), folder)
        # Without --format, a file name ending in .onnx asks for ONNX.
        path = os.path.join(folder, "by_extension.onnx")
        run(cli, "export", sessions[0], "--out", path)
        onnx.checker.check_model(onnx.load(path))
        print("export --out by_extension.onnx (no --format) wrote an ONNX model")
    print("PASS")


if __name__ == "__main__":
    main()
