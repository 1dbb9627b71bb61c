#include "shell/data_set_conversion.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QStatusBar>
#include <exception>
#include <utility>

#include "document/session_document.h"
#include "editors/data_set_panel.h"
#include "editors/generator_dialog.h"
#include "rnnlab/sequence_set_csv.h"

namespace {

constexpr int MessageMs = 12000;

}  // namespace

DataSetConversion::DataSetConversion(SessionDocument* document, DataSetPanel* panel,
                                     QStatusBar* statusBar, QWidget* dialogParent, QObject* parent)
    : QObject(parent),
      m_document(document),
      m_panel(panel),
      m_statusBar(statusBar),
      m_dialogParent(dialogParent),
      m_generate(new QAction(tr("New data set from &generator…"), this)),
      m_importCsv(new QAction(tr("&Import data set from CSV…"), this)),
      m_importFolder(new QAction(tr("Import data set from &folder…"), this)),
      m_fromSequence(new QAction(tr("&Make a data set from this sequence"), this)) {
  m_generate->setObjectName(QStringLiteral("newDataSetFromGenerator"));
  m_importCsv->setObjectName(QStringLiteral("importDataSetCsv"));
  m_importFolder->setObjectName(QStringLiteral("importDataSetFolder"));
  m_fromSequence->setObjectName(QStringLiteral("dataSetFromSequence"));
  connect(m_generate, &QAction::triggered, this, &DataSetConversion::openGenerator);
  connect(m_importCsv, &QAction::triggered, this, &DataSetConversion::importCsvFromDialog);
  connect(m_importFolder, &QAction::triggered, this, &DataSetConversion::importFolderFromDialog);
  connect(m_fromSequence, &QAction::triggered, this, [this] {
    QString error;
    if (!fromCurrentSequence(&error)) {
      warn(tr("Cannot make a data set"), error);
    }
  });
  connect(m_document, &SessionDocument::loaded, this, &DataSetConversion::updateActions);
  connect(m_document, &SessionDocument::edited, this, &DataSetConversion::updateActions);
  updateActions();
}

void DataSetConversion::fillMenu(QMenu* menu) {
  menu->setToolTipsVisible(true);
  menu->addAction(m_generate);
  menu->addAction(m_importCsv);
  menu->addAction(m_importFolder);
  menu->addSeparator();
  menu->addAction(m_fromSequence);
}

void DataSetConversion::updateActions() {
  QString why;
  const bool numeric = m_document->canBecomeDataSet(&why);
  const bool dataSet = m_document->session().sequences.has_value();
  for (QAction* action : {m_generate, m_importCsv, m_importFolder, m_fromSequence}) {
    action->setEnabled(numeric);
  }
  if (!numeric) {
    for (QAction* action : {m_generate, m_importCsv, m_importFolder, m_fromSequence}) {
      action->setToolTip(why);
    }
    return;
  }
  const QString undo = tr("One undo step: Ctrl+Z brings this session back.");
  m_generate->setToolTip(
      (dataSet ? tr("Replace the data set with a generated task (noisy sine, echo, adding, copy, "
                    "parity).")
               : tr("Turn this session into a data set of a generated task (noisy sine, echo, "
                    "adding, copy, parity) with training and validation sequences.")) +
      u' ' + undo);
  m_importCsv->setToolTip(
      (dataSet ? tr("Replace the data set with the sequences of a CSV file with a sequence column.")
               : tr("Turn this session into a data set of the sequences of a CSV file with a "
                    "sequence column (rows grouped by id, in order).")) +
      u' ' + undo);
  m_importFolder->setToolTip(
      (dataSet ? tr("Replace the data set with a folder of CSV files, one sequence per file.")
               : tr("Turn this session into a data set of a folder of CSV files, one sequence "
                    "per file.")) +
      u' ' + undo);
  m_fromSequence->setEnabled(!dataSet);
  m_fromSequence->setToolTip(
      dataSet ? tr("This session is a data set already.")
              : tr("Wrap this sequence as a data set with one training sequence, keeping the "
                   "network and its weights; then add or generate more.") +
                    u' ' + undo);
}

bool DataSetConversion::generate(rnnlab::GeneratedTask task, const QString& taskName,
                                 QString* error) {
  const rnnlab::ModelConfig before = m_document->session().model;
  if (const rnnlab::Session& session = m_document->session(); session.sequences) {
    // A new task keeps the batch size and shuffle the user chose for the set it replaces.
    task.set.batchSize = session.sequences->batchSize;
    task.set.shuffle = session.sequences->shuffle;
  }
  if (!m_document->convertToTask(std::move(task), tr("Generate %1").arg(taskName), error)) {
    return false;
  }
  announce(taskName, before);
  return true;
}

