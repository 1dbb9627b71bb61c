#include "inspection/jacobian_norm_chart.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

#include "widgets/presentation_style.h"

namespace {

const QColor StepColor(33, 102, 172);
const QColor ProductColor(178, 24, 43);
constexpr double Floor = 1e-12;  // log scale: smaller norms are drawn at the floor

}  // namespace

JacobianNormChart::JacobianNormChart(QWidget* parent)
    : QWidget(parent),
      // Inline and at once: a call after a quiet spell shows its norms when it returns.
      m_job(
          {nullptr, 1000 / MaxUpdatesPerSecond, JobStart::AtOnce}, &JacobianNormChart::compute,
          [this](const Input&, const Computed& computed) {
            m_reverse = computed.reverse;
            if (computed.problem.isEmpty()) {
              setNorms(computed.norms, computed.cell);
              return;
            }
            m_norms = {};
            m_problem = computed.problem;
            m_cell = computed.cell;
            update();
          },
          [](const Input&) { return true; }) {
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void JacobianNormChart::setModelAndPass(const rnnlab::Model& model,
                                        const rnnlab::ForwardPass& pass) {
  m_job.request(Input{model, pass});
}

JacobianNormChart::Computed JacobianNormChart::compute(const Input& input,
                                                       const std::atomic<bool>& /*cancel*/) {
  const rnnlab::ModelConfig& config = input.model.config;
  const double S = static_cast<double>(rnnlab::stateSize(config.cell, config.hiddenSize));
  const double work = static_cast<double>(input.pass.steps()) * S * S * S;
  Computed computed;
  computed.cell = config.cell;
  computed.reverse = input.pass.shownDirection(config) == 1;
  if (work > MaxWork) {
    computed.problem =
        tr("Not computed here: T·S³ = %L1 multiply-adds is too many for the window (S = "
           "%2 state numbers). The memory view shows how far back the outputs look.")
            .arg(work, 0, 'g', 3)
            .arg(static_cast<int>(S));
    return computed;
  }
  computed.norms = rnnlab::recurrentJacobianNorms(input.model, input.pass);
  return computed;
}

void JacobianNormChart::setNorms(const rnnlab::RecurrentJacobianNorms& norms,
                                 rnnlab::CellKind cell) {
  m_norms = norms;
  m_cell = cell;
  m_problem.clear();
  double low = 1.0;
  double high = 1.0;
  for (const rnnlab::Vector* v : {&m_norms.stepNorms, &m_norms.productNorms}) {
    for (double x : *v) {
      if (std::isfinite(x)) {
        low = std::min(low, std::max(x, Floor));
        high = std::max(high, x);
      }
    }
  }
  m_logLow = std::floor(std::log10(low));
  m_logHigh = std::max(std::ceil(std::log10(high)), m_logLow + 1.0);
  update();
}

void JacobianNormChart::clear() {
  m_norms = {};
  m_problem.clear();
  update();
}

QString JacobianNormChart::caption() const {
  if (!m_problem.isEmpty()) {
    return m_problem;
  }
  if (m_norms.stepNorms.size() == 0) {
    return tr("No forward pass yet.");
  }
  const QString state = m_cell == rnnlab::CellKind::Lstm ? tr("s = (h, c)") : tr("s = h");
  if (m_reverse) {
    return tr("For a gated cell Whh's eigenvalues do not say how long it remembers; the "
              "Jacobian of each step does. This reverse cell reads from t = T back to 1. Blue: "
              "‖∂h_t/∂h_{t+1}‖₂ per step. Red: ‖∂s_t/∂s_{T+1}‖₂ (%1), how strongly a change of "
              "its initial state still reaches step t. Log scale.")
        .arg(state);
  }
  return tr("For a gated cell Whh's eigenvalues do not say how long it remembers; the Jacobian "
            "of each step does. Blue: ‖∂h_t/∂h_{t−1}‖₂ per step. Red: ‖∂s_t/∂s_0‖₂ (%1), how "
            "strongly a change of the initial state still reaches step t. Log scale.")
      .arg(state);
}

int JacobianNormChart::captionHeight() const {
  return fontMetrics()
      .boundingRect(QRect(0, 0, std::max(width() - 12, 50), 10000),
                    Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, caption())
      .height();
}

QRect JacobianNormChart::plotRect() const {
  const QFontMetrics metrics = fontMetrics();
  return rect().adjusted(metrics.horizontalAdvance(QStringLiteral("1e-10")) + 10,
                         captionHeight() + 12, -10, -metrics.height() - 10);
}

double JacobianNormChart::valueOf(int series, int step) const {
  const rnnlab::Vector& v = series == 0 ? m_norms.stepNorms : m_norms.productNorms;
  return v(step);
}

QPointF JacobianNormChart::pointOf(int series, int step) const {
  const QRect plot = plotRect();
  const auto steps = static_cast<double>(std::max<rnnlab::Index>(m_norms.stepNorms.size(), 1));
  const double x = plot.left() + (steps > 1 ? plot.width() * step / (steps - 1) : 0.0);
  const double value = std::max(valueOf(series, step), Floor);
  const double fraction = (std::log10(value) - m_logLow) / (m_logHigh - m_logLow);
  return {x, plot.bottom() - fraction * plot.height()};
}

void JacobianNormChart::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.fillRect(rect(), palette().color(QPalette::Base));
  const QColor text = palette().color(QPalette::WindowText);
  painter.setPen(text);
  const QFontMetrics metrics = fontMetrics();
  const QRect captionBox = rect().adjusted(6, 4, -6, 0);
  painter.drawText(QRect(captionBox.topLeft(), QSize(captionBox.width(), captionHeight())),
                   Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, caption());
  const rnnlab::Index steps = m_norms.stepNorms.size();
  if (steps == 0) {
    return;
  }
  const QRect plot = plotRect();
  painter.drawRect(plot.adjusted(0, 0, -1, -1));
  // Decades on the log axis, and 1 (neither growing nor fading) drawn stronger.
  for (int e = static_cast<int>(m_logLow); e <= static_cast<int>(m_logHigh); ++e) {
    const double fraction = (e - m_logLow) / (m_logHigh - m_logLow);
    const int y = static_cast<int>(std::lround(plot.bottom() - fraction * plot.height()));
    painter.setPen(QPen(e == 0 ? text : palette().color(QPalette::Mid),
                        PresentationStyle::current().lineWidth(e == 0 ? 1.5 : 1),
                        e == 0 ? Qt::DashLine : Qt::DotLine));
    painter.drawLine(plot.left(), y, plot.right(), y);
    painter.setPen(text);
    const QString label = e == 0 ? QStringLiteral("1") : QStringLiteral("1e%1").arg(e);
    painter.drawText(QRect(0, y - metrics.height() / 2, plot.left() - 4, metrics.height()),
                     Qt::AlignRight | Qt::AlignVCenter, label);
  }
  painter.drawText(QRect(plot.left(), plot.bottom() + 2, plot.width(), metrics.height()),
                   Qt::AlignHCenter, tr("time step t = 1 … %1").arg(steps));
  painter.setRenderHint(QPainter::Antialiasing);
  for (int series = 0; series < 2; ++series) {
    QPainterPath path;
    for (int t = 0; t < steps; ++t) {
      const QPointF p = pointOf(series, t);
      if (t == 0) {
        path.moveTo(p);
      } else {
        path.lineTo(p);
      }
    }
    painter.setPen(
        QPen(series == 0 ? StepColor : ProductColor, PresentationStyle::current().lineWidth(2)));
    painter.drawPath(path);
  }
}
