#include "text/text_chunk_view.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <numeric>

#include "text/colored_text_view.h"
#include "widgets/color_scale.h"

TextChunkView::TextChunkView(QWidget* parent)
    : QWidget(parent),
      m_view(new ColoredTextView),
      m_caption(new QLabel),
      m_follow(new QCheckBox(tr("Follow training"))),
      m_start(new QSpinBox) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  auto* row = new QHBoxLayout;
  m_follow->setChecked(true);
  m_follow->setToolTip(
      tr("Show the chunk training reads next, from the state it carries; off: a passage you "
         "choose, read from h0"));
  row->addWidget(m_follow);
  row->addWidget(new QLabel(tr("from character")));
  m_start->setRange(0, 0);
  m_start->setToolTip(tr("Where the passage starts in the text"));
  row->addWidget(m_start);
  row->addStretch(1);
  layout->addLayout(row);
  m_caption->setWordWrap(true);
  layout->addWidget(m_caption);
  auto* scroll = new QScrollArea;
  scroll->setWidgetResizable(true);
  scroll->setWidget(m_view);
  layout->addWidget(scroll, 1);
  connect(m_follow, &QCheckBox::toggled, this, &TextChunkView::rerun);
  connect(m_start, &QSpinBox::valueChanged, this, [this](int start) {
    if (m_passage.start != start) {
      choosePassage(start);
    }
  });
  clear();
}

bool TextChunkView::followsTraining() const { return m_follow->isChecked(); }

void TextChunkView::setFollowsTraining(bool follow) { m_follow->setChecked(follow); }

void TextChunkView::choosePassage(long start) {
  {
    const QSignalBlocker blocker(m_start);
    m_start->setValue(static_cast<int>(start));
  }
  if (m_follow->isChecked()) {
    m_follow->setChecked(false);  // reruns
  } else {
    rerun();
  }
}

void TextChunkView::rerun() {
  if (!m_model) {
    return;
  }
  if (m_follow->isChecked()) {
    run(m_trainingStart, m_h, m_c);
  } else {
    run(m_start->value(), rnnlab::Vector(), rnnlab::Vector());
  }
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
  m_model = model;
  if (!(m_text == text)) {
    m_text = text;
    const QSignalBlocker blocker(m_start);
    m_start->setRange(0, static_cast<int>(std::max<long>(text.size() - 2, 0)));
  }
  m_iteration = iteration;
  m_trainingStart = start;
  m_length = length;
  m_h = h;
  m_c = c;
  rerun();
}

void TextChunkView::run(long start, const rnnlab::Vector& h, const rnnlab::Vector& c) {
  const rnnlab::Model& model = *m_model;
  const rnnlab::TextData& text = m_text;
  const long iteration = m_iteration;
  m_passage = textPassage(text, start, m_length);
  if (m_passage.size() == 0 || model.config.inputSize != text.vocabularySize()) {
    clear();
    return;
  }
  if (m_follow->isChecked()) {
    const QSignalBlocker blocker(m_start);
    m_start->setValue(static_cast<int>(m_passage.start));
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
  m_caption->setText(tr("Characters %1–%2 (%6) at iteration %3: mean loss %4 per character "
                        "(white 0, red ≥ ln V = %5). Hover a character for the next-character "
                        "guesses.")
                         .arg(m_passage.start)
                         .arg(m_passage.start + m_passage.size() - 1)
                         .arg(iteration)
                         .arg(meanLoss(), 0, 'f', 3)
                         .arg(m_lossScale, 0, 'f', 2)
                         .arg(m_follow->isChecked() ? tr("following training")
                                                    : tr("chosen, read from h0")));
}
