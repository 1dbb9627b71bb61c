#pragma once

// The safetensors file format (Hugging Face's, which PyTorch's safetensors.torch reads):
//
//   bytes 0..7    N, the header's length, an unsigned 64-bit little-endian integer
//   bytes 8..8+N  a JSON object: "__metadata__" (an optional object of string values) and, per
//                 tensor, {"dtype": "F64"|"F32"|..., "shape": [...], "data_offsets": [begin, end]}
//                 (may end in spaces: writers pad it so the data starts 8-byte aligned)
//   the rest      the data: each tensor's elements, row-major, little-endian, at [begin, end)
//                 counted from the first data byte; the tensors cover the data without gaps
//                 or overlaps.
//
// Only F64 and F32 tensors are read and written here (the element types of weights).

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rnnlab/session.h"

namespace rnnlab {

// A refused safetensors file: one line naming the tensor or key. A SessionError, so that every
// caller that reports bad session input reports this too.
class SafetensorsError : public SessionError {
 public:
  using SessionError::SessionError;
};

enum class TensorDtype { F64, F32 };

struct Tensor {
  std::string name;
  TensorDtype dtype = TensorDtype::F64;
  std::vector<std::int64_t> shape;  // empty: a scalar
  std::vector<double> values;       // row-major; F32 values are rounded to float on writing
};

struct SafetensorsFile {
  std::vector<std::pair<std::string, std::string>> metadata;  // in the order written
  std::vector<Tensor> tensors;                                // in the order of their data

  const Tensor* find(std::string_view name) const;
  const std::string* metadataValue(std::string_view key) const;
};

// "F64" / "F32".
std::string_view toString(TensorDtype dtype);

// The file's bytes: the header lists "__metadata__" first, then the tensors in order, with
// consecutive offsets; padded with spaces to a multiple of 8 bytes. Throws SafetensorsError if a
// tensor's value count does not match its shape or a name repeats.
std::string encodeSafetensors(const SafetensorsFile& file);
// Parses and checks everything (header length, JSON, dtypes, shapes, offsets inside the data,
// no overlaps or gaps); throws SafetensorsError naming the tensor or key.
SafetensorsFile decodeSafetensors(std::string_view bytes);

// Reads a file; throws SafetensorsError (starting with the path on I/O errors and problems).
SafetensorsFile loadSafetensors(const std::filesystem::path& path);
// Writes atomically (temporary file and rename). Throws SessionError.
void saveSafetensors(const SafetensorsFile& file, const std::filesystem::path& path);

}  // namespace rnnlab
