#include "inspection/gradient_flow_strip.h"

#include <QHelpEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>
#include <algorithm>
#include <cmath>
#include <limits>

#include "rnnlab/backward_pass.h"
#include "rnnlab/step_inspection.h"
#include "widgets/axis_ticks.h"
#include "widgets/presentation_style.h"
#include "widgets/tool_tips.h"

namespace {

constexpr int Margin = 6;
constexpr int Gap = 4;
constexpr int MaximumBarWidth = 36;
const QColor HiddenColor(0x21, 0x66, 0xac);         // bars: ‖δh_t‖
const QColor PreActivationColor(0xd9, 0x5f, 0x02);  // line: ‖δa_t‖
const QColor CellColor(0x1b, 0x9e, 0x77);           // line: ‖δc_t‖ (LSTM)
const QColor NonFiniteColor(0xb2, 0x18, 0x2b);
const QColor ZeroColor(0x75, 0x75, 0x75);
const QColor GridColor(0xe0, 0xe0, 0xe0);
const QColor HighlightColor(0xff, 0xd5, 0x4f, 110);

// "10⁻³": a decade as a power of ten with superscript digits.
QString decadeLabel(int decade) {
  static const QChar Superscripts[] = {QChar(0x2070), QChar(0x00b9), QChar(0x00b2), QChar(0x00b3),
                                       QChar(0x2074), QChar(0x2075), QChar(0x2076), QChar(0x2077),
                                       QChar(0x2078), QChar(0x2079)};
  if (decade == 0) {
    return QStringLiteral("1");
  }
  QString label = QStringLiteral("10");
  if (decade < 0) {
    label += QChar(0x207b);
  }
  for (const QChar digit : QString::number(std::abs(decade))) {
    label += Superscripts[digit.digitValue()];
  }
  return label;
}

QString roundedAndExact(double value) {
  if (value == 0.0) {
    return GradientFlowStrip::tr("0 (exactly)");
  }
  if (!std::isfinite(value)) {
    return QString::number(value);  // "inf" or "nan"
  }
  return QStringLiteral("%1   (%2)")
      .arg(QString::number(value, 'e', 3), QString::number(value, 'g', 17));
}

bool isPositiveFinite(double value) { return value > 0.0 && std::isfinite(value); }

}  // namespace

GradientFlowStrip::GradientFlowStrip(QWidget* parent) : QWidget(parent) {
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
  setAttribute(Qt::WA_OpaquePaintEvent);
}

void GradientFlowStrip::setBackwardPass(const rnnlab::BackwardPass& pass) {
  const rnnlab::Vector hidden = rnnlab::hiddenGradientNorms(pass);
  const rnnlab::Vector preActivation = rnnlab::preActivationGradientNorms(pass);
  m_hiddenNorms.assign(hidden.data(), hidden.data() + hidden.size());
  m_preActivationNorms.assign(preActivation.data(), preActivation.data() + preActivation.size());
  const rnnlab::Vector cell = rnnlab::cellGradientNorms(pass);
  m_cellNorms.assign(cell.data(), cell.data() + cell.size());
  m_gated = pass.gateGrad.size() > 0;
  if (m_highlightedStep >= barCount()) {
    m_highlightedStep = -1;
  }
  updateDecades();
  update();
}

void GradientFlowStrip::setClipStatistics(long clippedIterations, long iterations,
                                          double lastNormBefore, double lastNormAfter) {
  m_hasClipStatistics = true;
  m_clippedIterations = clippedIterations;
  m_iterations = iterations;
  m_lastNormBefore = lastNormBefore;
  m_lastNormAfter = lastNormAfter;
  update();
}

void GradientFlowStrip::clear() {
  m_hiddenNorms.clear();
  m_preActivationNorms.clear();
  m_cellNorms.clear();
  m_gated = false;
  m_highlightedStep = -1;
  m_hasClipStatistics = false;
  updateDecades();
  update();
}

void GradientFlowStrip::setCellName(const QString& name) {
  if (name != m_cellName) {
    m_cellName = name;
    update();
  }
}

void GradientFlowStrip::setHighlightedStep(int step) {
  const int clamped = (step >= 0 && step < barCount()) ? step : -1;
  if (clamped != m_highlightedStep) {
    m_highlightedStep = clamped;
    update();
  }
}

