// The sequence editor in a data set session (DataSetDocks): it shows the picked training or
// validation sequence, each edit of its numbers is one undo step replacing exactly that sequence
// in the document's set, picking another sequence keeps the undo history, bad cells change
// nothing, and the stepper and picker say that the views trace one sequence while training uses
// minibatches.

#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QLineEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QUndoStack>
#include <QtTest>

#include "document/session_document.h"
#include "editors/data_set_panel.h"
#include "editors/sequence_editor.h"
#include "editors/sequence_table_model.h"
#include "inspection/iteration_stepper_panel.h"
#include "shell/data_set_docks.h"
#include "shell/dock_layout.h"
#include "shell/file_actions.h"
#include "shell/main_window.h"
#include "shell/sequence_picker.h"
#include "shell/snapshot_presenter.h"
#include "training/training_controller.h"

namespace {

using Table = SequenceEditor::Table;

// Every sequence of `a` and `b` equal except `validation`/`index`, which must differ.
bool onlyThisDiffers(const rnnlab::SequenceSet& a, const rnnlab::SequenceSet& b, bool validation,
                     std::size_t index) {
  if (a.train.size() != b.train.size() || a.validation.size() != b.validation.size()) {
    return false;
  }
  for (const bool inValidation : {false, true}) {
    const auto& x = inValidation ? a.validation : a.train;
    const auto& y = inValidation ? b.validation : b.train;
    for (std::size_t k = 0; k < x.size(); ++k) {
      const bool same = x[k] == y[k];
      if (same == (inValidation == validation && k == index)) {
        return false;
      }
    }
  }
  return true;
}

// The numbers the editor's tables show, or nothing when a cell is bad.
std::optional<rnnlab::SequenceData> shown(const SequenceEditor* editor) {
  auto inputs = editor->model(Table::Inputs)->toMatrix();
  auto targets = editor->model(Table::Targets)->toMatrix();
  if (!inputs || !targets) {
    return std::nullopt;
  }
  return rnnlab::SequenceData{*inputs, *targets};
}

bool edit(SequenceEditor* editor, Table table, int row, int column, const QString& text) {
  SequenceTableModel* model = editor->model(table);
  return model->setData(model->index(row, column), text, Qt::EditRole);
}

}  // namespace

class DataSetSequenceEditorTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("RNN Lab Tests"));
    QCoreApplication::setApplicationName(QStringLiteral("data_set_sequence_editor_test"));
    QSettings().clear();
  }

  void init() {
    m_window = std::make_unique<MainWindow>();
    m_window->setScripted(true);
    m_window->resize(1280, 720);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_editor = m_window->dataSetDocks()->sequenceEditor();
    QVERIFY(m_editor != nullptr);
    m_editor->setConfirmStructuralChanges(false);
    m_stack = m_editor->undoStack();
    QString error;
    QVERIFY2(m_window->files()->openPreset(QStringLiteral("noisy-sine"), &error),
             qPrintable(error));
    QVERIFY(set().train.size() > 3 && set().validation.size() > 2);
  }

  void cleanup() { m_window.reset(); }

  void showsThePickedSequence() {
    QVERIFY(m_editor->showsSequenceOfSet());
    QVERIFY(shown(m_editor) == set().train[0]);
    picker()->select(false, 2);
    QCOMPARE(m_window->dataSetDocks()->panel()->selectedIndex(), 2);
    QVERIFY(shown(m_editor) == set().train[2]);
    QVERIFY(!(set().train[2] == set().train[0]));
    QCOMPARE(m_window->docks()->dock(DockId::Sequence)->windowTitle(),
             QStringLiteral("Sequence: training #2"));
    // A click in the panel's validation list picks too.
    m_window->dataSetDocks()->panel()->selectSequence(true, 1);
    QVERIFY(shown(m_editor) == set().validation[1]);
    QCOMPARE(m_window->docks()->dock(DockId::Sequence)->windowTitle(),
             QStringLiteral("Sequence: validation #1"));
  }

  void aCellEditReplacesThatSequenceInOneUndoStep() {
    picker()->select(false, 3);
    const rnnlab::SequenceSet before = set();
    const int steps = m_stack->count();
    QVERIFY(edit(m_editor, Table::Inputs, 5, 0, QStringLiteral("0.75")));
    QCOMPARE(m_stack->count(), steps + 1);
    QVERIFY(onlyThisDiffers(before, set(), false, 3));
    QCOMPARE(set().train[3].inputs(5, 0), 0.75);
    rnnlab::SequenceData expected = before.train[3];
    expected.inputs(5, 0) = 0.75;
    QVERIFY(set().train[3] == expected);
    QVERIFY(m_stack->undoText().contains(QStringLiteral("training #3")));
    // The run trains on the edited set.
    QTRY_VERIFY(m_window->document()->applied().sequences == set());

    m_stack->undo();
    QVERIFY(set() == before);
    QVERIFY(shown(m_editor) == before.train[3]);
    m_stack->redo();
    QVERIFY(set().train[3] == expected);
    QVERIFY(shown(m_editor) == expected);
  }

  // As a user types: the view's editor commits, the document takes the edit as one step and
  // shows it back while the cell editor closes.
  void typingInTheTableIsOneStep() {
    picker()->select(false, 2);
    QTableView* view = m_editor->view(Table::Inputs);
    m_window->docks()->dock(DockId::Sequence)->raise();
    QTRY_VERIFY(view->isVisible());
    const int steps = m_stack->count();
    const QModelIndex cell = view->model()->index(1, 0);
    view->setCurrentIndex(cell);
    view->edit(cell);
    auto* typing = view->viewport()->findChild<QLineEdit*>();
    QVERIFY(typing != nullptr);
    typing->selectAll();
    QTest::keyClicks(typing, QStringLiteral("0.125"));
    QTest::keyClick(typing, Qt::Key_Return);
    QTRY_COMPARE(set().train[2].inputs(1, 0), 0.125);
    QCOMPARE(m_stack->count(), steps + 1);
    QCOMPARE(view->model()->index(1, 0).data().toString(), QStringLiteral("0.125"));
    // The column buttons are off: a set's sequences share their columns.
    int columnButtons = 0;
    for (const QToolButton* button : m_editor->findChildren<QToolButton*>()) {
      if (button->text() == QStringLiteral("+") || button->text() == QStringLiteral("−")) {
        ++columnButtons;
        QVERIFY(!button->isEnabled());
      }
    }
    QCOMPARE(columnButtons, 4);
  }

  void pickingAnotherSequenceKeepsTheHistory() {
    picker()->select(false, 1);
    QVERIFY(edit(m_editor, Table::Targets, 0, 0, QStringLiteral("-0.5")));
    const int steps = m_stack->count();
    const int index = m_stack->index();
    QVERIFY(steps >= 1);
    picker()->select(true, 2);
    picker()->select(false, 4);
    QCOMPARE(m_stack->count(), steps);
    QCOMPARE(m_stack->index(), index);
    QVERIFY(shown(m_editor) == set().train[4]);
    // Undo still undoes that edit, and brings the sequence it changed into view.
    m_stack->undo();
    QVERIFY(set().train[1].targets(0, 0) != -0.5);
    QCOMPARE(picker()->selectedIndex(), 1);
    QVERIFY(shown(m_editor) == set().train[1]);
  }

  void badCellsChangeNothing() {
    picker()->select(false, 2);
    const rnnlab::SequenceSet before = set();
    const int steps = m_stack->count();
    for (const QString& bad :
         {QStringLiteral("abc"), QStringLiteral("nan"), QStringLiteral("inf")}) {
      edit(m_editor, Table::Inputs, 3, 0, bad);
      QVERIFY(set() == before);
      QCOMPARE(m_stack->count(), steps);
      QVERIFY2(m_editor->problemText().contains(QStringLiteral("inputs row 4, column 1")),
               qPrintable(m_editor->problemText()));
    }
    // An edit elsewhere (a setting) leaves the bad cell for the user to fix.
    m_window->document()->editShuffle(!before.shuffle);
    QCOMPARE(m_stack->count(), steps + 1);
    QVERIFY(!m_editor->problemText().isEmpty());
    m_stack->undo();
    QCOMPARE(m_editor->model(Table::Inputs)->cellText(3, 0), QStringLiteral("inf"));
    // Fixing the cell is the edit.
    QVERIFY(edit(m_editor, Table::Inputs, 3, 0, QStringLiteral("0.25")));
    QVERIFY(m_editor->problemText().isEmpty());
    QCOMPARE(m_stack->index(), steps + 1);
    QCOMPARE(m_stack->count(), steps + 1);
    QCOMPARE(set().train[2].inputs(3, 0), 0.25);

    // Columns are the set's: one sequence cannot add one, nor import a file of other widths.
    const rnnlab::SequenceSet fixed = set();
    m_editor->addInputColumn();
    QCOMPARE(m_editor->model(Table::Inputs)->columnCount(), 1);
    QTemporaryDir dir;
    QFile wide(dir.filePath(QStringLiteral("wide.csv")));
    QVERIFY(wide.open(QIODevice::WriteOnly));
    wide.write("input1,input2,target1\n1,2,3\n4,5,6\n");
    wide.close();
    QString error;
    QVERIFY(!m_editor->importCsvFile(wide.fileName(), &error));
    QVERIFY2(error.contains(QStringLiteral("every sequence of this data set has 1 and 1")),
             qPrintable(error));
    QVERIFY(set() == fixed);
    QCOMPARE(m_stack->count(), steps + 1);
    QVERIFY(onlyThisDiffers(before, set(), false, 2));
  }

  void validationSequencesAreEditableToo() {
    picker()->select(true, 2);
    const rnnlab::SequenceSet before = set();
    const int steps = m_stack->count();
    // A paste of two rows, one step.
    QVERIFY(m_editor->pasteText(Table::Inputs, 0, 0, QStringLiteral("1.5\n-1.5\n")));
    QCOMPARE(m_stack->count(), steps + 1);
    QVERIFY(onlyThisDiffers(before, set(), true, 2));
    QCOMPARE(set().validation[2].inputs(0, 0), 1.5);
    QCOMPARE(set().validation[2].inputs(1, 0), -1.5);
    // Rows: one more time step, then one fewer.
    const auto rows = set().validation[2].inputs.rows();
    m_editor->addTimeStep();
    QCOMPARE(set().validation[2].inputs.rows(), rows + 1);
    QCOMPARE(set().validation[2].targets.rows(), rows + 1);
    m_editor->removeTimeStep();
    QCOMPARE(set().validation[2].inputs.rows(), rows);
    QCOMPARE(m_stack->count(), steps + 3);
    // A CSV file replaces the sequence.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("short.csv"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("input1,target1\n0.1,0.2\n0.3,0.4\n0.5,0.6\n");
    file.close();
    QString error;
    QVERIFY2(m_editor->importCsvFile(path, &error), qPrintable(error));
    QCOMPARE(m_stack->count(), steps + 4);
    QCOMPARE(set().validation[2].inputs.rows(), 3);
    QCOMPARE(set().validation[2].targets(2, 0), 0.6);
    QVERIFY(onlyThisDiffers(before, set(), true, 2));
    for (int k = 0; k < 4; ++k) {
      m_stack->undo();
    }
    QVERIFY(set() == before);
    QVERIFY(shown(m_editor) == before.validation[2]);
  }

  void theStepperSaysItTracesOneSequence() {
    auto* stepper = m_window->findChild<IterationStepperPanel*>();
    QVERIFY(stepper != nullptr);
    picker()->select(false, 3);
    const QString note = QStringLiteral(
                             "Tracing training sequence #3 alone; training updates use minibatches "
                             "of %1.")
                             .arg(set().batchSize);
    QCOMPARE(stepper->scopeNote(), note);
    QVERIFY(picker()->toolTip().endsWith(note));
    picker()->select(true, 0);
    QVERIFY(stepper->scopeNote().startsWith(QStringLiteral("Tracing validation sequence #0")));
    // Not in a session of one sequence, whose editor is its own again.
    m_window->document()->openBuiltinExample();
    QVERIFY(stepper->scopeNote().isEmpty());
    QVERIFY(!m_editor->showsSequenceOfSet());
    QVERIFY(shown(m_editor) == m_window->document()->session().data);
    const int steps = m_stack->count();
    QVERIFY(edit(m_editor, Table::Inputs, 0, 0, QStringLiteral("0.5")));
    QCOMPARE(m_stack->count(), steps + 1);
    QCOMPARE(m_window->document()->session().data.inputs(0, 0), 0.5);
  }

  // With RNNLAB_SCREENSHOT_DIR set: the window with training #2 in the editor, for the README.
  void screenshot() {
    const QString folder = qEnvironmentVariable("RNNLAB_SCREENSHOT_DIR");
    if (folder.isEmpty()) {
      QSKIP("RNNLAB_SCREENSHOT_DIR not set");
    }
    m_window->document()->setIterations(20);
    m_window->controller()->setSpeed(0);  // full speed: not a test of the pace
    m_window->controller()->play();
    QTRY_COMPARE_WITH_TIMEOUT(m_window->controller()->state(), TrainingState::Finished, 60000);
    picker()->select(false, 2);
    QDockWidget* dock = m_window->docks()->dock(DockId::Sequence);
    dock->raise();
    m_window->docks()->dock(DockId::Stepper)->raise();
    QTest::qWait(300);
    m_window->presenter()->refresh();
    QTest::qWait(300);
    QVERIFY(m_window->grab().save(QDir(folder).filePath(QStringLiteral("data_set_editor.png"))));
  }

 private:
  const rnnlab::SequenceSet& set() const { return *m_window->document()->session().sequences; }
  SequencePicker* picker() const { return m_window->dataSetDocks()->picker(); }

  std::unique_ptr<MainWindow> m_window;
  SequenceEditor* m_editor = nullptr;
  QUndoStack* m_stack = nullptr;
};

QTEST_MAIN(DataSetSequenceEditorTest)
#include "data_set_sequence_editor_test.moc"
