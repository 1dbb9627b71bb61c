#include "views/k_step_prediction_view.h"

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>
#include <utility>
#include <vector>

#include "rnnlab/forward_pass.h"
#include "rnnlab/prediction.h"
#include "rnnlab/text_model.h"
#include "widgets/axis_ticks.h"
#include "widgets/number_format.h"

namespace {

// d2l's colours, one per horizon.
const std::array<QColor, 4> HorizonColors{QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e),
                                          QColor(0x2c, 0xa0, 0x2c), QColor(0xd6, 0x27, 0x28)};
// Solid lines only: Qt strokes a dashed polyline of a few hundred jagged segments 20 times slower
// (80 ms instead of 4 at T = 200), too slow for a view that updates during training.
const std::array<double, 4> HorizonWidths{1.8, 1.5, 1.3, 1.2};
const QColor FreeRunColor(0x75, 0x3f, 0x9c);

int horizonSlot(int k) {
  const auto* at =
      std::find(KStepPredictionView::Horizons.begin(), KStepPredictionView::Horizons.end(), k);
  return at == KStepPredictionView::Horizons.end()
             ? -1
             : static_cast<int>(at - KStepPredictionView::Horizons.begin());
}

// The legend's short name; the caption and tooltips say "steps ahead" in full.
QString legendName(int k) { return KStepPredictionView::tr("%1-step").arg(k); }

QString horizonName(int k) {
  return k == 1 ? KStepPredictionView::tr("1 step ahead")
                : KStepPredictionView::tr("%1 steps ahead").arg(k);
}

// Changing a series' visibility relays out the legend: only when it changes.
void setSeriesVisible(QLineSeries* series, bool visible) {
  if (series->isVisible() != visible) {
    series->setVisible(visible);
  }
}

}  // namespace

