#include "views/weight_heatmaps.h"

#include <QCheckBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "widgets/color_legend.h"
#include "widgets/color_scale.h"
#include "widgets/heatmap_widget.h"

namespace {

enum Block { Wxh, Whh, Why, Bh, By };

QStringList numbered(const QString& prefix, long count) {
  QStringList labels;
  labels.reserve(static_cast<int>(count));
  for (long i = 1; i <= count; ++i) {
    labels << prefix + QString::number(i);
  }
  return labels;
}

double largestMagnitude(const rnnlab::Parameters& p) {
  double largest = 0.0;
  for (const auto& block : p.blocks()) {
    largest = std::max(largest, largestFiniteMagnitude(block));
  }
  return largest;
}

}  // namespace

WeightHeatmaps::WeightHeatmaps(QWidget* parent) : QWidget(parent) {
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(4, 4, 4, 4);

  auto* header = new QHBoxLayout;
  m_toggle = new QCheckBox(tr("Show gradients"), this);
  m_toggle->setToolTip(tr("Show ∂L/∂W of the last iteration instead of the weights"));
  m_caption = new QLabel(this);
  header->addWidget(m_caption, 1);
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
  grid->addWidget(m_heatmaps[Wxh], 0, 0);
  grid->addWidget(m_heatmaps[Whh], 0, 1);
  grid->addWidget(m_heatmaps[Bh], 0, 2);
  grid->addWidget(m_heatmaps[Why], 1, 1);
  grid->addWidget(m_heatmaps[By], 1, 2);
  body->addLayout(grid, 1);
  m_legend = new ColorLegend(this);
  m_legend->setMaximumHeight(360);
  body->addWidget(m_legend, 0, Qt::AlignVCenter);
  outer->addLayout(body, 1);

  connect(m_toggle, &QCheckBox::toggled, this, &WeightHeatmaps::setShowGradients);
  refresh();
}

void WeightHeatmaps::setParameters(const rnnlab::Parameters& weights,
                                   const rnnlab::Gradients& grads) {
  m_weights = weights;
  m_gradients = grads;
  refresh();
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

double WeightHeatmaps::sharedScale() const {
  const double largest = largestMagnitude(m_showGradients ? m_gradients : m_weights);
  return largest > 0.0 ? largest : 1.0;
}

void WeightHeatmaps::refresh() {
  const rnnlab::Parameters& shown = m_showGradients ? m_gradients : m_weights;
  const double scale = sharedScale();
  updateLabels(shown);
  for (HeatmapWidget* heatmap : m_heatmaps) {
    heatmap->setSymmetricScale(scale);
  }
  m_heatmaps[Wxh]->setMatrix(shown.Wxh());
  m_heatmaps[Whh]->setMatrix(shown.Whh());
  m_heatmaps[Why]->setMatrix(shown.Why());
  m_heatmaps[Bh]->setMatrix(shown.bh());
  m_heatmaps[By]->setMatrix(shown.by());
  m_legend->setScale(scale);
  updateCellSizes();
  m_caption->setText(
      m_showGradients
          ? tr("Gradients ∂L/∂W of the last iteration — one colour scale, ±%1")
                .arg(ColorLegend::tickText(scale))
          : tr("Weights — one colour scale for all five, ±%1").arg(ColorLegend::tickText(scale)));
}

void WeightHeatmaps::updateLabels(const rnnlab::Parameters& shown) {
  const long hidden = shown.Wxh().rows();
  const long inputs = shown.Wxh().cols();
  const long outputs = shown.Why().rows();
  const std::array<long, 4> shape{hidden, inputs, outputs, m_showGradients ? 1 : 0};
  if (shape == m_labelledShape) {
    return;
  }
  m_labelledShape = shape;

  // Space in proportion to the cells each block needs, within the labels' minimum sizes.
  // (square roots: a 256-row block next to an 8-row one still leaves the small one readable)
  const auto weight = [](long count) {
    return static_cast<int>(
        std::lround(10.0 * std::sqrt(static_cast<double>(std::max(count, 1L)))));
  };
  m_grid->setColumnStretch(0, weight(inputs));
  m_grid->setColumnStretch(1, weight(hidden));
  m_grid->setColumnStretch(2, weight(1));
  m_grid->setRowStretch(0, weight(hidden));
  m_grid->setRowStretch(1, weight(outputs));

  const QString d = m_showGradients ? QStringLiteral("d") : QString();
  const auto title = [&](const char* name, const QString& dims, const QString& sizes) {
    return QStringLiteral("%1%2 (%3 = %4)").arg(d, QLatin1String(name), dims, sizes);
  };
  const QString times = QStringLiteral("×");
  m_heatmaps[Wxh]->setTitle(title("Wxh", QStringLiteral("H×I"),
                                  QString::number(hidden) + times + QString::number(inputs)));
  m_heatmaps[Whh]->setTitle(title("Whh", QStringLiteral("H×H"),
                                  QString::number(hidden) + times + QString::number(hidden)));
  m_heatmaps[Why]->setTitle(title("Why", QStringLiteral("O×H"),
                                  QString::number(outputs) + times + QString::number(hidden)));
  m_heatmaps[Bh]->setTitle(title("bh", QStringLiteral("H"), QString::number(hidden)));
  m_heatmaps[By]->setTitle(title("by", QStringLiteral("O"), QString::number(outputs)));

  m_heatmaps[Wxh]->setAxisTitles(tr("to hidden"), tr("from input"));
  m_heatmaps[Whh]->setAxisTitles(tr("to hidden"), tr("from hidden (t−1)"));
  m_heatmaps[Why]->setAxisTitles(tr("to output"), tr("from hidden"));
  m_heatmaps[Bh]->setAxisTitles(QString(), QString());
  m_heatmaps[By]->setAxisTitles(QString(), QString());

  const QStringList h = numbered(QStringLiteral("h"), hidden);
  const QStringList x = numbered(QStringLiteral("x"), inputs);
  const QStringList y = numbered(QStringLiteral("y"), outputs);
  const QStringList none{QStringLiteral(" ")};
  m_heatmaps[Wxh]->setRowLabels(h);
  m_heatmaps[Wxh]->setColumnLabels(x);
  m_heatmaps[Whh]->setRowLabels(h);
  m_heatmaps[Whh]->setColumnLabels(h);
  m_heatmaps[Why]->setRowLabels(y);
  m_heatmaps[Why]->setColumnLabels(h);
  m_heatmaps[Bh]->setRowLabels(h);
  m_heatmaps[Bh]->setColumnLabels(none);
  m_heatmaps[By]->setRowLabels(y);
  m_heatmaps[By]->setColumnLabels(none);
}

void WeightHeatmaps::updateCellSizes() {
  int common = 48;
  for (const HeatmapWidget* heatmap : m_heatmaps) {
    if (heatmap->matrix().size() > 0) {
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
