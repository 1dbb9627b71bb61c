#include "rnnlab/pytorch_weights.h"

#include <cmath>
#include <string>
#include <vector>

#include "text_io.h"

namespace rnnlab {
namespace {

[[noreturn]] void fail(std::string message) { throw SafetensorsError(std::move(message)); }

Tensor rowMajor(std::string_view name, const Matrix& matrix, bool vector, TensorDtype dtype) {
  Tensor tensor;
  tensor.name = std::string(name);
  tensor.dtype = dtype;
  if (vector) {
    tensor.shape = {matrix.rows()};
  } else {
    tensor.shape = {matrix.rows(), matrix.cols()};
  }
  tensor.values.reserve(static_cast<std::size_t>(matrix.size()));
  for (Index r = 0; r < matrix.rows(); ++r) {
    for (Index c = 0; c < matrix.cols(); ++c) {
      tensor.values.push_back(matrix(r, c));
    }
  }
  return tensor;
}

std::string shapeText(const std::vector<std::int64_t>& shape) {
  std::string text = "[";
  for (std::size_t k = 0; k < shape.size(); ++k) {
    text += (k > 0 ? ", " : "") + std::to_string(shape[k]);
  }
  return text + "]";
}

Matrix readTensor(const SafetensorsFile& file, std::string_view name, Index rows, Index cols,
                  bool vector) {
  const Tensor* tensor = file.find(name);
  if (tensor == nullptr) {
    fail("tensor '" + std::string(name) + "': missing");
  }
  const std::vector<std::int64_t> expected =
      vector ? std::vector<std::int64_t>{rows} : std::vector<std::int64_t>{rows, cols};
  if (tensor->shape != expected) {
    fail("tensor '" + std::string(name) + "': shape " + shapeText(tensor->shape) +
         ", the session needs " + shapeText(expected));
  }
  Matrix matrix(rows, cols);
  std::size_t k = 0;
  for (Index r = 0; r < rows; ++r) {
    for (Index c = 0; c < cols; ++c, ++k) {
      const double value = tensor->values[k];
      if (!std::isfinite(value)) {
        fail("tensor '" + std::string(name) + "': element " + std::to_string(k) +
             " is not a finite number");
      }
      matrix(r, c) = value;
    }
  }
  return matrix;
}

void checkMetadata(const SafetensorsFile& file, std::string_view key, const std::string& expected,
                   std::string_view sessionKey) {
  if (const std::string* value = file.metadataValue(key)) {
    if (*value != expected) {
      fail("__metadata__." + std::string(key) + ": the file says " + *value + ", the session's " +
           std::string(sessionKey) + " is " + expected);
    }
  }
}

// "_l0", "_l1_reverse": PyTorch's suffix of a cell's tensors.
std::string cellSuffix(int layer, int direction) {
  std::string suffix = "_l" + std::to_string(layer);
  return direction == 1 ? suffix + "_reverse" : suffix;
}

constexpr std::string_view CellTensors[] = {"rnn.weight_ih", "rnn.bias_ih", "rnn.weight_hh",
                                            "rnn.bias_hh"};

}  // namespace

std::vector<std::string> pytorchTensorNames(const ModelConfig& config) {
  std::vector<std::string> names;
  for (int k = 0; k < config.layers; ++k) {
    for (int d = 0; d < config.directions(); ++d) {
      for (const std::string_view tensor : CellTensors) {
        names.push_back(std::string(tensor) + cellSuffix(k, d));
      }
    }
  }
  names.emplace_back("fc.weight");
  names.emplace_back("fc.bias");
  return names;
}

SafetensorsFile exportPytorchWeights(const Model& model, TensorDtype dtype,
                                     std::string_view vocabulary) {
  const ModelConfig& config = model.config;
  const Parameters& p = model.params;
  SafetensorsFile file;
  // The safetensors __metadata__ keys (spec v2 §5, v3 §1): another file's format, which happens
  // to use the session's key names; they are not the session's keys and stay spelled here.
  file.metadata = {{"cell", std::string(toString(config.cell))},
                   {"input_size", std::to_string(config.inputSize)},
                   {"hidden_size", std::to_string(config.hiddenSize)},
                   {"output_size", std::to_string(config.outputSize)},
                   {"output_mode", std::string(toString(config.outputMode))},
                   {"loss", std::string(toString(config.loss))}};
  if (config.stacked() || config.dropout > 0.0) {
    file.metadata.emplace_back("num_layers", std::to_string(config.layers));
    file.metadata.emplace_back("bidirectional", config.bidirectional ? "true" : "false");
    file.metadata.emplace_back("dropout", detail::formatNumber(config.dropout));
  }
  if (!vocabulary.empty()) {
    file.metadata.emplace_back("vocabulary", std::string(vocabulary));
  }
  const bool rnn = config.cell == CellKind::Rnn;
  const std::vector<std::string> names = pytorchTensorNames(config);
  std::size_t next = 0;
  for (int k = 0; k < config.layers; ++k) {
    for (int d = 0; d < config.directions(); ++d) {
      const auto block = [&](CellBlock role) -> const Matrix& {
        return p.block(p.cellBlockIndex(k, d, role));
      };
      const Matrix& biasIh = block(CellBlock::InputBias);
      const Matrix biasHh = rnn ? Matrix::Zero(biasIh.rows(), 1) : block(CellBlock::RecurrentBias);
      file.tensors.push_back(rowMajor(names[next++], block(CellBlock::InputWeights), false, dtype));
      file.tensors.push_back(rowMajor(names[next++], biasIh, true, dtype));
      file.tensors.push_back(
          rowMajor(names[next++], block(CellBlock::RecurrentWeights), false, dtype));
      file.tensors.push_back(rowMajor(names[next++], biasHh, true, dtype));
    }
  }
  file.tensors.push_back(rowMajor(names[next++], p.Why(), false, dtype));
  file.tensors.push_back(rowMajor(names[next], Matrix(p.by()), true, dtype));
  return file;
}

Parameters importPytorchWeights(const SafetensorsFile& file, const ModelConfig& config) {
  checkMetadata(file, "cell", std::string(toString(config.cell)), "model.cell");
  checkMetadata(file, "input_size", std::to_string(config.inputSize), "model.input_size");
  checkMetadata(file, "hidden_size", std::to_string(config.hiddenSize), "model.hidden_size");
  checkMetadata(file, "output_size", std::to_string(config.outputSize), "model.output_size");
  checkMetadata(file, "num_layers", std::to_string(config.layers), "model.layers");
  checkMetadata(file, "bidirectional", config.bidirectional ? "true" : "false",
                "model.bidirectional");
  const std::vector<std::string> names = pytorchTensorNames(config);
  for (const Tensor& tensor : file.tensors) {
    bool known = false;
    for (const std::string& name : names) {
      known = known || tensor.name == name;
    }
    if (!known) {
      std::string expected;
      for (std::size_t k = 0; k < names.size(); ++k) {
        expected += (k > 0 ? ", " : "") + names[k];
      }
      fail("tensor '" + tensor.name + "': not a parameter of rnn = nn." +
           (config.cell == CellKind::Rnn    ? std::string("RNN")
            : config.cell == CellKind::Lstm ? std::string("LSTM")
                                            : std::string("GRU")) +
           (config.stacked() ? "(num_layers=" + std::to_string(config.layers) +
                                   (config.bidirectional ? ", bidirectional=True)" : ")")
                             : std::string()) +
           " and fc = nn.Linear (expected " + expected + ")");
    }
  }
  const Index I = config.inputSize;
  const Index H = config.hiddenSize;
  const Index O = config.outputSize;
  const Index GH = gateCount(config.cell) * H;
  // Every tensor first (each checked against the file's data), the parameters after: a file that
  // lacks them is refused without allocating room for the session's sizes.
  std::vector<Matrix> read;
  std::size_t next = 0;
  for (int k = 0; k < config.layers; ++k) {
    const Index inputs = k == 0 ? I : config.topSize();
    for (int d = 0; d < config.directions(); ++d) {
      read.push_back(readTensor(file, names[next++], GH, inputs, false));
      read.push_back(readTensor(file, names[next++], GH, 1, true));
      read.push_back(readTensor(file, names[next++], GH, H, false));
      read.push_back(readTensor(file, names[next++], GH, 1, true));
    }
  }
  Matrix why = readTensor(file, names[next++], O, config.topSize(), false);
  const Matrix by = readTensor(file, names[next], O, 1, true);
  Parameters p = Parameters::zeros(config);
  std::size_t from = 0;
  for (int k = 0; k < config.layers; ++k) {
    for (int d = 0; d < config.directions(); ++d) {
      p.block(p.cellBlockIndex(k, d, CellBlock::InputWeights)) = std::move(read[from]);
      p.block(p.cellBlockIndex(k, d, CellBlock::RecurrentWeights)) = std::move(read[from + 2]);
      if (config.cell == CellKind::Rnn) {
        // PyTorch's RNN adds both biases; this cell has one. Adding zeros keeps bh exact.
        p.block(p.cellBlockIndex(k, d, CellBlock::InputBias)) = read[from + 1] + read[from + 3];
      } else {
        p.block(p.cellBlockIndex(k, d, CellBlock::InputBias)) = std::move(read[from + 1]);
        p.block(p.cellBlockIndex(k, d, CellBlock::RecurrentBias)) = std::move(read[from + 3]);
      }
      from += 4;
    }
  }
  p.Why() = std::move(why);
  p.by() = by;
  return p;
}

}  // namespace rnnlab