KStepPredictionView::KStepPredictionView(QWidget* parent) : QWidget(parent) {
  m_chart = new QChart;
  m_chart->setMargins(QMargins(4, 4, 8, 4));
  m_chart->setBackgroundRoundness(0);
  // No legend: the coloured checkboxes below are the key (with "━ target"), and the legend's
  // row took the height the axes need in a short dock (their labels were cut to "…").
  m_chart->legend()->setVisible(false);

  m_x = new QValueAxis;
  m_x->setTitleText(tr("step t"));
  m_x->setLabelFormat(QStringLiteral("%d"));
  m_y = new QValueAxis;
  m_y->setTickType(QValueAxis::TicksDynamic);
  m_y->setTickAnchor(0.0);
  m_y->setLabelFormat(QStringLiteral("%g"));
  m_chart->addAxis(m_x, Qt::AlignBottom);
  m_chart->addAxis(m_y, Qt::AlignLeft);

  auto addSeries = [this](QLineSeries* series) {
    m_chart->addSeries(series);
    series->attachAxis(m_x);
    series->attachAxis(m_y);
  };
  m_targets = new QLineSeries;
  m_targets->setName(tr("target"));
  m_targets->setPen(QPen(QColor(0x55, 0x55, 0x55), 2.5));
  addSeries(m_targets);
  for (std::size_t i = 0; i < Horizons.size(); ++i) {
    m_horizons[i] = new QLineSeries;
    m_horizons[i]->setName(legendName(Horizons[i]));
    m_horizons[i]->setPen(QPen(HorizonColors[i], HorizonWidths[i]));
    addSeries(m_horizons[i]);
  }
  m_freeRun = new QLineSeries;
  m_freeRun->setPen(QPen(FreeRunColor, 1.8));
  addSeries(m_freeRun);
  m_startMarker = new QLineSeries;
  m_startMarker->setPen(QPen(QColor(0x99, 0x99, 0x99), 1.0, Qt::DashLine));
  addSeries(m_startMarker);
  // The start marker is part of the free run's key, not a curve of its own.
  for (QLegendMarker* marker : m_chart->legend()->markers(m_startMarker)) {
    marker->setVisible(false);
  }

  m_view = new QChartView(m_chart, this);
  m_view->setRenderHint(QPainter::Antialiasing, true);
  m_view->setMinimumHeight(160);

  auto* controls = new QHBoxLayout;
  controls->setSpacing(6);
  auto* startLabel = new QLabel(tr("Free run from step"), this);
  m_startBox = new QSpinBox(this);
  m_startBox->setRange(1, 1);
  const QString startTip =
      tr("The network sees the true inputs before this step; from here on it is fed its own "
         "predictions (the purple curve)");
  m_startBox->setToolTip(startTip);
  startLabel->setToolTip(startTip);
  startLabel->setBuddy(m_startBox);
  controls->addWidget(startLabel);
  controls->addWidget(m_startBox);
  m_columnLabel = new QLabel(tr("Output"), this);
  m_columnBox = new QComboBox(this);
  m_columnBox->setToolTip(tr("The output column drawn"));
  m_columnLabel->setBuddy(m_columnBox);
  controls->addWidget(m_columnLabel);
  controls->addWidget(m_columnBox);
  controls->addStretch(1);
  // The horizons in a row of their own: beside the start and the column they made the view
  // wider than its dock at 1280×720, and the caption below ran off with it.
  auto* horizons = new QHBoxLayout;
  horizons->setSpacing(6);
  for (std::size_t i = 0; i < Horizons.size(); ++i) {
    const int k = Horizons[i];
    auto* check = new QCheckBox(k == 1 ? tr("1") : QString::number(k), this);
    check->setChecked(true);
    check->setToolTip(
        k == 1 ? tr("One-step predictions: each step predicted from the true inputs before it")
               : tr("%1-step-ahead predictions: each step predicted from the true inputs up to "
                    "%1 steps before it, then %2 of the network's own predictions fed back")
                     .arg(k)
                     .arg(k - 1));
    check->setStyleSheet(QStringLiteral("QCheckBox { color: %1; }").arg(HorizonColors[i].name()));
    m_horizonChecks[i] = check;
    horizons->addWidget(check);
    connect(check, &QCheckBox::toggled, this, [this, k](bool on) { setHorizonVisible(k, on); });
  }
  m_freeRunCheck = new QCheckBox(tr("free run"), this);
  m_freeRunCheck->setChecked(true);
  m_freeRunCheck->setToolTip(startTip);
  m_freeRunCheck->setStyleSheet(
      QStringLiteral("QCheckBox { color: %1; }").arg(FreeRunColor.name()));
  horizons->addWidget(m_freeRunCheck);
  horizons->addStretch(1);
  auto* horizonsLabel = new QLabel(tr("steps ahead:"), this);
  horizons->insertWidget(0, horizonsLabel);
  auto* targetKey = new QLabel(tr("━ target"), this);
  targetKey->setToolTip(tr("The targets of the shown column"));
  horizons->insertWidget(0, targetKey);

  m_caption = new QLabel(this);
  m_caption->setWordWrap(true);
  m_caption->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_caption->setToolTip(
      tr("Mean squared error of each curve against the targets of the shown column, over the "
         "steps it predicts"));

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(2);
  layout->addWidget(m_view, 1);
  layout->addLayout(controls);
  layout->addLayout(horizons);
  layout->addWidget(m_caption);

  connect(m_startBox, &QSpinBox::valueChanged, this, [this](int step) {
    m_userStart = true;
    setStartStep(step);
  });
  connect(m_columnBox, &QComboBox::activated, this, [this](int index) { setColumn(index); });
  connect(m_freeRunCheck, &QCheckBox::toggled, this, &KStepPredictionView::setFreeRunVisible);

  clear();
}

KStepPredictionView::~KStepPredictionView() = default;

void KStepPredictionView::clear() {
  m_model.reset();
  m_sequence = {};
  m_predictions.clear();
  m_freeRunValues.resize(0, 0);
  m_problem.clear();
  m_multiStep = false;
  m_dirty = false;
  updateSeries();
}

void KStepPredictionView::setPrediction(const rnnlab::Model& model,
                                        const rnnlab::SequenceData& sequence) {
  // A paused run asks again with the same numbers: nothing to redo (comparing is ~100× cheaper
  // than the predictions).
  if (m_model && !m_dirty && *m_model == model && m_sequence == sequence) {
    return;
  }
  m_model = model;
  m_sequence = sequence;
  const int outputs = model.config.outputSize;
  const int steps = static_cast<int>(sequence.steps());
  m_multiStep = outputs == model.config.inputSize;
  if (m_columnBox->count() != outputs) {
    m_columnBox->clear();
    for (int o = 0; o < outputs; ++o) {
      m_columnBox->addItem(tr("y%1").arg(o + 1));
    }
  }
  m_column = std::clamp(m_column, 0, std::max(0, outputs - 1));
  m_columnBox->setCurrentIndex(m_column);
  m_columnBox->setVisible(outputs > 1);
  m_columnLabel->setVisible(outputs > 1);
  {
    const QSignalBlocker block(m_startBox);
    m_startBox->setRange(1, std::max(1, steps));
    // A quarter of the sequence as context by default; the user's choice is kept.
    m_startStep =
        m_userStart ? std::clamp(m_startStep, 1, std::max(1, steps)) : std::max(1, steps / 4);
    m_startBox->setValue(m_startStep);
  }
  for (std::size_t i = 1; i < Horizons.size(); ++i) {
    m_horizonChecks[i]->setEnabled(m_multiStep);
  }
  m_freeRunCheck->setEnabled(m_multiStep);
  m_startBox->setEnabled(m_multiStep);
  if (!isVisible()) {
    m_dirty = true;
    return;
  }
  compute();
}

