#!/usr/bin/env python3
"""PyTorch's time per minibatch at the size of `rnnlab_dataset_bench --benchmark_filter=B64`
(not run by CI; needs python3-torch).

    python3 tests/bench/torch_batch_bench.py [--iterations N] [--repetitions R]

nn.RNN(1, 128) (tanh) + nn.Linear(128, 1), float64, one thread, batch 64, T = 50; the loss is the
summed squared error averaged over the batch; autograd; value clipping at 5; an SGD step
(learning rate 1e-3). Also nn.LSTM and nn.GRU at the same size, and one epoch of 1,000 sequences
of 50 steps at H = 32 in batches of 64. Prints the mean time of each repetition in ms, as wall time
and as this process's CPU time (less disturbed when other programs share the machine).

Debian's PyTorch calls whichever BLAS the libblas.so.3 alternative points to. With only the
reference BLAS (libblas3) installed it runs ~7x slower than with OpenBLAS; install
libopenblas0-pthread for a fair figure and run with OPENBLAS_NUM_THREADS=1. The script prints the
BLAS it loaded.
"""

import argparse
import time

import torch
from torch import nn


def make(cell_type, hidden):
    torch.manual_seed(1)
    rnn = cell_type(1, hidden).double()
    fc = nn.Linear(hidden, 1).double()
    params = list(rnn.parameters()) + list(fc.parameters())
    return rnn, fc, params, torch.optim.SGD(params, lr=1e-3)


def step(rnn, fc, params, optimizer, x, d):
    optimizer.zero_grad()
    out, _ = rnn(x)
    y = fc(out)
    loss = ((y - d) ** 2).sum() / x.shape[1]
    loss.backward()
    torch.nn.utils.clip_grad_value_(params, 5.0)
    optimizer.step()
    return loss.item()


def timed(work, iterations, repetitions):
    for _ in range(3):  # warm-up
        work()
    wall, cpu = [], []
    for _ in range(repetitions):
        start, start_cpu = time.perf_counter(), time.process_time()
        for _ in range(iterations):
            work()
        wall.append((time.perf_counter() - start) / iterations * 1e3)
        cpu.append((time.process_time() - start_cpu) / iterations * 1e3)
    return wall, cpu


def report(name, wall, cpu):
    print(f"{name}: wall " + ", ".join(f"{t:.2f}" for t in wall) + "; cpu " +
          ", ".join(f"{t:.2f}" for t in cpu))


def loaded_blas():
    torch.ones(64, 64, dtype=torch.float64) @ torch.ones(64, 64, dtype=torch.float64)
    with open("/proc/self/maps") as maps:
        names = {line.split()[-1] for line in maps if "blas" in line.lower()}
    return ", ".join(sorted(names)) or "none found"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--iterations", type=int, default=30)
    parser.add_argument("--repetitions", type=int, default=3)
    args = parser.parse_args()
    torch.set_num_threads(1)
    print(f"torch {torch.__version__}, threads {torch.get_num_threads()}, ms")
    blas = loaded_blas()
    print(f"BLAS: {blas}")
    if "openblas" not in blas.lower() and "mkl" not in blas.lower():
        print("warning: the reference BLAS is ~7x slower; install libopenblas0-pthread")
    T, B = 50, 64
    x = torch.randn(T, B, 1, dtype=torch.float64)
    d = torch.randn(T, B, 1, dtype=torch.float64)
    for name, cell in (("rnn", nn.RNN), ("lstm", nn.LSTM), ("gru", nn.GRU)):
        rnn, fc, params, optimizer = make(cell, 128)
        wall, cpu = timed(lambda: step(rnn, fc, params, optimizer, x, d), args.iterations,
                          args.repetitions)
        report(f"{name} 1/128/1 T={T} B={B} per minibatch", wall, cpu)

    rnn, fc, params, optimizer = make(nn.RNN, 32)
    xs = torch.randn(T, 1000, 1, dtype=torch.float64)
    ds = torch.randn(T, 1000, 1, dtype=torch.float64)

    def epoch():
        for start in range(0, 1000, B):
            step(rnn, fc, params, optimizer, xs[:, start:start + B], ds[:, start:start + B])

    wall, cpu = timed(epoch, max(1, args.iterations // 10), args.repetitions)
    report("rnn 1/32/1 epoch of 1000 x 50 steps, batches of 64", wall, cpu)


if __name__ == "__main__":
    main()
