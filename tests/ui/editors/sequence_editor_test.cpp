// SequenceEditor: bad cells are marked and never reach training, paste, undo/redo, resizing.

#include "editors/sequence_editor.h"

#include <QSignalSpy>
#include <QTableView>
#include <QUndoStack>
#include <QtTest>

#include "editors/number_cell_delegate.h"
#include "editors/sequence_table_model.h"
#include "rnnlab/session.h"

using Table = SequenceEditor::Table;

class SequenceEditorTest : public QObject {
  Q_OBJECT

 private:
  static rnnlab::SequenceData example() { return rnnlab::builtinExample().data; }

  static bool edit(SequenceEditor& editor, Table table, int row, int column, const QString& text) {
    SequenceTableModel* model = editor.model(table);
    return model->setData(model->index(row, column), text, Qt::EditRole);
  }

 private slots:
  void showsTheData() {
    SequenceEditor editor;
    editor.setData(example(), rnnlab::OutputMode::Sequence);
    QCOMPARE(editor.model(Table::Inputs)->rowCount(), 4);
    QCOMPARE(editor.model(Table::Inputs)->columnCount(), 3);
    QCOMPARE(editor.model(Table::Targets)->columnCount(), 2);
    QCOMPARE(editor.model(Table::Inputs)->index(3, 2).data().toString(), QStringLiteral("12"));
    QVERIFY(editor.data() == example());
    QVERIFY(!editor.hasInvalidCells());
    // Both tables draw numbers with the delegate that keeps digits in narrow columns.
    for (const Table table : {Table::Inputs, Table::Targets}) {
      QVERIFY(qobject_cast<NumberCellDelegate*>(editor.view(table)->itemDelegate()) != nullptr);
    }
  }

  void validEditIsEmitted() {
    SequenceEditor editor;
    editor.setData(example(), rnnlab::OutputMode::Sequence);
    QSignalSpy spy(&editor, &SequenceEditor::dataEdited);
    QVERIFY(edit(editor, Table::Targets, 2, 1, QStringLiteral("0.25")));
    QCOMPARE(spy.count(), 1);
    auto data = spy.at(0).at(0).value<rnnlab::SequenceData>();
    QCOMPARE(data.targets(2, 1), 0.25);
    QCOMPARE(editor.data().targets(2, 1), 0.25);
  }

  void badCellIsMarkedAndNotEmitted() {
    SequenceEditor editor;
    editor.setData(example(), rnnlab::OutputMode::Sequence);
    QSignalSpy spy(&editor, &SequenceEditor::dataEdited);
    QVERIFY(edit(editor, Table::Inputs, 2, 1, QStringLiteral("abc")));
    QCOMPARE(spy.count(), 0);
    QVERIFY(editor.hasInvalidCells());
    QVERIFY(editor.data() == example());  // training keeps the last valid data

    QModelIndex cell = editor.model(Table::Inputs)->index(2, 1);
    QCOMPARE(cell.data(Qt::ToolTipRole).toString(), QStringLiteral("not a number: 'abc'"));
    QVERIFY(cell.data(Qt::BackgroundRole).value<QBrush>().color().red() > 200);
    QVERIFY2(editor.problemText().contains(QStringLiteral("inputs row 3, column 2")),
             qPrintable(editor.problemText()));
    QVERIFY(editor.problemText().contains(QStringLiteral("last valid data")));

    // Infinity and empty cells are refused too.
    QVERIFY(edit(editor, Table::Targets, 0, 0, QStringLiteral("inf")));
    QVERIFY(edit(editor, Table::Targets, 1, 0, QString()));
    QCOMPARE(spy.count(), 0);

    // Fixing every bad cell sends the data again.
    QVERIFY(edit(editor, Table::Inputs, 2, 1, QStringLiteral("8.5")));
    QVERIFY(edit(editor, Table::Targets, 0, 0, QStringLiteral("0")));
    QCOMPARE(spy.count(), 0);
    QVERIFY(edit(editor, Table::Targets, 1, 0, QStringLiteral("1")));
    QCOMPARE(spy.count(), 1);
    QVERIFY(!editor.hasInvalidCells());
    QVERIFY(editor.problemText().isEmpty());
    QCOMPARE(editor.data().inputs(2, 1), 8.5);
  }

