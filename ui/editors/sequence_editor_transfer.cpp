// SequenceEditor's data in and out as text: pasting a block of cells (tab- or comma-separated,
// as spreadsheets copy it), copying a selection, and CSV files.

#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QItemSelectionModel>
#include <QMessageBox>
#include <QRegularExpression>
#include <QTableView>
#include <algorithm>

#include "editors/replace_sequence_command.h"
#include "editors/sequence_editor.h"
#include "editors/sequence_table_model.h"
#include "rnnlab/csv.h"
#include "rnnlab/limits.h"

bool SequenceEditor::pasteText(Table table, int row, int column, const QString& text) {
  SequenceTableModel* model = this->model(table);
  QStringList lines = text.split(QRegularExpression(QStringLiteral("\r\n|\n|\r")));
  while (!lines.isEmpty() && lines.last().trimmed().isEmpty()) {
    lines.removeLast();
  }
  if (lines.isEmpty() || row < 0 || column < 0 || column >= model->columnCount()) {
    return false;
  }
  // Spreadsheets copy tab-separated rows; CSV text uses commas (or semicolons).
  QRegularExpression separator(text.contains(QLatin1Char('\t')) ? QStringLiteral("\t")
                                                                : QStringLiteral("[,;]"));
  auto before = ReplaceSequenceCommand::capture(*m_inputs, *m_targets);
  auto after = before;
  SequenceTableModel::CellGrid& grid = table == Table::Inputs ? after.inputs : after.targets;
  const int columns = model->columnCount();
  const bool rowsFixed = table == Table::Targets && m_mode == rnnlab::OutputMode::Last;
  int droppedCells = 0;
  int pastedRows = 0;
  int pastedColumns = 0;
  for (int k = 0; k < lines.size(); ++k) {
    const int r = row + k;
    QStringList cells = lines[k].split(separator);
    if (r >= grid.size()) {
      if (rowsFixed || r >= rnnlab::limits::MaxSequenceLength) {
        droppedCells += static_cast<int>(cells.size());
        continue;
      }
      // A longer block extends the sequence: both tables grow together in sequence mode.
      while (after.inputs.size() <= r) {
        after.inputs.append(QStringList(after.inputColumns, QStringLiteral("0")));
        if (m_mode == rnnlab::OutputMode::Sequence) {
          after.targets.append(QStringList(after.targetColumns, QStringLiteral("0")));
        }
      }
    }
    for (int c = 0; c < cells.size(); ++c) {
      if (column + c >= columns) {
        droppedCells += static_cast<int>(cells.size()) - c;
        break;
      }
      grid[r][column + c] = cells[c].trimmed();
      pastedColumns = std::max(pastedColumns, c + 1);
    }
    pastedRows = k + 1;
  }
  push(new ReplaceSequenceCommand(tr("Paste %1×%2 cells").arg(pastedRows).arg(pastedColumns),
                                  m_inputs, m_targets, std::move(before), std::move(after)));
  if (droppedCells > 0) {
    emit statusMessage(
        tr("%n pasted cell(s) did not fit the table and were left out (add columns first).",
           nullptr, droppedCells));
  }
  return true;
}

void SequenceEditor::copySelection(QTableView* view) const {
  QModelIndexList selected = view->selectionModel()->selectedIndexes();
  if (selected.isEmpty()) {
    return;
  }
  int top = selected.first().row(), bottom = top, left = selected.first().column(), right = left;
  for (const QModelIndex& index : selected) {
    top = std::min(top, index.row());
    bottom = std::max(bottom, index.row());
    left = std::min(left, index.column());
    right = std::max(right, index.column());
  }
  auto* model = static_cast<SequenceTableModel*>(view->model());
  QStringList lines;
  for (int r = top; r <= bottom; ++r) {
    QStringList cells;
    for (int c = left; c <= right; ++c) {
      cells.append(model->cellText(r, c));
    }
    lines.append(cells.join(QLatin1Char('\t')));
  }
  QApplication::clipboard()->setText(lines.join(QLatin1Char('\n')) + QLatin1Char('\n'));
}

