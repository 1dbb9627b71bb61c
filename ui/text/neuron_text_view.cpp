#include "text/neuron_text_view.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <numeric>

#include "text/colored_text_view.h"
#include "text/neuron_search_panel.h"
#include "widgets/cell_choice.h"
#include "widgets/color_scale.h"
#include "widgets/flow_layout.h"
#include "widgets/layer_picker.h"

namespace {

constexpr int RankedPerFeature = 5;

double pearson(const Eigen::Ref<const rnnlab::Vector>& a, const std::vector<double>& b) {
  const auto n = static_cast<double>(b.size());
  const double meanA = a.mean();
  const double meanB = std::accumulate(b.begin(), b.end(), 0.0) / n;
  double ab = 0.0;
  double aa = 0.0;
  double bb = 0.0;
  for (std::size_t i = 0; i < b.size(); ++i) {
    const double da = a(static_cast<rnnlab::Index>(i)) - meanA;
    const double db = b[i] - meanB;
    ab += da * db;
    aa += da * da;
    bb += db * db;
  }
  return aa > 0.0 && bb > 0.0 ? ab / std::sqrt(aa * bb) : 0.0;
}

bool isQuote(char32_t c) { return c == U'"' || c == U'“' || c == U'”' || c == U'「' || c == U'」'; }

}  // namespace

NeuronTextView::NeuronTextView(QWidget* parent)
    : QWidget(parent),
      m_picker(new LayerPicker),
      m_unit(new QSpinBox),
      m_start(new QSpinBox),
      m_caption(new QLabel),
      m_view(new ColoredTextView),
      m_ranking(new QTreeWidget),
      m_search(new NeuronSearchPanel(m_view)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  // The controls wrap in a narrow dock (a stack's layer picker makes them wider); the caption
  // takes the whole width under them.
  auto* row = new FlowLayout;
  const auto labelled = [row](const QString& label, QWidget* field) {
    auto* group = new QWidget;
    auto* groupLayout = new QHBoxLayout(group);
    groupLayout->setContentsMargins(0, 0, 0, 0);
    groupLayout->addWidget(new QLabel(label));
    groupLayout->addWidget(field);
    row->addWidget(group);
  };
  row->addWidget(m_picker);
  m_unit->setRange(0, 0);
  m_unit->setToolTip(tr("The unit whose value colours the text (blue −1, white 0, red +1)"));
  labelled(tr("Hidden unit"), m_unit);
  m_start->setRange(0, 0);
  m_start->setToolTip(tr("Where the passage starts in the text (read from h0)"));
  labelled(tr("from character"), m_start);
  m_caption->setWordWrap(true);
  layout->addLayout(row);
  layout->addWidget(m_caption);

  auto* splitter = new QSplitter(Qt::Horizontal);
  auto* scroll = new QScrollArea;
  scroll->setWidgetResizable(true);
  scroll->setWidget(m_view);
  splitter->addWidget(scroll);
  m_ranking->setColumnCount(2);
  m_ranking->setHeaderLabels({tr("Find units"), tr("r")});
  m_ranking->setRootIsDecorated(true);
  m_ranking->setMinimumWidth(240);
  m_ranking->header()->setStretchLastSection(false);
  m_ranking->header()->setSectionResizeMode(0, QHeaderView::Stretch);
  m_ranking->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
  m_ranking->setToolTip(
      tr("The units whose values follow each feature of this passage most closely (Pearson "
         "correlation). Click one to colour the text by it."));
  auto* finders = new QTabWidget;
  finders->setDocumentMode(true);
  finders->addTab(m_ranking, tr("By feature"));
  finders->addTab(m_search, tr("By selection"));
  finders->setTabToolTip(1, tr("Drag across the text to find the units that are on there and "
                               "off around it, and where else they fire so"));
  splitter->addWidget(finders);
  // A drag across the text asks the search: it comes to the front (and runs only while shown).
  connect(m_view, &ColoredTextView::brushed, finders,
          [finders, this] { finders->setCurrentWidget(m_search); });
  splitter->setStretchFactor(0, 3);
  splitter->setStretchFactor(1, 1);
  splitter->setSizes({600, 260});
  layout->addWidget(splitter, 1);

  connect(m_picker, &LayerPicker::cellChanged, this, [this] {
    showChosenCell();
    if (m_passage.size() > 0) {
      recolor();
      fillRanking();
    }
  });
  connect(m_unit, &QSpinBox::valueChanged, this, [this](int value) {
    recolor();
    emit unitChanged(value);
  });
  connect(m_start, &QSpinBox::valueChanged, this, [this](int start) {
    if (m_model && m_passage.start != start) {
      run(start);
    }
  });
  connect(m_search, &NeuronSearchPanel::unitPicked, this, &NeuronTextView::setUnit);
  connect(m_search, &NeuronSearchPanel::passageStartRequested, this,
          [this](long start) { m_start->setValue(static_cast<int>(start)); });
  connect(m_ranking, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem* item) {
    const QVariant unit = item->data(0, Qt::UserRole);
    if (unit.isValid()) {
      setUnit(unit.toInt());
    }
  });
  clear();
}

