#!/usr/bin/env python3
"""PyTorch's time for one training iteration of the gated cells at RNN Lab's S2 size, to compare
with `rnnlab_bench --benchmark_filter=S2` (not run by CI; needs python3-torch).

    python3 tests/bench/torch_lstm_gru_bench.py [--iterations N] [--repetitions R]

Same work as rnnlab's training step: nn.LSTM(32, 256) or nn.GRU(32, 256) + nn.Linear(256, 32),
float64, one thread, T = 100, batch 1; loss ½·Σ(y − d)²; autograd; value clipping at 5; an SGD
step (learning rate 1e-3). Prints the mean time per iteration of each repetition, in ms, as wall
time and as this process's CPU time (which, like Google Benchmark's CPU column, is less disturbed
when other programs share the machine).
"""

import argparse
import time

import torch
from torch import nn

I, H, O, T = 32, 256, 32, 100


def bench(cell_type, iterations, repetitions):
    torch.manual_seed(1)
    rnn = cell_type(I, H).double()
    fc = nn.Linear(H, O).double()
    params = list(rnn.parameters()) + list(fc.parameters())
    optimizer = torch.optim.SGD(params, lr=1e-3)
    x = torch.randn(T, 1, I, dtype=torch.float64)
    d = torch.randn(T, 1, O, dtype=torch.float64)

    def step():
        optimizer.zero_grad()
        out, _ = rnn(x)
        y = fc(out)
        loss = 0.5 * ((y - d) ** 2).sum()
        loss.backward()
        torch.nn.utils.clip_grad_value_(params, 5.0)
        optimizer.step()
        return loss.item()

    for _ in range(5):  # warm-up
        step()
    wall, cpu = [], []
    for _ in range(repetitions):
        start, start_cpu = time.perf_counter(), time.process_time()
        for _ in range(iterations):
            step()
        wall.append((time.perf_counter() - start) / iterations * 1e3)
        cpu.append((time.process_time() - start_cpu) / iterations * 1e3)
    return wall, cpu


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--iterations", type=int, default=30)
    parser.add_argument("--repetitions", type=int, default=3)
    args = parser.parse_args()
    torch.set_num_threads(1)
    print(f"torch {torch.__version__}, threads {torch.get_num_threads()}")
    for name, cell in (("lstm", nn.LSTM), ("gru", nn.GRU)):
        wall, cpu = bench(cell, args.iterations, args.repetitions)
        print(f"{name} {I}/{H}/{O}/T={T} ms per iteration: wall " +
              ", ".join(f"{t:.2f}" for t in wall) + "; cpu " + ", ".join(f"{t:.2f}" for t in cpu))


if __name__ == "__main__":
    main()
