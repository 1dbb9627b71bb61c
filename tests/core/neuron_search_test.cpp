// LSTMVis's search on constructed activations: the unit planted to be on in a stretch and off
// around it ranks first and fits, look-alikes that are on around it or not all through do not,
// and the planted stretches are found again, exactly. The states over a long text, read in
// chunks, are those of one forward pass.

#include "rnnlab/neuron_search.h"

#include <gtest/gtest.h>

#include <atomic>
#include <vector>

#include "rnnlab/forward_pass.h"
#include "rnnlab/rng.h"
#include "rnnlab/text_model.h"
#include "test_models.h"

using namespace rnnlab;

namespace {

constexpr double Threshold = 0.3;

// 8 units × 100 steps of noise below the threshold, with units planted over it:
//  unit 5: on in [20, 30), [50, 60) and [80, 84), off elsewhere (the pattern);
//  unit 2: on in [17, 33): on in the selection but also around it;
//  unit 6: on in [20, 30) and [50, 55);
//  unit 3: on in [21, 30) and strongly so: on in most of the selection, not all.
Matrix plantedActivations() {
  Rng rng(7);
  Matrix a(8, 100);
  for (Index u = 0; u < a.rows(); ++u) {
    for (Index t = 0; t < a.cols(); ++t) {
      a(u, t) = -1.0 + 1.2 * rng.uniform();  // in [−1, 0.2)
    }
  }
  const auto plant = [&](Index unit, Index begin, Index end, double value) {
    a.row(unit).segment(begin, end - begin).setConstant(value);
  };
  plant(5, 20, 30, 0.8);
  plant(5, 50, 60, 0.7);
  plant(5, 80, 84, 0.9);
  plant(2, 17, 33, 0.95);
  plant(6, 20, 30, 0.6);
  plant(6, 50, 55, 0.6);
  plant(3, 21, 30, 0.99);
  // The pattern's units are plainly off just around the selection, so that their margins (mean
  // inside − mean around: 1.3 and 1.1) do not depend on the noise.
  for (const Index unit : {5, 6}) {
    plant(unit, 17, 20, -0.5);
    plant(unit, 30, 33, -0.5);
  }
  return a;
}

}  // namespace

TEST(NeuronSearch, RanksThePlantedUnitFirst) {
  const Matrix a = plantedActivations();
  const std::vector<SelectionUnit> ranked = rankSelectionUnits(a, 20, 30, Threshold, 3);
  ASSERT_EQ(ranked.size(), 8u);
  EXPECT_EQ(ranked[0].unit, 5);
  EXPECT_TRUE(ranked[0].fits());
  EXPECT_NEAR(ranked[0].margin, 1.3, 1e-12);
  // Unit 6 fits too, with a smaller margin (0.6 against 0.8 inside).
  EXPECT_EQ(ranked[1].unit, 6);
  EXPECT_TRUE(ranked[1].fits());
  for (std::size_t k = 2; k < ranked.size(); ++k) {
    EXPECT_FALSE(ranked[k].fits()) << "unit " << ranked[k].unit;
  }
  const auto find = [&](int unit) {
    for (const SelectionUnit& entry : ranked) {
      if (entry.unit == unit) {
        return entry;
      }
    }
    return SelectionUnit{};
  };
  EXPECT_DOUBLE_EQ(find(2).onInside, 1.0);
  EXPECT_DOUBLE_EQ(find(2).offAround, 0.0);  // on at 17, 18, 19 and 30, 31, 32: 0 of 6 off
  EXPECT_DOUBLE_EQ(find(3).onInside, 0.9);
  EXPECT_DOUBLE_EQ(find(3).offAround, 1.0);
}

TEST(NeuronSearch, FindsThePlantedMatches) {
  const Matrix a = plantedActivations();
  const int pattern[] = {5};
  const std::vector<PatternMatch> matches = findPatternMatches(a, pattern, Threshold);
  ASSERT_EQ(matches.size(), 3u);
  EXPECT_EQ(matches[0].begin, 20);
  EXPECT_EQ(matches[0].end, 30);
  EXPECT_EQ(matches[1].begin, 50);
  EXPECT_EQ(matches[1].end, 60);
  EXPECT_EQ(matches[2].begin, 80);
  EXPECT_EQ(matches[2].end, 84);
  // Both planted units: only where both are on.
  const int both[] = {5, 6};
  const std::vector<PatternMatch> joint = findPatternMatches(a, both, Threshold);
  ASSERT_EQ(joint.size(), 2u);
  EXPECT_EQ(joint[1].begin, 50);
  EXPECT_EQ(joint[1].end, 55);
  // A shortest length drops the short run.
  EXPECT_EQ(findPatternMatches(a, pattern, Threshold, 5).size(), 2u);
  EXPECT_TRUE(findPatternMatches(a, {}, Threshold).empty());
}

TEST(NeuronSearch, ASelectionAtTheEdgeHasOnlyTheContextThere) {
  Matrix a = Matrix::Constant(2, 10, -0.5);
  a.row(0).head(4).setConstant(0.9);  // on from the start
  const std::vector<SelectionUnit> ranked = rankSelectionUnits(a, 0, 4, Threshold, 3);
  EXPECT_EQ(ranked[0].unit, 0);
  EXPECT_TRUE(ranked[0].fits());
  EXPECT_DOUBLE_EQ(ranked[0].margin, 1.4);
  EXPECT_THROW(rankSelectionUnits(a, 4, 4, Threshold, 3), std::invalid_argument);
}

TEST(NeuronSearch, StatesReadInChunksAreThoseOfOnePass) {
  for (const int layers : {1, 2}) {
    for (const CellKind cell : {CellKind::Rnn, CellKind::Lstm}) {
      ModelConfig config{5, 6, 5, OutputMode::Sequence, LossKind::CrossEntropy};
      config.cell = cell;
      config.layers = layers;
      const Model model = testing_support::randomModel(config, 3);
      std::vector<int> text(60);
      Rng rng(11);
      for (int& index : text) {
        index = static_cast<int>(rng.uniform() * 5) % 5;
      }
      const long begin = 7;
      const long count = 45;
      const int units[] = {4, 1};
      const std::atomic<bool> go{false};
      const Matrix chunked =
          cellActivations(model, text, begin, count, layers - 1, 0, units, go, 8);
      ForwardPass pass;
      pass.viewedLayer = layers - 1;
      const std::span<const int> all(text);
      forwardIndexed(model, all.subspan(begin, count), all.subspan(begin + 1, count), model.h0,
                     initialCellState(model), pass);
      ASSERT_EQ(chunked.rows(), 2);
      ASSERT_EQ(chunked.cols(), count);
      for (int k = 0; k < 2; ++k) {
        for (long t = 0; t < count; ++t) {
          EXPECT_NEAR(chunked(k, t), pass.hidden(units[k], t + 1), 1e-12)
              << "layers " << layers << " unit " << units[k] << " step " << t;
        }
      }
      const std::atomic<bool> stop{true};
      EXPECT_EQ(cellActivations(model, text, begin, count, 0, 0, units, stop, 8).cols(), 0);
      EXPECT_THROW(cellActivations(model, text, 0, 60, 0, 0, units, go), std::invalid_argument);
    }
  }
}
