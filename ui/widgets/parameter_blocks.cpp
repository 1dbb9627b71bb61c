#include "widgets/parameter_blocks.h"

namespace {

QString latin(std::string_view name) {
  return QString::fromLatin1(name.data(), static_cast<qsizetype>(name.size()));
}

}  // namespace

QString blockName(int block) { return blockName(rnnlab::CellKind::Rnn, block); }

QString blockName(rnnlab::CellKind cell, int block) {
  return latin(rnnlab::Parameters::blockNames(cell)[static_cast<std::size_t>(block)]);
}

QString blockName(const rnnlab::Parameters& p, int block) { return latin(p.blockName(block)); }

std::vector<rnnlab::Matrix> blocksOf(const rnnlab::Parameters& p) {
  std::vector<rnnlab::Matrix> blocks;
  blocks.reserve(static_cast<std::size_t>(p.blockCount()));
  for (int k = 0; k < p.blockCount(); ++k) {
    blocks.push_back(p.block(k));
  }
  return blocks;
}

bool isGateStacked(rnnlab::CellKind cell, int block) {
  return cell != rnnlab::CellKind::Rnn && block >= 0 && block < 4;
}

QStringList gateNameList(rnnlab::CellKind cell) {
  QStringList names;
  for (std::string_view name : rnnlab::gateNames(cell)) {
    names << latin(name);
  }
  return names;
}

QStringList gateRowLabels(rnnlab::CellKind cell, int hidden) {
  QStringList gates = gateNameList(cell);
  if (gates.isEmpty()) {
    gates << QStringLiteral("h");
  }
  QStringList labels;
  labels.reserve(static_cast<int>(gates.size()) * hidden);
  for (const QString& gate : gates) {
    for (int unit = 1; unit <= hidden; ++unit) {
      labels << gate + QString::number(unit);
    }
  }
  return labels;
}
