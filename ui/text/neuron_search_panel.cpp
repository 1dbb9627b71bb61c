#include "text/neuron_search_panel.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <utility>

#include "text/colored_text_view.h"
#include "text/text_passage.h"
#include "widgets/color_scale.h"

namespace {

constexpr double DefaultThreshold = 0.3;  // LSTMVis's starting threshold
constexpr int DefaultContext = 3;
constexpr int MaxListedMatches = 500;
constexpr int ExcerptBefore = 6;
constexpr int ExcerptAfter = 6;
constexpr int MaxExcerptInside = 24;
// How far before a match the passage starts when the view moves to show it.
constexpr long RevealLead = 40;

QString percent(double fraction) {
  return QStringLiteral("%1%").arg(QLocale().toString(fraction * 100.0, 'f', 0));
}

// A character of an excerpt on one line: newlines and tabs as their stand-ins.
QString excerptCharacter(char32_t c) {
  if (c == U'\n') {
    return QStringLiteral("↵");
  }
  if (c == U'\t') {
    return QStringLiteral("→");
  }
  return QString::fromUcs4(&c, 1);
}

}  // namespace

NeuronSearchPanel::NeuronSearchPanel(ColoredTextView* view, QWidget* parent)
    : QWidget(parent),
      m_view(view),
      m_hint(new QLabel),
      m_threshold(new QDoubleSpinBox),
      m_context(new QSpinBox),
      m_searchLength(new QSpinBox),
      m_shortest(new QSpinBox),
      m_unitsTree(new QTreeWidget),
      m_searchAgain(new QPushButton(tr("Search again"))),
      m_status(new QLabel),
      m_matchesTree(new QTreeWidget),
      m_job(
          {this, 0, JobStart::Coalesced},
          [](const SearchInput& input, const std::atomic<bool>& cancel) {
            SearchResult result;
            std::vector<int> rows(input.units.size());
            for (std::size_t k = 0; k < rows.size(); ++k) {
              rows[k] = static_cast<int>(k);
            }
            const rnnlab::Matrix states =
                rnnlab::cellActivations(*input.model, *input.indices, input.begin, input.count,
                                        input.layer, input.direction, input.units, cancel);
            for (const rnnlab::PatternMatch& match :
                 rnnlab::findPatternMatches(states, rows, input.threshold, input.shortest)) {
              result.matches.push_back({input.begin + match.begin, input.begin + match.end});
            }
            return result;
          },
          [this](const SearchInput& input, SearchResult result) {
            applySearch(input, std::move(result));
          }) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  m_hint->setWordWrap(true);
  layout->addWidget(m_hint);

  auto* form = new QFormLayout;
  form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
  m_threshold->setRange(-1.0, 1.0);
  m_threshold->setSingleStep(0.05);
  m_threshold->setDecimals(2);
  m_threshold->setValue(DefaultThreshold);
  m_threshold->setToolTip(tr("A unit is on where its value h is above this"));
  form->addRow(tr("On above"), m_threshold);
  m_context->setRange(0, 50);
  m_context->setValue(DefaultContext);
  m_context->setSuffix(tr(" characters"));
  m_context->setToolTip(
      tr("How many characters before and after the selection a unit must be off for"));
  form->addRow(tr("Off around"), m_context);
  m_searchLength->setRange(100, 1000000);
  m_searchLength->setSingleStep(1000);
  m_searchLength->setValue(DefaultSearchLength);
  m_searchLength->setSuffix(tr(" characters"));
  m_searchLength->setGroupSeparatorShown(true);
  m_searchLength->setToolTip(
      tr("How much of the text, from the passage's start, the matches "
         "are searched in (the network reads it all: longer is slower)"));
  form->addRow(tr("Search in"), m_searchLength);
  m_shortest->setRange(1, 1000);
  m_shortest->setSuffix(tr(" characters"));
  m_shortest->setToolTip(
      tr("Matches shorter than this are left out (a new selection sets it to "
         "half its length)"));
  form->addRow(tr("Shortest match"), m_shortest);
  layout->addLayout(form);

  m_unitsTree->setColumnCount(3);
  m_unitsTree->setHeaderLabels({tr("Unit"), tr("on"), tr("off")});
  m_unitsTree->headerItem()->setToolTip(1, tr("Share of the selection where the unit is on"));
  m_unitsTree->headerItem()->setToolTip(
      2, tr("Share of the characters around the selection where the unit is off"));
  m_unitsTree->setRootIsDecorated(false);
  m_unitsTree->header()->setStretchLastSection(false);
  m_unitsTree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
  m_unitsTree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
  m_unitsTree->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
  m_unitsTree->setToolTip(
      tr("The units ranked by how well they are on in the selection and off "
         "around it. The ticked ones are searched for; click one to colour "
         "the text by it."));
  layout->addWidget(m_unitsTree, 2);

  auto* statusRow = new QHBoxLayout;
  m_status->setWordWrap(true);
  statusRow->addWidget(m_status, 1);
  m_searchAgain->setToolTip(tr("Search with the model as it is now"));
  statusRow->addWidget(m_searchAgain);
  layout->addLayout(statusRow);

  m_matchesTree->setColumnCount(2);
  m_matchesTree->setHeaderLabels({tr("At"), tr("Text")});
  m_matchesTree->setRootIsDecorated(false);
  m_matchesTree->header()->setStretchLastSection(true);
  m_matchesTree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
  m_matchesTree->setToolTip(
      tr("Where the ticked units are all on together; click one to show "
         "it in the text"));
  layout->addWidget(m_matchesTree, 3);

  m_view->setBrushable(true);
  connect(m_view, &ColoredTextView::brushed, this,
          [this](int begin, int end) { select(m_passageStart + begin, m_passageStart + end); });
  const auto reselect = [this] {
    rank();
    setPatternUnits({});
  };
  connect(m_threshold, &QDoubleSpinBox::valueChanged, this, reselect);
  connect(m_context, &QSpinBox::valueChanged, this, reselect);
  connect(m_searchLength, &QSpinBox::valueChanged, this, &NeuronSearchPanel::requestSearch);
  connect(m_shortest, &QSpinBox::valueChanged, this, &NeuronSearchPanel::requestSearch);
  connect(m_searchAgain, &QPushButton::clicked, this, &NeuronSearchPanel::requestSearch);
  connect(m_unitsTree, &QTreeWidget::itemChanged, this, [this] {
    std::vector<int> units;
    for (int i = 0; i < m_unitsTree->topLevelItemCount(); ++i) {
      QTreeWidgetItem* item = m_unitsTree->topLevelItem(i);
      if (item->checkState(0) == Qt::Checked) {
        units.push_back(item->data(0, Qt::UserRole).toInt());
      }
    }
    std::sort(units.begin(), units.end());
    if (units != m_units) {
      m_units = std::move(units);
      requestSearch();
    }
  });
  connect(m_unitsTree, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem* item, int) {
    emit unitPicked(item->data(0, Qt::UserRole).toInt());
  });
  connect(m_matchesTree, &QTreeWidget::itemClicked, this,
          [this](QTreeWidgetItem* item) { showMatch(item->data(0, Qt::UserRole).toInt()); });
  connect(&m_job, &LatestOnlyJobBase::busyChanged, this, &NeuronSearchPanel::fillMatches);
  clear();
}

