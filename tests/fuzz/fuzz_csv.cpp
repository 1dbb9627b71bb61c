// parseCsv on arbitrary bytes; what it accepts is written by serializeCsv and read back equal.

#include <string>

#include "fuzz_common.h"
#include "rnnlab/csv.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace rnnlab;
  SequenceData parsed;
  try {
    parsed = parseCsv(fuzz::asText(data, size));
  } catch (const SessionError&) {
    return 0;
  }
  fuzz::check(parsed.inputs.rows() >= 1 && parsed.inputs.cols() >= 1, "empty inputs accepted");
  fuzz::check(parsed.targets.rows() == parsed.inputs.rows() || parsed.targets.rows() == 1,
              "targets neither per step nor last");
  const std::string text = serializeCsv(parsed);
  const SequenceData again = parseCsv(text);
  fuzz::check(again.inputs == parsed.inputs && again.targets == parsed.targets,
              "parseCsv(serializeCsv(d)) != d");
  return 0;
}
