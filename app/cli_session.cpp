#include "cli_session.h"

namespace rnnlab::cli {

namespace fs = std::filesystem;

// parseSession validates already; checking again costs little and also covers the built-in
// example and the --iterations override.
void requireValid(const Session& session) {
  if (const auto problem = validate(session)) {
    throw SessionError(*problem);
  }
}

// The core names the path only in I/O errors; a problem inside the file gets it here, so that
// the one error line says which file it is about.
Session loadSessionFile(const fs::path& path) {
  try {
    return loadSession(path);
  } catch (const SessionError& error) {
    const std::string message = error.what();
    if (message.starts_with(path.string())) {
      throw;
    }
    throw SessionError(path.string() + ": " + message);
  }
}

Session loadSessionOrExample(const std::optional<fs::path>& path) {
  Session session = path ? loadSessionFile(*path) : builtinExample();
  requireValid(session);
  return session;
}

}  // namespace rnnlab::cli
