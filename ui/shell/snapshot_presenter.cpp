#include "shell/snapshot_presenter.h"

#include <QDockWidget>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTimer>
#include <algorithm>
#include <cstdint>
#include <ctime>
#include <utility>

#include "document/session_document.h"
#include "inspection/equations_panel.h"
#include "inspection/gradient_check_panel.h"
#include "inspection/gradient_flow_strip.h"
#include "inspection/gradient_flow_view.h"
#include "inspection/iteration_stepper_panel.h"
#include "inspection/jacobian_norm_chart.h"
#include "inspection/memory_view.h"
#include "inspection/spectrum_view.h"
#include "inspection/unrolled_network_diagram.h"
#include "rnnlab/text_model.h"
#include "shell/dock_layout.h"
#include "text/neuron_text_view.h"
#include "text/text_chunk_view.h"
#include "text/text_samples_panel.h"
#include "training/loss_history.h"
#include "training/training_controller.h"
#include "training/training_worker.h"
#include "views/hidden_state_heatmap.h"
#include "views/loss_chart.h"
#include "views/outputs_view.h"
#include "views/run_comparison_chart.h"
#include "views/weight_heatmaps.h"
#include "widgets/background_release.h"
#include "widgets/cell_choice.h"

namespace {

// How often the chunk and neuron views run their passage while training.
constexpr int TextViewIntervalMs = 500;
// The passages they show: the chunk view from the next training position (or where the user
// chose), the neuron view from where the user chose (the start of the text at first).
constexpr int ChunkPassageLength = 300;
constexpr int NeuronPassageLength = 600;

// The forward and backward pass of the weights on screen: the next iteration's trace when there
// is one (paused, finished, rewound, what-if), else the latest iteration's (while running).
const rnnlab::ForwardPass& shownForward(const TrainingSnapshot& snapshot) {
  return snapshot.trace ? snapshot.trace->forward : snapshot.forward;
}

const rnnlab::BackwardPass& shownBackward(const TrainingSnapshot& snapshot) {
  return snapshot.trace ? snapshot.trace->backward : snapshot.backward;
}

}  // namespace

SnapshotPresenter::SnapshotPresenter(TrainingController* controller,
                                     const SessionDocument* document, const DockLayout* docks,
                                     Views views, QObject* parent)
    : QObject(parent),
      m_controller(controller),
      m_document(document),
      m_docks(docks),
      m_views(views),
      m_timer(new QTimer(this)) {
  m_parts = {
      {docks->dock(DockId::Hidden), &SnapshotPresenter::drawHidden},
      {docks->dock(DockId::Outputs), &SnapshotPresenter::drawOutputs},
      {docks->dock(DockId::Weights), &SnapshotPresenter::drawWeights},
      {docks->dock(DockId::Stepper), &SnapshotPresenter::drawStepper},
      {docks->dock(DockId::Diagram), &SnapshotPresenter::drawDiagram},
      {docks->dock(DockId::GradientFlow), &SnapshotPresenter::drawFlow},
      {docks->dock(DockId::Spectrum), &SnapshotPresenter::drawSpectrum},
      {docks->dock(DockId::Memory), &SnapshotPresenter::drawMemory},
      {docks->dock(DockId::GradientCheck), &SnapshotPresenter::drawGradientCheck},
      {docks->dock(DockId::Text), &SnapshotPresenter::drawText},
      // Last: markRunsChanged() marks m_parts.back().
      {docks->dock(DockId::CompareRuns), &SnapshotPresenter::drawRuns},
  };
  // A shell without the text dock draws no text pages.
  std::erase_if(m_parts, [](const Part& part) { return part.dock == nullptr; });
  for (const Part& part : m_parts) {
    // A dock that shows again gets the latest snapshot at the next tick.
    connect(part.dock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
      if (visible) {
        m_dirty = true;
      }
    });
  }
  if (m_views.textPages) {
    // Another text page on top: it gets the latest snapshot at the next tick.
    connect(m_views.textPages, &QTabWidget::currentChanged, this, [this] {
      for (Part& part : m_parts) {
        if (part.draw == &SnapshotPresenter::drawText) {
          part.drawnSerial = 0;
        }
      }
      m_dirty = true;
    });
  }
  // Another cell chosen: the spectrum dock is drawn again with it (the views with a picker of
  // their own show it themselves).
  connect(m_views.cells, &CellChoice::changed, this, [this] {
    for (Part& part : m_parts) {
      if (part.draw == &SnapshotPresenter::drawSpectrum) {
        part.drawnSerial = 0;
      }
    }
    m_dirty = true;
  });
  // The loss chart follows the history at the redraw rate, not at every snapshot.
  const LossHistory& losses = controller->losses();
  connect(&losses, &LossHistory::cutBack, this, [this](std::size_t size) {
    m_lossCutAt = std::min(m_lossCutAt, size);
    m_lossPending = true;
  });
  connect(&losses, &LossHistory::grown, this, [this] { m_lossPending = true; });
  connect(&losses, &LossHistory::validationChanged, this, &SnapshotPresenter::syncValidation);
  m_timer->setInterval(m_budget.intervalMs());
  connect(m_timer, &QTimer::timeout, this, &SnapshotPresenter::tick);
  m_timer->start();
}

