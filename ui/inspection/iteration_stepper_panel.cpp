#include "inspection/iteration_stepper_panel.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSet>
#include <QShortcut>
#include <QSlider>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <initializer_list>

#include "inspection/value_grid_view.h"
#include "widgets/color_scale.h"
#include "widgets/parameter_blocks.h"

namespace {

using Kind = rnnlab::IterationPhase::Kind;

QString number(double value) { return QString::number(value, 'g', 6); }

}  // namespace

IterationStepperPanel::IterationStepperPanel(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);

  auto* navigation = new QHBoxLayout;
  m_previous = new QPushButton(tr("◀ Previous"), this);
  m_previous->setToolTip(tr("Previous phase (Alt+Left; Home goes to the first)"));
  m_next = new QPushButton(tr("Next ▶"), this);
  m_next->setToolTip(tr("Next phase (Alt+Right; End goes to the last)"));
  m_slider = new QSlider(Qt::Horizontal, this);
  m_slider->setToolTip(
      tr("Every phase of the iteration: forward t = 1..T, loss, backward t = T..1, clip, "
         "update (Alt+Left / Alt+Right step, Home / End jump)"));
  m_slider->setPageStep(1);
  m_slider->setTickPosition(QSlider::TicksBelow);
  m_phaseLabel = new QLabel(this);
  QFont bold = m_phaseLabel->font();
  bold.setBold(true);
  m_phaseLabel->setFont(bold);
  m_phaseLabel->setMinimumWidth(QFontMetrics(bold).horizontalAdvance(
      phaseLabel({rnnlab::IterationPhase::Kind::Backward, 887}, 888)));
  m_iterationLabel = new QLabel(this);
  m_iterationLabel->setForegroundRole(QPalette::PlaceholderText);
  // The phase's name gets a row of its own: beside the buttons it left the slider no room in a
  // narrow dock (1280×720), and translated names are longer in some languages.
  m_slider->setMinimumWidth(120);
  navigation->addWidget(m_previous);
  navigation->addWidget(m_slider, 1);
  navigation->addWidget(m_next);
  layout->addLayout(navigation);
  auto* where = new QHBoxLayout;
  where->addWidget(m_phaseLabel);
  where->addWidget(m_iterationLabel, 1);
  layout->addLayout(where);
  m_scopeNote = wrappedLabel(this);
  m_scopeNote->setForegroundRole(QPalette::PlaceholderText);
  m_scopeNote->setObjectName(QStringLiteral("scopeNote"));
  m_scopeNote->hide();
  layout->addWidget(m_scopeNote);

  m_explanation = wrappedLabel(this);
  layout->addWidget(m_explanation);

  auto* content = new QWidget;
  auto* contentLayout = new QVBoxLayout(content);
  contentLayout->setContentsMargins(0, 0, 0, 0);
  // What the trace covers scrolls with the values it is about: above them it squeezed the page
  // out of a small dock.
  m_traceNote = wrappedLabel(content);
  m_traceNote->setForegroundRole(QPalette::PlaceholderText);
  m_traceNote->setObjectName(QStringLiteral("traceNote"));
  m_traceNote->hide();
  contentLayout->addWidget(m_traceNote);
  for (auto& page : m_pages) {
    page = new QWidget(content);
    page->hide();  // hidden pages take no room in the layout
    contentLayout->addWidget(page);
  }
  contentLayout->addStretch(1);
  buildPages();
  m_scroll = new QScrollArea(this);
  m_scroll->setWidgetResizable(true);
  m_scroll->setFrameShape(QFrame::NoFrame);
  m_scroll->setWidget(content);
  content->installEventFilter(this);
  m_scroll->viewport()->installEventFilter(this);
  layout->addWidget(m_scroll, 1);

  connect(m_previous, &QPushButton::clicked, this, &IterationStepperPanel::previousPhase);
  connect(m_next, &QPushButton::clicked, this, &IterationStepperPanel::nextPhase);
  connect(m_slider, &QSlider::valueChanged, this, &IterationStepperPanel::setPhaseIndex);
  const auto shortcut = [this](QKeySequence keys, void (IterationStepperPanel::*slot)()) {
    auto* s = new QShortcut(keys, this);
    s->setContext(Qt::WidgetWithChildrenShortcut);
    connect(s, &QShortcut::activated, this, slot);
  };
  shortcut(QKeySequence(Qt::ALT | Qt::Key_Right), &IterationStepperPanel::nextPhase);
  shortcut(QKeySequence(Qt::ALT | Qt::Key_Left), &IterationStepperPanel::previousPhase);
  shortcut(QKeySequence(Qt::Key_Home), &IterationStepperPanel::firstPhase);
  shortcut(QKeySequence(Qt::Key_End), &IterationStepperPanel::lastPhase);
  setFocusPolicy(Qt::StrongFocus);

  updateNavigation();
  updateCaptions();
}

