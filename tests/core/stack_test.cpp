// Stacks (spec v3 §1) in the core: the names, order and initialization of their parameters, and
// the single-sequence passes that show one cell of a stack to the views. (Their numbers against
// PyTorch: tests/cli/check_stack_pytorch.py.)

#include <gtest/gtest.h>

#include "rnnlab/backward_pass.h"
#include "rnnlab/batch_pass.h"
#include "rnnlab/forward_pass.h"
#include "rnnlab/rng.h"
#include "test_models.h"

using namespace rnnlab;

namespace {

ModelConfig stackConfig(CellKind cell, int layers, bool bidirectional) {
  ModelConfig config{3, 4, 2, OutputMode::Sequence, LossKind::Mse, cell};
  config.layers = layers;
  config.bidirectional = bidirectional;
  return config;
}

}  // namespace

TEST(StackParameters, NamesAndShapesFollowTheSpec) {
  const ModelConfig config = stackConfig(CellKind::Lstm, 2, true);
  const Parameters p = Parameters::zeros(config);
  const std::vector<std::string_view> expected = {
      "W_ih_l0", "W_hh_l0", "b_ih_l0", "b_hh_l0", "W_ih_l0_reverse", "W_hh_l0_reverse",
      "b_ih_l0_reverse", "b_hh_l0_reverse", "W_ih_l1", "W_hh_l1", "b_ih_l1", "b_hh_l1",
      "W_ih_l1_reverse", "W_hh_l1_reverse", "b_ih_l1_reverse", "b_hh_l1_reverse", "Why", "by"};
  ASSERT_EQ(p.blockCount(), static_cast<int>(expected.size()));
  for (int k = 0; k < p.blockCount(); ++k) {
    EXPECT_EQ(p.blockName(k), expected[static_cast<std::size_t>(k)]);
  }
  EXPECT_EQ(p.block(p.blockIndex("W_ih_l0")).cols(), 3);   // I
  EXPECT_EQ(p.block(p.blockIndex("W_ih_l1")).cols(), 8);   // D·H
  EXPECT_EQ(p.block(p.blockIndex("W_ih_l1")).rows(), 16);  // 4·H
  EXPECT_EQ(p.Why().cols(), 8);
  // An rnn stack: Wxh, Whh, bh per cell; version 2's names for one cell.
  const Parameters rnn = Parameters::zeros(stackConfig(CellKind::Rnn, 2, false));
  EXPECT_EQ(rnn.blockName(2), "bh_l0");
  EXPECT_EQ(rnn.blockName(3), "Wxh_l1");
  EXPECT_EQ(Parameters::zeros(stackConfig(CellKind::Rnn, 1, false)).blockName(2), "Why");
}

TEST(StackParameters, InitializationDrawsLayerByLayerForwardThenReverse) {
  ModelConfig config = stackConfig(CellKind::Lstm, 2, true);
  config.forgetBias = 1.0;
  const Model model = Model::initialized(config, 9, 0.5);
  Rng rng(9);
  const Parameters& p = model.params;
  for (const char* name : {"W_ih_l0", "W_hh_l0", "W_ih_l0_reverse", "W_hh_l0_reverse", "W_ih_l1",
                           "W_hh_l1", "W_ih_l1_reverse", "W_hh_l1_reverse", "Why"}) {
    const Matrix& w = p.block(p.blockIndex(name));
    for (Index r = 0; r < w.rows(); ++r) {
      for (Index c = 0; c < w.cols(); ++c) {
        ASSERT_EQ(w(r, c), 0.5 * rng.normal()) << name << " " << r << "," << c;
      }
    }
  }
  // forget_bias in the f block of every b_ih, nothing else.
  for (const char* name : {"b_ih_l0", "b_ih_l0_reverse", "b_ih_l1", "b_ih_l1_reverse"}) {
    const auto b = p.vec(p.blockIndex(name));
    EXPECT_EQ(b.segment(4, 4), Vector::Constant(4, 1.0)) << name;
    EXPECT_EQ(b.head(4).norm() + b.tail(8).norm(), 0.0) << name;
  }
  EXPECT_EQ(model.h0.size(), 16);  // L·D·H
}

