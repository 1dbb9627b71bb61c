#pragma once

// Which character each step of a pass reads and is asked to predict, when the inputs (targets)
// are one-hot columns: the views label steps with characters this way, for text sessions and
// for one-hot presets alike.

#include <QStringList>
#include <vector>

#include "rnnlab/forward_pass.h"

namespace one_hot_columns {

// The hot row of every column of `columns` (R×T), or −1 for a column that is not one-hot
// (exactly one 1, the rest 0).
std::vector<int> hotRows(const rnnlab::Matrix& columns);
// The input index of every step: pass.inputIndices for an indexed pass, else hotRows(inputs).
std::vector<int> inputIndices(const rnnlab::ForwardPass& pass);
// Likewise the target index of every step (−1 where a step has no one-hot target).
std::vector<int> targetIndices(const rnnlab::ForwardPass& pass);
// labels[index], or "?" for an index without a label.
QString label(const QStringList& labels, int index);

}  // namespace one_hot_columns
