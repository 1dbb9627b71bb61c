#pragma once

// Checks that both the reader and validate() make (private to core), each returning the
// problem as the one-line message, or nothing.

#include <optional>
#include <string>

#include "rnnlab/session.h"

namespace rnnlab::detail {

std::optional<std::string> checkFinite(const std::string& path, const Matrix& m);
std::optional<std::string> checkFinite(const std::string& path, const Vector& v);
std::optional<std::string> checkMatrix(const std::string& path, const Matrix& m, Index rows,
                                       Index cols);
std::optional<std::string> checkVector(const std::string& path, const Vector& v, Index size);
// "data.inputs: ..." (a listed sequence replaces the "data" prefix with its own path).
std::optional<std::string> checkStepCount(Index steps);
std::optional<std::string> checkTargetRows(OutputMode mode, Index steps, Index targetRows);
// The weight matrices' entries of a model of these sizes (gates·H·(I + H) + O·H), refused
// beyond limits::MaxWeights before anything of that size is allocated.
std::optional<std::string> checkWeightCount(const ModelConfig& config);
// A pairs session's data and model (v3 §3): the tokens prepared, I = O = V, cross-entropy in
// sequence mode, dot attention only with a one-direction encoder.
std::optional<std::string> validatePairs(const Session& session);
// Why a blog bug is undefined for this session, or nothing.
std::optional<std::string> blogBugProblem(const Session& session, BlogBug bug);

}  // namespace rnnlab::detail
