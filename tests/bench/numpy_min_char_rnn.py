#!/usr/bin/env python3
"""min-char-rnn's training loop (Karpathy, 2015) in numpy, timed: the baseline that RNN Lab's
text mode is compared with (tests/bench/training_bench.cpp, textIteration S1_text_rnn_65_100_25).

Column vectors and np.dot per step, exactly as the original: one-hot inputs as dense vectors,
Adagrad, gradients clipped to [-5, 5]. The text is random over a 65-character vocabulary, like
the C++ benchmark's. Not run by CI. Prints characters per second for several repeats.

    /usr/bin/python3 tests/bench/numpy_min_char_rnn.py [--iterations 2000] [--repeats 5]
"""
import argparse
import time

import numpy as np


def run(iterations, hidden_size=100, seq_length=25, vocab_size=65, seed=42):
    rng = np.random.default_rng(seed)
    data = rng.integers(0, vocab_size, size=100000)
    Wxh = np.random.randn(hidden_size, vocab_size) * 0.01
    Whh = np.random.randn(hidden_size, hidden_size) * 0.01
    Why = np.random.randn(vocab_size, hidden_size) * 0.01
    bh = np.zeros((hidden_size, 1))
    by = np.zeros((vocab_size, 1))
    mWxh, mWhh, mWhy = np.zeros_like(Wxh), np.zeros_like(Whh), np.zeros_like(Why)
    mbh, mby = np.zeros_like(bh), np.zeros_like(by)
    learning_rate = 1e-1

    def loss_fun(inputs, targets, hprev):
        xs, hs, ys, ps = {}, {}, {}, {}
        hs[-1] = np.copy(hprev)
        loss = 0
        for t in range(len(inputs)):
            xs[t] = np.zeros((vocab_size, 1))
            xs[t][inputs[t]] = 1
            hs[t] = np.tanh(np.dot(Wxh, xs[t]) + np.dot(Whh, hs[t - 1]) + bh)
            ys[t] = np.dot(Why, hs[t]) + by
            ps[t] = np.exp(ys[t]) / np.sum(np.exp(ys[t]))
            loss += -np.log(ps[t][targets[t], 0])
        dWxh, dWhh, dWhy = np.zeros_like(Wxh), np.zeros_like(Whh), np.zeros_like(Why)
        dbh, dby = np.zeros_like(bh), np.zeros_like(by)
        dhnext = np.zeros_like(hs[0])
        for t in reversed(range(len(inputs))):
            dy = np.copy(ps[t])
            dy[targets[t]] -= 1
            dWhy += np.dot(dy, hs[t].T)
            dby += dy
            dh = np.dot(Why.T, dy) + dhnext
            dhraw = (1 - hs[t] * hs[t]) * dh
            dbh += dhraw
            dWxh += np.dot(dhraw, xs[t].T)
            dWhh += np.dot(dhraw, hs[t - 1].T)
            dhnext = np.dot(Whh.T, dhraw)
        for dparam in [dWxh, dWhh, dWhy, dbh, dby]:
            np.clip(dparam, -5, 5, out=dparam)
        return loss, dWxh, dWhh, dWhy, dbh, dby, hs[len(inputs) - 1]

    n, p = 0, 0
    hprev = np.zeros((hidden_size, 1))
    start = time.perf_counter()
    while n < iterations:
        if p + seq_length + 1 >= len(data) or n == 0:
            hprev = np.zeros((hidden_size, 1))
            p = 0
        inputs = data[p:p + seq_length]
        targets = data[p + 1:p + seq_length + 1]
        loss, dWxh, dWhh, dWhy, dbh, dby, hprev = loss_fun(inputs, targets, hprev)
        for param, dparam, mem in zip([Wxh, Whh, Why, bh, by], [dWxh, dWhh, dWhy, dbh, dby],
                                      [mWxh, mWhh, mWhy, mbh, mby]):
            mem += dparam * dparam
            param += -learning_rate * dparam / np.sqrt(mem + 1e-8)
        p += seq_length
        n += 1
    elapsed = time.perf_counter() - start
    return iterations * seq_length / elapsed, elapsed / iterations


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    print(f"numpy {np.__version__}, H=100, L=25, V=65, {args.iterations} iterations per repeat")
    rates = []
    for _ in range(args.repeats):
        chars_per_second, seconds_per_iteration = run(args.iterations)
        rates.append(chars_per_second)
        print(f"  {chars_per_second:10.0f} chars/s  ({seconds_per_iteration * 1e6:.0f} us/iteration)")
    print(f"min {min(rates):.0f}  median {sorted(rates)[len(rates) // 2]:.0f}  max {max(rates):.0f} chars/s")


if __name__ == "__main__":
    main()
