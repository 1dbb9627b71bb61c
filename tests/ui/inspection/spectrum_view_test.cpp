#include "inspection/spectrum_view.h"

#include <QSignalSpy>
#include <QThreadPool>
#include <QtTest>
#include <cmath>
#include <limits>
#include <memory>
#include <random>

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

rnnlab::Matrix randomMatrix(int n, double spread) {
  std::mt19937 generator(static_cast<unsigned>(n));
  std::normal_distribution<double> normal(0.0, spread / std::sqrt(static_cast<double>(n)));
  rnnlab::Matrix m(n, n);
  for (Eigen::Index i = 0; i < m.size(); ++i) {
    m.data()[i] = normal(generator);
  }
  return m;
}

// The dot colours of the view: inside and outside the unit circle.
const QColor InsideColor(0x21, 0x66, 0xac);
const QColor OutsideColor(0xb2, 0x18, 0x2b);

int countColour(const QImage& image, const QColor& colour) {
  int count = 0;
  for (int y = 0; y < image.height(); ++y) {
    for (int x = 0; x < image.width(); ++x) {
      count += image.pixelColor(x, y) == colour ? 1 : 0;
    }
  }
  return count;
}

}  // namespace

class SpectrumViewTest : public QObject {
  Q_OBJECT

 private slots:
  void diagonalMatrixGivesItsLargestMagnitude() {
    SpectrumView view;
    view.show();  // a hidden view computes nothing
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
    const auto& values = view.currentSpectrum()->eigenvalues;
    long sx = 0;
    long sy = 0;
    long n = 0;
    for (int y = 0; y < view.height(); ++y) {
      for (int x = 0; x < view.width(); ++x) {
        const int index = view.eigenvalueAt({x, y});
        if (index >= 0 && values[static_cast<std::size_t>(index)].real() == -0.9) {
          sx += x;
          sy += y;
          ++n;
        }
      }
    }
    QVERIFY(n > 0);
    const QPoint dot(static_cast<int>(sx / n), static_cast<int>(sy / n));
    QCOMPARE(view.grab().toImage().pixelColor(dot), InsideColor);
    const QString tip = view.toolTipTextAt(dot);
    QVERIFY2(
        tip.contains(QStringLiteral("λ = \u22120.9")) && tip.contains("inside the unit circle"),
        qPrintable(tip));
  }

