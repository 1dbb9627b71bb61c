#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (tests/fuzz/corpus/<target>/seed_*) from the presets
and the test files, and the fixture files the session targets may name (tests/fuzz/files/).

Regression inputs (crashes the fuzzers found, named crash_*) are kept; seed_* files are rewritten.
Run from anywhere: python3 tests/fuzz/make_corpus.py
"""
import json
import random
import shutil
import struct
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FUZZ = ROOT / "tests" / "fuzz"
CORPUS = FUZZ / "corpus"
FILES = FUZZ / "files"
MAX_BYTES = 50_000

SESSIONS = sorted((ROOT / "resources" / "presets").rglob("*.rnnlab.json")) + sorted(
    (ROOT / "tests" / "cli" / "data").glob("*.rnnlab.json"))


def reset(target):
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("seed_*"):
        old.unlink()
    return folder


def put(folder, name, data):
    if isinstance(data, str):
        data = data.encode()
    if len(data) <= MAX_BYTES:
        (folder / ("seed_" + name)).write_bytes(data)


def safetensors(tensors, metadata=None, dtype="F64"):
    header = {}
    if metadata:
        header["__metadata__"] = metadata
    blob = b""
    fmt = "<d" if dtype == "F64" else "<f"
    for name, shape, values in tensors:
        data = b"".join(struct.pack(fmt, v) for v in values)
        header[name] = {"dtype": dtype, "shape": shape,
                        "data_offsets": [len(blob), len(blob) + len(data)]}
        blob += data
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    return struct.pack("<Q", len(text)) + text + blob


def pytorch(cell, I, H, O, dtype="F64", seed=1):
    rng = random.Random(seed)
    G = {"rnn": 1, "lstm": 4, "gru": 3}[cell] * H

    def values(n):
        return [round(rng.uniform(-1, 1), 3) for _ in range(n)]

    tensors = [("rnn.weight_ih_l0", [G, I], values(G * I)), ("rnn.bias_ih_l0", [G], values(G)),
               ("rnn.weight_hh_l0", [G, H], values(G * H)), ("rnn.bias_hh_l0", [G], values(G)),
               ("fc.weight", [O, H], values(O * H)), ("fc.bias", [O], values(O))]
    metadata = {"cell": cell, "input_size": str(I), "hidden_size": str(H),
                "output_size": str(O), "output_mode": "sequence", "loss": "mse"}
    return safetensors(tensors, metadata, dtype)


def stack_pytorch(cell, I, H, O, layers, bidirectional, dropout="0", dtype="F64", seed=3):
    """A stack's file (spec v3 §1): rnn.*_l{k}[_reverse], fc = nn.Linear(D·H, O), metadata
    num_layers, bidirectional and dropout."""
    rng = random.Random(seed)
    G = {"rnn": 1, "lstm": 4, "gru": 3}[cell] * H
    D = 2 if bidirectional else 1

    def values(n):
        return [round(rng.uniform(-1, 1), 3) for _ in range(n)]

    tensors = []
    for k in range(layers):
        inputs = I if k == 0 else D * H
        for d in range(D):
            suffix = f"_l{k}" + ("_reverse" if d else "")
            tensors += [(f"rnn.weight_ih{suffix}", [G, inputs], values(G * inputs)),
                        (f"rnn.bias_ih{suffix}", [G], values(G)),
                        (f"rnn.weight_hh{suffix}", [G, H], values(G * H)),
                        (f"rnn.bias_hh{suffix}", [G], values(G))]
    tensors += [("fc.weight", [O, D * H], values(O * D * H)), ("fc.bias", [O], values(O))]
    metadata = {"cell": cell, "input_size": str(I), "hidden_size": str(H),
                "output_size": str(O), "output_mode": "sequence", "loss": "mse",
                "num_layers": str(layers), "bidirectional": "true" if bidirectional else "false",
                "dropout": dropout}
    return safetensors(tensors, metadata, dtype)


def stack_weights(cell, I, H, O, layers, directions, rng):
    """model.weights of a stack under the spec's suffixed names, with h0 (and c0) rows."""
    G = {"rnn": 1, "lstm": 4, "gru": 3}[cell] * H
    names = ["Wxh", "Whh", "bh"] if cell == "rnn" else ["W_ih", "W_hh", "b_ih", "b_hh"]

    def matrix(rows, cols):
        return [[round(rng.uniform(-1, 1), 3) for _ in range(cols)] for _ in range(rows)]

    weights = {}
    for k in range(layers):
        inputs = I if k == 0 else directions * H
        for d in range(directions):
            suffix = f"_l{k}" + ("_reverse" if d else "")
            shapes = [(G, inputs), (G, H), (G, 1), (G, 1)]
            for name, (rows, cols) in zip(names, shapes):
                block = matrix(rows, cols)
                weights[name + suffix] = [row[0] for row in block] if cols == 1 else block
    weights["Why"] = matrix(O, directions * H)
    weights["by"] = [row[0] for row in matrix(O, 1)]
    weights["h0"] = matrix(layers * directions, H)
    if cell == "lstm":
        weights["c0"] = matrix(layers * directions, H)
    return weights


