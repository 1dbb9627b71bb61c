// TrainingController::describeModel, the start of every run label in Compare runs: one cell as
// before ("LSTM H=8"), a stack as layers × H with "bi" for two directions and its dropout.

#include <QtTest>

#include "rnnlab/model.h"
#include "training/training_controller.h"

namespace {

rnnlab::ModelConfig model(rnnlab::CellKind cell, int hidden, int layers, bool bidirectional,
                          double dropout = 0.0) {
  rnnlab::ModelConfig config;
  config.cell = cell;
  config.hiddenSize = hidden;
  config.layers = layers;
  config.bidirectional = bidirectional;
  config.dropout = dropout;
  return config;
}

}  // namespace

class ModelDescriptionTest : public QObject {
  Q_OBJECT

 private slots:
  void oneCellKeepsItsShortName() {
    QCOMPARE(TrainingController::describeModel(model(rnnlab::CellKind::Lstm, 8, 1, false)),
             QStringLiteral("LSTM H=8"));
    QCOMPARE(TrainingController::describeModel(model(rnnlab::CellKind::Rnn, 4, 1, false)),
             QStringLiteral("tanh RNN H=4"));
    // Dropout does nothing with one layer, so the label does not claim it.
    QCOMPARE(TrainingController::describeModel(model(rnnlab::CellKind::Gru, 4, 1, false, 0.5)),
             QStringLiteral("GRU H=4"));
  }

  void aStackSaysItsDepthAndDirections() {
    QCOMPARE(TrainingController::describeModel(model(rnnlab::CellKind::Lstm, 128, 2, false)),
             QStringLiteral("LSTM 2×128"));
    QCOMPARE(TrainingController::describeModel(model(rnnlab::CellKind::Gru, 64, 2, true)),
             QStringLiteral("GRU 2×64 bi"));
    QCOMPARE(TrainingController::describeModel(model(rnnlab::CellKind::Gru, 64, 1, true)),
             QStringLiteral("GRU 1×64 bi"));
    QCOMPARE(TrainingController::describeModel(model(rnnlab::CellKind::Rnn, 16, 3, false, 0.2)),
             QStringLiteral("tanh RNN 3×16 dropout 0.2"));
  }
};

QTEST_MAIN(ModelDescriptionTest)
#include "model_description_test.moc"