  void largeMatricesAreComputedInTheBackground() {
    std::vector<double> values(128);
    for (std::size_t i = 0; i < values.size(); ++i) {
      values[i] = 1.25 * static_cast<double>(i + 1) / static_cast<double>(values.size());
    }
    SpectrumView view;
    view.show();  // a hidden view computes nothing
    QSignalSpy spy(&view, &SpectrumView::spectrumUpdated);
    view.setRecurrentWeights(diagonal(values), 3);
    QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 1, Timeout);
    QVERIFY(std::abs(view.currentSpectrum()->spectralRadius - 1.25) < 1e-12);
    QCOMPARE(view.currentSpectrum()->eigenvalues.size(), std::size_t{128});
    view.resize(400, 500);  // stacked layout
    // Dots inside the unit circle in blue, those outside (|λ| > 1) in red.
    const QImage image = view.grab().toImage();
    QVERIFY(countColour(image, InsideColor) > 20);
    QVERIFY(countColour(image, OutsideColor) > 20);
  }

  void coalescesCallsAndTheLatestWins() {
    SpectrumView view;
    view.show();  // a hidden view computes nothing
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
    view.show();  // a hidden view computes nothing
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
    view.show();  // a hidden view computes nothing
    QSignalSpy spy(&view, &SpectrumView::spectrumUpdated);
    view.setRecurrentWeights(rnnlab::Matrix::Ones(2, 3), 1);
    rnnlab::Matrix nan = rnnlab::Matrix::Identity(3, 3);
    nan(1, 2) = std::numeric_limits<double>::quiet_NaN();
    QTest::qWait(2 * 1000 / SpectrumView::MaxUpdatesPerSecond);
    view.setRecurrentWeights(nan, 2);
    QTRY_VERIFY_WITH_TIMEOUT(!view.isBusy(), Timeout);
    QCOMPARE(spy.count(), 0);
    QVERIFY(!view.currentSpectrum().has_value());
    // The reason is written (in red) where the plane would be, and no dot is drawn.
    view.resize(620, 300);
    const QImage image = view.grab().toImage();
    int reddish = 0;
    for (int y = 0; y < image.height(); ++y) {
      for (int x = 0; x < image.width(); ++x) {
        const QColor c = image.pixelColor(x, y);
        reddish += c.red() > c.blue() + 60 && c.red() > c.green() + 60 ? 1 : 0;
      }
    }
    QVERIFY(reddish > 10);
    QCOMPARE(countColour(image, InsideColor), 0);
  }

  void canBeDestroyedWhileComputing() {
    std::srand(3);
    const rnnlab::Matrix whh = rnnlab::Matrix::Random(400, 400) * 0.05;
    auto view = std::make_unique<SpectrumView>();
    view->show();
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

  // Destroying the view mid-computation raises the task's cancel flag, which Arnoldi checks at
  // every step (Spectrum.ArnoldiStopsWhenCancelled), so nothing is left running in the pool.
  void destroyingAtH4096MidComputationCancelsTheTask() {
    const rnnlab::Matrix whh = randomMatrix(4096, 1.0);
    auto view = std::make_unique<SpectrumView>();
    view->show();
    view->setRecurrentWeights(whh, 1);
    QTRY_VERIFY_WITH_TIMEOUT(view->isComputing(), Timeout);
    const std::shared_ptr<const std::atomic<bool>> cancel = view->runningCancelFlag();
    QVERIFY(cancel != nullptr);
    QVERIFY(!cancel->load());
    QElapsedTimer clock;
    clock.start();
    view.reset();
    QVERIFY(cancel->load());
    QVERIFY(QThreadPool::globalInstance()->waitForDone(Timeout));
    qInfo("destroying a SpectrumView mid-computation at H=4096: %lld ms", clock.elapsed());
  }

  void aLargeMatrixShowsItsLeadingEigenvaluesAndSaysSo() {
    // A dominant eigenvalue 2 over a small random bulk: Arnoldi finds it exactly.
    const int n = 300;
    rnnlab::Matrix whh = randomMatrix(n, 0.3);
    const rnnlab::Vector u = rnnlab::Vector::Ones(n) / std::sqrt(static_cast<double>(n));
    whh += 2.0 * u * u.transpose();
    SpectrumView view;
    view.resize(620, 300);
    view.show();
    QSignalSpy spy(&view, &SpectrumView::spectrumUpdated);
    view.setRecurrentWeights(whh, 7);
    QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 1, Timeout);
    const rnnlab::Spectrum& shown = *view.currentSpectrum();
    QCOMPARE(shown.method, rnnlab::Spectrum::Method::Arnoldi);
    QVERIFY(shown.eigenvalues.size() <= SpectrumView::LeadingCount + 1);
    QVERIFY(std::abs(shown.spectralRadius - rnnlab::spectrum(whh).spectralRadius) < 1e-8);
    QVERIFY2(
        view.methodText().startsWith(QStringLiteral("largest %1 of 300 eigenvalues, by Arnoldi")
                                         .arg(shown.eigenvalues.size())),
        qPrintable(view.methodText()));
    if (qEnvironmentVariableIsSet("RNNLAB_TEST_PNG_DIR")) {
      view.grab().save(qEnvironmentVariable("RNNLAB_TEST_PNG_DIR") + "/spectrum_leading.png");
    }
  }

  void aHiddenViewComputesNothingUntilShown() {
    SpectrumView view;
    QSignalSpy spy(&view, &SpectrumView::spectrumUpdated);
    view.setRecurrentWeights(randomMatrix(128, 1.0), 3);
    QTest::qWait(3 * 1000 / SpectrumView::MaxUpdatesPerSecond);
    QCOMPARE(spy.count(), 0);
    QVERIFY(!view.isComputing());
    QVERIFY(view.isBusy());  // the matrix waits
    view.show();
    QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 1, Timeout);
    QCOMPARE(view.currentIteration(), 3L);
    QCOMPARE(view.methodText(), QStringLiteral("all 128 eigenvalues"));
  }

  void hidingCancelsAndShowingComputesTheLatestMatrix() {
    SpectrumView view;
    view.show();
    QSignalSpy spy(&view, &SpectrumView::spectrumUpdated);
    view.setRecurrentWeights(randomMatrix(4096, 1.0), 5);
    QTRY_VERIFY_WITH_TIMEOUT(view.isComputing(), Timeout);
    view.hide();
    QTRY_VERIFY_WITH_TIMEOUT(!view.isComputing(), 2000);
    QCOMPARE(spy.count(), 0);  // cancelled, not shown
    QVERIFY(view.isBusy());
    view.show();
    QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 1, 30000);
    QCOMPARE(view.currentIteration(), 5L);
  }
};

QTEST_MAIN(SpectrumViewTest)
#include "spectrum_view_test.moc"
