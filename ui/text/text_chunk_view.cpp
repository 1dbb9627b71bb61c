#include "text/text_chunk_view.h"

#include <QScrollArea>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <numeric>

#include "text/colored_text_view.h"
#include "widgets/color_scale.h"

TextChunkView::TextChunkView(QWidget* parent)
    : QWidget(parent), m_view(new ColoredTextView), m_caption(new QLabel) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  m_caption->setWordWrap(true);
  layout->addWidget(m_caption);
  auto* scroll = new QScrollArea;
  scroll->setWidgetResizable(true);
  scroll->setWidget(m_view);
  layout->addWidget(scroll, 1);
  clear();
}

void TextChunkView::clear() {
  m_passage = {};
  m_view->clear();
  m_caption->setText(tr("No text to show."));
}

int TextChunkView::characterCount() const { return m_passage.size(); }

double TextChunkView::characterLoss(int index) const {
  if (index < 0 || index >= m_passage.size()) {
    return 0.0;
  }
  return m_pass.stepLoss(index);
}

std::vector<CharacterPrediction> TextChunkView::topPredictions(int index) const {
  std::vector<CharacterPrediction> out;
  if (index < 0 || index >= m_passage.size()) {
    return out;
  }
  const auto p = m_pass.probabilities.col(index);
  std::vector<int> order(static_cast<std::size_t>(p.size()));
  std::iota(order.begin(), order.end(), 0);
  const auto count = std::min<std::size_t>(5, order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<long>(count), order.end(),
                    [&](int a, int b) { return p(a) > p(b) || (p(a) == p(b) && a < b); });
  for (std::size_t k = 0; k < count; ++k) {
    out.push_back({m_vocabulary[static_cast<std::size_t>(order[k])], p(order[k])});
  }
  return out;
}

double TextChunkView::meanLoss() const {
  return m_passage.size() > 0 ? m_pass.stepLoss.head(m_passage.size()).mean() : 0.0;
}

void TextChunkView::showPassage(const rnnlab::Model& model, const rnnlab::TextData& text,
                                long start, int length, long iteration, const rnnlab::Vector& h,
                                const rnnlab::Vector& c) {
  m_passage = textPassage(text, start, length);
  if (m_passage.size() == 0 || model.config.inputSize != text.vocabularySize()) {
    clear();
    return;
  }
  m_vocabulary = text.vocabulary;
  runPassage(model, m_passage, m_pass, h, c);
  m_lossScale = std::log(static_cast<double>(std::max(text.vocabularySize(), 2)));
  std::vector<QColor> colors;
  std::vector<QString> tips;
  for (int t = 0; t < m_passage.size(); ++t) {
    const double loss = m_pass.stepLoss(t);
    colors.push_back(divergingColor(loss, m_lossScale));
    const char32_t next = text.vocabulary[static_cast<std::size_t>(m_passage.targets[t])];
    QString tip = tr("after %1 comes %2: p = %3, loss %4<br>")
                      .arg(characterLabel(m_passage.characters[static_cast<std::size_t>(t)])
                               .toHtmlEscaped(),
                           characterLabel(next).toHtmlEscaped())
                      .arg(m_pass.probabilities(m_passage.targets[t], t), 0, 'f', 3)
                      .arg(loss, 0, 'f', 2);
    tip += tr("the network's top 5:") + QStringLiteral("<table>");
    for (const CharacterPrediction& prediction : topPredictions(t)) {
      tip += QStringLiteral("<tr><td>%1</td><td align=right>%2</td></tr>")
                 .arg(characterLabel(prediction.character).toHtmlEscaped())
                 .arg(prediction.probability, 0, 'f', 3);
    }
    tip += QStringLiteral("</table>");
    tips.push_back(tip);
  }
  m_view->setCharacters(m_passage.characters, std::move(colors), std::move(tips));
  m_caption->setText(tr("Characters %1–%2 at iteration %3: mean loss %4 per character "
                        "(white 0, red ≥ ln V = %5). Hover a character for the next-character "
                        "guesses.")
                         .arg(m_passage.start)
                         .arg(m_passage.start + m_passage.size() - 1)
                         .arg(iteration)
                         .arg(meanLoss(), 0, 'f', 3)
                         .arg(m_lossScale, 0, 'f', 2));
}
