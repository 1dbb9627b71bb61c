// The desktop application: argument parsing, QApplication, the main window, exit codes. What
// the options ask of the window is ScriptedRun's job.

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <cstdio>
#include <cstdlib>

#include "document/preset_library.h"
#include "document/share_link.h"
#include "i18n/interface_language.h"
#include "lessons/lesson_file.h"
#include "lessons/lesson_runner.h"
#include "shell/lesson_actions.h"
#include "shell/main_window.h"
#include "shell/scripted_run.h"

namespace {

constexpr int ExitUsage = 2;

// The translation context of the options and messages below (lupdate finds Main::tr).
class Main {
  Q_DECLARE_TR_FUNCTIONS(Main)
};

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

struct Options {
  QCommandLineOption session{QStringLiteral("session"), Main::tr("Open this session file."),
                             QStringLiteral("FILE")};
  QCommandLineOption preset{QStringLiteral("preset"), QString(), QStringLiteral("NAME")};
  QCommandLineOption train{QStringLiteral("train"), Main::tr("Train N iterations right away."),
                           QStringLiteral("N")};
  QCommandLineOption screenshot{
      QStringLiteral("screenshot"),
      Main::tr("Train (see --train), save a PNG of the window to PATH and exit."),
      QStringLiteral("PATH")};
  QCommandLineOption size{QStringLiteral("size"), Main::tr("Window size, e.g. 1440x900."),
                          QStringLiteral("WxH")};
  QCommandLineOption dock{QStringLiteral("dock"),
                          Main::tr("Raise this dock before the screenshot (repeatable), "
                                   "e.g. stepper, diagram, gradientFlow, spectrum, "
                                   "gradientCheck, compareRuns."),
                          QStringLiteral("NAME")};
  QCommandLineOption rewind{QStringLiteral("rewind"),
                            Main::tr("Before the screenshot, rewind every view to "
                                     "iteration K (the history timeline)."),
                            QStringLiteral("K")};
  QCommandLineOption branchRate{
      QStringLiteral("continue-with-lr"),
      Main::tr("After --rewind, continue from there as a new run with this learning rate "
               "and train --train iterations more (the old run stays in Compare runs)."),
      QStringLiteral("ETA")};
  QCommandLineOption gradientCheck{
      QStringLiteral("gradient-check"),
      Main::tr("Before the screenshot, run the gradient check panel's check.")};
  QCommandLineOption language{
      QStringLiteral("language"),
      Main::tr("Speak this language (en, zh_CN or system) instead of the one chosen in View → "
               "Language; it is not stored."),
      QStringLiteral("LANG")};
  QCommandLineOption presentation{
      QStringLiteral("presentation"),
      Main::tr("Start in presentation mode (large text, thick lines, high contrast; F11).")};
  QCommandLineOption lesson{QStringLiteral("lesson"), QString(), QStringLiteral("NAME|FILE")};
  QCommandLineOption lessonStep{QStringLiteral("lesson-step"),
                                Main::tr("With --lesson: go to step N (1-based) of the lesson."),
                                QStringLiteral("N")};
  QCommandLineOption phase{QStringLiteral("phase"),
                           Main::tr("Before the screenshot, show phase N (0-based) of the "
                                    "stepper."),
                           QStringLiteral("N")};
  QCommandLineOption layer{QStringLiteral("layer"),
                           Main::tr("Before the screenshot, show layer K (0-based) of a stacked "
                                    "model in every view that shows one layer."),
                           QStringLiteral("K")};
  // Not "--reverse": QApplication takes -reverse (right-to-left layout) for itself.
  QCommandLineOption direction{
      QStringLiteral("direction"),
      Main::tr("Before the screenshot, show this direction (forward or reverse) of a "
               "bidirectional model."),
      QStringLiteral("forward|reverse")};
};

void setUpParser(QCommandLineParser& parser, Options& options) {
  parser.setApplicationDescription(Main::tr("RNN Lab: watch a recurrent neural network learn."));
  parser.addHelpOption();
  parser.addVersionOption();
  QStringList presetNames;
  for (const PresetLibrary::Preset& preset : PresetLibrary::presets()) {
    presetNames.append(preset.name);
  }
  options.preset.setDescription(
      Main::tr("Open a built-in preset: %1. With --screenshot it may be given several times: "
               "each is opened and trained in turn, so Compare runs shows them all.")
          .arg(presetNames.join(QStringLiteral(", "))));
  options.lesson.setDescription(
      Main::tr("Start a lesson: a shipped one by name (%1) or a lesson file.")
          .arg(LessonFile::shippedNames().join(QStringLiteral(", "))));
  parser.addOptions({options.session, options.preset, options.train, options.screenshot,
                     options.size, options.dock, options.rewind, options.branchRate,
                     options.gradientCheck, options.phase, options.layer, options.direction,
                     options.language, options.presentation, options.lesson, options.lessonStep});
  parser.addPositionalArgument(
      QStringLiteral("file|link"),
      Main::tr("A session file to open, or a link copied with File → Copy link "
               "('rnnlab:…', quoted)."),
      QStringLiteral("[FILE|LINK]"));
}

void setUpApplication() {
  QCoreApplication::setApplicationName(QStringLiteral("RNN Lab"));
  QCoreApplication::setOrganizationName(QStringLiteral("RNN Lab"));
  QCoreApplication::setApplicationVersion(QStringLiteral(RNNLAB_VERSION));
}

// The language is needed before the parser exists, since the parser's help text is translated
// too; the parser checks the option's form later. Returns false for an unknown language.
bool installLanguage(const QStringList& arguments, QString* language) {
  QString code = InterfaceLanguage::stored();
  for (qsizetype i = 1; i < arguments.size(); ++i) {
    if (arguments[i] == QLatin1String("--language") && i + 1 < arguments.size()) {
      code = arguments[i + 1];
    } else if (arguments[i].startsWith(QLatin1String("--language="))) {
      code = arguments[i].mid(11);
    }
  }
  *language = code;
  return !InterfaceLanguage::install(code).isEmpty();
}

}  // namespace

