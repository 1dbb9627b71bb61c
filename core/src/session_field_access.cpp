// One key at a time: the field table described, read and set by path, and what share links drop.

#include <algorithm>
#include <string>

#include "rnnlab/session.h"
#include "session_fields.h"

namespace rnnlab {
namespace {

using namespace detail;

bool isSettable(const FieldSpec& field) {
  // training_state is the state of a run, not a setting.
  return field.block != Block::TrainingState && field.access.get != nullptr &&
         (field.access.set != nullptr || field.read != nullptr);
}

SessionFieldInfo::Type typeOf(const FieldSpec& field) {
  switch (field.kind) {
    case Kind::Integer:
      return SessionFieldInfo::Type::Integer;
    case Kind::Number:
      return SessionFieldInfo::Type::Number;
    case Kind::Seed:
      return SessionFieldInfo::Type::Seed;
    case Kind::Boolean:
      return SessionFieldInfo::Type::Boolean;
    case Kind::Choice:
      return SessionFieldInfo::Type::Choice;
    default:
      return isSettable(field) ? SessionFieldInfo::Type::List
                               : SessionFieldInfo::Type::Structured;
  }
}

std::string dataKindOfField(const FieldSpec& field) {
  for (const DataKind kind :
       {DataKind::Sequence, DataKind::Sequences, DataKind::Text, DataKind::Pairs}) {
    if (field.dataKinds == bit(kind)) {
      return std::string(dataKindName(kind));
    }
  }
  return {};
}

}  // namespace

std::vector<SessionFieldInfo> sessionFields() {
  std::vector<SessionFieldInfo> out;
  for (const FieldSpec& field : sessionFieldTable()) {
    SessionFieldInfo info;
    info.path = pathOf(field);
    info.type = typeOf(field);
    info.min = field.min;
    info.max = field.max;
    info.rule = field.rule;
    info.noun = field.noun;
    for (const ChoiceValue& choice : field.choices) {
      info.choices.emplace_back(choice.name);
    }
    if (info.type == SessionFieldInfo::Type::List && info.choices.empty()) {
      for (const BlogBug bug : AllBlogBugs) {  // the one list a file holds
        info.choices.emplace_back(toString(bug));
      }
    }
    info.dataKind = dataKindOfField(field);
    info.since = field.since;
    info.settable = isSettable(field);
    info.droppedByShareLink = field.dropForLink != nullptr;
    out.push_back(std::move(info));
  }
  return out;
}

std::optional<std::string> sessionFieldValue(const Session& session, std::string_view path) {
  const FieldSpec* field = findField(path, &session);
  if (field == nullptr || field->access.get == nullptr || !isWritten(*field, session)) {
    return std::nullopt;
  }
  return field->kind == Kind::Number ? scalarText(*field, session)
                                     : field->access.get(session).dump();
}

std::optional<std::string> setSessionField(Session& session, std::string_view path,
                                           std::string_view jsonValue) {
  const FieldSpec* field = findField(path, &session);
  const std::string name(path);
  if (field == nullptr) {
    return name + ": not a key of the session file";
  }
  if (!isSettable(*field)) {
    return name + ": not a setting (it cannot be set on its own)";
  }
  if (!applies(*field, session)) {
    return name + ": not used by this session (" + pathOf(*fieldsOf(Block::Data).front()) +
           " is " + std::string(dataKindName(dataKindOf(session))) + ")";
  }
  Session changed = session;
  try {
    const Json value = Json::parse(jsonValue.begin(), jsonValue.end());
    if (field->kind == Kind::Custom) {
      ReadContext context;
      field->read(*field, &value, changed, context);
    } else {
      readScalar(*field, value, changed);
    }
  } catch (const SessionError& error) {
    return std::string(error.what());
  } catch (const Json::exception&) {
    return name + ": not a JSON value: " + std::string(jsonValue);
  }
  if (field->block == Block::Model && !(changed.model == session.model)) {
    // Weights of another shape or cell would be refused: a changed model starts from its seed.
    for (const FieldSpec& dropped : sessionFieldTable()) {
      if (dropped.dropForLink != nullptr) {
        dropped.dropForLink(changed);
      }
    }
  }
  if (field->afterSet != nullptr) {
    field->afterSet(changed, session);
  }
  if (auto problem = validate(changed)) {
    return problem;
  }
  session = std::move(changed);
  return std::nullopt;
}

std::vector<std::string> shareLinkDroppedFields() {
  std::vector<std::string> out;
  for (const FieldSpec& field : sessionFieldTable()) {
    if (field.dropForLink != nullptr) {
      out.push_back(pathOf(field));
    }
  }
  return out;
}

Session shareableSession(const Session& session) {
  Session shared = session;
  for (const FieldSpec& field : sessionFieldTable()) {
    if (field.dropForLink != nullptr) {
      field.dropForLink(shared);
    }
  }
  shared.fileVersion = FileVersion{};  // the link is a new file: it says what it needs
  return shared;
}

}  // namespace rnnlab
