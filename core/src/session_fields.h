#pragma once

// The one table of the session file's keys (private to core). Each key is declared once, in
// session_fields.cpp: where it sits, its type, its range or values and the message when it is
// wrong, the first version that has it, when a file holds it, and whether a share link drops it.
// Reading (session_read.cpp), validation (session_validate.cpp), writing (session_write.cpp),
// the format version a session needs and setting one key by its path (session_field_access.cpp)
// all walk this table; none of them spells a key.
//
// Scalar settings (sizes, enumerations, numbers, flags) are read, checked and written by their
// kind alone. Keys whose value has a structure of its own (matrices, lists of sequences, texts,
// optimizer slots) are Custom: their reader and writer sit side by side in session_blocks.cpp or
// session_state_block.cpp, and the table points at them.
//
// The default of a key is not in the table: it is the member initializer of the struct that holds
// the value (TrainingSettings, ModelConfig, TextData, ...), read back through the key's getter
// from a default session (defaultValue()), so the two cannot disagree.

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "json_read.h"
#include "rnnlab/session.h"

namespace rnnlab::detail {

// The objects of the file. A block's path is the path of the Object field that opens it.
enum class Block { Root, Model, Weights, Training, Data, TrainingState };

enum class Kind {
  Integer,  // a whole number in [min, max] (also written 3.0 or 1e3)
  Number,   // a finite number that `accepts`
  Seed,     // a whole number in [0, 2^64)
  Boolean,  // true or false
  Choice,   // one name of `choices` (a string)
  Object,   // an object holding the fields of `child` (after what `write` adds first)
  Custom,   // read and written by the field's own `read` and `write`
};

// The data kinds (`data.kind`) a key belongs to, as a bit set.
enum class DataKind { Sequence = 1, Sequences = 2, Text = 4, Pairs = 8 };
inline constexpr unsigned AnyData = 15;
inline constexpr unsigned bit(DataKind kind) { return static_cast<unsigned>(kind); }
DataKind dataKindOf(const Session& session);

// When a written file holds the key.
enum class Presence {
  Always,
  UnlessDefault,  // only when its value differs from the default
  When,           // only when `present` says so
};

// Whether a file must give the key.
enum class Required {
  No,
  Yes,
  UnlessText,   // a text or pairs session's V stands in
  UnlessPairs,  // a pairs session has it fixed (loss, output mode)
};

// One value of a Choice: its name and the first version that has it.
struct ChoiceValue {
  std::string_view name;
  int since = 1;
};

// The first version whose keys and values are read only from a file of that version or newer.
// Version 1 and 2 readers read every key they knew whatever the file said, and files that
// depend on it (a version-1 file refused for its c0, say) must load as they always did.
inline constexpr int FirstVersionChecked = 3;

// Whether a file of version `fileVersion` has what version `since` added: a key it does not
// have is an unknown key, ignored; a value it does not have is refused (readScalar).
constexpr bool fileHas(int since, int fileVersion) {
  return since < FirstVersionChecked || since <= fileVersion;
}

// What a reader keeps beside the session while it reads one file.
struct ReadContext {
  std::filesystem::path folder;              // where relative file names start
  int fileVersion = Session::FormatVersion;  // the file's `version`
  const Json* object = nullptr;              // the object whose fields are being read
  std::vector<BlogBug> blogBugOrder;         // training.blog_bugs as the file lists them
};

class ObjectWriter;
struct FieldSpec;

// A scalar field's way to its value in the session (see member<> in session_fields.cpp).
struct Accessor {
  Json (*get)(const Session&) = nullptr;
  void (*set)(Session&, const Json&) = nullptr;
};

struct FieldSpec {
  Block block;
  std::string_view key;
  Kind kind;
  Required required = Required::No;
  Presence presence = Presence::Always;
  bool (*present)(const Session&) = nullptr;  // Presence::When
  unsigned dataKinds = AnyData;
  int since = 1;  // the first format version with this key
  // A share link carries settings only: non-null when it drops this key, and how.
  void (*dropForLink)(Session&) = nullptr;

