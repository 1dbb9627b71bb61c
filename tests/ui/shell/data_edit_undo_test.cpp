// Editing the data restarts training from the initial weights (one loss curve, one data set);
// undoing the edit brings the discarded run back where it stopped, losses and all, and it goes
// on exactly as an uninterrupted run would.

#include <QSettings>
#include <QStandardPaths>
#include <QUndoStack>
#include <QtTest>

#include "document/session_document.h"
#include "editors/sequence_editor.h"
#include "editors/sequence_table_model.h"
#include "rnnlab/trainer.h"
#include "shell/main_window.h"
#include "training/training_controller.h"

class DataEditUndoTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("RNN Lab Tests"));
    QCoreApplication::setApplicationName(QStringLiteral("data_edit_undo_test"));
    QSettings().clear();
  }

  void undoOfADataEditBringsTheRunBack() {
    MainWindow window;
    TrainingController* controller = window.controller();
    const rnnlab::Session start = window.document()->session();
    window.document()->setIterations(30);
    controller->setSpeed(0);  // full speed: not a test of the pace
    controller->play();
    QTRY_VERIFY_WITH_TIMEOUT(controller->state() == TrainingState::Finished, 30000);
    QTRY_COMPARE(controller->latestSnapshot()->iteration, 30L);
    const rnnlab::Parameters trained = controller->latestSnapshot()->model.params;
    const std::vector<double> losses = controller->lossHistory().values();
    QCOMPARE(losses.size(), std::size_t{30});

    SequenceEditor* editor = window.findChild<SequenceEditor*>();
    SequenceTableModel* targets = editor->model(SequenceEditor::Table::Targets);
    QVERIFY(targets->setData(targets->index(0, 0), QStringLiteral("0.5"), Qt::EditRole));
    QTRY_COMPARE(controller->latestSnapshot()->iteration, 0L);  // restarted on the new data
    QVERIFY(controller->lossHistory().empty());

    editor->undoStack()->undo();
    QVERIFY(window.document()->session().data == start.data);
    QTRY_COMPARE(controller->latestSnapshot()->iteration, 30L);
    QVERIFY(controller->latestSnapshot()->model.params == trained);
    QVERIFY(controller->lossHistory().values() == losses);

    // And it goes on as if never interrupted: 31 updates from the start, exactly.
    controller->step();
    QTRY_COMPARE(controller->latestSnapshot()->iteration, 31L);
    rnnlab::Trainer uninterrupted(start.makeModel(), start.data,
                                  window.document()->applied().training);
    for (int k = 0; k < 31; ++k) {
      uninterrupted.step();
    }
    QVERIFY(controller->latestSnapshot()->model.params == uninterrupted.model().params);
    QCOMPARE(controller->lossHistory().size(), std::size_t{31});

    // A redo takes the edit again: a fresh start on the edited data.
    editor->undoStack()->redo();
    QTRY_COMPARE(controller->latestSnapshot()->iteration, 0L);
  }
};

QTEST_MAIN(DataEditUndoTest)
#include "data_edit_undo_test.moc"
