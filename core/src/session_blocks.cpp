// The structured keys of `model`, `training` and `data`: each reader beside its writer.

#include <algorithm>
#include <string>

#include "rnnlab/pytorch_weights.h"
#include "rnnlab/safetensors.h"
#include "rnnlab/utf8.h"
#include "session_blocks.h"
#include "session_checks.h"

namespace rnnlab::detail {
namespace {

// The keys of one sequence of version 1 (`data.inputs`, `data.targets`), which every element of
// a data set's lists has too.
std::pair<std::string_view, std::string_view> sequenceKeys() {
  return {fieldReadBy(&readInputs).key, fieldReadBy(&readTargets).key};
}

void appendParameters(ObjectWriter& object, const Parameters& params) {
  for (int k = 0; k < params.blockCount(); ++k) {
    if (params.isBias(k)) {
      appendRow(object.key(params.blockName(k)), params.vec(k));
    } else {
      appendMatrix(object.key(params.blockName(k)), params.block(k), object.childIndent());
    }
  }
}

}  // namespace

// --- the top level ---

void writeFormat(ObjectWriter& holder, const FieldSpec& self, const Session&) {
  holder.key(self.key) += jsonString(formatName());
}

// A version-1 program would read a gated cell's file as an rnn; only files that need more (or
// were read from a file of a higher version) say more than 1.
void writeVersion(ObjectWriter& holder, const FieldSpec& self, const Session& session) {
  holder.key(self.key) += std::to_string(session.formatVersionWritten());
}

// --- model.weights: the cell's parameter blocks, then h0 and c0 ---

void readWeights(const FieldSpec& self, const Json* value, Session& session, ReadContext&) {
  const auto names = Parameters::blockNames(session.model);
  const auto count = static_cast<std::size_t>(names.size());
  // "weights must give Wxh, Whh, Why, bh and by" (for the cell's own names)
  std::string hint = std::string(self.key) + " must give ";
  for (std::size_t k = 0; k < count; ++k) {
    hint += std::string(names[k]) + (k + 2 < count ? ", " : k + 2 == count ? " and " : "");
  }
  if (session.model.cell != CellKind::Rnn) {
    hint += " for a " + std::string(toString(session.model.cell)) + " cell";
  }
  session.weights = readBlocks(*value, pathOf(self), session.model, hint);
}

void writeWeights(ObjectWriter& holder, const FieldSpec&, const Session& session) {
  appendParameters(holder, *session.weights);
}

// h0 and c0: a vector of H, or for a stack L·D rows of H (v3 §1).
void readH0(const FieldSpec& self, const Json* value, Session& session, ReadContext&) {
  session.h0 = readStateRows(*value, pathOf(self), session.model.cellCount(),
                             session.model.hiddenSize);
}

void writeH0(ObjectWriter& holder, const FieldSpec& self, const Session& session) {
  appendStateRows(holder.key(self.key), *session.h0, session.model.cellCount(),
                  holder.childIndent());
}

void readC0(const FieldSpec& self, const Json* value, Session& session, ReadContext&) {
  if (session.model.cell != CellKind::Lstm) {
    fail(pathOf(self) + ": only an lstm has a cell state (model.cell is " +
         std::string(toString(session.model.cell)) + ")");
  }
  session.c0 = readStateRows(*value, pathOf(self), session.model.cellCount(),
                             session.model.hiddenSize);
}

void writeC0(ObjectWriter& holder, const FieldSpec& self, const Session& session) {
  appendStateRows(holder.key(self.key), *session.c0, session.model.cellCount(),
                  holder.childIndent());
}

// The weights from a safetensors file beside the session.
void readWeightsFile(const FieldSpec& self, const Json* value, Session& session,
                     ReadContext& context) {
  const std::string key = pathOf(self);
  const std::string name = readString(*value, key);
  if (name.empty()) {
    fail(key + ": the file name is empty");
  }
  if (session.weights) {
    const std::string weights = pathOf(Block::Weights);
    fail(key + ": the session also gives " + weights + " (give one of the two)");
  }
  const std::filesystem::path path = context.folder / std::filesystem::path(name);
  try {
    session.weights = importPytorchWeights(loadSafetensors(path), session.model);
  } catch (const SafetensorsError& error) {
    const std::string message = error.what();
    fail(key + ": " +
         (message.starts_with(path.string()) ? message : path.string() + ": " + message));
  }
  session.weightsFile = name;
}

void writeWeightsFile(ObjectWriter& holder, const FieldSpec& self, const Session& session) {
  holder.key(self.key) += jsonString(*session.weightsFile);
}

void reshapeTargets(Session& session, const Session& before) {
  if (!session.text && !session.sequences) {
    session.data.targets = before.data.targetsFor(session.model.outputMode);
  }
}

// --- training.blog_bugs: bug names, each at most once ---

// The order the file lists them in goes to the context, so that later checks can name the index
// the file used.
void readBlogBugs(const FieldSpec& self, const Json* value, Session& session,
                  ReadContext& context) {
  const std::string path = pathOf(self);
  const std::string noun(self.noun);
  if (!value->is_array()) {
    fail(path + ": expected an array of " + noun + " names, got " + describe(*value));
  }
  std::string expected;
  for (std::size_t k = 0; k < AllBlogBugs.size(); ++k) {
    expected += std::string(toString(AllBlogBugs[k])) +
                (k + 2 < AllBlogBugs.size() ? ", " : k + 2 == AllBlogBugs.size() ? " or " : "");
  }
  BlogBugs bugs;
  context.blogBugOrder.clear();
  for (std::size_t i = 0; i < value->size(); ++i) {
    const std::string itemPath = path + "[" + std::to_string(i) + "]";
    const std::string name = readString((*value)[i], itemPath);
    const auto bug = blogBugFromString(name);
    if (!bug) {
      fail(itemPath + ": unknown " + noun + " " + Json(name).dump() + " (expected " + expected +
           ")");
    }
    if (bugs.has(*bug)) {
      fail(itemPath + ": " + name + " is listed twice");
    }
    bugs.set(*bug, true);
    context.blogBugOrder.push_back(*bug);
  }
  session.training.blogBugs = bugs;
}

Json blogBugNames(const Session& session) {
  Json names = Json::array();
  for (const BlogBug bug : session.training.blogBugs.list()) {
    names.push_back(std::string(toString(bug)));
  }
  return names;
}

void writeBlogBugs(ObjectWriter& holder, const FieldSpec& self, const Session& session) {
  std::string& list = holder.key(self.key);
  list += '[';
  const std::vector<BlogBug> bugs = session.training.blogBugs.list();
  for (std::size_t i = 0; i < bugs.size(); ++i) {
    list += (i > 0 ? ", " : "") + jsonString(toString(bugs[i]));
  }
  list += ']';
}

// --- data of one sequence: inputs and targets ---

void readInputs(const FieldSpec& self, const Json* value, Session& session, ReadContext&) {
  session.data.inputs =
      readDataRows(*value, pathOf(self), session.model.inputSize, "model.input_size");
  if (auto problem = checkStepCount(session.data.inputs.rows())) {
    fail(*problem);
  }
}

void writeInputs(ObjectWriter& holder, const FieldSpec& self, const Session& session) {
  appendMatrix(holder.key(self.key), session.data.inputs, holder.childIndent());
}

void readTargets(const FieldSpec& self, const Json* value, Session& session, ReadContext&) {
  const ModelConfig& config = session.model;
  if (value->is_array()) {
    if (auto problem = checkTargetRows(config.outputMode, session.data.inputs.rows(),
                                       static_cast<Index>(value->size()))) {
      fail(*problem);
    }
  }
  session.data.targets = readDataRows(*value, pathOf(self), config.outputSize, "model.output_size");
}

void writeTargets(ObjectWriter& holder, const FieldSpec& self, const Session& session) {
  appendMatrix(holder.key(self.key), session.data.targets, holder.childIndent());
}

// --- a data set's lists: each element is a sequence in version 1's form ---

namespace {

SequenceData readListedSequence(const Json& value, const std::string& path,
                                const ModelConfig& config) {
  const auto [inputsKey, targetsKey] = sequenceKeys();
  const Json& object = requireObject(value, path);
  SequenceData out;
  out.inputs = readDataRows(require(object, path, inputsKey), join(path, inputsKey),
                            config.inputSize, "model.input_size");
  // The shared checks name data.inputs; a listed sequence names itself instead.
  const std::size_t prefix = pathOf(Block::Data).size();
  if (auto problem = checkStepCount(out.inputs.rows())) {
    fail(path + problem->substr(prefix));
  }
  const Json& targets = require(object, path, targetsKey);
  if (targets.is_array()) {
    if (auto problem = checkTargetRows(config.outputMode, out.inputs.rows(),
                                       static_cast<Index>(targets.size()))) {
      fail(path + problem->substr(prefix));
    }
  }
  out.targets =
      readDataRows(targets, join(path, targetsKey), config.outputSize, "model.output_size");
  return out;
}

std::vector<SequenceData> readSequenceList(const Json& value, const std::string& path,
                                           const ModelConfig& config) {
  if (!value.is_array()) {
    const auto [inputsKey, targetsKey] = sequenceKeys();
    fail(path + ": expected an array of sequences ({\"" + std::string(inputsKey) +
         "\": ..., \"" + std::string(targetsKey) + "\": ...}), got " + describe(value));
  }
  std::vector<SequenceData> out;
  out.reserve(value.size());
  for (std::size_t k = 0; k < value.size(); ++k) {
    out.push_back(readListedSequence(value[k], path + "[" + std::to_string(k) + "]", config));
  }
  return out;
}

void writeSequenceList(ObjectWriter& holder, std::string_view key,
                       const std::vector<SequenceData>& list) {
  const auto [inputsKey, targetsKey] = sequenceKeys();
  const std::string indent = holder.childIndent();
  std::string& text = holder.key(key);
  text += "[";
  for (std::size_t k = 0; k < list.size(); ++k) {
    text += k > 0 ? ",\n" + indent + "  " : "\n" + indent + "  ";
    ObjectWriter sequence(text, indent + "  ");
    appendMatrix(sequence.key(inputsKey), list[k].inputs, sequence.childIndent());
    appendMatrix(sequence.key(targetsKey), list[k].targets, sequence.childIndent());
    sequence.finish();
  }
  text += list.empty() ? "]" : "\n" + indent + "]";
}

}  // namespace

void readTrain(const FieldSpec& self, const Json* value, Session& session, ReadContext&) {
  const std::string path = pathOf(self);
  session.sequences->train = readSequenceList(*value, path, session.model);
  if (session.sequences->train.empty()) {
    fail(path + ": expected at least one sequence, got none");
  }
}

void writeTrain(ObjectWriter& holder, const FieldSpec& self, const Session& session) {
  writeSequenceList(holder, self.key, session.sequences->train);
}

void readValidation(const FieldSpec& self, const Json* value, Session& session, ReadContext&) {
  session.sequences->validation = readSequenceList(*value, pathOf(self), session.model);
}

void writeValidation(ObjectWriter& holder, const FieldSpec& self, const Session& session) {
  writeSequenceList(holder, self.key, session.sequences->validation);
}

bool hasValidationSequences(const Session& session) {
  return !session.sequences->validation.empty();
}

// --- text ---

void readVocabulary(const FieldSpec& self, const Json* value, Session& session, ReadContext&) {
  const std::string characters = readString(*value, pathOf(self));
  if (const auto offset = decodeUtf8(characters, session.text->vocabulary)) {
    fail(pathOf(self) + ": invalid UTF-8 at byte " + std::to_string(*offset));
  }
  session.text->vocabularyGiven = true;
}

void writeVocabulary(ObjectWriter& holder, const FieldSpec& self, const Session& session) {
  holder.key(self.key) += jsonString(encodeUtf8(session.text->vocabulary));
}

bool hasGivenVocabulary(const Session& session) { return session.text->vocabularyGiven; }

namespace {

constexpr std::string_view FileSuffix = "_file";

// `key` (inline UTF-8) or `key`_file (a file relative to the session's folder); exactly one, or
// neither when `optional`.
void readTextOrFile(const FieldSpec& self, const Json* inline_, const ReadContext& context,
                    bool optional, std::string& out) {
  const std::string key(self.key);
  const std::string fileKey = key + std::string(FileSuffix);
  const std::string path = pathOf(self);
  const std::string filePath = path + std::string(FileSuffix);
  const Json* file = find(*context.object, fileKey);
  if (inline_ != nullptr && file != nullptr) {
    fail(path + ": give either " + key + " or " + fileKey + ", not both");
  }
  if (inline_ != nullptr) {
    out = readString(*inline_, path);
    return;
  }
  if (file == nullptr) {
    if (!optional) {
      fail(path + ": missing (a text session needs " + key + " or " + fileKey + ")");
    }
    return;
  }
  const std::filesystem::path name = readString(*file, filePath);
  if (name.empty()) {
    fail(filePath + ": the file name is empty");
  }
  const std::filesystem::path folder = context.folder;
  const std::filesystem::path where =
      name.is_absolute() || folder.empty() ? name : folder / name;
  try {
    out = readTextFile(where);
  } catch (const SessionError& error) {
    fail(filePath + ": " + error.what());
  }
}

}  // namespace

void readMainText(const FieldSpec& self, const Json* value, Session& session,
                  ReadContext& context) {
  readTextOrFile(self, value, context, false, session.text->text);
}

void writeMainText(ObjectWriter& holder, const FieldSpec& self, const Session& session) {
  holder.key(self.key) += jsonString(session.text->text);
}

void readValidationText(const FieldSpec& self, const Json* value, Session& session,
                        ReadContext& context) {
  readTextOrFile(self, value, context, true, session.text->validationText);
}

void writeValidationText(ObjectWriter& holder, const FieldSpec& self, const Session& session) {
  holder.key(self.key) += jsonString(session.text->validationText);
}

bool hasValidationText(const Session& session) { return !session.text->validationText.empty(); }

void finishText(const Json& data, Session& session) {
  auto problem = prepareText(*session.text);
  if (!problem) {
    return;
  }
  // A text read from a file: name the file's key, since its bytes are what is wrong.
  for (const ReadFunction read : {&readMainText, &readValidationText}) {
    const FieldSpec& field = fieldReadBy(read);
    const std::string prefix = pathOf(field) + ": invalid UTF-8";
    const Json* file = find(data, std::string(field.key) + std::string(FileSuffix));
    if (problem->starts_with(prefix) && file != nullptr) {
      *problem = pathOf(field) + std::string(FileSuffix) + " " + file->dump() +
                 problem->substr(problem->find(": "));
    }
  }
  fail(*problem);
}

}  // namespace rnnlab::detail
