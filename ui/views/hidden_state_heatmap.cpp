#include "views/hidden_state_heatmap.h"

#include <QVBoxLayout>

#include "widgets/heatmap_widget.h"

HiddenStateHeatmap::HiddenStateHeatmap(QWidget* parent)
    : QWidget(parent), m_heatmap(new HeatmapWidget(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_heatmap);
  m_heatmap->setTitle(tr("Hidden state h_t"));
  m_heatmap->setAxisTitles(tr("hidden unit"), tr("time step"));
  m_heatmap->setSymmetricScale(1.0);  // tanh's range
}

void HiddenStateHeatmap::setForwardPass(const rnnlab::ForwardPass& pass) {
  const rnnlab::Index steps = pass.hidden.cols() - 1;
  if (pass.hidden.rows() == 0 || steps < 1) {
    clear();
    return;
  }
  const auto units = static_cast<int>(pass.hidden.rows());
  // Labels change only with the shape, not 30 times a second.
  if (units != m_labelledUnits) {
    QStringList rowLabels;
    rowLabels.reserve(units);
    for (int unit = 1; unit <= units; ++unit) {
      rowLabels << QStringLiteral("h%1").arg(unit);
    }
    m_heatmap->setRowLabels(rowLabels);
    m_labelledUnits = units;
  }
  m_heatmap->setMatrix(pass.hidden.rightCols(steps));
}

void HiddenStateHeatmap::clear() { m_heatmap->setMatrix(rnnlab::Matrix()); }