double SnapshotPresenter::threadCpuMs() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return 1e3 * static_cast<double>(t.tv_sec) + 1e-6 * static_cast<double>(t.tv_nsec);
}

void SnapshotPresenter::tick() {
  if (!m_dirty && !m_lossPending) {
    return;
  }
  if (!m_redrawing) {
    m_redrawing = true;
    m_redrawStartMs = m_cpuClock();
  }
  if (m_dirty) {
    // In slices, so that events (a click, a key) wait for one view at most, not for all of them.
    m_sliceMs = SliceMs;
    refresh();
    m_sliceMs = 0.0;
    if (m_dirty) {
      QTimer::singleShot(0, this, &SnapshotPresenter::tick);
      return;
    }
  } else {
    syncLossChart();
  }
  if (m_measuring) {
    return;  // the previous redraw's paint is still being measured
  }
  // The paint requests the views posted run before a zero timer: measured there, the cost
  // includes the painting.
  m_measuring = true;
  QTimer::singleShot(0, this, [this] {
    m_measuring = false;
    m_redrawing = false;
    // The weights pooled off this thread for this redraw count as drawing too.
    m_budget.spent(m_cpuClock() - m_redrawStartMs + m_views.weights->takeBackgroundCpuMs());
    if (m_timer->interval() != m_budget.intervalMs()) {
      m_timer->setInterval(m_budget.intervalMs());
      m_controller->setSnapshotInterval(m_budget.intervalMs());
    }
  });
}

void SnapshotPresenter::take(TrainingSnapshotPtr snapshot) {
  // A snapshot of another model (queued before a new session) must not reach the views: they
  // would pair its weights with the new data.
  if (!snapshot || !(snapshot->model.config == m_document->applied().model)) {
    return;
  }
  releaseInBackground(std::exchange(m_latest, std::move(snapshot)));
  ++m_serial;
  m_dirty = true;
}

void SnapshotPresenter::syncLossChart() {
  m_lossPending = false;
  // The chart holds a copy it can decimate: it drops what the history cut back, then takes what
  // the history gained (a run resumed from a file starts at its saved iteration, and so does the
  // chart).
  const rnnlab::LossRecord& losses = m_controller->losses().losses();
  LossChart* chart = m_views.loss;
  const auto first = static_cast<std::size_t>(std::max(0L, chart->firstIteration()));
  const std::size_t cut = std::min(m_lossCutAt, losses.size());
  m_lossCutAt = SIZE_MAX;
  if (first > 0 && cut <= first) {
    chart->clear(static_cast<long>(losses.origin()));
  } else {
    chart->truncate(cut - first);
  }
  const std::size_t end = chart->history().empty() ? 0 : first + chart->history().size();
  if (losses.size() > end) {
    const std::size_t from = std::max(end, losses.origin());
    std::vector<double> fresh;
    fresh.reserve(losses.size() - from);
    for (std::size_t k = from; k < losses.size(); ++k) {
      fresh.push_back(losses.at(k));
    }
    chart->appendLosses(static_cast<long>(from), fresh);
  }
}

