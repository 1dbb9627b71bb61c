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
};

QTEST_MAIN(SnapshotPresenterTest)
#include "snapshot_presenter_test.moc"
