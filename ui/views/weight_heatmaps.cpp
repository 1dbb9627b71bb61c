#include "views/weight_heatmaps.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <cmath>
#include <ctime>
#include <utility>

#include "widgets/background_release.h"
#include "widgets/color_legend.h"
#include "widgets/color_scale.h"
#include "widgets/heatmap_widget.h"
#include "widgets/parameter_blocks.h"

namespace {

QStringList numbered(const QString& prefix, long count) {
  QStringList labels;
  labels.reserve(static_cast<int>(count));
  for (long i = 1; i <= count; ++i) {
    labels << prefix + QString::number(i);
  }
  return labels;
}

long numberCount(const rnnlab::Parameters& p) {
  long count = 0;
  for (int block = 0; block < p.blockCount(); ++block) {
    count += static_cast<long>(p.block(block).size());
  }
  return count;
}

double largestMagnitude(const rnnlab::Parameters& p) {
  double largest = 0.0;
  for (const auto& block : p.blocks()) {
    largest = std::max(largest, largestFiniteMagnitude(block));
  }
  return largest;
}

}  // namespace

WeightHeatmaps::WeightHeatmaps(QWidget* parent)
    : QWidget(parent),
      m_weights(std::make_shared<const rnnlab::Parameters>()),
      m_gradients(m_weights) {
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(4, 4, 4, 4);

  auto* header = new QHBoxLayout;
  m_toggle = new QCheckBox(tr("Show gradients"), this);
  m_toggle->setToolTip(tr("Show ∂L/∂W of the last iteration instead of the weights"));
  m_caption = new QLabel(this);
  // May be cut short rather than widen the dock past its space (which cut off the check box);
  // its tooltip holds the whole text.
  m_caption->setMinimumWidth(1);
  header->addWidget(m_caption, 1);
  m_layerChoice = new QComboBox(this);
  m_layerChoice->setToolTip(tr("Show the blocks of every layer, or of one layer (both directions)"));
  m_layerChoice->setVisible(false);
  header->addWidget(m_layerChoice);
  header->addWidget(m_toggle);
  outer->addLayout(header);

  auto* body = new QHBoxLayout;
  auto* grid = new QGridLayout;
  m_grid = grid;
  grid->setSpacing(2);
  for (int block = 0; block < static_cast<int>(m_heatmaps.size()); ++block) {
    HeatmapWidget*& heatmap = m_heatmaps[block];
    heatmap = new HeatmapWidget(this);
    heatmap->setLegendVisible(false);
    heatmap->installEventFilter(this);
    connect(heatmap, &HeatmapWidget::cellDoubleClicked, this,
            [this, block](int row, int column) { emit cellDoubleClicked(block, row, column); });
  }
  body->addLayout(grid, 1);
  m_legend = new ColorLegend(this);
  m_legend->setMaximumHeight(360);
  body->addWidget(m_legend, 0, Qt::AlignVCenter);
  outer->addLayout(body, 1);

  connect(m_toggle, &QCheckBox::toggled, this, &WeightHeatmaps::setShowGradients);
  connect(m_layerChoice, &QComboBox::activated, this,
          [this](int index) { setShownLayer(index - 1); });
  m_watcher = new QFutureWatcher<std::shared_ptr<Preparation>>(this);
  connect(m_watcher, &QFutureWatcher<std::shared_ptr<Preparation>>::finished, this,
          &WeightHeatmaps::onPrepared);
  refresh();
}

void WeightHeatmaps::setParameters(const rnnlab::Parameters& weights,
                                   const rnnlab::Gradients& grads) {
  setParameters(std::make_shared<const rnnlab::Parameters>(weights),
                std::make_shared<const rnnlab::Gradients>(grads));
}

