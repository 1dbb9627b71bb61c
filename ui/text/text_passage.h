#pragma once

// A stretch of a text session's text as the text views run it: the characters read and, for
// each, the character that follows it (the target), clamped to the text.

#include <QString>
#include <string>
#include <vector>

#include "rnnlab/forward_pass.h"
#include "rnnlab/model.h"
#include "rnnlab/text_data.h"

struct TextPassage {
  long start = 0;
  std::vector<int> inputs;   // indices of text characters start .. start+n−1
  std::vector<int> targets;  // indices of characters start+1 .. start+n
  std::u32string characters;  // the inputs as code points

  int size() const { return static_cast<int>(inputs.size()); }
};

// Up to `length` characters from `start` that have a next character (none when the text is
// shorter than 2 characters).
TextPassage textPassage(const rnnlab::TextData& text, long start, int length);

// Runs the model over the passage from `h` and `c` (h0 and c0 when empty) into `pass`.
void runPassage(const rnnlab::Model& model, const TextPassage& passage, rnnlab::ForwardPass& pass,
                const rnnlab::Vector& h = {}, const rnnlab::Vector& c = {});

// A character as a tooltip names it: 'e', space, newline (↵), tab (→).
QString characterLabel(char32_t character);