int main(int argc, char* argv[]) {
  QString language;
  // Checked before QApplication exists: without a display it would abort with a Qt message that
  // does not say what to do. --help and --version still work.
  if (!hasDisplay()) {
    QCoreApplication core(argc, argv);
    setUpApplication();
    installLanguage(QCoreApplication::arguments(), &language);
    Options options;
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
    std::fprintf(
        stderr, "rnnlab: %s\n",
        qPrintable(Main::tr("no display found. Run it under a display, e.g. `xvfb-run -a "
                            "rnnlab`, set QT_QPA_PLATFORM=offscreen for scripted screenshots, "
                            "or use `rnnlab-cli` for headless training.")));
    return ExitUsage;
  }

  // QGuiApplication takes "-session"/"--session" out of argv for X11 session management, so the
  // arguments are copied before it sees them.
  QStringList arguments;
  for (int i = 0; i < argc; ++i) {
    arguments.append(QString::fromLocal8Bit(argv[i]));
  }
  QApplication app(argc, argv);
  // Lets the desktop match the window to the installed menu entry (rnnlab.desktop) and its icon.
  QGuiApplication::setDesktopFileName(QStringLiteral("rnnlab"));
  setUpApplication();
  const bool knownLanguage = installLanguage(arguments, &language);
  Options options;
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
  if (!knownLanguage) {
    return fail(Main::tr("--language: expected en, zh_CN or system, got '%1'").arg(language));
  }
  // A file manager passes the file as a plain argument.
  const QStringList files = parser.positionalArguments();
  if (files.size() > 1 || (files.size() == 1 && parser.isSet(options.session))) {
    return fail(Main::tr("unexpected argument '%1' (see --help)").arg(files.back()));
  }
  if ((parser.isSet(options.session) || !files.isEmpty()) && parser.isSet(options.preset)) {
    return fail(Main::tr("--session and --preset cannot be used together"));
  }
  if (parser.isSet(options.lesson) &&
      (parser.isSet(options.session) || !files.isEmpty() || parser.isSet(options.preset))) {
    return fail(Main::tr("--lesson opens its own session: it cannot be used with --session or "
                         "--preset"));
  }
  if (parser.isSet(options.lessonStep) && !parser.isSet(options.lesson)) {
    return fail(Main::tr("--lesson-step needs --lesson"));
  }
  RunOptions run;
  run.sessionPath = files.isEmpty() ? parser.value(options.session) : files.front();
  if (share_link::isLink(run.sessionPath)) {
    run.link = run.sessionPath;
    run.sessionPath.clear();
  }
  run.presentation = parser.isSet(options.presentation);
  const QStringList presets = parser.values(options.preset);
  run.preset = presets.value(0);
  run.thenPresets = presets.mid(1);
  if (!run.thenPresets.isEmpty() && !parser.isSet(options.screenshot)) {
    return fail(Main::tr("--preset more than once needs --screenshot (a scripted run)"));
  }
  if (parser.isSet(options.train)) {
    bool ok = false;
    run.iterations = parser.value(options.train).toLong(&ok);
    if (!ok || run.iterations < 0) {
      return fail(Main::tr("--train: expected a number of iterations >= 0, got '%1'")
                      .arg(parser.value(options.train)));
    }
  }
  if (parser.isSet(options.size)) {
    QRegularExpressionMatch match = QRegularExpression(QStringLiteral("^(\\d{3,5})x(\\d{3,5})$"))
                                        .match(parser.value(options.size));
    if (!match.hasMatch()) {
      return fail(Main::tr("--size: expected WIDTHxHEIGHT, e.g. 1440x900, got '%1'")
                      .arg(parser.value(options.size)));
    }
    run.size = QSize(match.captured(1).toInt(), match.captured(2).toInt());
  }
  if (parser.isSet(options.screenshot)) {
    run.screenshotPath = parser.value(options.screenshot);
    if (!QFileInfo(run.screenshotPath).absoluteDir().exists()) {
      return fail(Main::tr("%1: the folder does not exist").arg(run.screenshotPath));
    }
  }
  run.docks = parser.values(options.dock);
  if (parser.isSet(options.rewind)) {
    run.rewind = parser.value(options.rewind).toLong();
  }
  if (parser.isSet(options.branchRate)) {
    bool ok = false;
    run.branchRate = parser.value(options.branchRate).toDouble(&ok);
    if (!ok || !(*run.branchRate > 0)) {
      return fail(Main::tr("--continue-with-lr: expected a positive rate, got '%1'")
                      .arg(parser.value(options.branchRate)));
    }
  }
  run.gradientCheck = parser.isSet(options.gradientCheck);
  if (parser.isSet(options.phase)) {
    run.phase = parser.value(options.phase).toInt();
  }
  if (parser.isSet(options.layer)) {
    bool ok = false;
    run.layer = parser.value(options.layer).toInt(&ok);
    if (!ok) {
      return fail(
          Main::tr("--layer: expected a layer number, got '%1'").arg(parser.value(options.layer)));
    }
  }
  if (parser.isSet(options.direction)) {
    const QString direction = parser.value(options.direction);
    if (direction != QLatin1String("forward") && direction != QLatin1String("reverse")) {
      return fail(Main::tr("--direction: expected forward or reverse, got '%1'").arg(direction));
    }
    run.reverse = direction == QLatin1String("reverse");
  }

  MainWindow window;
  ScriptedRun script(window, run);
  QString error;
  if (!script.start(&error)) {
    return fail(error);
  }
  if (parser.isSet(options.lesson)) {
    LessonActions* lessons = window.lessons();
    lessons->setScripted(run.scripted());
    if (!lessons->open(parser.value(options.lesson), &error) && run.scripted()) {
      return fail(error);
    }
    if (parser.isSet(options.lessonStep)) {
      bool ok = false;
      const int step = parser.value(options.lessonStep).toInt(&ok);
      if (!ok || step < 1 || !lessons->runner()->isActive() ||
          step > lessons->runner()->lesson().steps.size()) {
        return fail(Main::tr("--lesson-step: expected a step of the lesson, got '%1'")
                        .arg(parser.value(options.lessonStep)));
      }
      lessons->runner()->goTo(step - 1);
    }
  }
  if (!run.scripted()) {
    // RNNLAB_AUTOSAVE_MS shortens the interval for tests that kill the app mid-run.
    const int autosaveMs = qEnvironmentVariableIntValue("RNNLAB_AUTOSAVE_MS");
    window.startAutosave(QString(),
                         autosaveMs > 0 ? autosaveMs : SessionAutosave::DefaultIntervalMs);
    script.startInteractive();
    return QApplication::exec();
  }
  const int code = script.runScript(&error);
  if (code != ScriptedRun::ExitOk) {
    return fail(error);
  }
  return code;
}
