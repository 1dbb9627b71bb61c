// parse → serialize → parse gives the same session, and serializing that again gives the same
// text (numbers round-trip exactly; a saved session is inline).

#include <string>

#include "fuzz_common.h"
#include "rnnlab/session.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace rnnlab;
  Session first;
  try {
    first = parseSession(fuzz::asText(data, size), RNNLAB_FUZZ_FILES);
  } catch (const SessionError&) {
    return 0;
  }
  // A session that names a weights file keeps the reference when written; read it back from
  // the same folder.
  const std::string text = serializeSession(first);
  const Session second = parseSession(text, RNNLAB_FUZZ_FILES);
  fuzz::check(second == first, "parse(serialize(s)) != s");
  fuzz::check(serializeSession(second) == text, "serialize is not stable");
  return 0;
}
