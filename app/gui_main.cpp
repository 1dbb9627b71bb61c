// The desktop application: argument parsing, QApplication, the main window, exit codes.

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTimer>
#include <cstdio>
#include <cstdlib>

#include "inspection/gradient_check_panel.h"
#include "inspection/iteration_stepper_panel.h"
#include "shell/main_window.h"
#include "document/preset_library.h"
#include "training/training_controller.h"

namespace {

constexpr int ExitUsage = 2;

int fail(const QString& message) {
  std::fprintf(stderr, "rnnlab: %s\n", qPrintable(message));
  return ExitUsage;
}

bool hasDisplay() {
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
  auto set = [](const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0';
  };
  return set("DISPLAY") || set("WAYLAND_DISPLAY") || set("QT_QPA_PLATFORM");
#else
  return true;
#endif
}

// Plays until the controller stops by itself (target reached or diverged), in the event loop so
// that snapshots keep arriving. No sleeping, no polling.
void trainAndWait(MainWindow& window) {
  TrainingController* controller = window.controller();
  QEventLoop loop;
  QObject::connect(controller, &TrainingController::stateChanged, &loop,
                   [&loop](TrainingState state) {
                     if (state != TrainingState::Running) {
                       loop.quit();
                     }
                   });
  controller->play();
  if (controller->state() == TrainingState::Running ||
      controller->latestSnapshot()->iteration < controller->latestSnapshot()->targetIteration) {
    loop.exec();
  }
  // Let the snapshots queued before the state change arrive too.
  QCoreApplication::processEvents(QEventLoop::AllEvents, 100);
}

struct Options {
  QCommandLineOption session{QStringLiteral("session"), QStringLiteral("Open this session file."),
                             QStringLiteral("FILE")};
  QCommandLineOption preset{QStringLiteral("preset"), QString(), QStringLiteral("NAME")};
  QCommandLineOption train{QStringLiteral("train"),
                           QStringLiteral("Train N iterations right away."), QStringLiteral("N")};
  QCommandLineOption screenshot{
      QStringLiteral("screenshot"),
      QStringLiteral("Train (see --train), save a PNG of the window to PATH and exit."),
      QStringLiteral("PATH")};
  QCommandLineOption size{QStringLiteral("size"), QStringLiteral("Window size, e.g. 1440x900."),
                          QStringLiteral("WxH")};
  QCommandLineOption dock{QStringLiteral("dock"),
                          QStringLiteral("Raise this dock before the screenshot (repeatable), "
                                         "e.g. stepper, diagram, gradientFlow, spectrum, "
                                         "gradientCheck, compareRuns."),
                          QStringLiteral("NAME")};
  QCommandLineOption rewind{QStringLiteral("rewind"),
                            QStringLiteral("Before the screenshot, rewind every view to "
                                           "iteration K (the history timeline)."),
                            QStringLiteral("K")};
  QCommandLineOption branchRate{
      QStringLiteral("continue-with-lr"),
      QStringLiteral("After --rewind, continue from there as a new run with this learning rate "
                     "and train --train iterations more (the old run stays in Compare runs)."),
      QStringLiteral("ETA")};
  QCommandLineOption gradientCheck{
      QStringLiteral("gradient-check"),
      QStringLiteral("Before the screenshot, run the gradient check panel's check.")};
  QCommandLineOption phase{QStringLiteral("phase"),
                           QStringLiteral("Before the screenshot, show phase N (0-based) of the "
                                          "stepper."),
                           QStringLiteral("N")};
};

void setUpParser(QCommandLineParser& parser, Options& options) {
  parser.setApplicationDescription(
      QStringLiteral("RNN Lab: watch a recurrent neural network learn."));
  parser.addHelpOption();
  parser.addVersionOption();
  QStringList presetNames;
  for (const PresetLibrary::Preset& preset : PresetLibrary::presets()) {
    presetNames.append(preset.name);
  }
  options.preset.setDescription(
      QStringLiteral("Open a built-in preset: %1.").arg(presetNames.join(QStringLiteral(", "))));
  parser.addOptions({options.session, options.preset, options.train, options.screenshot,
                     options.size, options.dock, options.rewind, options.branchRate,
                     options.gradientCheck, options.phase});
}

void setUpApplication() {
  QCoreApplication::setApplicationName(QStringLiteral("RNN Lab"));
  QCoreApplication::setOrganizationName(QStringLiteral("RNN Lab"));
  QCoreApplication::setApplicationVersion(QStringLiteral(RNNLAB_VERSION));
}

}  // namespace

