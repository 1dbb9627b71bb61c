// share_link::decode on arbitrary text, and on links built from arbitrary payloads (the first
// byte chooses): it refuses with a message or gives a state that encodes and decodes to itself.
// Payload mode reaches the bounded inflate, the JSON checks and rawMember's scan of the session
// text, which random base64 almost never would.

#include <QByteArray>
#include <QString>

#include "document/share_link.h"
#include "fuzz_common.h"

namespace {

// What encode() does to a payload: qCompress (4-byte big-endian size, then zlib) in base64url.
QString linkOf(const QByteArray& payload) {
  return QStringLiteral("rnnlab:") +
         QString::fromLatin1(qCompress(payload, 1).toBase64(QByteArray::Base64UrlEncoding |
                                                            QByteArray::OmitTrailingEquals));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace rnnlab;
  if (size == 0) {
    return 0;
  }
  const QByteArray bytes(reinterpret_cast<const char*>(data) + 1, static_cast<qsizetype>(size - 1));
  const QString link = (data[0] & 1) != 0 ? linkOf(bytes) : QString::fromUtf8(bytes);
  QString error;
  const std::optional<share_link::SharedState> state = share_link::decode(link, &error);
  if (!state) {
    fuzz::check(!error.isEmpty(), "refused without a message");
    return 0;
  }
  fuzz::check(state->session == share_link::shareable(state->session), "decoded weights");
  const QString again = share_link::encode(*state);
  fuzz::check(share_link::isLink(again), "encode gave no link");
  const std::optional<share_link::SharedState> back = share_link::decode(again, &error);
  fuzz::check(back.has_value(), "its own link refused");
  fuzz::check(*back == *state, "decode(encode(s)) != s");
  return 0;
}
