#pragma once

// A model's weights under the names a PyTorch module with `rnn` = nn.RNN/nn.LSTM/nn.GRU(I, H)
// and `fc` = nn.Linear(H, O) expects from load_state_dict (the spec's "Export and import"):
//
//   rnn.weight_ih_l0  G·H × I   Wxh or W_ih
//   rnn.weight_hh_l0  G·H × H   Whh or W_hh
//   rnn.bias_ih_l0    G·H       bh (rnn) or b_ih
//   rnn.bias_hh_l0    G·H       zeros (rnn) or b_hh
//   fc.weight         O × H     Why
//   fc.bias           O         by
//
// with "__metadata__" strings cell, input_size, hidden_size, output_size, output_mode, loss.
// A stack (v3 §1) is nn.RNN/LSTM/GRU(I, H, num_layers=L, bidirectional=…): the four rnn.* tensors
// for every layer k and direction, suffixed _l{k} and _l{k}_reverse (layer k ≥ 1 reads D·H
// inputs), and fc = nn.Linear(D·H, O); its metadata adds num_layers, bidirectional and dropout.
// The initial states h0, c0 are not parameters of those modules and are not part of the file.

#include <string>
#include <string_view>
#include <vector>

#include "rnnlab/model.h"
#include "rnnlab/safetensors.h"

namespace rnnlab {

// The tensors of a model of `config`, in the file's order.
std::vector<std::string> pytorchTensorNames(const ModelConfig& config);

// The model's weights and metadata, in PyTorch's state_dict order. A text session's vocabulary
// (UTF-8, one code point per input) goes into the metadata as `vocabulary` (spec v2 §5).
SafetensorsFile exportPytorchWeights(const Model& model, TensorDtype dtype,
                                     std::string_view vocabulary = {});

// The weights for `config` from a file with those names. Refuses (SafetensorsError naming the
// tensor or metadata key) a missing or unknown tensor, a shape that does not fit, a non-finite
// value, or metadata that says another cell or size. An rnn's non-zero bias_hh_l0 is folded
// into bh (bh = bias_ih_l0 + bias_hh_l0).
Parameters importPytorchWeights(const SafetensorsFile& file, const ModelConfig& config);

}  // namespace rnnlab
