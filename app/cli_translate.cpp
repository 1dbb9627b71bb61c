// `translate` (v3 §3): a pairs session's model turns TEXT into its output, greedily or with
// beam search; --attention prints the output's tokens and attention weights as JSON.

#include <cmath>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "cli_commands.h"
#include "cli_session.h"
#include "rnnlab/pairs_data.h"
#include "rnnlab/seq2seq_decode.h"

namespace rnnlab::cli {

int runTranslate(const TranslateOptions& options, std::ostream& out) {
  const Session session = loadSessionOrExample(options.session);
  if (!session.pairs) {
    throw CliError("translate: " + options.session.string() +
                   " is not a pairs session (data.kind pairs, v3 §3); only a "
                   "sequence-to-sequence model translates");
  }
  const PairsData& pairs = *session.pairs;
  std::vector<int> source;
  if (const auto problem = sourceTokens(pairs, options.text, source)) {
    throw CliError("translate: TEXT: " + *problem);
  }
  const Model model = session.makeModel();
  Seq2SeqPass pass;
  pass.reserve(model.config, static_cast<Index>(source.size()), pairs.maxOutputLength);
  std::vector<int> tokens;
  if (options.beam) {
    beamDecode(model, source, *options.beam, pairs.maxOutputLength, pass, tokens);
  } else {
    greedyDecode(model, source, pairs.maxOutputLength, pass, tokens);
  }
  const Matrix attention = pass.attention();
  if (!attention.allFinite() || !pass.outputs().allFinite()) {
    throw NonFiniteError("translate: the logits or the attention are not finite: the weights "
                         "are too large");
  }
  const std::string text = pairs.textOf(tokens);
  if (!options.attention) {
    out << text << '\n';
    return ExitOk;
  }
  // Built whole before printing, so that a failure never leaves half an object on stdout.
  std::string json = "{\"output\": " + nlohmann::json(text).dump() + ",\n \"tokens\": [";
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    json += (k > 0 ? ", " : "") + std::to_string(tokens[k]);
  }
  json += "],\n \"attention\": [";
  for (Index r = 0; r < attention.rows(); ++r) {
    json += r > 0 ? ",\n               [" : "[";
    for (Index c = 0; c < attention.cols(); ++c) {
      json += (c > 0 ? ", " : "") + formatRoundTrip(attention(r, c));
    }
    json += ']';
  }
  json += "]}\n";
  out << json;
  return ExitOk;
}

}  // namespace rnnlab::cli
