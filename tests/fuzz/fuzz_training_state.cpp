// `training_state` on its own: the input is the value of the key, put into one of a few valid
// sessions (rnn/lstm/gru, sequence or text data, each optimizer, one cell or a version-3 stack of
// 2 layers with dropout, its text in 2 streams) chosen by the first byte, so the fuzzer spends its
// time inside the training_state reader rather than on the rest.

#include <array>
#include <string>
#include <string_view>

#include "fuzz_common.h"
#include "rnnlab/session.h"

namespace {

constexpr std::array<std::string_view, 3> Cells = {"rnn", "lstm", "gru"};
constexpr std::array<std::string_view, 4> Optimizers = {"sgd", "momentum", "adagrad", "adam"};

// choice % 54: below 48, cell + 3 · optimizer + 12 · text + 24 · stack over the first four
// optimizers (a stack: 2 layers with dropout, its text in 2 streams); 48 and up, rmsprop:
// 48 + cell + 3 · text.
std::string sessionWith(unsigned choice, std::string_view state) {
  choice %= 54;
  const std::string_view cell = Cells[choice % 3];
  // Spec v3 §1–2: carried states of B × layers rows, the stack's block names, dropout_rng.
  const bool rmsprop = choice >= 48;
  const std::string_view optimizer = rmsprop ? "rmsprop" : Optimizers[(choice / 3) % 4];
  const bool text = rmsprop ? choice >= 51 : (choice / 12) % 2 == 1;
  const bool stack = !rmsprop && (choice / 24) % 2 == 1;
  std::string json = R"({"format": "rnnlab-session", "version": 3, "model": {)";
  json += stack ? R"("layers": 2, "dropout": 0.25, )" : "";
  json +=
      text ? R"("hidden_size": 2, )" : R"("input_size": 2, "hidden_size": 2, "output_size": 1, )";
  json += R"("cell": ")" + std::string(cell) + R"(", "output_mode": "sequence", "loss": )";
  json += text ? R"("cross_entropy"}, )" : R"("mse"}, )";
  json += R"("training": {"optimizer": ")" + std::string(optimizer) + R"("}, )";
  if (text) {
    json += stack ? R"("data": {"kind": "text", "sequence_length": 3, "batch_size": 2, )"
                    R"("text": "abcabcabcabcabc"}, )"
                  : R"("data": {"kind": "text", "sequence_length": 3, "text": "abcabcab"}, )";
  } else {
    json += R"("data": {"inputs": [[1, 2], [3, 4]], "targets": [[1], [0]]}, )";
  }
  json += R"("training_state": )";
  json += state;
  json += "}";
  return json;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace rnnlab;
  if (size < 1) {
    return 0;
  }
  const std::string json = sessionWith(data[0], fuzz::asText(data + 1, size - 1));
  try {
    const Session session = parseSession(json, RNNLAB_FUZZ_FILES);
    fuzz::check(session.trainingState.has_value(), "training_state accepted but absent");
    fuzz::check(!validate(session).has_value(), "an accepted session fails validate()");
    // What is accepted is written back and read again unchanged.
    const Session again = parseSession(serializeSession(session), RNNLAB_FUZZ_FILES);
    fuzz::check(again == session, "training_state does not round-trip");
  } catch (const SessionError&) {
  }
  return 0;
}
