#pragma once

// The documented upper bounds on sizes. They keep a mistyped number from asking for gigabytes;
// a session beyond them is refused with a clear message.

namespace rnnlab::limits {

constexpr int MaxInputSize = 4096;
constexpr int MaxHiddenSize = 4096;
constexpr int MaxOutputSize = 4096;
constexpr int MaxSequenceLength = 100000;
constexpr long MaxIterations = 1'000'000'000L;

}  // namespace rnnlab::limits