void GradientFlowStrip::updateDecades() {
  double low = std::numeric_limits<double>::infinity();
  double high = -low;
  for (const std::vector<double>* values : {&m_hiddenNorms, &m_preActivationNorms, &m_cellNorms}) {
    for (const double v : *values) {
      if (isPositiveFinite(v)) {
        low = std::min(low, v);
        high = std::max(high, v);
      }
    }
  }
  if (!std::isfinite(low)) {
    m_lowDecade = -3;
    m_highDecade = 0;
    return;
  }
  m_lowDecade = static_cast<int>(std::floor(std::log10(low)));
  m_highDecade = static_cast<int>(std::ceil(std::log10(high)));
  if (m_highDecade <= m_lowDecade) {
    m_highDecade = m_lowDecade + 1;
  }
}

QString GradientFlowStrip::clipStatisticsText() const {
  if (!m_hasClipStatistics || m_iterations <= 0) {
    return tr("Clipping: no iterations yet");
  }
  const double percent =
      100.0 * static_cast<double>(m_clippedIterations) / static_cast<double>(m_iterations);
  QString text = tr("Clipping acted in %1 of %2 iterations (%3 %)")
                     .arg(m_clippedIterations)
                     .arg(m_iterations)
                     .arg(QString::number(percent, 'f', 1));
  if (m_lastNormBefore == m_lastNormAfter) {
    text += tr(" · last ‖g‖ %1, not clipped").arg(QString::number(m_lastNormBefore, 'g', 4));
  } else {
    text += tr(" · last ‖g‖ %1 → %2")
                .arg(QString::number(m_lastNormBefore, 'g', 4),
                     QString::number(m_lastNormAfter, 'g', 4));
    if (isPositiveFinite(m_lastNormBefore)) {
      text +=
          QStringLiteral(" (×%1)").arg(QString::number(m_lastNormAfter / m_lastNormBefore, 'g', 3));
    }
  }
  return text;
}

QString GradientFlowStrip::compactClipStatisticsText() const {
  if (!m_hasClipStatistics || m_iterations <= 0) {
    return tr("Clipping: none yet");
  }
  const double percent =
      100.0 * static_cast<double>(m_clippedIterations) / static_cast<double>(m_iterations);
  return tr("Clipped %1/%2 (%3 %) · ‖g‖ %4 → %5")
      .arg(m_clippedIterations)
      .arg(m_iterations)
      .arg(QString::number(percent, 'f', 1), QString::number(m_lastNormBefore, 'g', 3),
           QString::number(m_lastNormAfter, 'g', 3));
}

QSize GradientFlowStrip::sizeHint() const { return {560, 280}; }

QSize GradientFlowStrip::minimumSizeHint() const { return {260, 170}; }

GradientFlowStrip::Layout GradientFlowStrip::computeLayout() const {
  const QFontMetrics fm(font());
  const int line = fm.height();
  Layout layout;
  const QRect area = rect().adjusted(Margin, Margin, -Margin, -Margin);
  layout.title = QRect(area.left(), area.top(), area.width(), line);
  layout.footer =
      QRect(area.left(), area.bottom() - 2 * line - Gap + 1, area.width(), 2 * line + Gap);
  // Left: the rotated axis title, then the decade labels ("10⁻³⁰⁰" is the widest).
  const int left = area.left() + line + Gap + decadeLabelWidth() + Gap;
  const int right = area.right() - fm.horizontalAdvance(QStringLiteral("00")) / 2;
  const int xLabelsTop = layout.footer.top() - Gap - line;
  layout.xLabels = QRect(left, xLabelsTop, right - left + 1, line);
  layout.zeroBand = QRect(left, xLabelsTop - Gap - line, right - left + 1, line);
  const int plotTop = layout.title.bottom() + Gap + line / 2;
  layout.plot =
      QRect(left, plotTop, right - left + 1, std::max(10, layout.zeroBand.top() - Gap - plotTop));
  return layout;
}

