// Share links: a session survives encode/decode exactly (minus what a link leaves out: weights,
// training state), the lesson step travels with it, and every malformed link (garbage, cut off,
// a declared or real size beyond the limit, a bad payload) is refused with one message.

#include "document/share_link.h"

#include <QtTest>
#include <limits>

#include "document/preset_library.h"

namespace {

constexpr auto Base64Options = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

// A link around `payload` as qCompress would pack it, but with `declared` as the size header.
QString linkWithHeader(const QByteArray& payload, quint32 declared) {
  QByteArray packed = qCompress(payload, 9);
  packed[0] = static_cast<char>(declared >> 24);
  packed[1] = static_cast<char>(declared >> 16);
  packed[2] = static_cast<char>(declared >> 8);
  packed[3] = static_cast<char>(declared);
  return QStringLiteral("rnnlab:") + QString::fromLatin1(packed.toBase64(Base64Options));
}

QString linkOf(const QByteArray& payload) {
  return linkWithHeader(payload, static_cast<quint32>(payload.size()));
}

// Refused with exactly one message, which starts as every refusal does.
void expectRefused(const QString& link, const QString& mentions = QString()) {
  QString error;
  const std::optional<share_link::SharedState> state = share_link::decode(link, &error);
  QVERIFY2(!state, qPrintable(link.left(80)));
  QVERIFY2(error.startsWith(QStringLiteral("This is not a usable RNN Lab link: ")),
           qPrintable(error));
  QVERIFY2(!error.contains(u'\n'), qPrintable(error));
  if (!mentions.isEmpty()) {
    QVERIFY2(error.contains(mentions), qPrintable(error));
  }
}

}  // namespace

class ShareLinkTest : public QObject {
  Q_OBJECT

 private slots:
  void builtinExampleRoundTripsExactly() {
    share_link::SharedState state{rnnlab::builtinExample(), std::nullopt};
    state.session.training.learningRate = 0.1 + 1e-17;  // not a short decimal
    state.session.training.seed = std::numeric_limits<std::uint64_t>::max();
    const QString link = share_link::encode(state);
    QVERIFY(link.startsWith(QStringLiteral("rnnlab:")));
    QVERIFY(share_link::isLink(QStringLiteral("  ") + link));
    QVERIFY2(link.size() < 1000, qPrintable(QString::number(link.size())));
    QString error;
    const std::optional<share_link::SharedState> back =
        share_link::decode(QStringLiteral("\n ") + link + QStringLiteral(" \n"), &error);
    QVERIFY2(back, qPrintable(error));
    QVERIFY(back->session == state.session);
    QCOMPARE(back->session.training.seed, std::numeric_limits<std::uint64_t>::max());
    QVERIFY(!back->lesson);
  }

  void everyPresetRoundTripsWithALessonStep() {
    for (const PresetLibrary::Preset& preset : PresetLibrary::presets()) {
      const share_link::SharedState state{PresetLibrary::load(preset.name),
                                          share_link::LessonStep{QStringLiteral("blog-bugs"), 3}};
      QString error;
      const std::optional<share_link::SharedState> back =
          share_link::decode(share_link::encode(state), &error);
      QVERIFY2(back, qPrintable(preset.name + u' ' + error));
      QVERIFY2(back->session == share_link::shareable(state.session), qPrintable(preset.name));
      QVERIFY(back->lesson);
      QCOMPARE(back->lesson->name, QStringLiteral("blog-bugs"));
      QCOMPARE(back->lesson->step, 3);
    }
  }

  void weightsAndTrainingStateStayOut() {
    rnnlab::Session session = rnnlab::builtinExample();
    session.setModel(session.makeModel());
    QVERIFY(session.weights);
    const std::optional<share_link::SharedState> back =
        share_link::decode(share_link::encode({session, std::nullopt}), nullptr);
    QVERIFY(back);
    QVERIFY(!back->session.weights);
    QVERIFY(!back->session.h0);
    QVERIFY(!back->session.trainingState);
    // The seed gives the same initial weights the session had.
    QVERIFY(back->session.makeModel().params == session.makeModel().params);
  }

