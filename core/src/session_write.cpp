// Writing a session file: every key the table holds, in table order, each when its presence rule
// says the file has it. Scalars are written by their kind; structured keys by the writers beside
// their readers (session_blocks.cpp, session_state_block.cpp).

#include <string>

#include "session_fields.h"
#include "session_writer.h"

namespace rnnlab {
namespace detail {

void appendMatrix(std::string& out, const Matrix& m, const std::string& indent) {
  out += "[\n";
  for (Index r = 0; r < m.rows(); ++r) {
    out += indent + "  ";
    appendRow(out, m.row(r));
    out += r + 1 < m.rows() ? ",\n" : "\n";
  }
  out += indent + "]";
}

void appendStateRows(std::string& out, const Vector& states, Index rows, const std::string& indent) {
  if (rows == 1) {
    appendRow(out, states);
    return;
  }
  const Index size = states.size() / rows;
  out += "[\n";
  for (Index g = 0; g < rows; ++g) {
    out += indent + "  ";
    appendRow(out, states.segment(g * size, size));
    out += g + 1 < rows ? ",\n" : "\n";
  }
  out += indent + "]";
}

std::string jsonString(std::string_view text) { return Json(std::string(text)).dump(); }

ObjectWriter::ObjectWriter(std::string& out, std::string indent)
    : m_out(out), m_indent(std::move(indent)) {
  m_out += "{\n";
}

std::string& ObjectWriter::key(std::string_view name) {
  if (!m_first) {
    m_out += ",\n";
  }
  m_first = false;
  m_out += m_indent + "  " + jsonString(name) + ": ";
  return m_out;
}

void ObjectWriter::finish() { m_out += "\n" + m_indent + "}"; }

namespace {

void writeFields(ObjectWriter& object, Block block, const Session& session) {
  for (const FieldSpec* field : fieldsOf(block)) {
    if (!isWritten(*field, session)) {
      continue;
    }
    switch (field->kind) {
      case Kind::Object: {
        ObjectWriter child(object.key(field->key), object.childIndent());
        if (field->write != nullptr) {
          field->write(child, *field, session);
        }
        writeFields(child, field->child, session);
        child.finish();
        break;
      }
      case Kind::Custom:
        field->write(object, *field, session);
        break;
      default:
        object.key(field->key) += scalarText(*field, session);
        break;
    }
  }
}

}  // namespace
}  // namespace detail

std::string serializeSession(const Session& session) {
  // A file that loadSession() would refuse is never written.
  if (auto problem = validate(session)) {
    detail::fail("cannot save the session: " + *problem);
  }
  std::string out;
  detail::ObjectWriter root(out, "");
  detail::writeFields(root, detail::Block::Root, session);
  root.finish();
  out += '\n';
  return out;
}

void saveSession(const Session& session, const std::filesystem::path& path) {
  writeFileAtomically(path, serializeSession(session));
}

}  // namespace rnnlab