int GradientFlowStrip::decadeLabelWidth() const {
  const QFontMetrics fm(font());
  return std::max({fm.horizontalAdvance(decadeLabel(m_lowDecade)),
                   fm.horizontalAdvance(decadeLabel(m_highDecade)),
                   fm.horizontalAdvance(QStringLiteral("10"))});
}

double GradientFlowStrip::columnWidth(const Layout& layout) const {
  return barCount() > 0 ? static_cast<double>(layout.plot.width()) / barCount() : 0.0;
}

double GradientFlowStrip::yFor(const Layout& layout, double value) const {
  const double f = (std::log10(value) - m_lowDecade) / (m_highDecade - m_lowDecade);
  return layout.plot.bottom() + 1 - std::clamp(f, 0.0, 1.0) * layout.plot.height();
}

QRect GradientFlowStrip::barRectIn(const Layout& layout, int step) const {
  if (step < 0 || step >= barCount()) {
    return {};
  }
  const double cw = columnWidth(layout);
  const double width = std::clamp(cw * 0.7, 1.0, static_cast<double>(MaximumBarWidth));
  const double center = layout.plot.left() + (step + 0.5) * cw;
  const int x = static_cast<int>(std::lround(center - width / 2));
  const int w = std::max(1, static_cast<int>(std::lround(width)));
  const double v = m_hiddenNorms[static_cast<std::size_t>(step)];
  if (v == 0.0) {
    return QRect(x, layout.zeroBand.top() + 2, w, 4);
  }
  if (!std::isfinite(v)) {
    return QRect(x, layout.plot.top(), w, layout.plot.height());
  }
  const int top = static_cast<int>(std::lround(yFor(layout, v)));
  return QRect(QPoint(x, std::min(top, layout.plot.bottom())),
               QPoint(x + w - 1, layout.plot.bottom()));
}

QPointF GradientFlowStrip::linePointIn(const Layout& layout, int step) const {
  return linePointIn(layout, step, m_preActivationNorms);
}

QPointF GradientFlowStrip::linePointIn(const Layout& layout, int step,
                                       const std::vector<double>& values) const {
  const double x = layout.plot.left() + (step + 0.5) * columnWidth(layout);
  const double v = values[static_cast<std::size_t>(step)];
  if (v == 0.0) {
    return {x, layout.zeroBand.center().y() + 0.5};
  }
  if (!std::isfinite(v)) {
    return {x, static_cast<double>(layout.plot.top())};
  }
  return {x, yFor(layout, v)};
}

QRect GradientFlowStrip::barRect(int step) const { return barRectIn(computeLayout(), step); }

QPointF GradientFlowStrip::cellLinePoint(int step) const {
  if (step < 0 || step >= static_cast<int>(m_cellNorms.size())) {
    return {};
  }
  return linePointIn(computeLayout(), step, m_cellNorms);
}

QString GradientFlowStrip::preActivationName() const {
  return m_gated ? tr("‖δ gates‖") : tr("‖δa_t‖");
}

int GradientFlowStrip::stepAt(const QPoint& position) const {
  const Layout layout = computeLayout();
  if (barCount() == 0 || position.x() < layout.plot.left() || position.x() > layout.plot.right() ||
      position.y() < layout.plot.top() || position.y() > layout.xLabels.bottom()) {
    return -1;
  }
  // The pixel's centre decides, as it does for the drawn (rounded) bars.
  const int step =
      static_cast<int>(std::floor((position.x() + 0.5 - layout.plot.left()) / columnWidth(layout)));
  return std::clamp(step, 0, barCount() - 1);
}

QString GradientFlowStrip::toolTipTextAt(const QPoint& position) const {
  const int step = stepAt(position);
  if (step < 0) {
    // The clipping line may be elided on a narrow widget: its tooltip has it in full.
    return computeLayout().footer.contains(position) ? clipStatisticsText() : QString();
  }
  const auto s = static_cast<std::size_t>(step);
  QString text = tr("t = %1 of %2\n‖∂L/∂h_t‖ = %3\n%4 = %5")
                     .arg(step + 1)
                     .arg(barCount())
                     .arg(roundedAndExact(m_hiddenNorms[s]), preActivationName(),
                          roundedAndExact(m_preActivationNorms[s]));
  if (s < m_cellNorms.size()) {
    text += tr("\n‖∂L/∂c_t‖ = %1").arg(roundedAndExact(m_cellNorms[s]));
  }
  return text;
}

