"""What the Python checks of rnnlab-cli share: failing with one line, running the CLI, and reading
a safetensors file into torch tensors with the standard library (the format: an 8-byte header
length, a JSON header of name -> dtype, shape, data offsets, then the raw little-endian data)."""

import json
import struct
import subprocess
import sys


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def run(cli, *args):
    result = subprocess.run([cli, *args], capture_output=True, text=True)
    if result.returncode != 0:
        fail(f"rnnlab-cli {' '.join(args)} exited with {result.returncode}: {result.stderr}")
    return result.stdout


def read_safetensors(path):
    """name -> torch tensor (F64 or F32), as safetensors.torch.load_file returns them."""
    import torch  # only the checks that have torch call this

    raw = open(path, "rb").read()
    length = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + length])
    header.pop("__metadata__", None)
    dtypes = {"F64": torch.float64, "F32": torch.float32}
    state = {}
    for name, entry in header.items():
        begin, end = entry["data_offsets"]
        data = bytearray(raw[8 + length + begin:8 + length + end])
        state[name] = torch.frombuffer(data, dtype=dtypes[entry["dtype"]]).reshape(entry["shape"])
    return state
