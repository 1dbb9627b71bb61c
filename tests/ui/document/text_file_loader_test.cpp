// Reading a text file to learn from in the background (TextFileLoader on BackgroundFileJob):
// the exact vocabulary and count of known texts, the progress the step reports, a cancel that
// leaves nothing, and one message for each kind of bad file. The models a text session starts
// with are sized for the text.
#include "document/text_file_loader.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <atomic>
#include <set>
#include <string>
#include <vector>

#include "document/text_session_models.h"
#include "rnnlab/limits.h"
#include "rnnlab/utf8.h"

namespace {

// What a reader of the file expects, computed another way: Qt's UTF-8 decoder and a std::set.
struct Expected {
  long characters = 0;
  std::u32string vocabulary;
};

Expected expectedOf(const QByteArray& bytes) {
  const QList<uint> codePoints = QString::fromUtf8(bytes).toUcs4();
  const std::set<uint> distinct(codePoints.begin(), codePoints.end());
  return {static_cast<long>(codePoints.size()), std::u32string(distinct.begin(), distinct.end())};
}

// About `megabytes` MB of lines of Chinese and English with numbers (a few hundred distinct
// characters).
QByteArray generatedText(int megabytes) {
  QByteArray text;
  const QByteArray lines[] = {"天地玄黄，宇宙洪荒。日月盈昃，辰宿列张。\n",
                              "The quick brown fox jumps over the lazy dog; ",
                              "寒来暑往，秋收冬藏。闰余成岁，律吕调阳。"};
  for (int k = 0; text.size() < megabytes * 1000 * 1000; ++k) {
    text += lines[k % 3];
    text += QByteArray::number(k % 9973);
    text += k % 7 == 0 ? "\n" : " ";
  }
  return text;
}

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes) {
  const QString path = dir.filePath(name);
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()) {
    qFatal("cannot write %s", qPrintable(path));
  }
  return path;
}

}  // namespace

class TextFileLoaderTest : public QObject {
  Q_OBJECT

 private:
  // Loads `path` and returns the one signal's arguments (finished or failed).
  QList<QVariant> load(const QString& path, bool* ok) {
    TextFileLoader loader;
    QSignalSpy finished(&loader, &TextFileLoader::finished);
    QSignalSpy failed(&loader, &TextFileLoader::failed);
    loader.start(path);
    [&] { QTRY_VERIFY_WITH_TIMEOUT(finished.count() + failed.count() == 1, 60000); }();
    QTest::qWait(20);  // nothing more comes
    *ok = finished.count() == 1;
    if (finished.count() + failed.count() != 1) {
      return {};
    }
    return *ok ? finished.takeFirst() : failed.takeFirst();
  }

 private slots:
  void initTestCase() { QVERIFY(m_dir.isValid()); }

