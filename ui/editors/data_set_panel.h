#pragma once

// The sequences of a data set: a training and a validation list, each row showing the sequence's
// index, its length and a sparkline of its first target column (or first input column when only
// the last step has a target), and the edits a user makes to the set as a whole: add, remove,
// duplicate, move between the lists, re-split, generate a task, import and export CSV.
//
// The panel keeps its own copy of the set. Every edit changes that copy and emits ONE
// sequenceSetEdited() (or taskGenerated() for a generated task, which also brings the network's
// shape) with a short description for the undo stack; setSequenceSet() emits nothing. Editing
// the numbers of one sequence is the sequence editor's job: sequenceSelected() tells which one.

#include <QString>
#include <QWidget>

#include "rnnlab/sequence_generators.h"
#include "rnnlab/sequence_set.h"

class QAction;
class QLabel;
class QListWidget;
class QSpinBox;
class QToolButton;

class DataSetPanel : public QWidget {
  Q_OBJECT

 public:
  explicit DataSetPanel(QWidget* parent = nullptr);
  ~DataSetPanel() override;

  // Shows `set` (a new session, an undo, an edit made elsewhere). Keeps the selection when it
  // still exists, else selects the first training sequence. Emits nothing.
  void setSequenceSet(const rnnlab::SequenceSet& set);
  const rnnlab::SequenceSet& sequenceSet() const { return m_set; }

  // The selected sequence: which list and its index there (index −1: none).
  bool selectedIsValidation() const { return m_selectedValidation; }
  int selectedIndex() const { return m_selectedIndex; }
  // Selects a sequence as a click does (emits sequenceSelected when it changes).
  void selectSequence(bool validation, int index);

  // The edits behind the buttons, for tests and scripts. Each returns false (emitting nothing)
  // when the edit is not possible: nothing selected, or it would leave no training sequence.
  bool addSequence();
  bool removeSelected();
  bool duplicateSelected();
  bool moveSelected();
  // Re-splits all sequences (training, then validation, in order) with the last
  // round(percent/100 · n) of them for validation, as an import does.
  bool resplit(int validationPercent);
  int validationPercent() const;

  // Reads sequences from a CSV file with a sequence-id column, or from a folder of CSV files,
  // and replaces the set with them, split by validationPercent(). On a refused file returns false
  // with one message naming the file, line and column in `error`; nothing changes then.
  bool importCsvFile(const QString& path, QString* error);
  bool importFolder(const QString& path, QString* error);
  // Writes all sequences (training, then validation) in the id-column form or one file each.
  bool exportCsvFile(const QString& path, QString* error) const;
  bool exportFolder(const QString& path, QString* error) const;

  // Importing sequences of another width changes the network's size, so by default the user is
  // asked first. Tests and scripts turn the question off.
  void setConfirmStructuralChanges(bool confirm) { m_confirmStructural = confirm; }

  QListWidget* list(bool validation) const { return validation ? m_validationList : m_trainList; }

 signals:
  void sequenceSetEdited(rnnlab::SequenceSet set, QString description);
  // A generated task replaces the whole set and brings the network's sizes, output mode and loss.
  void taskGenerated(rnnlab::GeneratedTask task, QString description);
  void sequenceSelected(bool validation, int index);

 private:
  static QString sequenceCount(std::size_t count);
  void buildLists();
  void fillList(bool validation);
  void restoreSelection();
  void updateActions();
  void onCurrentRowChanged(bool validation, int row);
  void applyEdit(rnnlab::SequenceSet next, const QString& description, bool selectValidation,
                 int selectIndex);
  bool replaceWithImported(std::vector<rnnlab::SequenceData> sequences, const QString& source);
  std::vector<rnnlab::SequenceData> allSequences() const;
  void openGenerator();
  void importCsvFromDialog();
  void importFolderFromDialog();
  void exportCsvFromDialog();
  void exportFolderFromDialog();

  rnnlab::SequenceSet m_set;
  bool m_selectedValidation = false;
  int m_selectedIndex = -1;
  bool m_confirmStructural = true;
  bool m_filling = false;  // rebuilding the lists: selection changes are ours, not the user's

  QListWidget* m_trainList = nullptr;
  QListWidget* m_validationList = nullptr;
  QLabel* m_trainTitle = nullptr;
  QLabel* m_validationTitle = nullptr;
  QSpinBox* m_splitBox = nullptr;
  QToolButton* m_addButton = nullptr;
  QToolButton* m_removeButton = nullptr;
  QToolButton* m_duplicateButton = nullptr;
  QToolButton* m_moveButton = nullptr;
  QAction* m_removeAction = nullptr;
  QAction* m_duplicateAction = nullptr;
};
