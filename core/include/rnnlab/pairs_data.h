#pragma once

// The data of a sequence-to-sequence model (the spec's `data.kind = pairs`, v3 §3): training and
// validation lists of (source, target) strings, read as Unicode code points and turned into
// tokens. Token 0 is <bos> (the decoder's first input), token 1 is <eos> (the end of every
// target), token 2 + k is vocabulary character k; V = 2 + the vocabulary's size is the model's
// input and output size. Batches and epochs follow version 2's data sets (sequence_set.h).

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace rnnlab {

struct PairsData {
  static constexpr int Bos = 0;
  static constexpr int Eos = 1;
  static constexpr int FirstCharacter = 2;
  static constexpr int MaxSourceLength = 1000;
  static constexpr int MaxTargetLength = 1000;
  static constexpr int DefaultMaxOutputLength = 50;

  // (source, target), UTF-8, as in the session.
  std::vector<std::pair<std::string, std::string>> train;       // at least one
  std::vector<std::pair<std::string, std::string>> validation;  // may be empty
  int batchSize = 0;      // B; 0 (or more than there are): all of them
  bool shuffle = false;   // as a data set's
  // Code points; character k is token 2 + k. Either given by the session (`vocabulary`) or the
  // distinct code points of every source and target (training and validation), ascending.
  std::u32string vocabulary;
  bool vocabularyGiven = false;  // written back to the session file only when it was given
  int maxOutputLength = DefaultMaxOutputLength;  // bounds decoding

  // Derived by preparePairs(): each pair's tokens (a target's without its <eos>).
  struct Tokens {
    std::vector<int> source;
    std::vector<int> target;
    friend bool operator==(const Tokens&, const Tokens&) = default;
  };
  std::vector<Tokens> trainTokens;
  std::vector<Tokens> validationTokens;

  // V.
  int tokenCount() const { return FirstCharacter + static_cast<int>(vocabulary.size()); }
  // The token of a code point, or −1.
  int tokenOf(char32_t codePoint) const;
  // The characters of tokens (<bos> and <eos> skipped), UTF-8.
  std::string textOf(const std::vector<int>& tokens) const;
  // The batch size in use: batchSize clamped to 1..train.size().
  int effectiveBatchSize() const;
  long batchesPerEpoch() const;
  bool hasValidation() const { return !validation.empty(); }
  // The longest source and target (in characters) of both lists.
  int longestSource() const;
  int longestTarget() const;

  friend bool operator==(const PairsData&, const PairsData&) = default;
};

// Decodes every string, builds the vocabulary unless vocabularyGiven, and fills the tokens.
// Returns the first problem as "data.train[3][0]: <what>" (invalid UTF-8, a source of 0 or more
// than 1000 characters, a target of more than 1000, a character outside a given vocabulary) or
// "data.vocabulary: <what>" (a repeated character), or nothing.
std::optional<std::string> preparePairs(PairsData& data);

// The tokens of `text` (a source to translate), or the first character outside the vocabulary
// as "character 3, 'x' (U+0078), is not in the vocabulary".
std::optional<std::string> sourceTokens(const PairsData& data, const std::string& text,
                                        std::vector<int>& out);

}  // namespace rnnlab
