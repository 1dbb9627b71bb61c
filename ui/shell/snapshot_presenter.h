#pragma once

// Takes the controller's snapshots and draws the latest on the views (the loss chart follows the
// controller's LossHistory instead, as it grows or is cut back), at most ~30 times a
// second (a timer), whatever the rate of training. A view whose dock is hidden (closed, or a tab
// behind another) is skipped and drawn when its dock shows again, so hidden views cost nothing.
//
// The GUI thread has a budget: each redraw's CPU time (the views' updates and the painting and
// events that follow them) is measured, and the timer slows down (to at most one redraw a second)
// when redrawing at ~30 Hz would take more than GuiCpuShare of a core, so that training keeps the
// cores (RedrawBudget).
//
// One model state on every view: while paused or finished, the outputs and the hidden states
// show the forward pass of the weights on screen (the trace of the next iteration, which the
// stepper shows too), not the pass of the iteration before the last update. While training they
// show the latest iteration's pass, and their dock titles say so.

#include <QElapsedTimer>
#include <QObject>
#include <QStringList>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "rnnlab/sequence_data.h"
#include "training/training_snapshot.h"
#include "widgets/redraw_budget.h"

class DockLayout;
class EquationsPanel;
class GradientCheckPanel;
class CellChoice;
class GradientFlowView;
class HiddenStateHeatmap;
class IterationStepperPanel;
class JacobianNormChart;
class MemoryView;
class NeuronTextView;
class TextChunkView;
class TextSamplesPanel;
class QStackedWidget;
class QTabWidget;
class LossChart;
class OutputsView;
class QDockWidget;
class QTimer;
class RunComparisonChart;
class SessionDocument;
class SpectrumView;
class TrainingController;
class UnrolledNetworkDiagram;
class WeightHeatmaps;

class SnapshotPresenter : public QObject {
  Q_OBJECT

 public:
  struct Views {
    LossChart* loss;
    HiddenStateHeatmap* hidden;
    WeightHeatmaps* weights;
    OutputsView* outputs;
    IterationStepperPanel* stepper;
    EquationsPanel* equations;
    UnrolledNetworkDiagram* diagram;
    GradientFlowView* flow;
    SpectrumView* spectrum;
    JacobianNormChart* jacobians;  // the spectrum dock's page for gated cells
    QStackedWidget* spectrumPages;
    MemoryView* memory;
    // The cell of a stacked model that the views showing "a layer" show (their pickers share it).
    CellChoice* cells;
    GradientCheckPanel* gradientCheck;
    RunComparisonChart* runs;
    // Text sessions only (their docks are hidden for other data).
    TextSamplesPanel* samples = nullptr;
    TextChunkView* chunk = nullptr;
    NeuronTextView* neuron = nullptr;
    QTabWidget* textPages = nullptr;  // the text dock's pages: samples, chunk, neuron
  };
  static constexpr int IntervalMs = 33;  // the fastest redraw rate
  static constexpr int SlowestIntervalMs = 1000;
  static constexpr double GuiCpuShare = 0.1;
  // A timed redraw stops after the view that took it past this much CPU time and goes on at the
  // next turn of the event loop.
  static constexpr double SliceMs = 12.0;

  SnapshotPresenter(TrainingController* controller, const SessionDocument* document,
                    const DockLayout* docks, Views views, QObject* parent = nullptr);

  // Takes a snapshot from the controller (drawn at the next tick).
  void take(TrainingSnapshotPtr snapshot);
  // Training starts again (a new session or a reset): the loss curve empties.
  void restart();
  // Draws the latest snapshot (and the loss chart's pending growth) now instead of at the next
  // tick.
  void refresh();
  void markRunsChanged();
  // The redraw interval the budget allows now, in milliseconds, and its measured cost per redraw.
  int intervalMs() const { return m_budget.intervalMs(); }
  double redrawCostMs() const { return m_budget.smoothedCostMs(); }
  // What a redraw costs is read from this clock (milliseconds): the drawing thread's CPU time
  // (threadCpuMs) unless a test gives another, so that it need not depend on the machine's speed.
  using CpuClock = std::function<double()>;
  void setCpuClock(CpuClock clock) { m_cpuClock = std::move(clock); }
  // CPU time of the calling thread: what drawing costs, whatever else the machine runs.
  static double threadCpuMs();
  // The data of a pending what-if (for the gradient check), or none.
  void setWhatIfData(std::optional<rnnlab::SequenceData> data) { m_whatIfData = std::move(data); }

