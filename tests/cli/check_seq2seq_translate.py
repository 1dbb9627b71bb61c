#!/usr/bin/env python3
"""`translate` (spec v3 §3) against a reference written from the spec's decoding rules alone.

    check_seq2seq_translate.py CLI

The model is check_seq2seq_pytorch.py's PyTorch float64 model (itself written from the spec and
checked against `grads`). Decoding here follows the spec's words: log-softmax over all V logits,
<bos> never chosen; greedy takes the largest logit; beam search of width K starts from the empty
output with score 0, extends every unfinished hypothesis by every token but <bos>, goes through
the extensions from the highest score down (ties: the lexicographically smaller token sequence)
taking each until finished (all so far) plus unfinished number K, stops when none is unfinished
or after max_output_length steps (the unfinished then finished), and returns the finished one with
the largest score, no length normalization. For every cell and attention, several sources and
K = 1, 2, 3, 5: the printed output, and with --attention the tokens and attention rows (1e-12).
Beam search must differ from greedy somewhere, or the check could not tell them apart.
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

from check_seq2seq_pytorch import BOS, EOS, Seq2Seq, close, session_of, tokens, write

VOCABULARY = "abc"  # the characters of check_seq2seq_pytorch.PAIRS, ascending
V = 2 + len(VOCABULARY)
MAX_OUTPUT = 6
SOURCES = ["a", "cab", "bbca", "abcabc", "ccc", "ba"]


def log_softmax_after(net, source, prefix):
    """log-softmax of the logits after reading <bos> and `prefix` (no <eos> in it)."""
    with torch.no_grad():
        logits = net.pair(source, list(prefix), V)[1]
    return torch.log_softmax(logits[-1], 0).tolist()


def greedy(net, source):
    output = []
    while len(output) < MAX_OUTPUT:
        scores = log_softmax_after(net, source, output)
        best = max(range(1, V), key=lambda v: (scores[v], -v))  # lowest index on ties
        output.append(best)
        if best == EOS:
            break
    return output


def rank(hypothesis):
    tokens_, score = hypothesis
    return (-score, tokens_)


def beam(net, source, K):
    finished, unfinished = [], [((), 0.0)]
    for _ in range(MAX_OUTPUT):
        if not unfinished:
            break
        extensions = []
        for prefix, score in unfinished:
            scores = log_softmax_after(net, source, prefix)
            extensions += [(prefix + (v,), score + scores[v]) for v in range(1, V)]
        extensions.sort(key=rank)
        unfinished = []
        for hypothesis in extensions:
            if len(finished) + len(unfinished) == K:
                break
            (finished if hypothesis[0][-1] == EOS else unfinished).append(hypothesis)
    finished += unfinished
    return list(min(finished, key=rank)[0])


def text_of(output):
    return "".join(VOCABULARY[t - 2] for t in output if t >= 2)


def check_refused(cli, path, text, message):
    """Bad TEXT: exit 2, one stderr line saying what is wrong, nothing on stdout."""
    import subprocess
    result = subprocess.run([cli, "translate", path, text], capture_output=True, text=True)
    lines = result.stderr.splitlines()
    if result.returncode != 2 or result.stdout or len(lines) != 1 or message not in lines[0]:
        fail(f"translate {text!r}: expected exit 2 and one line with {message!r}, got "
             f"{result.returncode}: {result.stdout!r} {result.stderr!r}")


def main():
    cli = sys.argv[1]
    checked = differing = 0
    with tempfile.TemporaryDirectory() as folder:
        seed = 70
        for cell in ("rnn", "lstm", "gru"):
            for attention, directions in (("none", 2), ("dot", 1), ("additive", 2)):
                seed += 1
                net = Seq2Seq(cell, V, 4, 1, directions, attention, 3, Rng(seed))
                with torch.no_grad():  # larger weights: peaked, varied distributions
                    for p in net.parameters():
                        p *= 4.0
                session = session_of(net, cell, 4, 1, directions, attention, 3, {"seed": seed}, 2)
                session["data"]["max_output_length"] = MAX_OUTPUT
                path = write(folder, "translate.json", session)
                for text in SOURCES:
                    source = tokens(text, VOCABULARY)
                    expected_greedy = greedy(net, source)
                    for K in (None, 1, 2, 3, 5):
                        expected = expected_greedy if K is None else beam(net, source, K)
                        if K == 1 and expected != expected_greedy:
                            fail(f"reference: beam 1 differs from greedy for {text!r}")
                        if K is not None and expected != expected_greedy:
                            differing += 1
                        option = [] if K is None else ["--beam", str(K)]
                        what = f"{cell} {attention} {text!r} beam {K}"
                        printed = run(cli, "translate", path, text, *option)
                        if printed != text_of(expected) + "\n":
                            fail(f"{what}: printed {printed!r}, expected {text_of(expected)!r} "
                                 f"(tokens {expected})")
                        shown = json.loads(run(cli, "translate", path, text, *option,
                                               "--attention"))
                        if shown["output"] != text_of(expected) or shown["tokens"] != expected:
                            fail(f"{what}: --attention gave {shown['output']!r} {shown['tokens']}, "
                                 f"expected {expected}")
                        with torch.no_grad():
                            weights = net.pair(source, expected[:-1], V)[2]
                        if attention == "none":
                            if shown["attention"] != []:
                                fail(f"{what}: attention {shown['attention']} for none")
                        else:
                            close(what + " attention", shown["attention"], weights)
                        checked += 1
        check_refused(cli, path, "", "the text is empty")
        check_refused(cli, path, "ab年", "character 3, '年' (U+5E74), is not in the vocabulary")
    if differing == 0:
        fail("beam search never differed from greedy: the check cannot tell them apart")
    print(f"OK: {checked} translations agree with the spec's greedy and beam rules "
          f"({differing} beam outputs differ from greedy)")


if __name__ == "__main__":
    main()
