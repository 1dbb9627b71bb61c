#pragma once

// The readers and writers of the session keys whose values have a structure of their own
// (private to core): each key's reader beside its writer, in session_blocks.cpp (model, training,
// data) and session_state_block.cpp (training_state). The table in session_fields.cpp points at
// them; a reader gets its field (for its path) and throws SessionError naming it.

#include "session_fields.h"
#include "session_writer.h"

namespace rnnlab::detail {

#define RNNLAB_SESSION_CODEC(name)                                                 \
  void read##name(const FieldSpec& self, const Json* value, Session& session,     \
                  ReadContext& context);                                           \
  void write##name(ObjectWriter& holder, const FieldSpec& self, const Session& session)

// The top level.
void writeFormat(ObjectWriter& holder, const FieldSpec& self, const Session& session);
void writeVersion(ObjectWriter& holder, const FieldSpec& self, const Session& session);

// model
RNNLAB_SESSION_CODEC(Weights);  // the parameter blocks (h0 and c0 are fields of their own)
RNNLAB_SESSION_CODEC(WeightsFile);  // a safetensors file beside the session
RNNLAB_SESSION_CODEC(H0);
RNNLAB_SESSION_CODEC(C0);
// Setting model.output_mode of a single sequence reshapes its targets as the settings panel
// does: `last` keeps the final row, `sequence` gives the earlier steps zero targets.
void reshapeTargets(Session& session, const Session& before);

// training
RNNLAB_SESSION_CODEC(BlogBugs);
Json blogBugNames(const Session& session);

// data
RNNLAB_SESSION_CODEC(Inputs);
RNNLAB_SESSION_CODEC(Targets);
RNNLAB_SESSION_CODEC(Train);
RNNLAB_SESSION_CODEC(Validation);
bool hasValidationSequences(const Session& session);
RNNLAB_SESSION_CODEC(Vocabulary);
bool hasGivenVocabulary(const Session& session);
RNNLAB_SESSION_CODEC(MainText);
RNNLAB_SESSION_CODEC(ValidationText);
bool hasValidationText(const Session& session);
RNNLAB_SESSION_CODEC(PairsVocabulary);
bool hasGivenPairsVocabulary(const Session& session);
RNNLAB_SESSION_CODEC(TrainPairs);
RNNLAB_SESSION_CODEC(ValidationPairs);
bool hasValidationPairs(const Session& session);
// After the pairs keys: builds the vocabulary and tokens (preparePairs).
void finishPairs(Session& session);
// The training list's length of a data set or of pairs (what an epoch walks).
long trainingCount(const Session& session);
// After the text keys: builds the vocabulary and indices (prepareText), naming the file's key
// when a text read from a file is what is wrong.
void finishText(const Json& data, Session& session);

// training_state
RNNLAB_SESSION_CODEC(OptimizerStep);
RNNLAB_SESSION_CODEC(OptimizerSlots);
bool hasOptimizerSlots(const Session& session);
RNNLAB_SESSION_CODEC(TextPosition);
bool hasTextPosition(const Session& session);
RNNLAB_SESSION_CODEC(CarriedH);
bool hasCarriedH(const Session& session);
RNNLAB_SESSION_CODEC(CarriedC);
bool hasCarriedC(const Session& session);
RNNLAB_SESSION_CODEC(EpochOrder);
bool hasEpochOrder(const Session& session);
RNNLAB_SESSION_CODEC(EpochPosition);
RNNLAB_SESSION_CODEC(ShuffleRng);
bool hasShuffleRng(const Session& session);
RNNLAB_SESSION_CODEC(DropoutRng);
bool hasDropoutRng(const Session& session);
// After the keys of training_state: the keys that go together, and no key of another data kind.
void finishTrainingState(const Json& object, Session& session);

#undef RNNLAB_SESSION_CODEC

}  // namespace rnnlab::detail
