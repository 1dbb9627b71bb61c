#include "editors/sequence_editor.h"

#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QMessageBox>
#include <QRegularExpression>
#include <QSplitter>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>
#include <algorithm>
#include <memory>

#include "editors/number_cell_delegate.h"
#include "editors/replace_sequence_command.h"
#include "editors/sequence_table_model.h"
#include "rnnlab/csv.h"
#include "rnnlab/limits.h"

namespace {

QToolButton* makeButton(const QString& text, const QString& toolTip, QWidget* parent) {
  auto* button = new QToolButton(parent);
  button->setText(text);
  button->setToolTip(toolTip);
  button->setAutoRaise(true);
  return button;
}

QTableView* makeView(SequenceTableModel* model, QWidget* parent) {
  auto* view = new QTableView(parent);
  view->setModel(model);
  view->setItemDelegate(new NumberCellDelegate(view));
  view->setSelectionMode(QAbstractItemView::ContiguousSelection);
  view->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  // Room for two significant digits of a typical negative value ("-0.051"): narrower columns
  // scroll sideways instead of cutting numbers down to one digit.
  view->horizontalHeader()->setMinimumSectionSize(
      view->fontMetrics().horizontalAdvance(QStringLiteral("-0.051")) + 10);
  view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
  view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
  view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                        QAbstractItemView::AnyKeyPressed);
  return view;
}

}  // namespace

SequenceEditor::SequenceEditor(QWidget* parent)
    : QWidget(parent),
      m_undoStack(new QUndoStack(this)),
      m_inputs(new SequenceTableModel(tr("inputs"), QStringLiteral("x"), this)),
      m_targets(new SequenceTableModel(tr("targets"), QStringLiteral("d"), this)) {
  m_inputs->setUndoStack(m_undoStack);
  m_targets->setUndoStack(m_undoStack);
  // Every change of the tables (user edit, paste, resize, undo, redo) is a step of the stack, so
  // this one connection sees them all, and only once both tables are consistent again.
  connect(m_undoStack, &QUndoStack::indexChanged, this, &SequenceEditor::onTablesChanged);
  // A data set's sequence has no undo steps of the editor's: a typed cell changes the model
  // directly, and that change is the edit.
  for (SequenceTableModel* model : {m_inputs, m_targets}) {
    connect(model, &SequenceTableModel::dataChanged, this,
            [this, model](const QModelIndex& topLeft) {
              if (m_ofSet && !m_settingData) {
                onSetSequenceEdited(tr("Edit %1 cell (t=%2, column %3)")
                                        .arg(model->name())
                                        .arg(topLeft.row() + 1)
                                        .arg(topLeft.column() + 1));
              }
            });
  }

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->setSpacing(4);

  // A toolbar rather than a row of buttons: in a narrow dock the overflow goes into its
  // extension menu instead of forcing the dock wider.
  auto* bar = new QToolBar(this);
  bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
  bar->setIconSize(QSize(1, 1));
  QAction* addStep = bar->addAction(tr("+ Step"), this, &SequenceEditor::addTimeStep);
  addStep->setToolTip(tr("Insert a time step after the current row"));
  QAction* removeStep = bar->addAction(tr("− Step"), this, &SequenceEditor::removeTimeStep);
  removeStep->setToolTip(tr("Remove the current time step"));
  bar->addSeparator();
  bar->addAction(tr("Import CSV…"), this, &SequenceEditor::importCsv)
      ->setToolTip(tr("Replace the sequence with a CSV file's"));
  bar->addAction(tr("Export CSV…"), this, &SequenceEditor::exportCsv)
      ->setToolTip(tr("Save the sequence as a CSV file"));
  layout->addWidget(bar);

  auto* splitter = m_splitter = new QSplitter(Qt::Horizontal, this);
  splitter->setChildrenCollapsible(false);
  auto makePane = [&](QLabel*& label, QTableView*& view, SequenceTableModel* model,
                      const QString& what, void (SequenceEditor::*add)(),
                      void (SequenceEditor::*remove)()) {
    auto* pane = new QWidget(splitter);
    auto* paneLayout = new QVBoxLayout(pane);
    paneLayout->setContentsMargins(0, 0, 0, 0);
    paneLayout->setSpacing(2);
    auto* header = new QHBoxLayout;
    label = new QLabel(pane);
    header->addWidget(label, 1);
    QToolButton* addColumn = makeButton(
        QStringLiteral("+"), tr("Add an %1 column (needs a model reset)").arg(what), pane);
    QToolButton* removeColumn = makeButton(
        QStringLiteral("−"), tr("Remove the last %1 column (needs a model reset)").arg(what), pane);
    header->addWidget(addColumn);
    header->addWidget(removeColumn);
    m_columnButtons << addColumn << removeColumn;
    paneLayout->addLayout(header);
    view = makeView(model, pane);
    view->installEventFilter(this);
    paneLayout->addWidget(view, 1);
    connect(addColumn, &QToolButton::clicked, this, add);
    connect(removeColumn, &QToolButton::clicked, this, remove);
    splitter->addWidget(pane);
  };
  makePane(m_inputsLabel, m_inputsView, m_inputs, tr("input"), &SequenceEditor::addInputColumn,
           &SequenceEditor::removeInputColumn);
  makePane(m_targetsLabel, m_targetsView, m_targets, tr("output"), &SequenceEditor::addOutputColumn,
           &SequenceEditor::removeOutputColumn);
  splitter->setStretchFactor(0, 3);
  splitter->setStretchFactor(1, 2);
  layout->addWidget(splitter, 1);

  m_problemLabel = new QLabel(this);
  m_problemLabel->setWordWrap(true);
  m_problemLabel->setStyleSheet(QStringLiteral("color: #b00020; font-weight: bold;"));
  m_problemLabel->hide();
  layout->addWidget(m_problemLabel);
}

