#include "inspection/spectrum_view.h"

#include <QHelpEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>
#include <algorithm>
#include <cmath>
#include <limits>

#include "widgets/axis_ticks.h"
#include "widgets/number_format.h"
#include "widgets/presentation_style.h"
#include "widgets/tool_tips.h"

namespace {

constexpr int Margin = 6;
constexpr int Gap = 6;
constexpr std::size_t MaxHistoryPoints = 4096;
constexpr double PickRadius = 6.0;
const QColor InsideColor(0x21, 0x66, 0xac);
const QColor OutsideColor(0xb2, 0x18, 0x2b);
const QColor UnitCircleColor(0x42, 0x42, 0x42);
const QColor AxisColor(0xbd, 0xbd, 0xbd);
const QColor RadiusColor(0xd9, 0x5f, 0x02);

QString complexText(std::complex<double> z) {
  const QString re = formatNumber(z.real(), 'g', 6);
  if (z.imag() == 0.0) {
    return re;
  }
  const QString sign = z.imag() < 0.0 ? QString(QChar(0x2212)) : QStringLiteral("+");
  return QStringLiteral("%1 %2 %3i").arg(re, sign, QString::number(std::abs(z.imag()), 'g', 6));
}

}  // namespace

SpectrumView::SpectrumView(QWidget* parent)
    : QWidget(parent),
      m_job(
          {this, 1000 / MaxUpdatesPerSecond, JobStart::Coalesced}, &SpectrumView::compute,
          [this](const Input& input, Computed computed) {
            if (computed.problem.isEmpty()) {
              applyResult(std::move(computed.spectrum), input.iteration);
            } else {
              m_problem = std::move(computed.problem);
              update();
            }
          },
          &SpectrumView::computesInline) {
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
  setAttribute(Qt::WA_OpaquePaintEvent);
  // "computing…" and "updating…" follow the job.
  connect(&m_job, &LatestOnlyJobBase::busyChanged, this, qOverload<>(&QWidget::update));
}

void SpectrumView::setRecurrentWeights(const rnnlab::Matrix& Whh, long iteration) {
  m_job.request(Input{Whh, iteration});
}

bool SpectrumView::computesInline(const Input& input) {
  // Small matrices, and those refused for their shape: no thread hop for what takes no time.
  return input.whh.rows() <= SynchronousLimit || input.whh.rows() != input.whh.cols();
}

SpectrumView::Computed SpectrumView::compute(const Input& input, const std::atomic<bool>& cancel) {
  const rnnlab::Matrix& whh = input.whh;
  Computed computed;
  if (whh.rows() == 0 || whh.rows() != whh.cols()) {
    computed.problem = tr("Whh is %1×%2, not a square matrix").arg(whh.rows()).arg(whh.cols());
  } else if (!whh.allFinite()) {
    computed.problem = tr("Whh has non-finite entries at iteration %1").arg(input.iteration);
  } else if (whh.rows() <= SynchronousLimit) {
    computed.spectrum = rnnlab::spectrum(whh);
  } else {
    rnnlab::ArnoldiOptions options;
    options.count = LeadingCount;
    options.cancel = &cancel;
    computed.spectrum = rnnlab::boundedSpectrum(whh, options);
  }
  return computed;
}

QString SpectrumView::methodText() const {
  if (!m_spectrum) {
    return {};
  }
  if (m_spectrum->method == rnnlab::Spectrum::Method::Full) {
    return tr("all %1 eigenvalues").arg(m_spectrum->eigenvalues.size());
  }
  const QString quality = m_spectrum->converged
                              ? tr("converged")
                              : tr("approximate, residual %1")
                                    .arg(QString::number(m_spectrum->largestResidual, 'g', 2));
  return tr("largest %1 of %2 eigenvalues, by Arnoldi iteration (%3 Krylov vectors, %4)")
      .arg(m_spectrum->eigenvalues.size())
      .arg(m_spectrum->size)
      .arg(m_spectrum->krylovDimension)
      .arg(quality);
}

void SpectrumView::clearHistory() {
  m_history.clear();
  update();
}