def v3_sessions():
    """Version-3 sessions (spec v3 §1–2) that use every new key: stacks with weights and h0/c0
    rows, bidirectional data sets with dropout and its generator's state, text in streams with
    carried states of B × layers rows, and a stack's weights file."""
    rng = random.Random(11)
    numeric = {"inputs": [[0.5, -1], [0.25, 2], [1, 0]], "targets": [[1], [0], [0.5]]}
    out = {}
    for cell, layers, directions in (("rnn", 3, 1), ("lstm", 2, 2), ("gru", 1, 2)):
        out[f"v3_{cell}_{layers}x{directions}"] = {
            "format": "rnnlab-session", "version": 3,
            "model": {"input_size": 2, "hidden_size": 2, "output_size": 1, "cell": cell,
                      "layers": layers, "bidirectional": directions == 2, "dropout": 0.125,
                      "output_mode": "sequence", "loss": "mse",
                      "weights": stack_weights(cell, 2, 2, 1, layers, directions, rng)},
            "training": {"optimizer": "sgd", "learning_rate": 0.1, "seed": 5},
            "data": numeric}
    sequences = [{"inputs": [[0.5, 1], [0, 1]], "targets": [[1]]},
                 {"inputs": [[1, 1]], "targets": [[0]]}]
    out["v3_dataset_dropout"] = {
        "format": "rnnlab-session", "version": 3,
        "model": {"input_size": 2, "hidden_size": 3, "output_size": 1, "cell": "gru",
                  "layers": 2, "bidirectional": True, "dropout": 0.5, "output_mode": "last",
                  "loss": "mse"},
        "training": {"optimizer": "adam", "learning_rate": 0.01, "seed": 2},
        "data": {"kind": "sequences", "train": sequences, "validation": sequences[:1],
                 "batch_size": 2, "shuffle": True},
        "training_state": {"iteration": 1, "optimizer_step": 0, "epoch_order": [1, 0],
                           "epoch_position": 0,
                           "shuffle_rng": ["0000000000000001", "0000000000000002",
                                           "0000000000000003", "0000000000000004"],
                           "dropout_rng": ["3b2716b367951480", "8edefb99b40fee64",
                                           "d278b673bc2a7f59", "7cf784e33e93868c"]}}
    for layers, streams in ((2, 3), (1, 2), (3, 1)):
        rows = [[round(rng.uniform(-1, 1), 3) for _ in range(2)]
                for _ in range(layers * streams)]
        out[f"v3_text_{layers}_layers_{streams}_streams"] = {
            "format": "rnnlab-session", "version": 3,
            "model": {"hidden_size": 2, "cell": "lstm", "layers": layers, "dropout": 0.25,
                      "output_mode": "sequence", "loss": "cross_entropy"},
            "training": {"optimizer": "sgd", "seed": 4},
            "data": {"kind": "text", "text": "abcabcabcabcabcabc", "sequence_length": 2,
                     "batch_size": streams},
            "training_state": {"iteration": 2, "optimizer_step": 2, "text_position": 2,
                               "carried_h": rows if len(rows) > 1 else rows[0],
                               "carried_c": rows if len(rows) > 1 else rows[0],
                               "dropout_rng": ["00000000000000ff", "0000000000000001",
                                               "0123456789abcdef", "fedcba9876543210"]}}
    out["v3_weights_file_stack"] = {
        "format": "rnnlab-session", "version": 3,
        "model": {"input_size": 3, "hidden_size": 4, "output_size": 2, "cell": "lstm",
                  "layers": 2, "bidirectional": True, "output_mode": "sequence", "loss": "mse",
                  "weights_file": "stack_lstm.safetensors"},
        "training": {"optimizer": "sgd", "seed": 1},
        "data": {"inputs": [[1, 2, 3]], "targets": [[0, 1]]}}
    return out


