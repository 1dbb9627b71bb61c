// TextSamplesPanel shows the core's samples of the model it was given, with its greedy line, a
// log temperature scale with a greedy notch, a checked prime and at most one sample a second.

#include "text/text_samples_panel.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QElapsedTimer>
#include <QTest>
#include <cmath>

#include "rnnlab/text_model.h"
#include "trained_text_model.h"

namespace {

QString decode(const rnnlab::TextData& text, const std::vector<int>& indices) {
  std::u32string out;
  for (const int index : indices) {
    out.push_back(text.vocabulary[static_cast<std::size_t>(index)]);
  }
  return QString::fromStdU32String(out);
}

std::vector<int> indicesOf(const rnnlab::TextData& text, const QString& prime) {
  std::vector<int> out;
  for (const char32_t c : prime.toStdU32String()) {
    out.push_back(text.indexOf(c));
  }
  return out;
}

}  // namespace

class TextSamplesPanelTest : public QObject {
  Q_OBJECT

  TrainedText m_sonnets;

 private slots:
  void initTestCase() { m_sonnets = trainedText("sonnets.rnnlab.json", 300); }

  void temperatureScaleIsLogWithAGreedyNotch() {
    QCOMPARE(TextSamplesPanel::temperatureOfNotch(0), 0.0);
    QCOMPARE(TextSamplesPanel::temperatureOfNotch(18), 1.0);
    QCOMPARE(TextSamplesPanel::temperatureOfNotch(TextSamplesPanel::MaxNotch), 2.0);
    QVERIFY(std::abs(TextSamplesPanel::temperatureOfNotch(1) - 0.0526) < 1e-3);
    // Equal steps multiply τ by the same factor.
    const double ratio =
        TextSamplesPanel::temperatureOfNotch(6) / TextSamplesPanel::temperatureOfNotch(5);
    QVERIFY(std::abs(TextSamplesPanel::temperatureOfNotch(15) /
                         TextSamplesPanel::temperatureOfNotch(14) -
                     ratio) < 1e-12);
    QCOMPARE(TextSamplesPanel::notchOfTemperature(0.0), 0);
    QCOMPARE(TextSamplesPanel::notchOfTemperature(0.5), 14);
    QCOMPARE(TextSamplesPanel::notchOfTemperature(100.0), TextSamplesPanel::MaxNotch);
    TextSamplesPanel panel;
    auto* slider = panel.findChild<QSlider*>();
    slider->setValue(0);
    QCOMPARE(panel.temperature(), 0.0);
    QVERIFY(panel.findChildren<QLabel*>().size() > 0);
    bool greedyLabel = false;
    for (const QLabel* label : panel.findChildren<QLabel*>()) {
      greedyLabel |= label->text() == QStringLiteral("τ = 0 (greedy)");
    }
    QVERIFY(greedyLabel);
  }

  void showsTheCoreSampleAndTheGreedyLine() {
    TextSamplesPanel panel;
    panel.setText(m_sonnets.text);
    panel.setPrimeText(QStringLiteral("Shall I "));
    panel.setSampleLength(120);
    panel.setTemperature(0.5);
    QSignalSpy shown(&panel, &TextSamplesPanel::sampleShown);
    panel.showModel(m_sonnets.model, m_sonnets.iteration);
    QVERIFY(shown.wait(5000));
    QCOMPARE(shown.last().at(0).toLongLong(), 300LL);
    const std::vector<int> prime = indicesOf(m_sonnets.text, QStringLiteral("Shall I "));
    rnnlab::SampleSettings settings;
    settings.length = 120;
    settings.temperature = panel.temperature();
    settings.seed = panel.seed();
    QCOMPARE(panel.sampledText(),
             QStringLiteral("Shall I ") +
                 decode(m_sonnets.text, rnnlab::sampleIndices(m_sonnets.model, prime, settings)));
    settings.temperature = 0.0;
    const QString greedy =
        QStringLiteral("Shall I ") +
        decode(m_sonnets.text, rnnlab::sampleIndices(m_sonnets.model, prime, settings));
    QCOMPARE(panel.greedyText(), greedy);
    // Both are on screen, side by side.
    const auto boxes = panel.findChildren<QPlainTextEdit*>();
    QCOMPARE(boxes.size(), 2);
    QCOMPARE(boxes[0]->toPlainText(), panel.sampledText());
    QCOMPARE(boxes[1]->toPlainText(), greedy);
    bool titled = false;
    for (const QLabel* label : panel.findChildren<QLabel*>()) {
      titled |= label->text() == QStringLiteral("Sampled at τ = 0.5");
    }
    QVERIFY(titled);
    panel.resize(900, 420);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QVERIFY(boxes[1]->mapTo(&panel, QPoint()).x() > boxes[0]->mapTo(&panel, QPoint()).x());
    saveScreenshot(panel, QStringLiteral("samples_sonnets"));

    // "New sample": another seed, same model, another sample (the greedy line stays).
    const QString before = panel.sampledText();
    const std::uint64_t seed = panel.seed();
    panel.findChild<QPushButton*>()->click();
    QVERIFY(shown.wait(5000));
    QVERIFY(panel.seed() != seed);
    QVERIFY(panel.sampledText() != before);
    QCOMPARE(panel.greedyText(), greedy);
  }

