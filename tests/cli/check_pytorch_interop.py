#!/usr/bin/env python3
"""Loads `rnnlab-cli export`'s files into PyTorch and compares its outputs with `rnnlab-cli grads`.

    check_pytorch_interop.py CLI SESSION...

For every session: `export --dtype f64`, load the file into a module with rnn = nn.RNN/LSTM/GRU
and fc = nn.Linear (strict load_state_dict: the names and shapes must be exactly PyTorch's),
run the session's inputs from its h0 (and c0), and compare the outputs and hidden states with
`grads`'s to 1e-12; the f32 export must agree to 1e-5. Exits 77 (CTest's SKIP_RETURN_CODE), saying
so, when torch cannot be imported. The lines between README-BEGIN and README-END are the README's
loading code, and readme_pytorch_snippet.py (the README's ten lines) is run as it is, on every
session whose h0 and c0 are zero, with its Net(...) arguments set to the session's sizes; both
take `load_file` from the safetensors package when it is installed, else from the small reader
below (installed as a stand-in `safetensors.torch` module), which follows the same format.
"""

import json
import os
import shutil
import sys
import tempfile

from cli_checks import fail, run, read_safetensors

try:
    import torch
except ImportError as error:
    print(f"SKIP: PyTorch is not available to {sys.executable} ({error}); "
          "install python3-torch to run this test")
    sys.exit(77)

try:
    from safetensors.torch import load_file
except ImportError:
    load_file = read_safetensors


def check(cli, session_path, folder):
    session = json.load(open(session_path))
    model = session["model"]
    cell = model.get("cell", "rnn")
    I, H, O = model["input_size"], model["hidden_size"], model["output_size"]
    weights = model.get("weights", {})
    inputs = session["data"]["inputs"]
    h0 = torch.tensor(weights.get("h0", [0.0] * H), dtype=torch.float64)[None]
    c0 = torch.tensor(weights.get("c0", [0.0] * H), dtype=torch.float64)[None]
    expected = json.loads(run(cli, "grads", session_path))
    for dtype, tolerance in (("f64", 1e-12), ("f32", 1e-5)):
        path = os.path.join(folder, f"model_{dtype}.safetensors")
        run(cli, "export", session_path, "--out", path, "--dtype", dtype)
        state = {k: v.double() for k, v in load_file(path).items()}
        # README-BEGIN
        class Net(torch.nn.Module):
            def __init__(self, I, H, O, cell):
                super().__init__()
                self.rnn = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[cell](I, H)
                self.fc = torch.nn.Linear(H, O)
        net = Net(I, H, O, cell).double()
        net.load_state_dict(state)  # state = load_file("model.safetensors")
        x = torch.tensor(inputs, dtype=torch.float64)  # T×I, the session's data.inputs
        hidden, _ = net.rnn(x, (h0, c0) if cell == "lstm" else h0)  # h0 (and c0): 1×H, zeros by default
        outputs = net.fc(hidden)  # = grads's "outputs"; hidden = its "hidden"
        # README-END
        for key, got in (("outputs", outputs), ("hidden", hidden)):
            want = torch.tensor(expected[key], dtype=torch.float64)
            if got.shape != want.shape:
                fail(f"{session_path} {dtype}: {key} shape {tuple(got.shape)}, grads has {tuple(want.shape)}")
            error = (got.detach() - want).abs().max().item()
            print(f"{os.path.basename(session_path)} {cell} {dtype}: {key} max |difference| {error:.3g}")
            if not error <= tolerance:
                fail(f"{session_path} {dtype}: {key} differs by {error} (tolerance {tolerance})")


STAND_IN = '''import json, struct, torch
def load_file(path):
    raw = open(path, "rb").read()
    n = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + n])
    header.pop("__metadata__", None)
    types = {"F64": torch.float64, "F32": torch.float32}
    return {k: torch.frombuffer(bytearray(raw[8 + n + v["data_offsets"][0]:8 + n + v["data_offsets"][1]]),
                                dtype=types[v["dtype"]]).reshape(v["shape"]) for k, v in header.items()}
'''


def check_readme_snippet(cli, session_path, folder):
    session = json.load(open(session_path))
    model = session["model"]
    weights = model.get("weights", {})
    if any(x != 0 for x in weights.get("h0", []) + weights.get("c0", [])):
        return  # the snippet starts from zeros, as PyTorch does by default
    cell = model.get("cell", "rnn")
    here = os.path.join(folder, "snippet")
    os.makedirs(here, exist_ok=True)
    shutil.copy(session_path, os.path.join(here, "session.rnnlab.json"))
    run(cli, "export", session_path, "--out", os.path.join(here, "model.safetensors"))
    expected = json.loads(run(cli, "grads", session_path))
    snippet = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "readme_pytorch_snippet.py")).read()
    sizes = f'Net("{cell}", {model["input_size"]}, {model["hidden_size"]}, {model["output_size"]})'
    if 'Net("lstm", 3, 4, 2)' not in snippet:
        fail("the README snippet no longer builds Net(\"lstm\", 3, 4, 2)")
    snippet = snippet.replace('Net("lstm", 3, 4, 2)', sizes)
    try:
        import safetensors.torch  # noqa: F401
    except ImportError:
        os.makedirs(os.path.join(here, "safetensors"), exist_ok=True)
        open(os.path.join(here, "safetensors", "__init__.py"), "w").close()
        open(os.path.join(here, "safetensors", "torch.py"), "w").write(STAND_IN)
        sys.path.insert(0, here)
        sys.modules.pop("safetensors", None)
    cwd = os.getcwd()
    os.chdir(here)
    try:
        scope = {}
        exec(compile(snippet, "readme_pytorch_snippet.py", "exec"), scope)
    finally:
        os.chdir(cwd)
    for key in ("outputs", "hidden"):
        error = (scope[key].detach() - torch.tensor(expected[key], dtype=torch.float64)).abs().max().item()
        print(f"README snippet, {os.path.basename(session_path)}: {key} max |difference| {error:.3g}")
        if not error <= 1e-12:
            fail(f"README snippet on {session_path}: {key} differs by {error}")


def main():
    cli, sessions = sys.argv[1], sys.argv[2:]
    print(f"torch {torch.__version__}")
    with tempfile.TemporaryDirectory() as folder:
        for session in sessions:
            check(cli, session, folder)
            check_readme_snippet(cli, session, folder)
    print("PASS")


if __name__ == "__main__":
    main()
