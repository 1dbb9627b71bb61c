// Opening a large session file off the GUI thread (FileActions::startOpen with SessionLoader):
// the event loop keeps turning while it loads, a progress dialog with Cancel shows up, Cancel
// leaves the session as it was (the abandoned parse is dropped), the file opened after a cancel
// is the one the window ends with, a bad file gets its one message, and closing the window while
// a file opens does not wait for it.
#include <QAbstractButton>
#include <QApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QProgressDialog>
#include <QPushButton>
#include <QScreen>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QTimer>
#include <algorithm>
#include <memory>
#include <vector>

#include "document/session_document.h"
#include "document/session_loader.h"
#include "inspection/gradient_check_panel.h"
#include "rnnlab/session.h"
#include "shell/dock_layout.h"
#include "shell/file_actions.h"
#include "shell/main_window.h"
#include "shell/scripted_run.h"
#include "training/training_controller.h"

namespace {

// A session of I = O = 32 with hidden size `hidden` and its weights in the file (what a saved,
// trained session holds): H = 1024 is ~1.1M numbers, ~25 MB of JSON.
rnnlab::Session largeSession(int hidden, double learningRate) {
  rnnlab::Session s;
  s.model =
      rnnlab::ModelConfig{32, hidden, 32, rnnlab::OutputMode::Sequence, rnnlab::LossKind::Mse};
  s.training.learningRate = learningRate;
  s.training.iterations = 5;
  s.data.inputs = rnnlab::Matrix::Constant(20, 32, 0.25);
  s.data.targets = rnnlab::Matrix::Constant(20, 32, -0.5);
  s.setModel(s.makeModel());
  return s;
}

// The gaps between the event loop's turns, measured by a timer firing every 5 ms.
class TickCounter : public QObject {
 public:
  TickCounter() {
    m_timer.setInterval(5);
    connect(&m_timer, &QTimer::timeout, this, [this] {
      const qint64 now = m_clock.nsecsElapsed();
      m_gapsMs.push_back(static_cast<double>(now - m_last) / 1e6);
      m_last = now;
    });
    m_clock.start();
    m_timer.start();
  }
  void stop() { m_timer.stop(); }
  int ticks() const { return static_cast<int>(m_gapsMs.size()); }
  double percentileMs(double p) const {
    if (m_gapsMs.empty()) {
      return 1e9;
    }
    std::vector<double> sorted = m_gapsMs;
    std::sort(sorted.begin(), sorted.end());
    return sorted[std::min(sorted.size() - 1, static_cast<std::size_t>(p * sorted.size()))];
  }

 private:
  QTimer m_timer;
  QElapsedTimer m_clock;
  qint64 m_last = 0;
  std::vector<double> m_gapsMs;
};

// Opens `path` behind an abandoned open of the same file, which the worker finishes first (never
// two parses at once): twice the parse time. The progress dialog is asked for at once (a 300 ms
// delay raced a fast machine's parse), so it surely shows up. The first open's openFinished
// comes at once.
void startSlowOpen(FileActions* files, const QString& path) {
  files->setProgressDelayMs(0);
  files->startOpen(path);
  files->cancelOpen();
  files->startOpen(path);
}

bool sameSession(const rnnlab::Session& a, const rnnlab::Session& b) { return a == b; }

}  // namespace

class FileOpenProgressTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QVERIFY(m_dir.isValid());
    m_large = m_dir.filePath(QStringLiteral("large.rnnlab.json"));
    // RNNLAB_OPEN_TEST_HIDDEN=2048 measures the largest hidden size (slow: by hand only).
    const int hidden = qEnvironmentVariableIsSet("RNNLAB_OPEN_TEST_HIDDEN")
                           ? qEnvironmentVariableIntValue("RNNLAB_OPEN_TEST_HIDDEN")
                           : 1024;
    m_largeHidden = hidden;
    rnnlab::saveSession(largeSession(hidden, 0.0123), m_large.toStdString());
    m_small = m_dir.filePath(QStringLiteral("small.rnnlab.json"));
    rnnlab::saveSession(largeSession(8, 0.0456), m_small.toStdString());
    qInfo("large session file: %.1f MB", static_cast<double>(QFileInfo(m_large).size()) / 1e6);
  }

  // The event loop turns every few milliseconds while the file is read and parsed; after
  // progressDelayMs() a progress dialog says what is being opened; the window ends with the file.
  void eventLoopTurnsWhileLoading() {
    MainWindow window;
    window.resize(1000, 700);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy finished(window.files(), &FileActions::openFinished);
    QString dialogText;
    bool loadingWhenSeen = false;
    QTimer watch;
    watch.setInterval(20);
    connect(&watch, &QTimer::timeout, this, [&] {
      QProgressDialog* dialog = window.files()->openProgress();
      if (dialog != nullptr && dialog->isVisible() && dialogText.isEmpty()) {
        dialogText = dialog->labelText();
        loadingWhenSeen = window.document()->session().model.hiddenSize != m_largeHidden;
        // RNNLAB_OPEN_TEST_SCREENSHOT=file.png: the screen a moment later (under xvfb-run).
        const QString shot = qEnvironmentVariable("RNNLAB_OPEN_TEST_SCREENSHOT");
        if (!shot.isEmpty()) {
          QTimer::singleShot(
              400, this, [shot] { QGuiApplication::primaryScreen()->grabWindow(0).save(shot); });
        }
      }
    });
    watch.start();
    QElapsedTimer clock;
    clock.start();
    auto ticks = std::make_unique<TickCounter>();
    int ticksBeforeDelivery = -1;
    double p99BeforeDelivery = 0;
    double maxBeforeDelivery = 0;
    // The ticks up to the moment the parsed session is handed to the document (that last step
    // runs on the GUI thread: the model's first pass).
    connect(window.document(), &SessionDocument::loaded, this, [&] {
      if (ticksBeforeDelivery < 0) {
        ticksBeforeDelivery = ticks->ticks();
        p99BeforeDelivery = ticks->percentileMs(0.99);
        maxBeforeDelivery = ticks->percentileMs(1.0);
      }
    });
    window.files()->startOpen(m_large);
    const qint64 startReturnedMs = clock.elapsed();
    QVERIFY(window.files()->isOpening());
    QVERIFY(finished.wait(20000));
    const qint64 openMs = clock.elapsed();
    QTest::qWait(20);  // one more turn: the gap of the handover itself
    ticks->stop();
    qInfo(
        "open %lld ms (startOpen returned after %lld ms); %d event-loop turns before the "
        "session was handed over, gap p99 %.1f ms, max %.1f ms; with the handover (the "
        "model's first pass on the GUI thread): p99 %.1f ms, max %.1f ms",
        openMs, startReturnedMs, ticksBeforeDelivery, p99BeforeDelivery, maxBeforeDelivery,
        ticks->percentileMs(0.99), ticks->percentileMs(1.0));
    QCOMPARE(finished.front().at(0).toBool(), true);
    QVERIFY(startReturnedMs < 100);
    // Blocking would give one turn; turning gives dozens (5 ms timer, loaded machine).
    QVERIFY2(ticksBeforeDelivery >= 10, qPrintable(QString::number(ticksBeforeDelivery)));
    QVERIFY2(maxBeforeDelivery < 250, qPrintable(QString::number(maxBeforeDelivery)));
    QCOMPARE(window.document()->session().model.hiddenSize, m_largeHidden);
    QCOMPARE(window.document()->session().training.learningRate, 0.0123);
    QCOMPARE(window.document()->filePath(), QFileInfo(m_large).absoluteFilePath());
    QVERIFY(window.document()->recentFiles().contains(QFileInfo(m_large).absoluteFilePath()));
    QVERIFY(!window.files()->isOpening());
    if (openMs > window.files()->progressDelayMs() + 200) {
      QVERIFY2(dialogText.contains(QStringLiteral("large.rnnlab.json")), qPrintable(dialogText));
      QVERIFY(loadingWhenSeen);
    }
    QTRY_VERIFY(window.files()->openProgress() == nullptr);
  }

  // For comparison, what the window went through before: openFile() (still used by scripts)
  // blocks the event loop for the whole read, parse and handover.
  void blockingOpenForComparison() {
    MainWindow window;
    window.resize(1000, 700);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    TickCounter ticks;
    QTest::qWait(20);
    QElapsedTimer clock;
    clock.start();
    QVERIFY(window.files()->openFile(m_large));
    const qint64 openMs = clock.elapsed();
    QTest::qWait(20);
    ticks.stop();
    qInfo("blocking open %lld ms: the event loop stood still for %.1f ms", openMs,
          ticks.percentileMs(1.0));
    QVERIFY(ticks.percentileMs(1.0) >= static_cast<double>(openMs) * 0.9);
  }

  // Cancel in the progress dialog: the window keeps its session, says nothing, and the parse
  // that was under way is dropped when it ends.
  void cancelKeepsTheSession() {
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.files()->openFile(m_small));
    const rnnlab::Session before = window.document()->session();
    const QString pathBefore = window.document()->filePath();
    QTRY_VERIFY(!SessionLoader::workerBusy());
    const long droppedBefore = SessionLoader::droppedCount();
    QSignalSpy loaded(window.document(), &SessionDocument::loaded);
    startSlowOpen(window.files(), m_large);
    QSignalSpy finished(window.files(), &FileActions::openFinished);
    QProgressDialog* dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((dialog = window.files()->openProgress()) && dialog->isVisible(),
                             5000);
    QAbstractButton* cancel = dialog->findChild<QAbstractButton*>();
    QVERIFY(cancel);
    QElapsedTimer clock;
    clock.start();
    cancel->click();
    QVERIFY(clock.elapsed() < 100);
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.front().at(0).toBool(), false);
    QVERIFY(finished.front().at(1).toString().isEmpty());
    QVERIFY(!window.files()->isOpening());
    // The abandoned parse ends in the background; its session never reaches the window.
    QTRY_VERIFY_WITH_TIMEOUT(!SessionLoader::workerBusy(), 20000);
    QCoreApplication::processEvents();
    QCOMPARE(SessionLoader::droppedCount(), droppedBefore + 2);
    QCOMPARE(loaded.size(), 0);
    QVERIFY(sameSession(window.document()->session(), before));
    QCOMPARE(window.document()->filePath(), pathBefore);
    QVERIFY(!window.document()->isModified());
    QVERIFY(!window.findChild<QMessageBox*>());
  }

  // Cancelling one file and opening another at once: the second waits for the first's parse to
  // end (never two at a time) and is the one the window ends with.
  void theFileOpenedAfterACancelWins() {
    MainWindow window;
    QSignalSpy finished(window.files(), &FileActions::openFinished);
    window.files()->startOpen(m_large);
    QTest::qWait(50);
    window.files()->cancelOpen();
    window.files()->startOpen(m_small);
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.size(), 2);
    QCOMPARE(finished.at(1).at(0).toBool(), true);
    QTRY_VERIFY_WITH_TIMEOUT(!SessionLoader::workerBusy(), 20000);
    QCoreApplication::processEvents();
    QCOMPARE(window.document()->session().model.hiddenSize, 8);
    QCOMPARE(window.document()->session().training.learningRate, 0.0456);
    QCOMPARE(window.document()->filePath(), QFileInfo(m_small).absoluteFilePath());
  }

  // The command line (`rnnlab file --train N`): the window is up at once, the file follows,
  // and training starts on the file's session, not on the example shown meanwhile.
  void theCommandLineOpensInTheWindow() {
    MainWindow window;
    RunOptions options;
    options.sessionPath = m_small;
    options.iterations = 3;
    ScriptedRun run(window, options);
    QString error;
    QVERIFY(run.start(&error));
    QVERIFY(window.isVisible());
    QVERIFY(window.files()->isOpening());
    run.startInteractive();
    QTRY_COMPARE(window.document()->filePath(), QFileInfo(m_small).absoluteFilePath());
    QCOMPARE(window.document()->session().training.iterations, 3);
    QTRY_COMPARE_WITH_TIMEOUT(window.controller()->state(), TrainingState::Finished, 10000);
    QCOMPARE(window.controller()->latestSnapshot()->model.config.hiddenSize, 8);
    QCOMPARE(window.controller()->latestSnapshot()->iteration, 3);
  }

  // Something else opened while a file loads (here a preset) is what the window keeps.
  void aPresetOpenedMeanwhileWins() {
    MainWindow window;
    QSignalSpy finished(window.files(), &FileActions::openFinished);
    window.files()->startOpen(m_large);
    QVERIFY(window.files()->openPreset(QStringLiteral("sine")));
    QVERIFY(!window.files()->isOpening());
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.front().at(0).toBool(), false);
    const rnnlab::Session preset = window.document()->session();
    QTRY_VERIFY_WITH_TIMEOUT(!SessionLoader::workerBusy(), 20000);
    QCoreApplication::processEvents();
    QVERIFY(sameSession(window.document()->session(), preset));
    QVERIFY(window.document()->session().model.hiddenSize != m_largeHidden);
  }

  // A bad file: the same one message as opening it on the GUI thread, in one dialog.
  void badFileHasItsOneMessage() {
    const QString bad = m_dir.filePath(QStringLiteral("bad.rnnlab.json"));
    {
      QFile file(bad);
      QVERIFY(file.open(QIODevice::WriteOnly));
      file.write("{\"format\": \"rnnlab-session\", \"version\": 1, \"model\": [");
    }
    const QString missing = m_dir.filePath(QStringLiteral("missing.rnnlab.json"));
    for (const QString& path : {bad, missing}) {
      MainWindow window;
      const rnnlab::Session before = window.document()->session();
      QString expected;
      SessionDocument reference;
      QVERIFY(!reference.openFile(path, &expected));
      QSignalSpy finished(window.files(), &FileActions::openFinished);
      window.files()->startOpen(path, false);
      QVERIFY(finished.wait(5000));
      QCOMPARE(finished.front().at(0).toBool(), false);
      QCOMPARE(finished.front().at(1).toString(), expected);
      QVERIFY(sameSession(window.document()->session(), before));
    }
    MainWindow window;
    window.show();
    QStringList shown;
    QTimer answer;
    answer.setInterval(10);
    connect(&answer, &QTimer::timeout, this, [&shown] {
      if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
        shown << box->windowTitle() + QStringLiteral(": ") + box->text();
        box->button(QMessageBox::Ok)->click();
      }
    });
    answer.start();
    QSignalSpy finished(window.files(), &FileActions::openFinished);
    window.files()->startOpen(bad);
    QVERIFY(finished.wait(5000));
    QTest::qWait(100);
    QCOMPARE(shown.size(), 1);
    QVERIFY2(shown.front().startsWith(QStringLiteral("Cannot open session: ")),
             qPrintable(shown.front()));
    QVERIFY(shown.front().contains(finished.front().at(1).toString()));
  }

  // Closing the window while a file opens returns at once: the parse under way is abandoned
  // (it runs on the loader's own detached thread, not the global thread pool that
  // QCoreApplication's destructor waits for).
  void closingWhileOpeningDoesNotWait() {
    QSignalSpy* finished = nullptr;
    auto window = std::make_unique<MainWindow>();
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    startSlowOpen(window->files(), m_large);
    finished = new QSignalSpy(window->files(), &FileActions::openFinished);
    QTRY_VERIFY_WITH_TIMEOUT(window->files()->openProgress() != nullptr, 5000);
    QElapsedTimer clock;
    clock.start();
    QVERIFY(window->close());
    const qint64 closeMs = clock.elapsed();
    QVERIFY(!window->files()->isOpening());
    QCOMPARE(finished->size(), 1);
    delete finished;
    window.reset();
    const qint64 destroyedMs = clock.elapsed();
    qInfo("close %lld ms, close and destroy %lld ms, worker still parsing: %s", closeMs,
          destroyedMs, SessionLoader::workerBusy() ? "yes" : "no");
    QVERIFY2(destroyedMs < 1000, qPrintable(QString::number(destroyedMs)));
    QTRY_VERIFY_WITH_TIMEOUT(!SessionLoader::workerBusy(), 20000);
  }

  // Every background computation of the window at once (training, the spectrum and memory
  // views' QtConcurrent jobs, a gradient check of ~80k weights, a file opening): closing and
  // destroying the window, and what the app's exit then waits for (QCoreApplication's
  // destructor waits for the global thread pool), each take well under a second.
  void exitWaitsForNoBackgroundJob() {
    auto window = std::make_unique<MainWindow>();
    window->setScripted(true);  // no "save your changes?" on close: the run trained
    window->resize(1200, 800);
    window->show();
    QVERIFY(QTest::qWaitForWindowExposed(window.get()));
    // RNNLAB_EXIT_TEST_HIDDEN=2048: the largest size (by hand; the gradient check then takes
    // minutes and training an iteration ~0.3 s).
    const int hidden = qEnvironmentVariableIsSet("RNNLAB_EXIT_TEST_HIDDEN")
                           ? qEnvironmentVariableIntValue("RNNLAB_EXIT_TEST_HIDDEN")
                           : 256;
    window->document()->setSession(largeSession(hidden, 0.001), QString(), QStringLiteral("big"));
    window->document()->setIterations(1'000'000);
    window->resetTraining();
    window->controller()->setSpeed(0);  // full speed: not a test of the pace
    window->controller()->play();
    QVERIFY(window->docks()->raise(QStringLiteral("spectrum")));
    QVERIFY(window->docks()->raise(QStringLiteral("memory")));
    QVERIFY(window->docks()->raise(QStringLiteral("gradientCheck")));
    auto* check = window->findChild<GradientCheckPanel*>();
    QVERIFY(check);
    QTRY_VERIFY_WITH_TIMEOUT(window->controller()->latestSnapshot()->iteration > 2, 30000);
    window->controller()->pause();
    QTRY_VERIFY(window->controller()->state() != TrainingState::Running);
    QTRY_VERIFY2(check->runButton()->isEnabled(), qPrintable(check->verdictText()));
    window->controller()->setSpeed(0);  // full speed: not a test of the pace
    window->controller()->play();
    startSlowOpen(window->files(), m_large);
    QTest::qWait(100);
    // Started last: on an idle machine the check of ~80k weights ends within a few hundred ms.
    check->runCheck();
    QVERIFY(check->isRunning());
    QVERIFY(window->files()->isOpening());
    QCOMPARE(window->controller()->state(), TrainingState::Running);
    QElapsedTimer clock;
    clock.start();
    QVERIFY(window->close());
    const qint64 closeMs = clock.elapsed();
    window.reset();
    const qint64 destroyMs = clock.elapsed();
    QVERIFY(QThreadPool::globalInstance()->waitForDone(5000));
    const qint64 poolMs = clock.elapsed();
    qInfo(
        "with training, spectrum, memory, gradient check and a file opening: close %lld ms, "
        "destroyed %lld ms, thread pool idle %lld ms",
        closeMs, destroyMs, poolMs);
    QVERIFY2(poolMs < 1000, qPrintable(QString::number(poolMs)));
  }

 private:
  QTemporaryDir m_dir;
  QString m_large;
  QString m_small;
  int m_largeHidden = 1024;
};

QTEST_MAIN(FileOpenProgressTest)
#include "file_open_progress_test.moc"