def fixtures():
    FILES.mkdir(parents=True, exist_ok=True)
    for name in ["text_small.txt", "bad_text_invalid_utf8.txt"]:
        shutil.copy(ROOT / "tests" / "cli" / "data" / name, FILES / name)
    # The built-in example's shape (I=3, H=4, O=2) for each cell.
    for cell in ["rnn", "lstm", "gru"]:
        (FILES / f"{cell}.safetensors").write_bytes(pytorch(cell, 3, 4, 2))
    # A stack (v3): 2 bidirectional LSTM layers of the example's sizes.
    (FILES / "stack_lstm.safetensors").write_bytes(stack_pytorch("lstm", 3, 4, 2, 2, True))
    # No tensors and no metadata: fits no session, whatever its sizes.
    (FILES / "empty.safetensors").write_bytes(struct.pack("<Q", 8) + b"{}      ")


def session_corpora():
    folder = reset("session")
    roundtrip = reset("session_roundtrip")
    for path in SESSIONS:
        data = path.read_bytes()
        put(folder, path.name, data)
        if not path.name.startswith("bad_"):
            put(roundtrip, path.name, data)
    example = json.loads((ROOT / "tests" / "cli" / "data" / "example.rnnlab.json").read_text())
    for cell in ["rnn", "lstm", "gru"]:
        session = json.loads(json.dumps(example))
        session["version"] = 2
        session["model"].pop("activation", None)
        session["model"]["cell"] = cell
        session["model"]["weights_file"] = f"{cell}.safetensors"
        for target in (folder, roundtrip):
            put(target, f"weights_file_{cell}.json", json.dumps(session, indent=1))
    for name, session in v3_sessions().items():
        for target in (folder, roundtrip):
            put(target, name + ".json", json.dumps(session, indent=1))


def block_shapes(cell, I, H, O, layers=1):
    if layers > 1:  # spec v3 §1's names: a suffix per layer, then Why and by
        G = {"rnn": 1, "lstm": 4, "gru": 3}[cell] * H
        names = ["Wxh", "Whh", "bh"] if cell == "rnn" else ["W_ih", "W_hh", "b_ih", "b_hh"]
        shapes = {}
        for k in range(layers):
            for name, shape in zip(names, [(G, I if k == 0 else H), (G, H), (G,), (G,)]):
                shapes[f"{name}_l{k}"] = shape
        return dict(shapes, Why=(O, H), by=(O,))
    if cell == "rnn":
        return {"Wxh": (H, I), "Whh": (H, H), "Why": (O, H), "bh": (H,), "by": (O,)}
    G = {"lstm": 4, "gru": 3}[cell] * H
    return {"W_ih": (G, I), "W_hh": (G, H), "b_ih": (G,), "b_hh": (G,), "Why": (O, H),
            "by": (O,)}


