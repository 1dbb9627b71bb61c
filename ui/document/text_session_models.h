#pragma once

// The two models a new text session can start with, sized for its text:
//  - Small: min-char-rnn's (Karpathy's 112-line gist): a tanh RNN of 100 units reading 25
//    characters at a time, one stream, Adagrad (η = 0.1, clip value 5), init scale 0.01. Trains
//    visibly within seconds; the model of a pasted text.
//  - CharRnn: char-rnn's defaults (as the Shakespeare preset): a 2-layer LSTM of 128 units, 50
//    characters at a time in up to 50 parallel streams (fewer when the text is too short for
//    50), RMSprop (η = 2e-3, α = 0.95, clip value 5), init scale 0.08, and the rate × 0.97 every
//    epoch from epoch 10 (an epoch is one pass of the streams over the text).

#include "rnnlab/session.h"
#include "rnnlab/text_data.h"

enum class TextModelSize { Small, CharRnn };

struct TextModelPlan {
  rnnlab::CellKind cell = rnnlab::CellKind::Rnn;
  int layers = 1;
  int hiddenSize = 100;
  int sequenceLength = rnnlab::TextData::DefaultSequenceLength;
  int streams = 1;
  long epochIterations = 1;  // iterations per pass over the text (v3 §2's M and L)
  bool fits = true;          // the text is long enough for one chunk of sequenceLength
};

// The model for a text of `characters` characters.
TextModelPlan textModelPlan(long characters, TextModelSize size);

// A new text session learning `text` (prepared: vocabulary and indices filled, by prepareText)
// with the chosen model; its sequence length and streams are the plan's. Throws
// rnnlab::SessionError with the first problem (a text too short for the model).
rnnlab::Session textSessionFor(rnnlab::TextData text, TextModelSize size);
