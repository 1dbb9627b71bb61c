// ExportActions: the loss history CSV has every iteration's loss, the trained session carries the
// trained weights with the session they were trained on, and a bad path is an error.

#include "shell/export_actions.h"

#include <QAction>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QtTest>

#include "document/session_document.h"
#include "rnnlab/pytorch_weights.h"
#include "rnnlab/safetensors.h"
#include "shell/main_window.h"
#include "shell/notice_bar.h"
#include "training/training_controller.h"

class ExportActionsTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("RNN Lab Tests"));
    QCoreApplication::setApplicationName(QStringLiteral("export_actions_test"));
    QSettings().clear();
  }

  void writesLossesAndTrainedSession() {
    QTemporaryDir dir;
    MainWindow window;
    window.document()->setIterations(7);
    window.controller()->setSpeed(0);  // full speed: not a test of the pace
    window.controller()->play();
    QTRY_COMPARE_WITH_TIMEOUT(window.controller()->state(), TrainingState::Finished, 20000);
    QTRY_COMPARE(window.controller()->lossHistory().size(), std::size_t{7});
    auto* exports = window.findChild<ExportActions*>();
    QVERIFY(exports);

    const QString csv = dir.filePath(QStringLiteral("loss.csv"));
    QString error;
    QVERIFY2(exports->writeLossHistory(csv, &error), qPrintable(error));
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(file.readAll()).trimmed().split(u'\n');
    QCOMPARE(lines.size(), 8);
    QCOMPARE(lines.front(), QStringLiteral("iteration,loss"));
    const QStringList last = lines.back().split(u',');
    QCOMPARE(last.front(), QStringLiteral("6"));
    QCOMPARE(last.back().toDouble(), window.controller()->lossHistory().back());

    // An edit that waits for a reset is not what the weights were trained on.
    rnnlab::ModelConfig model = window.document()->session().model;
    model.hiddenSize = 9;
    window.document()->editModel(model, window.document()->session().training);
    const QString trained = dir.filePath(QStringLiteral("trained.rnnlab.json"));
    QVERIFY2(exports->writeTrainedSession(trained, &error), qPrintable(error));
    const rnnlab::Session session = rnnlab::loadSession(trained.toStdString());
    QCOMPARE(session.model.hiddenSize, 4);
    QVERIFY(session.weights.has_value());
    QVERIFY(*session.weights == window.controller()->latestSnapshot()->model.params);
    // With the state to continue the run exactly.
    QVERIFY(session.trainingState.has_value());
    QCOMPARE(session.trainingState->iteration, 7L);

    QVERIFY(!exports->writeLossHistory(dir.filePath(QStringLiteral("no/such/loss.csv")), &error));
    QVERIFY(!error.isEmpty());
  }

  // File → Export weights writes the live trained weights under PyTorch's names; Import
  // weights puts a file's weights into the edited session (a reset then applies them) and
  // refuses a file that does not fit, changing nothing.
  void exportsAndImportsWeights() {
    QTemporaryDir dir;
    MainWindow window;
    window.document()->setIterations(5);
    window.controller()->setSpeed(0);  // full speed: not a test of the pace
    window.controller()->play();
    QTRY_COMPARE_WITH_TIMEOUT(window.controller()->state(), TrainingState::Finished, 20000);
    auto* exports = window.findChild<ExportActions*>();
    QVERIFY(exports);
    const rnnlab::Model trained = window.controller()->latestSnapshot()->model;

    const QString path = dir.filePath(QStringLiteral("w.safetensors"));
    QString error;
    QVERIFY2(exports->writeWeights(path, &error), qPrintable(error));
    const rnnlab::SafetensorsFile file = rnnlab::loadSafetensors(path.toStdString());
    QVERIFY(file.find("rnn.weight_hh_l0") != nullptr);
    QCOMPARE(*file.metadataValue("cell"), std::string("rnn"));
    QVERIFY(rnnlab::importPytorchWeights(file, trained.config) == trained.params);

    QVERIFY(!(window.document()->session().makeModel().params == trained.params));
    QVERIFY2(window.document()->importWeights(path, &error), qPrintable(error));
    QVERIFY(window.document()->session().weights.has_value());
    QVERIFY(*window.document()->session().weights == trained.params);
    QVERIFY(window.document()->resetPending());
    // The notice and the reset say where the new model starts: from the imported weights.
    const QString notice = window.notices()->text(NoticeKind::ResetPending);
    QVERIFY2(notice.contains(QStringLiteral("starts from its given weights")), qPrintable(notice));
    QVERIFY2(!notice.contains(QStringLiteral("fresh initial weights")), qPrintable(notice));
    QAction* reset = nullptr;
    for (QAction* action : window.findChildren<QAction*>()) {
      if (action->text() == QStringLiteral("&Reset")) {
        reset = action;
      }
    }
    QVERIFY(reset != nullptr);
    reset->trigger();
    QCOMPARE(window.statusBar()->currentMessage(),
             QStringLiteral("New model built from its given weights."));
    QTRY_VERIFY(window.controller()->latestSnapshot()->model.params == trained.params);
    QCOMPARE(window.controller()->latestSnapshot()->iteration, 0L);

    // A file for another hidden size: refused with the tensor's name, nothing changes.
    rnnlab::ModelConfig wider = trained.config;
    wider.hiddenSize = 6;
    rnnlab::saveSafetensors(rnnlab::exportPytorchWeights(rnnlab::Model::initialized(wider, 1, 0.1),
                                                         rnnlab::TensorDtype::F64),
                            dir.filePath(QStringLiteral("wide.safetensors")).toStdString());
    const rnnlab::Session before = window.document()->session();
    QVERIFY(!window.document()->importWeights(dir.filePath(QStringLiteral("wide.safetensors")),
                                              &error));
    QVERIFY2(error.contains(QStringLiteral("hidden_size")), qPrintable(error));
    QVERIFY(window.document()->session() == before);
  }
};

QTEST_MAIN(ExportActionsTest)
#include "export_actions_test.moc"