bool DataSetConversion::importCsvFile(const QString& path, QString* error) {
  return importSequences(path, false, error);
}

bool DataSetConversion::importFolder(const QString& path, QString* error) {
  return importSequences(path, true, error);
}

bool DataSetConversion::importSequences(const QString& path, bool folder, QString* error) {
  QString why;
  if (!m_document->canBecomeDataSet(&why)) {
    if (error != nullptr) {
      *error = why;
    }
    return false;
  }
  std::vector<rnnlab::SequenceData> sequences;
  try {
    sequences = folder ? rnnlab::loadSequenceFolder(path.toStdString())
                       : rnnlab::loadSequencesCsv(path.toStdString());
  } catch (const std::exception& e) {
    if (error != nullptr) {
      *error = QString::fromStdString(e.what());
    }
    return false;
  }
  if (sequences.empty()) {
    if (error != nullptr) {
      *error = tr("%1: no sequences").arg(QFileInfo(path).fileName());
    }
    return false;
  }
  const int count = static_cast<int>(sequences.size());
  const rnnlab::ModelConfig before = m_document->session().model;
  rnnlab::SequenceSet set =
      rnnlab::splitForValidation(std::move(sequences), m_panel->validationPercent() / 100.0);
  if (const rnnlab::Session& session = m_document->session(); session.sequences) {
    set.batchSize = session.sequences->batchSize;
    set.shuffle = session.sequences->shuffle;
  }
  const QString source = QFileInfo(path).fileName();
  const QString what = count == 1 ? tr("1 sequence from %1").arg(source)
                                  : tr("%1 sequences from %2").arg(count).arg(source);
  QString refused;
  if (!m_document->convertToSequenceSet(std::move(set), tr("Import %1").arg(what), &refused)) {
    if (error != nullptr) {
      *error = QStringLiteral("%1: %2").arg(source, refused);
    }
    return false;
  }
  announce(what, before);
  return true;
}

bool DataSetConversion::fromCurrentSequence(QString* error) {
  const rnnlab::ModelConfig before = m_document->session().model;
  if (!m_document->convertSequenceToDataSet(error)) {
    return false;
  }
  announce(tr("this sequence"), before);
  return true;
}

void DataSetConversion::announce(const QString& what, const rnnlab::ModelConfig& before) {
  const rnnlab::Session& session = m_document->session();
  const rnnlab::SequenceSet& set = *session.sequences;
  QString text = tr("Data set of %1: %2 training, %3 validation sequences.")
                     .arg(what)
                     .arg(set.train.size())
                     .arg(set.validation.size());
  const rnnlab::ModelConfig& now = session.model;
  if (now.inputSize != before.inputSize || now.outputSize != before.outputSize) {
    text += u' ' + tr("Network I %1 → %2, O %3 → %4: new weights from the seed at Reset.")
                       .arg(before.inputSize)
                       .arg(now.inputSize)
                       .arg(before.outputSize)
                       .arg(now.outputSize);
  } else if (!(now == before)) {
    text += u' ' + tr("New output mode or loss: new weights from the seed at Reset.");
  }
  m_statusBar->showMessage(text, MessageMs);
  emit converted();
}

void DataSetConversion::warn(const QString& title, const QString& message) {
  if (message.isEmpty()) {
    return;
  }
  m_statusBar->showMessage(tr("Data set not changed: %1").arg(message), MessageMs);
  if (!m_scripted) {
    QMessageBox::warning(m_dialogParent, title, message);
  }
}

void DataSetConversion::openGenerator() {
  QString error;
  std::optional<GeneratorDialog::Choice> choice = GeneratorDialog::choose(m_dialogParent, &error);
  if (choice) {
    generate(std::move(choice->task), choice->name, &error);
  }
  warn(tr("Cannot generate"), error);
}

void DataSetConversion::importCsvFromDialog() {
  const QString path =
      QFileDialog::getOpenFileName(m_dialogParent, tr("Import data set"), QString(),
                                   tr("CSV files with a sequence column (*.csv);;All files (*)"));
  QString error;
  if (!path.isEmpty() && !importCsvFile(path, &error)) {
    warn(tr("Cannot import data set"), error);
  }
}

void DataSetConversion::importFolderFromDialog() {
  const QString path = QFileDialog::getExistingDirectory(
      m_dialogParent, tr("Import a data set: a folder of CSV files"));
  QString error;
  if (!path.isEmpty() && !importFolder(path, &error)) {
    warn(tr("Cannot import data set"), error);
  }
}
