// What the window says and keeps when the session or its data is replaced: Compare runs holds
// this session's runs only (a sonnets run beside an LSTM's squashed its scale), and a preset's
// banner goes when Generate… replaces the preset's data.

#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QtTest>

#include "document/session_document.h"
#include "inspection/gradient_check_panel.h"
#include "rnnlab/sequence_generators.h"
#include "shell/dock_layout.h"
#include "shell/main_window.h"
#include "shell/notice_bar.h"
#include "training/training_controller.h"

class SessionSwitchTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("RNN Lab Tests"));
    QCoreApplication::setApplicationName(QStringLiteral("session_switch_test"));
    QSettings().clear();
  }

  void openingASessionStartsCompareRunsAfresh() {
    MainWindow window;
    window.setScripted(true);
    TrainingController* controller = window.controller();
    controller->setSpeed(0);
    window.document()->setIterations(20);
    controller->play();
    QTRY_VERIFY_WITH_TIMEOUT(controller->state() == TrainingState::Finished, 30000);
    controller->reset();  // a run of this session, kept for comparison
    QTRY_COMPARE(controller->previousRuns().size(), std::size_t{1});

    QString error;
    QVERIFY2(window.document()->openPreset(QStringLiteral("delay-lstm"), &error),
             qPrintable(error));
    QVERIFY(controller->previousRuns().empty());
    QTest::qWait(50);  // a late tail of the old run must not bring it back
    QVERIFY(controller->previousRuns().empty());
  }

  // The same task with another cell: the README's walk-through opens the three long-delay
  // presets one after the other and compares their curves.
  void runsOfTheSameTaskStaySideBySide() {
    MainWindow window;
    window.setScripted(true);
    TrainingController* controller = window.controller();
    controller->setSpeed(0);
    QString error;
    QVERIFY2(window.document()->openPreset(QStringLiteral("delay-rnn"), &error),
             qPrintable(error));
    window.document()->setIterations(20);
    controller->play();
    QTRY_VERIFY_WITH_TIMEOUT(controller->state() == TrainingState::Finished, 30000);
    QVERIFY2(window.document()->openPreset(QStringLiteral("delay-gru"), &error),
             qPrintable(error));
    QTRY_COMPARE(controller->previousRuns().size(), std::size_t{1});  // the tanh RNN's run
    QVERIFY2(window.document()->openPreset(QStringLiteral("sine"), &error), qPrintable(error));
    QVERIFY(controller->previousRuns().empty());  // another task
  }

  void generatingDataRemovesThePresetsBanner() {
    MainWindow window;
    window.setScripted(true);
    QString error;
    QVERIFY2(window.document()->openPreset(QStringLiteral("adding"), &error), qPrintable(error));
    QVERIFY(window.notices()->isShown(NoticeKind::Preset));
    rnnlab::SineOptions options;
    QVERIFY2(window.document()->replaceTask(rnnlab::generateSine(options), QString(), &error),
             qPrintable(error));
    QVERIFY(!window.notices()->isShown(NoticeKind::Preset));
  }

  // The lstm-vs-rnn lesson kept "this one is the tanh RNN … 4.6" above an LSTM at 0.0038.
  void anotherCellRemovesThePresetsBanner() {
    MainWindow window;
    window.setScripted(true);
    QString error;
    QVERIFY2(window.document()->openPreset(QStringLiteral("delay-rnn"), &error), qPrintable(error));
    QVERIFY(window.notices()->isShown(NoticeKind::Preset));
    rnnlab::TrainingSettings training = window.document()->session().training;
    training.learningRate *= 0.5;
    window.document()->editTraining(training);  // a setting: the banner still holds
    QVERIFY(window.notices()->isShown(NoticeKind::Preset));
    rnnlab::ModelConfig model = window.document()->session().model;
    model.cell = rnnlab::CellKind::Lstm;
    window.document()->editModel(model, window.document()->session().training);
    QVERIFY(!window.notices()->isShown(NoticeKind::Preset));
  }

  // A session that trains from the start: the check panel had no model ("No model yet", its
  // button greyed out) for as long as it ran.
  void theCheckHasAModelWhileASessionTrains() {
    MainWindow window;
    window.setScripted(true);
    window.resize(1280, 720);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QString error;
    QVERIFY2(window.document()->openPreset(QStringLiteral("sine"), &error), qPrintable(error));
    rnnlab::Session big = window.document()->session();
    big.model.hiddenSize = 96;
    big.weights.reset();
    big.h0.reset();
    big.training.iterations = 100'000'000;
    window.controller()->setSpeed(0);
    window.document()->setSession(big, QString(), QStringLiteral("big"));
    window.controller()->play();
    QTRY_VERIFY2(window.controller()->state() == TrainingState::Running,
                 qPrintable(QString::number(static_cast<int>(window.controller()->state())) +
                            u' ' + window.notices()->text(NoticeKind::ResetPending)));
    window.docks()->raise(QStringLiteral("gradientCheck"));
    auto* check = window.findChild<GradientCheckPanel*>();
    QTRY_VERIFY(check->modelConfig().has_value() && check->modelConfig()->hiddenSize == 96);
    QVERIFY(check->runButton()->isEnabled());
    window.controller()->pause();
  }
};

QTEST_MAIN(SessionSwitchTest)
#include "session_switch_test.moc"
