#include "training/viewed_model.h"

#include "rnnlab/trainer.h"
#include "training/training_snapshot.h"

void ViewedModel::showHistory(const rnnlab::Model& model, const rnnlab::SequenceData& data,
                              long iteration, const rnnlab::TrainingSettings& settings) {
  leave();
  m_kind = Kind::History;
  m_iteration = iteration;
  m_model = model;
  compute(data, settings);
}

void ViewedModel::showWhatIf(rnnlab::Model model, rnnlab::SequenceData data, long iteration,
                             const rnnlab::TrainingSettings& settings) {
  leave();
  m_kind = Kind::WhatIf;
  m_iteration = iteration;
  m_model = std::move(model);
  m_whatIfData = std::move(data);
  compute(*m_whatIfData, settings);
}

void ViewedModel::retrace(const rnnlab::TrainingSettings& settings,
                          const rnnlab::SequenceData& liveData) {
  if (m_kind == Kind::History) {
    compute(liveData, settings);
  } else if (m_kind == Kind::WhatIf) {
    compute(*m_whatIfData, settings);
  }
}

void ViewedModel::leave() {
  m_kind = Kind::Live;
  m_iteration = -1;
  m_whatIfData.reset();
  m_trace.reset();
}

std::optional<std::pair<rnnlab::Model, rnnlab::SequenceData>> ViewedModel::takeWhatIf() {
  if (m_kind != Kind::WhatIf) {
    return std::nullopt;
  }
  std::pair<rnnlab::Model, rnnlab::SequenceData> edit{std::move(m_model), std::move(*m_whatIfData)};
  leave();
  return edit;
}

void ViewedModel::compute(const rnnlab::SequenceData& data,
                          const rnnlab::TrainingSettings& settings) {
  rnnlab::forward(m_model, data, m_forward);
  rnnlab::backward(m_model, m_forward, m_backward);
  // The next iteration from these weights, numbered as it would be; the optimizer state starts
  // afresh (it is not part of the history), which for SGD changes nothing.
  rnnlab::Trainer probe(m_model, data, settings);
  probe.restart(m_model, m_iteration);
  m_trace = std::make_shared<const rnnlab::IterationTrace>(rnnlab::traceIteration(probe));
}

void ViewedModel::fill(TrainingSnapshot& snapshot) const {
  if (m_kind == Kind::Live) {
    return;
  }
  snapshot.model = m_model;
  snapshot.forward = m_forward;
  snapshot.backward = m_backward;
  snapshot.clip = {};
  snapshot.trace = m_trace;
  snapshot.isHistoryView = m_kind == Kind::History;
  snapshot.isWhatIf = m_kind == Kind::WhatIf;
  snapshot.viewedIteration = m_kind == Kind::History ? m_iteration : -1;
}
