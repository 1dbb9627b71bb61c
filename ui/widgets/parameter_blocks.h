#pragma once

// The model's parameter blocks as views name and show them, in the cell's block order
// (Parameters::blockNames): rnn Wxh, Whh, Why, bh, by; lstm/gru W_ih, W_hh, b_ih, b_hh, Why, by.

#include <QString>
#include <QStringList>
#include <array>
#include <vector>

#include "rnnlab/model.h"

// "Wxh", "Whh", ... for block k of the rnn cell.
QString blockName(int block);
// The name of block k of `cell`: "W_ih", "b_hh", ...
QString blockName(rnnlab::CellKind cell, int block);
// The name of block k of any model, stacks included: "W_ih_l1_reverse", "Why", ...
QString blockName(const rnnlab::Parameters& p, int block);
// The blocks of `p` (any cell) as matrices (the bias vectors as one column each), in order.
std::vector<rnnlab::Matrix> blocksOf(const rnnlab::Parameters& p);
// Whether block k of `cell` is stacked by gate (G·H rows: W_ih, W_hh, b_ih, b_hh of lstm/gru).
bool isGateStacked(rnnlab::CellKind cell, int block);
// The gate names in PyTorch's order ("i", "f", "g", "o" / "r", "z", "n"; none for rnn).
QStringList gateNameList(rnnlab::CellKind cell);
// Row labels of a gate-stacked block: "i1".."iH", "f1".., or "h1".."hH" for rnn.
QStringList gateRowLabels(rnnlab::CellKind cell, int hidden);
