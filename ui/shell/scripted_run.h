#pragma once

// What the command line asks of the window: open a session or preset, size the window, train,
// and for --screenshot drive the views (rewind, continue with another rate, gradient check,
// stepper phase, raised docks, the layer shown of a stack) and save a PNG of the window.
//
// A file that cannot be opened is reported in a dialog over the window with the default example
// when a user is there; only a scripted run (--screenshot) fails with the message.

#include <QSize>
#include <QString>
#include <QStringList>
#include <optional>

class MainWindow;

struct RunOptions {
  QString sessionPath;        // --session FILE, or a file given as a plain argument
  QString link;               // an `rnnlab:` link given as a plain argument
  bool presentation = false;  // --presentation
  QString preset;
  // Scripted runs only: presets opened and trained one after another once `preset` has trained,
  // so Compare runs shows them side by side (each keeps its run when the next one opens).
  QStringList thenPresets;
  long iterations = -1;  // --train N
  QString screenshotPath;
  QSize size;
  QStringList docks;
  std::optional<long> rewind;
  std::optional<double> branchRate;  // --continue-with-lr
  bool gradientCheck = false;
  std::optional<int> phase;
  std::optional<int> layer;  // --layer K: the cell of a stack the views show
  bool reverse = false;      // --direction reverse: its reverse direction

  bool scripted() const { return !screenshotPath.isEmpty(); }
};

class ScriptedRun {
 public:
  static constexpr int ExitOk = 0;
  static constexpr int ExitFailed = 2;

  ScriptedRun(MainWindow& window, RunOptions options);

  // Opens what was asked for, sizes and shows the window. False (with *error) only in a
  // scripted run; interactively a bad file leaves the default example and a dialog up.
  bool start(QString* error);
  // For a scripted run: trains, drives the views and saves the PNG; the process exit code.
  int runScript(QString* error);
  // Interactively: starts training when --train asked for it.
  void startInteractive();

 private:
  void trainAndWait();
  bool rewindAndBranch(QString* error);
  bool chooseCell(QString* error);
  void waitMs(int ms);
  void showOpenError(const QString& message);

  MainWindow& m_window;
  RunOptions m_options;
  bool m_playWhenOpened = false;
};
