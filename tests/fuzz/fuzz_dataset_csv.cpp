// parseSequencesCsv on arbitrary bytes; what it accepts is written by serializeSequencesCsv and
// read back equal.

#include <string>
#include <vector>

#include "fuzz_common.h"
#include "rnnlab/sequence_set_csv.h"
#include "rnnlab/session.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace rnnlab;
  std::vector<SequenceData> parsed;
  try {
    parsed = parseSequencesCsv(fuzz::asText(data, size), "fuzz.csv");
  } catch (const SessionError&) {
    return 0;
  }
  fuzz::check(!parsed.empty(), "no sequences accepted");
  for (const SequenceData& sequence : parsed) {
    fuzz::check(sequence.inputs.rows() >= 1 && sequence.inputs.cols() >= 1,
                "empty sequence accepted");
    fuzz::check(sequence.inputs.cols() == parsed.front().inputs.cols(),
                "sequences of different widths accepted");
  }
  std::string text;
  try {
    text = serializeSequencesCsv(parsed);
  } catch (const SessionError&) {
    return 0;  // non-finite numbers parse (as csv.h allows) but are not written
  }
  const std::vector<SequenceData> again = parseSequencesCsv(text);
  fuzz::check(again.size() == parsed.size(), "round trip changed the number of sequences");
  for (std::size_t k = 0; k < parsed.size(); ++k) {
    fuzz::check(again[k].inputs == parsed[k].inputs && again[k].targets == parsed[k].targets,
                "parseSequencesCsv(serializeSequencesCsv(s)) != s");
  }
  return 0;
}