  void pastesABlock() {
    SequenceEditor editor;
    editor.setData(example(), rnnlab::OutputMode::Sequence);
    QSignalSpy spy(&editor, &SequenceEditor::dataEdited);
    QVERIFY(editor.pasteText(Table::Inputs, 1, 0, QStringLiteral("0.5\t-1\t2\n3\t4\t5e-1\n")));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(editor.undoStack()->count(), 1);  // one undo step for the whole block
    rnnlab::Matrix expected = example().inputs;
    expected.row(1) << 0.5, -1, 2;
    expected.row(2) << 3, 4, 0.5;
    QVERIFY(editor.data().inputs == expected);

    // Comma-separated text works too.
    QVERIFY(editor.pasteText(Table::Targets, 0, 0, QStringLiteral("0.1,0.9\r\n0.2,0.8")));
    QCOMPARE(editor.data().targets(1, 1), 0.8);
  }

  void pastePastTheEndAddsSteps() {
    SequenceEditor editor;
    editor.setData(example(), rnnlab::OutputMode::Sequence);
    QVERIFY(editor.pasteText(Table::Inputs, 3, 0, QStringLiteral("1,1,1\n2,2,2\n3,3,3")));
    QCOMPARE(editor.data().steps(), 6);
    QCOMPARE(editor.data().targets.rows(), 6);  // targets follow in sequence mode
    QCOMPARE(editor.data().inputs(5, 2), 3.0);
    // Cells beyond the last column are left out, not added as columns.
    QSignalSpy messages(&editor, &SequenceEditor::statusMessage);
    QVERIFY(editor.pasteText(Table::Targets, 0, 1, QStringLiteral("7\t8\t9")));
    QCOMPARE(editor.data().targets.cols(), 2);
    QCOMPARE(editor.data().targets(0, 1), 7.0);
    QCOMPARE(messages.count(), 1);
  }

  void undoRestores() {
    SequenceEditor editor;
    editor.setData(example(), rnnlab::OutputMode::Sequence);
    QSignalSpy spy(&editor, &SequenceEditor::dataEdited);
    QVERIFY(edit(editor, Table::Inputs, 0, 0, QStringLiteral("42")));
    QVERIFY(editor.pasteText(Table::Inputs, 0, 1, QStringLiteral("7\t7")));
    QCOMPARE(editor.data().inputs(0, 0), 42.0);
    QCOMPARE(editor.data().inputs(0, 2), 7.0);

    editor.undoStack()->undo();
    QCOMPARE(editor.data().inputs(0, 2), 3.0);
    QCOMPARE(editor.data().inputs(0, 0), 42.0);
    editor.undoStack()->undo();
    QVERIFY(editor.data() == example());
    QCOMPARE(editor.model(Table::Inputs)->index(0, 0).data().toString(), QStringLiteral("1"));
    QCOMPARE(spy.count(), 4);  // edit, paste, undo, undo

    editor.undoStack()->redo();
    QCOMPARE(editor.data().inputs(0, 0), 42.0);

    // Undoing a bad edit restores valid data.
    QVERIFY(edit(editor, Table::Inputs, 1, 1, QStringLiteral("x")));
    QVERIFY(editor.hasInvalidCells());
    editor.undoStack()->undo();
    QVERIFY(!editor.hasInvalidCells());
  }