  // Integer: the range a file may give.
  long long min = 0;
  long long max = 0;
  // Number: the rule, and what a message says when a value breaks it.
  bool (*accepts)(double) = nullptr;
  std::string_view rule = {};
  // Choice: what one value is called ("cell") and the values.
  std::string_view noun = {};
  std::span<const ChoiceValue> choices = {};
  // Object: the block it holds.
  Block child = Block::Root;

  // The value as a file holds it (scalars and the keys set by path), and setting a value that
  // reading has checked. Without `set` a key cannot be set by its path.
  Accessor access = {};
  // Runs after `set` when the key is set by its path (a change that other values follow).
  void (*afterSet)(Session& session, const Session& before) = nullptr;

  // Custom: reads the value (throws SessionError naming pathOf(self)), and writes the member
  // (calls holder.key(self.key), then appends the value). Object: reads the object's own members
  // before the child block's fields are read, and writes them before those fields.
  void (*read)(const FieldSpec& self, const Json* value, Session&, ReadContext&) = nullptr;
  void (*write)(ObjectWriter& holder, const FieldSpec& self, const Session&) = nullptr;
  // Custom: `read` runs also when the key is missing (value null): the text keys, which a file
  // may give as `<key>_file` instead.
  bool readWhenMissing = false;
};

// Every key in file order, block by block.
std::span<const FieldSpec> sessionFieldTable();
// The fields of one block in file order.
std::vector<const FieldSpec*> fieldsOf(Block block);
// The field with this dotted path ("training.learning_rate"), or nullptr. Where a key stands for
// a value of each data kind (data.batch_size), the one that applies to `session`.
const FieldSpec* findField(std::string_view path, const Session* session = nullptr);
// "training.learning_rate".
std::string pathOf(const FieldSpec& field);
std::string pathOf(Block block);

// Whether a file of `session` holds the field (its block and data kind apply, and its presence
// rule says so).
bool isWritten(const FieldSpec& field, const Session& session);
// Whether the field exists for this session at all (its block is there and its data kind fits).
bool applies(const FieldSpec& field, const Session& session);
// The default of a scalar field (see above).
Json defaultValue(const FieldSpec& field);

// Reads a scalar field's value as a file gives it: the type, the range for integers and, for a
// choice, whether a file of `fileVersion` has the value (the same messages as the whole file).
// Sets it in `session`. Number rules are checked by checkScalar(), after the whole block (as
// validate() does).
void readScalar(const FieldSpec& field, const Json& value, Session& session,
                int fileVersion = Session::FormatVersion);
// The value's problem, or nothing: the range or rule of the field (the default always passes).
std::optional<std::string> checkScalar(const FieldSpec& field, const Session& session);
// The value as the file writes it ("0.1", "\"lstm\"", "true").
std::string scalarText(const FieldSpec& field, const Session& session);
// "rnn, lstm or gru".
std::string choiceList(const FieldSpec& field);

// Which fields readFields() reads.
enum class Pass { All, Scalars, Structured /* Object and Custom */ };
// Reads the fields of `block` that apply to `dataKind` from `object`, in table order: each one
// present is read and set, a missing one is refused when required. A key newer than
// context.fileVersion is not read (see fileHas()).
void readFields(const Json& object, Block block, DataKind dataKind, Session& session,
                ReadContext& context, Pass pass = Pass::All);
using ReadFunction = void (*)(const FieldSpec&, const Json*, Session&, ReadContext&);
// The field that `read` reads: for messages that name another key ("a and b go together").
const FieldSpec& fieldReadBy(ReadFunction read);
// The keys of `block` for `dataKind`, for "expected a, b or c" messages.
std::string keyList(Block block, DataKind dataKind);

// `format`'s one value.
std::string_view formatName();
// The data kind a `data.kind` name stands for (the name is one of the field's choices).
DataKind dataKindNamed(std::string_view name);
std::string_view dataKindName(DataKind kind);

}  // namespace rnnlab::detail
