#pragma once

// The documented upper bounds on sizes. They keep a mistyped number from asking for gigabytes;
// a session beyond them is refused with a clear message.
//
// Each size alone may reach its bound, but the weights together may not exceed MaxWeights: the
// app holds about 300 bytes per weight while it trains and shows a model (the weights, their
// gradients and optimizer state, in the live trainer, the shown snapshot and the traced next
// iteration), so 8.4M weights need about 2.5 GB. Measured: H = 4096 (17M weights) needed
// 4.9 GB and 51 s before the window showed it, hence the hidden size's bound of 2048.

namespace rnnlab::limits {

constexpr int MaxInputSize = 4096;
constexpr int MaxHiddenSize = 2048;
constexpr int MaxOutputSize = 4096;
// Weight matrix entries: gates·H·(I + H) + O·H (gates: 1 rnn, 3 gru, 4 lstm), summed over every
// layer and direction of a stack. 2^23: an rnn with
// H = 2048 and I = O = 1024, or an lstm with H = 1024 and I = O = 512.
constexpr long MaxWeights = 8'388'608L;
constexpr int MaxSequenceLength = 100000;
constexpr int MaxLayers = 8;
// Parallel streams of a text (data.batch_size): char-rnn's 50 and well beyond.
constexpr int MaxStreams = 4096;
constexpr long MaxIterations = 1'000'000'000L;

}  // namespace rnnlab::limits
