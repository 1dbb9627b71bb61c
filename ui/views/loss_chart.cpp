#include "views/loss_chart.h"

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QMouseEvent>
#include <QRubberBand>
#include <QScatterSeries>
#include <QToolButton>
#include <QVBoxLayout>
#include <QValueAxis>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>
#include <limits>

#include "views/loss_axes.h"
#include "widgets/loss_decimator.h"
#include "widgets/presentation_style.h"

namespace {

constexpr int RefreshDelayMs = 40;
constexpr double MinimumSpan = 4.0;  // iterations: the deepest zoom
const QColor TrainingColor(0x21, 0x66, 0xac);
const QColor SecondColor(0xe0, 0x82, 0x14);
const QColor MarkerColor(0xb2, 0x18, 0x2b);

}  // namespace

LossChart::LossChart(QWidget* parent) : QWidget(parent) {
  m_chart = new QChart;
  m_chart->legend()->hide();
  m_chart->setMargins(QMargins(4, 4, 8, 4));
  m_chart->setBackgroundRoundness(0);

  m_series = new QLineSeries;
  m_marker = new QScatterSeries;
  m_marker->setBorderColor(Qt::white);
  m_secondSeries = new QLineSeries;
  m_secondSeries->setPointsVisible(true);
  m_series->setName(tr("training"));
  m_chart->addSeries(m_series);
  m_chart->addSeries(m_secondSeries);
  m_chart->addSeries(m_marker);

  m_axes = std::make_unique<LossAxes>(m_chart);
  m_axes->attach(m_series);
  m_axes->attach(m_secondSeries);
  m_axes->attach(m_marker);

  m_view = new QChartView(m_chart, this);
  m_view->setRenderHint(QPainter::Antialiasing, true);
  m_view->setRubberBand(QChartView::NoRubberBand);  // our own, see eventFilter()
  m_view->setFocusPolicy(Qt::StrongFocus);
  m_view->setToolTip(tr("Drag: zoom to a box · wheel: zoom · right-drag: pan · double-click: fit"));
  m_view->viewport()->setMouseTracking(true);
  m_view->viewport()->installEventFilter(this);
  m_view->installEventFilter(this);
  m_rubberBand = new QRubberBand(QRubberBand::Rectangle, m_view->viewport());

  m_logToggle = new QCheckBox(tr("Log scale"), this);
  // A tool button: as wide as its word, where a push button takes 80 px of a narrow dock.
  auto* fitButton = new QToolButton(this);
  fitButton->setText(tr("Fit"));
  fitButton->setToolTip(tr("Show all iterations and follow new ones (double-click, Home)"));
  m_readout = new QLabel(this);
  m_readout->setTextInteractionFlags(Qt::TextSelectableByMouse);
  QFont readoutFont = m_readout->font();
  readoutFont.setStyleHint(QFont::Monospace);
  readoutFont.setFamily(QStringLiteral("DejaVu Sans Mono"));
  m_readout->setFont(readoutFont);
  m_readout->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
  // Never wider than the dock (a text session's readout is long): what does not fit is cut, and
  // the tooltip has all of it. Not word-wrapped: QScrollArea would then size the whole chart by
  // its height-for-width, which asks for the chart's preferred height, not its minimum.
  m_readout->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

  m_unitChoice = new QComboBox(this);
  m_unitChoice->addItem(tr("Loss per character"), static_cast<int>(Unit::PerCharacter));
  m_unitChoice->addItem(tr("Perplexity"), static_cast<int>(Unit::Perplexity));
  m_unitChoice->addItem(tr("Loss per chunk"), static_cast<int>(Unit::Loss));
  m_unitChoice->setToolTip(
      tr("Perplexity = exp(loss per character): about how many characters the network still "
         "hesitates between (the vocabulary size when it knows nothing, 1 when it is sure)"));
  m_unitChoice->setVisible(false);
  // As narrow as a few characters need: the row must fit a narrow dock (the popup is wider).
  m_unitChoice->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  m_unitChoice->setMinimumContentsLength(6);
  connect(m_unitChoice, &QComboBox::activated, this,
          [this] { setUnit(static_cast<Unit>(m_unitChoice->currentData().toInt())); });

  QHBoxLayout* controls = LossAxes::layOut(this, m_view);
  // A key in the controls row rather than the chart's legend, which would take the height the
  // iteration axis needs in a small dock. The readout has a row of its own: beside the controls
  // it made the chart wider than a narrow dock (a scroll bar then hid the newest iterations and
  // the readout itself).
  m_key = new QLabel(this);
  m_key->setVisible(false);
  controls->addWidget(m_key, 1);
  controls->addWidget(m_unitChoice);
  controls->addWidget(m_logToggle);
  controls->addWidget(fitButton);
  controls->addStretch(1);
  if (auto* column = qobject_cast<QBoxLayout*>(layout())) {
    column->addWidget(m_readout);
  }
  m_readout->installEventFilter(this);

  m_refreshTimer.setSingleShot(true);
  m_refreshTimer.setInterval(RefreshDelayMs);
  connect(&m_refreshTimer, &QTimer::timeout, this, &LossChart::refresh);
  connect(m_logToggle, &QCheckBox::toggled, this, &LossChart::setLogScale);
  connect(fitButton, &QToolButton::clicked, this, &LossChart::fit);
  // Range changes we did not make ourselves (e.g. QChart::zoom from elsewhere) end following.
  connect(m_axes->x(), &QValueAxis::rangeChanged, this, [this] { onUserRangeChange(true); });
  connect(m_axes->yLinear(), &QValueAxis::rangeChanged, this, [this] { onUserRangeChange(false); });
  connect(m_axes->yLog(), &QLogValueAxis::rangeChanged, this, [this] { onUserRangeChange(false); });
  PresentationStyle::follow(this, [this](const PresentationStyle& style) { applyStyle(style); });

  refresh();
}

