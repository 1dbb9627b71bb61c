#include "document/text_session_models.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>

namespace {

constexpr int CharRnnStreams = 50;
constexpr int CharRnnSequenceLength = 50;
constexpr long CharRnnDecayStartEpochs = 10;

}  // namespace

TextModelPlan textModelPlan(long characters, TextModelSize size) {
  TextModelPlan plan;
  if (size == TextModelSize::CharRnn) {
    plan.cell = rnnlab::CellKind::Lstm;
    plan.layers = 2;
    plan.hiddenSize = 128;
    plan.sequenceLength = CharRnnSequenceLength;
    // Each stream needs M = ⌊(N − 1)/B⌋ ≥ L + 1 characters (v3 §2).
    const long longest = (characters - 1) / (plan.sequenceLength + 1);
    plan.streams = static_cast<int>(std::clamp<long>(longest, 1, CharRnnStreams));
  }
  plan.fits = characters >= plan.sequenceLength + 2;
  // Iteration k restarts the streams when p + L ≥ M, p advancing by L: ⌊(M − 1)/L⌋ per pass.
  const long perStream = std::max<long>(0, characters - 1) / plan.streams;
  plan.epochIterations = std::max<long>(1, (perStream - 1) / plan.sequenceLength);
  return plan;
}

rnnlab::Session textSessionFor(rnnlab::TextData text, TextModelSize size) {
  const TextModelPlan plan = textModelPlan(text.size(), size);
  text.sequenceLength = plan.sequenceLength;
  text.streams = plan.streams;
  text.carryHidden = true;
  rnnlab::Session session;
  session.model.cell = plan.cell;
  session.model.layers = plan.layers;
  session.model.hiddenSize = plan.hiddenSize;
  session.model.inputSize = text.vocabularySize();
  session.model.outputSize = text.vocabularySize();
  session.model.outputMode = rnnlab::OutputMode::Sequence;
  session.model.loss = rnnlab::LossKind::CrossEntropy;
  rnnlab::TrainingSettings& training = session.training;
  training.clipValue = 5.0;
  training.clipNorm = 0.0;
  training.iterations = 20000;
  training.seed = 1;
  if (size == TextModelSize::CharRnn) {
    training.optimizer = rnnlab::OptimizerKind::Rmsprop;
    training.learningRate = 2e-3;
    training.alpha = 0.95;
    training.initScale = 0.08;
    training.lrDecay = 0.97;
    training.lrDecayEvery = plan.epochIterations;
    training.lrDecayStart = CharRnnDecayStartEpochs * plan.epochIterations;
  } else {
    training.optimizer = rnnlab::OptimizerKind::Adagrad;
    training.learningRate = 0.1;
    training.initScale = 0.01;
  }
  session.text = std::move(text);
  if (std::optional<std::string> problem = rnnlab::validate(session)) {
    throw rnnlab::SessionError(*problem);
  }
  return session;
}
