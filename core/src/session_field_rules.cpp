// The rules that walk the field table (session_fields.cpp): finding a key, whether a file holds
// it, reading and checking a scalar, reading a block's fields in table order.

#include <algorithm>

#include "session_fields.h"
#include "text_io.h"

namespace rnnlab::detail {

std::vector<const FieldSpec*> fieldsOf(Block block) {
  std::vector<const FieldSpec*> out;
  for (const FieldSpec& field : sessionFieldTable()) {
    if (field.block == block) {
      out.push_back(&field);
    }
  }
  return out;
}

std::string pathOf(Block block) {
  for (const FieldSpec& field : sessionFieldTable()) {
    if (field.kind == Kind::Object && field.child == block) {
      return pathOf(field);
    }
  }
  return {};
}

std::string pathOf(const FieldSpec& field) { return join(pathOf(field.block), field.key); }

const FieldSpec* findField(std::string_view path, const Session* session) {
  const FieldSpec* found = nullptr;
  for (const FieldSpec& field : sessionFieldTable()) {
    if (pathOf(field) == path) {
      // One key may stand for a value of each data kind (data.batch_size).
      if (session == nullptr || applies(field, *session)) {
        return &field;
      }
      found = found != nullptr ? found : &field;
    }
  }
  return found;
}

bool applies(const FieldSpec& field, const Session& session) {
  if ((field.dataKinds & bit(dataKindOf(session))) == 0) {
    return false;
  }
  if (field.block == Block::Root) {
    return true;
  }
  // A block is there when the field that opens it is written.
  for (const FieldSpec& opener : sessionFieldTable()) {
    if (opener.kind == Kind::Object && opener.child == field.block) {
      return isWritten(opener, session);
    }
  }
  return true;
}

bool isWritten(const FieldSpec& field, const Session& session) {
  if (!applies(field, session)) {
    return false;
  }
  switch (field.presence) {
    case Presence::Always:
      return true;
    case Presence::UnlessDefault:
      return field.access.get(session) != defaultValue(field);
    case Presence::When:
      return field.present(session);
  }
  return true;
}
std::string choiceList(const FieldSpec& field) {
  std::string out;
  const std::size_t n = field.choices.size();
  for (std::size_t k = 0; k < n; ++k) {
    out += std::string(field.choices[k].name) + (k + 2 < n ? ", " : k + 2 == n ? " or " : "");
  }
  return out;
}

void readScalar(const FieldSpec& field, const Json& value, Session& session, int fileVersion) {
  const std::string path = pathOf(field);
  Json checked;
  switch (field.kind) {
    case Kind::Integer:
      checked = readInteger(value, path, field.min, field.max);
      break;
    case Kind::Number:
      checked = readNumber(value, path);
      break;
    case Kind::Seed:
      checked = readSeed(value, path);
      break;
    case Kind::Boolean:
      checked = readBoolean(value, path);
      break;
    case Kind::Choice: {
      const std::string name = readString(value, path);
      const auto known = std::find_if(field.choices.begin(), field.choices.end(),
                                      [&](const ChoiceValue& c) { return c.name == name; });
      if (known == field.choices.end()) {
        fail(path + ": unknown " + std::string(field.noun) + " " + Json(name).dump() +
             " (expected " + choiceList(field) + ")");
      }
      if (!fileHas(known->since, fileVersion)) {
        fail(path + ": " + Json(name).dump() + " needs version " + std::to_string(known->since) +
             " (the file says version " + std::to_string(fileVersion) + ")");
      }
      checked = name;
      break;
    }
    default:
      return;
  }
  if (field.access.set != nullptr) {
    field.access.set(session, checked);
  }
}

std::optional<std::string> checkScalar(const FieldSpec& field, const Session& session) {
  if (field.access.get == nullptr) {
    return std::nullopt;
  }
  const Json value = field.access.get(session);
  if (value == defaultValue(field)) {
    return std::nullopt;
  }
  const std::string path = pathOf(field);
  switch (field.kind) {
    case Kind::Integer: {
      const auto number = value.get<long long>();
      if (number < field.min || number > field.max) {
        return path + ": must be between " + std::to_string(field.min) + " and " +
               std::to_string(field.max) + ", got " + std::to_string(number);
      }
      break;
    }
    case Kind::Number: {
      const auto number = value.get<double>();
      if (!field.accepts(number)) {
        return path + ": " + std::string(field.rule) + ", got " + formatNumber(number);
      }
      break;
    }
    case Kind::Choice: {
      const auto name = value.get<std::string>();
      if (std::none_of(field.choices.begin(), field.choices.end(),
                       [&](const ChoiceValue& c) { return c.name == name; })) {
        return path + ": unknown " + std::string(field.noun);
      }
      break;
    }
    default:
      break;
  }
  return std::nullopt;
}
void readFields(const Json& object, Block block, DataKind dataKind, Session& session,
                ReadContext& context, Pass pass) {
  for (const FieldSpec* field : fieldsOf(block)) {
    const bool structured = field->kind == Kind::Object || field->kind == Kind::Custom;
    if ((field->dataKinds & bit(dataKind)) == 0 || (pass == Pass::Scalars && structured) ||
        (pass == Pass::Structured && !structured) || !fileHas(field->since, context.fileVersion)) {
      continue;
    }
    const std::string path = pathOf(*field);
    const Json* value = find(object, field->key);
    if (value == nullptr && !field->readWhenMissing) {
      const bool required =
          field->required == Required::Yes ||
          (field->required == Required::UnlessText && !session.text && !session.pairs) ||
          (field->required == Required::UnlessPairs && !session.pairs);
      if (required) {
        fail(path + ": missing");
      }
      continue;
    }
    context.object = &object;
    if (field->kind == Kind::Object) {
      const Json& members = requireObject(*value, path);
      if (field->read != nullptr) {
        field->read(*field, &members, session, context);
      }
      readFields(members, field->child, dataKind, session, context);
    } else if (field->kind == Kind::Custom) {
      field->read(*field, value, session, context);
    } else {
      readScalar(*field, *value, session, context.fileVersion);
    }
  }
}

const FieldSpec& fieldReadBy(ReadFunction read) {
  const std::span<const FieldSpec> table = sessionFieldTable();
  const auto* field = std::find_if(table.data(), table.data() + table.size(),
                                   [&](const FieldSpec& f) { return f.read == read; });
  return *field;  // every reader named in a message is in the table
}

std::string keyList(Block block, DataKind dataKind) {
  std::string out;
  for (const FieldSpec* field : fieldsOf(block)) {
    if (field->dataKinds == bit(dataKind)) {
      out += (out.empty() ? "" : ", ") + std::string(field->key);
    }
  }
  return out;
}

std::string scalarText(const FieldSpec& field, const Session& session) {
  const Json value = field.access.get(session);
  return field.kind == Kind::Number ? formatNumber(value.get<double>()) : value.dump();
}
}  // namespace rnnlab::detail