void SnapshotPresenter::syncValidation() {
  const rnnlab::Session& applied = m_document->applied();
  // The core gives a text's validation loss per character; the chart's losses are per chunk.
  const double scale = applied.text ? applied.text->sequenceLength : 1.0;
  std::vector<QPointF> points;
  for (const LossHistory::Point& point : m_controller->losses().validation()) {
    points.emplace_back(static_cast<double>(point.iteration), point.value * scale);
  }
  m_views.loss->setSecondSeries(points, tr("validation"));
}

QStringList SnapshotPresenter::characters(const TrainingSnapshot& snapshot) const {
  if (snapshot.text) {
    QStringList labels;
    for (char32_t codePoint : snapshot.text->vocabulary) {
      labels << SessionDocument::displayCharacter(codePoint);
    }
    return labels;
  }
  if (!(m_document->applied().model == m_document->session().model)) {
    return {};  // the document's columns may no longer be the trained model's
  }
  return m_document->columnLabels();
}

const rnnlab::SequenceData& SnapshotPresenter::shownData(const TrainingSnapshot& snapshot) {
  if (m_whatIfData && snapshot.isWhatIf && !snapshot.text) {
    return *m_whatIfData;
  }
  const rnnlab::Session& applied = m_document->applied();
  if (applied.sequences && snapshot.shownIndex >= 0) {
    // A data set: the sequence the picker chose, whose passes the snapshot holds.
    return TrainingWorker::shownSequence(*applied.sequences, snapshot.shownValidation,
                                         snapshot.shownIndex);
  }
  if (!snapshot.text) {
    return applied.data;
  }
  // The chunk of the passes on screen (see shownForward()).
  const long start = std::max(0L, snapshot.trace ? snapshot.traceChunkStart : snapshot.chunkStart);
  if (snapshot.text.get() != m_chunkText || start != m_chunkStart) {
    m_chunkText = snapshot.text.get();
    m_chunkStart = start;
    m_chunkData =
        rnnlab::textChunkAsSequence(*snapshot.text, m_chunkStart, snapshot.text->sequenceLength);
  }
  return m_chunkData;
}

void SnapshotPresenter::restart() {
  const rnnlab::Session& applied = m_document->applied();
  // A session saved mid-run continues from its iteration; the losses before it are not in the file.
  m_views.loss->clear(applied.trainingState ? static_cast<long>(applied.trainingState->iteration)
                                            : 0L);
  m_views.loss->setCharactersPerIteration(applied.text ? applied.text->sequenceLength : 0);
  syncValidation();
  syncLossChart();
  releaseInBackground(std::exchange(m_latest, m_controller->latestSnapshot()));
  ++m_serial;
  refresh();
}

void SnapshotPresenter::markRunsChanged() {
  m_runsChanged = true;
  m_parts.back().drawnSerial = 0;
  m_dirty = true;
}

void SnapshotPresenter::refresh() {
  m_dirty = false;
  if (m_lossPending) {
    syncLossChart();
  }
  if (!m_latest) {
    m_latest = m_controller->latestSnapshot();
    ++m_serial;
  }
  if (m_latest) {
    draw(*m_latest);
  }
}

