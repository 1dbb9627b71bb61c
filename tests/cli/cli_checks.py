"""What the Python checks of rnnlab-cli share: failing with one line, running the CLI, and reading
a safetensors file into torch tensors with the standard library (the format: an 8-byte header
length, a JSON header of name -> dtype, shape, data offsets, then the raw little-endian data)."""

import json
import struct
import subprocess
import sys


MASK = (1 << 64) - 1


class Rng:
    """The project's generator as the spec describes it: SplitMix64 seeding xoshiro256**,
    uniform = the top 53 bits · 2^-53 (uniform draws only)."""

    def __init__(self, seed):
        x = seed & MASK
        self.s = []
        for _ in range(4):
            x = (x + 0x9E3779B97F4A7C15) & MASK
            z = x
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
            self.s.append(z ^ (z >> 31))

    def next(self):
        s = self.s
        rotl = lambda x, k: ((x << k) | (x >> (64 - k))) & MASK
        result = (rotl((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return result

    def uniform(self):
        return (self.next() >> 11) * 2.0 ** -53


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
