#include "editors/data_set_panel.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <exception>
#include <utility>

#include "editors/generator_dialog.h"
#include "editors/sequence_sparkline_delegate.h"
#include "rnnlab/sequence_set_csv.h"

namespace {

// Steps of the zero sequence "Add" makes when nothing is selected.
constexpr int NewSequenceSteps = 10;

// The column a row's sparkline draws: the first target column when every step has a target,
// else the first input column (the inputs say more than a single final target).
QList<double> sparklineColumn(const rnnlab::SequenceData& s) {
  const bool everyStep = s.targets.rows() == s.inputs.rows() && s.targets.cols() > 0;
  const rnnlab::Matrix& m = everyStep ? s.targets : s.inputs;
  QList<double> column;
  if (m.cols() == 0) {
    return column;
  }
  column.reserve(m.rows());
  for (rnnlab::Index t = 0; t < m.rows(); ++t) {
    column.append(m(t, 0));
  }
  return column;
}

QToolButton* makeButton(const QString& text, const QString& tip, QWidget* parent) {
  auto* button = new QToolButton(parent);
  button->setText(text);
  button->setToolTip(tip);
  button->setToolButtonStyle(Qt::ToolButtonTextOnly);
  button->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
  return button;
}

}  // namespace

DataSetPanel::DataSetPanel(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->setSpacing(4);

  auto* edits = new QHBoxLayout;
  edits->setSpacing(2);
  m_addButton = makeButton(tr("Add"),
                           tr("Add a sequence of zeros shaped like the selected one (or %1 "
                              "steps long when none is selected) after it")
                               .arg(NewSequenceSteps),
                           this);
  m_removeButton = makeButton(tr("Remove"), tr("Remove the selected sequence (Delete)"), this);
  m_duplicateButton = makeButton(
      tr("Duplicate"), tr("Insert a copy of the selected sequence after it (Ctrl+D)"), this);
  m_moveButton = makeButton(tr("To validation"), QString(), this);
  for (QToolButton* button : {m_addButton, m_removeButton, m_duplicateButton, m_moveButton}) {
    edits->addWidget(button);
  }
  edits->addStretch(1);
  layout->addLayout(edits);

  auto* delegate = new SequenceSparklineDelegate(this);
  auto makeList = [&](bool validation) {
    auto* list = new QListWidget(this);
    list->setItemDelegate(delegate);
    list->setSelectionMode(QAbstractItemView::SingleSelection);
    list->setUniformItemSizes(true);
    list->setToolTip(validation ? tr("Sequences held out of training: the validation loss is "
                                     "measured on them, never learned from")
                                : tr("Sequences the network learns from, in minibatches"));
    connect(list, &QListWidget::currentRowChanged, this,
            [this, validation](int row) { onCurrentRowChanged(validation, row); });
    return list;
  };
  m_trainList = makeList(false);
  m_validationList = makeList(true);
  m_trainTitle = new QLabel(this);
  m_validationTitle = new QLabel(this);
  auto* splitter = new QSplitter(Qt::Vertical, this);
  splitter->setChildrenCollapsible(false);
  for (auto [title, list] :
       {std::pair{m_trainTitle, m_trainList}, std::pair{m_validationTitle, m_validationList}}) {
    auto* box = new QWidget(splitter);
    auto* boxLayout = new QVBoxLayout(box);
    boxLayout->setContentsMargins(0, 0, 0, 0);
    boxLayout->setSpacing(2);
    boxLayout->addWidget(title);
    boxLayout->addWidget(list);
    splitter->addWidget(box);
  }
  splitter->setStretchFactor(0, 3);
  splitter->setStretchFactor(1, 1);
  layout->addWidget(splitter, 1);

  auto* splitRow = new QHBoxLayout;
  auto* splitLabel = new QLabel(tr("Validation share"), this);
  m_splitBox = new QSpinBox(this);
  m_splitBox->setRange(0, 90);
  m_splitBox->setSuffix(tr(" %"));
  m_splitBox->setValue(20);
  const QString splitTip =
      tr("Which part of all sequences is held out for validation. Re-split puts every sequence "
         "back in one list, in order, and moves the last part to validation");
  m_splitBox->setToolTip(splitTip);
  splitLabel->setToolTip(splitTip);
  splitLabel->setBuddy(m_splitBox);
  auto* resplitButton = new QPushButton(tr("Re-split"), this);
  resplitButton->setToolTip(splitTip);
  splitRow->addWidget(splitLabel);
  splitRow->addWidget(m_splitBox);
  splitRow->addWidget(resplitButton);
  splitRow->addStretch(1);
  layout->addLayout(splitRow);

  auto* fileRow = new QHBoxLayout;
  fileRow->setSpacing(2);
  auto* generateButton = makeButton(
      tr("Generate…"),
      tr("Replace the data set with a generated task: noisy sine, echo, adding, copy or parity"),
      this);
  auto* importButton =
      makeButton(tr("Import"), tr("Replace the data set with sequences from CSV"), this);
  auto* importMenu = new QMenu(importButton);
  importMenu->addAction(tr("CSV file with a sequence column…"), this,
                        &DataSetPanel::importCsvFromDialog);
  importMenu->addAction(tr("Folder of CSV files…"), this, &DataSetPanel::importFolderFromDialog);
  importButton->setMenu(importMenu);
  importButton->setPopupMode(QToolButton::InstantPopup);
  auto* exportButton =
      makeButton(tr("Export"), tr("Write every sequence (training, then validation) as CSV"), this);
  auto* exportMenu = new QMenu(exportButton);
  exportMenu->addAction(tr("CSV file with a sequence column…"), this,
                        &DataSetPanel::exportCsvFromDialog);
  exportMenu->addAction(tr("Folder, one file per sequence…"), this,
                        &DataSetPanel::exportFolderFromDialog);
  exportButton->setMenu(exportMenu);
  exportButton->setPopupMode(QToolButton::InstantPopup);
  fileRow->addWidget(generateButton);
  fileRow->addWidget(importButton);
  fileRow->addWidget(exportButton);
  fileRow->addStretch(1);
  layout->addLayout(fileRow);

  // The keys act on the lists only, so that Delete in a table placed beside or inside the panel
  // (the sequence editor) still edits cells.
  m_removeAction = new QAction(tr("Remove sequence"), this);
  m_removeAction->setShortcut(QKeySequence::Delete);
  m_removeAction->setShortcutContext(Qt::WidgetShortcut);
  m_duplicateAction = new QAction(tr("Duplicate sequence"), this);
  m_duplicateAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
  m_duplicateAction->setShortcutContext(Qt::WidgetShortcut);
  for (QListWidget* list : {m_trainList, m_validationList}) {
    list->addAction(m_removeAction);
    list->addAction(m_duplicateAction);
  }

  connect(m_addButton, &QToolButton::clicked, this, [this] { addSequence(); });
  connect(m_removeButton, &QToolButton::clicked, this, [this] { removeSelected(); });
  connect(m_removeAction, &QAction::triggered, this, [this] { removeSelected(); });
  connect(m_duplicateButton, &QToolButton::clicked, this, [this] { duplicateSelected(); });
  connect(m_duplicateAction, &QAction::triggered, this, [this] { duplicateSelected(); });
  connect(m_moveButton, &QToolButton::clicked, this, [this] { moveSelected(); });
  connect(resplitButton, &QPushButton::clicked, this, [this] { resplit(m_splitBox->value()); });
  connect(generateButton, &QToolButton::clicked, this, &DataSetPanel::openGenerator);

  m_set.train.push_back(
      {rnnlab::Matrix::Zero(NewSequenceSteps, 1), rnnlab::Matrix::Zero(NewSequenceSteps, 1)});
  buildLists();
  restoreSelection();
}