int main(int argc, char* argv[]) {
  Options options;
  // Checked before QApplication exists: without a display it would abort with a Qt message that
  // does not say what to do. --help and --version still work.
  if (!hasDisplay()) {
    QCoreApplication core(argc, argv);
    setUpApplication();
    QCommandLineParser parser;
    setUpParser(parser, options);
    if (parser.parse(QCoreApplication::arguments())) {
      if (parser.isSet(QStringLiteral("help"))) {
        parser.showHelp(0);
      }
      if (parser.isSet(QStringLiteral("version"))) {
        parser.showVersion();
      }
    }
    std::fprintf(stderr,
                 "rnnlab: no display found. Run it under a display, e.g. `xvfb-run -a rnnlab`, "
                 "set QT_QPA_PLATFORM=offscreen for scripted screenshots, or use `rnnlab-cli` "
                 "for headless training.\n");
    return ExitUsage;
  }

  // QGuiApplication takes "-session"/"--session" out of argv for X11 session management, so the
  // arguments are copied before it sees them.
  QStringList arguments;
  for (int i = 0; i < argc; ++i) {
    arguments.append(QString::fromLocal8Bit(argv[i]));
  }
  QApplication app(argc, argv);
  setUpApplication();
  QCommandLineParser parser;
  setUpParser(parser, options);
  if (!parser.parse(arguments)) {
    return fail(parser.errorText());
  }
  if (parser.isSet(QStringLiteral("help"))) {
    parser.showHelp(0);
  }
  if (parser.isSet(QStringLiteral("version"))) {
    parser.showVersion();
  }
  if (!parser.positionalArguments().isEmpty()) {
    return fail(QStringLiteral("unexpected argument '%1' (see --help)")
                    .arg(parser.positionalArguments().first()));
  }
  if (parser.isSet(options.session) && parser.isSet(options.preset)) {
    return fail(QStringLiteral("--session and --preset cannot be used together"));
  }
  long iterations = -1;
  if (parser.isSet(options.train)) {
    bool ok = false;
    iterations = parser.value(options.train).toLong(&ok);
    if (!ok || iterations < 0) {
      return fail(QStringLiteral("--train: expected a number of iterations >= 0, got '%1'")
                      .arg(parser.value(options.train)));
    }
  }
  QSize size;
  if (parser.isSet(options.size)) {
    QRegularExpressionMatch match = QRegularExpression(QStringLiteral("^(\\d{3,5})x(\\d{3,5})$"))
                                        .match(parser.value(options.size));
    if (!match.hasMatch()) {
      return fail(QStringLiteral("--size: expected WIDTHxHEIGHT, e.g. 1440x900, got '%1'")
                      .arg(parser.value(options.size)));
    }
    size = QSize(match.captured(1).toInt(), match.captured(2).toInt());
  }
  const bool screenshot = parser.isSet(options.screenshot);
  const QString screenshotPath = parser.value(options.screenshot);
  if (screenshot && !QFileInfo(screenshotPath).absoluteDir().exists()) {
    return fail(QStringLiteral("%1: the folder does not exist").arg(screenshotPath));
  }

  MainWindow window;
  window.setScripted(screenshot);
  QString error;
  if (parser.isSet(options.session) &&
      !window.openSessionFile(parser.value(options.session), &error)) {
    return fail(error);
  }
  if (parser.isSet(options.preset) && !window.openPreset(parser.value(options.preset), &error)) {
    return fail(error);
  }
  if (screenshot) {
    // A scripted picture does not depend on the user's saved window size or speed.
    window.resize(size.isValid() ? size : QSize(1440, 900));
    window.controller()->setSpeed(0);
  } else if (size.isValid()) {
    window.resize(size);
  }
  if (iterations >= 0) {
    window.setIterations(iterations);
  }
  window.show();
  if (screenshot) {
    // A scripted picture does not depend on the user's saved layout either; the layout is
    // redone once the window has its real size.
    QCoreApplication::processEvents();
    window.resetLayout();
  }

  if (!screenshot) {
    if (iterations > 0) {
      window.controller()->play();
    }
    return QApplication::exec();
  }

  if (iterations > 0) {
    trainAndWait(window);
  }
  if (parser.isSet(options.rewind)) {
    TrainingController* controller = window.controller();
    controller->showHistory(parser.value(options.rewind).toLong());
    QEventLoop rewound;
    QObject::connect(controller, &TrainingController::snapshotReady, &rewound,
                     [&rewound](TrainingSnapshotPtr snapshot) {
                       if (snapshot->isHistoryView) {
                         rewound.quit();
                       }
                     });
    QTimer::singleShot(30000, &rewound, &QEventLoop::quit);  // never hang a script
    if (!controller->latestSnapshot()->isHistoryView) {
      rewound.exec();
    }
    if (parser.isSet(options.branchRate)) {
      rnnlab::TrainingSettings settings = controller->latestSnapshot()->settings;
      settings.learningRate = parser.value(options.branchRate).toDouble();
      const long from = controller->latestSnapshot()->viewedIteration;
      controller->branchFromHistory(from, settings);
      // Train only once the branch has been answered (else Play would continue the old run).
      QEventLoop branched;
      QObject::connect(controller, &TrainingController::runsChanged, &branched, &QEventLoop::quit);
      QTimer::singleShot(30000, &branched, &QEventLoop::quit);
      branched.exec();
      if (iterations > 0) {
        trainAndWait(window);
      }
    }
  }
  window.refreshViews();
  for (const QString& dock : parser.values(options.dock)) {
    if (!window.raiseDock(dock)) {
      return fail(QStringLiteral("--dock: no dock '%1' (one of: %2)")
                      .arg(dock, window.dockNames().join(QStringLiteral(", "))));
    }
  }
  if (parser.isSet(options.gradientCheck)) {
    QEventLoop checked;
    QObject::connect(window.gradientCheckPanel(), &GradientCheckPanel::finished, &checked,
                     &QEventLoop::quit);
    QTimer::singleShot(60000, &checked, &QEventLoop::quit);
    window.gradientCheckPanel()->runCheck();
    checked.exec();
  }
  if (parser.isSet(options.phase)) {
    window.stepper()->setPhaseIndex(parser.value(options.phase).toInt());
  }
  // Views that coalesce redraws on short timers (the loss chart) or compute in the background
  // (the Whh spectrum, 4 times a second) get a moment to catch up.
  QEventLoop settle;
  QTimer::singleShot(600, &settle, &QEventLoop::quit);
  settle.exec();
  window.refreshViews();
  QApplication::processEvents();

  if (!window.grab().save(screenshotPath, "PNG")) {
    return fail(QStringLiteral("%1: could not write the image").arg(screenshotPath));
  }
  return 0;
}
