// SnapshotPresenter: views behind a tab are not drawn until their dock shows, every shown view
// gets the latest snapshot, and the dock titles say what the views show while training.

#include "shell/snapshot_presenter.h"

#include <QDockWidget>
#include <QSettings>
#include <QStandardPaths>
#include <QtTest>
#include <cmath>

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
    QTRY_VERIFY(window.docks()->dock(DockId::Stepper)->visibleRegion().isEmpty());

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
    QDockWidget* outputs = window.docks()->dock(DockId::Outputs);
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
  // A redraw that costs 40 ms of the drawing thread's CPU (an injected clock, so the same on
  // every machine) slows the refresh towards 40 / GuiCpuShare = 400 ms, keeping drawing within
  // its share of a core; when it costs nothing again the full rate comes back.
  void costlyRedrawsSlowTheRefresh() {
    MainWindow window;
    window.setScripted(true);
    window.resize(1440, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    SnapshotPresenter* presenter = window.presenter();
    QCOMPARE(presenter->intervalMs(), SnapshotPresenter::IntervalMs);
    double clockMs = 0.0;
    double costMs = 40.0;
    presenter->setCpuClock([&clockMs] { return clockMs; });
    // Each draw "takes" costMs: the clock moves on when the views are done.
    connect(presenter, &SnapshotPresenter::drawn, this, [&] { clockMs += costMs; });
    window.document()->setIterations(1'000'000);
    window.controller()->play();
    // A tick that only extends the loss curve draws no view and costs nothing here, so the
    // smoothed cost lies between 0 and 40 ms: the interval grows well past the fastest.
    const int slow = static_cast<int>(std::ceil(40.0 / SnapshotPresenter::GuiCpuShare));
    QTRY_VERIFY_WITH_TIMEOUT(presenter->intervalMs() > 2 * SnapshotPresenter::IntervalMs, 30000);
    QVERIFY(presenter->intervalMs() <= slow + 10);  // what 40 ms allows (+ real pooling time)
    const double share = presenter->redrawCostMs() / presenter->intervalMs();
    QVERIFY2(share <= SnapshotPresenter::GuiCpuShare * 1.01 ||
                 presenter->intervalMs() == SnapshotPresenter::SlowestIntervalMs,
             qPrintable(QString::number(share)));
    costMs = 0.0;
    QTRY_VERIFY_WITH_TIMEOUT(presenter->intervalMs() < slow, 60000);
    window.controller()->pause();
    presenter->setCpuClock(&SnapshotPresenter::threadCpuMs);
  }
};

QTEST_MAIN(SnapshotPresenterTest)
#include "snapshot_presenter_test.moc"