DataSetPanel::~DataSetPanel() = default;

QString DataSetPanel::sequenceCount(std::size_t count) {
  return count == 1 ? tr("1 sequence") : tr("%1 sequences").arg(count);
}

void DataSetPanel::setSequenceSet(const rnnlab::SequenceSet& set) {
  if (set == m_set) {
    return;
  }
  m_set = set;
  const std::size_t n = m_set.train.size() + m_set.validation.size();
  if (n > 0) {
    m_splitBox->setValue(static_cast<int>(
        std::lround(100.0 * static_cast<double>(m_set.validation.size()) / double(n))));
  }
  buildLists();
  restoreSelection();
}

void DataSetPanel::buildLists() {
  fillList(false);
  fillList(true);
  m_trainTitle->setText(tr("Training: %1").arg(sequenceCount(m_set.train.size())));
  m_validationTitle->setText(
      m_set.validation.empty() ? tr("Validation: none (training alone cannot show overfitting)")
                               : tr("Validation: %1").arg(sequenceCount(m_set.validation.size())));
}

void DataSetPanel::fillList(bool validation) {
  const std::vector<rnnlab::SequenceData>& sequences = validation ? m_set.validation : m_set.train;
  QListWidget* target = list(validation);
  m_filling = true;
  target->clear();
  for (std::size_t i = 0; i < sequences.size(); ++i) {
    const rnnlab::SequenceData& s = sequences[i];
    auto* item = new QListWidgetItem(QStringLiteral("#%1").arg(i));
    const int steps = static_cast<int>(s.steps());
    item->setData(SequenceSparklineDelegate::LengthRole, steps);
    item->setData(
        SequenceSparklineDelegate::ValuesRole,
        QVariant::fromValue(SequenceSparklineDelegate::sparklineValues(sparklineColumn(s))));
    const bool everyStep = s.targets.rows() == s.inputs.rows();
    item->setToolTip(
        (validation ? tr("Validation sequence %1") : tr("Training sequence %1")).arg(i) +
        QStringLiteral("\n") + (steps == 1 ? tr("1 step") : tr("%1 steps").arg(steps)) +
        QStringLiteral(", ") +
        tr("%1 input and %2 target column(s)").arg(s.inputs.cols()).arg(s.targets.cols()) +
        QStringLiteral("\n") +
        (everyStep ? tr("The line shows the first target column")
                   : tr("The line shows the first input column (only the last step has a "
                        "target)")));
    target->addItem(item);
  }
  m_filling = false;
}

