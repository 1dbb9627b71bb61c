#pragma once

// `export --format onnx`'s writer, kept apart from cli_commands.cpp so that only this file (and
// the rnnlab_onnx_export library it calls) knows about ONNX. In a build without libonnx-dev
// haveOnnxExport() is false and runExport refuses --format onnx, saying so.

#include <filesystem>

#include "rnnlab/safetensors.h"
#include "rnnlab/session.h"

namespace rnnlab::cli {

// True when this rnnlab-cli was built with libonnx-dev.
bool haveOnnxExport();

// The session's model (weights from the file, or drawn from its seed; h0 and c0 as the graph's
// default initial state) as an ONNX file with the cell's RNN/LSTM/GRU operator and MatMul + Add
// for the output layer, written atomically. Throws SessionError when it cannot be written.
void writeOnnxExport(const Session& session, TensorDtype dtype, const std::filesystem::path& out);

}  // namespace rnnlab::cli