void SequenceEditor::setData(const rnnlab::SequenceData& data, rnnlab::OutputMode mode) {
  // Clearing a stack that has steps emits indexChanged: onTablesChanged() would then take the old
  // tables for an edit of the new data (and a document listening would re-enter here with them).
  m_settingData = true;
  m_undoStack->clear();
  m_settingData = false;
  m_ofSet = false;
  m_inputs->setUndoStack(m_undoStack);
  m_targets->setUndoStack(m_undoStack);
  for (QToolButton* button : m_columnButtons) {
    button->setEnabled(true);
  }
  fillTables(data, mode);
}

void SequenceEditor::reshape(const rnnlab::SequenceData& data, rnnlab::OutputMode mode) {
  m_settingData = true;
  fillTables(data, mode);
  m_settingData = false;
}

void SequenceEditor::showSequence(const rnnlab::SequenceData& data, rnnlab::OutputMode mode) {
  // The owner shows every accepted edit back: the tables already hold it (as the user typed it,
  // perhaps with an editor still closing), so they are left alone.
  if (m_ofSet && mode == m_mode && data == m_lastValid && !hasInvalidCells()) {
    return;
  }
  m_ofSet = true;
  m_inputs->setUndoStack(nullptr);
  m_targets->setUndoStack(nullptr);
  for (QToolButton* button : m_columnButtons) {
    button->setEnabled(false);
  }
  m_settingData = true;
  fillTables(data, mode);
  m_settingData = false;
}

void SequenceEditor::fillTables(const rnnlab::SequenceData& data, rnnlab::OutputMode mode) {
  m_mode = mode;
  m_lastValid = data;
  m_inputs->setCells(SequenceTableModel::gridFromMatrix(data.inputs),
                     static_cast<int>(data.inputs.cols()));
  m_targets->setCells(SequenceTableModel::gridFromMatrix(data.targets),
                      static_cast<int>(data.targets.cols()));
  updateLabels();
}

void SequenceEditor::push(QUndoCommand* command) {
  if (!m_ofSet) {
    m_undoStack->push(command);
    return;
  }
  const std::unique_ptr<QUndoCommand> owned(command);
  m_settingData = true;
  owned->redo();
  m_settingData = false;
  onSetSequenceEdited(owned->text());
}

void SequenceEditor::onSetSequenceEdited(const QString& description) {
  updateLabels();
  if (hasInvalidCells()) {
    return;  // explained under the tables; the data set keeps the last valid numbers
  }
  std::optional<rnnlab::Matrix> inputs = m_inputs->toMatrix();
  std::optional<rnnlab::Matrix> targets = m_targets->toMatrix();
  rnnlab::SequenceData data{std::move(*inputs), std::move(*targets)};
  if (data == m_lastValid) {
    return;
  }
  m_lastValid = std::move(data);
  emit sequenceEdited(m_lastValid, description);
}

bool SequenceEditor::hasInvalidCells() const {
  return m_inputs->firstInvalidCell() || m_targets->firstInvalidCell();
}

QString SequenceEditor::problemText() const { return m_problemLabel->text(); }

