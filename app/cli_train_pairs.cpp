// `train` on a pairs session (v3 §3): the same lines as every session's, with
// " validation <V> accuracy <A>" when there are validation pairs.

#include <cmath>
#include <ostream>
#include <stdexcept>
#include <string>

#include "cli_commands.h"
#include "rnnlab/seq2seq_trainer.h"
#include "rnnlab/session.h"

namespace rnnlab::cli {
namespace {

// " validation <V> accuracy <A>" with the trainer's current weights, or nothing.
std::string validationSuffix(Seq2SeqTrainer& trainer) {
  const std::optional<double> loss = trainer.validationLoss();
  if (!loss) {
    return {};
  }
  return " validation " + formatShortest(*loss) + " accuracy " +
         formatShortest(*trainer.validationAccuracy());
}

}  // namespace

int runTrainPairs(Session& session, const TrainOptions& options, std::ostream& out) {
  Seq2SeqTrainer trainer(session.makeModel(), *session.pairs, session.training);
  if (session.trainingState) {
    try {
      trainer.resume(*session.trainingState);
    } catch (const std::invalid_argument& error) {
      throw SessionError(std::string("training_state.") + error.what());
    }
  }
  IterationReport last;
  for (long k = 0; k < session.training.iterations; ++k) {
    const bool printed = trainer.iteration() % options.printEvery == 0;
    const std::string validation = printed ? validationSuffix(trainer) : std::string();
    last = trainer.step();
    if (last.status != IterationReport::Status::Ok) {
      out.flush();
      throw NonFiniteError("training diverged at iteration " + std::to_string(last.iteration) +
                           ": the loss or the gradients became non-finite; the learning rate "
                           "is probably too high or gradient clipping is off" +
                           (options.out ? "; --out was not written" : ""));
    }
    if (printed) {
      out << "iteration " << last.iteration << " loss " << formatShortest(last.loss) << validation
          << '\n';
    }
  }
  const double finalLoss = trainer.currentLoss();
  if (!std::isfinite(finalLoss)) {
    out.flush();
    throw NonFiniteError("training diverged: the loss after the last update is " +
                         formatShortest(finalLoss) +
                         (options.out ? "; --out was not written" : ""));
  }
  const std::string validation = validationSuffix(trainer);
  if (options.out) {
    session.setModel(trainer.model());
    session.trainingState = trainer.trainingState();
    saveSession(session, *options.out);
  }
  out << "final loss " << formatShortest(finalLoss) << validation << '\n';
  return ExitOk;
}

}  // namespace rnnlab::cli
