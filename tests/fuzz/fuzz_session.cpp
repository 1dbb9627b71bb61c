// parseSession on arbitrary bytes: every version and data kind. Only SessionError may leave it,
// and an accepted session must pass validate() (the parser's promise).

#include "fuzz_common.h"
#include "rnnlab/session.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace rnnlab;
  try {
    // Relative file names (text_file, weights_file) resolve inside the fixture folder.
    const Session session = parseSession(fuzz::asText(data, size), RNNLAB_FUZZ_FILES);
    fuzz::check(!validate(session).has_value(), "an accepted session fails validate()");
  } catch (const SessionError&) {
  }
  return 0;
}
