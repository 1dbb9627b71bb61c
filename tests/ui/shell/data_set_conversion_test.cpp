// Any numeric session becomes a data set through the Data menu (generator, CSV or folder import,
// or its own sequence), as one undo step that brings the single-sequence session back exactly;
// a text session cannot, and a bad file changes nothing.

#include "shell/data_set_conversion.h"

#include <QAction>
#include <QDockWidget>
#include <QFile>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolTip>
#include <QUndoStack>
#include <QtTest>

#include "document/session_document.h"
#include "editors/data_set_panel.h"
#include "editors/generator_dialog.h"
#include "editors/sequence_editor.h"
#include "editors/settings_panel.h"
#include "rnnlab/model.h"
#include "rnnlab/sequence_generators.h"
#include "shell/data_set_docks.h"
#include "shell/dock_layout.h"
#include "shell/main_window.h"
#include "shell/notice_bar.h"
#include "training/training_controller.h"

namespace {

// The built-in example with explicit weights (not the seed's), so that Undo must bring numbers
// back, not only "no weights".
rnnlab::Session exampleWithWeights() {
  rnnlab::Session session = rnnlab::builtinExample();
  session.setModel(rnnlab::Model::initialized(session.model, 77, 0.3));
  return session;
}

void writeFile(const QString& path, const QByteArray& bytes) {
  QFile file(path);
  QVERIFY(file.open(QIODevice::WriteOnly));
  file.write(bytes);
}

}  // namespace

class DataSetConversionTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("RNN Lab Tests"));
    QCoreApplication::setApplicationName(QStringLiteral("data_set_conversion_test"));
    QSettings().clear();
  }

  void theDataMenuHoldsTheActions() {
    MainWindow window;
    auto* menu = window.menuBar()->findChild<QMenu*>(QStringLiteral("dataMenu"));
    QVERIFY(menu != nullptr);
    DataSetConversion* conversion = window.dataSetDocks()->conversion();
    QVERIFY(menu->actions().contains(conversion->generateAction()));
    QVERIFY(menu->actions().contains(conversion->importCsvAction()));
    QVERIFY(menu->actions().contains(conversion->importFolderAction()));
    QVERIFY(menu->actions().contains(conversion->fromSequenceAction()));
    QVERIFY(menu->toolTipsVisible());
    QVERIFY(conversion->generateAction()->isEnabled());
    QVERIFY(conversion->generateAction()->toolTip().contains(QStringLiteral("undo")));
    const QString shot = qEnvironmentVariable("RNNLAB_CONVERSION_SHOT");
    if (!shot.isEmpty()) {
      window.show();
      menu->popup(window.mapToGlobal(QPoint(100, 30)));
      QTest::qWait(300);
      QVERIFY(menu->grab().save(
          QString(shot).replace(QStringLiteral(".png"), QStringLiteral("-menu.png"))));
      menu->hide();
    }
  }

  void generatorMakesTheExampleADataSetAndUndoBringsItBack() {
    MainWindow window;
    window.setScripted(true);
    window.resize(1280, 720);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    SessionDocument* document = window.document();
    document->setSession(exampleWithWeights(), QString(), QStringLiteral("Example"));
    const rnnlab::Session original = document->session();
    QUndoStack* stack = window.findChild<SequenceEditor*>()->undoStack();
    const int steps = stack->count();
    auto* settings = window.findChild<SettingsPanel*>();
    QVERIFY(!settings->showsDataSet());

    rnnlab::SineOptions options;
    options.counts = rnnlab::GeneratorCounts{12, 4, 5};
    options.length = 30;
    QString error;
    QVERIFY2(window.dataSetDocks()->conversion()->generate(rnnlab::generateSine(options),
                                                           QStringLiteral("Noisy sine"), &error),
             qPrintable(error));

    const rnnlab::Session& now = document->session();
    QVERIFY(now.sequences.has_value());
    QCOMPARE(now.sequences->train.size(), std::size_t{12});
    QCOMPARE(now.sequences->validation.size(), std::size_t{4});
    for (const rnnlab::SequenceData& sequence : now.sequences->train) {
      QCOMPARE(sequence.inputs.rows(), 30);
      QCOMPARE(sequence.inputs.cols(), 1);
      QCOMPARE(sequence.targets.rows(), 30);
      QCOMPARE(sequence.targets.cols(), 1);
    }
    // The same numbers as the core's generator with the same seed.
    QVERIFY(now.sequences->train == rnnlab::generateSine(options).set.train);
    QCOMPARE(now.model.inputSize, 1);
    QCOMPARE(now.model.outputSize, 1);
    QCOMPARE(now.model.hiddenSize, original.model.hiddenSize);  // cell and H stay
    QVERIFY(!now.weights.has_value());  // 3×… weights do not fit a 1-input network
    QVERIFY(!rnnlab::validate(now).has_value());
    QCOMPARE(stack->count(), steps + 1);
    QVERIFY(document->isModified());

    // The docks and settings follow: the Data set dock in front, batch size and shuffle shown.
    QDockWidget* dock = window.docks()->dock(DockId::DataSet);
    QVERIFY(dock != nullptr);
    QTRY_VERIFY(dock->isVisible());
    QVERIFY(!dock->visibleRegion().isEmpty());
    QCOMPARE(window.dataSetDocks()->panel()->list(false)->count(), 12);
    QCOMPARE(window.dataSetDocks()->panel()->list(true)->count(), 4);
    QVERIFY(settings->showsDataSet());
    // What changed about the network is said, in the status bar and the reset notice.
    QVERIFY2(window.statusBar()->currentMessage().contains(QStringLiteral("I 3 → 1, O 2 → 1")),
             qPrintable(window.statusBar()->currentMessage()));
    QVERIFY2(window.notices()->text(NoticeKind::ResetPending).contains(QStringLiteral("3 → 1")),
             qPrintable(window.notices()->text(NoticeKind::ResetPending)));

    const QString shot = qEnvironmentVariable("RNNLAB_CONVERSION_SHOT");
    if (!shot.isEmpty()) {
      QTest::qWait(300);
      QVERIFY(window.grab().save(shot));
    }

    // Reset trains the data set.
    window.resetTraining();
    QVERIFY(document->applied().sequences.has_value());
    QCOMPARE(window.controller()->session().sequences->train.size(), std::size_t{12});
    if (!shot.isEmpty()) {
      window.controller()->setSpeed(0);  // full speed: not a test of the pace
      window.controller()->play();
      QTest::qWait(1500);
      window.controller()->pause();
      QTest::qWait(300);
      QVERIFY(window.grab().save(
          QString(shot).replace(QStringLiteral(".png"), QStringLiteral("-trained.png"))));
    }

    stack->undo();
    QVERIFY(document->session() == original);
    QVERIFY(document->session().data.inputs == original.data.inputs);
    QVERIFY(document->session().data.targets == original.data.targets);
    QVERIFY(*document->session().weights == *original.weights);
    QVERIFY(!document->isModified());
    QVERIFY(!settings->showsDataSet());
    QVERIFY(dock->isHidden());
    // Redo makes it the same data set again.
    stack->redo();
    QVERIFY(document->session().sequences->train == rnnlab::generateSine(options).set.train);
  }

  void theMenuActionOpensTheGeneratorDialog() {
    MainWindow window;
    window.setScripted(true);
    SessionDocument* document = window.document();
    rnnlab::GeneratedTask expected;
    bool dialogSeen = false;
    // The dialog is modal: accept it (its defaults, a fixed seed) from inside its event loop.
    QTimer::singleShot(0, this, [&] {
      auto* dialog = qobject_cast<GeneratorDialog*>(QApplication::activeModalWidget());
      if (dialog == nullptr) {
        return;
      }
      dialogSeen = true;
      dialog->setKind(GeneratorDialog::Kind::Adding);
      expected = dialog->task();
      dialog->accept();
    });
    window.dataSetDocks()->conversion()->generateAction()->trigger();
    QVERIFY(dialogSeen);
    const rnnlab::Session& now = document->session();
    QVERIFY(now.sequences.has_value());
    QVERIFY(now.sequences->train == expected.set.train);
    QVERIFY(now.sequences->validation == expected.set.validation);
    QVERIFY(!now.sequences->train.empty());
    QCOMPARE(now.model.inputSize, 2);  // the adding problem's (value, marker) rows
    QCOMPARE(now.model.outputSize, 1);
    QVERIFY(now.model.outputMode == rnnlab::OutputMode::Last);
    QCOMPARE(now.sequences->train.front().targets.rows(), 1);
  }

  void aTaskOfTheModelsShapeKeepsTheWeights() {
    MainWindow window;
    SessionDocument* document = window.document();
    rnnlab::Session session = rnnlab::builtinExample();
    session.model.inputSize = 1;
    session.model.outputSize = 1;
    session.data.inputs = rnnlab::Matrix::Constant(5, 1, 0.5);
    session.data.targets = rnnlab::Matrix::Constant(5, 1, 0.25);
    session.setModel(rnnlab::Model::initialized(session.model, 3, 0.2));
    // The blog's bugs exist only for one sequence: a data set cannot keep them on.
    session.training.blogBugs.gradientMissing2 = true;
    QVERIFY(!rnnlab::validate(session).has_value());
    document->setSession(session, QString(), QStringLiteral("One input"));
    rnnlab::EchoOptions options;
    QString error;
    QVERIFY2(window.dataSetDocks()->conversion()->generate(rnnlab::generateEcho(options),
                                                           QStringLiteral("Echo"), &error),
             qPrintable(error));
    QVERIFY(document->session().weights == session.weights);
    QVERIFY(!document->resetPending());
    QVERIFY(!document->session().training.blogBugs.any());
    QVERIFY(!rnnlab::validate(document->session()).has_value());
    // Same model, new data: training restarted on the data set at once.
    QVERIFY(window.controller()->session().sequences.has_value());
    window.findChild<SequenceEditor*>()->undoStack()->undo();
    QVERIFY(document->session() == session);
  }

  void makeADataSetFromThisSequence() {
    MainWindow window;
    SessionDocument* document = window.document();
    document->setSession(exampleWithWeights(), QString(), QStringLiteral("Example"));
    const rnnlab::Session original = document->session();
    QUndoStack* stack = window.findChild<SequenceEditor*>()->undoStack();
    DataSetConversion* conversion = window.dataSetDocks()->conversion();
    QVERIFY(conversion->fromSequenceAction()->isEnabled());
    conversion->fromSequenceAction()->trigger();

    const rnnlab::Session& now = document->session();
    QVERIFY(now.sequences.has_value());
    QCOMPARE(now.sequences->train.size(), std::size_t{1});
    QVERIFY(now.sequences->validation.empty());
    QVERIFY(now.sequences->train.front().inputs == original.data.inputs);
    QVERIFY(now.sequences->train.front().targets == original.data.targets);
    QVERIFY(now.model == original.model);
    QVERIFY(now.weights == original.weights);  // the same network goes on
    QVERIFY(!document->resetPending());
    QVERIFY(window.controller()->session().sequences.has_value());
    // In a data set it has nothing to wrap.
    QVERIFY(!conversion->fromSequenceAction()->isEnabled());
    QString error;
    QVERIFY(!conversion->fromCurrentSequence(&error));
    QVERIFY(!error.isEmpty());

    stack->undo();
    QVERIFY(document->session() == original);
    QVERIFY(conversion->fromSequenceAction()->isEnabled());
  }

  void importCsvAndFolderConvert() {
    MainWindow window;
    SessionDocument* document = window.document();
    const rnnlab::Session original = document->session();
    QTemporaryDir dir;
    const QString csv = dir.filePath(QStringLiteral("set.csv"));
    QByteArray text = "sequence,input1,input2,target1\n";
    for (int id = 0; id < 10; ++id) {
      for (int t = 0; t < 3 + id % 2; ++t) {
        text += QByteArray::number(id) + ',' + QByteArray::number(0.1 * t) + ",1," +
                QByteArray::number(0.01 * id) + '\n';
      }
    }
    writeFile(csv, text);
    DataSetConversion* conversion = window.dataSetDocks()->conversion();
    QString error;
    QVERIFY2(conversion->importCsvFile(csv, &error), qPrintable(error));
    const rnnlab::Session& now = document->session();
    QVERIFY(now.sequences.has_value());
    // The panel's validation share (20 % by default): 8 + 2.
    QCOMPARE(now.sequences->train.size(), std::size_t{8});
    QCOMPARE(now.sequences->validation.size(), std::size_t{2});
    QCOMPARE(now.sequences->train[1].inputs.rows(), 4);
    QCOMPARE(now.model.inputSize, 2);
    QCOMPARE(now.model.outputSize, 1);
    QVERIFY(!rnnlab::validate(now).has_value());
    window.findChild<SequenceEditor*>()->undoStack()->undo();
    QVERIFY(document->session() == original);

    QDir(dir.path()).mkdir(QStringLiteral("folder"));
    writeFile(dir.filePath(QStringLiteral("folder/a.csv")), "input1,target1\n1,2\n3,4\n");
    writeFile(dir.filePath(QStringLiteral("folder/b.csv")), "input1,target1\n5,6\n");
    QVERIFY2(conversion->importFolder(dir.filePath(QStringLiteral("folder")), &error),
             qPrintable(error));
    QCOMPARE(document->session().sequences->train.size() +
                 document->session().sequences->validation.size(),
             std::size_t{2});
    QCOMPARE(document->session().sequences->train.front().inputs(1, 0), 3.0);
  }

  void aBadFileChangesNothing() {
    MainWindow window;
    window.setScripted(true);
    SessionDocument* document = window.document();
    const rnnlab::Session original = document->session();
    QUndoStack* stack = window.findChild<SequenceEditor*>()->undoStack();
    const int steps = stack->count();
    QTemporaryDir dir;
    const QString bad = dir.filePath(QStringLiteral("bad.csv"));
    writeFile(bad, "sequence,input1,target1\na,0.1,0.5\na,x,0.9\n");
    DataSetConversion* conversion = window.dataSetDocks()->conversion();
    QString error;
    QVERIFY(!conversion->importCsvFile(bad, &error));
    QVERIFY2(error.contains(QStringLiteral("bad.csv")) &&
                 error.contains(QStringLiteral("line 3")) &&
                 error.contains(QStringLiteral("column 2")),
             qPrintable(error));
    QVERIFY(!error.contains(u'\n'));
    QVERIFY(document->session() == original);
    QCOMPARE(stack->count(), steps);
    QVERIFY(!document->isModified());
    // Through the menu: one message in the status bar (no dialog in a scripted run), no change.
    QVERIFY(!conversion->importCsvFile(dir.filePath(QStringLiteral("missing.csv")), &error));
    QVERIFY(error.contains(QStringLiteral("missing.csv")));
    QVERIFY(document->session() == original);
    // A file without a sequence-id column is refused by name too.
    writeFile(bad, "input1,target1\n1,2\n");
    QVERIFY(!conversion->importCsvFile(bad, &error));
    QVERIFY2(error.contains(QStringLiteral("bad.csv")), qPrintable(error));
    QVERIFY(document->session() == original);
    QCOMPARE(stack->count(), steps);
  }

  void aSetTheCoreRefusesChangesNothing() {
    MainWindow window;
    SessionDocument* document = window.document();
    const rnnlab::Session original = document->session();
    QUndoStack* stack = window.findChild<SequenceEditor*>()->undoStack();
    const int steps = stack->count();
    rnnlab::SequenceSet set;
    set.train.push_back(original.data);
    rnnlab::SequenceData narrow;
    narrow.inputs = rnnlab::Matrix::Zero(2, 1);
    narrow.targets = rnnlab::Matrix::Zero(2, 2);
    set.train.push_back(narrow);  // one input column where the first sequence has three
    QSignalSpy refused(document, &SessionDocument::editRefused);
    QString error;
    QVERIFY(!document->convertToSequenceSet(set, QString(), &error));
    QVERIFY2(error.contains(QStringLiteral("train[1]")), qPrintable(error));
    QCOMPARE(refused.count(), 1);
    QVERIFY(document->session() == original);
    QCOMPARE(stack->count(), steps);
  }

  void aTextSessionCannotBecomeADataSet() {
    MainWindow window;
    SessionDocument* document = window.document();
    QString error;
    QVERIFY2(document->newTextSession(
                 QStringLiteral("hello world, hello data sets, hello again. ").repeated(4),
                 QStringLiteral("Text"), &error),
             qPrintable(error));
    const rnnlab::Session original = document->session();
    DataSetConversion* conversion = window.dataSetDocks()->conversion();
    for (QAction* action : {conversion->generateAction(), conversion->importCsvAction(),
                            conversion->importFolderAction(), conversion->fromSequenceAction()}) {
      QVERIFY(!action->isEnabled());
      QVERIFY2(action->toolTip().contains(QStringLiteral("text session")),
               qPrintable(action->toolTip()));
    }
    // The reason shows when the pointer rests on the disabled entry of the Data menu.
    auto* menu = window.menuBar()->findChild<QMenu*>(QStringLiteral("dataMenu"));
    window.show();
    menu->popup(window.mapToGlobal(QPoint(100, 30)));
    QVERIFY(QTest::qWaitForWindowExposed(menu));
    const QPoint at = menu->actionGeometry(conversion->generateAction()).center();
    QHelpEvent help(QEvent::ToolTip, at, menu->mapToGlobal(at));
    QApplication::sendEvent(menu, &help);
    QTRY_VERIFY2(QToolTip::text().contains(QStringLiteral("text session")),
                 qPrintable(QToolTip::text()));
    menu->hide();
    QVERIFY(!conversion->generate(rnnlab::generateSine({}), QStringLiteral("Noisy sine"), &error));
    QVERIFY(error.contains(QStringLiteral("text session")));
    QVERIFY(!conversion->fromCurrentSequence(&error));
    QVERIFY(document->session() == original);
    // Back to a numeric session: enabled again.
    document->openBuiltinExample();
    QVERIFY(conversion->generateAction()->isEnabled());
  }
};

QTEST_MAIN(DataSetConversionTest)
#include "data_set_conversion_test.moc"
