#pragma once

// A session: model shape, optional weights, training settings and data — everything needed to
// reproduce a run. Read and written as the spec's JSON (`.rnnlab.json`, format "rnnlab-session",
// versions 1 to 3).

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "rnnlab/model.h"
#include "rnnlab/pairs_data.h"
#include "rnnlab/sequence_data.h"
#include "rnnlab/sequence_set.h"
#include "rnnlab/text_data.h"
#include "rnnlab/training_settings.h"
#include "rnnlab/training_state.h"

namespace rnnlab {

// A refused file or value. what() is one line naming the key and what is wrong, e.g.
// "model.weights.Whh: expected 4 rows of 4 numbers, row 2 has 3".
class SessionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The `version` a session's file said. Every FileVersion equals every other: the number is not
// a setting (two sessions that say the same things train the same whichever number their files
// said), so it stays out of Session's ==, and a file read back after writing equals the session
// written even when the number it says went up (see Session::fileVersion).
struct FileVersion {
  int number = 1;
  friend constexpr bool operator==(FileVersion, FileVersion) { return true; }
};

struct Session {
  static constexpr int FormatVersion = 3;  // the newest version read

  ModelConfig model;
  std::optional<Parameters> weights;  // absent: initialized from training.seed
  std::optional<Vector> h0;           // absent: zeros (only meaningful with weights)
  std::optional<Vector> c0;           // lstm only; absent: zeros
  // `model.weights_file`: a safetensors file with PyTorch's names (see pytorch_weights.h), its
  // path relative to the session file's folder. When set, `weights` holds what it read, and
  // writing the session writes the reference instead of the numbers. setModel() clears it.
  std::optional<std::string> weightsFile;
  TrainingSettings training;
  SequenceData data;  // empty (0 rows) for a text session and for a data set
  // `data.kind = sequences`: a data set of many sequences (training, validation, batch size,
  // shuffle); `data` is then empty (0 rows). Version 2.
  std::optional<SequenceSet> sequences;
  // `data.kind = text`: a character-level language model; `data` is then unused. The texts are
  // held in full (also when the file named them with text_file): a saved session is inline.
  std::optional<TextData> text;
  // `data.kind = pairs` (v3 §3): (source, target) strings for a sequence-to-sequence model
  // (model.seq2seq is then true, I = O = V); `data` is then unused. Version 3.
  std::optional<PairsData> pairs;
  // An interrupted run's state (`training_state`): training continues from it exactly. Absent:
  // a fresh start. Its optimizer slots belong to training.optimizer.
  std::optional<TrainingState> trainingState;
  // The version its file said (1 for a session made here). A file of this session says
  // formatVersionWritten(): `train --out` keeps the file's version, also when the session uses
  // only what older versions have. A share link says what its settings need (shareableSession).
  FileVersion fileVersion;

  // The weights if present, else Model::initialized(model, training.seed, training.initScale).
  Model makeModel() const;
  // Stores model's weights, h0 and (lstm) c0 in the session.
  void setModel(const Model& model);
  // The version the features of this session need: 1 while it uses only version 1's (so
  // version-1 files round-trip unchanged), 2 for a gated cell, text data, a data set, a
  // training_state or training.blog_bugs, 3 for a key or value of version 3 (layers, streams,
  // rmsprop, training.alpha, learning-rate decay).
  int formatVersionNeeded() const;
  // The version a file of this session says: max(fileVersion, formatVersionNeeded()).
  int formatVersionWritten() const;

  friend bool operator==(const Session&, const Session&) = default;
};

// The built-in example: the blog's network and data, corrected (see the spec).
Session builtinExample();

// Describes the first problem that makes the session unusable (sizes that disagree, numbers
// that are not finite, settings out of range), naming the key as the file does, or nothing.
std::optional<std::string> validate(const Session& session);

// Parses and validates; throws SessionError. `data.text_file`, `data.validation_text_file` and
// `model.weights_file` are relative to `folder` (the session file's folder; the current folder
// when empty or in the first form).
Session parseSession(std::string_view json);
Session parseSession(std::string_view json, const std::filesystem::path& folder);
// Reads a file and parses it; throws SessionError (the message starts with the path on I/O errors).
Session loadSession(const std::filesystem::path& path);

// The session as JSON text (numbers round-trip exactly).
std::string serializeSession(const Session& session);
// Writes to a temporary file in the same folder and renames it over `path`, so a failed write
// never leaves a half-written file. Throws SessionError.
void saveSession(const Session& session, const std::filesystem::path& path);

// Writes `text` to `path` atomically (temporary file + rename). Throws SessionError.
void writeFileAtomically(const std::filesystem::path& path, std::string_view text);

// --- The keys of the file, one at a time ---
// Every key is declared once in core's field table; these functions describe it, and read and set
// one key by its dotted path ("training.learning_rate", "model.cell", "training.blog_bugs") with
// the same checks and messages as reading a whole file. Values travel as JSON text ("0.05",
// "\"lstm\"", "[\"h_t_in_dwhh\"]"), so callers need no JSON library of core's.

// What one key is.
struct SessionFieldInfo {
  enum class Type {
    Integer,     // a whole number in [min, max]
    Number,      // a finite number; `rule` says which (e.g. "must be a positive number")
    Seed,        // a whole number in [0, 2^64)
    Boolean,     // true or false
    Choice,      // one of `choices`, a string
    List,        // an array of distinct names of `choices` (training.blog_bugs)
    Structured,  // matrices, lists of sequences, texts, run state: not settable by path
  };
  std::string path;
  Type type = Type::Structured;
  long long min = 0;  // Integer
  long long max = 0;
  std::string rule;                  // Number
  std::string noun;                  // Choice, List: what one value is called ("cell", "bug")
  std::vector<std::string> choices;  // Choice, List
  std::string dataKind;  // the data.kind the key belongs to ("text", ...); empty: any
  int since = 1;         // the first format version that has the key
  bool settable = false;             // setSessionField() takes it
  bool droppedByShareLink = false;   // a share link leaves it out (see shareableSession())
};

// Every key of the file, in file order.
std::vector<SessionFieldInfo> sessionFields();

// The key's value as the file would hold it (JSON text), or nothing when a file of this session
// has no such key (an rnn's forget_bias at 0, blog_bugs when none is on, a key of another data
// kind) or the path is not a key.
std::optional<std::string> sessionFieldValue(const Session& session, std::string_view path);

// Sets one settable key to `jsonValue`. On success returns nothing; otherwise returns the message
// that reading a file with that value would give (the key's type, range or values, or
// validate()'s message for the session that would result) and leaves `session` unchanged.
// Semantics beyond the value: changing any model key starts the model from training.seed (the
// weights, h0, c0, weights file and training_state are dropped, as their shapes may no longer
// fit); model.output_mode of a single sequence reshapes its targets (`last` keeps the final row,
// `sequence` gives the earlier steps zero targets).
std::optional<std::string> setSessionField(Session& session, std::string_view path,
                                           std::string_view jsonValue);

// The paths of the keys a share link leaves out: everything that is not a setting (weights, h0,
// c0, the weights file, training_state).
std::vector<std::string> shareLinkDroppedFields();
// `session` without the keys a share link leaves out, its file version forgotten: a link says
// the version its settings need.
Session shareableSession(const Session& session);

}  // namespace rnnlab
