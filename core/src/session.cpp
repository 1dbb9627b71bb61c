#include "rnnlab/session.h"

#include <algorithm>

#include "session_fields.h"

namespace rnnlab {

Model Session::makeModel() const {
  if (!weights) {
    return Model::initialized(model, training.seed, training.initScale);
  }
  const Index states = static_cast<Index>(model.cellCount()) * model.hiddenSize;
  Vector c0State;
  if (model.cell == CellKind::Lstm) {
    c0State = c0 ? *c0 : Vector::Zero(states);
  }
  return Model{model, *weights, h0 ? *h0 : Vector::Zero(states), std::move(c0State)};
}

void Session::setModel(const Model& newModel) {
  model = newModel.config;
  weights = newModel.params;
  weightsFile.reset();  // the weights are the model's now, written into the session
  if (newModel.config.seq2seq) {  // its encoder starts from zero state, not a setting (v3 §3)
    h0.reset();
    c0.reset();
    return;
  }
  h0 = newModel.h0;
  if (newModel.config.cell == CellKind::Lstm && newModel.c0.size() == newModel.h0.size()) {
    c0 = newModel.c0;
  } else {
    c0.reset();
  }
}

// The highest first version of any key (or value of a key) that a file of this session holds: 1
// while it uses only version 1's features, so that version-1 files round-trip unchanged. A
// version-1 reader would ignore training.blog_bugs and train correctly: not the same run, so that
// key says 2 as well.
int Session::formatVersionNeeded() const {
  int version = 1;
  for (const detail::FieldSpec& field : detail::sessionFieldTable()) {
    if (!detail::isWritten(field, *this)) {
      continue;
    }
    version = std::max(version, field.since);
    if (field.kind == detail::Kind::Choice) {
      const detail::Json name = field.access.get(*this);
      for (const detail::ChoiceValue& choice : field.choices) {
        if (choice.name == name.get<std::string>()) {
          version = std::max(version, choice.since);
        }
      }
    }
  }
  return version;
}

int Session::formatVersionWritten() const {
  return std::max(fileVersion.number, formatVersionNeeded());
}

Session builtinExample() {
  Session session;
  session.model = ModelConfig{3, 4, 2, OutputMode::Sequence, LossKind::Mse};
  session.training = TrainingSettings{};
  session.training.learningRate = 0.1;
  session.training.clipValue = 5.0;
  session.training.iterations = 1000;
  session.training.initScale = 0.01;
  session.training.seed = 1;
  session.data.inputs.resize(4, 3);
  session.data.inputs << 1, 2, 3,  //
      4, 5, 6,                     //
      7, 8, 9,                     //
      10, 11, 12;
  session.data.targets.resize(4, 2);
  session.data.targets << 0, 1,  //
      1, 0,                      //
      0, 1,                      //
      1, 0;
  return session;
}

}  // namespace rnnlab
