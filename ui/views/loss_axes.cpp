#include "views/loss_axes.h"

#include <QChart>
#include <QCheckBox>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLegend>
#include <QLogValueAxis>
#include <QPalette>
#include <QVBoxLayout>
#include <QValueAxis>
#include <QXYSeries>
#include <algorithm>
#include <cmath>

#include "widgets/axis_ticks.h"
#include "widgets/presentation_style.h"

namespace {

constexpr int FallbackColumns = 800;        // before the chart has been laid out
constexpr double FallbackLogFloor = 1e-12;  // when no loss is positive
constexpr int MostYIntervals = 5;
// Qt Charts gives a vertical axis label (plot height / labels − 2 × its 4 px padding) of height
// and elides the text to "..." below the font's height.
constexpr double LabelPadding = 4.0;
// Below this chart height the axis titles go: Qt Charts would otherwise squeeze the x axis's
// labels (and its title) to "..." in a docked chart at 1024×640 with two notices up.
constexpr double TitledChartHeight = 170.0;

// A round tick spacing that cuts `span` into at most `intervals`; never wider than the span
// itself, so that both ends keep a label (a fitted range ends on a round value).
double yTickInterval(double span, int intervals) {
  const double nice = niceTickInterval(span, intervals);
  return span > 0.0 && nice > span ? span : nice;
}

}  // namespace

LossAxes::LossAxes(QChart* chart) : m_chart(chart) {
  m_x = new QValueAxis;
  m_x->setTitleText(QObject::tr("iteration"));
  m_x->setLabelFormat(QStringLiteral("%.0f"));
  m_x->setTickType(QValueAxis::TicksDynamic);
  m_yLinear = new QValueAxis;
  m_yLinear->setTitleText(QObject::tr("loss"));
  m_yLinear->setLabelFormat(QStringLiteral("%.4g"));
  m_yLinear->setTickType(QValueAxis::TicksDynamic);
  m_yLog = new QLogValueAxis;
  m_yLog->setTitleText(QObject::tr("loss (log scale)"));
  m_yLog->setLabelFormat(QStringLiteral("%g"));
  m_yLog->setBase(10.0);
  m_yLog->setMinorTickCount(-1);  // the 2..9 minor ticks of each decade
  chart->addAxis(m_x, Qt::AlignBottom);
  chart->addAxis(m_yLinear, Qt::AlignLeft);
  chart->addAxis(m_yLog, Qt::AlignLeft);
  m_yLog->setVisible(false);
  m_yLog->setRange(0.01, 1.0);
  // A short chart (a docked one at 1024×640) gets fewer, readable y labels.
  m_plotAreaWatch =
      QObject::connect(chart, &QChart::plotAreaChanged, m_yLinear, [this](const QRectF& area) {
        const double lineHeight = QFontMetricsF(m_yLinear->labelsFont()).height();
        const int labels = static_cast<int>(area.height() / (lineHeight + 2.0 * LabelPadding));
        const int intervals = std::clamp(labels - 1, 1, MostYIntervals);
        if (intervals != m_yIntervals) {
          m_yIntervals = intervals;
          setYTicks(m_yLinear->min(), m_yLinear->max());
        }
      });
  m_heightWatch = QObject::connect(chart, &QGraphicsWidget::geometryChanged, m_x, [this] {
    const bool titled = m_chart->size().height() >= TitledChartHeight;
    m_x->setTitleVisible(titled);
    m_yLinear->setTitleVisible(titled);
    m_yLog->setTitleVisible(titled);
  });
  m_theme = {m_x->labelsFont(),       m_x->titleFont(),        chart->legend()->font(),
             m_x->labelsBrush(),      m_x->titleBrush(),       chart->legend()->labelColor(),
             m_x->gridLinePen(),      m_x->minorGridLinePen(), m_x->linePen(),
             chart->backgroundBrush()};
}

LossAxes::~LossAxes() {
  QObject::disconnect(m_plotAreaWatch);
  QObject::disconnect(m_heightWatch);
}

QAbstractAxis* LossAxes::y() const {
  return m_logScale ? static_cast<QAbstractAxis*>(m_yLog) : m_yLinear;
}

void LossAxes::attach(QXYSeries* series) const {
  series->attachAxis(m_x);
  series->attachAxis(y());
}

bool LossAxes::setLogScale(bool logScale, const QList<QXYSeries*>& series, QCheckBox* toggle) {
  if (logScale == m_logScale) {
    return false;
  }
  if (toggle != nullptr) {
    const QSignalBlocker blocker(toggle);
    toggle->setChecked(logScale);
  }
  QAbstractAxis* oldAxis = y();
  m_logScale = logScale;
  QAbstractAxis* newAxis = y();
  for (QXYSeries* s : series) {
    s->detachAxis(oldAxis);
  }
  oldAxis->setVisible(false);
  newAxis->setVisible(true);
  for (QXYSeries* s : series) {
    s->attachAxis(newAxis);
  }
  return true;
}

void LossAxes::setXRange(double min, double max) const {
  m_x->setTickAnchor(0.0);
  m_x->setTickInterval(std::max(1.0, niceTickInterval(max - min, 5)));
  m_x->setRange(min, max);
}