  void addsAndRemovesTimeSteps() {
    SequenceEditor editor;
    editor.setData(example(), rnnlab::OutputMode::Sequence);
    editor.view(Table::Inputs)->setCurrentIndex(editor.model(Table::Inputs)->index(1, 0));
    editor.addTimeStep();
    QCOMPARE(editor.data().steps(), 5);
    QCOMPARE(editor.data().targets.rows(), 5);
    QCOMPARE(editor.data().inputs(2, 0), 0.0);  // inserted after the current row
    QCOMPARE(editor.data().inputs(3, 0), 7.0);

    editor.removeTimeStep();  // the new row is current now
    QVERIFY(editor.data() == example());
    editor.undoStack()->undo();
    QCOMPARE(editor.data().steps(), 5);
    editor.undoStack()->undo();
    QCOMPARE(editor.data().steps(), 4);

    for (int k = 0; k < 10; ++k) {
      editor.removeTimeStep();
    }
    QCOMPARE(editor.data().steps(), 1);  // never below one step
  }

  // Replacing the data after an edit clears the undo stack; that must not hand the old tables
  // back as an edit of the new data (a window would apply them to the newly opened session, and
  // re-enter setData() so that the mode no longer matched the tables).
  void setDataAfterAnEditEmitsNothing() {
    SequenceEditor editor;
    editor.setData(example(), rnnlab::OutputMode::Sequence);
    QVERIFY(edit(editor, Table::Inputs, 0, 0, QStringLiteral("42")));
    QCOMPARE(editor.undoStack()->count(), 1);
    QSignalSpy spy(&editor, &SequenceEditor::dataEdited);
    rnnlab::SequenceData data = example();
    data.targets = rnnlab::Matrix(data.targets.bottomRows(1));
    editor.setData(data, rnnlab::OutputMode::Last);
    QCOMPARE(spy.count(), 0);
    QVERIFY(editor.data() == data);
    QVERIFY(editor.outputMode() == rnnlab::OutputMode::Last);
    QCOMPARE(editor.undoStack()->count(), 0);
    editor.addTimeStep();
    QCOMPARE(editor.data().targets.rows(), 1);
  }

  void lastModeKeepsOneTargetRow() {
    rnnlab::SequenceData data = example();
    rnnlab::Matrix last = data.targets.bottomRows(1);
    data.targets = last;
    SequenceEditor editor;
    editor.setData(data, rnnlab::OutputMode::Last);
    QCOMPARE(editor.model(Table::Targets)->headerData(0, Qt::Vertical).toString(),
             QStringLiteral("t=4"));
    editor.addTimeStep();
    QCOMPARE(editor.data().steps(), 5);
    QCOMPARE(editor.data().targets.rows(), 1);
    QCOMPARE(editor.model(Table::Targets)->headerData(0, Qt::Vertical).toString(),
             QStringLiteral("t=5"));
  }

  void columnsChangeTheSize() {
    SequenceEditor editor;
    editor.setConfirmStructuralChanges(false);
    editor.setData(example(), rnnlab::OutputMode::Sequence);
    QSignalSpy spy(&editor, &SequenceEditor::dataEdited);
    editor.addInputColumn();
    QCOMPARE(editor.data().inputs.cols(), 4);
    editor.removeOutputColumn();
    QCOMPARE(editor.data().targets.cols(), 1);
    editor.removeOutputColumn();  // at least one column stays
    QCOMPARE(editor.data().targets.cols(), 1);
    QCOMPARE(spy.count(), 2);
  }

  // Destruction used to clear the undo stack into onTablesChanged after the editor's members
  // were gone (a rare segfault under load): nothing may reach the editor once it is dying.
  // Without the fix this reads freed memory, which AddressSanitizer reports every time
  // (.ci/run-tsan.sh runs this test under ASan); in a plain build it only counts calls.
  void destroyingWithUndoHistoryCallsNothingBack() {
    auto* editor = new SequenceEditor;
    editor->setData(example(), rnnlab::OutputMode::Sequence);
    QVERIFY(edit(*editor, Table::Inputs, 0, 0, QStringLiteral("5")));
    QVERIFY(edit(*editor, Table::Inputs, 1, 0, QStringLiteral("6")));
    editor->undoStack()->undo();
    int calls = 0;
    QObject context;
    connect(editor, &SequenceEditor::dataEdited, &context, [&calls] { ++calls; });
    delete editor;
    QCOMPARE(calls, 0);
  }

