#pragma once

// The Data menu's ways for any numeric session to become a data set: a generated task (the
// generator dialog), sequences imported from a CSV file with a sequence-id column or from a folder
// of CSV files, or the current single sequence as a one-sequence training set. Each is one undo
// step of the document (Undo brings the previous session back exactly). In a data set session
// the generator and the imports replace the set, as the data set panel's buttons do. A text
// session cannot become a data set: the actions are disabled and their tooltips say why.
//
// After a conversion the status bar says what happened (the sequences, and whether the network's
// sizes changed so that its weights start again from the seed) and converted() is emitted, so
// that the Data set dock comes to the front.

#include <QObject>
#include <QString>

#include "rnnlab/sequence_generators.h"

class DataSetPanel;
class QAction;
class QMenu;
class QStatusBar;
class QWidget;
class SessionDocument;

class DataSetConversion : public QObject {
  Q_OBJECT

 public:
  // `panel` gives the validation share for imports; `dialogParent` parents the dialogs.
  DataSetConversion(SessionDocument* document, DataSetPanel* panel, QStatusBar* statusBar,
                    QWidget* dialogParent, QObject* parent = nullptr);

  QAction* generateAction() const { return m_generate; }
  QAction* importCsvAction() const { return m_importCsv; }
  QAction* importFolderAction() const { return m_importFolder; }
  QAction* fromSequenceAction() const { return m_fromSequence; }
  // Adds the four actions to `menu` (and makes its tooltips visible: they say why an action is
  // disabled).
  void fillMenu(QMenu* menu);

  // What the actions do after their dialog, for tests and scripts. Each returns false with one
  // message in *error (for a file: its name, line and column) and changes nothing when refused.
  bool generate(rnnlab::GeneratedTask task, const QString& taskName, QString* error);
  bool importCsvFile(const QString& path, QString* error);
  bool importFolder(const QString& path, QString* error);
  bool fromCurrentSequence(QString* error);

  // In scripted runs no dialog may wait for a user: refusals go to the status bar only.
  void setScripted(bool scripted) { m_scripted = scripted; }

 signals:
  // The session became (or got a new) data set through one of the actions.
  void converted();

 private:
  void updateActions();
  void openGenerator();
  void importCsvFromDialog();
  void importFolderFromDialog();
  void warn(const QString& title, const QString& message);
  bool importSequences(const QString& path, bool folder, QString* error);
  // The status bar line after a conversion from a session with model `before`.
  void announce(const QString& what, const rnnlab::ModelConfig& before);

  SessionDocument* m_document;
  DataSetPanel* m_panel;
  QStatusBar* m_statusBar;
  QWidget* m_dialogParent;
  QAction* m_generate;
  QAction* m_importCsv;
  QAction* m_importFolder;
  QAction* m_fromSequence;
  bool m_scripted = false;
};
