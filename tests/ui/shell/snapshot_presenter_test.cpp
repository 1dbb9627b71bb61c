// SnapshotPresenter: views behind a tab are not drawn until their dock shows, every shown view
// gets the latest snapshot, and the dock titles say what the views show while training.

#include "shell/snapshot_presenter.h"

#include <QDockWidget>
#include <QSettings>
#include <QStandardPaths>
#include <QtTest>

#include "document/session_document.h"
#include "inspection/iteration_stepper_panel.h"
#include "shell/dock_layout.h"
#include "shell/main_window.h"
#include "training/training_controller.h"

class SnapshotPresenterTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("RNN Lab Tests"));
    QCoreApplication::setApplicationName(QStringLiteral("snapshot_presenter_test"));
    QSettings().clear();
  }

  void hiddenDocksWaitUntilShown() {
    MainWindow window;
    window.resize(1440, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.docks()->arrange();
    QVERIFY(window.docks()->raise(QStringLiteral("hidden")));  // the stepper is a tab behind it
    QCoreApplication::processEvents();
    QTRY_VERIFY(window.docks()->dock(QStringLiteral("stepperDock"))->visibleRegion().isEmpty());

    window.controller()->step();
    QTRY_VERIFY(window.controller()->latestSnapshot()->iteration == 1 &&
                window.controller()->latestSnapshot()->trace);
    window.presenter()->refresh();
    auto* stepper = window.findChild<IterationStepperPanel*>();
    // Hidden: still the trace it got before the window showed (iteration 0), not the new one.
    QVERIFY(stepper->trace() != window.controller()->latestSnapshot()->trace);

    QVERIFY(window.docks()->raise(QStringLiteral("stepper")));
    QTRY_VERIFY_WITH_TIMEOUT(stepper->trace() == window.controller()->latestSnapshot()->trace,
                             2000);
    QCOMPARE(stepper->trace()->report.iteration, 1L);
  }

  void titlesSayWhatRunningViewsShow() {
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QDockWidget* outputs = window.docks()->dock(QStringLiteral("outputsDock"));
    const QString idle = outputs->windowTitle();
    window.controller()->setSpeed(5);
    window.document()->setIterations(1000);
    window.controller()->play();
    QTRY_VERIFY_WITH_TIMEOUT(outputs->windowTitle().contains(QStringLiteral("before its update")),
                             5000);
    window.controller()->pause();
    QTRY_COMPARE_WITH_TIMEOUT(outputs->windowTitle(), idle, 5000);
  }

  // A model whose redraw is costly (1024×1024 weights and their gradients as heatmaps) is redrawn
  // less often, so that drawing stays within its share of a core; S0 keeps the full rate.
  void costlyRedrawsSlowTheRefresh() {
    MainWindow window;
    window.setScripted(true);
    window.resize(1440, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.presenter()->intervalMs(), SnapshotPresenter::IntervalMs);
    rnnlab::Session big = window.document()->session();
    big.model.inputSize = 4;
    big.model.hiddenSize = 1024;
    big.model.outputSize = 4;
    big.weights.reset();
    big.h0.reset();
    big.c0.reset();
    big.trainingState.reset();
    big.data.inputs = rnnlab::Matrix::Random(10, 4);
    big.data.targets = rnnlab::Matrix::Random(10, 4);
    big.training.iterations = 1'000'000;
    window.document()->setSession(big, QString(), QStringLiteral("big"));
    window.controller()->play();
    QTRY_VERIFY_WITH_TIMEOUT(
        window.presenter()->intervalMs() > 2 * SnapshotPresenter::IntervalMs, 20000);
    const double share = window.presenter()->redrawCostMs() / window.presenter()->intervalMs();
    QVERIFY2(share <= SnapshotPresenter::GuiCpuShare * 1.01 ||
                 window.presenter()->intervalMs() == SnapshotPresenter::SlowestIntervalMs,
             qPrintable(QString::number(share)));
    window.controller()->pause();
  }
};

QTEST_MAIN(SnapshotPresenterTest)
#include "snapshot_presenter_test.moc"
