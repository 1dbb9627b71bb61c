#pragma once

// The model's parameter blocks as views name and show them, in Parameters::BlockNames order.

#include <QString>
#include <array>

#include "rnnlab/model.h"

// "Wxh", "Whh", ... for block k.
QString blockName(int block);
// The blocks as matrices (the bias vectors as one column each).
std::array<rnnlab::Matrix, rnnlab::Parameters::BlockCount> blocksOf(const rnnlab::Parameters& p);
