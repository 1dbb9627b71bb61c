#include "shell/export_actions.h"

#include <QDockWidget>
#include <QFileDialog>
#include <QMenu>
#include <QMessageBox>
#include <exception>

#include "document/session_document.h"
#include "rnnlab/csv.h"
#include "rnnlab/loss_record.h"
#include "rnnlab/pytorch_weights.h"
#include "rnnlab/safetensors.h"
#include "rnnlab/utf8.h"
#include "shell/dock_layout.h"
#include "shell/snapshot_presenter.h"
#include "training/training_controller.h"

ExportActions::ExportActions(TrainingController* controller, SessionDocument* document,
                             SnapshotPresenter* presenter, QWidget* window)
    : QObject(window),
      m_controller(controller),
      m_document(document),
      m_presenter(presenter),
      m_window(window) {}

void ExportActions::fillPngMenu(QMenu* menu, const DockLayout* docks) {
  menu->addAction(tr("Whole window…"), this,
                  [this] { exportPng(m_window, QStringLiteral("rnnlab")); });
  menu->addSeparator();
  for (QDockWidget* dock : docks->docks()) {
    menu->addAction(dock->windowTitle() + QStringLiteral("…"), this, [this, dock] {
      exportPng(dock, dock->objectName().remove(QStringLiteral("Dock")));
    });
  }
}

bool ExportActions::writeLossHistory(const QString& path, QString* error) const {
  try {
    rnnlab::writeFileAtomically(path.toStdString(),
                                rnnlab::serializeLossRecord(m_controller->lossHistory()));
  } catch (const std::exception& e) {
    *error = QString::fromStdString(e.what());
    return false;
  }
  return true;
}

bool ExportActions::writeTrainedSession(const QString& path, QString* error) const {
  // The applied session is the one the weights were trained on (the edited one may differ).
  rnnlab::Session trained = m_document->applied();
  if (TrainingSnapshotPtr snapshot = m_controller->latestSnapshot()) {
    // The live weights also during a rewind or a what-if, with the state to continue them.
    trained.setModel(snapshot->trainedModel ? *snapshot->trainedModel : snapshot->model);
    trained.trainingState = snapshot->trainingState;
  }
  try {
    rnnlab::saveSession(trained, path.toStdString());
  } catch (const std::exception& e) {
    *error = QString::fromStdString(e.what());
    return false;
  }
  return true;
}

bool ExportActions::writeWeights(const QString& path, QString* error) const {
  const TrainingSnapshotPtr snapshot = m_controller->latestSnapshot();
  if (!snapshot) {
    *error = tr("There are no trained weights yet.");
    return false;
  }
  const rnnlab::Model& model = snapshot->trainedModel ? *snapshot->trainedModel : snapshot->model;
  try {
    const std::string vocabulary =
        snapshot->text ? rnnlab::encodeUtf8(snapshot->text->vocabulary) : std::string();
    rnnlab::saveSafetensors(
        rnnlab::exportPytorchWeights(model, rnnlab::TensorDtype::F64, vocabulary),
        path.toStdString());
  } catch (const std::exception& e) {
    *error = QString::fromStdString(e.what());
    return false;
  }
  return true;
}

void ExportActions::exportWeights() {
  const QString path = QFileDialog::getSaveFileName(
      m_window, tr("Export weights"), QStringLiteral("weights.safetensors"),
      tr("safetensors (PyTorch names) (*.safetensors);;All files (*)"));
  QString error;
  if (!path.isEmpty() && !writeWeights(path, &error)) {
    QMessageBox::warning(m_window, tr("Cannot export weights"), error);
  }
}

void ExportActions::importWeights() {
  const QString path = QFileDialog::getOpenFileName(
      m_window, tr("Import weights"), QString(),
      tr("safetensors (PyTorch names) (*.safetensors);;All files (*)"));
  QString error;
  if (!path.isEmpty() && !m_document->importWeights(path, &error)) {
    QMessageBox::warning(m_window, tr("Cannot import weights"), error);
  }
}

void ExportActions::exportLossHistory() {
  const QString path =
      QFileDialog::getSaveFileName(m_window, tr("Export loss history"), QStringLiteral("loss.csv"),
                                   tr("CSV files (*.csv);;All files (*)"));
  QString error;
  if (!path.isEmpty() && !writeLossHistory(path, &error)) {
    QMessageBox::warning(m_window, tr("Cannot export loss history"), error);
  }
}

void ExportActions::exportTrainedSession() {
  const QString path = QFileDialog::getSaveFileName(
      m_window, tr("Export trained session"), QStringLiteral("trained.rnnlab.json"),
      tr("RNN Lab sessions (*.rnnlab.json *.json);;All files (*)"));
  QString error;
  if (!path.isEmpty() && !writeTrainedSession(path, &error)) {
    QMessageBox::warning(m_window, tr("Cannot export session"), error);
  }
}

void ExportActions::exportPng(QWidget* widget, const QString& suggestedName) {
  const QString path = QFileDialog::getSaveFileName(m_window, tr("Export view as PNG"),
                                                    suggestedName + QStringLiteral(".png"),
                                                    tr("PNG images (*.png)"));
  if (path.isEmpty()) {
    return;
  }
  m_presenter->refresh();
  if (!widget->grab().save(path, "PNG")) {
    QMessageBox::warning(m_window, tr("Cannot export image"), tr("Could not write %1.").arg(path));
  }
}