bool GradientFlowStrip::event(QEvent* event) {
  if (event->type() == QEvent::ToolTip) {
    auto* help = static_cast<QHelpEvent*>(event);
    answerToolTip(this, help, toolTipTextAt(help->pos()));
    return true;
  }
  return QWidget::event(event);
}

void GradientFlowStrip::paintEvent(QPaintEvent* /*event*/) {
  QPainter painter(this);
  painter.fillRect(rect(), palette().color(QPalette::Base));
  const Layout layout = computeLayout();

  // Legend at the right, the title elided into what is left of the line.
  const QFontMetrics fm(font());
  const QString hiddenName = tr("‖∂L/∂h_t‖");
  const QString preName = preActivationName();
  const int swatch = fm.height() - 4;
  const int preWidth = fm.horizontalAdvance(preName) + 4;
  const int hiddenWidth = fm.horizontalAdvance(hiddenName) + 4;
  const int centerY = layout.title.center().y();
  painter.setPen(palette().color(QPalette::Text));
  int x = layout.title.right() - preWidth;
  painter.drawText(QRect(x, layout.title.top(), preWidth, layout.title.height()),
                   Qt::AlignLeft | Qt::AlignVCenter, preName);
  x -= swatch + 2 + Gap;
  painter.setRenderHint(QPainter::Antialiasing, true);
  painter.setPen(QPen(PreActivationColor, PresentationStyle::current().lineWidth(2)));
  painter.drawLine(x, centerY, x + swatch + 2, centerY);
  painter.setBrush(PreActivationColor);
  painter.drawEllipse(QPointF(x + swatch / 2.0 + 1, centerY + 0.5), 2.5, 2.5);
  painter.setRenderHint(QPainter::Antialiasing, false);
  if (!m_cellNorms.empty()) {
    const QString cellName = tr("‖∂L/∂c_t‖");
    const int cellWidth = fm.horizontalAdvance(cellName) + 4;
    x -= 2 * Gap + cellWidth;
    painter.setPen(palette().color(QPalette::Text));
    painter.drawText(QRect(x, layout.title.top(), cellWidth, layout.title.height()),
                     Qt::AlignLeft | Qt::AlignVCenter, cellName);
    x -= swatch + 2 + Gap;
    painter.setPen(QPen(CellColor, PresentationStyle::current().lineWidth(2)));
    painter.drawLine(x, centerY, x + swatch + 2, centerY);
  }
  x -= 2 * Gap + hiddenWidth;
  painter.setPen(palette().color(QPalette::Text));
  painter.drawText(QRect(x, layout.title.top(), hiddenWidth, layout.title.height()),
                   Qt::AlignLeft | Qt::AlignVCenter, hiddenName);
  x -= swatch + Gap;
  painter.fillRect(QRect(x, layout.title.top() + 2, swatch, swatch), HiddenColor);
  QFont bold = font();
  bold.setBold(true);
  painter.setFont(bold);
  const int titleWidth = x - 3 * Gap - layout.title.left();
  const QString title = m_cellName.isEmpty()
                            ? tr("Gradient flow through time")
                            : tr("Gradient flow through time · %1").arg(m_cellName);
  painter.drawText(
      QRect(layout.title.left(), layout.title.top(), titleWidth, layout.title.height()),
      Qt::AlignLeft | Qt::AlignVCenter,
      QFontMetrics(bold).elidedText(title, Qt::ElideRight, titleWidth));
  painter.setFont(font());

  drawAxes(painter, layout);
  if (barCount() == 0) {
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(layout.plot, Qt::AlignCenter, tr("No backward pass yet"));
  } else {
    drawData(painter, layout);
  }
  drawFooter(painter, layout);
}

