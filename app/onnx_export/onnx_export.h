#pragma once

// A model as an ONNX file (opset 14) built with the protobuf classes of Debian's libonnx-dev.
// The graph, for a sequence of T steps and a batch of one:
//
//   x          T × 1 × I   input (the time axis first, as ONNX's recurrent operators want it)
//   initial_h  1 × 1 × H   input with a default (an initializer of the same name): the model's h0
//   initial_c  1 × 1 × H   lstm only, likewise c0
//
//   RNN / LSTM / GRU (W, R, B)  ->  Y (T × 1 × 1 × H), final_h (and final_c)
//   Squeeze(Y, axis 1)          ->  hidden  T × 1 × H   = grads's "hidden"
//   MatMul(hidden, fc_weight_t) ->            T × 1 × O
//   Add(…, fc_bias)             ->  y       T × 1 × O   = grads's "outputs", every step
//
// ONNX stacks the gate blocks in another order than PyTorch (and this project's W_ih, W_hh):
// LSTM i, o, f, c (ours i, f, g, o) and GRU z, r, h (ours r, z, n), and keeps both biases in
// one row B = [Wb, Rb]. Our GRU applies the reset gate after the recurrent product, as PyTorch's
// does, which is ONNX's linear_before_reset = 1. The rnn cell's single bias bh goes into Wb, and
// Rb is zero.
//
// A stack (spec v3 §1, L layers, D directions, L·D > 1) has one operator per layer k, named
// recurrent_l{k}, with direction "bidirectional" where D = 2 and W_l{k}, R_l{k}, B_l{k} shaped
// [D, …] (the forward cell's blocks first, the reverse cell's from the `_reverse` parameters).
// Its Y (T × D × 1 × H) goes through Transpose (perm 0 2 1 3) and Reshape to T × 1 × (D·H),
// [h→_t ; h←_t], the next layer's input; the top layer's is `hidden`, which MatMul and Add turn
// into y. The initial states are inputs initial_h_l{k} (initial_c_l{k}), D × 1 × H, defaulting
// to the session's rows; the outputs final_h_l{k} (final_c_l{k}) are each layer's last states.
// The metadata adds num_layers, bidirectional and dropout, as the safetensors export does. A
// single cell's graph is the one above, unchanged.
//
// This library is the only part of the project that uses protobuf: the core does not.

#include <filesystem>
#include <string>

#include "rnnlab/model.h"
#include "rnnlab/safetensors.h"

namespace rnnlab::onnx_export {

// The opset the file declares; the operators used are all defined at this version.
inline constexpr int OpsetVersion = 14;

struct OnnxExportOptions {
  TensorDtype dtype = TensorDtype::F64;  // the weights' and the graph's element type
  std::string producerVersion;           // written as the model's producer_version
  std::string vocabulary;                // text sessions: the vocabulary as UTF-8 (metadata)
};

// The model's ONNX file as bytes (a serialized onnx.ModelProto). Its metadata_props hold the
// strings cell, input_size, hidden_size, output_size, output_mode, loss (num_layers,
// bidirectional and dropout for a stack or dropout > 0, and vocabulary when given), as the
// safetensors export does.
std::string encodeOnnxModel(const Model& model, const OnnxExportOptions& options);

// Writes encodeOnnxModel's bytes to `path` atomically (temporary file and rename), so a failed
// write leaves no file behind. Throws SessionError.
void saveOnnxModel(const Model& model, const OnnxExportOptions& options,
                   const std::filesystem::path& path);

}  // namespace rnnlab::onnx_export