void LossAxes::setYRange(double min, double max) const {
  if (m_logScale) {
    m_yLog->setRange(min, max);
    return;
  }
  m_yLinear->setTickAnchor(0.0);
  setYTicks(min, max);
  m_yLinear->setRange(min, max);
}

void LossAxes::setYTicks(double min, double max) const {
  const double interval = yTickInterval(max - min, m_yIntervals);
  m_yLinear->setTickInterval(interval);
  // Qt Charts leaves a vertical axis title the labels' width minus that of "...", so one-digit
  // labels ("0", "5") truncated a Chinese title, taller than Latin text, to a rotated "..."
  // ("⋮"). Whole-number ticks below 100 get one decimal ("5.0"), wider than "...".
  const bool shortLabels =
      interval >= 1.0 && interval == std::floor(interval) && std::max(-min, max) < 100.0;
  m_yLinear->setLabelFormat(shortLabels ? QStringLiteral("%.1f") : QStringLiteral("%.4g"));
}

void LossAxes::setEmptyRanges() const {
  setXRange(0.0, 10.0);
  setYRange(m_logScale ? 0.01 : 0.0, 1.0);
}

void LossAxes::fitY(double minY, double maxY, double minPositive) const {
  if (!std::isfinite(minY) || !std::isfinite(maxY)) {
    setYRange(m_logScale ? 0.01 : 0.0, 1.0);
    return;
  }
  if (m_logScale) {
    const double lowest = minY > 0.0 ? minY : logFloor(minPositive);
    const double low = std::pow(10.0, std::floor(std::log10(lowest)));
    double high = std::pow(10.0, std::ceil(std::log10(maxY)));
    if (high <= low) {
      high = low * 10.0;
    }
    // A hair below the decade: Qt 6.4 leaves the label of a tick exactly at the minimum out.
    setYRange(low * 0.999, high);
    return;
  }
  // Losses are rarely negative; starting at 0 shows how far down the curve has come.
  const double low = std::min(0.0, minY);
  double high = maxY;
  if (!(high > low)) {
    high = low + 1.0;
  }
  const double interval = niceTickInterval(high - low, 5);
  setYRange(low, std::ceil(high / interval) * interval);
}

double LossAxes::logFloor(double minPositive) {
  return std::isfinite(minPositive) && minPositive > 0.0 ? minPositive / 10.0 : FallbackLogFloor;
}

void LossAxes::raiseToFloor(std::vector<QPointF>& points, double floor) {
  for (QPointF& p : points) {
    p.setY(std::max(p.y(), floor));
  }
}

QHBoxLayout* LossAxes::layOut(QWidget* owner, QWidget* chartView) {
  auto* controls = new QHBoxLayout;
  auto* layout = new QVBoxLayout(owner);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(chartView, 1);
  layout->addLayout(controls);
  return controls;
}

int LossAxes::plotColumns() const {
  const int width = static_cast<int>(m_chart->plotArea().width());
  return width > 10 ? width : FallbackColumns;
}

void LossAxes::applyStyle(const PresentationStyle& style) const {
  const QPalette palette = QGuiApplication::palette();
  const QColor text = palette.color(QPalette::Text);
  QBrush labelBrush = m_theme.labelBrush;
  QBrush titleBrush = m_theme.titleBrush;
  QPen grid = m_theme.grid;
  QPen minorGrid = m_theme.minorGrid;
  QPen line = m_theme.line;
  if (style.highContrast) {
    labelBrush = text;
    titleBrush = text;
    // Grid lines halfway between the background and the text: visible, yet not mistaken for data.
    const QColor base = palette.color(QPalette::Base);
    const QColor middle =
        QColor::fromRgbF((base.redF() + text.redF()) / 2, (base.greenF() + text.greenF()) / 2,
                         (base.blueF() + text.blueF()) / 2);
    grid.setColor(middle);
    minorGrid.setColor(middle);
    line.setColor(text);
  }
  grid.setWidthF(style.lineWidth(std::max(1.0, m_theme.grid.widthF())));
  minorGrid.setWidthF(style.lineWidth(std::max(1.0, m_theme.minorGrid.widthF())) / 2);
  line.setWidthF(style.lineWidth(std::max(1.0, m_theme.line.widthF())));
  const QFont labels = style.font(m_theme.labels);
  const QFont titles = style.font(m_theme.titles);
  for (QAbstractAxis* axis : std::initializer_list<QAbstractAxis*>{m_x, m_yLinear, m_yLog}) {
    axis->setLabelsFont(labels);
    axis->setTitleFont(titles);
    axis->setLabelsBrush(labelBrush);
    axis->setTitleBrush(titleBrush);
    axis->setGridLinePen(grid);
    axis->setMinorGridLinePen(minorGrid);
    axis->setLinePen(line);
  }
  m_chart->legend()->setFont(style.font(m_theme.legend));
  m_chart->legend()->setLabelColor(style.highContrast ? text : m_theme.legendLabels);
  m_chart->setBackgroundBrush(style.highContrast ? palette.brush(QPalette::Base)
                                                 : m_theme.background);
}
