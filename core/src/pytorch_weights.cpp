#include "rnnlab/pytorch_weights.h"

#include <cmath>
#include <string>
#include <vector>

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

}  // namespace

SafetensorsFile exportPytorchWeights(const Model& model, TensorDtype dtype,
                                     std::string_view vocabulary) {
  const ModelConfig& config = model.config;
  const Parameters& p = model.params;
  SafetensorsFile file;
  // The safetensors __metadata__ keys (spec v2 §5): another file's format, which happens to use
  // the session's key names; they are not the session's keys and stay spelled here.
  file.metadata = {{"cell", std::string(toString(config.cell))},
                   {"input_size", std::to_string(config.inputSize)},
                   {"hidden_size", std::to_string(config.hiddenSize)},
                   {"output_size", std::to_string(config.outputSize)},
                   {"output_mode", std::string(toString(config.outputMode))},
                   {"loss", std::string(toString(config.loss))}};
  if (!vocabulary.empty()) {
    file.metadata.emplace_back("vocabulary", std::string(vocabulary));
  }
  const bool rnn = config.cell == CellKind::Rnn;
  const Matrix biasIh = rnn ? Matrix(p.bh()) : Matrix(p.bih());
  const Matrix biasHh = rnn ? Matrix::Zero(p.bh().size(), 1) : Matrix(p.bhh());
  file.tensors.push_back(rowMajor(PytorchTensorNames[0], p.Wxh(), false, dtype));
  file.tensors.push_back(rowMajor(PytorchTensorNames[1], biasIh, true, dtype));
  file.tensors.push_back(rowMajor(PytorchTensorNames[2], p.Whh(), false, dtype));
  file.tensors.push_back(rowMajor(PytorchTensorNames[3], biasHh, true, dtype));
  file.tensors.push_back(rowMajor(PytorchTensorNames[4], p.Why(), false, dtype));
  file.tensors.push_back(rowMajor(PytorchTensorNames[5], Matrix(p.by()), true, dtype));
  return file;
}

Parameters importPytorchWeights(const SafetensorsFile& file, const ModelConfig& config) {
  checkMetadata(file, "cell", std::string(toString(config.cell)), "model.cell");
  checkMetadata(file, "input_size", std::to_string(config.inputSize), "model.input_size");
  checkMetadata(file, "hidden_size", std::to_string(config.hiddenSize), "model.hidden_size");
  checkMetadata(file, "output_size", std::to_string(config.outputSize), "model.output_size");
  for (const Tensor& tensor : file.tensors) {
    bool known = false;
    for (const std::string_view name : PytorchTensorNames) {
      known = known || tensor.name == name;
    }
    if (!known) {
      fail("tensor '" + tensor.name + "': not a parameter of rnn = nn." +
           (config.cell == CellKind::Rnn    ? std::string("RNN")
            : config.cell == CellKind::Lstm ? std::string("LSTM")
                                            : std::string("GRU")) +
           " and fc = nn.Linear (expected rnn.weight_ih_l0, rnn.weight_hh_l0, rnn.bias_ih_l0, "
           "rnn.bias_hh_l0, fc.weight, fc.bias)");
    }
  }
  const Index I = config.inputSize;
  const Index H = config.hiddenSize;
  const Index O = config.outputSize;
  const Index GH = gateCount(config.cell) * H;
  // Every tensor first (each checked against the file's data), the parameters after: a file that
  // lacks them is refused without allocating room for the session's sizes.
  Matrix wih = readTensor(file, "rnn.weight_ih_l0", GH, I, false);
  Matrix whh = readTensor(file, "rnn.weight_hh_l0", GH, H, false);
  const Matrix biasIh = readTensor(file, "rnn.bias_ih_l0", GH, 1, true);
  const Matrix biasHh = readTensor(file, "rnn.bias_hh_l0", GH, 1, true);
  Matrix why = readTensor(file, "fc.weight", O, H, false);
  const Matrix by = readTensor(file, "fc.bias", O, 1, true);
  Parameters p = Parameters::zeros(config);
  p.Wxh() = std::move(wih);
  p.Whh() = std::move(whh);
  p.Why() = std::move(why);
  p.by() = by;
  if (config.cell == CellKind::Rnn) {
    // PyTorch's RNN adds both biases; this cell has one. Adding zeros keeps bh exact.
    p.bh() = biasIh + biasHh;
  } else {
    p.bih() = biasIh;
    p.bhh() = biasHh;
  }
  return p;
}

}  // namespace rnnlab