LossChart::~LossChart() = default;

void LossChart::appendLosses(long firstIteration, const std::vector<double>& losses) {
  if (losses.empty()) {
    return;
  }
  if (m_history.empty()) {
    m_firstIteration = firstIteration;
  }
  if (firstIteration < m_firstIteration) {
    // A history that starts earlier than ours: start over from it.
    m_history.clear();
    m_firstIteration = firstIteration;
  }
  // From firstIteration on the losses replace ours; missing iterations before it are NaN, which
  // the decimator skips.
  const auto start = static_cast<std::size_t>(firstIteration - m_firstIteration);
  m_history.merge(start, losses, start + losses.size());
  if (m_hoveredIndex < 0) {
    showReadout(static_cast<long>(m_history.size()) - 1);
  }
  scheduleRefresh();
}

void LossChart::truncate(std::size_t size) {
  if (size >= m_history.size()) {
    return;
  }
  m_history.truncate(size);
  if (m_hoveredIndex >= static_cast<long>(size)) {
    clearHover();
  } else if (m_hoveredIndex < 0) {
    showReadout(static_cast<long>(m_history.size()) - 1);
  }
  if (m_history.empty()) {
    showEmptyReadout();
  }
  scheduleRefresh();
}

void LossChart::applyStyle(const PresentationStyle& style) {
  m_axes->applyStyle(style);
  const QColor background = m_chart->backgroundBrush().color();
  m_series->setPen(QPen(style.ink(TrainingColor, background), style.lineWidth(1.5)));
  m_secondSeries->setPen(QPen(style.ink(SecondColor, background), style.lineWidth(2.0)));
  m_marker->setColor(style.ink(MarkerColor, background));
  m_marker->setMarkerSize(style.lineWidth(9.0));
  if (!m_secondName.isEmpty()) {
    setSecondSeries(m_second, m_secondName);  // the key shows the new colours
  }
}

void LossChart::setSecondSeries(const std::vector<QPointF>& points, const QString& name) {
  m_second = points;
  m_secondName = name;
  m_secondSeries->setName(name);
  m_key->setText(QStringLiteral("<span style='color:%1'>━</span> %2 "
                                "<span style='color:%3'>━</span> %4")
                     .arg(m_series->pen().color().name(), tr("training"),
                          m_secondSeries->pen().color().name(), name.toHtmlEscaped()));
  m_key->setVisible(!m_second.empty());
  scheduleRefresh();
}

