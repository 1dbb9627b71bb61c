#include "views/run_comparison_chart.h"

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "views/loss_axes.h"
#include "widgets/loss_decimator.h"
#include "widgets/presentation_style.h"

namespace {

constexpr int RefreshDelayMs = 40;

// Tableau 10: distinct hues that stay apart for the usual handful of runs.
constexpr std::array<QRgb, 10> Palette = {0x4e79a7, 0xf28e2b, 0xe15759, 0x76b7b2, 0x59a14f,
                                          0xedc948, 0xb07aa1, 0xff9da7, 0x9c755f, 0xbab0ac};

// The legend names a run by what comes before its settings ("run 3: GRU H=8 · adam η=0.01 clip
// 5 (live)" → "run 3: GRU H=8 (live)"): nine whole labels in one row were each cut to "ru…".
// The whole label is the tooltip of the marker and of the curve.
QString legendName(const QString& label) {
  const qsizetype settings = label.indexOf(QStringLiteral(" · "));
  if (settings < 0) {
    return label;
  }
  const qsizetype live =
      std::max(label.lastIndexOf(QStringLiteral(" (")), label.lastIndexOf(QChar(0xff08)));
  return label.left(settings) + (live > settings ? label.mid(live) : QString());
}

}  // namespace

RunComparisonChart::RunComparisonChart(QWidget* parent) : QWidget(parent) {
  m_chart = new QChart;
  m_chart->setMargins(QMargins(4, 4, 8, 4));
  m_chart->setBackgroundRoundness(0);
  m_chart->legend()->setAlignment(Qt::AlignBottom);
  m_chart->legend()->setShowToolTips(true);

  m_axes = std::make_unique<LossAxes>(m_chart);

  m_view = new QChartView(m_chart, this);
  m_view->setRenderHint(QPainter::Antialiasing, true);
  m_logToggle = new QCheckBox(tr("Log scale"), this);

  QHBoxLayout* controls = LossAxes::layOut(this, m_view);
  controls->addWidget(m_logToggle);
  controls->addStretch(1);

  m_refreshTimer.setSingleShot(true);
  m_refreshTimer.setInterval(RefreshDelayMs);
  connect(&m_refreshTimer, &QTimer::timeout, this, &RunComparisonChart::refresh);
  connect(m_logToggle, &QCheckBox::toggled, this, &RunComparisonChart::setLogScale);
  PresentationStyle::follow(this, [this](const PresentationStyle& style) {
    m_axes->applyStyle(style);
    for (const Run& run : m_runs) {
      run.series->setPen(runPen(run));
    }
  });
  refresh();
}

QPen RunComparisonChart::runPen(const Run& run) const {
  const PresentationStyle& style = PresentationStyle::current();
  return QPen(style.ink(run.color, m_chart->backgroundBrush().color()), style.lineWidth(1.8));
}

RunComparisonChart::~RunComparisonChart() = default;

int RunComparisonChart::addRun(const QString& label, const std::vector<double>& losses) {
  return addRun(label, rnnlab::LossRecord(losses));
}

int RunComparisonChart::addRun(const QString& label, const rnnlab::LossRecord& losses) {
  Run run;
  run.id = m_nextId++;
  run.label = label;
  run.losses = losses;
  run.color = nextColor();
  run.series = new QLineSeries;
  run.series->setName(legendName(label));
  run.series->setPen(runPen(run));
  m_chart->addSeries(run.series);
  for (QLegendMarker* marker : m_chart->legend()->markers(run.series)) {
    connect(marker, &QLegendMarker::hovered, this, [this, label](bool entered) {
      if (entered) {
        QToolTip::showText(QCursor::pos(), label, m_view);
      } else {
        QToolTip::hideText();
      }
    });
  }
  m_axes->attach(run.series);
  const int id = run.id;
  connect(run.series, &QLineSeries::hovered, this,
          [this, id](const QPointF& point, bool state) { showHoverText(id, point, state); });
  m_runs.push_back(std::move(run));
  scheduleRefresh();
  return id;
}

void RunComparisonChart::updateRun(int id, const std::vector<double>& losses) {
  updateRun(id, rnnlab::LossRecord(losses));
}

void RunComparisonChart::updateRun(int id, const rnnlab::LossRecord& losses) {
  if (Run* run = findRun(id)) {
    run->losses = losses;
    scheduleRefresh();
  }
}

void RunComparisonChart::removeRun(int id) {
  const auto it =
      std::find_if(m_runs.begin(), m_runs.end(), [id](const Run& run) { return run.id == id; });
  if (it == m_runs.end()) {
    return;
  }
  m_chart->removeSeries(it->series);
  delete it->series;
  m_runs.erase(it);
  scheduleRefresh();
}

void RunComparisonChart::clear() {
  for (const Run& run : m_runs) {
    m_chart->removeSeries(run.series);
    delete run.series;
  }
  m_runs.clear();
  refresh();
}