def training_state_seed(rng, cell, optimizer, text):
    """A state that fits the harness's session of that cell, optimizer and data kind."""
    slots = {"sgd": [], "momentum": ["v"], "adagrad": ["G"], "adam": ["m", "v"],
             "rmsprop": ["square_avg"]}
    I, H, O = (3, 2, 3) if text else (2, 2, 1)
    state = {"iteration": 5, "optimizer_step": 4}
    if slots[optimizer]:
        state["optimizer"] = {}
        for slot in slots[optimizer]:
            blocks = {}
            for name, shape in block_shapes(cell, I, H, O).items():
                if len(shape) == 1:
                    blocks[name] = [round(rng.uniform(0, 1), 3) for _ in range(shape[0])]
                else:
                    blocks[name] = [[round(rng.uniform(0, 1), 3) for _ in range(shape[1])]
                                    for _ in range(shape[0])]
            state["optimizer"][slot] = blocks
    if text:
        state["text_position"] = 3
        state["carried_h"] = [0.25, -0.5]
        if cell == "lstm":
            state["carried_c"] = [1.5, 0]
    return state


def training_state_corpus():
    # The harness's sessions: choice = cell + 3 * optimizer + 12 * text + 24 * stack for the
    # first four optimizers, 48 + cell + 3 * text for rmsprop (fuzz_training_state.cpp). rmsprop's
    # seeds draw from a generator of their own, so that the others stay as they were.
    folder = reset("training_state")
    slots = {"sgd": [], "momentum": ["v"], "adagrad": ["G"], "adam": ["m", "v"]}
    rng = random.Random(7)
    # choice + 24: a version-3 stack of 2 layers with dropout, its text in 2 streams.
    for stack, text in ((0, 0), (0, 1), (1, 0), (1, 1)):
        for o, optimizer in enumerate(["sgd", "momentum", "adagrad", "adam"]):
            for c, cell in enumerate(["rnn", "lstm", "gru"]):
                choice = c + 3 * o + 12 * text + 24 * stack
                I, H, O = (3, 2, 3) if text else (2, 2, 1)
                layers = 2 if stack else 1
                state = {"iteration": 5, "optimizer_step": 4}
                if stack:
                    state["dropout_rng"] = ["0123456789abcdef", "0000000000000001",
                                            "fedcba9876543210", "00000000000000ff"]
                if slots[optimizer]:
                    state["optimizer"] = {}
                    for slot in slots[optimizer]:
                        blocks = {}
                        for name, shape in block_shapes(cell, I, H, O, layers).items():
                            if len(shape) == 1:
                                blocks[name] = [round(rng.uniform(0, 1), 3)
                                                for _ in range(shape[0])]
                            else:
                                blocks[name] = [[round(rng.uniform(0, 1), 3)
                                                 for _ in range(shape[1])]
                                                for _ in range(shape[0])]
                        state["optimizer"][slot] = blocks
                if text and stack:  # 2 streams × 2 layers, stream-major
                    state["text_position"] = 3
                    state["carried_h"] = [[0.25, -0.5], [0, 1], [0.5, 0.5], [-1, 0]]
                    if cell == "lstm":
                        state["carried_c"] = [[1.5, 0], [0, -2], [0.125, 3], [1, 1]]
                elif text:
                    state["text_position"] = 3
                    state["carried_h"] = [0.25, -0.5]
                    if cell == "lstm":
                        state["carried_c"] = [1.5, 0]
                kind = ("stack_" if stack else "") + ("text" if text else "seq")
                put(folder, f"{choice:02d}_{cell}_{optimizer}_{kind}",
                    bytes([choice]) + json.dumps(state).encode())
    rng = random.Random(8)
    for text in (0, 1):
        for c, cell in enumerate(["rnn", "lstm", "gru"]):
            choice = 48 + c + 3 * text
            put(folder, f"{choice:02d}_{cell}_rmsprop_{'text' if text else 'seq'}",
                bytes([choice]) + json.dumps(training_state_seed(rng, cell, "rmsprop", text)).encode())
    for path in SESSIONS:
        session = json.loads(path.read_bytes().decode("utf-8", "replace") or "null") \
            if path.name != "bad_json.rnnlab.json" and path.stat().st_size else None
        if isinstance(session, dict) and "training_state" in session:
            put(folder, path.name, bytes([3]) + json.dumps(session["training_state"]).encode())


