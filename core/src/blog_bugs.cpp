#include "rnnlab/blog_bugs.h"

namespace rnnlab {

std::string_view toString(BlogBug bug) {
  switch (bug) {
    case BlogBug::LastOutputOnly:
      return "last_output_only";
    case BlogBug::FinalHiddenInBackward:
      return "final_hidden_in_backward";
    case BlogBug::HtInDwhh:
      return "h_t_in_dwhh";
    case BlogBug::GradientMissing2:
      return "gradient_missing_2";
  }
  return "?";
}

std::optional<BlogBug> blogBugFromString(std::string_view name) {
  for (const BlogBug bug : AllBlogBugs) {
    if (toString(bug) == name) {
      return bug;
    }
  }
  return std::nullopt;
}

bool BlogBugs::has(BlogBug bug) const {
  switch (bug) {
    case BlogBug::LastOutputOnly:
      return lastOutputOnly;
    case BlogBug::FinalHiddenInBackward:
      return finalHiddenInBackward;
    case BlogBug::HtInDwhh:
      return hTInDwhh;
    case BlogBug::GradientMissing2:
      return gradientMissing2;
  }
  return false;
}

void BlogBugs::set(BlogBug bug, bool on) {
  switch (bug) {
    case BlogBug::LastOutputOnly:
      lastOutputOnly = on;
      break;
    case BlogBug::FinalHiddenInBackward:
      finalHiddenInBackward = on;
      break;
    case BlogBug::HtInDwhh:
      hTInDwhh = on;
      break;
    case BlogBug::GradientMissing2:
      gradientMissing2 = on;
      break;
  }
}

std::vector<BlogBug> BlogBugs::list() const {
  std::vector<BlogBug> bugs;
  for (const BlogBug bug : AllBlogBugs) {
    if (has(bug)) {
      bugs.push_back(bug);
    }
  }
  return bugs;
}

std::optional<std::string> blogBugUndefined(BlogBug bug, CellKind cell, OutputMode mode,
                                            LossKind loss, bool singleSequence) {
  const std::string name(toString(bug));
  if (cell != CellKind::Rnn) {
    return name + ": the blog's bugs are defined for the rnn cell only (model.cell is " +
           std::string(toString(cell)) + ")";
  }
  if (!singleSequence) {
    return name +
           ": the blog's bugs are defined for one numeric sequence only (not for text or a data "
           "set)";
  }
  if (bug == BlogBug::LastOutputOnly && mode != OutputMode::Sequence) {
    return name + ": needs a target at every step (model.output_mode sequence, got " +
           std::string(toString(mode)) + ")";
  }
  if (bug == BlogBug::GradientMissing2 && loss != LossKind::Mse) {
    return name + ": the blog's loss is a squared error (model.loss mse, got " +
           std::string(toString(loss)) + ")";
  }
  return std::nullopt;
}

}  // namespace rnnlab