SequenceTableModel* SequenceEditor::model(Table table) const {
  return table == Table::Inputs ? m_inputs : m_targets;
}

QTableView* SequenceEditor::view(Table table) const {
  return table == Table::Inputs ? m_inputsView : m_targetsView;
}

// The undo stack is a child, so ~QWidget would delete it after this object's members are gone,
// and QUndoStack's destructor clears itself, emitting indexChanged into onTablesChanged on a
// half-destroyed editor (a rare crash under load). Cut that connection while we are whole.
SequenceEditor::~SequenceEditor() { m_undoStack->disconnect(this); }

void SequenceEditor::onTablesChanged() {
  if (m_settingData) {
    return;
  }
  updateLabels();
  if (hasInvalidCells()) {
    return;
  }
  std::optional<rnnlab::Matrix> inputs = m_inputs->toMatrix();
  std::optional<rnnlab::Matrix> targets = m_targets->toMatrix();
  rnnlab::SequenceData data{std::move(*inputs), std::move(*targets)};
  if (data == m_lastValid) {
    return;
  }
  m_lastValid = std::move(data);
  emit dataEdited(m_lastValid);
}

void SequenceEditor::updateLabels() {
  const int steps = m_inputs->rowCount();
  m_inputsLabel->setText(
      tr("<b>Inputs</b> x<sub>t</sub> &nbsp;%1 × %2").arg(steps).arg(m_inputs->columnCount()));
  if (m_mode == rnnlab::OutputMode::Last) {
    m_targets->setFirstRowStep(steps);
    m_targetsLabel->setText(
        tr("<b>Target</b> d<sub>T</sub> &nbsp;last step, %1").arg(m_targets->columnCount()));
  } else {
    m_targets->setFirstRowStep(1);
    m_targetsLabel->setText(tr("<b>Targets</b> d<sub>t</sub> &nbsp;%1 × %2")
                                .arg(m_targets->rowCount())
                                .arg(m_targets->columnCount()));
  }

  QStringList problems;
  int badCells = 0;
  for (const SequenceTableModel* model : {m_inputs, m_targets}) {
    badCells += model->invalidCellCount();
    if (auto cell = model->firstInvalidCell(); cell && problems.isEmpty()) {
      int row =
          cell->first + (model == m_targets && m_mode == rnnlab::OutputMode::Last ? steps - 1 : 0);
      problems.append(
          tr("%1 row %2, column %3 is %4")
              .arg(model->name())
              .arg(row + 1)
              .arg(cell->second + 1)
              .arg(SequenceTableModel::problemWith(model->cellText(cell->first, cell->second))));
    }
  }
  if (problems.isEmpty()) {
    m_problemLabel->clear();
    m_problemLabel->hide();
    return;
  }
  QString text = problems.first();
  if (badCells > 1) {
    text += tr(" (and %n more bad cell(s))", nullptr, badCells - 1);
  }
  text += tr(": training uses the last valid data");
  m_problemLabel->setText(text);
  m_problemLabel->show();
}

int SequenceEditor::currentRow() const {
  for (QTableView* view : {m_inputsView, m_targetsView}) {
    if (view == m_targetsView && m_mode == rnnlab::OutputMode::Last) {
      continue;
    }
    if (view->hasFocus() && view->currentIndex().isValid()) {
      return view->currentIndex().row();
    }
  }
  QModelIndex current = m_inputsView->currentIndex();
  return current.isValid() ? current.row() : m_inputs->rowCount() - 1;
}

void SequenceEditor::addTimeStep() {
  if (m_inputs->rowCount() >= rnnlab::limits::MaxSequenceLength) {
    return;
  }
  auto before = ReplaceSequenceCommand::capture(*m_inputs, *m_targets);
  auto after = before;
  int at = currentRow() + 1;
  after.inputs.insert(at, QStringList(after.inputColumns, QStringLiteral("0")));
  if (m_mode == rnnlab::OutputMode::Sequence) {
    after.targets.insert(at, QStringList(after.targetColumns, QStringLiteral("0")));
  }
  push(new ReplaceSequenceCommand(tr("Add time step"), m_inputs, m_targets, std::move(before),
                                  std::move(after)));
  m_inputsView->setCurrentIndex(m_inputs->index(at, 0));
}