def csv_corpus():
    folder = reset("csv")
    put(folder, "basic.csv", "input1,input2,input3,target1,target2\n1,2,3,0,1\n4,5,6,1,0\n")
    put(folder, "semicolon.csv", "input1;input2;target1\n1;2;0\n4;5;1\n")
    put(folder, "tab.csv", "input1\tinput2\ttarget1\n1\t2\t0\n4\t5\t1\n")
    put(folder, "bom_crlf.csv", "\ufeffinput1,target1\r\n1,2\r\n\r\n3,4\r\n")
    put(folder, "short_names.csv", "x1,x2,y1\n1,2,3\n4,5,6\n")
    put(folder, "shuffled.csv", "Target2,Input_3,input2,target1,INPUT1\n1,3,2,0,1\n0,6,5,1,4\n")
    put(folder, "last_mode.csv", "input1,target1,target2\n1,,\n2,,\n3,0.5,-1e-3\n")
    put(folder, "quoted.csv", '"input1","target1"\n"1.5","+2"\n')
    put(folder, "exponents.csv", "input1,target1\n1e308,-0.0\n4.9e-324,1E-5\n")
    put(folder, "bad_ragged.csv", "input1,target1\n1\n")
    put(folder, "bad_nan.csv", "input1,target1\nnan,inf\n")
    for path in SESSIONS:
        if path.name.startswith("bad_"):
            continue
        session = json.loads(path.read_text())
        data = session.get("data", {})
        if "inputs" not in data:
            continue
        inputs, targets = data["inputs"], data["targets"]
        header = [f"input{k + 1}" for k in range(len(inputs[0]))] + \
                 [f"target{k + 1}" for k in range(len(targets[0]))]
        lines = [",".join(header)]
        for t, row in enumerate(inputs):
            target = targets[t] if len(targets) == len(inputs) else (
                targets[0] if t + 1 == len(inputs) else [""] * len(targets[0]))
            lines.append(",".join(str(v) for v in list(row) + list(target)))
        put(folder, path.name.replace(".rnnlab.json", ".csv"), "\n".join(lines) + "\n")


def text_corpora():
    utf8 = reset("utf8")
    text_data = reset("text_data")
    samples = {
        "ascii": b"hello world\n",
        "latin": "caf\u00e9 na\u00efve".encode(),
        "cjk": "\u6625\u7720\u4e0d\u89c9\u6653".encode(),
        "emoji": "\U0001F600\U0010FFFF".encode(),
        "boundaries": "\u007f\u0080\u07ff\u0800\ud7ff\ue000\uffff\U00010000".encode(),
        "overlong": b"\xc0\xaf", "surrogate": b"\xed\xa0\x80", "too_high": b"\xf4\x90\x80\x80",
        "stray": b"\x80abc", "cut": b"ab\xe6\x98", "ff": b"\xff\xfe",
    }
    for name, data in samples.items():
        put(utf8, name, data)
    for path in sorted((ROOT / "resources" / "presets" / "text").glob("*.rnnlab.json")):
        text = json.loads(path.read_text())["data"]["text"].encode()
        put(utf8, path.name.replace(".rnnlab.json", ".txt"), text[:4000])
        put(text_data, path.name.replace(".rnnlab.json", ""), bytes([5]) + text[:8000])
    put(text_data, "with_validation", bytes([3]) + b"abcabcabc\xffcab")
    put(text_data, "with_vocabulary", bytes([3]) + b"abcabcabc\xffcab\xffcba")
    put(text_data, "vocabulary_missing", bytes([2]) + b"abcabc\xff\xffab")
    put(text_data, "unicode_vocabulary", bytes([1]) + "\u00e9t\u00e9\u00e9".encode() + b"\xff\xff" +
        "t\u00e9".encode())
    put(text_data, "invalid", bytes([1]) + b"ab\xc0\xafcd")