 signals:
  // After each draw: for the status bar, the history bar and the what-if editor.
  void drawn(const TrainingSnapshot& snapshot);

 private:
  struct Part {
    QDockWidget* dock;
    void (SnapshotPresenter::*draw)(const TrainingSnapshot&);
    std::uint64_t drawnSerial = 0;  // the m_serial last drawn; 0: none
  };
  void syncLossChart();
  // The timer's tick: the loss chart's pending growth, then the views, within the budget.
  void tick();
  // The second series of the loss chart: the validation losses, in the training losses' units.
  void syncValidation();
  // The characters of the one-hot columns of the snapshot's model (a text's vocabulary, or a
  // one-hot preset's "characters"); empty for numeric data.
  QStringList characters(const TrainingSnapshot& snapshot) const;
  // The data the views that take a SequenceData run on: a what-if's, a text's current chunk (as
  // a dense sequence from h0), or the session's.
  const rnnlab::SequenceData& shownData(const TrainingSnapshot& snapshot);
  void draw(const TrainingSnapshot& snapshot);
  void drawHidden(const TrainingSnapshot& snapshot);
  void drawOutputs(const TrainingSnapshot& snapshot);
  void drawWeights(const TrainingSnapshot& snapshot);
  void drawStepper(const TrainingSnapshot& snapshot);
  void drawDiagram(const TrainingSnapshot& snapshot);
  void drawFlow(const TrainingSnapshot& snapshot);
  void drawSpectrum(const TrainingSnapshot& snapshot);
  void drawMemory(const TrainingSnapshot& snapshot);
  void drawGradientCheck(const TrainingSnapshot& snapshot);
  void drawRuns(const TrainingSnapshot& snapshot);
  // The text dock's page on top (the others when they come on top).
  void drawText(const TrainingSnapshot& snapshot);
  // Hides the text dock without a text session; shows it when a text session comes.
  void showTextDock(bool text);
  void labelRunning(bool running);
  static bool isShown(const QDockWidget* dock);
  // A text's current chunk as shownData() gives it, and which chunk it is.
  rnnlab::SequenceData m_chunkData;
  const rnnlab::TextData* m_chunkText = nullptr;
  long m_chunkStart = -1;

  TrainingController* m_controller;
  const SessionDocument* m_document;
  const DockLayout* m_docks;
  Views m_views;
  std::vector<Part> m_parts;
  QTimer* m_timer;
  RedrawBudget m_budget{IntervalMs, SlowestIntervalMs, GuiCpuShare};
  CpuClock m_cpuClock = &SnapshotPresenter::threadCpuMs;
  bool m_lossPending = false;  // the loss history grew or was cut back since the chart synced
  bool m_measuring = false;    // a redraw's cost is being measured
  bool m_redrawing = false;    // a timed redraw is under way (in slices)
  double m_redrawStartMs = 0.0;
  double m_sliceMs = 0.0;  // > 0: draw() stops after this much CPU time
  TrainingSnapshotPtr m_latest;
  TrainingSnapshotPtr m_weightsSnapshot;  // the one whose weights the weight view shares
  std::size_t m_lossCutAt = SIZE_MAX;     // the lowest cutBack() since the chart last synced
  std::uint64_t m_serial = 1;             // counts the snapshots taken
  bool m_dirty = false;
  std::optional<bool> m_labelledRunning;
  std::optional<rnnlab::SequenceData> m_whatIfData;
  std::shared_ptr<const rnnlab::IterationTrace> m_stepperTrace;
  std::shared_ptr<const rnnlab::IterationTrace> m_diagramTrace;
  long m_spectrumIteration = -1;
  std::pair<int, int> m_spectrumCell{0, 0};  // the (layer, direction) whose Whh ρ history shows
  int m_liveRunId = -1;
  std::size_t m_liveRunLength = 0;
  bool m_runsChanged = true;
  std::optional<bool> m_textDockShown;
  std::u32string m_samplesVocabulary;  // the vocabulary the samples panel was given
  int m_samplesFirstIndex = -1;
  QElapsedTimer m_textClock;  // the chunk and neuron pages: one forward pass each, rationed
};
