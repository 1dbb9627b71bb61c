// The blog's bugs (teaching only): each switch alone gives the gradient the blog's formula gives,
// checked against a naive implementation of that formula written here; all off equals the
// normal passes bit for bit; the session key round-trips and refuses bad values with one line.

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "rnnlab/backward_pass.h"
#include "rnnlab/blog_backward.h"
#include "rnnlab/blog_bugs.h"
#include "rnnlab/forward_pass.h"
#include "rnnlab/gradient_check.h"
#include "rnnlab/session.h"
#include "rnnlab/trainer.h"
#include "test_models.h"

namespace rnnlab {
namespace {

using Mat = std::vector<std::vector<double>>;
using Vec = std::vector<double>;

struct BlogResult {
  double loss = 0.0;
  Mat dWxh, dWhh, dWhy;
  Vec dbh, dby;
};

// The blog's training step as its numpy code means it, mse, sequence mode, one loop per formula:
//   forward: h_t = tanh(Wxh x_t + Whh h_{t-1} + bh); y_t = Why h_t + by, or (last_output_only)
//            one y = Why h_T + by after the loop, compared with every d_t
//   loss:    Σ_t Σ_k (y−d)² (gradient_missing_2) or ½ of it; dy_t = y − d_t either way
//   backward: hs = h_T at every step (final_hidden_in_backward) or h_t; prev = hs
//            (h_t_in_dwhh) or h_{t-1}; dWhy += dy hsᵀ; dh = Whyᵀ dy + dh_next;
//            da = (1 − hs²) dh; dWxh += da xᵀ; dWhh += da prevᵀ; dbh += da; dh_next = Whhᵀ da
BlogResult blogReference(const Model& model, const SequenceData& data, const BlogBugs& bugs) {
  const Index I = model.config.inputSize, H = model.config.hiddenSize,
              O = model.config.outputSize;
  const Index T = data.inputs.rows();
  const Parameters& p = model.params;
  Mat h(T + 1, Vec(H));
  for (Index j = 0; j < H; ++j) {
    h[0][j] = model.h0(j);
  }
  for (Index t = 1; t <= T; ++t) {
    for (Index j = 0; j < H; ++j) {
      double a = p.bh()(j);
      for (Index i = 0; i < I; ++i) {
        a += p.Wxh()(j, i) * data.inputs(t - 1, i);
      }
      for (Index k = 0; k < H; ++k) {
        a += p.Whh()(j, k) * h[t - 1][k];
      }
      h[t][j] = std::tanh(a);
    }
  }
  auto output = [&](Index t) {
    Vec y(O);
    for (Index o = 0; o < O; ++o) {
      y[o] = p.by()(o);
      for (Index j = 0; j < H; ++j) {
        y[o] += p.Why()(o, j) * h[t][j];
      }
    }
    return y;
  };
  BlogResult r;
  Mat dy(T + 1, Vec(O));
  for (Index t = 1; t <= T; ++t) {
    const Vec y = output(bugs.lastOutputOnly ? T : t);
    for (Index o = 0; o < O; ++o) {
      const double e = y[o] - data.targets(t - 1, o);
      r.loss += (bugs.gradientMissing2 ? 1.0 : 0.5) * e * e;
      dy[t][o] = e;
    }
  }
  r.dWxh.assign(H, Vec(I, 0.0));
  r.dWhh.assign(H, Vec(H, 0.0));
  r.dWhy.assign(O, Vec(H, 0.0));
  r.dbh.assign(H, 0.0);
  r.dby.assign(O, 0.0);
  Vec dnext(H, 0.0);
  for (Index t = T; t >= 1; --t) {
    const Vec& hs = bugs.finalHiddenInBackward ? h[T] : h[t];
    const Vec& prev = bugs.hTInDwhh ? hs : h[t - 1];
    Vec dh(H, 0.0);
    for (Index o = 0; o < O; ++o) {
      r.dby[o] += dy[t][o];
      for (Index j = 0; j < H; ++j) {
        r.dWhy[o][j] += dy[t][o] * hs[j];
        dh[j] += p.Why()(o, j) * dy[t][o];
      }
    }
    Vec da(H);
    for (Index j = 0; j < H; ++j) {
      da[j] = (1.0 - hs[j] * hs[j]) * (dh[j] + dnext[j]);
      r.dbh[j] += da[j];
      for (Index i = 0; i < I; ++i) {
        r.dWxh[j][i] += da[j] * data.inputs(t - 1, i);
      }
      for (Index k = 0; k < H; ++k) {
        r.dWhh[j][k] += da[j] * prev[k];
      }
    }
    for (Index k = 0; k < H; ++k) {
      dnext[k] = 0.0;
      for (Index j = 0; j < H; ++j) {
        dnext[k] += p.Whh()(j, k) * da[j];
      }
    }
  }
  return r;
}

double maxDifference(const Matrix& a, const Mat& b) {
  double worst = 0.0;
  for (Index r = 0; r < a.rows(); ++r) {
    for (Index c = 0; c < a.cols(); ++c) {
      worst = std::max(worst, std::abs(a(r, c) - b[r][c]));
    }
  }
  return worst;
}

double maxDifference(const Vector& a, const Vec& b) {
  double worst = 0.0;
  for (Index k = 0; k < a.size(); ++k) {
    worst = std::max(worst, std::abs(a(k) - b[k]));
  }
  return worst;
}

void expectMatches(const Gradients& g, double loss, const BlogResult& r) {
  constexpr double tolerance = 1e-12;
  EXPECT_NEAR(loss, r.loss, tolerance * std::max(1.0, std::abs(r.loss)));
  EXPECT_LT(maxDifference(g.Wxh(), r.dWxh), tolerance);
  EXPECT_LT(maxDifference(g.Whh(), r.dWhh), tolerance);
  EXPECT_LT(maxDifference(g.Why(), r.dWhy), tolerance);
  EXPECT_LT(maxDifference(g.bh(), r.dbh), tolerance);
  EXPECT_LT(maxDifference(g.by(), r.dby), tolerance);
}

// Bit for bit: every entry of every block and the loss identical (NaN never occurs here).
void expectIdentical(const Gradients& a, const Gradients& b) {
  ASSERT_EQ(a.blockCount(), b.blockCount());
  for (int k = 0; k < a.blockCount(); ++k) {
    const auto fa = a.flat(k);
    const auto fb = b.flat(k);
    ASSERT_EQ(fa.size(), fb.size());
    for (Index i = 0; i < fa.size(); ++i) {
      EXPECT_EQ(fa(i), fb(i)) << "block " << k << " element " << i;
    }
  }
}

ModelConfig blogConfig() { return ModelConfig{3, 4, 2, OutputMode::Sequence, LossKind::Mse}; }

BlogBugs only(BlogBug bug) {
  BlogBugs bugs;
  bugs.set(bug, true);
  return bugs;
}

class EachBlogBug : public ::testing::TestWithParam<BlogBug> {};

TEST_P(EachBlogBug, AloneGivesTheBlogsGradientAndNotTheTrueOne) {
  const Model model = testing_support::randomModel(blogConfig(), 11);
  const SequenceData data = testing_support::randomData(blogConfig(), 5, 12);
  const BlogBugs bugs = only(GetParam());

  ForwardPass pass;
  BackwardPass back;
  forwardBlog(model, data, bugs, pass);
  backwardBlog(model, pass, bugs, back);
  expectMatches(back.grads, pass.loss, blogReference(model, data, bugs));

  // The reference without the bug is the true gradient; every bug but gradient_missing_2 moves
  // the gradient away from it (that one moves the loss instead: its own test below).
  const BlogResult right = blogReference(model, data, BlogBugs{});
  ForwardPass truePass;
  BackwardPass trueBack;
  forward(model, data, truePass);
  backward(model, truePass, trueBack);
  expectMatches(trueBack.grads, truePass.loss, right);
  double moved = 0.0;
  for (int k = 0; k < back.grads.blockCount(); ++k) {
    moved = std::max(moved, (back.grads.flat(k) - trueBack.grads.flat(k)).cwiseAbs().maxCoeff());
  }
  if (GetParam() != BlogBug::GradientMissing2) {
    EXPECT_GT(moved, 1e-3) << "the bug did not change the gradient";
  }

  // And the gradient check sees it: errors of order 1 (gradient_missing_2 gives exactly 1/3).
  GradientCheckOptions options;
  options.blogBugs = bugs;
  const GradientCheckResult check = gradientCheck(model, data, options);
  EXPECT_FALSE(check.passed());
  EXPECT_GT(check.worst(), 0.1);
  EXPECT_TRUE(gradientCheck(model, data).passed());
}

INSTANTIATE_TEST_SUITE_P(BlogBugs, EachBlogBug, ::testing::ValuesIn(AllBlogBugs),
                         [](const auto& test) { return std::string(toString(test.param)); });

TEST(BlogBugs, MissingTwoHalvesTheGradientOfTheLossItReports) {
  const Model model = testing_support::randomModel(blogConfig(), 3);
  const SequenceData data = testing_support::randomData(blogConfig(), 4, 4);
  ForwardPass right;
  forward(model, data, right);
  ForwardPass blog;
  forwardBlog(model, data, only(BlogBug::GradientMissing2), blog);
  EXPECT_EQ(blog.loss, 2.0 * right.loss);
  EXPECT_EQ(blog.outputGrad, right.outputGrad);
  GradientCheckOptions options;
  options.blogBugs = only(BlogBug::GradientMissing2);
  const GradientCheckResult check = gradientCheck(model, data, options);
  // |g − 2g| / (|g| + |2g|) = 1/3 for every element whose gradient is above the floor.
  EXPECT_NEAR(check.worst(), 1.0 / 3.0, 1e-6);
}

TEST(BlogBugs, LastOutputOnlyComparesTheFinalOutputWithEveryTarget) {
  const Model model = testing_support::randomModel(blogConfig(), 5);
  const SequenceData data = testing_support::randomData(blogConfig(), 4, 6);
  ForwardPass pass;
  forwardBlog(model, data, only(BlogBug::LastOutputOnly), pass);
  for (Index t = 0; t < 4; ++t) {
    EXPECT_EQ(pass.outputs.col(t), pass.outputs.col(3));
    EXPECT_EQ(pass.outputGrad.col(t), pass.outputs.col(3) - data.targets.row(t).transpose());
  }
}

TEST(BlogBugs, AllCombinationsMatchTheReference) {
  const Model model = testing_support::randomModel(blogConfig(), 21);
  const SequenceData data = testing_support::randomData(blogConfig(), 6, 22);
  for (int mask = 0; mask < 16; ++mask) {
    BlogBugs bugs;
    for (int k = 0; k < BlogBugCount; ++k) {
      bugs.set(AllBlogBugs[static_cast<std::size_t>(k)], ((mask >> k) & 1) != 0);
    }
    SCOPED_TRACE(mask);
    ForwardPass pass;
    BackwardPass back;
    forwardBlog(model, data, bugs, pass);
    backwardBlog(model, pass, bugs, back);
    expectMatches(back.grads, pass.loss, blogReference(model, data, bugs));
  }
}

TEST(BlogBugs, AllOffEqualsTheNormalPassesBitForBit) {
  for (const OutputMode mode : {OutputMode::Sequence, OutputMode::Last}) {
    for (const LossKind loss : {LossKind::Mse, LossKind::CrossEntropy}) {
      const ModelConfig config{3, 7, 2, mode, loss};
      const Model model = testing_support::randomModel(config, 31);
      const SequenceData data = testing_support::randomData(config, 9, 32);
      ForwardPass normal;
      BackwardPass normalBack;
      forward(model, data, normal);
      backward(model, normal, normalBack);
      ForwardPass blog;
      BackwardPass blogBack;
      forwardBlog(model, data, BlogBugs{}, blog);
      backwardBlog(model, blog, BlogBugs{}, blogBack);
      EXPECT_EQ(blog.loss, normal.loss);
      EXPECT_EQ(blog.outputs, normal.outputs);
      expectIdentical(blogBack.grads, normalBack.grads);
    }
  }
}

TEST(BlogBugs, TrainerUsesThemOnlyWhenOn) {
  const Model model = testing_support::randomModel(blogConfig(), 41);
  const SequenceData data = testing_support::randomData(blogConfig(), 4, 42);
  TrainingSettings settings;
  Trainer normal(model, data, settings);
  Trainer off(model, data, settings);
  settings.blogBugs = only(BlogBug::HtInDwhh);
  Trainer buggy(model, data, settings);
  for (int i = 0; i < 5; ++i) {
    normal.step();
    off.step();
    buggy.step();
  }
  expectIdentical(off.lastBackward().grads, normal.lastBackward().grads);
  expectIdentical(off.model().params, normal.model().params);

  // The buggy trainer's last gradient is the blog's gradient of its weights before the update.
  ForwardPass pass;
  BackwardPass back;
  Trainer replay(model, data, settings);
  for (int i = 0; i < 4; ++i) {
    replay.step();
  }
  forwardBlog(replay.model(), data, settings.blogBugs, pass);
  backwardBlog(replay.model(), pass, settings.blogBugs, back);
  expectIdentical(buggy.lastBackward().grads, back.grads);
  EXPECT_NE(buggy.model().params.Whh(), normal.model().params.Whh());
}

TEST(BlogBugs, NamesRoundTrip) {
  for (const BlogBug bug : AllBlogBugs) {
    EXPECT_EQ(blogBugFromString(toString(bug)), bug);
  }
  EXPECT_EQ(toString(BlogBug::LastOutputOnly), "last_output_only");
  EXPECT_EQ(toString(BlogBug::FinalHiddenInBackward), "final_hidden_in_backward");
  EXPECT_EQ(toString(BlogBug::HtInDwhh), "h_t_in_dwhh");
  EXPECT_EQ(toString(BlogBug::GradientMissing2), "gradient_missing_2");
  EXPECT_FALSE(blogBugFromString("h_t_in_dWhh").has_value());
}

// --- the session key ---

std::string errorOf(const std::string& json) {
  try {
    parseSession(json);
  } catch (const SessionError& error) {
    return error.what();
  }
  return "(accepted)";
}

std::string exampleWithTraining(const std::string& extra) {
  std::string text = serializeSession(builtinExample());
  const std::string anchor = "\"init_scale\": 0.01";
  const auto at = text.find(anchor);
  EXPECT_NE(at, std::string::npos);
  text.insert(at + anchor.size(), ",\n    \"blog_bugs\": " + extra);
  return text;
}

TEST(BlogBugsSession, AbsentByDefaultAndNotWritten) {
  const Session example = builtinExample();
  EXPECT_FALSE(example.training.blogBugs.any());
  EXPECT_EQ(serializeSession(example).find("blog_bugs"), std::string::npos);
  EXPECT_EQ(example.formatVersionNeeded(), 1);
  EXPECT_FALSE(parseSession(exampleWithTraining("[]")).training.blogBugs.any());
}

TEST(BlogBugsSession, RoundTrip) {
  Session session = builtinExample();
  session.training.blogBugs.hTInDwhh = true;
  session.training.blogBugs.lastOutputOnly = true;
  const std::string text = serializeSession(session);
  EXPECT_NE(text.find("\"blog_bugs\": [\"last_output_only\", \"h_t_in_dwhh\"]"),
            std::string::npos)
      << text;
  EXPECT_EQ(session.formatVersionNeeded(), 2);
  const Session back = parseSession(text);
  EXPECT_EQ(back, session);
  EXPECT_EQ(serializeSession(back), text);

  const Session all = parseSession(exampleWithTraining(
      R"(["gradient_missing_2", "final_hidden_in_backward", "h_t_in_dwhh", "last_output_only"])"));
  EXPECT_TRUE(all.training.blogBugs.lastOutputOnly);
  EXPECT_TRUE(all.training.blogBugs.finalHiddenInBackward);
  EXPECT_TRUE(all.training.blogBugs.hTInDwhh);
  EXPECT_TRUE(all.training.blogBugs.gradientMissing2);
}

TEST(BlogBugsSession, BadValuesNameTheKeyAndIndex) {
  EXPECT_EQ(errorOf(exampleWithTraining("\"h_t_in_dwhh\"")),
            "training.blog_bugs: expected an array of bug names, got a string (\"h_t_in_dwhh\")");
  EXPECT_EQ(errorOf(exampleWithTraining(R"(["h_t_in_dwhh", "off_by_one"])")),
            "training.blog_bugs[1]: unknown bug \"off_by_one\" (expected last_output_only, "
            "final_hidden_in_backward, h_t_in_dwhh or gradient_missing_2)");
  EXPECT_EQ(errorOf(exampleWithTraining(R"(["h_t_in_dwhh", 3])")),
            "training.blog_bugs[1]: expected a string, got the number 3");
  EXPECT_EQ(errorOf(exampleWithTraining(R"(["h_t_in_dwhh", "h_t_in_dwhh"])")),
            "training.blog_bugs[1]: h_t_in_dwhh is listed twice");
}

TEST(BlogBugsSession, RefusedWhereTheBugIsUndefined) {
  std::string lstm = exampleWithTraining(R"(["gradient_missing_2", "h_t_in_dwhh"])");
  lstm.insert(lstm.find("\"input_size\""), "\"cell\": \"lstm\", ");
  lstm.replace(lstm.find("\"version\": 1"), 12, "\"version\": 2");
  EXPECT_EQ(errorOf(lstm),
            "training.blog_bugs[0]: gradient_missing_2: the blog's bugs are defined for the rnn "
            "cell only (model.cell is lstm)");

  Session session = builtinExample();
  session.model.loss = LossKind::CrossEntropy;
  session.data.targets << 0.5, 0.5, 1, 0, 0, 1, 0.25, 0.75;
  session.training.blogBugs.gradientMissing2 = true;
  EXPECT_EQ(validate(session),
            "training.blog_bugs[0]: gradient_missing_2: the blog's loss is a squared error "
            "(model.loss mse, got cross_entropy)");
  session.training.blogBugs = only(BlogBug::LastOutputOnly);
  EXPECT_EQ(validate(session), std::nullopt);  // defined for cross-entropy

  Session last = builtinExample();
  last.model.outputMode = OutputMode::Last;
  last.data.targets = last.data.targets.bottomRows(1).eval();
  last.training.blogBugs.hTInDwhh = true;
  EXPECT_EQ(validate(last), std::nullopt);
  last.training.blogBugs.lastOutputOnly = true;
  EXPECT_EQ(validate(last),
            "training.blog_bugs[0]: last_output_only: needs a target at every step "
            "(model.output_mode sequence, got last)");
}

}  // namespace
}  // namespace rnnlab
