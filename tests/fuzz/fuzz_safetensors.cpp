// decodeSafetensors on arbitrary bytes (only SafetensorsError may leave it); what it accepts
// encodes and decodes back to the same tensors, and is imported as PyTorch weights for the
// model its metadata describe (bounded to small sizes), which may throw only SafetensorsError.

#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>

#include "fuzz_common.h"
#include "rnnlab/pytorch_weights.h"
#include "rnnlab/safetensors.h"

namespace {

// A metadata size from 1 to 64; else `fallback`.
int sizeFrom(const rnnlab::SafetensorsFile& file, std::string_view key, int fallback) {
  const std::string* text = file.metadataValue(key);
  int value = 0;
  if (text == nullptr ||
      std::from_chars(text->data(), text->data() + text->size(), value).ec != std::errc() ||
      value < 1 || value > 64) {
    return fallback;
  }
  return value;
}

bool sameValue(double a, double b) {
  return std::isnan(a) ? std::isnan(b)
                       : std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace rnnlab;
  SafetensorsFile file;
  try {
    file = decodeSafetensors(fuzz::asText(data, size));
  } catch (const SafetensorsError&) {
    return 0;
  }

  // The writer refuses a repeated name; the reader's JSON object cannot hold one twice.
  SafetensorsFile again;
  try {
    again = decodeSafetensors(encodeSafetensors(file));
  } catch (const SafetensorsError&) {
    fuzz::check(false, "an accepted file does not encode and decode again");
  }
  fuzz::check(again.metadata == file.metadata, "metadata changed in the round trip");
  fuzz::check(again.tensors.size() == file.tensors.size(), "tensor count changed");
  for (std::size_t k = 0; k < file.tensors.size(); ++k) {
    const Tensor& a = file.tensors[k];
    const Tensor& b = again.tensors[k];
    fuzz::check(a.name == b.name && a.dtype == b.dtype && a.shape == b.shape &&
                    a.values.size() == b.values.size(),
                "tensor header changed");
    for (std::size_t v = 0; v < a.values.size(); ++v) {
      fuzz::check(sameValue(a.values[v], b.values[v]), "tensor value changed");
    }
  }

  ModelConfig config;
  const std::string* cell = file.metadataValue("cell");
  config.cell = cell != nullptr && *cell == "lstm"  ? CellKind::Lstm
                : cell != nullptr && *cell == "gru" ? CellKind::Gru
                                                    : CellKind::Rnn;
  config.inputSize = sizeFrom(file, "input_size", 1);
  config.hiddenSize = sizeFrom(file, "hidden_size", 1);
  config.outputSize = sizeFrom(file, "output_size", 1);
  try {
    const Parameters p = importPytorchWeights(file, config);
    const Parameters zeros = Parameters::zeros(config);
    fuzz::check(p.blockCount() == zeros.blockCount(), "wrong block count");
    for (int k = 0; k < p.blockCount(); ++k) {
      fuzz::check(p.block(k).rows() == zeros.block(k).rows() &&
                      p.block(k).cols() == zeros.block(k).cols() && p.block(k).allFinite(),
                  "imported block has the wrong shape or a non-finite value");
    }
  } catch (const SafetensorsError&) {
  }
  return 0;
}