void IterationStepperPanel::setTrace(std::shared_ptr<const rnnlab::IterationTrace> trace) {
  const rnnlab::IterationPhase previousPhase = phase();
  const int previousIndex = m_index;
  m_trace = std::move(trace);
  m_phases = m_trace ? rnnlab::iterationPhases(m_trace->before.config, m_trace->forward.steps())
                     : std::vector<rnnlab::IterationPhase>{};
  if (m_trace) {
    QStringList names;
    const rnnlab::Parameters& params = m_trace->before.params;
    for (int k = 0; k < params.blockCount(); ++k) {
      const std::string_view name = params.blockName(k);
      names << QString::fromLatin1(name.data(), static_cast<qsizetype>(name.size()));
    }
    setBlockRows(names);
  }
  const int count = phaseCount();
  if (count == 0) {
    m_index = -1;
  } else if (m_index < 0 || m_index >= count) {
    m_index = 0;
  }
  updateNavigation();
  refresh();
  if (m_index >= 0 && (m_index != previousIndex || phase() != previousPhase)) {
    emit phaseChanged(m_index, phase());
  }
}

void IterationStepperPanel::setScopeNote(const QString& note) {
  m_scopeNote->setText(note);
  m_scopeNote->setVisible(!note.isEmpty());
}

QString IterationStepperPanel::scopeNote() const { return m_scopeNote->text(); }

void IterationStepperPanel::setSettings(const rnnlab::TrainingSettings& settings) {
  m_settings = settings;
  updateCaptions();
}

int IterationStepperPanel::phaseCount() const { return static_cast<int>(m_phases.size()); }

rnnlab::IterationPhase IterationStepperPanel::phase() const {
  if (m_index < 0 || m_index >= phaseCount()) {
    return {};
  }
  return m_phases[static_cast<std::size_t>(m_index)];
}

QString IterationStepperPanel::phaseText() const {
  if (!m_trace || m_index < 0) {
    return tr("No iteration traced");
  }
  return phaseLabel(phase(), m_trace->forward.steps(), m_trace->before.config);
}

int IterationStepperPanel::firstPhaseIndex(rnnlab::IterationPhase::Kind kind) const {
  for (int i = 0; i < phaseCount(); ++i) {
    if (m_phases[static_cast<std::size_t>(i)].kind == kind) {
      return i;
    }
  }
  return -1;
}

QMap<QString, rnnlab::Matrix> IterationStepperPanel::shownValues() const {
  QMap<QString, rnnlab::Matrix> values;
  for (const PhaseValue& value : m_shown) {
    values.insert(value.key, value.values);
  }
  return values;
}

ValueGridView* IterationStepperPanel::viewFor(const QString& key) const {
  return m_views.value(key, nullptr);
}

void IterationStepperPanel::setPhaseIndex(int index) {
  if (phaseCount() == 0) {
    return;
  }
  index = std::clamp(index, 0, phaseCount() - 1);
  if (index == m_index) {
    return;
  }
  m_index = index;
  updateNavigation();
  refresh();
  emit phaseChanged(m_index, phase());
}

void IterationStepperPanel::nextPhase() { setPhaseIndex(m_index + 1); }
void IterationStepperPanel::previousPhase() { setPhaseIndex(m_index - 1); }
void IterationStepperPanel::firstPhase() { setPhaseIndex(0); }
void IterationStepperPanel::lastPhase() { setPhaseIndex(phaseCount() - 1); }

void IterationStepperPanel::updateNavigation() {
  const QSignalBlocker blocker(m_slider);  // the slider follows; it must not call back
  m_slider->setRange(0, std::max(0, phaseCount() - 1));
  m_slider->setValue(std::max(0, m_index));
  m_slider->setEnabled(phaseCount() > 0);
  m_previous->setEnabled(m_index > 0);
  m_next->setEnabled(m_index >= 0 && m_index + 1 < phaseCount());
  m_phaseLabel->setText(phaseText());
}

