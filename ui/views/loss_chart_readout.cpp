// The readout under the loss chart: what the hovered (or latest) iteration's loss was, in the
// shown unit, with the second series' nearest point.

#include <QFontMetrics>
#include <QLabel>
#include <algorithm>
#include <cmath>

#include "views/loss_chart.h"

void LossChart::showEmptyReadout() {
  // A session opened from a file trained elsewhere: its losses before the file's iteration were
  // not saved with it, and "no iterations yet" would contradict the iteration counter.
  const QString text = m_startIteration > 0
                           ? tr("from iteration %L1 (earlier losses not saved)")
                                 .arg(m_startIteration)
                           : tr("no iterations yet");
  setReadout(text, text);
}

void LossChart::showReadout(long index) {
  if (index < 0 || index >= static_cast<long>(m_history.size())) {
    return;
  }
  const double loss = m_history[static_cast<std::size_t>(index)];
  const long iteration = m_firstIteration + index;
  const QString prefix = m_hoveredIndex >= 0 ? QString() : tr("latest: ");
  QString text;
  if (!m_history.isExact(static_cast<std::size_t>(index))) {
    // An old iteration of a long run: only its bucket's summary is kept.
    const auto [begin, end] = m_history.span(static_cast<std::size_t>(index));
    const rnnlab::LossRecord::Summary s = m_history.summarize(begin, end - 1);
    text = tr("%1iterations %2–%3 (one bucket)   mean %4   min %5   max %6")
               .arg(prefix)
               .arg(m_firstIteration + static_cast<long>(begin))
               .arg(m_firstIteration + static_cast<long>(end) - 1)
               .arg(QString::asprintf("%.4g", shownValue(s.mean)))
               .arg(QString::asprintf("%.4g", shownValue(s.min)))
               .arg(QString::asprintf("%.4g", shownValue(s.max)));
  } else if (m_characters > 0) {
    text = tr("%1iteration %2   loss/char %3   perplexity %4")
               .arg(prefix)
               .arg(iteration)
               .arg(QString::asprintf("%.4g", loss / m_characters))
               .arg(QString::asprintf("%.4g", std::exp(loss / m_characters)));
  } else {
    text = tr("%1iteration %2   loss %3")
               .arg(prefix)
               .arg(iteration)
               .arg(QString::asprintf("%.6g", loss));
  }
  // The second series' nearest point at or before the iteration.
  const auto after =
      std::upper_bound(m_second.begin(), m_second.end(), static_cast<double>(iteration),
                       [](double x, const QPointF& p) { return x < p.x(); });
  if (after != m_second.begin()) {
    const QPointF& point = *(after - 1);
    text += u'\n' + tr("%1 %2 (it. %3)")
                .arg(m_secondName)
                .arg(QString::asprintf("%.4g", shownValue(point.y())))
                .arg(static_cast<long>(point.x()));
  }
  setReadout(text, text + u'\n' + QString::number(loss, 'g', 17));
}

void LossChart::setReadout(const QString& text, const QString& toolTip) {
  m_readoutText = text;
  m_readout->setToolTip(toolTip);
  fitReadout();
}

void LossChart::fitReadout() {
  // A narrow dock cut "perplexity 25.35" to "perplex": a line too wide breaks at the gaps
  // between its fields instead, as many fields on a line as fit.
  static const QString gap = QStringLiteral("   ");
  const QFontMetrics metrics(m_readout->font());
  const int width = m_readout->contentsRect().width();
  QStringList lines;
  for (const QString& line : m_readoutText.split(u'\n')) {
    if (metrics.horizontalAdvance(line) <= width) {
      lines << line;
      continue;
    }
    QString current;
    for (const QString& field : line.split(gap)) {
      const QString longer = current.isEmpty() ? field : current + gap + field;
      if (!current.isEmpty() && metrics.horizontalAdvance(longer) > width) {
        lines << current;
        current = field;
      } else {
        current = longer;
      }
    }
    lines << current;
  }
  m_readout->setText(lines.join(u'\n'));
}