void KStepPredictionView::showEvent(QShowEvent* event) {
  QWidget::showEvent(event);
  if (m_dirty) {
    compute();
  }
}

void KStepPredictionView::compute() {
  m_dirty = false;
  m_predictions.clear();
  m_freeRunValues.resize(0, 0);
  m_problem.clear();
  if (!m_model) {
    updateSeries();
    return;
  }
  const rnnlab::ModelConfig& config = m_model->config;
  if (m_sequence.steps() == 0 || m_sequence.inputs.cols() != config.inputSize ||
      m_sequence.targets.cols() != config.outputSize) {
    m_problem = tr("The sequence does not fit the network (%1 inputs and %2 outputs)")
                    .arg(config.inputSize)
                    .arg(config.outputSize);
    updateSeries();
    return;
  }
  try {
    std::vector<int> shown;
    for (std::size_t i = 0; i < Horizons.size(); ++i) {
      if (m_horizonChecks[i]->isChecked() && (m_multiStep || Horizons[i] == 1)) {
        shown.push_back(Horizons[i]);
      }
    }
    computeHorizons(shown);
    if (m_multiStep && m_freeRunCheck->isChecked()) {
      computeFreeRun();
    }
  } catch (const std::exception& e) {
    m_predictions.clear();
    m_freeRunValues.resize(0, 0);
    m_problem = QString::fromStdString(e.what());
  }
  updateSeries();
}

void KStepPredictionView::computeHorizons(const std::vector<int>& horizons) {
  if (horizons.empty()) {
    return;
  }
  if (m_multiStep) {
    // All horizons in one pass of the longest, the chains side by side as matrix products.
    std::vector<rnnlab::Matrix> predictions =
        rnnlab::kStepAheadPredictions(*m_model, m_sequence.inputs, horizons);
    for (std::size_t i = 0; i < horizons.size(); ++i) {
      m_predictions[horizons[i]] = std::move(predictions[i]);
    }
    return;
  }
  // Outputs that do not predict the next input: the one-step predictions are the forward pass's
  // outputs y_t, rows as kStepAheadPredictions would give them.
  rnnlab::ForwardPass pass;
  rnnlab::forward(*m_model, m_sequence, pass);
  m_predictions[1] = pass.outputs.transpose();
}

void KStepPredictionView::computeFreeRun() {
  const int steps = static_cast<int>(m_sequence.steps());
  const int start = std::clamp(m_startStep, 1, steps);
  m_freeRunValues =
      rnnlab::generateSequence(*m_model, m_sequence.inputs.topRows(start), steps - start + 1);
}

QLineSeries* KStepPredictionView::horizonSeries(int k) const {
  const int slot = horizonSlot(k);
  return slot < 0 ? nullptr : m_horizons[static_cast<std::size_t>(slot)];
}

bool KStepPredictionView::isHorizonVisible(int k) const {
  const int slot = horizonSlot(k);
  return slot >= 0 && m_horizonChecks[static_cast<std::size_t>(slot)]->isChecked();
}

void KStepPredictionView::setHorizonVisible(int k, bool visible) {
  const int slot = horizonSlot(k);
  if (slot < 0) {
    return;
  }
  QCheckBox* check = m_horizonChecks[static_cast<std::size_t>(slot)];
  if (check->isChecked() != visible) {
    check->setChecked(visible);  // comes back here through toggled()
    return;
  }
  if (visible && m_model && !m_dirty && !m_predictions.contains(k) && m_problem.isEmpty() &&
      (m_multiStep || k == 1)) {
    try {
      computeHorizons({k});
    } catch (const std::exception& e) {
      m_problem = QString::fromStdString(e.what());
    }
  }
  updateSeries();
}

