#include "document/share_link.h"

#include <zlib.h>

#include <QByteArray>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <limits>

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

}  // namespace

rnnlab::Session shareable(const rnnlab::Session& session) {
  rnnlab::Session shared = session;
  shared.weights.reset();
  shared.h0.reset();
  shared.c0.reset();
  shared.weightsFile.reset();
  shared.trainingState.reset();
  return shared;
}

QString encode(const SharedState& state) {
  const std::string session = rnnlab::serializeSession(shareable(state.session));
  QJsonObject payload;
  payload.insert(QStringLiteral("format"), QStringLiteral("rnnlab-link"));
  payload.insert(QStringLiteral("version"), FormatVersion);
  // Through QJsonDocument: its numbers are written shortest-exact, so the session round-trips.
  payload.insert(QStringLiteral("session"),
                 QJsonDocument::fromJson(QByteArray::fromStdString(session)).object());
  if (state.lesson) {
    QJsonObject lesson;
    lesson.insert(QStringLiteral("name"), state.lesson->name);
    lesson.insert(QStringLiteral("step"), state.lesson->step);
    payload.insert(QStringLiteral("lesson"), lesson);
  }
  const QByteArray json = QJsonDocument(payload).toJson(QJsonDocument::Compact);
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
  const QByteArray::FromBase64Result packed =
      QByteArray::fromBase64Encoding(body.toLatin1(), Base64Options | QByteArray::AbortOnBase64DecodingErrors);
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
    *error = refused(ShareLink::tr("it was made by a newer RNN Lab (link version %1).")
                         .arg(version.toDouble()));
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
      *error = refused(ShareLink::tr("lesson: expected {\"name\": text, \"step\": a whole number "
                                     "≥ 0}."));
      return std::nullopt;
    }
    state.lesson = LessonStep{name.toString(), static_cast<int>(stepValue)};
  }
  const QJsonValue session = payload.value(QStringLiteral("session"));
  if (!session.isObject()) {
    *error = refused(ShareLink::tr("it holds no session."));
    return std::nullopt;
  }
  try {
    state.session = rnnlab::parseSession(
        QJsonDocument(session.toObject()).toJson(QJsonDocument::Compact).toStdString());
  } catch (const rnnlab::SessionError& e) {
    *error = refused(QStringLiteral("session: %1").arg(QString::fromStdString(e.what())));
    return std::nullopt;
  }
  // A hand-made link might still carry them; a link never sets weights or a training state.
  state.session = shareable(state.session);
  return state;
}

}  // namespace share_link
