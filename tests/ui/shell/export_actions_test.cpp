// ExportActions: the loss history CSV has every iteration's loss, the trained session carries the
// trained weights with the session they were trained on, and a bad path is an error.

#include "shell/export_actions.h"

#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "document/session_document.h"
#include "shell/main_window.h"
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

    QVERIFY(!exports->writeLossHistory(dir.filePath(QStringLiteral("no/such/loss.csv")), &error));
    QVERIFY(!error.isEmpty());
  }
};

QTEST_MAIN(ExportActionsTest)
#include "export_actions_test.moc"
