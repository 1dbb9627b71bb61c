#pragma once

// What-if edits: while paused, an edited input cell or a weight (double-click on the weights
// view) is tried without training: every view shows its effect, the trained weights and the
// document stay as they were until Apply; Discard puts the shown model back.

#include <QObject>
#include <optional>

#include "rnnlab/sequence_data.h"
#include "training/training_snapshot.h"

class HistoryBar;
class NoticeBar;
class QWidget;
class SequenceEditor;
class SessionDocument;
class TrainingController;
class WeightHeatmaps;

class WhatIfEditor : public QObject {
  Q_OBJECT

 public:
  WhatIfEditor(TrainingController* controller, SessionDocument* document, SequenceEditor* editor,
               WeightHeatmaps* weights, HistoryBar* historyBar, NoticeBar* notices,
               QWidget* dialogParent);

  // Takes edited data as a what-if when the toggle is on, training is not running and the shapes
  // are the trained ones; false when it is a normal edit.
  bool tryData(const rnnlab::SequenceData& data);
  // Asks for a new value of one element of a parameter block (row, column) and tries it.
  void editWeight(int block, int row, int column);
  void showSnapshot(const TrainingSnapshot& snapshot);

 public slots:
  void apply();
  void discard();

 signals:
  void dataChanged(const std::optional<rnnlab::SequenceData>& data);

 private:
  void setData(std::optional<rnnlab::SequenceData> data);

  TrainingController* m_controller;
  SessionDocument* m_document;
  SequenceEditor* m_editor;
  WeightHeatmaps* m_weights;
  HistoryBar* m_historyBar;
  NoticeBar* m_notices;
  QWidget* m_dialogParent;
  TrainingSnapshotPtr m_shown;
  std::optional<rnnlab::SequenceData> m_data;  // the edited data of a pending what-if
};