void SnapshotPresenter::draw(const TrainingSnapshot& snapshot) {
  // The spectrum dock explains memory the way that fits the cell: Whh's eigenvalues for the tanh
  // RNN, the step Jacobians for gated cells. Its title says which, even behind a tab.
  const bool gated = snapshot.model.config.cell != rnnlab::CellKind::Rnn;
  m_docks->dock(DockId::Spectrum)
      ->setWindowTitle(gated ? tr("Step Jacobians") : tr("Whh spectrum"));
  m_views.spectrumPages->setCurrentWidget(gated ? static_cast<QWidget*>(m_views.jacobians)
                                                : m_views.spectrum);
  labelRunning(snapshot.state == TrainingState::Running && !snapshot.trace);
  m_views.cells->setShape(snapshot.model.config);
  showTextDock(m_document->applied().text.has_value());
  const double start = m_sliceMs > 0.0 ? m_cpuClock() : 0.0;
  for (Part& part : m_parts) {
    if (part.drawnSerial == m_serial || !isShown(part.dock)) {
      continue;
    }
    if (m_sliceMs > 0.0 && m_cpuClock() - start >= m_sliceMs) {
      m_dirty = true;  // the rest at the next turn of the event loop
      return;
    }
    part.drawnSerial = m_serial;
    (this->*part.draw)(snapshot);
  }
  emit drawn(snapshot);
}

bool SnapshotPresenter::isShown(const QDockWidget* dock) {
  // Nothing is drawn for a window that is not on screen, nor for a dock behind another's tab:
  // such a dock stays "visible" but is moved out of the window, so its visible region is empty.
  // Either is drawn when it shows (visibilityChanged).
  const QWidget* window = dock->parentWidget();
  return window != nullptr && window->isVisible() && dock->isVisible() &&
         !dock->visibleRegion().isEmpty();
}

void SnapshotPresenter::labelRunning(bool running) {
  if (m_labelledRunning == running) {
    return;
  }
  m_labelledRunning = running;
  const QString suffix = running ? tr(" — latest iteration, before its update") : QString();
  m_docks->dock(DockId::Hidden)->setWindowTitle(tr("Hidden states h_t") + suffix);
  m_docks->dock(DockId::Outputs)
      ->setWindowTitle(tr("Outputs y_t and targets") + suffix);
}

void SnapshotPresenter::drawHidden(const TrainingSnapshot& snapshot) {
  m_views.hidden->setInputCharacters(characters(snapshot));
  if (shownForward(snapshot).steps() > 0) {
    m_views.hidden->setForwardPass(shownForward(snapshot));
  }
}

void SnapshotPresenter::drawOutputs(const TrainingSnapshot& snapshot) {
  m_views.outputs->setCharacters(characters(snapshot));
  if (shownForward(snapshot).steps() > 0) {
    m_views.outputs->setForwardPass(shownForward(snapshot), snapshot.model.config.outputMode,
                                    snapshot.model.config.loss);
  }
}

void SnapshotPresenter::drawWeights(const TrainingSnapshot& snapshot) {
  m_views.weights->setCharacters(characters(snapshot));
  if (m_latest.get() != &snapshot) {
    m_views.weights->setParameters(snapshot.model.params, shownBackward(snapshot).grads);
    return;
  }
  // Shared with the snapshot, not copied (the view holds it while it shows it): at the largest
  // sizes the weights and gradients are tens of MB each. The snapshot shown before is held until
  // the view has let go of it, and freed off this thread.
  const rnnlab::Gradients& grads = shownBackward(snapshot).grads;
  TrainingSnapshotPtr previous = std::exchange(m_weightsSnapshot, m_latest);
  m_views.weights->setParameters(
      std::shared_ptr<const rnnlab::Parameters>(m_latest, &snapshot.model.params),
      std::shared_ptr<const rnnlab::Gradients>(m_latest, &grads));
  releaseInBackground(std::move(previous));
}

void SnapshotPresenter::drawStepper(const TrainingSnapshot& snapshot) {
  // The trace is shared (immutable); the views get a new one only when it changes. While
  // running there is none: the stepper empties until the next pause.
  if (snapshot.trace == m_stepperTrace) {
    return;
  }
  // The views let go of the old trace while this holds it: it is freed off this thread.
  auto previous = std::exchange(m_stepperTrace, snapshot.trace);
  m_views.stepper->setSettings(snapshot.settings);
  m_views.equations->setSettings(snapshot.settings);
  m_views.stepper->setTrace(snapshot.trace);
  m_views.equations->setTrace(snapshot.trace);
  if (snapshot.trace) {
    m_views.equations->setPhase(m_views.stepper->phase());
  }
  releaseInBackground(std::move(previous));
}