void IterationStepperPanel::refresh() {
  m_shown = m_trace && m_index >= 0 ? phaseValues(*m_trace, phase()) : QList<PhaseValue>{};
  Page current = PageCount;
  if (m_trace && m_index >= 0) {
    switch (phase().kind) {
      case Kind::Forward:
        current = ForwardPage;
        break;
      case Kind::Loss:
        current = LossPage;
        break;
      case Kind::Backward:
        current = BackwardPage;
        break;
      case Kind::Clip:
        current = ClipPage;
        break;
      case Kind::Update:
        current = UpdatePage;
        break;
    }
  }
  if (current != PageCount) {
    const auto& views = m_pageViews[current];
    const QMap<QString, double> scales = sharedScales();
    QSet<QString> present;
    for (const PhaseValue& value : m_shown) {
      if (ValueGridView* view = views.value(value.key, nullptr)) {
        view->setTitle(value.title);
        view->setMatrix(value.values, scales.value(value.key, 0.0));
        present.insert(value.key);
      }
    }
    for (auto it = views.begin(); it != views.end(); ++it) {
      it.value()->setVisible(present.contains(it.key()));
    }
    for (auto it = m_companions.begin(); it != m_companions.end(); ++it) {
      // "a&b": shown while both values are.
      const QStringList keys = it.key().split(QLatin1Char('&'));
      it.value()->setVisible(std::all_of(
          keys.begin(), keys.end(), [&](const QString& key) { return present.contains(key); }));
    }
  }
  for (int p = 0; p < PageCount; ++p) {
    m_pages[static_cast<std::size_t>(p)]->setVisible(p == current);
  }
  updateCaptions();
}

QMap<QString, double> IterationStepperPanel::sharedScales() const {
  // Values that should be compared share one colour scale: the largest |value| among them.
  QMap<QString, double> scales;
  const auto share = [&](std::initializer_list<QString> keys) {
    double largest = 0.0;
    for (const PhaseValue& value : m_shown) {
      if (std::find(keys.begin(), keys.end(), value.key) == keys.end()) {
        continue;
      }
      largest = std::max(largest, largestFiniteMagnitude(value.values));
    }
    for (const QString& key : keys) {
      scales.insert(key, largest > 0.0 ? largest : 1.0);
    }
  };
  switch (phase().kind) {
    case Kind::Forward:
      share({QStringLiteral("below"), QStringLiteral("x")});
      share({QStringLiteral("h_prev"), QStringLiteral("h")});
      share({QStringLiteral("c_prev"), QStringLiteral("c")});
      for (const char* gate : {"i", "f", "g", "o", "r", "z", "n"}) {
        scales.insert(QString::fromLatin1(gate), 1.0);  // σ in (0, 1), tanh in (−1, 1)
      }
      share({QStringLiteral("y"), QStringLiteral("d"), QStringLiteral("p")});
      break;
    case Kind::Loss:
      share(
          {QStringLiteral("outputs"), QStringLiteral("targets"), QStringLiteral("probabilities")});
      break;
    case Kind::Backward:
      share({QStringLiteral("dh"), QStringLiteral("da"), QStringLiteral("dtanh_c"),
             QStringLiteral("dc")});
      scales.insert(QStringLiteral("tanh_prime"), 1.0);  // always in (0, 1]
      for (const QString& name : allBlockNames()) {
        share({QStringLiteral("d") + name + QStringLiteral("_step"),
               QStringLiteral("d") + name + QStringLiteral("_sum")});
      }
      break;
    case Kind::Clip:
      for (const QString& name : m_blockRows) {
        share({name + QStringLiteral("_unclipped"), name + QStringLiteral("_clipped")});
      }
      break;
    case Kind::Update:
      for (const QString& name : m_blockRows) {
        share({name + QStringLiteral("_before"), name + QStringLiteral("_after")});
      }
      break;
  }
  return scales;
}