void KStepPredictionView::setFreeRunVisible(bool visible) {
  if (m_freeRunCheck->isChecked() != visible) {
    m_freeRunCheck->setChecked(visible);
    return;
  }
  if (visible && m_model && !m_dirty && m_multiStep && m_freeRunValues.size() == 0 &&
      m_problem.isEmpty()) {
    computeFreeRun();
  }
  updateSeries();
}

int KStepPredictionView::startStep() const { return m_startStep; }

void KStepPredictionView::setStartStep(int step) {
  const int steps = std::max(1, static_cast<int>(m_sequence.steps()));
  step = std::clamp(step, 1, steps);
  if (m_startBox->value() != step) {
    m_startBox->setValue(step);  // comes back here through valueChanged()
    return;
  }
  m_startStep = step;
  if (m_model && !m_dirty && m_multiStep && m_freeRunCheck->isChecked() && m_problem.isEmpty()) {
    computeFreeRun();
  }
  updateSeries();
}

void KStepPredictionView::setColumn(int column) {
  const int outputs = m_model ? m_model->config.outputSize : 1;
  m_column = std::clamp(column, 0, std::max(0, outputs - 1));
  m_columnBox->setCurrentIndex(m_column);
  updateSeries();
}

void KStepPredictionView::updateSeries() {
  const int steps = static_cast<int>(m_sequence.steps());
  const bool ready = m_model.has_value() && !m_dirty && m_problem.isEmpty() && steps > 0;
  const rnnlab::Index col = m_column;

  QList<QPointF> targets;
  if (ready) {
    const rnnlab::Matrix& d = m_sequence.targets;
    if (d.rows() == steps) {
      targets.reserve(steps);
      for (int t = 1; t <= steps; ++t) {
        targets.append(QPointF(t, d(t - 1, col)));
      }
    } else if (d.rows() == 1) {
      targets.append(QPointF(steps, d(0, col)));  // `last` mode: the one target, at step T
    }
  }
  m_targets->replace(targets);
  if (m_targets->pointsVisible() != (targets.size() == 1)) {
    m_targets->setPointsVisible(targets.size() == 1);
  }

  for (std::size_t i = 0; i < Horizons.size(); ++i) {
    const int k = Horizons[i];
    QList<QPointF> points;
    const auto found = m_predictions.find(k);
    const bool shown = ready && m_horizonChecks[i]->isChecked() && found != m_predictions.end();
    if (shown) {
      // Row s − 1 predicts step s + k − 1; only the steps that have data are drawn.
      const rnnlab::Matrix& p = found->second;
      points.reserve(std::max(0, steps - k + 1));
      for (int s = 1; s + k - 1 <= steps; ++s) {
        points.append(QPointF(s + k - 1, p(s - 1, col)));
      }
    }
    m_horizons[i]->replace(points);
    setSeriesVisible(m_horizons[i], shown);
  }

  QList<QPointF> freeRun;
  const bool freeShown =
      ready && m_multiStep && m_freeRunCheck->isChecked() && m_freeRunValues.rows() > 0;
  if (freeShown) {
    freeRun.reserve(m_freeRunValues.rows());
    for (rnnlab::Index j = 0; j < m_freeRunValues.rows(); ++j) {
      freeRun.append(QPointF(double(m_startStep + j), m_freeRunValues(j, col)));
    }
  }
  m_freeRun->replace(freeRun);
  setSeriesVisible(m_freeRun, freeShown);
  const QString freeRunName = tr("free run from %1").arg(m_startStep);
  if (m_freeRun->name() != freeRunName) {
    m_freeRun->setName(freeRunName);
  }
  if (m_startMarker->isVisible() != freeShown) {
    m_startMarker->setVisible(freeShown);
    for (QLegendMarker* marker : m_chart->legend()->markers(m_startMarker)) {
      marker->setVisible(false);
    }
  }
  updateAxes();
  updateCaption();
}