void SpectrumView::applyResult(rnnlab::Spectrum spectrum, long iteration) {
  m_problem.clear();
  m_size = static_cast<int>(spectrum.size);
  const double radius = spectrum.spectralRadius;
  m_spectrum = std::move(spectrum);
  m_iteration = iteration;
  while (!m_history.empty() && m_history.back().iteration >= iteration) {
    m_history.pop_back();
  }
  m_history.push_back({iteration, radius});
  if (m_history.size() > MaxHistoryPoints) {
    // Keep every other point (and always the newest): bounded memory, whole run still visible.
    std::vector<RadiusPoint> thinned;
    thinned.reserve(m_history.size() / 2 + 1);
    for (std::size_t i = m_history.size() % 2 == 0 ? 1 : 0; i < m_history.size(); i += 2) {
      thinned.push_back(m_history[i]);
    }
    m_history = std::move(thinned);
  }
  update();
  emit spectrumUpdated(radius, iteration);
}

QSize SpectrumView::sizeHint() const { return {620, 300}; }

QSize SpectrumView::minimumSizeHint() const { return {240, 200}; }

SpectrumView::Layout SpectrumView::computeLayout() const {
  const QFontMetrics fm(font());
  const int line = fm.height();
  const QRect area = rect().adjusted(Margin, Margin, -Margin, -Margin);
  Layout layout;
  // Room for the history chart's tick labels and titles.
  const int historyLeftPad = fm.horizontalAdvance(QStringLiteral("0.00")) + Gap + line;
  const int historyBottomPad = 2 * line + Gap;
  const bool sideBySide = area.width() >= area.height() * 3 / 2;
  if (sideBySide) {
    const int side = std::max(40, std::min(area.height() - line - Gap, area.width() * 11 / 20));
    layout.planeTitle = QRect(area.left(), area.top(), side, line);
    layout.plane = QRect(area.left(), layout.planeTitle.bottom() + Gap, side, side);
    const int left = layout.plane.right() + 2 * Gap;
    layout.historyTitle = QRect(left, area.top(), area.right() - left + 1, line);
    layout.history =
        QRect(QPoint(left + historyLeftPad, layout.historyTitle.bottom() + Gap + line / 2),
              QPoint(area.right() - fm.horizontalAdvance(QStringLiteral("000")),
                     area.bottom() - historyBottomPad));
  } else {
    const int historyHeight = std::max(70, area.height() / 3);
    const int side =
        std::max(40, std::min(area.width(), area.height() - historyHeight - 2 * line - 3 * Gap));
    layout.planeTitle = QRect(area.left(), area.top(), area.width(), line);
    layout.plane = QRect(area.left() + (area.width() - side) / 2, layout.planeTitle.bottom() + Gap,
                         side, side);
    layout.historyTitle = QRect(area.left(), layout.plane.bottom() + Gap, area.width(), line);
    layout.history =
        QRect(QPoint(area.left() + historyLeftPad, layout.historyTitle.bottom() + Gap + line / 2),
              QPoint(area.right() - fm.horizontalAdvance(QStringLiteral("000")),
                     area.bottom() - historyBottomPad));
  }
  return layout;
}

double SpectrumView::planeHalfRange() const {
  const double radius = m_spectrum ? m_spectrum->spectralRadius : 0.0;
  return std::max(1.25, 1.1 * radius);
}

QPointF SpectrumView::toPlane(const Layout& layout, std::complex<double> z) const {
  const double half = planeHalfRange();
  const QRectF plane(layout.plane);
  const double scale = plane.width() / (2.0 * half);
  return {plane.center().x() + z.real() * scale, plane.center().y() - z.imag() * scale};
}

double SpectrumView::historyMaximum() const {
  double top = 1.2;
  for (const RadiusPoint& p : m_history) {
    if (std::isfinite(p.spectralRadius)) {
      top = std::max(top, p.spectralRadius * 1.1);
    }
  }
  return top;
}

QPointF SpectrumView::toHistory(const Layout& layout, const RadiusPoint& point) const {
  const QRectF plot(layout.history);
  const double first = static_cast<double>(m_history.front().iteration);
  const double last = static_cast<double>(m_history.back().iteration);
  const double span = last > first ? last - first : 1.0;
  const double x =
      m_history.size() == 1
          ? plot.center().x()
          : plot.left() + (static_cast<double>(point.iteration) - first) / span * plot.width();
  const double y = plot.bottom() - point.spectralRadius / historyMaximum() * plot.height();
  return {x, y};
}

