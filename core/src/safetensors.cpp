#include "rnnlab/safetensors.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>

#include "text_io.h"

namespace rnnlab {
namespace {

using OrderedJson = nlohmann::ordered_json;

// The reference implementation refuses headers above 100 MB; so does this one, before reading
// them.
constexpr std::uint64_t MaxHeaderBytes = 100'000'000;

[[noreturn]] void fail(std::string message) { throw SafetensorsError(std::move(message)); }

std::size_t elementBytes(TensorDtype dtype) { return dtype == TensorDtype::F64 ? 8 : 4; }

void appendLittleEndian(std::string& out, std::uint64_t bits, std::size_t bytes) {
  for (std::size_t k = 0; k < bytes; ++k) {
    out += static_cast<char>((bits >> (8 * k)) & 0xFF);
  }
}

std::uint64_t readLittleEndian(const unsigned char* bytes, std::size_t count) {
  std::uint64_t bits = 0;
  for (std::size_t k = 0; k < count; ++k) {
    bits |= static_cast<std::uint64_t>(bytes[k]) << (8 * k);
  }
  return bits;
}

// The number of elements of `shape`, or nullopt if it overflows.
std::optional<std::uint64_t> elementCount(const std::vector<std::int64_t>& shape) {
  std::uint64_t count = 1;
  for (const std::int64_t dim : shape) {
    if (dim < 0) {
      return std::nullopt;
    }
    const auto d = static_cast<std::uint64_t>(dim);
    if (d != 0 && count > std::numeric_limits<std::uint64_t>::max() / d) {
      return std::nullopt;
    }
    count *= d;
  }
  return count;
}

// A JSON value for a message: scalars as written, arrays and objects by their size only
// (dump() recurses, and a header of nested brackets would overflow the stack).
std::string describe(const OrderedJson& value) {
  if (value.is_array()) {
    return "an array of " + std::to_string(value.size()) + (value.size() == 1 ? " item" : " items");
  }
  if (value.is_object()) {
    return "an object";
  }
  return value.dump();
}

// A header nests three levels deep (header, tensor, shape); the JSON library copies and
// prints nested values recursively, so brackets nested without end would overflow the stack.
constexpr int MaxHeaderDepth = 64;

// Whether `text` nests arrays and objects deeper than MaxHeaderDepth (brackets inside strings
// do not count).
bool nestsTooDeep(std::string_view text) {
  int depth = 0;
  bool inString = false;
  for (std::size_t k = 0; k < text.size(); ++k) {
    const char c = text[k];
    if (inString) {
      if (c == '\\') {
        ++k;  // the escaped character, which may be a quote
      } else if (c == '"') {
        inString = false;
      }
    } else if (c == '"') {
      inString = true;
    } else if (c == '[' || c == '{') {
      if (++depth > MaxHeaderDepth) {
        return true;
      }
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return false;
}

std::uint64_t readOffset(const OrderedJson& value, const std::string& path) {
  if (!value.is_number_unsigned()) {
    fail(path + ": expected a whole number ≥ 0, got " + describe(value));
  }
  return value.get<std::uint64_t>();
}

Tensor readTensorHeader(const std::string& name, const OrderedJson& entry, std::uint64_t& begin,
                        std::uint64_t& end) {
  const std::string path = "tensor '" + name + "'";
  if (!entry.is_object()) {
    fail(path + ": expected an object with dtype, shape and data_offsets");
  }
  for (const auto& [key, unused] : entry.items()) {
    if (key != "dtype" && key != "shape" && key != "data_offsets") {
      fail(path + ": unknown key '" + key + "'");
    }
  }
  Tensor tensor;
  tensor.name = name;
  const auto dtype = entry.find("dtype");
  if (dtype == entry.end() || !dtype->is_string()) {
    fail(path + ": dtype missing or not a string");
  }
  const std::string dtypeName = dtype->get<std::string>();
  if (dtypeName == "F64") {
    tensor.dtype = TensorDtype::F64;
  } else if (dtypeName == "F32") {
    tensor.dtype = TensorDtype::F32;
  } else {
    fail(path + ": dtype " + dtypeName + " is not supported (expected F64 or F32)");
  }
  const auto shape = entry.find("shape");
  if (shape == entry.end() || !shape->is_array()) {
    fail(path + ": shape missing or not an array");
  }
  for (const auto& dim : *shape) {
    if (!dim.is_number_unsigned()) {
      fail(path + ": shape: expected whole numbers ≥ 0, got " + describe(dim));
    }
    const std::uint64_t d = dim.get<std::uint64_t>();
    if (d > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      fail(path + ": shape " + shape->dump() + " is too large");
    }
    tensor.shape.push_back(static_cast<std::int64_t>(d));
  }
  const auto offsets = entry.find("data_offsets");
  if (offsets == entry.end() || !offsets->is_array() || offsets->size() != 2) {
    fail(path + ": data_offsets missing or not [begin, end]");
  }
  begin = readOffset((*offsets)[0], path + ": data_offsets");
  end = readOffset((*offsets)[1], path + ": data_offsets");
  if (end < begin) {
    fail(path + ": data_offsets [" + std::to_string(begin) + ", " + std::to_string(end) +
         "] end before they begin");
  }
  const auto count = elementCount(tensor.shape);
  if (!count || *count > std::numeric_limits<std::uint64_t>::max() / 8 ||
      *count * elementBytes(tensor.dtype) != end - begin) {
    fail(path + ": data_offsets [" + std::to_string(begin) + ", " + std::to_string(end) +
         "] hold " + std::to_string(end - begin) + " bytes, the shape " + shape->dump() + " of " +
         dtypeName + " needs " +
         (count ? std::to_string(*count * elementBytes(tensor.dtype)) : std::string("too many")));
  }
  return tensor;
}

}  // namespace

std::string_view toString(TensorDtype dtype) { return dtype == TensorDtype::F64 ? "F64" : "F32"; }

const Tensor* SafetensorsFile::find(std::string_view name) const {
  for (const Tensor& tensor : tensors) {
    if (tensor.name == name) {
      return &tensor;
    }
  }
  return nullptr;
}

const std::string* SafetensorsFile::metadataValue(std::string_view key) const {
  for (const auto& [name, value] : metadata) {
    if (name == key) {
      return &value;
    }
  }
  return nullptr;
}

std::string encodeSafetensors(const SafetensorsFile& file) {
  OrderedJson header = OrderedJson::object();
  if (!file.metadata.empty()) {
    OrderedJson metadata = OrderedJson::object();
    for (const auto& [key, value] : file.metadata) {
      metadata[key] = value;
    }
    header["__metadata__"] = std::move(metadata);
  }
  std::set<std::string> names;
  std::uint64_t offset = 0;
  for (const Tensor& tensor : file.tensors) {
    if (tensor.name == "__metadata__" || !names.insert(tensor.name).second) {
      fail("tensor '" + tensor.name + "': the name is used twice or reserved");
    }
    const auto count = elementCount(tensor.shape);
    if (!count || *count != tensor.values.size()) {
      fail("tensor '" + tensor.name + "': " + std::to_string(tensor.values.size()) +
           " values do not fill its shape");
    }
    const std::uint64_t bytes = *count * elementBytes(tensor.dtype);
    header[tensor.name] = {{"dtype", toString(tensor.dtype)},
                           {"shape", tensor.shape},
                           {"data_offsets", {offset, offset + bytes}}};
    offset += bytes;
  }
  std::string json = header.dump();
  // Spaces after the object keep it valid JSON and start the data 8-byte aligned.
  json.append((8 - json.size() % 8) % 8, ' ');

  std::string out;
  out.reserve(8 + json.size() + offset);
  appendLittleEndian(out, json.size(), 8);
  out += json;
  for (const Tensor& tensor : file.tensors) {
    for (const double value : tensor.values) {
      if (tensor.dtype == TensorDtype::F64) {
        appendLittleEndian(out, std::bit_cast<std::uint64_t>(value), 8);
      } else {
        appendLittleEndian(out, std::bit_cast<std::uint32_t>(static_cast<float>(value)), 4);
      }
    }
  }
  return out;
}

SafetensorsFile decodeSafetensors(std::string_view bytes) {
  if (bytes.size() < 8) {
    fail("truncated: " + std::to_string(bytes.size()) +
         " bytes, fewer than the 8 of the header length");
  }
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::uint64_t headerLength = readLittleEndian(data, 8);
  const std::uint64_t available = bytes.size() - 8;
  if (headerLength > available) {
    fail("the header length says " + std::to_string(headerLength) + " bytes, the file has " +
         std::to_string(available) + " after it (truncated, or not a safetensors file)");
  }
  if (headerLength > MaxHeaderBytes) {
    fail("the header length " + std::to_string(headerLength) + " is above the limit of " +
         std::to_string(MaxHeaderBytes) + " bytes");
  }
  const std::string_view headerText = bytes.substr(8, headerLength);
  if (headerText.empty() || headerText.front() != '{') {
    fail("the header is not a JSON object (it must start with '{')");
  }
  if (nestsTooDeep(headerText)) {
    fail("the header nests arrays or objects more than " + std::to_string(MaxHeaderDepth) +
         " levels deep");
  }
  OrderedJson header;
  try {
    header = OrderedJson::parse(headerText.begin(), headerText.end());
  } catch (const OrderedJson::exception& error) {
    std::string message = error.what();
    const auto tag = message.find("] ");
    fail("the header is not valid JSON: " +
         (tag == std::string::npos ? message : message.substr(tag + 2)));
  }
  if (!header.is_object()) {
    fail("the header is not a JSON object");
  }

  SafetensorsFile file;
  struct Range {
    std::uint64_t begin;
    std::uint64_t end;
    std::size_t tensor;
  };
  std::vector<Range> ranges;
  for (const auto& [key, value] : header.items()) {
    if (key == "__metadata__") {
      if (!value.is_object()) {
        fail("__metadata__: expected an object of strings");
      }
      for (const auto& [name, text] : value.items()) {
        if (!text.is_string()) {
          fail("__metadata__." + name + ": expected a string, got " + describe(text));
        }
        file.metadata.emplace_back(name, text.get<std::string>());
      }
      continue;
    }
    std::uint64_t begin = 0;
    std::uint64_t end = 0;
    file.tensors.push_back(readTensorHeader(key, value, begin, end));
    ranges.push_back({begin, end, file.tensors.size() - 1});
  }

  const std::uint64_t dataLength = available - headerLength;
  std::sort(ranges.begin(), ranges.end(), [](const Range& a, const Range& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
  });
  std::uint64_t covered = 0;
  for (const Range& range : ranges) {
    const std::string& name = file.tensors[range.tensor].name;
    if (range.end > dataLength) {
      fail("tensor '" + name + "': data_offsets end at " + std::to_string(range.end) +
           ", the data has " + std::to_string(dataLength) + " bytes (truncated?)");
    }
    if (range.begin < covered) {
      fail("tensor '" + name + "': data_offsets [" + std::to_string(range.begin) + ", " +
           std::to_string(range.end) + "] overlap another tensor's");
    }
    if (range.begin > covered) {
      fail("tensor '" + name + "': data_offsets begin at " + std::to_string(range.begin) +
           ", leaving bytes " + std::to_string(covered) + " to " + std::to_string(range.begin) +
           " unused");
    }
    covered = range.end;
  }
  if (covered != dataLength) {
    fail("the data has " + std::to_string(dataLength) + " bytes, the tensors cover " +
         std::to_string(covered));
  }

  const unsigned char* const first = data + 8 + headerLength;
  std::vector<Tensor> ordered;
  ordered.reserve(ranges.size());
  for (const Range& range : ranges) {
    Tensor& tensor = file.tensors[range.tensor];
    const std::size_t size = elementBytes(tensor.dtype);
    const std::size_t count = static_cast<std::size_t>((range.end - range.begin) / size);
    tensor.values.resize(count);
    const unsigned char* at = first + range.begin;
    for (std::size_t k = 0; k < count; ++k, at += size) {
      tensor.values[k] = size == 8 ? std::bit_cast<double>(readLittleEndian(at, 8))
                                   : static_cast<double>(std::bit_cast<float>(
                                         static_cast<std::uint32_t>(readLittleEndian(at, 4))));
    }
    ordered.push_back(std::move(tensor));
  }
  file.tensors = std::move(ordered);
  return file;
}

SafetensorsFile loadSafetensors(const std::filesystem::path& path) {
  std::string bytes;
  try {
    bytes = detail::readTextFile(path);
  } catch (const SessionError& error) {
    throw SafetensorsError(error.what());
  }
  try {
    return decodeSafetensors(bytes);
  } catch (const SafetensorsError& error) {
    throw SafetensorsError(path.string() + ": " + error.what());
  }
}

void saveSafetensors(const SafetensorsFile& file, const std::filesystem::path& path) {
  writeFileAtomically(path, encodeSafetensors(file));
}

}  // namespace rnnlab
