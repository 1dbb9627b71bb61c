#include "rnnlab/text_data.h"

#include <algorithm>

#include "rnnlab/limits.h"
#include "rnnlab/utf8.h"

namespace rnnlab {
namespace {

std::optional<std::string> decode(const std::string& text, std::string_view key,
                                  std::u32string& out) {
  if (const auto offset = decodeUtf8(text, out)) {
    return "data." + std::string(key) + ": invalid UTF-8 at byte " + std::to_string(*offset) +
           " (character " + std::to_string(out.size() + 1) + ")";
  }
  return std::nullopt;
}

std::optional<std::string> toIndices(const TextData& data, const std::u32string& text,
                                     std::string_view key, std::vector<int>& out) {
  out.clear();
  out.reserve(text.size());
  for (std::size_t k = 0; k < text.size(); ++k) {
    const int index = data.indexOf(text[k]);
    if (index < 0) {
      return "data." + std::string(key) + ": character " + std::to_string(k + 1) + ", " +
             describeCodePoint(text[k]) + ", is not in data.vocabulary";
    }
    out.push_back(index);
  }
  return std::nullopt;
}

}  // namespace

int TextData::indexOf(char32_t codePoint) const {
  if (vocabularyGiven) {
    const auto at = vocabulary.find(codePoint);
    return at == std::u32string::npos ? -1 : static_cast<int>(at);
  }
  // A built vocabulary is sorted.
  const auto it = std::lower_bound(vocabulary.begin(), vocabulary.end(), codePoint);
  return it != vocabulary.end() && *it == codePoint ? static_cast<int>(it - vocabulary.begin())
                                                    : -1;
}

std::optional<std::string> prepareText(TextData& data) {
  if (data.sequenceLength < 1 || data.sequenceLength > limits::MaxSequenceLength) {
    return "data.sequence_length: must be between 1 and " +
           std::to_string(limits::MaxSequenceLength) + ", got " +
           std::to_string(data.sequenceLength);
  }
  std::u32string text;
  std::u32string validation;
  // TextData is used without a session too (the text editor), so its messages spell the session
  // keys they name ("data.text: ..."); the session's field table declares the keys themselves.
  if (auto problem = decode(data.text, "text", text)) {
    return problem;
  }
  if (auto problem = decode(data.validationText, "validation_text", validation)) {
    return problem;
  }
  if (data.vocabularyGiven) {
    std::u32string sorted = data.vocabulary;
    std::sort(sorted.begin(), sorted.end());
    const auto repeated = std::adjacent_find(sorted.begin(), sorted.end());
    if (repeated != sorted.end()) {
      return "data.vocabulary: " + describeCodePoint(*repeated) + " appears more than once";
    }
  } else {
    std::u32string all = text + validation;
    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(), all.end()), all.end());
    data.vocabulary = std::move(all);
  }
  if (data.vocabulary.empty()) {
    return std::string("data.vocabulary: is empty");
  }
  if (data.vocabulary.size() > static_cast<std::size_t>(limits::MaxInputSize)) {
    return "data.vocabulary: at most " + std::to_string(limits::MaxInputSize) +
           " characters are allowed (model.input_size), got " +
           std::to_string(data.vocabulary.size());
  }
  const auto needed = static_cast<std::size_t>(data.sequenceLength) + 2;
  if (text.size() < needed) {
    return "data.text: has " + std::to_string(text.size()) + " characters; data.sequence_length " +
           std::to_string(data.sequenceLength) + " needs at least " + std::to_string(needed);
  }
  if (validation.size() == 1) {
    return std::string(
        "data.validation_text: has 1 character; at least 2 are needed (every character but the "
        "first is predicted)");
  }
  if (auto problem = toIndices(data, text, "text", data.indices)) {
    return problem;
  }
  return toIndices(data, validation, "validation_text", data.validationIndices);
}

}  // namespace rnnlab