double NeuronSearchPanel::threshold() const { return m_threshold->value(); }

void NeuronSearchPanel::setThreshold(double threshold) { m_threshold->setValue(threshold); }

void NeuronSearchPanel::setSearchLength(int characters) { m_searchLength->setValue(characters); }

int NeuronSearchPanel::shortestMatch() const { return m_shortest->value(); }

void NeuronSearchPanel::setShortestMatch(int characters) { m_shortest->setValue(characters); }

void NeuronSearchPanel::clear() {
  m_model.reset();
  m_indices.reset();
  m_activations.resize(0, 0);
  m_selection.reset();
  m_ranked.clear();
  m_units.clear();
  m_matches.clear();
  m_searchedCount = 0;
  m_shownMatch = -1;
  fillUnits();
  fillMatches();
  updateMarks();
  updateHint();
}

void NeuronSearchPanel::setPassage(const rnnlab::Model& model, const rnnlab::TextData& text,
                                   long passageStart,
                                   const Eigen::Ref<const rnnlab::Matrix>& activations, int layer,
                                   int direction, long iteration) {
  if (!m_indices || *m_indices != text.indices || m_vocabulary != text.vocabulary) {
    clear();  // another text: the selection meant something else
    m_indices = std::make_shared<const std::vector<int>>(text.indices);
    m_vocabulary = text.vocabulary;
  }
  // Another cell (a layer picked, a new model's size): the selection stays, its units change.
  const bool otherCell =
      m_activations.rows() != activations.rows() || m_layer != layer || m_direction != direction;
  m_model = std::make_shared<const rnnlab::Model>(model);
  m_passageStart = passageStart;
  m_activations = activations;
  m_layer = layer;
  m_direction = direction;
  m_iteration = iteration;
  if (otherCell) {
    m_ranked.clear();
    m_units.clear();
    fillUnits();
  }
  rank();
  if (otherCell && m_selection) {
    setPatternUnits({});
  }
  updateMarks();
  updateHint();
  if (m_pendingReveal >= 0) {
    reveal(std::exchange(m_pendingReveal, -1));
  }
}