def safetensors_corpus():
    folder = reset("safetensors")
    for cell in ["rnn", "lstm", "gru"]:
        put(folder, f"{cell}_f64", pytorch(cell, 3, 4, 2))
        put(folder, f"{cell}_f32", pytorch(cell, 2, 3, 1, "F32", seed=2))
    put(folder, "stack_lstm_f64", stack_pytorch("lstm", 3, 4, 2, 2, True))
    put(folder, "stack_gru_f32", stack_pytorch("gru", 2, 3, 1, 3, False, "0.5", "F32", seed=4))
    put(folder, "stack_rnn_dropout", stack_pytorch("rnn", 1, 2, 1, 2, True, "0.1"))
    put(folder, "empty_header", struct.pack("<Q", 8) + b"{}      ")
    put(folder, "scalar", safetensors([("x", [], [1.5])]))
    put(folder, "zero_size", safetensors([("x", [0, 3], [])], {"note": "empty"}))
    put(folder, "nan", safetensors([("fc.bias", [1], [float("nan")])], {"output_size": "1"}))
    put(folder, "bad_truncated", pytorch("rnn", 3, 4, 2)[:-8])
    put(folder, "bad_length", struct.pack("<Q", 1 << 62) + b"{}")


def link_of(payload):
    """What share_link::encode writes: qCompress (big-endian size, zlib) in unpadded base64url."""
    import base64
    import zlib
    packed = struct.pack(">I", len(payload)) + zlib.compress(payload, 9)
    return b"rnnlab:" + base64.urlsafe_b64encode(packed).rstrip(b"=")


def share_link_corpus():
    """Byte 0 odd: the rest is a payload the target packs into a link; even: the rest is link text."""
    folder = reset("share_link")
    small = [path for path in SESSIONS if path.stat().st_size < 8_000][:8]
    for path in small:
        session = json.loads(path.read_text())
        for key in ["weights", "h0", "c0", "training_state", "weights_file"]:
            session.get("model", {}).pop(key, None)
            session.pop(key, None)
        head = {"format": "rnnlab-link", "version": 1}
        if path.stem.startswith("example"):
            head["lesson"] = {"name": "blog-bugs", "step": 2}
        payload = (json.dumps(head)[:-1] + ', "session": ' + json.dumps(session) + "}").encode()
        put(folder, "payload_" + path.stem.replace(".rnnlab", ""), b"\x01" + payload)
        put(folder, "link_" + path.stem.replace(".rnnlab", ""), b"\x00" + link_of(payload))
    put(folder, "payload_newer", b"\x01" + b'{"format": "rnnlab-link", "version": 2, "session": {}}')
    put(folder, "payload_bad_lesson",
        b"\x01" + b'{"format": "rnnlab-link", "version": 1, "lesson": {"name": "", "step": -1}}')
    put(folder, "link_damaged", b"\x00rnnlab:eJzLSM3JyVcozy_KSQEAGgQEXQ")
    put(folder, "link_bad_char", b"\x00rnnlab:abc def")


def lesson_file_corpus():
    folder = reset("lesson_file")
    for path in sorted((ROOT / "resources" / "lessons").glob("*.rnnlab-lesson.json")):
        put(folder, path.name.replace(".rnnlab-lesson.json", ""), path.read_bytes())
    put(folder, "minimal", b'{"format": "rnnlab-lesson", "version": 1, "title": "t", "preset": '
        b'"example", "steps": [{"title": "a", "text": "b"}]}')


if __name__ == "__main__":
    fixtures()
    session_corpora()
    training_state_corpus()
    csv_corpus()
    text_corpora()
    safetensors_corpus()
    share_link_corpus()
    lesson_file_corpus()
    for folder in sorted(CORPUS.iterdir()):
        files = list(folder.iterdir())
        print(f"{folder.name}: {len(files)} files, {sum(f.stat().st_size for f in files)} bytes")
