#include "rnnlab/pairs_data.h"

#include <algorithm>

#include "rnnlab/limits.h"
#include "rnnlab/utf8.h"

namespace rnnlab {
namespace {

std::string at(const char* list, std::size_t k, int side) {
  return std::string("data.") + list + "[" + std::to_string(k) + "][" + std::to_string(side) + "]";
}

// The code points of every string of both lists, each checked for UTF-8 and length.
std::optional<std::string> decodeAll(const PairsData& data,
                                     std::vector<std::vector<std::u32string>>& out) {
  out.assign(2, {});
  for (int list = 0; list < 2; ++list) {
    const auto& pairs = list == 0 ? data.train : data.validation;
    const char* name = list == 0 ? "train" : "validation";
    for (std::size_t k = 0; k < pairs.size(); ++k) {
      for (int side = 0; side < 2; ++side) {
        const std::string& text = side == 0 ? pairs[k].first : pairs[k].second;
        std::u32string points;
        if (const auto offset = decodeUtf8(text, points)) {
          return at(name, k, side) + ": invalid UTF-8 at byte " + std::to_string(*offset);
        }
        const std::size_t limit = side == 0 ? PairsData::MaxSourceLength
                                            : PairsData::MaxTargetLength;
        if (side == 0 && points.empty()) {
          return at(name, k, side) + ": a source needs at least 1 character, got none";
        }
        if (points.size() > limit) {
          return at(name, k, side) + ": at most " + std::to_string(limit) +
                 " characters are allowed, got " + std::to_string(points.size());
        }
        out[static_cast<std::size_t>(list)].push_back(std::move(points));
      }
    }
  }
  return std::nullopt;
}

std::optional<std::string> tokensOf(const PairsData& data, const std::u32string& text,
                                    const std::string& path, std::vector<int>& out) {
  out.clear();
  out.reserve(text.size());
  for (std::size_t k = 0; k < text.size(); ++k) {
    const int token = data.tokenOf(text[k]);
    if (token < 0) {
      return (path.empty() ? std::string() : path + ": ") + "character " + std::to_string(k + 1) + ", " + describeCodePoint(text[k]) +
             ", is not in " + (path.empty() ? "the vocabulary" : "data.vocabulary");
    }
    out.push_back(token);
  }
  return std::nullopt;
}

}  // namespace

int PairsData::tokenOf(char32_t codePoint) const {
  if (vocabularyGiven) {
    const auto found = vocabulary.find(codePoint);
    return found == std::u32string::npos ? -1 : FirstCharacter + static_cast<int>(found);
  }
  const auto it = std::lower_bound(vocabulary.begin(), vocabulary.end(), codePoint);
  return it != vocabulary.end() && *it == codePoint
             ? FirstCharacter + static_cast<int>(it - vocabulary.begin())
             : -1;
}

std::string PairsData::textOf(const std::vector<int>& tokens) const {
  std::string out;
  for (const int token : tokens) {
    if (token >= FirstCharacter && token < tokenCount()) {
      appendUtf8(out, vocabulary[static_cast<std::size_t>(token - FirstCharacter)]);
    }
  }
  return out;
}

int PairsData::effectiveBatchSize() const {
  const int n = static_cast<int>(train.size());
  if (batchSize <= 0 || batchSize > n) {
    return std::max(n, 1);
  }
  return batchSize;
}

long PairsData::batchesPerEpoch() const {
  const long n = static_cast<long>(train.size());
  const long b = effectiveBatchSize();
  return std::max(1L, (n + b - 1) / b);
}

int PairsData::longestSource() const {
  std::size_t longest = 0;
  for (const auto* list : {&trainTokens, &validationTokens}) {
    for (const Tokens& pair : *list) {
      longest = std::max(longest, pair.source.size());
    }
  }
  return static_cast<int>(longest);
}

int PairsData::longestTarget() const {
  std::size_t longest = 0;
  for (const auto* list : {&trainTokens, &validationTokens}) {
    for (const Tokens& pair : *list) {
      longest = std::max(longest, pair.target.size());
    }
  }
  return static_cast<int>(longest);
}

std::optional<std::string> preparePairs(PairsData& data) {
  if (data.train.empty()) {
    return std::string("data.train: expected at least one pair [source, target], got none");
  }
  if (data.maxOutputLength < 1) {
    return "data.max_output_length: must be at least 1, got " +
           std::to_string(data.maxOutputLength);
  }
  std::vector<std::vector<std::u32string>> decoded;
  if (auto problem = decodeAll(data, decoded)) {
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
    std::u32string all;
    for (const auto& list : decoded) {
      for (const std::u32string& text : list) {
        all += text;
      }
    }
    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(), all.end()), all.end());
    data.vocabulary = std::move(all);
  }
  if (data.vocabulary.size() + PairsData::FirstCharacter > static_cast<std::size_t>(limits::MaxInputSize)) {
    return "data.vocabulary: at most " + std::to_string(limits::MaxInputSize - 2) +
           " characters are allowed (with <bos> and <eos>, model.input_size), got " +
           std::to_string(data.vocabulary.size());
  }
  for (int list = 0; list < 2; ++list) {
    auto& tokens = list == 0 ? data.trainTokens : data.validationTokens;
    const char* name = list == 0 ? "train" : "validation";
    const auto& strings = decoded[static_cast<std::size_t>(list)];
    tokens.assign(strings.size() / 2, {});
    for (std::size_t k = 0; k < tokens.size(); ++k) {
      if (auto problem = tokensOf(data, strings[2 * k], at(name, k, 0), tokens[k].source)) {
        return problem;
      }
      if (auto problem = tokensOf(data, strings[2 * k + 1], at(name, k, 1), tokens[k].target)) {
        return problem;
      }
    }
  }
  return std::nullopt;
}

std::optional<std::string> sourceTokens(const PairsData& data, const std::string& text,
                                        std::vector<int>& out) {
  std::u32string points;
  if (const auto offset = decodeUtf8(text, points)) {
    return "invalid UTF-8 at byte " + std::to_string(*offset);
  }
  if (points.empty()) {
    return std::string("the text is empty; a source needs at least 1 character");
  }
  if (points.size() > static_cast<std::size_t>(PairsData::MaxSourceLength)) {
    return "at most " + std::to_string(PairsData::MaxSourceLength) +
           " characters are allowed, got " + std::to_string(points.size());
  }
  return tokensOf(data, points, "", out);
}

}  // namespace rnnlab