void SnapshotPresenter::drawDiagram(const TrainingSnapshot& snapshot) {
  if (snapshot.trace == m_diagramTrace) {
    return;
  }
  auto previous = std::exchange(m_diagramTrace, snapshot.trace);
  m_views.diagram->setTrace(snapshot.trace);
  if (snapshot.trace) {
    m_views.diagram->setPhase(m_views.stepper->phase());
  }
  releaseInBackground(std::move(previous));
}

void SnapshotPresenter::drawFlow(const TrainingSnapshot& snapshot) {
  if (shownBackward(snapshot).hiddenGrad.cols() > 0) {
    m_views.flow->setBackwardPass(shownBackward(snapshot));
  }
  m_views.flow->strip()->setClipStatistics(snapshot.clippedIterations,
                                           snapshot.clipCountedIterations, snapshot.lastNormBefore,
                                           snapshot.lastNormAfter);
}

void SnapshotPresenter::drawSpectrum(const TrainingSnapshot& snapshot) {
  const long shown = snapshot.isHistoryView ? snapshot.viewedIteration : snapshot.iteration;
  if (!snapshot.isHistoryView && !snapshot.isWhatIf && shown < m_spectrumIteration) {
    m_views.spectrum->clearHistory();  // a reset or a branch: ρ over training starts again
  }
  if (!snapshot.isWhatIf) {
    m_spectrumIteration = shown;
  }
  const int layer = m_views.cells->layer();
  const int direction = m_views.cells->direction();
  // A stack: the chosen cell's (the spectrum's own weights, the Jacobians' own values).
  const auto chosenCell = [layer, direction](rnnlab::ForwardPass pass) {
    rnnlab::viewCell(pass, layer, direction);
    return pass;
  };
  if (snapshot.model.config.cell != rnnlab::CellKind::Rnn) {
    // The Jacobians need the pass of these very weights: the trace's when there is one.
    if (snapshot.trace) {
      m_views.jacobians->setModelAndPass(snapshot.trace->before,
                                         chosenCell(snapshot.trace->forward));
    } else if (m_views.jacobians->isVisible()) {
      // While training there is no trace: the pass of the shown weights is one forward pass
      // (skipped when the chart would refuse the size anyway).
      const rnnlab::SequenceData& data = shownData(snapshot);
      const double S = static_cast<double>(snapshot.model.config.hiddenSize) *
                       (snapshot.model.config.cell == rnnlab::CellKind::Lstm ? 2.0 : 1.0);
      rnnlab::ForwardPass pass;
      if (static_cast<double>(data.steps()) * S * S * S <= JacobianNormChart::MaxWork) {
        rnnlab::forward(snapshot.model, data, pass);
      } else {
        pass = snapshot.forward;  // only its size is read: the chart says it is too large
      }
      m_views.jacobians->setModelAndPass(snapshot.model, chosenCell(std::move(pass)));
    }
    return;
  }
  if (m_spectrumCell != std::pair(layer, direction)) {
    m_spectrumCell = {layer, direction};
    m_views.spectrum->clearHistory();  // ρ over training is of one matrix
  }
  const rnnlab::Parameters& params = snapshot.model.params;
  m_views.spectrum->setRecurrentWeights(
      params.block(params.cellBlockIndex(layer, direction, rnnlab::CellBlock::RecurrentWeights)),
      shown);
}

void SnapshotPresenter::drawMemory(const TrainingSnapshot& snapshot) {
  const long shown = snapshot.isHistoryView ? snapshot.viewedIteration : snapshot.iteration;
  m_views.memory->setModelAndData(snapshot.model, shownData(snapshot), shown);
}