int SpectrumView::eigenvalueAt(const QPoint& position) const {
  if (!m_spectrum) {
    return -1;
  }
  const Layout layout = computeLayout();
  int best = -1;
  double bestDistance = PickRadius;
  for (std::size_t i = 0; i < m_spectrum->eigenvalues.size(); ++i) {
    const QPointF p = toPlane(layout, m_spectrum->eigenvalues[i]);
    const double distance = std::hypot(p.x() - position.x(), p.y() - position.y());
    if (distance <= bestDistance) {
      bestDistance = distance;
      best = static_cast<int>(i);
    }
  }
  return best;
}

int SpectrumView::historyPointAt(const Layout& layout, const QPoint& position) const {
  if (m_history.empty() || !layout.history.adjusted(-4, -4, 4, 4).contains(position)) {
    return -1;
  }
  int best = -1;
  double bestDistance = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < m_history.size(); ++i) {
    const double distance = std::abs(toHistory(layout, m_history[i]).x() - position.x());
    if (distance < bestDistance) {
      bestDistance = distance;
      best = static_cast<int>(i);
    }
  }
  return best;
}

QString SpectrumView::toolTipTextAt(const QPoint& position) const {
  const int index = eigenvalueAt(position);
  if (index >= 0) {
    const std::complex<double> z = m_spectrum->eigenvalues[static_cast<std::size_t>(index)];
    QString text = tr("λ = %1\n|λ| = %2").arg(complexText(z), QString::number(std::abs(z), 'g', 6));
    text += std::abs(z) > 1.0 ? tr(" (outside the unit circle: grows along time)")
                              : tr(" (inside the unit circle: fades along time)");
    return text;
  }
  const Layout layout = computeLayout();
  const int point = historyPointAt(layout, position);
  if (point >= 0) {
    const RadiusPoint& p = m_history[static_cast<std::size_t>(point)];
    return tr("iteration %1: ρ = %2")
        .arg(p.iteration)
        .arg(QString::number(p.spectralRadius, 'g', 6));
  }
  return {};
}

bool SpectrumView::event(QEvent* event) {
  if (event->type() == QEvent::ToolTip) {
    auto* help = static_cast<QHelpEvent*>(event);
    answerToolTip(this, help, toolTipTextAt(help->pos()));
    return true;
  }
  return QWidget::event(event);
}

void SpectrumView::paintEvent(QPaintEvent* /*event*/) {
  QPainter painter(this);
  painter.fillRect(rect(), palette().color(QPalette::Base));
  const Layout layout = computeLayout();
  drawPlane(painter, layout);
  drawHistory(painter, layout);
}

void SpectrumView::drawTitle(QPainter& painter, const QRect& box, const QString& title) const {
  QFont bold = font();
  bold.setBold(true);
  painter.setFont(bold);
  painter.setPen(palette().color(QPalette::Text));
  painter.drawText(box, Qt::AlignLeft | Qt::AlignVCenter,
                   QFontMetrics(bold).elidedText(title, Qt::ElideRight, box.width()));
  painter.setFont(font());
}