bool RunComparisonChart::logScale() const { return m_axes->logScale(); }

void RunComparisonChart::setLogScale(bool logScale) {
  QList<QXYSeries*> series;
  for (const Run& run : m_runs) {
    series.append(run.series);
  }
  if (!m_axes->setLogScale(logScale, series, m_logToggle)) {
    return;
  }
  refresh();
  emit logScaleChanged(logScale);
}

std::vector<int> RunComparisonChart::runIds() const {
  std::vector<int> ids;
  for (const Run& run : m_runs) {
    ids.push_back(run.id);
  }
  return ids;
}

QString RunComparisonChart::runLabel(int id) const {
  const Run* run = findRun(id);
  return run ? run->label : QString();
}

QColor RunComparisonChart::runColor(int id) const {
  const Run* run = findRun(id);
  return run ? run->color : QColor();
}

const rnnlab::LossRecord* RunComparisonChart::runLosses(int id) const {
  const Run* run = findRun(id);
  return run ? &run->losses : nullptr;
}

int RunComparisonChart::displayedPointCount(int id) const {
  const Run* run = findRun(id);
  return run ? static_cast<int>(run->series->count()) : -1;
}

RunComparisonChart::Run* RunComparisonChart::findRun(int id) {
  const auto it =
      std::find_if(m_runs.begin(), m_runs.end(), [id](const Run& run) { return run.id == id; });
  return it == m_runs.end() ? nullptr : &*it;
}

const RunComparisonChart::Run* RunComparisonChart::findRun(int id) const {
  return const_cast<RunComparisonChart*>(this)->findRun(id);
}

QColor RunComparisonChart::nextColor() const {
  for (const QRgb rgb : Palette) {
    const bool used = std::any_of(m_runs.begin(), m_runs.end(), [rgb](const Run& run) {
      return run.color.rgb() == QColor(rgb).rgb();
    });
    if (!used) {
      return QColor(rgb);
    }
  }
  return QColor(Palette[static_cast<std::size_t>(m_nextId) % Palette.size()]);
}

void RunComparisonChart::scheduleRefresh() {
  if (!m_refreshTimer.isActive()) {
    m_refreshTimer.start();
  }
}

void RunComparisonChart::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  scheduleRefresh();  // another width: another number of pixel columns
}

void RunComparisonChart::refresh() {
  m_refreshTimer.stop();
  std::size_t longest = 0;
  for (const Run& run : m_runs) {
    longest = std::max(longest, run.losses.size());
  }
  const double xMax = longest > 1 ? static_cast<double>(longest - 1) : 10.0;
  m_axes->setXRange(0.0, xMax);

  // A shorter run spans fewer pixel columns, so it gets proportionally fewer.
  const int columns = m_axes->plotColumns();
  double minY = std::numeric_limits<double>::infinity();
  double maxY = -minY;
  double minPositive = minY;
  std::vector<std::vector<QPointF>> curves;
  curves.reserve(m_runs.size());
  for (const Run& run : m_runs) {
    const long count = static_cast<long>(run.losses.size());
    const int runColumns = std::max(
        1, static_cast<int>(std::ceil(columns * static_cast<double>(std::max(count - 1, 1L)) /
                                      std::max(xMax, 1.0))));
    curves.push_back(LossDecimator::decimateRecord(run.losses, 0, count - 1, runColumns));
    for (const QPointF& p : curves.back()) {
      minY = std::min(minY, p.y());
      maxY = std::max(maxY, p.y());
      if (p.y() > 0.0) {
        minPositive = std::min(minPositive, p.y());
      }
    }
  }

  if (m_axes->logScale()) {
    // Log axes cannot show 0 or less: such losses sit a decade below the smallest positive one.
    const double floor = LossAxes::logFloor(minPositive);
    for (std::vector<QPointF>& curve : curves) {
      LossAxes::raiseToFloor(curve, floor);
    }
  }
  m_axes->fitY(minY, maxY, minPositive);
  for (std::size_t i = 0; i < m_runs.size(); ++i) {
    m_runs[i].series->replace(QList<QPointF>(curves[i].begin(), curves[i].end()));
  }
}

void RunComparisonChart::showHoverText(int id, const QPointF& point, bool entered) {
  const Run* run = findRun(id);
  if (!entered || !run || run->losses.empty()) {
    QToolTip::hideText();
    return;
  }
  // The exact loss from the run's history, not the decimated point's.
  const long last = static_cast<long>(run->losses.size()) - 1;
  const long iteration = std::clamp(static_cast<long>(std::lround(point.x())), 0L, last);
  const double loss = run->losses[static_cast<std::size_t>(iteration)];
  QToolTip::showText(QCursor::pos(),
                     tr("%1\niteration %2   loss %3")
                         .arg(run->label)
                         .arg(iteration)
                         .arg(QString::number(loss, 'g', 6)),
                     m_view);
}
