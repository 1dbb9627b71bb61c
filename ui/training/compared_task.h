#pragma once

// What Compare runs compares runs on: a session's data (its sequence, data set or text). Runs
// of one task belong side by side (the tanh RNN, LSTM and GRU presets of the long-delay task
// share their data); a session with other data starts Compare runs afresh (a 600,000-iteration
// text run beside an LSTM's 1,000 iterations squashed its scale, and compared nothing).

#include <optional>

#include "rnnlab/session.h"

class ComparedTask {
 public:
  // Takes the task of a newly opened session; true when it differs from the previous one (the
  // first session counts as different: there is nothing to compare with yet).
  bool changesTo(const rnnlab::Session& session) {
    Data next{session.data, session.sequences, session.text};
    const bool changed = !m_data || !(*m_data == next);
    m_data = std::move(next);
    return changed;
  }

 private:
  struct Data {
    rnnlab::SequenceData data;
    std::optional<rnnlab::SequenceSet> sequences;
    std::optional<rnnlab::TextData> text;
    friend bool operator==(const Data&, const Data&) = default;
  };
  std::optional<Data> m_data;
};
