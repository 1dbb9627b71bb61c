#include "widgets/parameter_blocks.h"

QString blockName(int block) {
  const std::string_view name = rnnlab::Parameters::BlockNames.at(static_cast<std::size_t>(block));
  return QString::fromLatin1(name.data(), static_cast<qsizetype>(name.size()));
}

std::array<rnnlab::Matrix, rnnlab::Parameters::BlockCount> blocksOf(const rnnlab::Parameters& p) {
  return {p.Wxh(), p.Whh(), p.Why(), rnnlab::Matrix(p.bh()), rnnlab::Matrix(p.by())};
}