void WeightHeatmaps::setParameters(std::shared_ptr<const rnnlab::Parameters> weights,
                                   std::shared_ptr<const rnnlab::Gradients> grads) {
  static const auto none = std::make_shared<const rnnlab::Parameters>();
  weights = weights ? std::move(weights) : none;
  grads = grads ? std::move(grads) : none;
  ++m_request;
  if (numberCount(*weights) >= BackgroundWork) {
    auto preparation = std::make_shared<Preparation>();
    preparation->request = m_request;
    preparation->weights = std::move(weights);
    preparation->gradients = std::move(grads);
    m_waiting = std::move(preparation);
    // One job at a time, the next started only once the last one's result was taken (so no
    // finished signal of an older job can meet a newer future).
    if (!m_preparing) {
      startPreparing();
    }
    return;
  }
  // Small enough to show at once (an older large one still being prepared is then dropped).
  m_waiting.reset();
  // The old parameters may be the last reference to a whole snapshot: freed off this thread,
  // after the heatmaps have let go of them.
  auto oldWeights = std::exchange(m_weights, std::move(weights));
  auto oldGradients = std::exchange(m_gradients, std::move(grads));
  refresh();
  releaseInBackground(std::move(oldWeights));
  releaseInBackground(std::move(oldGradients));
}

double WeightHeatmaps::takeBackgroundCpuMs() { return std::exchange(m_backgroundCpuMs, 0.0); }

std::shared_ptr<WeightHeatmaps::Preparation> WeightHeatmaps::prepare(
    std::shared_ptr<Preparation> preparation) {
  timespec start{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start);
  const rnnlab::Parameters& shown =
      preparation->showGradients ? *preparation->gradients : *preparation->weights;
  const auto count = static_cast<std::size_t>(shown.blockCount());
  preparation->strongest.resize(count);
  preparation->blocks.resize(count);
  for (std::size_t block = 0; block < count; ++block) {
    const rnnlab::Matrix& values = shown.block(static_cast<int>(block));
    preparation->blocks[block] =
        poolStrongest(values, HeatmapWidget::MaxImageSide, preparation->strongest[block]);
    preparation->largest = std::max(preparation->largest, largestFiniteMagnitude(values));
  }
  timespec end{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end);
  preparation->cpuMs = 1e3 * static_cast<double>(end.tv_sec - start.tv_sec) +
                       1e-6 * static_cast<double>(end.tv_nsec - start.tv_nsec);
  return preparation;
}

void WeightHeatmaps::startPreparing() {
  std::shared_ptr<Preparation> preparation = std::move(m_waiting);
  preparation->showGradients = m_showGradients;
  m_preparing = true;
  // The job holds only the immutable parameters, never this view: a view closed meanwhile
  // leaves it to finish (tens of milliseconds) and its result is dropped.
  m_watcher->setFuture(QtConcurrent::run(&WeightHeatmaps::prepare, std::move(preparation)));
}

void WeightHeatmaps::onPrepared() {
  // The future keeps a copy of this pointer: the parameters are moved out of what it points to
  // (below), so it holds on to nothing large.
  std::shared_ptr<Preparation> preparation = m_watcher->result();
  m_backgroundCpuMs += preparation->cpuMs;
  if (preparation->request == m_request) {
    auto oldWeights = std::exchange(m_weights, std::move(preparation->weights));
    auto oldGradients = std::exchange(m_gradients, std::move(preparation->gradients));
    // Made for the other toggle state (the user switched meanwhile): pooled here instead.
    refresh(preparation->showGradients == m_showGradients ? preparation.get() : nullptr);
    releaseInBackground(std::move(oldWeights));
    releaseInBackground(std::move(oldGradients));
  }
  // Parameters replaced before they were shown go to the release thread too.
  releaseInBackground(std::move(preparation->weights));
  releaseInBackground(std::move(preparation->gradients));
  if (m_waiting) {
    startPreparing();
    return;
  }
  m_preparing = false;
  emit prepared();
}

void WeightHeatmaps::setCharacters(const QStringList& characters) {
  // Applied by the next setParameters, which the presenter calls right after.
  m_characters = characters;
}

void WeightHeatmaps::setShowGradients(bool show) {
  if (show == m_showGradients) {
    return;
  }
  m_showGradients = show;
  {
    const QSignalBlocker blocker(m_toggle);
    m_toggle->setChecked(show);
  }
  refresh();
  emit showGradientsChanged(show);
}

void WeightHeatmaps::setShownLayer(int layer) {
  layer = std::clamp(layer, -1, m_weights->layers() - 1);
  if (layer == m_shownLayer) {
    return;
  }
  m_shownLayer = layer;
  refresh();
}

