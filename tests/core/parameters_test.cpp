// Parameters::allFinite is the divergence check on every gradient: it must see one bad number
// anywhere, and must not mistake the largest or smallest finite numbers for one.

#include <gtest/gtest.h>

#include <limits>

#include "rnnlab/model.h"

using namespace rnnlab;

TEST(Parameters, AllFiniteSeesOneBadNumberInAnyBlock) {
  for (const CellKind cell : {CellKind::Rnn, CellKind::Lstm, CellKind::Gru}) {
    ModelConfig config{3, 5, 2, OutputMode::Sequence, LossKind::Mse};
    config.cell = cell;
    Parameters p = Parameters::zeros(config);
    EXPECT_TRUE(p.allFinite());
    for (int b = 0; b < p.blockCount(); ++b) {
      for (const double bad : {std::numeric_limits<double>::infinity(),
                               -std::numeric_limits<double>::infinity(),
                               std::numeric_limits<double>::quiet_NaN()}) {
        Parameters q = p;
        q.flat(b)(q.flat(b).size() - 1) = bad;
        EXPECT_FALSE(q.allFinite()) << q.blockName(b) << " holding " << bad;
      }
    }
  }
}

TEST(Parameters, AllFiniteAcceptsExtremeFiniteNumbers) {
  ModelConfig config{3, 5, 2, OutputMode::Sequence, LossKind::Mse};
  Parameters p = Parameters::zeros(config);
  p.flat(0)(0) = std::numeric_limits<double>::max();
  p.flat(1)(0) = -std::numeric_limits<double>::max();
  p.flat(2)(0) = std::numeric_limits<double>::denorm_min();
  p.flat(3)(0) = -0.0;
  EXPECT_TRUE(p.allFinite());
}