  void readsTheExactVocabularyAndCount_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("chinese and english, 5 MB") << generatedText(5);
    QFile shakespeare(QStringLiteral("/work/shared/data/tinyshakespeare.txt"));
    if (shakespeare.open(QIODevice::ReadOnly)) {
      QTest::newRow("tiny shakespeare") << shakespeare.readAll();
    }
  }
  void readsTheExactVocabularyAndCount() {
    QFETCH(QByteArray, bytes);
    const QString path = writeFile(m_dir, QStringLiteral("text.txt"), bytes);
    bool ok = false;
    const QList<QVariant> arguments = load(path, &ok);
    QVERIFY2(ok, arguments.isEmpty() ? "no signal" : qPrintable(arguments.at(1).toString()));
    QCOMPARE(arguments.at(0).toString(), path);
    const auto text = arguments.at(1).value<rnnlab::TextData>();
    const Expected expected = expectedOf(bytes);
    QCOMPARE(text.size(), expected.characters);
    QVERIFY(text.vocabulary == expected.vocabulary);
    QCOMPARE(text.text.size(), static_cast<std::size_t>(bytes.size()));
    // The indices spell the text again.
    std::u32string spelled;
    for (const int index : text.indices) {
      spelled.push_back(text.vocabulary[static_cast<std::size_t>(index)]);
    }
    QVERIFY(rnnlab::encodeUtf8(spelled) == bytes.toStdString());
    if (bytes.size() == 1115394) {
      QCOMPARE(text.vocabularySize(), 65);  // the data's README
    }
  }

  // The step says how far it got after each chunk, and all of it at the end; a byte order mark
  // is not a character of the text.
  void reportsItsProgress() {
    const QByteArray bytes =
        "\xEF\xBB\xBF" + QByteArray(TextFileLoader::ScanChunkBytes * 2 + 100, 'a') + "b\n";
    const std::atomic<bool> go{false};
    std::vector<int> reported;
    const BackgroundFileJob::Control control{go,
                                             [&](int perMille) { reported.push_back(perMille); }};
    QString error;
    const std::optional<rnnlab::TextData> text = TextFileLoader::prepareFileText(
        bytes.toStdString(), QStringLiteral("a.txt"), control, &error);
    QVERIFY2(text.has_value(), qPrintable(error));
    const double total = static_cast<double>(bytes.size() - 3);
    const std::size_t chunk = TextFileLoader::ScanChunkBytes;
    const std::vector<int> expected = {static_cast<int>(chunk * 900 / total),
                                       static_cast<int>(2 * chunk * 900 / total), 900, 1000};
    QVERIFY(reported == expected);
    QVERIFY(text->vocabulary == std::u32string(U"\nab"));
    QCOMPARE(text->size(), static_cast<long>(bytes.size() - 3));
  }

  // Cancelled, the loader says nothing, ever, and its result is dropped; cancelled inside the
  // step, the step stops without a result or a message.
  void cancelLeavesNothing() {
    const QString path = writeFile(m_dir, QStringLiteral("big.txt"), generatedText(3));
    QTRY_VERIFY_WITH_TIMEOUT(!BackgroundFileJob::workerBusy(), 60000);
    const long droppedBefore = BackgroundFileJob::droppedCount();
    {
      TextFileLoader loader;
      QSignalSpy finished(&loader, &TextFileLoader::finished);
      QSignalSpy failed(&loader, &TextFileLoader::failed);
      loader.start(path);
      QVERIFY(loader.isLoading());
      loader.cancel();
      QVERIFY(!loader.isLoading());
      QTRY_VERIFY_WITH_TIMEOUT(!BackgroundFileJob::workerBusy(), 60000);
      QTest::qWait(50);
      QCOMPARE(finished.count(), 0);
      QCOMPARE(failed.count(), 0);
    }
    QCOMPARE(BackgroundFileJob::droppedCount(), droppedBefore + 1);

    const std::atomic<bool> stop{true};
    int reports = 0;
    const BackgroundFileJob::Control control{stop, [&](int) { ++reports; }};
    QString error;
    QVERIFY(!TextFileLoader::prepareFileText(std::string(1000, 'a'), QStringLiteral("a.txt"),
                                             control, &error));
    QVERIFY(error.isEmpty());
    QCOMPARE(reports, 0);
  }

  void badFilesGetOneMessage_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QStringList>("said");
    QTest::newRow("empty") << QByteArray() << QStringList{"bad.txt is empty"};
    QTest::newRow("binary") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)
                            << QStringList{"bad.txt is not a plain text file", "byte 8"};
    QTest::newRow("latin-1") << QByteArray("first line\nna\xefve\n")
                             << QStringList{"bad.txt is not UTF-8", "byte 13", "line 2"};
    QByteArray many;
    std::string distinct;
    for (int k = 0; k <= rnnlab::limits::MaxInputSize; ++k) {
      rnnlab::appendUtf8(distinct, static_cast<char32_t>(0x4E00 + k));
    }
    QTest::newRow("too many characters")
        << QByteArray::fromStdString(distinct)
        << QStringList{"bad.txt has more than", "different characters", "one output per character"};
    QTest::newRow("too short") << QByteArray("abc")
                               << QStringList{"bad.txt: data.text: has 3 characters"};
    QTest::newRow("missing") << QByteArray("-") << QStringList{"missing.txt cannot be read"};
  }
  void badFilesGetOneMessage() {
    QFETCH(QByteArray, bytes);
    QFETCH(QStringList, said);
    const QString path = bytes == "-" ? m_dir.filePath(QStringLiteral("missing.txt"))
                                      : writeFile(m_dir, QStringLiteral("bad.txt"), bytes);
    bool ok = true;
    const QList<QVariant> arguments = load(path, &ok);
    QVERIFY(!arguments.isEmpty());
    QVERIFY(!ok);
    const QString message = arguments.at(1).toString();
    for (const QString& part : said) {
      QVERIFY2(message.contains(part), qPrintable(message));
    }
  }

  // char-rnn's model as the Shakespeare preset has it: its epoch of 442 iterations for the
  // preset's text (1,105,385 characters), the streams fewer for a short text, and the small model
  // min-char-rnn's.
  void modelsAreSizedForTheText() {
    const TextModelPlan preset = textModelPlan(1105385, TextModelSize::CharRnn);
    QCOMPARE(preset.streams, 50);
    QCOMPARE(preset.epochIterations, 442L);
    QCOMPARE(preset.hiddenSize, 128);
    QCOMPARE(preset.layers, 2);
    const TextModelPlan shortText = textModelPlan(1000, TextModelSize::CharRnn);
    QCOMPARE(shortText.streams, 19);  // ⌊999 / 51⌋: each stream at least 51 characters
    QVERIFY(shortText.fits);
    QVERIFY(!textModelPlan(51, TextModelSize::CharRnn).fits);
    const TextModelPlan small = textModelPlan(1000, TextModelSize::Small);
    QCOMPARE(small.hiddenSize, 100);
    QCOMPARE(small.sequenceLength, 25);
    QCOMPARE(small.streams, 1);

    rnnlab::TextData text;
    text.text = std::string(1000, 'a') + "b";
    QVERIFY(!rnnlab::prepareText(text));
    const rnnlab::Session session = textSessionFor(text, TextModelSize::CharRnn);
    QVERIFY(session.model.cell == rnnlab::CellKind::Lstm);
    QCOMPARE(session.text->streams, 19);
    QCOMPARE(session.text->sequenceLength, 50);
    QVERIFY(session.training.optimizer == rnnlab::OptimizerKind::Rmsprop);
    QCOMPARE(session.training.lrDecayEvery,
             textModelPlan(1001, TextModelSize::CharRnn).epochIterations);
    QCOMPARE(session.training.lrDecayStart, 10 * session.training.lrDecayEvery);
  }

 private:
  QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TextFileLoaderTest)
#include "text_file_loader_test.moc"
