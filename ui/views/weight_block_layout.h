#pragma once

// Where each parameter block sits in the weights view, what it is and how its rows and columns
// are named: one grid row per cell (layer k, then direction: forward, reverse), in the order the
// computation runs them, its input weights, recurrent weights and biases side by side; the
// output layer (Why, by) in a last row under the recurrent weights, so that blocks sharing an
// index (one column per hidden unit) line up. A one-cell model keeps version 2's arrangement:
//     Wxh  Whh  bh                 W_ih  W_hh  b_ih  b_hh
//          Why  by                       Why   by

#include <QString>
#include <QStringList>
#include <vector>

#include "rnnlab/model.h"

enum class WeightBlockRole { InputWeights, RecurrentWeights, InputBias, RecurrentBias, Output, OutputBias };

struct WeightBlockPlace {
  int block = 0;  // in the parameters' order
  int row = 0;
  int column = 0;
  WeightBlockRole role = WeightBlockRole::InputWeights;
  int layer = -1;      // −1 for the output layer
  int direction = -1;  // 0 forward, 1 reverse; −1 for the output layer
};

// Every block of `p` when `shownLayer` is −1, else only layer `shownLayer`'s cells (both
// directions) and the output layer, rows numbered from 0 without gaps.
std::vector<WeightBlockPlace> weightBlockPlaces(const rnnlab::Parameters& p, int shownLayer = -1);

// The title of a block: its name and shape, "W_ih_l1 (4·H×2·H = 512×256)", "bh (H = 4)".
QString weightBlockTitle(const rnnlab::Parameters& p, const WeightBlockPlace& place,
                         bool gradients);

// The labels of what a cell's outputs feed (the columns of a layer's input weights above the
// first, and of Why): "h1".."hH", or with two directions "→h1".."→hH", "←h1".."←hH".
QStringList layerOutputLabels(int hidden, int directions);
