// Vocabulary building and indexing (prepareText). The input is split at the first two 0xFF
// bytes (never part of UTF-8) into text, validation text and a given vocabulary; the first byte
// sets the sequence length. Checks what prepareText promises when it accepts.

#include <algorithm>
#include <string>

#include "fuzz_common.h"
#include "rnnlab/limits.h"
#include "rnnlab/text_data.h"
#include "rnnlab/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace rnnlab;
  if (size < 1) {
    return 0;
  }
  std::string_view rest = fuzz::asText(data + 1, size - 1);
  TextData text;
  text.sequenceLength = data[0] % 16;  // 0 is refused, 1..15 are allowed
  const auto cut = [&rest]() {
    const auto at = rest.find('\xFF');
    const std::string_view part = rest.substr(0, at);
    rest = at == std::string_view::npos ? std::string_view() : rest.substr(at + 1);
    return std::string(part);
  };
  text.text = cut();
  text.validationText = cut();
  if (!rest.empty()) {
    // A vocabulary given by the session, which decodes it first (and refuses invalid UTF-8).
    if (decodeUtf8(rest, text.vocabulary)) {
      return 0;
    }
    text.vocabularyGiven = true;
  }
  if (prepareText(text)) {
    return 0;
  }
  const int V = text.vocabularySize();
  fuzz::check(V >= 1 && V <= limits::MaxInputSize, "vocabulary size out of range");
  fuzz::check(text.indices.size() >= static_cast<std::size_t>(text.sequenceLength) + 2,
              "text shorter than the sequence length allows");
  fuzz::check(text.validationIndices.size() != 1, "one-character validation text accepted");
  if (!text.vocabularyGiven) {
    fuzz::check(std::is_sorted(text.vocabulary.begin(), text.vocabulary.end()) &&
                    std::adjacent_find(text.vocabulary.begin(), text.vocabulary.end()) ==
                        text.vocabulary.end(),
                "built vocabulary not sorted and distinct");
  }
  for (const auto* indices : {&text.indices, &text.validationIndices}) {
    for (const int index : *indices) {
      fuzz::check(index >= 0 && index < V, "index outside the vocabulary");
      fuzz::check(text.indexOf(text.vocabulary[static_cast<std::size_t>(index)]) == index,
                  "indexOf disagrees with the vocabulary");
    }
  }
  return 0;
}
