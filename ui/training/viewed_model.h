#pragma once

// What the snapshots show instead of the trainer's own weights while the run is still: a rewind
// (kept weights of an earlier iteration, on the current data) or a what-if (an edited model and
// data that have not been trained). Either way the picture is computed here, once: the passes of
// that model and the trace of the iteration that would follow it. The trainer is never touched.

#include <memory>
#include <optional>
#include <utility>

#include "rnnlab/backward_pass.h"
#include "rnnlab/forward_pass.h"
#include "rnnlab/iteration_trace.h"
#include "rnnlab/model.h"
#include "rnnlab/sequence_data.h"
#include "rnnlab/training_settings.h"

struct TrainingSnapshot;

class ViewedModel {
 public:
  enum class Kind { Live, History, WhatIf };

  Kind kind() const { return m_kind; }
  bool isLive() const { return m_kind == Kind::Live; }

  // A rewind: `model` holds the weights kept at `iteration`; `data` is the trainer's.
  void showHistory(const rnnlab::Model& model, const rnnlab::SequenceData& data, long iteration,
                   const rnnlab::TrainingSettings& settings);
  // A what-if at the trainer's `iteration`.
  void showWhatIf(rnnlab::Model model, rnnlab::SequenceData data, long iteration,
                  const rnnlab::TrainingSettings& settings);
  // The settings changed: the shown model's next iteration is traced again with them. `liveData`
  // is the trainer's data, which a rewind is shown on.
  void retrace(const rnnlab::TrainingSettings& settings, const rnnlab::SequenceData& liveData);
  // Back to the live picture.
  void leave();
  // Ends a shown what-if and hands its model and data over; nullopt if none is shown.
  std::optional<std::pair<rnnlab::Model, rnnlab::SequenceData>> takeWhatIf();

  // The model, passes and trace shown, over the live ones in `snapshot`, and what they are.
  // Nothing when Live.
  void fill(TrainingSnapshot& snapshot) const;

 private:
  void compute(const rnnlab::SequenceData& data, const rnnlab::TrainingSettings& settings);

  Kind m_kind = Kind::Live;
  long m_iteration = -1;  // the shown model's iteration (a rewind's kept one, a what-if's live one)
  rnnlab::Model m_model;
  std::optional<rnnlab::SequenceData> m_whatIfData;  // a what-if's data
  rnnlab::ForwardPass m_forward;
  rnnlab::BackwardPass m_backward;
  std::shared_ptr<const rnnlab::IterationTrace> m_trace;
};