QList<QPointF> LossChart::displayedSecondPoints() const { return m_secondSeries->points(); }

void LossChart::setCharactersPerIteration(int characters) {
  if (characters == m_characters) {
    return;
  }
  m_characters = std::max(0, characters);
  m_unitChoice->setVisible(m_characters > 0);
  setUnit(m_characters > 0 ? Unit::PerCharacter : Unit::Loss);
}

void LossChart::setUnit(Unit unit) {
  if (m_characters <= 0) {
    unit = Unit::Loss;
  }
  m_unit = unit;
  const int index = m_unitChoice->findData(static_cast<int>(unit));
  if (index >= 0) {
    m_unitChoice->setCurrentIndex(index);
  }
  m_autoY = true;  // the old y range means nothing in the other unit
  refresh();
}

double LossChart::shownValue(double loss) const {
  switch (m_unit) {
    case Unit::Loss:
      return loss;
    case Unit::PerCharacter:
      return loss / m_characters;
    case Unit::Perplexity:
      return std::exp(loss / m_characters);
  }
  return loss;
}

void LossChart::clear(long startIteration) {
  m_history.clear();
  m_firstIteration = 0;
  m_startIteration = startIteration;
  m_followX = true;
  m_autoY = true;
  clearHover();
  refresh();
}

bool LossChart::logScale() const { return m_axes->logScale(); }

void LossChart::setLogScale(bool logScale) {
  m_settingRange = true;
  const bool changed =
      m_axes->setLogScale(logScale, {m_series, m_secondSeries, m_marker}, m_logToggle);
  m_settingRange = false;
  if (!changed) {
    return;
  }
  // The old y range means nothing on the other scale.
  m_autoY = true;
  refresh();
  emit logScaleChanged(logScale);
}

void LossChart::fit() {
  m_followX = true;
  m_autoY = true;
  refresh();
}

void LossChart::zoomToIterations(double first, double last) {
  if (last - first < MinimumSpan) {
    const double middle = 0.5 * (first + last);
    first = middle - MinimumSpan / 2;
    last = middle + MinimumSpan / 2;
  }
  m_followX = false;
  setXRange(first, last);
  refresh();
}

void LossChart::scheduleRefresh() {
  if (!m_refreshTimer.isActive()) {
    m_refreshTimer.start();
  }
}

void LossChart::setXRange(double min, double max) {
  m_settingRange = true;
  m_axes->setXRange(min, max);
  m_settingRange = false;
}

void LossChart::setYRange(double min, double max) {
  m_settingRange = true;
  m_axes->setYRange(min, max);
  m_settingRange = false;
}

void LossChart::onUserRangeChange(bool xAxis) {
  if (m_settingRange) {
    return;
  }
  if (xAxis) {
    m_followX = false;
  } else {
    m_autoY = false;
  }
  scheduleRefresh();
}