QString NeuronTextView::featureName(Feature feature) {
  switch (feature) {
    case InsideQuotes:
      return tr("inside quotes");
    case EndOfLine:
      return tr("end of line");
    case PositionInLine:
      return tr("position in line");
    case Vowel:
      return tr("vowel");
    case Space:
      return tr("space");
    case FeatureCount:
      break;
  }
  return {};
}

QString NeuronTextView::featureToolTip(Feature feature) {
  switch (feature) {
    case InsideQuotes:
      return tr("1 from an opening quote up to its closing one (\" toggles; “ ” and 「 」 pair)");
    case EndOfLine:
      return tr("1 where the next character is a newline");
    case PositionInLine:
      return tr("how many characters of the line have been read (0 after a newline)");
    case Vowel:
      return tr("1 on a, e, i, o, u (either case)");
    case Space:
      return tr("1 on a space");
    case FeatureCount:
      break;
  }
  return {};
}

std::vector<double> NeuronTextView::featureValues(Feature feature,
                                                  const std::u32string& characters,
                                                  const std::vector<int>& targets,
                                                  const std::u32string& vocabulary) {
  std::vector<double> values;
  bool inside = false;
  int column = 0;
  for (std::size_t i = 0; i < characters.size(); ++i) {
    const char32_t c = characters[i];
    double value = 0.0;
    switch (feature) {
      case InsideQuotes:
        // The opening quote counts as inside, the closing one as outside: after reading it.
        if (isQuote(c)) {
          inside = c == U'“' || c == U'「' ? true : (c == U'”' || c == U'」' ? false : !inside);
        }
        value = inside ? 1.0 : 0.0;
        break;
      case EndOfLine:
        value = i < targets.size() &&
                        vocabulary[static_cast<std::size_t>(targets[i])] == U'\n'
                    ? 1.0
                    : 0.0;
        break;
      case PositionInLine:
        value = column;
        break;
      case Vowel: {
        const char32_t lower = c >= U'A' && c <= U'Z' ? c + 32 : c;
        value = std::u32string_view(U"aeiou").find(lower) != std::u32string_view::npos ? 1.0 : 0.0;
        break;
      }
      case Space:
        value = c == U' ' ? 1.0 : 0.0;
        break;
      case FeatureCount:
        break;
    }
    column = c == U'\n' ? 0 : column + 1;
    values.push_back(value);
  }
  return values;
}

std::vector<UnitCorrelation> NeuronTextView::rankUnits(Feature feature, int count) const {
  std::vector<UnitCorrelation> out;
  if (m_passage.size() < 2) {
    return out;
  }
  const std::vector<double> values =
      featureValues(feature, m_passage.characters, m_passage.targets, m_vocabulary);
  if (std::all_of(values.begin(), values.end(), [&](double v) { return v == values.front(); })) {
    return out;
  }
  const auto states = m_pass.hidden.rightCols(m_passage.size());
  for (int unit = 0; unit < states.rows(); ++unit) {
    out.push_back({unit, pearson(states.row(unit).transpose(), values)});
  }
  std::stable_sort(out.begin(), out.end(), [](const UnitCorrelation& a, const UnitCorrelation& b) {
    return std::abs(a.correlation) > std::abs(b.correlation);
  });
  out.resize(std::min<std::size_t>(out.size(), static_cast<std::size_t>(count)));
  return out;
}

void NeuronTextView::clear() {
  m_passage = {};
  m_view->clear();
  m_ranking->clear();
  m_search->clear();
  m_caption->setText(tr("No text to show."));
}

