#include "views/weight_block_layout.h"

#include <array>
#include <utility>

#include "widgets/parameter_blocks.h"

std::vector<WeightBlockPlace> weightBlockPlaces(const rnnlab::Parameters& p, int shownLayer) {
  std::vector<WeightBlockPlace> places;
  constexpr std::array<std::pair<rnnlab::CellBlock, WeightBlockRole>, 4> cellRoles{{
      {rnnlab::CellBlock::InputWeights, WeightBlockRole::InputWeights},
      {rnnlab::CellBlock::RecurrentWeights, WeightBlockRole::RecurrentWeights},
      {rnnlab::CellBlock::InputBias, WeightBlockRole::InputBias},
      {rnnlab::CellBlock::RecurrentBias, WeightBlockRole::RecurrentBias},
  }};
  int row = 0;
  for (int layer = 0; layer < p.layers(); ++layer) {
    if (shownLayer >= 0 && layer != shownLayer) {
      continue;
    }
    for (int direction = 0; direction < p.directions(); ++direction, ++row) {
      int column = 0;
      for (const auto& [cellBlock, role] : cellRoles) {
        const int block = p.cellBlockIndex(layer, direction, cellBlock);
        if (block >= 0) {  // an rnn cell has one bias
          places.push_back({block, row, column++, role, layer, direction});
        }
      }
    }
  }
  places.push_back({p.blockIndex("Why"), row, 1, WeightBlockRole::Output, -1, -1});
  places.push_back({p.blockIndex("by"), row, 2, WeightBlockRole::OutputBias, -1, -1});
  return places;
}

QString weightBlockTitle(const rnnlab::Parameters& p, const WeightBlockPlace& place,
                         bool gradients) {
  const int G = rnnlab::gateCount(p.cell());
  const rnnlab::Matrix& m = p.block(place.block);
  const QString name = (gradients ? QStringLiteral("d") : QString()) + blockName(p, place.block);
  const QString gh = G > 1 ? QString::number(G) + QStringLiteral("·H") : QStringLiteral("H");
  const QString dh = p.directions() > 1 ? QStringLiteral("2·H") : QStringLiteral("H");
  const bool gated = p.cell() != rnnlab::CellKind::Rnn;
  switch (place.role) {
    case WeightBlockRole::InputBias:
    case WeightBlockRole::RecurrentBias:
    case WeightBlockRole::OutputBias: {
      const QString count = QString::number(m.rows());
      if (gated) {
        return QStringLiteral("%1 (%2)").arg(name, count);
      }
      const QString dims = place.role == WeightBlockRole::OutputBias ? QStringLiteral("O") : gh;
      return QStringLiteral("%1 (%2 = %3)").arg(name, dims, count);
    }
    case WeightBlockRole::InputWeights:
    case WeightBlockRole::RecurrentWeights:
    case WeightBlockRole::Output:
      break;
  }
  const QString rows = place.role == WeightBlockRole::Output ? QStringLiteral("O") : gh;
  QString cols = QStringLiteral("H");
  if (place.role == WeightBlockRole::Output) {
    cols = dh;
  } else if (place.role == WeightBlockRole::InputWeights) {
    cols = place.layer == 0 ? QStringLiteral("I") : dh;
  }
  const QString shape = QString::number(m.rows()) + QStringLiteral("×") + QString::number(m.cols());
  return QStringLiteral("%1 (%2×%3 = %4)").arg(name, rows, cols, shape);
}

QStringList layerOutputLabels(int hidden, int directions) {
  QStringList labels;
  labels.reserve(hidden * directions);
  const QStringList prefixes = directions > 1
                                   ? QStringList{QStringLiteral("→h"), QStringLiteral("←h")}
                                   : QStringList{QStringLiteral("h")};
  for (const QString& prefix : prefixes) {
    for (int unit = 1; unit <= hidden; ++unit) {
      labels << prefix + QString::number(unit);
    }
  }
  return labels;
}