  void garbageIsRefused() {
    expectRefused(QString(), QStringLiteral("rnnlab:"));
    expectRefused(QStringLiteral("https://example.com"), QStringLiteral("rnnlab:"));
    expectRefused(QStringLiteral("rnnlab:"));
    expectRefused(QStringLiteral("rnnlab:!!!not base64"), QStringLiteral("“!”"));
    expectRefused(QStringLiteral("rnnlab:aGVsbG8gd29ybGQgdGhpcyBpcyBub3QgemxpYg"));
    expectRefused(linkOf("not json at all"), QStringLiteral("no RNN Lab session"));
    expectRefused(linkOf(R"({"format":"other","version":1,"session":{}})"),
                  QStringLiteral("no RNN Lab session"));
    expectRefused(linkOf(R"({"format":"rnnlab-link","version":9,"session":{}})"),
                  QStringLiteral("newer"));
    expectRefused(linkOf(R"({"format":"rnnlab-link","version":1})"), QStringLiteral("session"));
    expectRefused(linkOf(R"({"format":"rnnlab-link","version":1,"session":{"format":1}})"),
                  QStringLiteral("session: "));
  }

  void badLessonIsRefused() {
    const QString good = share_link::encode({rnnlab::builtinExample(), std::nullopt});
    const QByteArray payload =
        qUncompress(QByteArray::fromBase64(good.mid(7).toLatin1(), Base64Options));
    QVERIFY(!payload.isEmpty());
    for (const char* lesson :
         {R"("x")", R"({"name":"a"})", R"({"name":"a","step":-1})", R"({"name":"a","step":1.5})",
          R"({"name":"","step":1})", R"({"name":3,"step":1})"}) {
      QByteArray changed = payload;
      changed.replace(R"("version":1)", QByteArray(R"("version":1,"lesson":)") + lesson);
      QVERIFY(changed != payload);
      expectRefused(linkOf(changed), QStringLiteral("lesson"));
    }
  }

  void truncatedLinksAreRefused() {
    const QString link =
        share_link::encode({PresetLibrary::load(QStringLiteral("sine")), std::nullopt});
    for (const qsizetype keep :
         {link.size() - 1, link.size() - 5, link.size() / 2, qsizetype{12}}) {
      expectRefused(link.left(keep));
    }
    // One changed character in the middle.
    QString changed = link;
    const qsizetype middle = link.size() / 2;
    changed[middle] = changed[middle] == u'A' ? u'B' : u'A';
    expectRefused(changed);
  }

  void sizesBeyondTheLimitAreRefusedWithoutUnpacking() {
    // A declared size beyond the limit: refused before any allocation.
    expectRefused(linkWithHeader("{}", 0xffffffffu), QStringLiteral("more than"));
    expectRefused(linkWithHeader("{}", static_cast<quint32>(share_link::MaxPayloadBytes) + 1),
                  QStringLiteral("more than"));
    // A zip bomb that lies about its size: 64 MiB of zeros declared as 100 bytes. Inflating
    // stops at the declared size (qUncompress would keep doubling its buffer).
    QByteArray zeros(64 * 1024 * 1024, '\0');
    expectRefused(linkWithHeader(zeros, 100), QStringLiteral("damaged"));
    // And one that says less than it holds by a single byte, or more.
    const QByteArray json = R"({"format":"rnnlab-link","version":1,"session":{}})";
    expectRefused(linkWithHeader(json, static_cast<quint32>(json.size() - 1)));
    expectRefused(linkWithHeader(json, static_cast<quint32>(json.size() + 1)));
    // A link longer than any payload could need.
    expectRefused(QStringLiteral("rnnlab:") + QString(share_link::MaxLinkChars + 1, u'A'),
                  QStringLiteral("longer"));
  }
};

QTEST_MAIN(ShareLinkTest)
#include "share_link_test.moc"
