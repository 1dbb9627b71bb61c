#pragma once

// Loading the session a command works on (private to rnnlab-cli's commands).

#include <filesystem>
#include <optional>

#include "rnnlab/session.h"

namespace rnnlab::cli {

// Throws SessionError with validate()'s message.
void requireValid(const Session& session);
// Reads and validates a session file; a problem's message starts with the path.
Session loadSessionFile(const std::filesystem::path& path);
// The file, or the built-in example when there is no path; validated.
Session loadSessionOrExample(const std::optional<std::filesystem::path>& path);

struct TrainOptions;
// `train` on a loaded pairs session (cli_train_pairs.cpp): runTrain's lines, with
// " validation <V> accuracy <A>".
int runTrainPairs(Session& session, const TrainOptions& options, std::ostream& out);

}  // namespace rnnlab::cli