  void aPrimeOutsideTheVocabularyGetsOneMessage() {
    TextSamplesPanel panel;
    panel.setText(m_sonnets.text);
    QSignalSpy shown(&panel, &TextSamplesPanel::sampleShown);
    panel.setPrimeText(QStringLiteral("Shall 我 be ∑我"));
    panel.showModel(m_sonnets.model, 1);
    QVERIFY(!shown.wait(300));
    const QString message = panel.primeError();
    QVERIFY2(message.contains(QStringLiteral("U+6211")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("U+2211")), qPrintable(message));
    QCOMPARE(message.count(QStringLiteral("U+6211")), 1);  // named once, though it occurs twice
    bool visible = false;
    for (const QLabel* label : panel.findChildren<QLabel*>()) {
      visible |= label->text() == message && !label->isHidden();
    }
    QVERIFY(visible);
    // Fixing it clears the message and samples.
    panel.setPrimeText(QStringLiteral("Shall "));
    QVERIFY(shown.wait(5000));
    QVERIFY(panel.primeError().isEmpty());
    QVERIFY(panel.sampledText().startsWith(QStringLiteral("Shall ")));
  }

  void anEmptyPrimeStartsFromTheTextsFirstCharacter() {
    TextSamplesPanel panel;
    panel.setText(m_sonnets.text);
    panel.setTemperature(0.0);
    QSignalSpy shown(&panel, &TextSamplesPanel::sampleShown);
    panel.showModel(m_sonnets.model, 1);
    QVERIFY(shown.wait(5000));
    const std::vector<int> prime = {m_sonnets.text.indices.front()};
    rnnlab::SampleSettings settings;
    settings.temperature = 0.0;
    settings.length = panel.sampleLength();
    QCOMPARE(panel.sampledText(),
             decode(m_sonnets.text, prime) +
                 decode(m_sonnets.text, rnnlab::sampleIndices(m_sonnets.model, prime, settings)));
  }

  void chineseSamplesAreCharactersOfTheText() {
    const TrainedText tang = trainedText("tang_poems.rnnlab.json", 150);
    TextSamplesPanel panel;
    panel.setText(tang.text);
    panel.setPrimeText(QStringLiteral("床前"));
    panel.setSampleLength(80);
    QSignalSpy shown(&panel, &TextSamplesPanel::sampleShown);
    panel.showModel(tang.model, tang.iteration);
    QVERIFY(shown.wait(5000));
    const std::u32string sample = panel.sampledText().toStdU32String();
    QCOMPARE(sample.size(), std::size_t{82});  // one code point per character, no surrogates
    for (const char32_t c : sample) {
      QVERIFY(tang.text.indexOf(c) >= 0);
    }
    panel.resize(900, 360);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    saveScreenshot(panel, QStringLiteral("samples_tang"));
  }

  void samplesAtMostOncePerIntervalAndShowTheNewestModel() {
    TextSamplesPanel panel;
    panel.setText(m_sonnets.text);
    panel.setRefreshInterval(400);
    panel.setSampleLength(20);
    QElapsedTimer clock;
    std::vector<qint64> requestedAt;
    connect(&panel, &TextSamplesPanel::sampleRequested, this,
            [&] { requestedAt.push_back(clock.elapsed()); });
    QSignalSpy shown(&panel, &TextSamplesPanel::sampleShown);
    // A model every 10 ms for 0.6 s: sampled at once, then every 0.4 s at most, the last time
    // with the newest model.
    const rnnlab::Model other = trainedText("sonnets.rnnlab.json", 0).model;
    clock.start();
    // The first model is sampled at once, within the call (not after some time has passed).
    panel.showModel(m_sonnets.model, 0);
    QCOMPARE(requestedAt.size(), std::size_t{1});
    long iteration = 1;
    while (clock.elapsed() < 600) {
      panel.showModel(iteration % 2 == 0 ? m_sonnets.model : other, iteration);
      ++iteration;
      QTest::qWait(10);
    }
    const qint64 lastGiven = clock.elapsed();
    QTest::qWait(450);  // the pending refresh, if any, fires and its sample arrives
    QTRY_VERIFY_WITH_TIMEOUT(!panel.sampler()->isBusy(), 5000);
    QTest::qWait(50);
    QVERIFY(requestedAt.size() >= 2);
    // Never more often than the interval (the panel's clock and this one may differ by a
    // millisecond each way); a slow machine only makes the gaps longer.
    for (std::size_t k = 1; k < requestedAt.size(); ++k) {
      QVERIFY2(requestedAt[k] - requestedAt[k - 1] >= 398,  // whole milliseconds: ±1 each
               qPrintable(QStringLiteral("%1 %2").arg(requestedAt[k - 1]).arg(requestedAt[k])));
    }
    // The newest model given was sampled after it came (at its time or at the pending refresh).
    QVERIFY(requestedAt.back() >= lastGiven - 400);
    QCOMPARE(panel.sampler()->startedCount(), static_cast<long>(requestedAt.size()));
    QCOMPARE(shown.count(), static_cast<int>(requestedAt.size()));
    QCOMPARE(shown.at(0).at(0).toLongLong(), 0LL);
    QCOMPARE(panel.shownIteration(), iteration - 1);  // the newest model given
  }
};

QTEST_MAIN(TextSamplesPanelTest)
#include "text_samples_panel_test.moc"