void SpectrumView::drawPlane(QPainter& painter, const Layout& layout) const {
  const QFontMetrics fm(font());
  const QColor text = palette().color(QPalette::Text);
  QString title = tr("Eigenvalues of Whh");
  if (m_spectrum) {
    title += tr(" (%1×%1)").arg(m_size);
  }
  drawTitle(painter, layout.planeTitle, title);

  const QRect& plane = layout.plane;
  painter.fillRect(plane, QColor(0xfa, 0xfa, 0xfa));
  painter.setPen(AxisColor);
  painter.drawRect(plane.adjusted(0, 0, -1, -1));
  const QPointF origin = toPlane(layout, {0.0, 0.0});
  painter.drawLine(QPointF(plane.left(), origin.y()), QPointF(plane.right(), origin.y()));
  painter.drawLine(QPointF(origin.x(), plane.top()), QPointF(origin.x(), plane.bottom()));

  painter.setRenderHint(QPainter::Antialiasing, true);
  const double unit = toPlane(layout, {1.0, 0.0}).x() - origin.x();
  painter.setPen(QPen(UnitCircleColor, PresentationStyle::current().lineWidth(1.2)));
  painter.setBrush(Qt::NoBrush);
  painter.drawEllipse(origin, unit, unit);

  // Tick labels where the unit circle crosses the axes (when it is big enough to carry them),
  // and the axis names.
  painter.setPen(text);
  const int w = fm.horizontalAdvance(QStringLiteral("−1")) + 4;
  if (unit >= 2.5 * fm.height()) {
    painter.drawText(QRectF(origin.x() + unit + 2, origin.y() + 1, w, fm.height()),
                     Qt::AlignLeft | Qt::AlignTop, QStringLiteral("1"));
    painter.drawText(QRectF(origin.x() - unit - w - 2, origin.y() + 1, w, fm.height()),
                     Qt::AlignRight | Qt::AlignTop, QStringLiteral("−1"));
    painter.drawText(QRectF(origin.x() + 3, origin.y() - unit - fm.height() - 1, w, fm.height()),
                     Qt::AlignLeft | Qt::AlignBottom, QStringLiteral("i"));
    painter.drawText(QRectF(origin.x() + 3, origin.y() + unit + 1, w, fm.height()),
                     Qt::AlignLeft | Qt::AlignTop, QStringLiteral("−i"));
  }
  painter.setPen(palette().color(QPalette::PlaceholderText));
  painter.drawText(plane.adjusted(4, 2, -4, -2), Qt::AlignRight | Qt::AlignBottom, tr("Re"));
  painter.drawText(plane.adjusted(4, 2, -4, -2), Qt::AlignLeft | Qt::AlignTop, tr("Im"));
  painter.drawText(plane.adjusted(4, 2, -4, -2), Qt::AlignLeft | Qt::AlignBottom,
                   tr("unit circle |λ| = 1"));
  // What the dots are: all eigenvalues, or only the leading ones of a large matrix.
  const QString method = methodText();
  if (!method.isEmpty()) {
    const QRect note = plane.adjusted(4, 2, -4, -2 - fm.height());
    painter.drawText(note, Qt::AlignLeft | Qt::AlignBottom | Qt::TextWordWrap, method);
  }

  if (!m_problem.isEmpty()) {
    painter.setPen(OutsideColor);
    painter.drawText(plane.adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap, m_problem);
  }
  if (!m_spectrum) {
    if (m_problem.isEmpty()) {
      painter.setPen(palette().color(QPalette::PlaceholderText));
      painter.drawText(plane, Qt::AlignCenter, isBusy() ? tr("computing…") : tr("No weights yet"));
    }
    painter.setRenderHint(QPainter::Antialiasing, false);
    return;
  }

  // The spectral radius as a dashed circle: the outermost eigenvalues sit on it.
  const double radius = m_spectrum->spectralRadius * unit;
  painter.setPen(QPen(RadiusColor, 1.0, Qt::DashLine));
  painter.drawEllipse(origin, radius, radius);

  // The readout in the top right corner, in the dashed circle's colour.
  const QRect corner = plane.adjusted(4, 2, -4, -2);
  painter.setPen(RadiusColor);
  painter.drawText(corner, Qt::AlignRight | Qt::AlignTop,
                   tr("ρ = %1").arg(QString::number(m_spectrum->spectralRadius, 'f', 4)));
  painter.setPen(palette().color(QPalette::PlaceholderText));
  QString when = tr("iteration %1").arg(m_iteration);
  if (isBusy()) {
    when += tr("\nupdating…");
  }
  painter.drawText(corner.adjusted(0, fm.height(), 0, 0), Qt::AlignRight | Qt::AlignTop, when);

  // Dense spectra without outlines, or the white rims wash the colours out.
  const double dot = m_size <= 16 ? 4.0 : (m_size <= 64 ? 3.0 : 2.0);
  if (m_size <= 64) {
    painter.setPen(QPen(Qt::white, 0.8));
  } else {
    painter.setPen(Qt::NoPen);
  }
  for (const std::complex<double>& z : m_spectrum->eigenvalues) {
    painter.setBrush(std::abs(z) > 1.0 ? OutsideColor : InsideColor);
    painter.drawEllipse(toPlane(layout, z), dot, dot);
  }
  painter.setRenderHint(QPainter::Antialiasing, false);
}

