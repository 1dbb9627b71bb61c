#include "document/share_link.h"

#include <zlib.h>

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <limits>

#include "document/app_support.h"

namespace share_link {

namespace {

const QString Scheme = QStringLiteral("rnnlab:");
constexpr auto Base64Options = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

// The translation context of the messages (lupdate finds ShareLink::tr).
class ShareLink {
  Q_DECLARE_TR_FUNCTIONS(ShareLink)
};

QString refused(const QString& why) {
  return ShareLink::tr("This is not a usable RNN Lab link: %1").arg(why);
}

// Inflates qCompress's output (a 4-byte big-endian size, then a zlib stream) without ever
// holding more than the declared size, which must be at most MaxPayloadBytes. Empty with *error
// on any damage.
std::optional<QByteArray> boundedUncompress(const QByteArray& packed, QString* error) {
  if (packed.size() < 5) {
    *error = refused(ShareLink::tr("it is too short (cut off?)."));
    return std::nullopt;
  }
  const auto* bytes = reinterpret_cast<const unsigned char*>(packed.constData());
  const quint32 declared = (quint32(bytes[0]) << 24) | (quint32(bytes[1]) << 16) |
                           (quint32(bytes[2]) << 8) | quint32(bytes[3]);
  if (declared > static_cast<quint32>(MaxPayloadBytes)) {
    *error = refused(ShareLink::tr("it says it unpacks to %L1 bytes, more than the %L2 a link may "
                                   "hold.")
                         .arg(declared)
                         .arg(MaxPayloadBytes));
    return std::nullopt;
  }
  QByteArray out(static_cast<qsizetype>(declared), Qt::Uninitialized);
  z_stream stream{};
  if (inflateInit(&stream) != Z_OK) {
    *error = refused(ShareLink::tr("it cannot be unpacked."));
    return std::nullopt;
  }
  stream.next_in = const_cast<Bytef*>(bytes + 4);
  stream.avail_in = static_cast<uInt>(packed.size() - 4);
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  int result = inflate(&stream, Z_FINISH);
  // A stream that does not end exactly at the declared size is damaged or lies about its size:
  // with the output full, one more byte is asked for to tell "ends here" from "goes on".
  if (result == Z_BUF_ERROR && stream.avail_out == 0) {
    unsigned char extra = 0;
    stream.next_out = &extra;
    stream.avail_out = 1;
    result = inflate(&stream, Z_FINISH);
    if (stream.avail_out == 0) {
      result = Z_DATA_ERROR;  // more than declared
    }
  }
  const bool ended = result == Z_STREAM_END && stream.avail_in == 0 &&
                     stream.total_out == static_cast<uLong>(declared);
  inflateEnd(&stream);
  if (!ended) {
    *error = refused(ShareLink::tr("it is damaged or cut off."));
    return std::nullopt;
  }
  return out;
}

// The text of the top-level member `key` of a JSON object that QJsonDocument has accepted (so
// its syntax is known to be right), or nothing. The session is parsed from its own text, not
// from QJsonDocument's numbers, which hold integers above 2^63 (a seed may be) as doubles.
std::optional<QByteArray> rawMember(const QByteArray& json, QByteArrayView key) {
  qsizetype i = 0;
  const qsizetype n = json.size();
  auto skipSpace = [&] {
    while (i < n && (json[i] == ' ' || json[i] == '\t' || json[i] == '\n' || json[i] == '\r')) {
      ++i;
    }
  };
  auto skipString = [&] {  // at the opening quote
    for (++i; i < n && json[i] != '"'; ++i) {
      if (json[i] == '\\') {
        ++i;
      }
    }
    ++i;
  };
  auto skipValue = [&] {
    int depth = 0;
    while (i < n) {
      const char c = json[i];
      if (c == '"') {
        skipString();
        continue;
      }
      if (c == '{' || c == '[') {
        ++depth;
      } else if (c == '}' || c == ']') {
        if (depth == 0) {
          return;
        }
        --depth;
      } else if (c == ',' && depth == 0) {
        return;
      }
      ++i;
      if (depth == 0 && (c == '}' || c == ']')) {
        return;
      }
    }
  };
  skipSpace();
  if (i >= n || json[i] != '{') {
    return std::nullopt;
  }
  ++i;
  while (i < n) {
    skipSpace();
    if (i >= n || json[i] != '"') {
      return std::nullopt;
    }
    const qsizetype keyStart = i + 1;
    skipString();
    const QByteArrayView name(json.constData() + keyStart, i - 1 - keyStart);
    skipSpace();
    ++i;  // the colon
    skipSpace();
    const qsizetype valueStart = i;
    skipValue();
    if (name == key) {
      return json.mid(valueStart, i - valueStart);
    }
    skipSpace();
    if (i >= n || json[i] != ',') {
      return std::nullopt;
    }
    ++i;
  }
  return std::nullopt;
}

}  // namespace

rnnlab::Session shareable(const rnnlab::Session& session) {
  return rnnlab::shareableSession(session);  // the field table says what a link leaves out
}

QString encode(const SharedState& state) {
  QJsonObject head;
  head.insert(QStringLiteral("format"), QStringLiteral("rnnlab-link"));
  head.insert(QStringLiteral("version"), FormatVersion);
  if (state.lesson) {
    QJsonObject lesson;
    lesson.insert(QStringLiteral("name"), state.lesson->name);
    lesson.insert(QStringLiteral("step"), state.lesson->step);
    head.insert(QStringLiteral("lesson"), lesson);
  }
  // The session's own text, as a file holds it (see rawMember), after the other members.
  QByteArray json = QJsonDocument(head).toJson(QJsonDocument::Compact);
  json.chop(1);
  json += ",\"session\":";
  json += QByteArray::fromStdString(rnnlab::serializeSession(shareable(state.session)));
  json += '}';
  return Scheme + QString::fromLatin1(qCompress(json, 9).toBase64(Base64Options));
}

bool isLink(QStringView text) { return text.trimmed().startsWith(Scheme); }

std::optional<SharedState> decode(QStringView link, QString* error) {
  QString ignored;
  if (error == nullptr) {
    error = &ignored;
  }
  const QStringView text = link.trimmed();
  if (!text.startsWith(Scheme)) {
    *error = refused(ShareLink::tr("it does not start with “rnnlab:”."));
    return std::nullopt;
  }
  const QStringView body = text.mid(Scheme.size());
  if (body.size() > MaxLinkChars) {
    *error = refused(ShareLink::tr("it is longer than %L1 characters.").arg(MaxLinkChars));
    return std::nullopt;
  }
  for (const QChar c : body) {
    const bool base64url = (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z') ||
                           (c >= u'0' && c <= u'9') || c == u'-' || c == u'_';
    if (!base64url) {
      *error = refused(ShareLink::tr("it contains “%1”, which a link never does (was it changed "
                                     "or wrapped?).")
                           .arg(c));
      return std::nullopt;
    }
  }
  const QByteArray::FromBase64Result packed = QByteArray::fromBase64Encoding(
      body.toLatin1(), Base64Options | QByteArray::AbortOnBase64DecodingErrors);
  if (!packed) {
    *error = refused(ShareLink::tr("it is damaged or cut off."));
    return std::nullopt;
  }
  const std::optional<QByteArray> json = boundedUncompress(*packed, error);
  if (!json) {
    return std::nullopt;
  }
  QJsonParseError parseError{};
  const QJsonDocument document = QJsonDocument::fromJson(*json, &parseError);
  const QJsonObject payload = document.object();
  if (parseError.error != QJsonParseError::NoError || !document.isObject() ||
      payload.value(QStringLiteral("format")).toString() != QStringLiteral("rnnlab-link")) {
    *error = refused(ShareLink::tr("it holds no RNN Lab session."));
    return std::nullopt;
  }
  const QJsonValue version = payload.value(QStringLiteral("version"));
  if (!version.isDouble() || version.toDouble() < 1) {
    *error = refused(ShareLink::tr("it has no valid version."));
    return std::nullopt;
  }
  if (version.toDouble() > FormatVersion) {
    *error = refused(
        ShareLink::tr("it was made by a newer RNN Lab (link version %1).").arg(version.toDouble()));
    return std::nullopt;
  }
  SharedState state;
  const QJsonValue lesson = payload.value(QStringLiteral("lesson"));
  if (!lesson.isUndefined()) {
    const QJsonValue name = lesson.toObject().value(QStringLiteral("name"));
    const QJsonValue step = lesson.toObject().value(QStringLiteral("step"));
    const double stepValue = step.toDouble(-1);
    if (!lesson.isObject() || !name.isString() || name.toString().isEmpty() || !step.isDouble() ||
        stepValue < 0 || stepValue > std::numeric_limits<int>::max() ||
        stepValue != static_cast<double>(static_cast<int>(stepValue))) {
      *error =
          refused(ShareLink::tr("lesson: expected {\"name\": text, \"step\": a whole number "
                                "≥ 0}."));
      return std::nullopt;
    }
    state.lesson = LessonStep{name.toString(), static_cast<int>(stepValue)};
  }
  const std::optional<QByteArray> session = rawMember(*json, "session");
  if (!payload.value(QStringLiteral("session")).isObject() || !session) {
    *error = refused(ShareLink::tr("it holds no session."));
    return std::nullopt;
  }
  try {
    state.session = rnnlab::parseSession(session->toStdString());
  } catch (const rnnlab::SessionError& e) {
    *error = refused(QStringLiteral("session: %1").arg(QString::fromStdString(e.what())));
    return std::nullopt;
  }
  if (const QString refusal = unsupportedInTheApp(state.session); !refusal.isEmpty()) {
    *error = refused(refusal);
    return std::nullopt;
  }
  // A hand-made link might still carry them; a link never sets weights or a training state.
  state.session = shareable(state.session);
  return state;
}

}  // namespace share_link