void DataSetPanel::restoreSelection() {
  const auto& sequences = m_selectedValidation ? m_set.validation : m_set.train;
  if (m_selectedIndex < 0 || m_selectedIndex >= static_cast<int>(sequences.size())) {
    m_selectedValidation = false;
    m_selectedIndex = m_set.train.empty() ? -1 : 0;
  }
  m_filling = true;
  list(!m_selectedValidation)->setCurrentRow(-1);
  list(m_selectedValidation)->setCurrentRow(m_selectedIndex);
  m_filling = false;
  updateActions();
}

void DataSetPanel::selectSequence(bool validation, int index) {
  const auto& sequences = validation ? m_set.validation : m_set.train;
  if (index < 0 || index >= static_cast<int>(sequences.size())) {
    return;
  }
  list(validation)->setCurrentRow(index);
}

void DataSetPanel::onCurrentRowChanged(bool validation, int row) {
  if (m_filling || row < 0) {
    return;
  }
  m_filling = true;
  list(!validation)->setCurrentRow(-1);
  m_filling = false;
  const bool changed = validation != m_selectedValidation || row != m_selectedIndex;
  m_selectedValidation = validation;
  m_selectedIndex = row;
  updateActions();
  if (changed) {
    emit sequenceSelected(validation, row);
  }
}

void DataSetPanel::updateActions() {
  const bool any = m_selectedIndex >= 0;
  const bool lastTraining = !m_selectedValidation && m_set.train.size() <= 1;
  m_removeButton->setEnabled(any && !lastTraining);
  m_removeAction->setEnabled(any && !lastTraining);
  m_duplicateButton->setEnabled(any);
  m_duplicateAction->setEnabled(any);
  m_moveButton->setEnabled(any && !lastTraining);
  m_moveButton->setText(m_selectedValidation ? tr("To training") : tr("To validation"));
  m_moveButton->setToolTip(
      lastTraining ? tr("The training set needs at least one sequence")
      : m_selectedValidation
          ? tr("Move the selected sequence to the end of the training set")
          : tr("Move the selected sequence to the end of the validation set, out of training"));
}

void DataSetPanel::applyEdit(rnnlab::SequenceSet next, const QString& description,
                             bool selectValidation, int selectIndex) {
  m_set = std::move(next);
  m_selectedValidation = selectValidation;
  m_selectedIndex = selectIndex;
  buildLists();
  restoreSelection();
  emit sequenceSetEdited(m_set, description);
  emit sequenceSelected(m_selectedValidation, m_selectedIndex);
}

