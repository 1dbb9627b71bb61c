#pragma once

// Steps through one traced training iteration phase by phase (forward t = 1..T, the loss,
// backward t = T..1, clipping, the update) and shows every number that phase produces: each
// vector or matrix as a table of coloured numbers when small, as a heatmap with its norm when
// large. Every value comes from the trace (see phase_values.h); the panel computes none. A stack
// goes through its cells in the order the computation does (iterationPhases(config, T)) and shows
// the dropout mask a layer's input was multiplied by. The pages are in iteration_stepper_pages.cpp.
//
// Navigation: Previous/Next buttons, a slider over all phases, Alt+Left / Alt+Right, Home / End
// (while the panel or one of its children has focus).

#include <QMap>
#include <QMultiMap>
#include <QStringList>
#include <QWidget>
#include <array>
#include <memory>
#include <optional>
#include <vector>

#include "inspection/phase_values.h"
#include "rnnlab/iteration_trace.h"
#include "rnnlab/training_settings.h"

class QGridLayout;
class QLabel;
class QPushButton;
class QScrollArea;
class QSlider;
class ValueGridView;

Q_DECLARE_METATYPE(rnnlab::IterationPhase)

class IterationStepperPanel : public QWidget {
  Q_OBJECT

 public:
  explicit IterationStepperPanel(QWidget* parent = nullptr);

  // Shares the immutable trace (no copy). Keeps the current phase index when the new trace has
  // it, else starts at the first phase; nullptr clears the panel.
  void setTrace(std::shared_ptr<const rnnlab::IterationTrace> trace);
  const std::shared_ptr<const rnnlab::IterationTrace>& trace() const { return m_trace; }

  // Optional: the settings the traced iteration ran with, for the clip thresholds and the
  // optimizer's name in the captions (the trace itself does not hold them).
  void setSettings(const rnnlab::TrainingSettings& settings);

  // A line above the phases on what the trace covers (a data set's "Tracing training sequence #3
  // alone; ..."); empty hides it.
  void setScopeNote(const QString& note);
  QString scopeNote() const;

  int phaseIndex() const { return m_index; }  // −1 without a trace
  // The index of the first phase of `kind` (−1 without one): a stack has more phases per step.
  int firstPhaseIndex(rnnlab::IterationPhase::Kind kind) const;
  int phaseCount() const;                // 2T + 3, 0 without a trace
  rnnlab::IterationPhase phase() const;  // the current phase ({} without a trace)
  // "Forward t = 2 of 4" (a stack: "Forward t = 2 of 4 · layer 1 ←"), as the label shows it.
  QString phaseText() const;

  // Exactly the values on display for the current phase, by key (see phaseValues()).
  QMap<QString, rnnlab::Matrix> shownValues() const;
  // The view that shows `key`, or nullptr (for tests and screenshots).
  ValueGridView* viewFor(const QString& key) const;

  // Tall enough to show the current page whole: a splitter sharing the dock with the equations
  // starts the values unscrolled where there is room (presentation mode's larger fonts).
  QSize sizeHint() const override;

 protected:
  // The page's layout changed (new values, presentation mode's fonts): the hint did too.
  bool eventFilter(QObject* watched, QEvent* event) override;

 public slots:
  void setPhaseIndex(int index);
  void nextPhase();
  void previousPhase();
  void firstPhase();
  void lastPhase();

 signals:
  void phaseChanged(int index, rnnlab::IterationPhase phase);
  // The mouse is over element (row, column) of the value `key` ({-1, -1} when it left); for
  // EquationsPanel::setHoveredElement.
  void hoveredElementChanged(const QString& key, int row, int column);

 private:
  enum Page { ForwardPage, LossPage, BackwardPage, ClipPage, UpdatePage, PageCount };

  ValueGridView* addView(Page page, QGridLayout* grid, const QString& key, int row, int column,
                         int extent = 256);
  void buildPages();
  // The Clip and Update pages' rows, one per parameter block of the traced model.
  void setBlockRows(const QStringList& names);
  // A label beside `key`'s view (an arrow, an operator) shown only while that value is.
  void companion(const QString& key, QGridLayout* grid, QWidget* widget, int row, int column);
  static QStringList allBlockNames();
  static QLabel* wrappedLabel(QWidget* parent);
  static QLabel* arrowLabel(const QString& text, QWidget* parent);
  void refresh();
  // The colour scale of each shown value that shares one with its neighbours.
  QMap<QString, double> sharedScales() const;
  void updateCaptions();
  void fitTraceNote();
  void updateNavigation();

  std::shared_ptr<const rnnlab::IterationTrace> m_trace;
  std::vector<rnnlab::IterationPhase> m_phases;
  std::optional<rnnlab::TrainingSettings> m_settings;
  int m_index = -1;
  QList<PhaseValue> m_shown;

  QPushButton* m_previous = nullptr;
  QPushButton* m_next = nullptr;
  QSlider* m_slider = nullptr;
  QLabel* m_phaseLabel = nullptr;
  QLabel* m_iterationLabel = nullptr;
  QLabel* m_explanation = nullptr;
  QLabel* m_scopeNote = nullptr;
  QLabel* m_traceNote = nullptr;  // what the trace covers (stream 0, dropout masks)
  QScrollArea* m_scroll = nullptr;
  std::array<QWidget*, PageCount> m_pages{};
  QGridLayout* m_clipBlocks = nullptr;
  QGridLayout* m_updateBlocks = nullptr;
  QStringList m_blockRows;
  QLabel* m_clipSummary = nullptr;
  QLabel* m_updateSummary = nullptr;
  QMap<QString, ValueGridView*> m_views;  // children of the pages
  QMultiMap<QString, QWidget*> m_companions;
  std::array<QMap<QString, ValueGridView*>, PageCount> m_pageViews;
};
