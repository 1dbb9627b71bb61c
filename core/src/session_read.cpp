// Reading a session file: JSON text to a checked Session. The keys and how each is read come
// from the field table (session_fields.cpp); this file says in which order the blocks are read,
// since some depend on others (a text's vocabulary gives the model's sizes, the weights' shapes
// follow the model, training_state follows everything).

#include <algorithm>
#include <string>

#include "rnnlab/utf8.h"
#include "session_blocks.h"
#include "session_checks.h"

namespace rnnlab {
namespace {

using namespace detail;

// The field of the top level that opens `block`.
const FieldSpec& opener(Block block) {
  for (const FieldSpec* field : fieldsOf(Block::Root)) {
    if (field->kind == Kind::Object && field->child == block) {
      return *field;
    }
  }
  return *fieldsOf(Block::Root).front();  // not reached: every block has its opener
}

// `format` and `version` come first: a file that is not a session of a version this program
// knows gets one message that says so, not one about its keys. Returns the version.
int readFormatAndVersion(const Json& root) {
  const std::vector<const FieldSpec*> top = fieldsOf(Block::Root);
  const std::string format(top[0]->key);
  const std::string expectedFormat = "expected " + Json(std::string(formatName())).dump();
  const Json& name = require(root, "", format, expectedFormat + "; is this an RNN Lab session file?");
  if (!name.is_string() || name.get<std::string>() != formatName()) {
    fail(format + ": " + expectedFormat + ", got " + describe(name));
  }
  const std::string versionKey(top[1]->key);
  std::string versions;
  for (int v = 1; v <= Session::FormatVersion; ++v) {
    versions += std::to_string(v) + (v + 2 <= Session::FormatVersion   ? ", "
                                     : v + 1 == Session::FormatVersion ? " or "
                                                                       : "");
  }
  const Json& version = require(root, "", versionKey, "expected " + versions);
  if (!version.is_number()) {
    fail(versionKey + ": expected a whole number, got " + describe(version));
  }
  const auto number = wholeNumber(version, versionKey);
  if (!number || *number < 1 || *number > Session::FormatVersion) {
    fail(versionKey + ": this program reads versions 1 to " +
         std::to_string(Session::FormatVersion) + ", the file has version " +
         numberText(version));
  }
  return static_cast<int>(*number);
}

// `data.kind`: "sequence" (the default), "sequences" or "text".
DataKind readDataKind(const Json& data, int fileVersion) {
  const FieldSpec& kind = *fieldsOf(Block::Data).front();
  const Json* name = find(data, kind.key);
  if (name == nullptr) {
    return DataKind::Sequence;
  }
  Session ignored;
  readScalar(kind, *name, ignored, fileVersion);  // checks the name
  return dataKindNamed(name->get<std::string>());
}

const Json& requireBlock(const Json& root, Block block) {
  const FieldSpec& field = opener(block);
  return requireObject(require(root, "", field.key), pathOf(field));
}

Session parseValidJson(const Json& root, const std::filesystem::path& folder) {
  if (!root.is_object()) {
    fail("expected a JSON object with \"format\": \"" + std::string(formatName()) +
         "\" at the top level, got " + describe(root));
  }
  Session session;
  ReadContext context;
  context.fileVersion = readFormatAndVersion(root);
  context.folder = folder;
  session.fileVersion.number = context.fileVersion;
  // Not copied: copying a JSON value recurses, and nested brackets would overflow the stack.
  const Json& model = requireBlock(root, Block::Model);
  const Json& data = requireBlock(root, Block::Data);
  const DataKind dataKind = readDataKind(data, context.fileVersion);
  if (dataKind == DataKind::Text) {
    // Read first: the vocabulary gives the input and output sizes, which the file may omit.
    session.text.emplace();
    readFields(data, Block::Data, dataKind, session, context);
    finishText(data, session);
    session.model.inputSize = session.text->vocabularySize();
    session.model.outputSize = session.text->vocabularySize();
  }
  if (dataKind == DataKind::Pairs) {
    // Read first, as a text: the tokens give the sizes. The loss and output mode are fixed.
    session.pairs.emplace();
    readFields(data, Block::Data, dataKind, session, context);
    finishPairs(session);
    session.model.loss = LossKind::CrossEntropy;
  }
  readFields(model, Block::Model, dataKind, session, context, Pass::Scalars);
  if (auto problem = checkWeightCount(session.model)) {
    fail(*problem);
  }
  readFields(model, Block::Model, dataKind, session, context, Pass::Structured);
  if (const Json* training = find(root, opener(Block::Training).key)) {
    readFields(requireObject(*training, pathOf(Block::Training)), Block::Training, dataKind,
               session, context);
    // The rules of the numbers, once they are all read (as validate() checks them).
    if (auto problem = validate(session.training)) {
      fail(*problem);
    }
  }
  if (dataKind == DataKind::Sequences || dataKind == DataKind::Pairs) {
    if (dataKind == DataKind::Sequences) {
      session.sequences.emplace();
      readFields(data, Block::Data, dataKind, session, context);
    }
    // A data set's keys are all its own: a key of another kind is a mistake worth naming.
    const FieldSpec& kind = *fieldsOf(Block::Data).front();
    for (const auto& item : data.items()) {
      // A named copy: clang 14 cannot capture a structured binding in the lambda below.
      const std::string& key = item.key();
      const std::vector<const FieldSpec*> fields = fieldsOf(Block::Data);
      const bool known = std::any_of(fields.begin(), fields.end(), [&](const FieldSpec* field) {
        return field->key == key && (field->dataKinds & bit(dataKind)) != 0;
      });
      if (!known) {
        fail(join(pathOf(Block::Data), key) + ": not used by " + pathOf(kind) + " " +
             std::string(dataKindName(dataKind)) + " (expected " +
             keyList(Block::Data, dataKind) + ")");
      }
    }
  }
  if (session.text || session.sequences || session.pairs) {
    session.data.inputs.resize(0, session.model.inputSize);
    session.data.targets.resize(0, session.model.outputSize);
  } else {
    readFields(data, Block::Data, dataKind, session, context);
  }
  if (const Json* state = find(root, opener(Block::TrainingState).key)) {
    const Json& object = requireObject(*state, pathOf(Block::TrainingState));
    session.trainingState.emplace();
    session.trainingState->optimizer.kind = session.training.optimizer;
    readFields(object, Block::TrainingState, dataKind, session, context);
    finishTrainingState(object, session);
  }
  // Checked here, where the data kind is known, with the index the file used.
  for (std::size_t i = 0; i < context.blogBugOrder.size(); ++i) {
    if (auto problem = blogBugProblem(session, context.blogBugOrder[i])) {
      fail(pathOf(fieldReadBy(&readBlogBugs)) + "[" + std::to_string(i) + "]: " + *problem);
    }
  }
  // The readers above check everything as they go; this keeps the two in step.
  if (auto problem = validate(session)) {
    fail(*problem);
  }
  return session;
}

// Line and column (from 1) of byte `offset` in `text`.
std::string positionOf(std::string_view text, std::size_t offset) {
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t k = 0; k < offset && k < text.size(); ++k) {
    if (text[k] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

// nlohmann's messages start with "[json.exception.<kind>.<id>] "; keep what follows.
std::string withoutExceptionTag(const std::string& message) {
  const auto end = message.find("] ");
  return end == std::string::npos ? message : message.substr(end + 2);
}

[[noreturn]] void failJson(const Json::exception& error, std::string_view text) {
  if (const auto* parseError = dynamic_cast<const Json::parse_error*>(&error)) {
    // A binary file (an image, say): nlohmann would quote its raw bytes ("last read: '\x89'"),
    // which no one can read. Say what it is instead.
    std::u32string decoded;
    if (const std::optional<std::size_t> bad = decodeUtf8(text, decoded)) {
      fail("not a session file: byte " + std::to_string(*bad + 1) +
           " is not UTF-8 text (is it an image or another binary file?)");
    }
    // "parse error at line 1, column 8: syntax error while parsing ..." → "invalid JSON at ..."
    const std::string message = withoutExceptionTag(parseError->what());
    constexpr std::string_view Prefix = "parse error";
    if (message.starts_with(Prefix)) {
      fail("invalid JSON" + message.substr(Prefix.size()));
    }
    fail("invalid JSON at byte " + std::to_string(parseError->byte) + ": " + message);
  }
  // Number overflow ("number overflow parsing '1e999'") comes without a position: find the
  // number in the text.
  std::string message = withoutExceptionTag(error.what());
  const auto open = message.find('\'');
  const auto close = message.rfind('\'');
  if (message.starts_with("number overflow") && open != std::string::npos && close > open) {
    const std::string number = message.substr(open + 1, close - open - 1);
    const auto at = text.find(number);
    fail("invalid JSON" + (at == std::string_view::npos ? "" : " at " + positionOf(text, at)) +
         ": the number " + number + " is too large (not a finite double)");
  }
  fail("invalid JSON: " + message);
}

}  // namespace

Session parseSession(std::string_view json) {
  return parseSession(json, std::filesystem::path("."));
}

Session parseSession(std::string_view json, const std::filesystem::path& folder) {
  try {
    Json root;
    try {
      root = Json::parse(json.begin(), json.end());
    } catch (const Json::exception& error) {
      failJson(error, json);
    }
    return parseValidJson(root, folder);
  } catch (const SessionError&) {
    throw;
  } catch (const Json::exception& error) {
    // Should not happen (every access above checks the type first), but keeps the promise
    // that only SessionError leaves this function.
    fail("invalid session: " + withoutExceptionTag(error.what()));
  } catch (const std::bad_alloc&) {
    fail("the session is too large to load (out of memory)");
  } catch (const std::exception& error) {
    fail(std::string("invalid session: ") + error.what());
  }
}

Session loadSession(const std::filesystem::path& path) {
  const std::filesystem::path folder =
      path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  return parseSession(detail::readTextFile(path), folder);
}

}  // namespace rnnlab