bool SequenceEditor::importCsvFile(const QString& path, QString* error) {
  rnnlab::SequenceData data;
  try {
    data = rnnlab::loadCsv(path.toStdString());
  } catch (const std::exception& e) {
    if (error != nullptr) {
      *error = QString::fromStdString(e.what());
    }
    return false;
  }
  if (m_mode == rnnlab::OutputMode::Sequence && data.targets.rows() != data.inputs.rows()) {
    if (error != nullptr) {
      *error = tr("%1: the file has a target only for the last step; switch the output mode to "
                  "'last' to use it")
                   .arg(path);
    }
    return false;
  }
  if (m_mode == rnnlab::OutputMode::Last && data.targets.rows() > 1) {
    // Only step T has a target in `last` mode: keep the file's last target row.
    data.targets = data.targetsFor(m_mode);
  }
  const bool resizes = data.inputs.cols() != m_inputs->columnCount() ||
                       data.targets.cols() != m_targets->columnCount();
  if (resizes && m_ofSet) {
    if (error != nullptr) {
      *error = tr("%1: the file has %2 input and %3 target columns; every sequence of this data "
                  "set has %4 and %5")
                   .arg(path)
                   .arg(data.inputs.cols())
                   .arg(data.targets.cols())
                   .arg(m_inputs->columnCount())
                   .arg(m_targets->columnCount());
    }
    return false;
  }
  if (resizes && !confirm(tr("The file has %1 input and %2 target columns; the network has %3 and "
                             "%4. Importing it changes the network's size, so the model must be "
                             "reset. Continue?")
                              .arg(data.inputs.cols())
                              .arg(data.targets.cols())
                              .arg(m_inputs->columnCount())
                              .arg(m_targets->columnCount()))) {
    return true;
  }
  auto before = ReplaceSequenceCommand::capture(*m_inputs, *m_targets);
  ReplaceSequenceCommand::Tables after{
      SequenceTableModel::gridFromMatrix(data.inputs), static_cast<int>(data.inputs.cols()),
      SequenceTableModel::gridFromMatrix(data.targets), static_cast<int>(data.targets.cols())};
  push(new ReplaceSequenceCommand(tr("Import CSV"), m_inputs, m_targets, std::move(before),
                                  std::move(after)));
  return true;
}

bool SequenceEditor::exportCsvFile(const QString& path, QString* error) const {
  try {
    rnnlab::saveCsv(m_lastValid, path.toStdString());
  } catch (const std::exception& e) {
    if (error != nullptr) {
      *error = QString::fromStdString(e.what());
    }
    return false;
  }
  return true;
}

void SequenceEditor::importCsv() {
  QString path = QFileDialog::getOpenFileName(this, tr("Import sequence from CSV"), QString(),
                                              tr("CSV files (*.csv *.tsv *.txt);;All files (*)"));
  if (path.isEmpty()) {
    return;
  }
  QString error;
  if (!importCsvFile(path, &error)) {
    QMessageBox::warning(this, tr("Cannot import CSV"), error);
  }
}

void SequenceEditor::exportCsv() {
  if (hasInvalidCells() &&
      QMessageBox::question(
          this, tr("Export CSV"),
          tr("Some cells are not numbers. Export the last valid data instead?")) !=
          QMessageBox::Yes) {
    return;
  }
  QString path = QFileDialog::getSaveFileName(this, tr("Export sequence as CSV"),
                                              QStringLiteral("sequence.csv"),
                                              tr("CSV files (*.csv);;All files (*)"));
  if (path.isEmpty()) {
    return;
  }
  QString error;
  if (!exportCsvFile(path, &error)) {
    QMessageBox::warning(this, tr("Cannot export CSV"), error);
  }
}