void KStepPredictionView::updateAxes() {
  const int steps = std::max(1, static_cast<int>(m_sequence.steps()));
  m_x->setRange(steps > 1 ? 1 : 0, std::max(2, steps));
  m_x->setTickCount(5);  // the default, before applyNiceNumbers() adjusts it
  m_x->applyNiceNumbers();
  // Steps are whole numbers: at most one tick per step (a range of 2 steps with five ticks read
  // "0 0 1 1 2" under the %d label format).
  const int stepsShown = static_cast<int>(std::lround(m_x->max() - m_x->min()));
  if (stepsShown < m_x->tickCount() - 1) {
    m_x->setTickCount(std::max(2, stepsShown + 1));
  }
  // The y range fits the targets and the predictions, but a prediction that runs away (a free
  // run that diverges) may not squash the targets into a flat line: at most one target range
  // beyond the targets on either side.
  double low = std::numeric_limits<double>::infinity();
  double high = -low;
  for (const QPointF& p : m_targets->points()) {
    low = std::min(low, p.y());
    high = std::max(high, p.y());
  }
  double predLow = low;
  double predHigh = high;
  auto widen = [&](QLineSeries* series) {
    if (!series->isVisible()) {
      return;
    }
    for (const QPointF& p : series->points()) {
      if (std::isfinite(p.y())) {
        predLow = std::min(predLow, p.y());
        predHigh = std::max(predHigh, p.y());
      }
    }
  };
  for (QLineSeries* series : m_horizons) {
    widen(series);
  }
  widen(m_freeRun);
  if (!std::isfinite(low)) {
    low = predLow;
    high = predHigh;
  }
  if (!std::isfinite(low)) {
    low = -1.0;
    high = 1.0;
  }
  const double span = std::max(high - low, 1e-6);
  low = std::max(predLow, low - span);
  high = std::min(predHigh, high + span);
  const double pad = 0.05 * std::max(high - low, 1e-6);
  // Round ticks inside a tight range: nice numbers for the range itself would round ±1.1 out to
  // ±2 and halve the curves' height.
  // The old tick spacing must not meet the new range: a range of 1e-6 before (a last-mode task,
  // one target) then one of 1 asked the chart for millions of ticks and hung it. One tick as
  // wide as both ranges first, then the range, then its own spacing.
  m_y->setTickInterval(std::max(m_y->max() - m_y->min(), high - low + 2 * pad));
  m_y->setRange(low - pad, high + pad);
  m_y->setTickInterval(niceTickInterval(high - low + 2 * pad, 4));
  m_startMarker->replace(
      {QPointF(m_startStep - 0.5, m_y->min()), QPointF(m_startStep - 0.5, m_y->max())});
}

double KStepPredictionView::meanSquaredError(const QList<QPointF>& points) const {
  const rnnlab::Matrix& d = m_sequence.targets;
  const int steps = static_cast<int>(m_sequence.steps());
  double sum = 0.0;
  int count = 0;
  for (const QPointF& p : points) {
    const int t = static_cast<int>(std::lround(p.x()));
    const int row = d.rows() == steps ? t - 1 : (t == steps ? 0 : -1);
    if (row >= 0 && row < d.rows()) {
      const double e = p.y() - d(row, m_column);
      sum += e * e;
      ++count;
    }
  }
  return count > 0 ? sum / count : std::numeric_limits<double>::quiet_NaN();
}

void KStepPredictionView::updateCaption() {
  if (!m_problem.isEmpty()) {
    m_caption->setText(m_problem);
    return;
  }
  if (!m_model) {
    m_caption->setText(tr("No numeric sequence to predict"));
    return;
  }
  if (m_dirty) {
    m_caption->clear();
    return;
  }
  QStringList parts;
  for (std::size_t i = 0; i < Horizons.size(); ++i) {
    if (m_horizons[i]->isVisible() && m_horizons[i]->count() > 0) {
      parts << tr("%1: %2").arg(horizonName(Horizons[i]),
                                formatNumber(meanSquaredError(m_horizons[i]->points()), 'g', 3));
    }
  }
  if (m_freeRun->isVisible() && m_freeRun->count() > 0) {
    parts << tr("free run: %1").arg(formatNumber(meanSquaredError(m_freeRun->points()), 'g', 3));
  }
  QString text =
      parts.isEmpty() ? QString() : tr("Mean squared error — %1").arg(parts.join(tr(" · ")));
  if (!m_multiStep) {
    text += (text.isEmpty() ? QString() : QStringLiteral("\n")) +
            tr("Multi-step prediction needs as many outputs as inputs (each output predicting "
               "the next input); this network has %1 inputs and %2 outputs.")
                .arg(m_model->config.inputSize)
                .arg(m_model->config.outputSize);
  }
  m_caption->setText(text);
}

QString KStepPredictionView::captionText() const { return m_caption->text(); }
