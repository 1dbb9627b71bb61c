#pragma once

// The two tables of the training sequence: inputs (T×I) and targets (T×O, or 1×O for step T in
// `last` mode). Every edit is an undoable command on one QUndoStack (the main window's Edit menu
// shows it). Bad cells stay visible, marked red and explained; dataEdited() is emitted only when
// every cell is a finite number, so training only ever sees valid data. A data set's sequence
// (showSequence) is edited the same way, but its edits become undo steps of the data set.

#include <QList>
#include <QWidget>

#include "rnnlab/sequence_data.h"
#include "rnnlab/types.h"

class QLabel;
class QSplitter;
class QTableView;
class QToolButton;
class QUndoCommand;
class QUndoStack;
class SequenceTableModel;

class SequenceEditor : public QWidget {
  Q_OBJECT

 public:
  enum class Table { Inputs, Targets };

  explicit SequenceEditor(QWidget* parent = nullptr);
  ~SequenceEditor() override;

  // Shows a new session's data and clears the undo history: older commands would restore tables
  // of another session. Emits nothing.
  void setData(const rnnlab::SequenceData& data, rnnlab::OutputMode mode);
  // Shows the same session's data in another shape (an output mode change, or its undo) and
  // keeps the undo history: the stack undoes the reshape before any older table edit. Emits
  // nothing.
  void reshape(const rnnlab::SequenceData& data, rnnlab::OutputMode mode);
  // Shows one sequence of a data set without clearing the undo history: the stack also holds the
  // data set's edits, which picking another sequence must keep. The editor then makes no undo
  // steps of its own: each edit that leaves every cell valid emits sequenceEdited() once, for the
  // owner to make one undo step of and to show the result with showSequence() again; a bad cell
  // is marked and explained as usual and changes nothing. The columns stay as they are (every
  // sequence of a set has the same). setData() goes back to a session's own sequence. Emits
  // nothing; data equal to the valid data shown leaves the tables (and the cell being typed) as
  // they are.
  void showSequence(const rnnlab::SequenceData& data, rnnlab::OutputMode mode);
  // True between showSequence() and the next setData().
  bool showsSequenceOfSet() const { return m_ofSet; }
  // The last data whose every cell was valid (what training uses).
  rnnlab::SequenceData data() const { return m_lastValid; }
  rnnlab::OutputMode outputMode() const { return m_mode; }
  bool hasInvalidCells() const;
  // The message shown under the tables ("inputs row 3, column 2 is not a number ..."), or empty.
  QString problemText() const;

  QUndoStack* undoStack() const { return m_undoStack; }
  // For tests and scripts: model(Table)->setData(index, "abc", Qt::EditRole) edits like a user.
  SequenceTableModel* model(Table table) const;
  QTableView* view(Table table) const;

  // Pastes tab-, comma- or semicolon-separated rows with their top-left cell at (row, column),
  // adding time steps when the block runs past the end. Columns never grow (that would change the
  // network); cells past the last column are left out and reported. One undo step.
  bool pasteText(Table table, int row, int column, const QString& text);

  // Adding or removing a column changes the network's size, so by default the user is asked
  // first. Tests and scripts turn the question off.
  void setConfirmStructuralChanges(bool confirm) { m_confirmStructural = confirm; }

  // Replaces the data with a CSV file's (one undo step). Returns false with a message when the
  // file is refused; nothing changes then.
  bool importCsvFile(const QString& path, QString* error);
  bool exportCsvFile(const QString& path, QString* error) const;

 public slots:
  void addTimeStep();
  void removeTimeStep();
  void addInputColumn();
  void removeInputColumn();
  void addOutputColumn();
  void removeOutputColumn();
  void importCsv();  // with a file dialog
  void exportCsv();  // with a file dialog

 signals:
  // Every cell is valid and something changed (also after undo/redo).
  void dataEdited(const rnnlab::SequenceData& data);
  // The numbers of the sequence showSequence() gave were edited (every cell valid, something
  // changed); `description` names the edit for the undo step ("Paste 2×1 cells").
  void sequenceEdited(const rnnlab::SequenceData& data, const QString& description);
  // A message for the status bar (e.g. what a paste left out).
  void statusMessage(const QString& message);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;

 private:
  void onTablesChanged();
  // A table edit: onto the undo stack, or applied at once for a data set's sequence.
  void push(QUndoCommand* command);
  void onSetSequenceEdited(const QString& description);
  void updateLabels();
  // Shows `data` in both tables (no undo step) and remembers it as the last valid data.
  void fillTables(const rnnlab::SequenceData& data, rnnlab::OutputMode mode);
  void changeColumns(Table table, int delta);
  void copySelection(QTableView* view) const;
  int currentRow() const;
  bool confirm(const QString& question);

  rnnlab::OutputMode m_mode = rnnlab::OutputMode::Sequence;
  rnnlab::SequenceData m_lastValid;
  bool m_confirmStructural = true;
  bool m_settingData = false;  // setData() is replacing the tables
  bool m_ofSet = false;        // showing a data set's sequence (showSequence)

  QUndoStack* m_undoStack;  // child QObject
  SequenceTableModel* m_inputs;
  SequenceTableModel* m_targets;
  QSplitter* m_splitter;
  QTableView* m_inputsView;
  QTableView* m_targetsView;
  QLabel* m_inputsLabel;
  QLabel* m_targetsLabel;
  QLabel* m_problemLabel;
  QList<QToolButton*> m_columnButtons;  // off for a data set's sequence
};
