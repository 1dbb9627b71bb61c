// One layer choice for every dock that shows a cell of a stacked model (the hidden states, the
// gradient flow, the spectrum dock's step Jacobians, the neuron over the text): picked in one,
// shown in all, with the values of that cell of the snapshot's run; kept across a reset, moved
// inside a model that shrinks, hidden for one cell. A screenshot run picks the cell with --layer
// and --direction, and refuses one the model lacks.

#include <QComboBox>
#include <QDockWidget>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "document/session_document.h"
#include "inspection/gradient_flow_strip.h"
#include "inspection/gradient_flow_view.h"
#include "inspection/jacobian_norm_chart.h"
#include "rnnlab/memory_sensitivity.h"
#include "rnnlab/session.h"
#include "rnnlab/step_inspection.h"
#include "shell/dock_layout.h"
#include "shell/file_actions.h"
#include "shell/main_window.h"
#include "shell/scripted_run.h"
#include "shell/snapshot_presenter.h"
#include "text/neuron_text_view.h"
#include "training/training_controller.h"
#include "views/hidden_state_heatmap.h"
#include "widgets/cell_choice.h"
#include "widgets/heatmap_widget.h"
#include "widgets/layer_picker.h"

namespace {

void pick(LayerPicker* picker, int layer, int direction) {
  picker->layerBox()->setCurrentIndex(layer);
  emit picker->layerBox()->activated(layer);
  picker->directionBox()->setCurrentIndex(direction);
  emit picker->directionBox()->activated(direction);
}

// The echo-delay data set on a bidirectional 2-layer GRU (a version-3 session file).
QString bidirectionalSession(const QTemporaryDir& folder) {
  rnnlab::Session session = rnnlab::loadSession(
      std::string(RNNLAB_SOURCE_DIR) + "/resources/presets/sequences/echo-delay.rnnlab.json");
  session.model.cell = rnnlab::CellKind::Gru;
  session.model.layers = 2;
  session.model.bidirectional = true;
  const QString path = folder.filePath(QStringLiteral("bidirectional.rnnlab.json"));
  rnnlab::saveSession(session, path.toStdString());
  return path;
}

}  // namespace

class LayerChoiceWindowTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("RNN Lab Tests"));
    QCoreApplication::setApplicationName(QStringLiteral("layer_choice_window_test"));
    QSettings().clear();
  }

  void oneChoiceShowsTheSameCellInEveryDock() {
    QTemporaryDir folder;
    MainWindow window;
    window.resize(1440, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* hidden = window.findChild<HiddenStateHeatmap*>();
    auto* flow = window.findChild<GradientFlowView*>();
    CellChoice* shared = hidden->layerPicker()->choice();
    QCOMPARE(flow->layerPicker()->choice(), shared);
    QCOMPARE(window.findChild<NeuronTextView*>()->layerPicker()->choice(), shared);
    auto* spectrumPicker = window.docks()->dock(DockId::Spectrum)->findChild<LayerPicker*>();
    QVERIFY(spectrumPicker != nullptr);
    QCOMPARE(spectrumPicker->choice(), shared);
    QVERIFY(hidden->layerPicker()->isHidden());  // the example's one cell

    QString error;
    QVERIFY2(window.files()->openFile(bidirectionalSession(folder), &error), qPrintable(error));
    window.controller()->step();
    QTRY_VERIFY(window.controller()->latestSnapshot()->iteration == 1 &&
                window.controller()->latestSnapshot()->trace);
    QVERIFY(window.docks()->raise(QStringLiteral("hidden")));
    window.presenter()->refresh();
    QTRY_VERIFY(!hidden->layerPicker()->isHidden());
    QVERIFY(!hidden->layerPicker()->directionBox()->isHidden());
    QCOMPARE(shared->layers(), 2);
    QCOMPARE(shared->directions(), 2);

    pick(hidden->layerPicker(), 1, 1);
    QCOMPARE(flow->layerPicker()->layerBox()->currentIndex(), 1);
    QCOMPARE(spectrumPicker->directionBox()->currentIndex(), 1);
    const TrainingSnapshotPtr snapshot = window.controller()->latestSnapshot();
    rnnlab::ForwardPass forward = snapshot->trace->forward;
    rnnlab::viewCell(forward, 1, 1);
    const rnnlab::Index T = forward.steps();
    QCOMPARE(hidden->heatmap()->matrix(), forward.hidden.rightCols(T));

    QVERIFY(window.docks()->raise(QStringLiteral("gradientFlow")));
    window.presenter()->refresh();
    rnnlab::BackwardPass backward = snapshot->trace->backward;
    rnnlab::viewCell(backward, 1, 1);
    const rnnlab::Vector norms = rnnlab::hiddenGradientNorms(backward);
    QTRY_COMPARE(flow->strip()->barCount(), static_cast<int>(T));
    for (int t = 0; t < T; ++t) {
      QCOMPARE(flow->strip()->hiddenNorms()[static_cast<std::size_t>(t)], norms(t));
    }

    // The gated cell's memory page: the step Jacobians of the chosen cell, its own weights.
    QVERIFY(window.docks()->raise(QStringLiteral("spectrum")));
    window.presenter()->refresh();
    const rnnlab::RecurrentJacobianNorms expected =
        rnnlab::recurrentJacobianNorms(snapshot->trace->before, forward);
    auto* chart = window.findChild<JacobianNormChart*>();
    QTRY_VERIFY_WITH_TIMEOUT(
        chart->norms().stepNorms.size() == T && chart->norms().stepNorms == expected.stepNorms,
        3000);
    QCOMPARE(chart->norms().productNorms, expected.productNorms);
    rnnlab::ForwardPass bottom = snapshot->trace->forward;
    rnnlab::viewCell(bottom, 0, 0);
    QVERIFY(rnnlab::recurrentJacobianNorms(snapshot->trace->before, bottom).stepNorms !=
            expected.stepNorms);

    // A reset keeps the choice; a model with one layer moves it to its only cell and hides the
    // pickers.
    window.resetTraining();
    window.presenter()->refresh();
    QCOMPARE(shared->layer(), 1);
    QCOMPARE(shared->direction(), 1);
    rnnlab::ModelConfig smaller = window.document()->session().model;
    smaller.layers = 1;
    smaller.bidirectional = false;
    window.document()->editModel(smaller, window.document()->session().training);
    window.resetTraining();
    QCOMPARE(window.document()->applied().model.layers, 1);
    window.presenter()->refresh();
    QTRY_COMPARE(shared->layers(), 1);
    QCOMPARE(shared->layer(), 0);
    QCOMPARE(shared->direction(), 0);
    QVERIFY(hidden->layerPicker()->isHidden());
    QVERIFY(spectrumPicker->isHidden());
  }

  void scriptedRunsChooseTheCellOrSayWhyNot() {
    QTemporaryDir folder;
    const QString session = bidirectionalSession(folder);
    struct Case {
      int layer;
      bool reverse;
      QString error;  // empty: the run succeeds
    };
    const std::vector<Case> cases = {
        {1, true, QString()},
        {2, false, QStringLiteral("--layer: 2 is not a layer of the model (its layers are 0 … 1)")},
    };
    for (const Case& c : cases) {
      MainWindow window;
      RunOptions options;
      options.sessionPath = session;
      options.screenshotPath = folder.filePath(QStringLiteral("shot.png"));
      options.layer = c.layer;
      options.reverse = c.reverse;
      ScriptedRun run(window, options);
      QString error;
      QVERIFY2(run.start(&error), qPrintable(error));
      const int code = run.runScript(&error);
      QCOMPARE(error, c.error);
      QCOMPARE(code, c.error.isEmpty() ? ScriptedRun::ExitOk : ScriptedRun::ExitFailed);
      CellChoice* cells = window.findChild<HiddenStateHeatmap*>()->layerPicker()->choice();
      QCOMPARE(cells->layer(), c.error.isEmpty() ? c.layer : 0);
      QCOMPARE(cells->direction(), c.error.isEmpty() && c.reverse ? 1 : 0);
    }
    // A model of one direction has no reverse cell.
    MainWindow window;
    RunOptions options;
    options.preset = QStringLiteral("delay-gru");
    options.screenshotPath = folder.filePath(QStringLiteral("shot.png"));
    options.reverse = true;
    ScriptedRun run(window, options);
    QString error;
    QVERIFY2(run.start(&error), qPrintable(error));
    QCOMPARE(run.runScript(&error), ScriptedRun::ExitFailed);
    QCOMPARE(error, QStringLiteral("--direction reverse: the model is not bidirectional"));
  }
};

QTEST_MAIN(LayerChoiceWindowTest)
#include "layer_choice_window_test.moc"