bool DataSetPanel::addSequence() {
  if (m_set.train.empty()) {
    return false;  // no shape to copy (a set without training sequences is refused elsewhere)
  }
  const bool validation = m_selectedIndex >= 0 && m_selectedValidation;
  auto& from = validation ? m_set.validation : m_set.train;
  const rnnlab::SequenceData& shape = m_selectedIndex >= 0 ? from[m_selectedIndex] : m_set.train[0];
  rnnlab::SequenceData fresh;
  if (m_selectedIndex >= 0) {
    fresh.inputs = rnnlab::Matrix::Zero(shape.inputs.rows(), shape.inputs.cols());
    fresh.targets = rnnlab::Matrix::Zero(shape.targets.rows(), shape.targets.cols());
  } else {
    // Only a final target when the first sequence has only one (`last` mode).
    const bool lastOnly = shape.targets.rows() == 1 && shape.inputs.rows() > 1;
    fresh.inputs = rnnlab::Matrix::Zero(NewSequenceSteps, shape.inputs.cols());
    fresh.targets = rnnlab::Matrix::Zero(lastOnly ? 1 : NewSequenceSteps, shape.targets.cols());
  }
  rnnlab::SequenceSet next = m_set;
  auto& into = validation ? next.validation : next.train;
  const int at = m_selectedIndex >= 0 ? m_selectedIndex + 1 : static_cast<int>(into.size());
  into.insert(into.begin() + at, std::move(fresh));
  applyEdit(std::move(next),
            validation ? tr("Add validation sequence") : tr("Add training sequence"), validation,
            at);
  return true;
}

bool DataSetPanel::removeSelected() {
  if (m_selectedIndex < 0 || (!m_selectedValidation && m_set.train.size() <= 1)) {
    return false;
  }
  rnnlab::SequenceSet next = m_set;
  auto& from = m_selectedValidation ? next.validation : next.train;
  from.erase(from.begin() + m_selectedIndex);
  const int select = std::min(m_selectedIndex, static_cast<int>(from.size()) - 1);
  const bool validation = m_selectedValidation && select >= 0;
  applyEdit(std::move(next),
            (m_selectedValidation ? tr("Remove validation sequence %1")
                                  : tr("Remove training sequence %1"))
                .arg(m_selectedIndex),
            validation, validation ? select : std::max(select, 0));
  return true;
}

bool DataSetPanel::duplicateSelected() {
  if (m_selectedIndex < 0) {
    return false;
  }
  rnnlab::SequenceSet next = m_set;
  auto& in = m_selectedValidation ? next.validation : next.train;
  const rnnlab::SequenceData copy = in[m_selectedIndex];
  in.insert(in.begin() + m_selectedIndex + 1, copy);
  applyEdit(std::move(next),
            (m_selectedValidation ? tr("Duplicate validation sequence %1")
                                  : tr("Duplicate training sequence %1"))
                .arg(m_selectedIndex),
            m_selectedValidation, m_selectedIndex + 1);
  return true;
}

bool DataSetPanel::moveSelected() {
  if (m_selectedIndex < 0 || (!m_selectedValidation && m_set.train.size() <= 1)) {
    return false;
  }
  rnnlab::SequenceSet next = m_set;
  auto& from = m_selectedValidation ? next.validation : next.train;
  auto& to = m_selectedValidation ? next.train : next.validation;
  to.push_back(from[m_selectedIndex]);
  from.erase(from.begin() + m_selectedIndex);
  applyEdit(std::move(next),
            (m_selectedValidation ? tr("Move validation sequence %1 to training")
                                  : tr("Move training sequence %1 to validation"))
                .arg(m_selectedIndex),
            !m_selectedValidation, static_cast<int>(to.size()) - 1);
  return true;
}

std::vector<rnnlab::SequenceData> DataSetPanel::allSequences() const {
  std::vector<rnnlab::SequenceData> all = m_set.train;
  all.insert(all.end(), m_set.validation.begin(), m_set.validation.end());
  return all;
}

int DataSetPanel::validationPercent() const { return m_splitBox->value(); }

bool DataSetPanel::resplit(int validationPercent) {
  m_splitBox->setValue(validationPercent);
  rnnlab::SequenceSet next =
      rnnlab::splitForValidation(allSequences(), m_splitBox->value() / 100.0);
  next.batchSize = m_set.batchSize;
  next.shuffle = m_set.shuffle;
  if (next == m_set) {
    return false;
  }
  applyEdit(std::move(next), tr("Split %1 % for validation").arg(m_splitBox->value()), false, 0);
  return true;
}

bool DataSetPanel::replaceWithImported(std::vector<rnnlab::SequenceData> sequences,
                                       const QString& source) {
  if (sequences.empty()) {
    return false;
  }
  const rnnlab::SequenceData& now = sequences.front();
  const rnnlab::SequenceData& old = m_set.train.empty() ? now : m_set.train.front();
  if (m_confirmStructural &&
      (now.inputs.cols() != old.inputs.cols() || now.targets.cols() != old.targets.cols()) &&
      QMessageBox::question(
          this, tr("Import sequences"),
          tr("The sequences have %1 input and %2 target columns; the network has %3 and %4. "
             "Importing them changes the network's size, so the model must be re-initialized. "
             "Import?")
              .arg(now.inputs.cols())
              .arg(now.targets.cols())
              .arg(old.inputs.cols())
              .arg(old.targets.cols())) != QMessageBox::Yes) {
    return false;
  }
  const int count = static_cast<int>(sequences.size());
  rnnlab::SequenceSet next =
      rnnlab::splitForValidation(std::move(sequences), m_splitBox->value() / 100.0);
  next.batchSize = m_set.batchSize;
  next.shuffle = m_set.shuffle;
  applyEdit(std::move(next),
            tr("Import %1 from %2").arg(DataSetPanel::sequenceCount(count), source), false, 0);
  return true;
}