void GradientFlowStrip::drawAxes(QPainter& painter, const Layout& layout) const {
  const QFontMetrics fm(font());
  const QColor text = palette().color(QPalette::Text);
  const QRect& plot = layout.plot;

  // Decades: a grid line for each one that gets a label, labelled often enough to stay apart.
  const int decades = m_highDecade - m_lowDecade;
  const double perDecade = static_cast<double>(plot.height()) / decades;
  const int labelStep = niceStep(1.6 * fm.height() / perDecade);
  for (int d = m_lowDecade; d <= m_highDecade; ++d) {
    const bool labelled = (d % labelStep) == 0;
    if (!labelled && perDecade < 6) {
      continue;
    }
    const double y = plot.bottom() + 1 - (d - m_lowDecade) * perDecade;
    painter.setPen(QPen(labelled ? GridColor : GridColor.lighter(108), 1));
    painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
    if (labelled) {
      painter.setPen(text);
      const QRect label(plot.left() - Gap - 200, static_cast<int>(y) - fm.height() / 2, 200,
                        fm.height());
      painter.drawText(label, Qt::AlignRight | Qt::AlignVCenter, decadeLabel(d));
    }
  }
  painter.setPen(text);
  painter.drawLine(plot.bottomLeft() + QPoint(0, 1), plot.bottomRight() + QPoint(0, 1));
  painter.drawLine(plot.topLeft(), plot.bottomLeft() + QPoint(0, 1));

  // The zero band: a broken axis, because 0 has no place on a log scale.
  const QRect& zero = layout.zeroBand;
  painter.fillRect(zero, QColor(0xf5, 0xf5, 0xf5));
  painter.drawText(QRect(zero.left() - Gap - 200, zero.top(), 200, zero.height()),
                   Qt::AlignRight | Qt::AlignVCenter, QStringLiteral("0"));
  painter.setRenderHint(QPainter::Antialiasing, true);
  for (const int dy : {0, 3}) {
    painter.drawLine(QPointF(plot.left() - 3, zero.top() - dy + 1),
                     QPointF(plot.left() + 3, zero.top() - dy - 2));
  }
  painter.setRenderHint(QPainter::Antialiasing, false);

  // The rotated y title.
  painter.save();
  painter.translate(layout.plot.left() - Gap - decadeLabelWidth() - Gap - fm.height() / 2,
                    (plot.top() + zero.bottom()) / 2);
  painter.rotate(-90);
  painter.drawText(QRect(-plot.height(), -fm.height() / 2, 2 * plot.height(), fm.height()),
                   Qt::AlignCenter, tr("norm (log scale)"));
  painter.restore();

  // Time step labels.
  const int count = barCount();
  if (count == 0) {
    return;
  }
  const double cw = columnWidth(layout);
  const int labelWidth = fm.horizontalAdvance(QString::number(count)) + 10;
  const int step = niceStep(labelWidth / cw);
  int lastRight = std::numeric_limits<int>::min();
  const auto drawLabel = [&](int t) {
    const int center = static_cast<int>(std::lround(plot.left() + (t - 0.5) * cw));
    const QRect label(center - labelWidth / 2, layout.xLabels.top(), labelWidth,
                      layout.xLabels.height());
    if (label.left() < lastRight) {
      return;
    }
    painter.drawLine(center, plot.bottom() + 1, center, plot.bottom() + 3);
    painter.drawText(label, Qt::AlignCenter, QString::number(t));
    lastRight = label.right();
  };
  drawLabel(1);
  for (int t = step; t < count; t += step) {
    if (t > 1 && count - t >= step / 2) {
      drawLabel(t);
    }
  }
  if (count > 1) {
    drawLabel(count);
  }
}