void WeightHeatmaps::updateLayerChoice(int layers) {
  const QSignalBlocker blocker(m_layerChoice);
  m_layerChoice->clear();
  m_layerChoice->addItem(tr("All layers"));
  for (int layer = 0; layer < layers; ++layer) {
    m_layerChoice->addItem(tr("Layer %1 (l%2)").arg(layer + 1).arg(layer));
  }
  m_layerChoice->setCurrentIndex(m_shownLayer + 1);
  m_layerChoice->setVisible(layers > 1);
}

double WeightHeatmaps::sharedScale() const {
  const double largest = largestMagnitude(m_showGradients ? *m_gradients : *m_weights);
  return largest > 0.0 ? largest : 1.0;
}

void WeightHeatmaps::refresh(Preparation* preparation) {
  const std::shared_ptr<const rnnlab::Parameters>& owner =
      m_showGradients ? m_gradients : m_weights;
  const rnnlab::Parameters& shown = *owner;
  // sharedScale() as the preparation found it.
  const double scale = preparation == nullptr       ? sharedScale()
                       : preparation->largest > 0.0 ? preparation->largest
                                                    : 1.0;
  updateLabels(shown);
  // Values and scale together: one colouring per heatmap (at H = 2048, 4M weights).
  for (int block = 0; block < static_cast<int>(m_heatmaps.size()); ++block) {
    // Each heatmap shares its block with the parameters (aliasing their owner), copying nothing.
    if (block >= shown.blockCount()) {
      m_heatmaps[block]->setMatrix(nullptr, scale);
    } else if (preparation != nullptr) {
      const auto index = static_cast<std::size_t>(block);
      m_heatmaps[block]->setPooledMatrix(
          std::shared_ptr<const rnnlab::Matrix>(owner, &shown.block(block)), scale,
          std::move(preparation->strongest[index]), preparation->blocks[index]);
    } else {
      m_heatmaps[block]->setMatrix(
          std::shared_ptr<const rnnlab::Matrix>(owner, &shown.block(block)), scale);
    }
  }
  m_legend->setScale(scale);
  updateCellSizes();
  m_caption->setText(m_showGradients
                         ? tr("Gradients ∂L/∂W of the last iteration — one colour scale, ±%1")
                               .arg(ColorLegend::tickText(scale))
                         : tr("Weights — one colour scale for all %1 blocks, ±%2")
                               .arg(shown.blockCount())
                               .arg(ColorLegend::tickText(scale)));
  m_caption->setToolTip(m_caption->text());
}

void WeightHeatmaps::placeBlocks(const rnnlab::Parameters& shown) {
  for (HeatmapWidget* heatmap : m_heatmaps) {
    m_grid->removeWidget(heatmap);
    // An unplaced child would draw at the top left, over the caption.
    heatmap->setVisible(false);
  }
  m_places = weightBlockPlaces(shown, m_shownLayer);
  for (const WeightBlockPlace& place : m_places) {
    HeatmapWidget* heatmap = m_heatmaps[static_cast<std::size_t>(place.block)];
    m_grid->addWidget(heatmap, place.row, place.column);
    heatmap->setVisible(true);
  }
}

