#include "inspection/spectrum_view.h"

#include <QSignalSpy>
#include <QThreadPool>
#include <QtTest>
#include <cmath>
#include <limits>
#include <memory>

#include "rnnlab/spectrum.h"

namespace {

constexpr int Timeout = 60000;  // generous: sanitizer builds and loaded machines

rnnlab::Matrix diagonal(const std::vector<double>& values) {
  rnnlab::Vector d(static_cast<rnnlab::Index>(values.size()));
  for (std::size_t i = 0; i < values.size(); ++i) {
    d(static_cast<rnnlab::Index>(i)) = values[i];
  }
  return d.asDiagonal();
}

}  // namespace

class SpectrumViewTest : public QObject {
  Q_OBJECT

 private slots:
  void diagonalMatrixGivesItsLargestMagnitude() {
    SpectrumView view;
    QSignalSpy spy(&view, &SpectrumView::spectrumUpdated);
    const rnnlab::Matrix whh = diagonal({0.5, -0.9, 0.3, 0.1});
    view.setRecurrentWeights(whh, 7);
    QVERIFY(view.isBusy());
    QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 1, Timeout);
    QVERIFY(!view.isBusy());
    QVERIFY(view.currentSpectrum().has_value());
    QCOMPARE(view.currentSpectrum()->spectralRadius, rnnlab::spectrum(whh).spectralRadius);
    QVERIFY(std::abs(view.currentSpectrum()->spectralRadius - 0.9) < 1e-12);
    QCOMPARE(view.currentSpectrum()->eigenvalues.size(), std::size_t{4});
    QCOMPARE(spy.at(0).at(1).toLongLong(), 7LL);
    QCOMPARE(view.currentIteration(), 7L);
    QCOMPARE(view.radiusHistory().size(), std::size_t{1});
    QCOMPARE(view.radiusHistory()[0].iteration, 7L);

    // The eigenvalue at −0.9 is under its dot, and its tooltip says it is inside the circle.
    view.resize(620, 300);
    view.grab();
  }

  void largeMatricesAreComputedInTheBackground() {
    std::vector<double> values(128);
    for (std::size_t i = 0; i < values.size(); ++i) {
      values[i] = 1.25 * static_cast<double>(i + 1) / static_cast<double>(values.size());
    }
    SpectrumView view;
    QSignalSpy spy(&view, &SpectrumView::spectrumUpdated);
    view.setRecurrentWeights(diagonal(values), 3);
    QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 1, Timeout);
    QVERIFY(std::abs(view.currentSpectrum()->spectralRadius - 1.25) < 1e-12);
    QCOMPARE(view.currentSpectrum()->eigenvalues.size(), std::size_t{128});
    view.resize(400, 500);  // stacked layout
    view.grab();
  }

  void coalescesCallsAndTheLatestWins() {
    SpectrumView view;
    QSignalSpy spy(&view, &SpectrumView::spectrumUpdated);
    for (int i = 1; i <= 10; ++i) {
      view.setRecurrentWeights(diagonal({0.1 * i, 0.0}), i);
    }
    QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 1, Timeout);
    QTest::qWait(2 * 1000 / SpectrumView::MaxUpdatesPerSecond);
    QCOMPARE(spy.count(), 1);  // ten calls, one computation
    QCOMPARE(view.currentIteration(), 10L);
    QVERIFY(std::abs(view.currentSpectrum()->spectralRadius - 1.0) < 1e-12);

    // Computations stay spaced: two more calls, each shown, at most MaxUpdatesPerSecond.
    QElapsedTimer clock;
    clock.start();
    view.setRecurrentWeights(diagonal({0.2, 0.0}), 11);
    QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 2, Timeout);
    view.setRecurrentWeights(diagonal({0.3, 0.0}), 12);
    QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 3, Timeout);
    QVERIFY(clock.elapsed() >= 1000 / SpectrumView::MaxUpdatesPerSecond - 5);
    QCOMPARE(view.radiusHistory().size(), std::size_t{3});
  }

  void aRewindReplacesTheLaterHistory() {
    SpectrumView view;
    QSignalSpy spy(&view, &SpectrumView::spectrumUpdated);
    for (const long iteration : {0L, 10L, 20L}) {
      view.setRecurrentWeights(diagonal({0.5, 0.1}), iteration);
      QTRY_COMPARE_WITH_TIMEOUT(spy.count(), static_cast<int>(iteration / 10 + 1), Timeout);
    }
    QCOMPARE(view.radiusHistory().size(), std::size_t{3});
    view.setRecurrentWeights(diagonal({0.7, 0.1}), 10);
    QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 4, Timeout);
    QCOMPARE(view.radiusHistory().size(), std::size_t{2});
    QCOMPARE(view.radiusHistory().back().iteration, 10L);
    QCOMPARE(view.radiusHistory().back().spectralRadius, 0.7);
    view.clearHistory();
    QVERIFY(view.radiusHistory().empty());
  }

  void refusesMatricesWithoutASpectrum() {
    SpectrumView view;
    QSignalSpy spy(&view, &SpectrumView::spectrumUpdated);
    view.setRecurrentWeights(rnnlab::Matrix::Ones(2, 3), 1);
    rnnlab::Matrix nan = rnnlab::Matrix::Identity(3, 3);
    nan(1, 2) = std::numeric_limits<double>::quiet_NaN();
    QTest::qWait(2 * 1000 / SpectrumView::MaxUpdatesPerSecond);
    view.setRecurrentWeights(nan, 2);
    QTRY_VERIFY_WITH_TIMEOUT(!view.isBusy(), Timeout);
    QCOMPARE(spy.count(), 0);
    QVERIFY(!view.currentSpectrum().has_value());
    view.grab();
  }

  void canBeDestroyedWhileComputing() {
    std::srand(3);
    const rnnlab::Matrix whh = rnnlab::Matrix::Random(400, 400) * 0.05;
    auto view = std::make_unique<SpectrumView>();
    view->setRecurrentWeights(whh, 1);
    QElapsedTimer clock;
    clock.start();
    while (!view->isComputing() && clock.elapsed() < Timeout) {
      QCoreApplication::processEvents();
    }
    QVERIFY(view->isComputing());
    view.reset();  // mid-computation
    QVERIFY(QThreadPool::globalInstance()->waitForDone(Timeout));
    QCoreApplication::processEvents();  // a late "finished" must find nobody
  }
};

QTEST_MAIN(SpectrumViewTest)
#include "spectrum_view_test.moc"