bool DataSetPanel::importCsvFile(const QString& path, QString* error) {
  std::vector<rnnlab::SequenceData> sequences;
  try {
    sequences = rnnlab::loadSequencesCsv(path.toStdString());
  } catch (const std::exception& e) {
    if (error != nullptr) {
      *error = QString::fromStdString(e.what());
    }
    return false;
  }
  return replaceWithImported(std::move(sequences), QFileInfo(path).fileName());
}

bool DataSetPanel::importFolder(const QString& path, QString* error) {
  std::vector<rnnlab::SequenceData> sequences;
  try {
    sequences = rnnlab::loadSequenceFolder(path.toStdString());
  } catch (const std::exception& e) {
    if (error != nullptr) {
      *error = QString::fromStdString(e.what());
    }
    return false;
  }
  return replaceWithImported(std::move(sequences), QFileInfo(path).fileName());
}

bool DataSetPanel::exportCsvFile(const QString& path, QString* error) const {
  try {
    rnnlab::saveSequencesCsv(allSequences(), path.toStdString());
  } catch (const std::exception& e) {
    if (error != nullptr) {
      *error = QString::fromStdString(e.what());
    }
    return false;
  }
  return true;
}

bool DataSetPanel::exportFolder(const QString& path, QString* error) const {
  try {
    rnnlab::saveSequenceFolder(allSequences(), path.toStdString());
  } catch (const std::exception& e) {
    if (error != nullptr) {
      *error = QString::fromStdString(e.what());
    }
    return false;
  }
  return true;
}

void DataSetPanel::openGenerator() {
  QString error;
  std::optional<GeneratorDialog::Choice> choice = GeneratorDialog::choose(this, &error);
  if (!choice) {
    if (!error.isEmpty()) {
      QMessageBox::warning(this, tr("Cannot generate"), error);
    }
    return;
  }
  rnnlab::GeneratedTask& task = choice->task;
  task.set.batchSize = m_set.batchSize;
  task.set.shuffle = m_set.shuffle;
  m_set = task.set;
  m_selectedValidation = false;
  m_selectedIndex = 0;
  buildLists();
  restoreSelection();
  const std::size_t n = m_set.train.size() + m_set.validation.size();
  m_splitBox->setValue(static_cast<int>(
      std::lround(100.0 * static_cast<double>(m_set.validation.size()) / double(n))));
  emit taskGenerated(task, tr("Generate %1").arg(choice->name));
  emit sequenceSelected(false, 0);
}

void DataSetPanel::importCsvFromDialog() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Import sequences"), QString(),
                                                    tr("CSV files (*.csv);;All files (*)"));
  QString error;
  if (!path.isEmpty() && !importCsvFile(path, &error) && !error.isEmpty()) {
    QMessageBox::warning(this, tr("Cannot import sequences"), error);
  }
}

void DataSetPanel::importFolderFromDialog() {
  const QString path = QFileDialog::getExistingDirectory(this, tr("Import a folder of CSV files"));
  QString error;
  if (!path.isEmpty() && !importFolder(path, &error) && !error.isEmpty()) {
    QMessageBox::warning(this, tr("Cannot import sequences"), error);
  }
}

void DataSetPanel::exportCsvFromDialog() {
  const QString path = QFileDialog::getSaveFileName(this, tr("Export sequences"), QString(),
                                                    tr("CSV files (*.csv)"));
  QString error;
  if (!path.isEmpty() && !exportCsvFile(path, &error)) {
    QMessageBox::warning(this, tr("Cannot export sequences"), error);
  }
}

void DataSetPanel::exportFolderFromDialog() {
  const QString path =
      QFileDialog::getExistingDirectory(this, tr("Export sequences into a folder"));
  QString error;
  if (!path.isEmpty() && !exportFolder(path, &error)) {
    QMessageBox::warning(this, tr("Cannot export sequences"), error);
  }
}
