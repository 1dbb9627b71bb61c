#pragma once

// TEACHING ONLY: the mistakes of the Chinese blog post that RNN Lab grew out of, each switchable
// on its own. With any of them on, training and the gradient check compute the gradient the way
// the post does (wrong on purpose, see blog_backward.h for the equations); with all of them off
// (the default) nothing changes. Only defined for the rnn cell on one numeric sequence.
//
// As printed, the post's code does not even run (its 2×1 output cannot be compared with the 4×2
// targets, a 1-D x_t broadcasts h into a 4×4 matrix, and `RNN = RNN(...)` is later called as
// `rnn`); the switches model the computation it meant.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rnnlab/types.h"

namespace rnnlab {

enum class BlogBug {
  LastOutputOnly,         // "last_output_only"
  FinalHiddenInBackward,  // "final_hidden_in_backward"
  HtInDwhh,               // "h_t_in_dwhh"
  GradientMissing2,       // "gradient_missing_2"
};
inline constexpr int BlogBugCount = 4;
inline constexpr std::array<BlogBug, BlogBugCount> AllBlogBugs = {
    BlogBug::LastOutputOnly, BlogBug::FinalHiddenInBackward, BlogBug::HtInDwhh,
    BlogBug::GradientMissing2};

// The session file's name of a bug (`training.blog_bugs`), and back (nothing when unknown).
std::string_view toString(BlogBug bug);
std::optional<BlogBug> blogBugFromString(std::string_view name);

struct BlogBugs {
  bool lastOutputOnly = false;
  bool finalHiddenInBackward = false;
  bool hTInDwhh = false;
  bool gradientMissing2 = false;

  bool any() const {
    return lastOutputOnly || finalHiddenInBackward || hTInDwhh || gradientMissing2;
  }
  bool has(BlogBug bug) const;
  void set(BlogBug bug, bool on);
  // The bugs that are on, in AllBlogBugs order (the order a session file lists them in).
  std::vector<BlogBug> list() const;

  friend bool operator==(const BlogBugs&, const BlogBugs&) = default;
};

// Why `bug` is undefined for this model and data, as "<name>: <reason>", or nothing when it is
// defined. `singleSequence`: the data is one numeric sequence (not text, not a data set).
//   every bug: needs cell rnn and a single sequence (the post trains one tanh RNN on one sequence)
//   last_output_only: needs output_mode sequence (a target at every step to compare with)
//   gradient_missing_2: needs loss mse (the post's loss is Σ(y−d)²)
std::optional<std::string> blogBugUndefined(BlogBug bug, CellKind cell, OutputMode mode,
                                            LossKind loss, bool singleSequence);

}  // namespace rnnlab