// The passes that show one cell of a stack agree with the batched pass they come from: the loss,
// the shown cell's states (position order also for the reverse direction) and the gradient.
TEST(StackView, ShowsEachCellOfTheRun) {
  for (CellKind cell : {CellKind::Rnn, CellKind::Lstm, CellKind::Gru}) {
    const ModelConfig config = stackConfig(cell, 2, true);
    const Model model = testing_support::randomModel(config, 4);
    const SequenceData data = testing_support::randomData(config, 6, 5);
    BatchPass run;
    run.reserve(config, std::span<const SequenceData>(&data, 1), 1);
    const long first[] = {0};
    const double loss = run.forward(model, std::span<const SequenceData>(&data, 1), first);
    Gradients grads = Parameters::zeros(config);
    run.backward(model, grads);
    for (int layer = 0; layer < 2; ++layer) {
      for (int direction = 0; direction < 2; ++direction) {
        ForwardPass pass;
        pass.viewedLayer = layer;
        pass.viewedDirection = direction;
        forward(model, data, pass);
        EXPECT_NEAR(pass.loss, loss, 1e-12 * std::max(1.0, loss)) << toString(cell);
        EXPECT_EQ(pass.hidden.rightCols(6), run.sequenceCellHidden(0, layer, direction))
            << toString(cell) << " layer " << layer << " direction " << direction;
        EXPECT_EQ(pass.inputs.rows(), layer == 0 ? 3 : 8);
        BackwardPass back;
        backward(model, pass, back);
        EXPECT_TRUE(back.grads == grads) << toString(cell);
        EXPECT_EQ(back.hiddenGrad.cols(), 6);
      }
    }
    // The reverse cell's first position is its last step: h←_T read x_T alone.
    const Matrix reverse = run.sequenceCellHidden(0, 0, 1);
    ForwardPass shown;
    forward(model, data, shown);
    EXPECT_EQ(shown.shownLayer(config), 0);  // the cell Parameters::Wxh() and Whh() name
    shown.viewedLayer = -1;
    EXPECT_EQ(shown.shownLayer(config), 1);
    EXPECT_FALSE(reverse.col(5).isApprox(reverse.col(0)));
  }
}

// viewCell() shows another cell of the run a pass holds, without running it again: the same
// values forward() and backward() give when asked for that cell first.
TEST(StackView, ViewCellEqualsAFreshPassOfThatCell) {
  for (CellKind cell : {CellKind::Rnn, CellKind::Lstm, CellKind::Gru}) {
    const ModelConfig config = stackConfig(cell, 2, true);
    const Model model = testing_support::randomModel(config, 9);
    const SequenceData data = testing_support::randomData(config, 5, 2);
    ForwardPass pass;
    forward(model, data, pass);
    BackwardPass back;
    backward(model, pass, back);
    ASSERT_TRUE(back.stack) << toString(cell);
    for (int layer = 0; layer < 2; ++layer) {
      for (int direction = 0; direction < 2; ++direction) {
        ForwardPass fresh;
        fresh.viewedLayer = layer;
        fresh.viewedDirection = direction;
        forward(model, data, fresh);
        BackwardPass freshBack;
        backward(model, fresh, freshBack);
        ForwardPass viewed = pass;
        viewCell(viewed, layer, direction);
        BackwardPass viewedBack = back;
        viewCell(viewedBack, layer, direction);
        const std::string where = std::string(toString(cell)) + " layer " + std::to_string(layer) +
                                  " direction " + std::to_string(direction);
        EXPECT_EQ(viewed.shownLayer(config), layer) << where;
        EXPECT_EQ(viewed.shownDirection(config), direction) << where;
        EXPECT_EQ(viewed.inputs, fresh.inputs) << where;
        EXPECT_EQ(viewed.hidden, fresh.hidden) << where;
        EXPECT_EQ(viewed.gates, fresh.gates) << where;
        EXPECT_EQ(viewed.cellState, fresh.cellState) << where;
        EXPECT_EQ(viewed.candidateHidden, fresh.candidateHidden) << where;
        EXPECT_EQ(viewed.outputs, pass.outputs) << where;  // the model's, whatever the cell
        EXPECT_EQ(viewedBack.hiddenGrad, freshBack.hiddenGrad) << where;
        EXPECT_EQ(viewedBack.preActivationGrad, freshBack.preActivationGrad) << where;
        EXPECT_EQ(viewedBack.gateGrad, freshBack.gateGrad) << where;
        EXPECT_EQ(viewedBack.cellGrad, freshBack.cellGrad) << where;
      }
    }
    // −1 is the top layer; out-of-range directions clamp.
    ForwardPass top = pass;
    viewCell(top, -1, 5);
    EXPECT_EQ(top.shownLayer(config), 1);
    EXPECT_EQ(top.shownDirection(config), 1);
  }
}

