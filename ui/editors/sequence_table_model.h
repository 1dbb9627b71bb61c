#pragma once

// One table of the sequence editor (inputs T×I or targets T×O / 1×O). Cells are kept as the text
// the user typed, so a bad cell can be shown and explained instead of being silently lost; the
// numbers are read from the text only when every cell is valid. Edits made through setData() go
// through the undo stack (when one is set), so the views' editing is undoable.

#include <QAbstractTableModel>
#include <QList>
#include <QStringList>
#include <optional>

#include "rnnlab/types.h"

class QUndoStack;

class SequenceTableModel : public QAbstractTableModel {
  Q_OBJECT

 public:
  using CellGrid = QList<QStringList>;  // rows of cells, every row the same length

  // `name` is used in messages ("inputs"), `columnPrefix` in the header ("x" gives x1, x2, ...).
  SequenceTableModel(QString name, QString columnPrefix, QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
  QVariant headerData(int section, Qt::Orientation orientation,
                      int role = Qt::DisplayRole) const override;
  Qt::ItemFlags flags(const QModelIndex& index) const override;

  // Edits made by the user are pushed here as commands; nullptr edits directly. Not owned.
  void setUndoStack(QUndoStack* stack) { m_undoStack = stack; }

  const QString& name() const { return m_name; }
  const CellGrid& cells() const { return m_cells; }
  // Replaces every cell (a model reset). Rows must all have `columns` cells.
  void setCells(const CellGrid& cells, int columns);
  // Changes one cell without the undo stack (used by the undo commands themselves).
  void setCellText(int row, int column, const QString& text);
  QString cellText(int row, int column) const { return m_cells.at(row).at(column); }

  // When set, the single row is labelled with this step number instead of 1 (the `last` mode's
  // target row belongs to step T).
  void setFirstRowStep(int step);

  static CellGrid gridFromMatrix(const rnnlab::Matrix& matrix);
  // The value of a cell's text, or nothing when it is not a finite number.
  static std::optional<double> parseCell(const QString& text);
  // Why the text is not a valid cell ("not a number: 'abc'"), or an empty string.
  static QString problemWith(const QString& text);

  // The first bad cell as (row, column), or nothing.
  std::optional<std::pair<int, int>> firstInvalidCell() const;
  int invalidCellCount() const;
  // The numbers, when every cell is valid.
  std::optional<rnnlab::Matrix> toMatrix() const;

 private:
  QString m_name;
  QString m_columnPrefix;
  CellGrid m_cells;
  int m_columns = 0;
  int m_firstRowStep = 1;
  QUndoStack* m_undoStack = nullptr;
};