void GradientFlowStrip::drawData(QPainter& painter, const Layout& layout) const {
  const int count = barCount();
  const double cw = columnWidth(layout);
  if (m_highlightedStep >= 0) {
    const int left = static_cast<int>(std::floor(layout.plot.left() + m_highlightedStep * cw));
    const int right =
        static_cast<int>(std::ceil(layout.plot.left() + (m_highlightedStep + 1) * cw));
    painter.fillRect(QRect(QPoint(left, layout.plot.top()),
                           QPoint(std::max(left, right - 1), layout.zeroBand.bottom())),
                     HighlightColor);
  }

  for (int step = 0; step < count; ++step) {
    const double v = m_hiddenNorms[static_cast<std::size_t>(step)];
    const QRect bar = barRectIn(layout, step);
    if (v == 0.0) {
      painter.fillRect(bar, ZeroColor);
    } else if (!std::isfinite(v)) {
      painter.fillRect(bar, QBrush(NonFiniteColor, Qt::BDiagPattern));
      painter.fillRect(QRect(bar.left(), bar.top(), bar.width(), 3), NonFiniteColor);
    } else {
      painter.fillRect(bar, HiddenColor);
    }
  }

  painter.setRenderHint(QPainter::Antialiasing, true);
  QPainterPath path;
  for (int step = 0; step < count; ++step) {
    const QPointF p = linePointIn(layout, step);
    if (step == 0) {
      path.moveTo(p);
    } else {
      path.lineTo(p);
    }
  }
  painter.setBrush(Qt::NoBrush);
  painter.setPen(QPen(PreActivationColor, PresentationStyle::current().lineWidth(1.8)));
  painter.drawPath(path);
  if (static_cast<int>(m_cellNorms.size()) == count) {
    // The LSTM's cell-state path: where its gradient stays up while ‖δh_t‖ fades, c_t carries
    // the memory.
    QPainterPath cellPath;
    for (int step = 0; step < count; ++step) {
      const QPointF p = linePointIn(layout, step, m_cellNorms);
      if (step == 0) {
        cellPath.moveTo(p);
      } else {
        cellPath.lineTo(p);
      }
    }
    painter.setPen(QPen(CellColor, PresentationStyle::current().lineWidth(2.2)));
    painter.drawPath(cellPath);
  }
  const double radius = std::clamp(cw / 5.0, 1.5, 3.5);
  for (int step = 0; step < count && (count == 1 || cw >= 5.0); ++step) {
    const double v = m_preActivationNorms[static_cast<std::size_t>(step)];
    const QColor color = std::isfinite(v) ? PreActivationColor : NonFiniteColor;
    painter.setPen(QPen(Qt::white, 1));
    painter.setBrush(color);
    painter.drawEllipse(linePointIn(layout, step), radius, radius);
  }
  painter.setRenderHint(QPainter::Antialiasing, false);
}

void GradientFlowStrip::drawFooter(QPainter& painter, const Layout& layout) const {
  const QFontMetrics fm(font());
  const QRect axisTitle(layout.footer.left(), layout.footer.top(), layout.footer.width(),
                        fm.height());
  painter.setPen(palette().color(QPalette::Text));
  const QRect titleRect = axisTitle.adjusted(layout.plot.left() - layout.footer.left(), 0, 0, 0);
  QString title = tr("time step t");
  const QString direction =
      tr("   (backpropagation runs from t = %1 back to t = 1 ←)").arg(barCount());
  if (barCount() > 1 && fm.horizontalAdvance(title + direction) <= titleRect.width()) {
    title += direction;
  }
  painter.drawText(titleRect, Qt::AlignHCenter | Qt::AlignVCenter, title);

  // A gauge of the clipped fraction, then the numbers.
  const QRect line(layout.footer.left(), axisTitle.bottom() + Gap, layout.footer.width(),
                   fm.height());
  int textLeft = line.left();
  if (m_hasClipStatistics && m_iterations > 0) {
    const QRect gauge(line.left(), line.top() + 3, 60, line.height() - 6);
    painter.fillRect(gauge, QColor(0xee, 0xee, 0xee));
    const double fraction = std::clamp(
        static_cast<double>(m_clippedIterations) / static_cast<double>(m_iterations), 0.0, 1.0);
    const int filled = static_cast<int>(std::lround(fraction * gauge.width()));
    if (filled > 0) {
      painter.fillRect(QRect(gauge.left(), gauge.top(), filled, gauge.height()),
                       PreActivationColor);
    }
    painter.setPen(ZeroColor);
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(gauge.adjusted(0, 0, -1, -1));
    textLeft = gauge.right() + 2 * Gap;
  }
  painter.setPen(palette().color(QPalette::Text));
  const int available = line.right() - textLeft;
  QString text = clipStatisticsText();
  if (fm.horizontalAdvance(text) > available) {
    text = compactClipStatisticsText();
  }
  painter.drawText(QRect(textLeft, line.top(), available + 1, line.height()),
                   Qt::AlignLeft | Qt::AlignVCenter,
                   fm.elidedText(text, Qt::ElideRight, available));
}
