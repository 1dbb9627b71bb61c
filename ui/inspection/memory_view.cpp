#include "inspection/memory_view.h"

#include <QLabel>
#include <QVBoxLayout>
#include <limits>

#include "rnnlab/forward_pass.h"
#include "rnnlab/memory_sensitivity.h"
#include "widgets/heatmap_widget.h"

MemoryView::MemoryView(QWidget* parent)
    : QWidget(parent),
      m_heatmap(new HeatmapWidget(this)),
      m_summary(new QLabel(this)),
      m_job(
          {this, 1000 / MaxUpdatesPerSecond, JobStart::Coalesced},
          [](const Input& input, const std::atomic<bool>& cancel) {
            return compute(input.model, input.data, input.iteration, &cancel);
          },
          [this](const Input&, const Result& result) { apply(result); }) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  m_summary->setWordWrap(true);
  m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layout->addWidget(m_summary);
  layout->addWidget(m_heatmap, 1);
  m_heatmap->setTitle(tr("How far back each output looks: ‖∂y_t/∂x_k‖"));
  m_heatmap->setAxisTitles(tr("output step t"), tr("input step k"));
  m_heatmap->setShowValues(false);
  m_heatmap->setNonNegative(true);  // norms: the legend runs 0 … max, not −max … max
  m_summary->setText(tr("No weights yet."));
}

MemoryView::Result MemoryView::compute(const rnnlab::Model& model,
                                       const rnnlab::SequenceData& sequence, long iteration,
                                       const std::atomic<bool>* cancel) {
  Result result;
  result.iteration = iteration;
  result.bidirectional = model.config.bidirectional;
  result.layers = model.config.layers;
  const rnnlab::Index T = sequence.steps();
  if (T > rnnlab::MaxSensitivitySteps) {
    result.problem = tr("Not computed: the sequence has %1 steps, more than %2 (the cost grows "
                        "with T²).")
                         .arg(T)
                         .arg(rnnlab::MaxSensitivitySteps);
    return result;
  }
  if (rnnlab::sensitivityWork(model.config, T) > rnnlab::MaxSensitivityWork) {
    result.problem = tr("Not computed: about %L1 multiply-adds at this size, more than %L2.")
                         .arg(rnnlab::sensitivityWork(model.config, T), 0, 'g', 3)
                         .arg(rnnlab::MaxSensitivityWork, 0, 'g', 3);
    return result;
  }
  rnnlab::ForwardPass pass;
  rnnlab::forward(model, sequence, pass);
  result.sensitivity = rnnlab::memorySensitivity(
      model, pass, [cancel] { return cancel != nullptr && cancel->load(); });
  if (result.sensitivity.size() == 0) {
    result.cancelled = cancel != nullptr && cancel->load();
    return result;
  }
  result.horizon = rnnlab::sensitivityHorizon(result.sensitivity, Share);
  return result;
}

void MemoryView::setModelAndData(const rnnlab::Model& model, const rnnlab::SequenceData& sequence,
                                 long iteration) {
  m_job.request(Input{model, sequence, iteration});
}

const rnnlab::Matrix& MemoryView::sensitivity() const { return m_shown.sensitivity; }

QString MemoryView::summary() const { return m_summary->text(); }

void MemoryView::apply(const Result& result) {
  m_shown = result;
  if (result.sensitivity.size() == 0) {
    m_heatmap->setMatrix(rnnlab::Matrix());
    m_summary->setText(result.problem);
    emit computed(result.iteration);
    return;
  }
  const rnnlab::Index T = result.sensitivity.rows();
  // One direction: the upper triangle (k > t) has no value, drawn as "no value" instead of as
  // zero. Two directions: y_t reads later inputs through the reverse cells.
  rnnlab::Matrix shown = result.sensitivity;
  for (rnnlab::Index t = 0; t < T && !result.bidirectional; ++t) {
    for (rnnlab::Index k = t + 1; k < T; ++k) {
      shown(t, k) = std::numeric_limits<double>::quiet_NaN();
    }
  }
  if (static_cast<int>(T) != m_labelledSteps) {
    QStringList rows;
    QStringList cols;
    for (int t = 1; t <= static_cast<int>(T); ++t) {
      rows << QStringLiteral("y%1").arg(t);
      cols << QStringLiteral("x%1").arg(t);
    }
    m_heatmap->setRowLabels(rows);
    m_heatmap->setColumnLabels(cols);
    m_labelledSteps = static_cast<int>(T);
  }
  m_heatmap->setTitle(result.bidirectional
                          ? tr("How far back and ahead each output looks: ‖∂y_t/∂x_k‖")
                          : tr("How far back each output looks: ‖∂y_t/∂x_k‖"));
  m_heatmap->setSymmetricScale(0.0);  // automatic: the largest entry is full red
  m_heatmap->setMatrix(shown);
  QString summary =
      result.bidirectional
          ? tr("%1% of the sensitivity lies within %2 steps of each output, before or after it, "
               "of %3 steps (iteration %4). Row t: how much output y_t changes with each input "
               "x_k, ‖∂y_t/∂x_k‖; the reverse direction reads the inputs after t too.")
          : tr("%1% of the sensitivity lies within the last %2 of %3 steps (iteration %4). Row "
               "t: how much output y_t changes with each earlier input x_k, ‖∂y_t/∂x_k‖.");
  summary =
      summary.arg(static_cast<int>(Share * 100)).arg(result.horizon).arg(T).arg(result.iteration);
  if (result.layers > 1) {
    summary += QLatin1Char(' ') + tr("Through all %1 layers.").arg(result.layers);
  }
  m_summary->setText(summary);
  emit computed(result.iteration);
}
