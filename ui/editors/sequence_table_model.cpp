#include "editors/sequence_table_model.h"

#include <QBrush>
#include <QColor>
#include <QCoreApplication>
#include <QLocale>
#include <QUndoCommand>
#include <QUndoStack>
#include <charconv>
#include <cmath>
#include <string>

namespace {

// Undoable change of one cell's text. It lives with the model it edits (and nowhere else needs
// it): the model creates it in setData() and it calls back setCellText(). The model is owned by
// the sequence editor, which also owns the undo stack holding this command, so the pointer
// outlives the command.
class EditCellCommand : public QUndoCommand {
 public:
  EditCellCommand(SequenceTableModel* model, int row, int column, QString oldText, QString newText)
      : m_model(model),
        m_row(row),
        m_column(column),
        m_oldText(std::move(oldText)),
        m_newText(std::move(newText)) {
    setText(QCoreApplication::translate("EditCellCommand", "Edit %1 cell (t=%2, column %3)")
                .arg(model->name())
                .arg(row + 1)
                .arg(column + 1));
  }

  void undo() override { m_model->setCellText(m_row, m_column, m_oldText); }
  void redo() override { m_model->setCellText(m_row, m_column, m_newText); }

 private:
  SequenceTableModel* m_model;
  int m_row;
  int m_column;
  QString m_oldText;
  QString m_newText;
};

}  // namespace

SequenceTableModel::SequenceTableModel(QString name, QString columnPrefix, QObject* parent)
    : QAbstractTableModel(parent),
      m_name(std::move(name)),
      m_columnPrefix(std::move(columnPrefix)) {}

int SequenceTableModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : static_cast<int>(m_cells.size());
}

int SequenceTableModel::columnCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : m_columns;
}

QVariant SequenceTableModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount() || index.column() >= m_columns) {
    return {};
  }
  const QString& text = m_cells.at(index.row()).at(index.column());
  switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
      return text;
    case Qt::TextAlignmentRole:
      return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::BackgroundRole:
      if (!parseCell(text)) {
        return QBrush(QColor(255, 170, 170));
      }
      return {};
    case Qt::ToolTipRole: {
      // The problem of a bad cell; otherwise the full number, which a narrow column may show
      // shortened.
      QString problem = problemWith(text);
      return problem.isEmpty() ? (text.isEmpty() ? QVariant() : QVariant(text)) : QVariant(problem);
    }
    default:
      return {};
  }
}

bool SequenceTableModel::setData(const QModelIndex& index, const QVariant& value, int role) {
  if (role != Qt::EditRole || !index.isValid() || index.row() >= rowCount() ||
      index.column() >= m_columns) {
    return false;
  }
  QString text = value.toString().trimmed();
  QString old = m_cells.at(index.row()).at(index.column());
  if (text == old) {
    return false;
  }
  if (m_undoStack != nullptr) {
    m_undoStack->push(new EditCellCommand(this, index.row(), index.column(), old, text));
  } else {
    setCellText(index.row(), index.column(), text);
  }
  return true;
}

QVariant SequenceTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (role != Qt::DisplayRole) {
    if (role == Qt::ToolTipRole && orientation == Qt::Vertical) {
      return tr("time step t = %1").arg(section + m_firstRowStep);
    }
    return {};
  }
  if (orientation == Qt::Horizontal) {
    return QStringLiteral("%1%2").arg(m_columnPrefix).arg(section + 1);
  }
  return QStringLiteral("t=%1").arg(section + m_firstRowStep);
}

Qt::ItemFlags SequenceTableModel::flags(const QModelIndex& index) const {
  if (!index.isValid()) {
    return Qt::NoItemFlags;
  }
  return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsEditable;
}

void SequenceTableModel::setCells(const CellGrid& cells, int columns) {
  beginResetModel();
  m_cells = cells;
  m_columns = columns;
  endResetModel();
}

void SequenceTableModel::setCellText(int row, int column, const QString& text) {
  m_cells[row][column] = text;
  QModelIndex changed = index(row, column);
  emit dataChanged(changed, changed,
                   {Qt::DisplayRole, Qt::EditRole, Qt::BackgroundRole, Qt::ToolTipRole});
}

void SequenceTableModel::setFirstRowStep(int step) {
  if (step == m_firstRowStep) {
    return;
  }
  m_firstRowStep = step;
  if (rowCount() > 0) {
    emit headerDataChanged(Qt::Vertical, 0, rowCount() - 1);
  }
}

SequenceTableModel::CellGrid SequenceTableModel::gridFromMatrix(const rnnlab::Matrix& matrix) {
  CellGrid grid;
  grid.reserve(matrix.rows());
  for (rnnlab::Index r = 0; r < matrix.rows(); ++r) {
    QStringList row;
    row.reserve(matrix.cols());
    for (rnnlab::Index c = 0; c < matrix.cols(); ++c) {
      // 'g' with 17 digits would show 0.1 as 0.10000000000000001; the shortest text that reads
      // back as the same double is what a spreadsheet shows.
      row.append(QString::number(matrix(r, c), 'g', QLocale::FloatingPointShortest));
    }
    grid.append(row);
  }
  return grid;
}

std::optional<double> SequenceTableModel::parseCell(const QString& text) {
  bool ok = false;
  double value = text.trimmed().toDouble(&ok);
  if (!ok || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

QString SequenceTableModel::problemWith(const QString& text) {
  QString trimmed = text.trimmed();
  if (trimmed.isEmpty()) {
    return tr("empty: enter a number");
  }
  bool ok = false;
  double value = trimmed.toDouble(&ok);
  if (!ok) {
    // A number written correctly but beyond what a double holds (1e400) is out of range, not
    // "not a number".
    const std::string latin1 = trimmed.toStdString();
    double parsed = 0.0;
    const auto [end, error] =
        std::from_chars(latin1.data(), latin1.data() + latin1.size(), parsed);
    if (error == std::errc::result_out_of_range && end == latin1.data() + latin1.size()) {
      return tr("out of range: '%1' (a number must lie within ±1.8e308)").arg(trimmed);
    }
    return tr("not a number: '%1'").arg(trimmed);
  }
  if (!std::isfinite(value)) {
    return tr("not a finite number: '%1'").arg(trimmed);
  }
  return {};
}

std::optional<std::pair<int, int>> SequenceTableModel::firstInvalidCell() const {
  for (int r = 0; r < m_cells.size(); ++r) {
    for (int c = 0; c < m_columns; ++c) {
      if (!parseCell(m_cells[r][c])) {
        return std::pair{r, c};
      }
    }
  }
  return std::nullopt;
}

int SequenceTableModel::invalidCellCount() const {
  int count = 0;
  for (const QStringList& row : m_cells) {
    for (const QString& cell : row) {
      count += parseCell(cell) ? 0 : 1;
    }
  }
  return count;
}

std::optional<rnnlab::Matrix> SequenceTableModel::toMatrix() const {
  rnnlab::Matrix matrix(m_cells.size(), m_columns);
  for (int r = 0; r < m_cells.size(); ++r) {
    for (int c = 0; c < m_columns; ++c) {
      std::optional<double> value = parseCell(m_cells[r][c]);
      if (!value) {
        return std::nullopt;
      }
      matrix(r, c) = *value;
    }
  }
  return matrix;
}