// The deltas of the activated gates agree with those before activation (δf̂ = f(1−f) ⊙ δf,
// δẑ = z(1−z) ⊙ δz) for both directions: a reverse cell's previous state is its state at t + 1.
TEST(StackView, GateDeltasOfTheReverseCellUseTheStateAfterT) {
  for (CellKind cell : {CellKind::Lstm, CellKind::Gru}) {
    const ModelConfig config = stackConfig(cell, 1, true);
    const Model model = testing_support::randomModel(config, 13);
    const SequenceData data = testing_support::randomData(config, 6, 8);
    for (int direction = 0; direction < 2; ++direction) {
      ForwardPass pass;
      pass.viewedDirection = direction;
      forward(model, data, pass);
      BackwardPass back;
      backward(model, pass, back);
      const Index H = config.hiddenSize;
      const Index g = 1;  // f (lstm) and z (gru): both the second block
      const auto a = pass.gate(g).array();
      const Matrix before = (a * (1.0 - a) * back.gateGrad.middleRows(g * H, H).array()).matrix();
      EXPECT_LT((before - back.preActivationGrad.middleRows(g * H, H)).norm(),
                1e-12 * (1.0 + before.norm()))
          << toString(cell) << " direction " << direction;
    }
  }
}

// A stack's passes have the members of their cell only, shaped as one cell's passes are: an empty
// cellGrad for a GRU (no ‖δc_t‖ line in the gradient flow), no gates for an rnn.
TEST(StackView, MembersACellLacksAreEmptyAsForOneCell) {
  for (CellKind cell : {CellKind::Rnn, CellKind::Lstm, CellKind::Gru}) {
    const ModelConfig config = stackConfig(cell, 2, false);
    ModelConfig single = config;
    single.layers = 1;
    const SequenceData data = testing_support::randomData(config, 4, 3);
    ForwardPass stacked;
    ForwardPass one;
    BackwardPass stackedBack;
    BackwardPass oneBack;
    const Model model = testing_support::randomModel(config, 2);
    const Model oneModel = testing_support::randomModel(single, 2);
    forward(model, data, stacked);
    forward(oneModel, data, one);
    backward(model, stacked, stackedBack);
    backward(oneModel, one, oneBack);
    const std::string name(toString(cell));
    EXPECT_EQ(stacked.gates.cols() == 0, one.gates.cols() == 0) << name;
    EXPECT_EQ(stacked.candidateHidden.cols() == 0, one.candidateHidden.cols() == 0) << name;
    EXPECT_EQ(stacked.cellState.cols() == 0, one.cellState.cols() == 0) << name;
    EXPECT_EQ(stackedBack.cellGrad.cols() == 0, oneBack.cellGrad.cols() == 0) << name;
    EXPECT_EQ(stackedBack.recurrentGrad.cols() == 0, oneBack.recurrentGrad.cols() == 0) << name;
    EXPECT_EQ(stackedBack.gateGrad.cols() == 0, oneBack.gateGrad.cols() == 0) << name;
  }
}
