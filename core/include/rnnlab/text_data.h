#pragma once

// The data of a character-level language model (the spec's `data.kind = text`): a text and an
// optional validation text, each read as Unicode code points and turned into indices of a
// vocabulary. Input k and output k of the network are vocabulary character k (I = O = V).

#include <optional>
#include <string>
#include <vector>

namespace rnnlab {

struct TextData {
  static constexpr int DefaultSequenceLength = 25;

  std::string text;            // UTF-8, as in the session
  std::string validationText;  // UTF-8; empty: no validation text
  // Code points; character k of the vocabulary is input and output k. Either given by the
  // session (`vocabulary`) or the distinct code points of both texts in ascending order.
  std::u32string vocabulary;
  bool vocabularyGiven = false;  // written back to the session file only when it was given
  int sequenceLength = DefaultSequenceLength;  // L
  int streams = 1;  // B parallel streams (data.batch_size, v3 §2); 1 is version 2's single one
  bool carryHidden = true;
  std::vector<int> indices;            // the text as vocabulary indices (N of them)
  std::vector<int> validationIndices;  // likewise the validation text

  int vocabularySize() const { return static_cast<int>(vocabulary.size()); }
  long size() const { return static_cast<long>(indices.size()); }
  bool hasValidation() const { return !validationIndices.empty(); }
  // The vocabulary index of a code point, or −1.
  int indexOf(char32_t codePoint) const;

  friend bool operator==(const TextData&, const TextData&) = default;
};

// Decodes text and validationText, builds the vocabulary unless vocabularyGiven, and fills the
// index sequences. Returns the first problem as "data.<key>: <what>" (invalid UTF-8 with its
// byte offset, a character missing from a given vocabulary, a repeated vocabulary character, a
// text too short for the sequence length), or nothing.
std::optional<std::string> prepareText(TextData& data);

}  // namespace rnnlab