void SnapshotPresenter::drawGradientCheck(const TrainingSnapshot& snapshot) {
  // While running, the weights change 30 times a second and a copy of a large model each time
  // would cost more than it shows; but a panel with no model of this shape said "No model yet"
  // with its button greyed out for as long as a large session trained.
  const std::optional<rnnlab::ModelConfig> held = m_views.gradientCheck->modelConfig();
  if (snapshot.state != TrainingState::Running || !held || !(*held == snapshot.model.config)) {
    m_views.gradientCheck->setModelAndData(snapshot.model, shownData(snapshot));
  }
}

void SnapshotPresenter::drawRuns(const TrainingSnapshot&) {
  const rnnlab::LossRecord& live = m_controller->lossHistory();
  if (m_runsChanged) {
    m_runsChanged = false;
    m_views.runs->clear();
    for (const TrainingController::RunRecord& run : m_controller->previousRuns()) {
      m_views.runs->addRun(run.label, run.losses);
    }
    m_liveRunId = m_views.runs->addRun(m_controller->liveRunLabel() + tr(" (live)"), live);
  } else if (live.size() != m_liveRunLength) {
    m_views.runs->updateRun(m_liveRunId, live);
  }
  m_liveRunLength = live.size();
}

void SnapshotPresenter::showTextDock(bool text) {
  QDockWidget* dock = m_docks->dock(DockId::Text);
  if (dock == nullptr) {
    return;
  }
  // Without a text session the dock has nothing to show, whatever arranged the docks; with one
  // it is shown once when the session comes, so a user who closes it keeps it closed.
  if (!text) {
    if (!dock->isHidden()) {
      dock->hide();
    }
  } else if (m_textDockShown != true) {
    dock->show();
    dock->raise();
  }
  m_textDockShown = text;
}

void SnapshotPresenter::drawText(const TrainingSnapshot& snapshot) {
  const std::optional<rnnlab::TextData>& text = m_document->applied().text;
  if (!m_views.textPages || !text) {
    return;
  }
  const long iteration = snapshot.isHistoryView ? snapshot.viewedIteration : snapshot.iteration;
  QWidget* page = m_views.textPages->currentWidget();
  if (page == m_views.samples) {
    const int firstIndex = text->indices.empty() ? 0 : text->indices.front();
    if (text->vocabulary != m_samplesVocabulary || firstIndex != m_samplesFirstIndex) {
      m_samplesVocabulary = text->vocabulary;
      m_samplesFirstIndex = firstIndex;
      m_views.samples->setText(*text);
    }
    // The panel samples at most once a second, off the GUI thread, and keeps only the newest.
    m_views.samples->showModel(snapshot.model, iteration);
    return;
  }
  // The chunk and neuron pages run a passage of their own on this thread: while training, at
  // most every TextViewIntervalMs (the part is marked undrawn so a later tick comes back).
  if (snapshot.state == TrainingState::Running && m_textClock.isValid() &&
      m_textClock.elapsed() < TextViewIntervalMs) {
    m_dirty = true;
    for (Part& part : m_parts) {
      if (part.draw == &SnapshotPresenter::drawText) {
        part.drawnSerial = 0;
      }
    }
    return;
  }
  m_textClock.start();
  if (page == m_views.chunk) {
    // The next chunk as training will read it: from its position and the carried state.
    const rnnlab::TrainingState& state = snapshot.trainingState;
    const bool carried =
        state.carriedH.has_value() && !snapshot.isHistoryView && !snapshot.isWhatIf;
    m_views.chunk->showPassage(snapshot.model, *text, state.textPosition.value_or(0),
                               std::max(ChunkPassageLength, text->sequenceLength), iteration,
                               carried ? *state.carriedH : rnnlab::Vector(),
                               carried && state.carriedC ? *state.carriedC : rnnlab::Vector());
  } else if (page == m_views.neuron) {
    m_views.neuron->showModel(snapshot.model, *text, iteration, NeuronPassageLength);
  }
}
