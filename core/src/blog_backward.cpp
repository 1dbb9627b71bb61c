#include "rnnlab/blog_backward.h"

#include "cell_passes.h"
#include "rnnlab/loss.h"

namespace rnnlab {

void forwardBlog(const Model& model, const SequenceData& data, const BlogBugs& bugs,
                 ForwardPass& pass) {
  forward(model, data, pass);
  const Index T = pass.steps();
  if (bugs.lastOutputOnly && T > 0) {
    // The post computes y once, after the loop, and compares it with every step's target.
    for (Index t = 0; t + 1 < T; ++t) {
      pass.outputs.col(t) = pass.outputs.col(T - 1);
    }
    pass.loss = evaluateLoss(model.config.loss, model.config.outputMode, pass.outputs,
                             pass.targets, pass.stepLoss, pass.outputGrad, pass.probabilities);
  }
  if (bugs.gradientMissing2) {
    // Σ(y−d)² instead of ½Σ(y−d)²; outputGrad stays y − d. Doubling is exact in floating point.
    pass.loss *= 2.0;
    pass.stepLoss *= 2.0;
  }
}

void backwardBlog(const Model& model, const ForwardPass& pass, const BlogBugs& bugs,
                  BackwardPass& out) {
  backward(model, pass, out);
  if (!bugs.finalHiddenInBackward && !bugs.hTInDwhh) {
    return;  // the other bugs change only what forwardBlog gives backward()
  }
  const Parameters& p = model.params;
  Gradients& g = out.grads;
  const Index T = pass.steps();
  const auto hiddenStates = pass.hidden.rightCols(T);   // h_1..h_T
  const auto previousStates = pass.hidden.leftCols(T);  // h_0..h_{T-1}
  if (bugs.finalHiddenInBackward) {
    const auto finalState = pass.hidden.col(T);
    out.hiddenGrad.noalias() = p.Why().transpose() * pass.outputGrad;
    for (Index t = T - 1; t >= 0; --t) {
      if (t + 1 < T) {
        out.hiddenGrad.col(t).noalias() += p.Whh().transpose() * out.preActivationGrad.col(t + 1);
      }
      out.preActivationGrad.col(t) =
          ((1.0 - finalState.array().square()) * out.hiddenGrad.col(t).array()).matrix();
    }
    detail::setInputWeightGradient(out.preActivationGrad, pass, g.Wxh());
    g.bh() = out.preActivationGrad.rowwise().sum();
    // Σ_t δ_t·h_Tᵀ as a sum of outer products (no temporary, so an iteration still does not
    // allocate).
    g.Why().setZero();
    for (Index t = 0; t < T; ++t) {
      g.Why().noalias() += pass.outputGrad.col(t) * finalState.transpose();
    }
    if (bugs.hTInDwhh) {
      g.Whh().setZero();
      for (Index t = 0; t < T; ++t) {
        g.Whh().noalias() += out.preActivationGrad.col(t) * finalState.transpose();
      }
    } else {
      g.Whh().noalias() = out.preActivationGrad * previousStates.transpose();
    }
  } else {
    g.Whh().noalias() = out.preActivationGrad * hiddenStates.transpose();
  }
}

}  // namespace rnnlab
