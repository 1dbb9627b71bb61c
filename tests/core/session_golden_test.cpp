// Every preset and every session file of the tests, read and written back, gives exactly the text
// (or, for a file that is refused, exactly the message) recorded in tests/core/data/roundtrip/.
// The records were made with the session code as it was before it was rebuilt on one table of
// fields, so this test holds the new code to the old behaviour byte for byte.
//
// A record is named after its source's path ('/' as "__") plus ".golden". A text above
// LargeOutputBytes is recorded as its size and FNV-1a 64 hash instead (the Shakespeare preset
// writes 1.1 MB). Paths inside messages are written relative to the source tree ("<src>/...").
//
// To record again after an intended change of the format or a message (review the diff!):
//   RNNLAB_UPDATE_GOLDENS=1 ctest -R SessionGolden

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "rnnlab/session.h"

namespace fs = std::filesystem;
using namespace rnnlab;

namespace {

constexpr std::size_t LargeOutputBytes = 200 * 1024;

const fs::path SourceDir = RNNLAB_SOURCE_DIR;
const fs::path GoldenDir = SourceDir / "tests/core/data/roundtrip";

// The files read: every *.rnnlab.json of the presets and of tests/, and every file of the session
// fuzzers' corpora (whatever their names).
std::vector<fs::path> sessionFiles() {
  std::vector<fs::path> out;
  const auto addTree = [&](const fs::path& root, bool anyName) {
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      if (!entry.is_regular_file()) {
        continue;
      }
      const std::string name = entry.path().filename().string();
      if (anyName || name.ends_with(".rnnlab.json")) {
        out.push_back(fs::relative(entry.path(), SourceDir));
      }
    }
  };
  addTree(SourceDir / "resources/presets", false);
  for (const char* folder : {"tests/cli", "tests/core", "tests/ui", "tests/app", "tests/install"}) {
    if (fs::exists(SourceDir / folder)) {
      addTree(SourceDir / folder, false);
    }
  }
  for (const char* corpus : {"session", "session_roundtrip", "training_state"}) {
    addTree(SourceDir / "tests/fuzz/corpus" / corpus, true);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string goldenName(const fs::path& relative) {
  std::string name = relative.generic_string();
  for (std::size_t at = name.find('/'); at != std::string::npos; at = name.find('/', at)) {
    name.replace(at, 1, "__");
  }
  return name + ".golden";
}

std::uint64_t fnv1a64(const std::string& text) {
  std::uint64_t hash = 14695981039346656037ull;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return hash;
}

std::string withoutSourceDir(std::string text) {
  const std::string prefix = SourceDir.string();
  for (std::size_t at = text.find(prefix); at != std::string::npos;
       at = text.find(prefix, at)) {
    text.replace(at, prefix.size(), "<src>");
  }
  return text;
}

// What the session code makes of the file: "error: <message>\n" or the written text (its size and
// hash when large).
std::string roundTrip(const fs::path& relative) {
  std::string text;
  try {
    text = serializeSession(loadSession(SourceDir / relative));
  } catch (const SessionError& error) {
    return "error: " + withoutSourceDir(error.what()) + "\n";
  }
  if (text.size() > LargeOutputBytes) {
    char line[96];
    std::snprintf(line, sizeof line, "large output: %zu bytes, fnv1a64 %016llx\n", text.size(),
                  static_cast<unsigned long long>(fnv1a64(text)));
    return line;
  }
  return text;
}

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool updating() {
  const char* value = std::getenv("RNNLAB_UPDATE_GOLDENS");
  return value != nullptr && std::string(value) == "1";
}

}  // namespace

TEST(SessionGolden, FindsThePresetsAndTheTestSessions) {
  const std::vector<fs::path> files = sessionFiles();
  const auto has = [&](const std::string& path) {
    return std::find(files.begin(), files.end(), fs::path(path)) != files.end();
  };
  EXPECT_TRUE(has("resources/presets/example.rnnlab.json"));
  EXPECT_TRUE(has("resources/presets/text/shakespeare.rnnlab.json"));
  EXPECT_TRUE(has("tests/cli/data/resumable_momentum.rnnlab.json"));
  EXPECT_TRUE(has("tests/fuzz/corpus/session/seed_weights_file_gru.json"));
  EXPECT_GT(files.size(), 150u);
}

TEST(SessionGolden, EveryFileReadsAndWritesAsRecorded) {
  if (updating()) {
    fs::create_directories(GoldenDir);
  }
  std::set<std::string> expectedNames;
  for (const fs::path& relative : sessionFiles()) {
    const std::string name = goldenName(relative);
    expectedNames.insert(name);
    const std::string actual = roundTrip(relative);
    const fs::path golden = GoldenDir / name;
    if (updating()) {
      std::ofstream(golden, std::ios::binary) << actual;
      continue;
    }
    ASSERT_TRUE(fs::exists(golden)) << relative << ": no record " << golden.filename()
                                    << " (RNNLAB_UPDATE_GOLDENS=1 makes one)";
    EXPECT_EQ(actual, readFile(golden)) << relative;
  }
  // A record without its source is left over from a file that is gone.
  for (const auto& entry : fs::directory_iterator(GoldenDir)) {
    const std::string name = entry.path().filename().string();
    if (name.ends_with(".golden")) {
      EXPECT_TRUE(expectedNames.contains(name)) << "no source for the record " << name;
    }
  }
}

// A written session reads back as the same session and writes the same text again.
TEST(SessionGolden, WrittenTextIsAFixedPoint) {
  for (const fs::path& relative : sessionFiles()) {
    Session session;
    try {
      session = loadSession(SourceDir / relative);
    } catch (const SessionError&) {
      continue;
    }
    const std::string text = serializeSession(session);
    // Relative file names (text_file) are resolved in the source's folder.
    const Session again = parseSession(text, (SourceDir / relative).parent_path());
    EXPECT_EQ(again, session) << relative;
    EXPECT_EQ(serializeSession(again), text) << relative;
  }
}