void SpectrumView::drawHistory(QPainter& painter, const Layout& layout) const {
  const QFontMetrics fm(font());
  const QColor text = palette().color(QPalette::Text);
  drawTitle(painter, layout.historyTitle, tr("Spectral radius ρ over training"));

  const QRect& plot = layout.history;
  if (plot.width() < 20 || plot.height() < 20) {
    return;
  }
  const double top = historyMaximum();
  const double tick = niceTickInterval(top, 4);
  for (double v = 0.0; v <= top + 1e-9; v += tick) {
    const double y = plot.bottom() - v / top * plot.height();
    painter.setPen(QColor(0xee, 0xee, 0xee));
    painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
    painter.setPen(text);
    painter.drawText(QRectF(plot.left() - 200 - 4, y - fm.height() / 2.0, 200, fm.height()),
                     Qt::AlignRight | Qt::AlignVCenter, QString::number(v, 'g', 3));
  }
  // ρ = 1: above it, the network's memory can blow up.
  const double yOne = plot.bottom() - 1.0 / top * plot.height();
  painter.setPen(QPen(UnitCircleColor, 1.0, Qt::DashLine));
  painter.drawLine(QPointF(plot.left(), yOne), QPointF(plot.right(), yOne));
  painter.drawText(QRectF(plot.right() - 60, yOne - fm.height(), 58, fm.height()),
                   Qt::AlignRight | Qt::AlignBottom, QStringLiteral("ρ = 1"));
  painter.setPen(text);
  painter.drawLine(plot.bottomLeft(), plot.bottomRight());
  painter.drawLine(plot.bottomLeft(), plot.topLeft());

  // Rotated y title and the x axis.
  painter.save();
  painter.translate(
      plot.left() - fm.horizontalAdvance(QStringLiteral("0.00")) - Gap - fm.height() / 2,
      plot.center().y());
  painter.rotate(-90);
  painter.drawText(QRect(-plot.height(), -fm.height() / 2, 2 * plot.height(), fm.height()),
                   Qt::AlignCenter, QStringLiteral("ρ"));
  painter.restore();
  const QRect xLabels(plot.left() - 40, plot.bottom() + 3, plot.width() + 80, fm.height());
  painter.drawText(QRect(plot.left(), xLabels.bottom() + 2, plot.width(), fm.height()),
                   Qt::AlignCenter, tr("iteration"));
  if (m_history.empty()) {
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(plot, Qt::AlignCenter, tr("No spectrum yet"));
    return;
  }
  const long first = m_history.front().iteration;
  const long last = m_history.back().iteration;
  painter.drawText(QRect(plot.left() - 40, xLabels.top(), 80, fm.height()), Qt::AlignCenter,
                   QString::number(first));
  if (last != first) {
    painter.drawText(QRect(plot.right() - 40, xLabels.top(), 80, fm.height()), Qt::AlignCenter,
                     QString::number(last));
  }

  painter.setRenderHint(QPainter::Antialiasing, true);
  painter.setClipRect(plot.adjusted(0, -4, 4, 0));
  QPainterPath path;
  for (std::size_t i = 0; i < m_history.size(); ++i) {
    const QPointF p = toHistory(layout, m_history[i]);
    if (i == 0) {
      path.moveTo(p);
    } else {
      path.lineTo(p);
    }
  }
  painter.setPen(QPen(RadiusColor, PresentationStyle::current().lineWidth(1.8)));
  painter.setBrush(Qt::NoBrush);
  painter.drawPath(path);
  const QPointF lastPoint = toHistory(layout, m_history.back());
  painter.setPen(QPen(Qt::white, 1));
  painter.setBrush(RadiusColor);
  painter.drawEllipse(lastPoint, 3.5, 3.5);
  painter.setClipping(false);
  painter.setRenderHint(QPainter::Antialiasing, false);
}