int NeuronTextView::unit() const { return m_unit->value(); }

void NeuronTextView::setUnit(int unit) { m_unit->setValue(unit); }

double NeuronTextView::activation(int unit, int index) const {
  if (index < 0 || index >= m_passage.size() || unit < 0 || unit >= m_pass.hidden.rows()) {
    return 0.0;
  }
  return m_pass.hidden(unit, index + 1);
}

void NeuronTextView::showPassage(const rnnlab::Model& model, const rnnlab::TextData& text,
                                 long start, int length, long iteration) {
  m_model = model;
  if (!(m_text == text)) {
    m_text = text;
    const QSignalBlocker blocker(m_start);
    m_start->setRange(0, static_cast<int>(std::max<long>(text.size() - 2, 0)));
  }
  m_iteration = iteration;
  m_length = length;
  run(start);
}

void NeuronTextView::showModel(const rnnlab::Model& model, const rnnlab::TextData& text,
                               long iteration, int length) {
  showPassage(model, text, m_start->value(), length, iteration);
}

void NeuronTextView::run(long start) {
  const rnnlab::Model& model = *m_model;
  m_passage = textPassage(m_text, start, m_length);
  if (m_passage.size() == 0 || model.config.inputSize != m_text.vocabularySize()) {
    clear();
    return;
  }
  {
    const QSignalBlocker blocker(m_start);
    m_start->setValue(static_cast<int>(m_passage.start));
  }
  m_vocabulary = m_text.vocabulary;
  runPassage(model, m_passage, m_pass);
  m_picker->choice()->setShape(model.config);
  showChosenCell();
  {
    const QSignalBlocker blocker(m_unit);
    m_unit->setRange(0, model.config.hiddenSize - 1);
  }
  recolor();
  fillRanking();
  m_search->setPassage(model, m_text, m_passage.start, m_pass.hidden.rightCols(m_passage.size()),
                       m_pass.shownLayer(model.config), m_pass.shownDirection(model.config),
                       m_iteration);
}

void NeuronTextView::showChosenCell() {
  const CellChoice* cells = m_picker->choice();
  rnnlab::viewCell(m_pass, cells->layer(), cells->direction());
}

void NeuronTextView::recolor() {
  if (m_passage.size() == 0) {
    return;
  }
  const int u = unit();
  std::vector<QColor> colors;
  std::vector<QString> tips;
  for (int t = 0; t < m_passage.size(); ++t) {
    const double value = activation(u, t);
    colors.push_back(divergingColor(value, 1.0));
    tips.push_back(tr("unit %1 after %2: %3")
                       .arg(u)
                       .arg(characterLabel(m_passage.characters[static_cast<std::size_t>(t)]))
                       .arg(value, 0, 'f', 3));
  }
  m_view->setCharacters(m_passage.characters, std::move(colors), std::move(tips));
  m_caption->setText(tr("Unit %1 of %2 over characters %3–%4 at iteration %5 (blue −1, white 0, "
                        "red +1)")
                         .arg(u)
                         .arg(m_pass.hidden.rows())
                         .arg(m_passage.start)
                         .arg(m_passage.start + m_passage.size() - 1)
                         .arg(m_iteration));
}

void NeuronTextView::fillRanking() {
  m_ranking->clear();
  for (int f = 0; f < FeatureCount; ++f) {
    const auto feature = static_cast<Feature>(f);
    auto* group = new QTreeWidgetItem(m_ranking, {featureName(feature)});
    group->setToolTip(0, featureToolTip(feature));
    const std::vector<UnitCorrelation> ranked = rankUnits(feature, RankedPerFeature);
    if (ranked.empty()) {
      auto* none = new QTreeWidgetItem(group, {tr("(not in this passage)")});
      none->setToolTip(0, tr("The feature has the same value at every character of the passage, "
                             "so no unit can follow it."));
      none->setDisabled(true);
    }
    for (const UnitCorrelation& entry : ranked) {
      auto* item = new QTreeWidgetItem(
          group, {tr("unit %1").arg(entry.unit), QString::number(entry.correlation, 'f', 2)});
      item->setData(0, Qt::UserRole, entry.unit);
      item->setBackground(1, divergingColor(entry.correlation, 1.0));
    }
    group->setExpanded(true);
  }
}
