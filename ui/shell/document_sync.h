#pragma once

// Keeps training and the editors in step with the document: a loaded session fills the editors
// and starts its run; live settings reach training at once; a different model waits for Reset
// (a notice says so); new data restarts the run (and its undo brings the old run back); the
// notice row explains presets, the blog's bugs and divergence. MainWindow creates the parts and
// hands them over; this is the policy between them.

#include <QObject>

#include "training/compared_task.h"
#include "training/discarded_runs.h"

class DockLayout;
class GradientCheckPanel;
class NoticeBar;
class QWidget;
class SequenceEditor;
class SessionDocument;
class SettingsPanel;
class SnapshotPresenter;
class TextSettingsPanel;
class TrainingController;
class TrainingStatusBar;

class DocumentSync : public QObject {
  Q_OBJECT

 public:
  struct Parts {
    SessionDocument* document;
    TrainingController* controller;
    DockLayout* docks;
    NoticeBar* notices;
    TrainingStatusBar* status;
    SnapshotPresenter* presenter;
    SettingsPanel* settingsPanel;
    SequenceEditor* sequenceEditor;
    TextSettingsPanel* textPanel;
    GradientCheckPanel* gradientCheck;
  };

  DocumentSync(const Parts& parts, QObject* parent);

  void resetTraining();  // applies a pending model, or restarts the current one
  void togglePlay();
  // Maps every input linearly onto [−1, 1] (one undoable edit): tanh then no longer saturates.
  void scaleInputs();
  // The Text dock follows the document; it comes to the front for a text session.
  void showTextSettings(bool raise);

 signals:
  void titleChanged();  // the document's title or modified state may have changed

 private:
  void onLoaded();
  void onEdited();
  void onDiverged(const QString& message);
  void syncController();
  bool applySession();
  void showPresetNotice();
  // Teaching: the notice, the settings panel and the gradient check follow training.blog_bugs.
  void showBlogBugs();

  Parts m_parts;
  DiscardedRuns m_discardedRuns;  // runs that data edits restarted, for their undo
  ComparedTask m_comparedTask;    // whose runs Compare runs holds
  QWidget* m_scaleInputsButton = nullptr;
};