  void csvRoundTrip() {
    QTemporaryDir dir;
    SequenceEditor editor;
    editor.setConfirmStructuralChanges(false);
    editor.setData(example(), rnnlab::OutputMode::Sequence);
    const QString path = dir.filePath(QStringLiteral("seq.csv"));
    QString error;
    QVERIFY2(editor.exportCsvFile(path, &error), qPrintable(error));
    QVERIFY(edit(editor, Table::Inputs, 0, 0, QStringLiteral("99")));
    QVERIFY2(editor.importCsvFile(path, &error), qPrintable(error));
    QVERIFY(editor.data() == example());

    QFile bad(dir.filePath(QStringLiteral("bad.csv")));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("input1,target1\n1,zzz\n");
    bad.close();
    QVERIFY(!editor.importCsvFile(bad.fileName(), &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(editor.data() == example());
  }

  // A data set's sequence: shown without clearing the stack, edited without undo steps of the
  // editor's own, each valid edit announced once with its name.
  void aSetsSequenceKeepsTheStackAndAnnouncesEdits() {
    SequenceEditor editor;
    editor.setConfirmStructuralChanges(false);
    editor.setData(example(), rnnlab::OutputMode::Sequence);
    QVERIFY(edit(editor, Table::Inputs, 0, 0, QStringLiteral("7")));
    QCOMPARE(editor.undoStack()->count(), 1);
    QSignalSpy plain(&editor, &SequenceEditor::dataEdited);
    QSignalSpy spy(&editor, &SequenceEditor::sequenceEdited);

    rnnlab::SequenceData other = example();
    other.inputs(1, 1) = -3.0;
    editor.showSequence(other, rnnlab::OutputMode::Sequence);
    QVERIFY(editor.showsSequenceOfSet());
    QCOMPARE(editor.undoStack()->count(), 1);
    QCOMPARE(editor.model(Table::Inputs)->index(1, 1).data().toString(), QStringLiteral("-3"));
    QCOMPARE(spy.count(), 0);

    QVERIFY(edit(editor, Table::Targets, 2, 1, QStringLiteral("0.5")));
    QCOMPARE(editor.undoStack()->count(), 1);
    QCOMPARE(spy.count(), 1);
    auto data = spy.at(0).at(0).value<rnnlab::SequenceData>();
    QCOMPARE(data.targets(2, 1), 0.5);
    QCOMPARE(data.inputs(1, 1), -3.0);
    QCOMPARE(spy.at(0).at(1).toString(), QStringLiteral("Edit targets cell (t=3, column 2)"));

    QVERIFY(edit(editor, Table::Inputs, 0, 0, QStringLiteral("zz")));
    QCOMPARE(spy.count(), 1);
    QVERIFY(editor.problemText().contains(QStringLiteral("inputs row 1, column 1")));
    QVERIFY(editor.pasteText(Table::Inputs, 0, 0, QStringLiteral("4\t5\t6\n")));
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy.at(1).at(1).toString(), QStringLiteral("Paste 1×3 cells"));
    editor.addTimeStep();
    QCOMPARE(spy.count(), 3);
    QCOMPARE(spy.at(2).at(0).value<rnnlab::SequenceData>().inputs.rows(), 5);
    editor.addInputColumn();  // the set's columns are fixed
    QCOMPARE(spy.count(), 3);
    QCOMPARE(editor.model(Table::Inputs)->columnCount(), 3);
    QCOMPARE(editor.undoStack()->count(), 1);
    QCOMPARE(plain.count(), 0);

    // setData() is the session's own sequence again: edits are the editor's undo steps.
    editor.setData(example(), rnnlab::OutputMode::Sequence);
    QVERIFY(!editor.showsSequenceOfSet());
    QVERIFY(edit(editor, Table::Inputs, 0, 0, QStringLiteral("8")));
    QCOMPARE(editor.undoStack()->count(), 1);
    QCOMPARE(plain.count(), 1);
    QCOMPARE(spy.count(), 3);
  }
};

QTEST_MAIN(SequenceEditorTest)
#include "sequence_editor_test.moc"