void SequenceEditor::removeTimeStep() {
  if (m_inputs->rowCount() <= 1) {
    emit statusMessage(tr("A sequence needs at least one time step."));
    return;
  }
  auto before = ReplaceSequenceCommand::capture(*m_inputs, *m_targets);
  auto after = before;
  int at = std::clamp(currentRow(), 0, m_inputs->rowCount() - 1);
  after.inputs.removeAt(at);
  if (m_mode == rnnlab::OutputMode::Sequence) {
    after.targets.removeAt(at);
  }
  push(new ReplaceSequenceCommand(tr("Remove time step"), m_inputs, m_targets, std::move(before),
                                  std::move(after)));
}

void SequenceEditor::addInputColumn() { changeColumns(Table::Inputs, +1); }
void SequenceEditor::removeInputColumn() { changeColumns(Table::Inputs, -1); }
void SequenceEditor::addOutputColumn() { changeColumns(Table::Targets, +1); }
void SequenceEditor::removeOutputColumn() { changeColumns(Table::Targets, -1); }

void SequenceEditor::changeColumns(Table table, int delta) {
  SequenceTableModel* model = this->model(table);
  const int columns = model->columnCount();
  const int wanted = columns + delta;
  const int limit =
      table == Table::Inputs ? rnnlab::limits::MaxInputSize : rnnlab::limits::MaxOutputSize;
  if (m_ofSet) {
    emit statusMessage(
        tr("Every sequence of a data set has the same columns, so one sequence "
           "cannot change them."));
    return;
  }
  if (wanted < 1 || wanted > limit) {
    emit statusMessage(tr("The %1 need at least one column.").arg(model->name()));
    return;
  }
  const QString size = table == Table::Inputs ? tr("input size I") : tr("output size O");
  if (!confirm(tr("This changes the network's %1 from %2 to %3, so the model must be reset "
                  "(its weights start again) before it trains on the new data. Continue?")
                   .arg(size)
                   .arg(columns)
                   .arg(wanted))) {
    return;
  }
  auto before = ReplaceSequenceCommand::capture(*m_inputs, *m_targets);
  auto after = before;
  SequenceTableModel::CellGrid& grid = table == Table::Inputs ? after.inputs : after.targets;
  int& count = table == Table::Inputs ? after.inputColumns : after.targetColumns;
  for (QStringList& row : grid) {
    if (delta > 0) {
      row.append(QStringLiteral("0"));
    } else {
      row.removeLast();
    }
  }
  count = wanted;
  QString text = delta > 0 ? tr("Add %1 column").arg(model->name())
                           : tr("Remove %1 column").arg(model->name());
  push(new ReplaceSequenceCommand(text, m_inputs, m_targets, std::move(before), std::move(after)));
}

bool SequenceEditor::confirm(const QString& question) {
  if (!m_confirmStructural) {
    return true;
  }
  return QMessageBox::question(this, tr("Change the network's size?"), question,
                               QMessageBox::Yes | QMessageBox::Cancel,
                               QMessageBox::Yes) == QMessageBox::Yes;
}

void SequenceEditor::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  // Side by side the two tables line up row by row; in a narrow dock they stack instead.
  const Qt::Orientation wanted = width() < 460 ? Qt::Vertical : Qt::Horizontal;
  if (m_splitter->orientation() != wanted) {
    m_splitter->setOrientation(wanted);
  }
}

bool SequenceEditor::eventFilter(QObject* watched, QEvent* event) {
  if (event->type() == QEvent::ShortcutOverride &&
      (watched == m_inputsView || watched == m_targetsView)) {
    // Plain keys typed in a table belong to it (Space, S and the arrows are also the window's
    // training shortcuts).
    auto* key = static_cast<QKeyEvent*>(event);
    if ((key->modifiers() & ~(Qt::ShiftModifier | Qt::KeypadModifier)) == 0) {
      event->accept();
      return true;
    }
  }
  if (event->type() == QEvent::KeyPress && (watched == m_inputsView || watched == m_targetsView)) {
    auto* view = static_cast<QTableView*>(watched);
    auto* key = static_cast<QKeyEvent*>(event);
    if (key->matches(QKeySequence::Paste)) {
      QModelIndex current = view->currentIndex();
      Table table = view == m_inputsView ? Table::Inputs : Table::Targets;
      pasteText(table, current.isValid() ? current.row() : 0,
                current.isValid() ? current.column() : 0, QApplication::clipboard()->text());
      return true;
    }
    if (key->matches(QKeySequence::Copy)) {
      copySelection(view);
      return true;
    }
  }
  return QWidget::eventFilter(watched, event);
}