void LossChart::refresh() {
  m_refreshTimer.stop();
  const long count = static_cast<long>(m_history.size());
  if (count == 0) {
    m_series->clear();
    m_secondSeries->clear();
    m_marker->clear();
    m_settingRange = true;
    m_axes->setEmptyRanges();
    if (m_startIteration > 0) {
      m_axes->setXRange(static_cast<double>(m_startIteration), m_startIteration + 10.0);
    }
    m_settingRange = false;
    showEmptyReadout();
    return;
  }

  if (m_followX) {
    setXRange(static_cast<double>(m_firstIteration),
              static_cast<double>(m_firstIteration + std::max(count - 1, 1L)));
  }
  const double xMin = m_axes->x()->min();
  const double xMax = m_axes->x()->max();
  // One point beyond each edge, so the line runs to the border instead of stopping short.
  const long first = static_cast<long>(std::floor(xMin)) - m_firstIteration - 1;
  const long last = static_cast<long>(std::ceil(xMax)) - m_firstIteration + 1;
  std::vector<QPointF> points = LossDecimator::decimateRecord(m_history, first, last,
                                                             m_axes->plotColumns(),
                                                             m_firstIteration);
  // Per character and perplexity are increasing functions of the loss: the decimated minima and
  // maxima stay minima and maxima.
  if (m_unit != Unit::Loss) {
    for (QPointF& p : points) {
      p.setY(shownValue(p.y()));
    }
  }
  std::vector<QPointF> second;
  for (const QPointF& p : m_second) {
    if (p.x() >= xMin - 1.0 && p.x() <= xMax + 1.0 && std::isfinite(p.y())) {
      second.emplace_back(p.x(), shownValue(p.y()));
    }
  }

  double minY = std::numeric_limits<double>::infinity();
  double maxY = -minY;
  double minPositive = minY;
  for (const QPointF& p : points) {
    if (p.x() < xMin || p.x() > xMax) {
      continue;  // the extra edge points do not decide the y range
    }
    minY = std::min(minY, p.y());
    maxY = std::max(maxY, p.y());
    if (p.y() > 0.0) {
      minPositive = std::min(minPositive, p.y());
    }
  }
  for (const QPointF& p : second) {
    minY = std::min(minY, p.y());
    maxY = std::max(maxY, p.y());
    if (p.y() > 0.0) {
      minPositive = std::min(minPositive, p.y());
    }
  }
  if (m_axes->logScale()) {
    // Log axes cannot show 0 or less: such losses sit a decade below the smallest positive one.
    LossAxes::raiseToFloor(points, LossAxes::logFloor(minPositive));
    LossAxes::raiseToFloor(second, LossAxes::logFloor(minPositive));
  }
  m_series->replace(QList<QPointF>(points.begin(), points.end()));
  m_secondSeries->replace(QList<QPointF>(second.begin(), second.end()));
  if (m_autoY && std::isfinite(minY)) {
    m_settingRange = true;
    m_axes->fitY(minY, maxY, minPositive);
    m_settingRange = false;
  }
  // The hovered iteration, else the latest (the unit or the second series may have changed).
  showReadout(m_hoveredIndex >= 0 ? m_hoveredIndex : count - 1);
}

int LossChart::displayedPointCount() const { return static_cast<int>(m_series->count()); }

QString LossChart::readoutText() const { return m_readoutText; }

QPointF LossChart::toValue(const QPointF& viewportPosition) const {
  const QPointF scene = m_view->mapToScene(viewportPosition.toPoint());
  return m_chart->mapToValue(m_chart->mapFromScene(scene), m_series);
}

void LossChart::hoverAt(const QPointF& viewportPosition) {
  const QPointF scene = m_view->mapToScene(viewportPosition.toPoint());
  const QPointF inChart = m_chart->mapFromScene(scene);
  const long count = static_cast<long>(m_history.size());
  if (count == 0 || !m_chart->plotArea().contains(inChart)) {
    clearHover();
    return;
  }
  const double x = m_chart->mapToValue(inChart, m_series).x();
  const long index =
      std::clamp(static_cast<long>(std::llround(x)) - m_firstIteration, 0L, count - 1);
  m_hoveredIndex = index;
  showReadout(index);
  double y = shownValue(m_history[static_cast<std::size_t>(index)]);
  if (!std::isfinite(y)) {
    m_marker->clear();
    return;
  }
  if (m_axes->logScale()) {
    y = std::max(y, m_axes->yLog()->min());
  }
  m_marker->replace(QList<QPointF>{QPointF(static_cast<double>(m_firstIteration + index), y)});
}

void LossChart::clearHover() {
  m_hoveredIndex = -1;
  m_marker->clear();
  showReadout(static_cast<long>(m_history.size()) - 1);
}

void LossChart::zoomX(double factor, double anchor) {
  const double min = m_axes->x()->min();
  const double max = m_axes->x()->max();
  double newMin = anchor - (anchor - min) * factor;
  double newMax = anchor + (max - anchor) * factor;
  if (newMax - newMin < MinimumSpan) {
    return;
  }
  m_followX = false;
  setXRange(newMin, newMax);
  refresh();
}

void LossChart::panPixels(double dx, double dy) {
  m_followX = false;
  m_settingRange = true;
  // With an automatic y axis only the iterations move; y refits to what comes into view.
  m_chart->scroll(dx, m_autoY ? 0.0 : dy);
  m_settingRange = false;
  setXRange(m_axes->x()->min(), m_axes->x()->max());  // recompute the tick interval
  refresh();
}