void IterationStepperPanel::updateCaptions() {
  if (!m_trace || m_index < 0) {
    m_iterationLabel->clear();
    m_traceNote->hide();
    m_explanation->setText(tr("Pause training and trace an iteration to step through it."));
    return;
  }
  const rnnlab::IterationTrace& trace = *m_trace;
  const rnnlab::Index steps = trace.forward.steps();
  const bool diverged = trace.report.status == rnnlab::IterationReport::Status::Diverged;
  m_iterationLabel->setText(tr("iteration %1%2")
                                .arg(trace.report.iteration)
                                .arg(diverged ? tr(" (diverged: no update)") : QString()));
  m_explanation->setText(phaseExplanation(phase(), steps, trace.before.config));
  QStringList notes;
  if (trace.streams > 1) {
    notes << tr("Text in %1 streams: this traces stream 0 (its values, loss and gradient); the "
                "clipping and the update are the iteration's, from the mean over the streams.")
                 .arg(trace.streams);
  }
  if (trace.before.config.stacked() && trace.before.config.dropout > 0.0) {
    notes << tr("Dropout p = %1 (training only): between layers each value is kept with "
                "probability %2 and scaled by 1/(1 − p), else set to 0; the masks shown are "
                "the ones this traced iteration drew, in the spec's order.")
                 .arg(number(trace.before.config.dropout),
                      number(1.0 - trace.before.config.dropout));
  }
  m_traceNote->setText(notes.join(QLatin1Char(' ')));
  m_traceNote->setVisible(!notes.isEmpty());
  fitTraceNote();

  const rnnlab::ClipReport& clip = trace.report.clip;
  const qsizetype elements = trace.backward.grads.elementCount();
  QString valueText =
      tr("%1 of %2 elements were clipped to [−c, c]").arg(clip.valuesClipped).arg(elements);
  QString normText =
      clip.normClipped ? tr("the norm was scaled down") : tr("the norm was not clipped");
  if (m_settings) {
    valueText = m_settings->clipValue > 0.0 ? tr("%1 of %2 elements were clipped to [−%3, %3]")
                                                  .arg(clip.valuesClipped)
                                                  .arg(elements)
                                                  .arg(number(m_settings->clipValue))
                                            : tr("value clipping is off");
    normText = m_settings->clipNorm <= 0.0
                   ? tr("norm clipping is off")
                   : (clip.normClipped ? tr("‖g‖ was above %1, so every gradient was scaled by "
                                            "%1 / ‖g‖")
                                             .arg(number(m_settings->clipNorm))
                                       : tr("‖g‖ stayed within %1, no norm clipping")
                                             .arg(number(m_settings->clipNorm)));
  }
  m_clipSummary->setText(
      tr("‖g‖ = %1 before clipping, %2 after; %3; %4.")
          .arg(number(clip.normBefore), number(clip.normAfter), valueText, normText));

  QString rule = tr("The optimizer's step");
  if (m_settings) {
    const QString eta = number(rnnlab::learningRateAt(*m_settings, trace.report.iteration));
    switch (m_settings->optimizer) {
      case rnnlab::OptimizerKind::Sgd:
        rule = tr("sgd: θ ← θ − η·g with η = %1").arg(eta);
        break;
      case rnnlab::OptimizerKind::Momentum:
        rule = tr("momentum: v ← μ·v + g, θ ← θ − η·v with η = %1, μ = %2")
                   .arg(eta, number(m_settings->momentum));
        break;
      case rnnlab::OptimizerKind::Adagrad:
        rule = tr("adagrad: G ← G + g², θ ← θ − η·g / √(G + ε) with η = %1").arg(eta);
        break;
      case rnnlab::OptimizerKind::Adam:
        rule = tr("adam: θ ← θ − η·m̂ / (√v̂ + ε) with η = %1").arg(eta);
        break;
      case rnnlab::OptimizerKind::Rmsprop:
        rule = tr("rmsprop: v ← α·v + (1 − α)·g², θ ← θ − η·g / (√v + ε) with η = %1, α = %2")
                   .arg(eta, number(m_settings->alpha));
        break;
    }
  }
  m_updateSummary->setText(diverged ? tr("The iteration diverged, so no update was applied.")
                                    : tr("%1. The change is after − before.").arg(rule));
}

QSize IterationStepperPanel::sizeHint() const {
  // QScrollArea's own hint is capped and cached at the first page, and the word-wrapped captions'
  // hints assume a narrow width: once laid out, the height that shows the current page unscrolled
  // at the current width is the present height plus what the page lacks.
  const QSize hint = QWidget::sizeHint();
  if (!isVisible()) {
    return hint;
  }
  const QSize content = m_scroll->widget()->sizeHint();
  int lacking = content.height() - m_scroll->viewport()->height();
  if (content.width() > m_scroll->viewport()->width() &&
      !m_scroll->horizontalScrollBar()->isVisible()) {
    lacking += m_scroll->horizontalScrollBar()->sizeHint().height();
  }
  return {hint.width(), height() + lacking};
}

void IterationStepperPanel::fitTraceNote() {
  // Wrapped at the visible width (the page beside it may be wider and scroll sideways), and as
  // tall as that needs: the scroll area's layout would give it the height of a wider line.
  const int width = std::max(100, m_scroll->viewport()->width() - 4);
  m_traceNote->setMaximumWidth(width);
  m_traceNote->setMinimumHeight(m_traceNote->isHidden() ? 0 : m_traceNote->heightForWidth(width));
}

bool IterationStepperPanel::eventFilter(QObject* watched, QEvent* event) {
  if (event->type() == QEvent::LayoutRequest && watched == m_scroll->widget()) {
    updateGeometry();  // see sizeHint()
  }
  if (event->type() == QEvent::Resize && watched == m_scroll->viewport()) {
    fitTraceNote();
  }
  return QWidget::eventFilter(watched, event);
}
