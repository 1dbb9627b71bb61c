// releaseInBackground() frees the last reference on its own thread and leaves shared ones alone.

#include "widgets/background_release.h"

#include <QTest>
#include <atomic>
#include <memory>
#include <thread>

class BackgroundReleaseTest : public QObject {
  Q_OBJECT

 private slots:
  void lastReferenceIsFreedOffThisThread() {
    std::atomic<bool> freed{false};
    std::thread::id freedOn;
    auto last = std::shared_ptr<const int>(new int(7), [&](const int* p) {
      freedOn = std::this_thread::get_id();
      delete p;
      freed = true;
    });
    std::shared_ptr<const int> kept = last;
    // Not the last: dropped here, nothing is freed.
    releaseInBackground(std::move(last));
    waitForBackgroundRelease();
    QVERIFY(!freed);
    QCOMPARE(*kept, 7);
    releaseInBackground(std::move(kept));
    waitForBackgroundRelease();
    QVERIFY(freed);
    QVERIFY(freedOn != std::this_thread::get_id());
    releaseInBackground(nullptr);  // nothing to do
    waitForBackgroundRelease();
  }
};

QTEST_GUILESS_MAIN(BackgroundReleaseTest)
#include "background_release_test.moc"