bool LossChart::eventFilter(QObject* watched, QEvent* event) {
  if (watched == m_readout && event->type() == QEvent::Resize) {
    fitReadout();
    return false;
  }
  if (watched == m_view && event->type() == QEvent::KeyPress) {
    const auto* key = static_cast<QKeyEvent*>(event);
    const double step = m_chart->plotArea().width() / 10.0;
    const double middle = 0.5 * (m_axes->x()->min() + m_axes->x()->max());
    switch (key->key()) {
      case Qt::Key_Left:
        panPixels(-step, 0.0);
        return true;
      case Qt::Key_Right:
        panPixels(step, 0.0);
        return true;
      case Qt::Key_Plus:
      case Qt::Key_Equal:
        zoomX(0.5, middle);
        return true;
      case Qt::Key_Minus:
        zoomX(2.0, middle);
        return true;
      case Qt::Key_Home:
      case Qt::Key_0:
        fit();
        return true;
      default:
        return false;
    }
  }
  if (watched != m_view->viewport()) {
    return QWidget::eventFilter(watched, event);
  }

  switch (event->type()) {
    case QEvent::MouseButtonDblClick:
      fit();
      return true;
    case QEvent::MouseButtonPress: {
      const auto* mouse = static_cast<QMouseEvent*>(event);
      if (mouse->button() == Qt::LeftButton) {
        m_zooming = true;
        m_dragOrigin = mouse->position().toPoint();
        m_rubberBand->setGeometry(QRect(m_dragOrigin, QSize()));
        m_rubberBand->show();
      } else if (mouse->button() == Qt::RightButton || mouse->button() == Qt::MiddleButton) {
        m_panning = true;
        m_panLast = mouse->position();
        m_view->viewport()->setCursor(Qt::ClosedHandCursor);
      }
      m_view->setFocus(Qt::MouseFocusReason);
      return true;
    }
    case QEvent::MouseMove: {
      const auto* mouse = static_cast<QMouseEvent*>(event);
      if (m_zooming) {
        m_rubberBand->setGeometry(QRect(m_dragOrigin, mouse->position().toPoint()).normalized());
      } else if (m_panning) {
        const QPointF delta = mouse->position() - m_panLast;
        m_panLast = mouse->position();
        panPixels(-delta.x(), delta.y());
      }
      hoverAt(mouse->position());
      return true;
    }
    case QEvent::MouseButtonRelease: {
      const auto* mouse = static_cast<QMouseEvent*>(event);
      if (m_zooming && mouse->button() == Qt::LeftButton) {
        m_zooming = false;
        m_rubberBand->hide();
        const QRect box = m_rubberBand->geometry();
        // A click or a sliver is not a zoom request.
        if (box.width() >= 5 && box.height() >= 5 && !m_history.empty()) {
          const QPointF a = toValue(box.topLeft());
          const QPointF b = toValue(box.bottomRight());
          m_followX = false;
          m_autoY = false;
          const double x0 = std::min(a.x(), b.x());
          const double x1 = std::max(a.x(), b.x());
          const double middle = 0.5 * (x0 + x1);
          const double half = std::max(0.5 * (x1 - x0), MinimumSpan / 2);
          setXRange(middle - half, middle + half);
          double y0 = std::min(a.y(), b.y());
          const double y1 = std::max(a.y(), b.y());
          if (m_axes->logScale()) {
            y0 = std::max(y0, std::numeric_limits<double>::min());
          }
          if (y1 > y0) {
            setYRange(y0, y1);
          }
          refresh();
        }
      } else if (m_panning) {
        m_panning = false;
        m_view->viewport()->unsetCursor();
      }
      return true;
    }
    case QEvent::Wheel: {
      const auto* wheel = static_cast<QWheelEvent*>(event);
      const double notches = wheel->angleDelta().y() / 120.0;
      if (notches != 0.0) {
        zoomX(std::pow(0.8, notches), toValue(wheel->position()).x());
      }
      return true;
    }
    case QEvent::Leave:
      clearHover();
      return false;
    default:
      return false;
  }
}
