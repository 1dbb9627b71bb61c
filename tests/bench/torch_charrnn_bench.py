#!/usr/bin/env python3
"""PyTorch's time per iteration of char-rnn's default model, the size of
`rnnlab_stack_bench --benchmark_filter=CharRnn` (not run by CI; needs python3-torch).

    python3 tests/bench/torch_charrnn_bench.py [--dtype f64|f32] [--iterations N] [--repetitions R]

nn.LSTM(65, 128, num_layers=2) + nn.Linear(128, 65), one thread, 50 streams of 50 characters
(one-hot input), the loss the summed cross-entropy of each stream averaged over the streams,
autograd, value clipping at 5 and an RMSprop step (2e-3, α 0.95). Also a 2-layer bidirectional
GRU on 64 sequences of 50 steps (1/128/1, mse). Prints each repetition's mean time in ms (wall
and CPU) and the BLAS kernel OpenBLAS chose. Run it with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE
unset and MALLOC_MMAP_THRESHOLD_=4000000000 MALLOC_TRIM_THRESHOLD_=4000000000 (see
docs/performance.md).
"""

import argparse
import ctypes
import time

import torch
from torch import nn


def blas_kernel():
    try:
        lib = ctypes.CDLL("libopenblas.so.0")
        lib.openblas_get_corename.restype = ctypes.c_char_p
        return lib.openblas_get_corename().decode()
    except OSError:
        return "not OpenBLAS"


def timed(work, iterations, repetitions):
    for _ in range(3):
        work()
    wall, cpu = [], []
    for _ in range(repetitions):
        start, start_cpu = time.perf_counter(), time.process_time()
        for _ in range(iterations):
            work()
        wall.append((time.perf_counter() - start) / iterations * 1e3)
        cpu.append((time.process_time() - start_cpu) / iterations * 1e3)
    return wall, cpu


def char_rnn(dtype):
    torch.manual_seed(1)
    V, H, B, L = 65, 128, 50, 50
    rnn = nn.LSTM(V, H, num_layers=2).to(dtype)
    fc = nn.Linear(H, V).to(dtype)
    params = list(rnn.parameters()) + list(fc.parameters())
    optimizer = torch.optim.RMSprop(params, lr=2e-3, alpha=0.95)
    x = torch.zeros(L, B, V, dtype=dtype)
    idx = torch.randint(0, V, (L, B))
    x.scatter_(2, idx.unsqueeze(2), 1.0)
    targets = torch.randint(0, V, (L * B,))

    def step():
        optimizer.zero_grad()
        out, _ = rnn(x)
        loss = nn.functional.cross_entropy(fc(out).reshape(L * B, V), targets,
                                           reduction="sum") / B
        loss.backward()
        torch.nn.utils.clip_grad_value_(params, 5.0)
        optimizer.step()
    return step


def bidirectional_gru(dtype):
    torch.manual_seed(1)
    H, B, T = 128, 64, 50
    rnn = nn.GRU(1, H, num_layers=2, bidirectional=True).to(dtype)
    fc = nn.Linear(2 * H, 1).to(dtype)
    params = list(rnn.parameters()) + list(fc.parameters())
    optimizer = torch.optim.SGD(params, lr=1e-3)
    x = torch.randn(T, B, 1, dtype=dtype)
    d = torch.randn(T, B, 1, dtype=dtype)

    def step():
        optimizer.zero_grad()
        out, _ = rnn(x)
        loss = 0.5 * ((fc(out) - d) ** 2).sum() / B
        loss.backward()
        torch.nn.utils.clip_grad_value_(params, 5.0)
        optimizer.step()
    return step


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dtype", default="f64", choices=["f64", "f32"])
    parser.add_argument("--iterations", type=int, default=10)
    parser.add_argument("--repetitions", type=int, default=5)
    args = parser.parse_args()
    torch.set_num_threads(1)
    dtype = torch.float64 if args.dtype == "f64" else torch.float32
    print(f"torch {torch.__version__}, BLAS kernel {blas_kernel()}, {args.dtype}, 1 thread")
    for name, make in (("char-rnn 2x128 LSTM, 50 streams of 50", char_rnn),
                       ("2-layer bidirectional GRU, 64 x 50, H 128", bidirectional_gru)):
        wall, cpu = timed(make(dtype), args.iterations, args.repetitions)
        print(f"{name}: wall " + ", ".join(f"{t:.1f}" for t in wall) + " ms; cpu " +
              ", ".join(f"{t:.1f}" for t in cpu) + " ms")


if __name__ == "__main__":
    main()