void NeuronSearchPanel::select(long begin, long end) {
  if (begin >= end) {
    return;
  }
  m_selection = {begin, end};
  m_searchBegin = m_passageStart;
  m_shownMatch = -1;
  {
    const QSignalBlocker blocker(m_shortest);  // the search below runs once
    m_shortest->setValue(static_cast<int>(std::max<long>(1, (end - begin) / 2)));
  }
  rank();
  setPatternUnits({});
  updateMarks();
  updateHint();
}

void NeuronSearchPanel::rank() {
  const long count = m_activations.cols();
  if (!m_selection || m_selection->first < m_passageStart ||
      m_selection->second > m_passageStart + count) {
    return;  // the selection is not in the passage shown: the ranking stays as it was
  }
  m_ranked = rnnlab::rankSelectionUnits(m_activations, m_selection->first - m_passageStart,
                                        m_selection->second - m_passageStart, threshold(),
                                        m_context->value());
  fillUnits();
}

void NeuronSearchPanel::setPatternUnits(std::vector<int> units) {
  if (units.empty()) {
    // The default pattern: every shown unit that fits.
    for (std::size_t k = 0; k < m_ranked.size() && k < ShownUnits; ++k) {
      if (m_ranked[k].fits()) {
        units.push_back(m_ranked[k].unit);
      }
    }
  }
  std::sort(units.begin(), units.end());
  m_units = std::move(units);
  fillUnits();
  requestSearch();
}

void NeuronSearchPanel::fillUnits() {
  const QSignalBlocker blocker(m_unitsTree);
  m_unitsTree->clear();
  for (std::size_t k = 0; k < m_ranked.size() && k < ShownUnits; ++k) {
    const rnnlab::SelectionUnit& entry = m_ranked[k];
    auto* item = new QTreeWidgetItem(
        m_unitsTree,
        {tr("unit %1").arg(entry.unit), percent(entry.onInside), percent(entry.offAround)});
    item->setData(0, Qt::UserRole, entry.unit);
    item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
    const bool ticked = std::binary_search(m_units.begin(), m_units.end(), entry.unit);
    item->setCheckState(0, ticked ? Qt::Checked : Qt::Unchecked);
    item->setToolTip(
        0, tr("Mean inside minus mean around: %1").arg(QLocale().toString(entry.margin, 'f', 3)));
    if (entry.fits()) {
      item->setBackground(1, divergingColor(0.5, 1.0));
      item->setBackground(2, divergingColor(-0.5, 1.0));
    }
  }
}

void NeuronSearchPanel::requestSearch() {
  if (!m_model || !m_indices || !m_selection || m_units.empty()) {
    m_matches.clear();
    m_searchedCount = 0;
    fillMatches();
    return;
  }
  SearchInput input;
  input.model = m_model;
  input.indices = m_indices;
  input.begin = m_searchBegin;
  const long available = static_cast<long>(m_indices->size()) - 1 - m_searchBegin;
  input.count = std::clamp<long>(m_searchLength->value(), 0, std::max<long>(available, 0));
  input.layer = m_layer;
  input.direction = m_direction;
  input.units = m_units;
  input.threshold = threshold();
  input.shortest = m_shortest->value();
  input.iteration = m_iteration;
  m_job.request(std::move(input));
}

void NeuronSearchPanel::applySearch(const SearchInput& input, SearchResult result) {
  m_matches = std::move(result.matches);
  m_matchesIteration = input.iteration;
  m_searchedCount = input.count;
  m_shownMatch = -1;
  fillMatches();
  updateMarks();
}