void WeightHeatmaps::updateLabels(const rnnlab::Parameters& shown) {
  const rnnlab::CellKind cell = shown.cell();
  const int G = rnnlab::gateCount(cell);
  const long hidden = shown.Whh().cols();
  const long inputs = shown.Wxh().cols();
  const long outputs = shown.Why().rows();
  const int directions = shown.directions();
  if (m_shownLayer >= shown.layers()) {
    m_shownLayer = -1;
  }
  const std::array<long, 8> shape{hidden,        inputs,         outputs,
                                  m_showGradients ? 1 : 0,       static_cast<long>(cell),
                                  shown.layers(), directions,    m_shownLayer};
  if (shape == m_labelledShape && m_characters == m_labelledCharacters) {
    return;
  }
  if (shape[5] != m_labelledShape[5]) {
    updateLayerChoice(shown.layers());
  }
  m_labelledShape = shape;
  m_labelledCharacters = m_characters;
  placeBlocks(shown);
  const bool gated = cell != rnnlab::CellKind::Rnn;

  // Space in proportion to the cells each block needs, within the labels' minimum sizes.
  // (square roots: a 256-row block next to an 8-row one still leaves the small one readable)
  const auto weight = [](long n) {
    return static_cast<int>(std::lround(10.0 * std::sqrt(static_cast<double>(std::max(n, 1L)))));
  };
  long widestInput = 1;
  for (const WeightBlockPlace& place : m_places) {
    if (place.role == WeightBlockRole::InputWeights) {
      widestInput = std::max(widestInput, static_cast<long>(shown.block(place.block).cols()));
    }
  }
  m_grid->setColumnStretch(0, weight(widestInput));
  m_grid->setColumnStretch(1, weight(hidden));
  m_grid->setColumnStretch(2, weight(1));
  m_grid->setColumnStretch(3, gated ? weight(1) : 0);
  const int outputRow = m_places.back().row;
  for (int row = 0; row < std::max(m_grid->rowCount(), outputRow + 1); ++row) {
    m_grid->setRowStretch(row, row < outputRow    ? weight(G * hidden)
                               : row == outputRow ? weight(outputs)
                                                  : 0);
  }

  const QStringList h = numbered(QStringLiteral("h"), hidden);
  const QStringList below = layerOutputLabels(static_cast<int>(hidden), directions);
  const QStringList gates = gateRowLabels(cell, static_cast<int>(hidden));
  // A one-hot vocabulary names each input and output unit by its character.
  const QStringList x =
      m_characters.size() == inputs ? m_characters : numbered(QStringLiteral("x"), inputs);
  const QStringList y =
      m_characters.size() == outputs ? m_characters : numbered(QStringLiteral("y"), outputs);
  const QStringList none{QStringLiteral(" ")};
  QList<int> separators;
  for (int g = 1; g < G; ++g) {
    separators << g * static_cast<int>(hidden);
  }
  const QString gateList = gateNameList(cell).join(QLatin1Char(' '));
  const QString toRows = gated ? tr("to gate (%1)").arg(gateList) : tr("to hidden");
  for (const WeightBlockPlace& place : m_places) {
    HeatmapWidget* heatmap = m_heatmaps[static_cast<std::size_t>(place.block)];
    heatmap->setTitle(weightBlockTitle(shown, place, m_showGradients));
    const bool output =
        place.role == WeightBlockRole::Output || place.role == WeightBlockRole::OutputBias;
    heatmap->setRowSeparators(output ? QList<int>{} : separators);
    heatmap->setRowLabels(output ? y : gates);
    switch (place.role) {
      case WeightBlockRole::InputWeights:
        heatmap->setAxisTitles(toRows, place.layer == 0
                                           ? tr("from input")
                                           : tr("from layer l%1").arg(place.layer - 1));
        heatmap->setColumnLabels(place.layer == 0 ? x : below);
        break;
      case WeightBlockRole::RecurrentWeights:
        heatmap->setAxisTitles(toRows, place.direction == 1 ? tr("from hidden (t+1)")
                                                            : tr("from hidden (t−1)"));
        heatmap->setColumnLabels(h);
        break;
      case WeightBlockRole::Output:
        heatmap->setAxisTitles(tr("to output"), tr("from hidden"));
        heatmap->setColumnLabels(below);
        break;
      case WeightBlockRole::InputBias:
      case WeightBlockRole::RecurrentBias:
      case WeightBlockRole::OutputBias:
        heatmap->setAxisTitles(QString(), QString());
        heatmap->setColumnLabels(none);
        break;
    }
  }
}

void WeightHeatmaps::updateCellSizes() {
  int common = 48;
  for (const HeatmapWidget* heatmap : m_heatmaps) {
    if (!heatmap->isHidden() && heatmap->matrix().size() > 0) {
      common = std::min(common, heatmap->fittingCellSize());
    }
  }
  // Tiny shared cells would shrink the biases to slivers: below a readable size each block
  // fills its own space instead.
  constexpr int SmallestSharedCell = 8;
  for (HeatmapWidget* heatmap : m_heatmaps) {
    heatmap->setMaximumCellSize(common >= SmallestSharedCell ? common : 48);
  }
}

bool WeightHeatmaps::eventFilter(QObject* watched, QEvent* event) {
  if (event->type() == QEvent::Resize) {
    updateCellSizes();
  }
  return QWidget::eventFilter(watched, event);
}
