// Writing a file so that a failed write never leaves a half-written file behind.

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <system_error>

#include "rnnlab/session.h"

#if defined(__unix__) || defined(__APPLE__)
#include <unistd.h>
#endif

namespace rnnlab {
namespace {

[[noreturn]] void fail(std::string message) { throw SessionError(std::move(message)); }

}  // namespace

void writeFileAtomically(const std::filesystem::path& path, std::string_view text) {
  namespace fs = std::filesystem;
  const std::string name = path.string();
  if (path.filename().empty()) {
    fail(name + ": not a file name");
  }
  const fs::path folder = path.parent_path();
  std::error_code error;
  if (!folder.empty() && !fs::is_directory(folder, error)) {
    fail(name + ": cannot write, the folder " + folder.string() + " does not exist");
  }
  if (fs::is_directory(path, error)) {
    fail(name + ": is a folder, not a file");
  }

  // A fresh name beside the target, so the rename stays on one file system (and so atomic).
  std::random_device entropy;
  fs::path temp;
  std::FILE* file = nullptr;
  for (int attempt = 0; attempt < 16 && file == nullptr; ++attempt) {
    char suffix[32];
    std::snprintf(suffix, sizeof suffix, ".tmp-%08x", static_cast<unsigned>(entropy()));
    // Built with += : GCC 12 gives a false -Wrestrict for "literal" + std::string.
    std::string tempName = ".";
    tempName += path.filename().string();
    tempName += suffix;
    temp = folder / tempName;
    // "x": fail rather than reuse a file that already exists (C11 exclusive create).
    file = std::fopen(temp.string().c_str(), "wbx");
    if (file == nullptr && errno != EEXIST) {
      break;
    }
  }
  if (file == nullptr) {
    fail(name + ": cannot write (" + std::generic_category().message(errno) + ")");
  }

  bool ok = std::fwrite(text.data(), 1, text.size(), file) == text.size();
  ok = std::fflush(file) == 0 && ok;
#if defined(__unix__) || defined(__APPLE__)
  // The data must be on disk before the rename makes it visible, or a crash could leave an
  // empty file under the real name.
  ok = ok && ::fsync(::fileno(file)) == 0;
#endif
  const int writeErrno = errno;
  ok = std::fclose(file) == 0 && ok;
  if (ok) {
    // Keep the permissions of the file being replaced.
    const auto status = fs::status(path, error);
    if (!error && fs::exists(status)) {
      fs::permissions(temp, status.permissions(), error);
    }
    fs::rename(temp, path, error);
    if (!error) {
      return;
    }
    const std::string reason = error.message();
    fs::remove(temp, error);
    fail(name + ": cannot replace the file (" + reason + ")");
  }
  fs::remove(temp, error);
  fail(name + ": writing failed (" + std::generic_category().message(writeErrno) + ")");
}

}  // namespace rnnlab