void NeuronSearchPanel::fillMatches() {
  const QLocale locale;
  if (m_job.isBusy()) {
    m_status->setText(tr("Searching…"));
  } else if (!m_selection) {
    m_status->setText(QString());
  } else if (m_units.empty()) {
    m_status->setText(tr("No unit ticked: tick one to search for it."));
  } else {
    m_status->setText(
        tr("%n match(es) in characters %1–%2 (iteration %3)", nullptr,
           static_cast<int>(m_matches.size()))
            .arg(locale.toString(static_cast<qlonglong>(m_searchBegin)),
                 locale.toString(static_cast<qlonglong>(m_searchBegin + m_searchedCount - 1)),
                 locale.toString(static_cast<qlonglong>(m_matchesIteration))));
  }
  m_matchesTree->clear();
  if (!m_indices) {
    return;
  }
  const auto size = static_cast<long>(m_indices->size());
  const auto character = [this](long at) {
    return excerptCharacter(
        m_vocabulary[static_cast<std::size_t>((*m_indices)[static_cast<std::size_t>(at)])]);
  };
  for (std::size_t k = 0; k < m_matches.size() && k < MaxListedMatches; ++k) {
    const Match& match = m_matches[k];
    QString before;
    for (long at = std::max<long>(0, match.begin - ExcerptBefore); at < match.begin; ++at) {
      before += character(at);
    }
    QString inside;
    const long insideEnd = std::min<long>(match.end, match.begin + MaxExcerptInside);
    for (long at = match.begin; at < insideEnd; ++at) {
      inside += character(at);
    }
    if (insideEnd < match.end) {
      inside += QStringLiteral("…");
    }
    QString after;
    for (long at = match.end; at < std::min(size, match.end + ExcerptAfter); ++at) {
      after += character(at);
    }
    const bool isSelection =
        m_selection && match.begin < m_selection->second && match.end > m_selection->first;
    auto* item = new QTreeWidgetItem(
        m_matchesTree, {locale.toString(static_cast<qlonglong>(match.begin)),
                        before + QStringLiteral("[") + inside + QStringLiteral("]") + after});
    item->setData(0, Qt::UserRole, static_cast<int>(k));
    item->setToolTip(
        1, isSelection ? tr("Characters %1–%2: your selection").arg(match.begin).arg(match.end - 1)
                       : tr("Characters %1–%2").arg(match.begin).arg(match.end - 1));
    if (isSelection) {
      QFont font = item->font(1);
      font.setBold(true);
      item->setFont(1, font);
    }
  }
}

void NeuronSearchPanel::showMatch(int k) {
  if (k < 0 || k >= static_cast<int>(m_matches.size())) {
    return;
  }
  m_shownMatch = k;
  const Match& match = m_matches[static_cast<std::size_t>(k)];
  updateMarks();
  if (match.begin < m_passageStart || match.end > m_passageStart + m_activations.cols()) {
    m_pendingReveal = match.begin;
    emit passageStartRequested(std::max<long>(0, match.begin - RevealLead));
    return;
  }
  reveal(match.begin);
}

void NeuronSearchPanel::reveal(long position) {
  const QRect rect = m_view->characterRect(static_cast<int>(position - m_passageStart));
  if (rect.isEmpty()) {
    return;
  }
  for (QWidget* ancestor = m_view->parentWidget(); ancestor != nullptr;
       ancestor = ancestor->parentWidget()) {
    if (auto* area = qobject_cast<QScrollArea*>(ancestor)) {
      area->ensureVisible(rect.center().x(), rect.center().y(), 20, rect.height() * 3);
      return;
    }
  }
}

void NeuronSearchPanel::updateMarks() {
  std::vector<ColoredTextView::Mark> marks;
  const auto local = [this](long position) { return static_cast<int>(position - m_passageStart); };
  for (std::size_t k = 0; k < m_matches.size(); ++k) {
    const Match& match = m_matches[k];
    if (static_cast<int>(k) != m_shownMatch) {
      marks.push_back({local(match.begin), local(match.end), QColor(0x2e, 0x8b, 0x57), 1});
    }
  }
  // Yellow and green stand out on both ends of the blue–white–red scale; the match shown is
  // drawn last, thick, so that it is found at a glance.
  if (m_selection) {
    marks.push_back(
        {local(m_selection->first), local(m_selection->second), QColor(0xff, 0xd6, 0x00), 3});
  }
  if (m_shownMatch >= 0) {
    const Match& match = m_matches[static_cast<std::size_t>(m_shownMatch)];
    marks.push_back({local(match.begin), local(match.end), QColor(0x00, 0xc8, 0x53), 3});
  }
  m_view->setMarks(std::move(marks));
}

void NeuronSearchPanel::updateHint() {
  if (!m_model) {
    m_hint->setText(QString());
  } else if (!m_selection) {
    m_hint->setText(
        tr("Drag across the text to select a stretch: the units on in it and off "
           "around it are listed here."));
  } else {
    m_hint->setText(tr("Selected: characters %1–%2 (%n character(s))", nullptr,
                       static_cast<int>(m_selection->second - m_selection->first))
                        .arg(m_selection->first)
                        .arg(m_selection->second - 1));
  }
}
