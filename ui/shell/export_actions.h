#pragma once

// Export: the loss history as CSV, the session with its trained weights, the trained weights as
// safetensors with PyTorch's names (and their import), and any view (or the whole window) as
// PNG. CSV import and export of the sequence are the sequence editor's.

#include <QObject>

class QMenu;
class QWidget;
class DockLayout;
class SessionDocument;
class SnapshotPresenter;
class TrainingController;

class ExportActions : public QObject {
  Q_OBJECT

 public:
  ExportActions(TrainingController* controller, SessionDocument* document,
                SnapshotPresenter* presenter, QWidget* window);

  // Fills a menu with "Whole window…" and one entry per dock.
  void fillPngMenu(QMenu* menu, const DockLayout* docks);
  // Without dialogs, for scripts and tests; false with the message in *error.
  bool writeLossHistory(const QString& path, QString* error) const;
  bool writeTrainedSession(const QString& path, QString* error) const;
  // The live trained weights (not a rewound or what-if model), F64, as rnnlab-cli export writes.
  bool writeWeights(const QString& path, QString* error) const;

 public slots:
  void exportLossHistory();
  void exportTrainedSession();
  void exportWeights();
  void importWeights();
  void exportPng(QWidget* widget, const QString& suggestedName);

 private:
  TrainingController* m_controller;
  SessionDocument* m_document;
  SnapshotPresenter* m_presenter;
  QWidget* m_window;
};
