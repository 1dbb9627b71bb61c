// MainWindow under random user actions (a monkey test): N actions drawn from a seeded generator
// (toolbar and menu actions, Play/Pause/Step/Reset bursts, absurd settings, garbage cell text,
// undo/redo, rewinds, branches, what-ifs, good and bad files, presets, resizing, docks), with the
// window's invariants checked after each: it responds, the views show the controller's latest
// snapshot, no NaN is drawn, and the session the document says is trained is the one the
// controller trains.
//
// Replay: the seed and N are printed first, a failure names the action's index and description.
//   RNNLAB_MONKEY_ACTIONS=N RNNLAB_MONKEY_SEED=S ui_monkey_test   (or --actions N --seed S)
// Any modal dialog an action opens (file dialogs, questions, warnings) is rejected by a timer,
// as a user pressing Escape would.

#include <QAbstractSpinBox>
#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QDialog>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QMenu>
#include <QSettings>
#include <QSlider>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTimer>
#include <QUndoStack>
#include <QWidgetAction>
#include <QXYSeries>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtTest>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <limits>
#include <random>

#include "document/preset_library.h"
#include "document/session_document.h"
#include "editors/sequence_editor.h"
#include "editors/sequence_table_model.h"
#include "editors/settings_panel.h"
#include "rnnlab/session.h"
#include "shell/dock_layout.h"
#include "shell/file_actions.h"
#include "shell/history_bar.h"
#include "shell/main_window.h"
#include "shell/snapshot_presenter.h"
#include "shell/what_if_editor.h"
#include "training/training_controller.h"
#include "views/loss_chart.h"
#include "views/outputs_table_model.h"
#include "views/outputs_view.h"

namespace {

QtMessageHandler g_previousHandler = nullptr;

// The offscreen platform warns about every floating dock and raise(); thousands of those lines
// would bury the one that matters.
void quietHandler(QtMsgType type, const QMessageLogContext& context, const QString& message) {
  if (message.contains(QLatin1String("This plugin does not support"))) {
    return;
  }
  g_previousHandler(type, context, message);
}

long g_actions = 10000;
unsigned long g_seed = 20261202;

// Sizes the monkey may ask for: absurd ones included, bounded so that the test stays small.
constexpr int HiddenSizes[] = {0, 1, 2, 3, 4, 8, 33, 128, 512};
constexpr int MaxTrainedHidden = 512;

}  // namespace

class MonkeyTest : public QObject {
  Q_OBJECT

 private:
  struct Action {
    const char* name;
    int weight;
    std::function<QString()> run;  // does it; returns the details for the log
  };

  QTemporaryDir m_dir;
  std::mt19937_64 m_random;
  MainWindow* m_window = nullptr;
  const TrainingSnapshot* m_drawnAddress = nullptr;
  long m_drawnIteration = -1;
  TrainingSnapshotPtr m_drawnHold;  // keeps the drawn snapshot alive for the comparison
  QStringList m_goodFiles;
  QStringList m_badFiles;

  int uniform(int low, int high) {  // [low, high]
    return std::uniform_int_distribution<int>(low, high)(m_random);
  }
  bool chance(double p) { return std::bernoulli_distribution(p)(m_random); }
  template <typename T>
  const T& pick(const QList<T>& list) {
    return list[uniform(0, static_cast<int>(list.size()) - 1)];
  }

  QString writeFile(const QString& name, const QByteArray& text) {
    QFile file(m_dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly)) {
      return {};
    }
    file.write(text);
    return file.fileName();
  }

  static void pump(int milliseconds) {
    QElapsedTimer clock;
    clock.start();
    do {
      QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    } while (clock.elapsed() < milliseconds);
  }

  QString garbage() {
    static const QStringList pieces = {
        QStringLiteral("nan"),    QStringLiteral("-inf"),  QStringLiteral("1e400"),
        QStringLiteral("abc"),    QStringLiteral(""),      QStringLiteral("  "),
        QStringLiteral("0x1p3"),  QStringLiteral("1,5"),   QStringLiteral("−2"),
        QStringLiteral("1e-320"), QStringLiteral("3"),     QStringLiteral("-0.25"),
        QStringLiteral("\t\n"),   QStringLiteral("😀"),     QStringLiteral("1e308"),
        QStringLiteral("0.5"),    QStringLiteral("99999"), QStringLiteral("1 2 3")};
    return pick(pieces);
  }

  double absurdDouble() {
    switch (uniform(0, 9)) {
      case 0:
        return std::numeric_limits<double>::quiet_NaN();
      case 1:
        return std::numeric_limits<double>::infinity();
      case 2:
        return -std::numeric_limits<double>::infinity();
      case 3:
        return -1.0;
      case 4:
        return 0.0;
      case 5:
        return 1e300;
      case 6:
        return 1e-300;
      default:
        return std::pow(10.0, std::uniform_real_distribution<double>(-4, 1)(m_random));
    }
  }

  SettingsPanel* settingsPanel() const { return m_window->findChild<SettingsPanel*>(); }
  SequenceEditor* sequenceEditor() const { return m_window->findChild<SequenceEditor*>(); }
  HistoryBar* historyBar() const { return m_window->findChild<HistoryBar*>(); }
  WhatIfEditor* whatIf() const { return m_window->findChild<WhatIfEditor*>(); }

  // The actions a user could trigger from the menus and toolbars; Quit is kept (the window is
  // shown again) and so is the language menu (its message box is rejected).
  QList<QAction*> userActions() const {
    QList<QAction*> actions;
    for (QAction* action : m_window->findChildren<QAction*>()) {
      if (action->isSeparator() || action->menu() != nullptr || action->text().isEmpty()) {
        continue;
      }
      actions.append(action);
    }
    return actions;
  }

  QList<Action> actions() {
    QList<Action> list;
    list.append({"trigger a menu/toolbar action", 12, [this] {
                   QList<QAction*> all = userActions();
                   QAction* action = pick(all);
                   const QString text = action->text();
                   const bool enabled = action->isEnabled();
                   if (enabled) {
                     action->trigger();
                   }
                   return text + (enabled ? QString() : QStringLiteral(" (disabled)"));
                 }});
    list.append({"play/pause/step/reset burst", 12, [this] {
                   QString log;
                   const int count = uniform(1, 6);
                   for (int i = 0; i < count; ++i) {
                     switch (uniform(0, 4)) {
                       case 0:
                         m_window->togglePlay();
                         log += QStringLiteral("toggle ");
                         break;
                       case 1:
                         m_window->controller()->step();
                         log += QStringLiteral("step ");
                         break;
                       case 2:
                         m_window->resetTraining();
                         log += QStringLiteral("reset ");
                         break;
                       case 3:
                         m_window->controller()->pause();
                         log += QStringLiteral("pause ");
                         break;
                       default:
                         m_window->controller()->stop();
                         log += QStringLiteral("stop ");
                         break;
                     }
                     pump(uniform(0, 15));
                   }
                   return log;
                 }});
    list.append({"absurd training settings", 6, [this] {
                   rnnlab::TrainingSettings settings = m_window->document()->session().training;
                   settings.learningRate = absurdDouble();
                   if (chance(0.3)) {
                     settings.clipNorm = absurdDouble();
                   }
                   if (chance(0.2)) {
                     settings.optimizer = static_cast<rnnlab::OptimizerKind>(uniform(0, 3));
                     settings.momentum = absurdDouble();
                     settings.beta2 = absurdDouble();
                   }
                   if (chance(0.3)) {
                     settings.iterations = pick(QList<long>{-5, 0, 1, 10, 1000, 1000000000});
                   }
                   if (chance(0.2)) {
                     settings.seed = static_cast<std::uint64_t>(uniform(0, 1 << 30));
                   }
                   emit settingsPanel()->settingsEdited(settings);
                   return QStringLiteral("lr=%1 clip=%2 iterations=%3")
                       .arg(settings.learningRate)
                       .arg(settings.clipNorm)
                       .arg(settings.iterations);
                 }});
    list.append({"model settings", 4, [this] {
                   rnnlab::ModelConfig model = m_window->document()->session().model;
                   model.hiddenSize = HiddenSizes[uniform(0, std::size(HiddenSizes) - 1)];
                   if (chance(0.3)) {
                     model.cell = static_cast<rnnlab::CellKind>(uniform(0, 2));
                   }
                   if (chance(0.2)) {
                     model.outputMode =
                         chance(0.5) ? rnnlab::OutputMode::Last : rnnlab::OutputMode::Sequence;
                   }
                   emit settingsPanel()->modelEdited(model,
                                                     m_window->document()->session().training);
                   return QStringLiteral("hidden=%1 cell=%2")
                       .arg(model.hiddenSize)
                       .arg(static_cast<int>(model.cell));
                 }});
    list.append({"settings widget edit", 5, [this] {
                   QList<QAbstractSpinBox*> boxes =
                       settingsPanel()->findChildren<QAbstractSpinBox*>();
                   if (boxes.isEmpty()) {
                     return QStringLiteral("none");
                   }
                   QAbstractSpinBox* box = pick(boxes);
                   const QString text = chance(0.5) ? garbage() : QString::number(absurdDouble());
                   // Typed as a whole (QTest's key clicks know only ASCII), then Enter or Esc.
                   if (auto* line = box->findChild<QLineEdit*>()) {
                     line->setText(text);
                   }
                   QTest::keyClick(box, chance(0.8) ? Qt::Key_Enter : Qt::Key_Escape);
                   return box->objectName() + QStringLiteral(" ← ") + text;
                 }});
    list.append({"cell edit", 14, [this] {
                   SequenceEditor* editor = sequenceEditor();
                   const auto table =
                       chance(0.5) ? SequenceEditor::Table::Inputs : SequenceEditor::Table::Targets;
                   SequenceTableModel* model = editor->model(table);
                   if (model->rowCount() == 0 || model->columnCount() == 0) {
                     return QStringLiteral("empty table");
                   }
                   const int row = uniform(0, model->rowCount() - 1);
                   const int column = uniform(0, model->columnCount() - 1);
                   const QString text = garbage();
                   if (chance(0.2)) {
                     editor->pasteText(table, row, column,
                                       text + u'\t' + garbage() + u'\n' + garbage());
                     return QStringLiteral("paste at %1,%2: %3").arg(row).arg(column).arg(text);
                   }
                   model->setData(model->index(row, column), text, Qt::EditRole);
                   return QStringLiteral("(%1,%2) ← \"%3\"").arg(row).arg(column).arg(text);
                 }});
    list.append({"undo/redo", 8, [this] {
                   QUndoStack* stack = sequenceEditor()->undoStack();
                   const int count = uniform(1, 4);
                   const bool undo = chance(0.6);
                   for (int i = 0; i < count; ++i) {
                     undo ? stack->undo() : stack->redo();
                   }
                   return QStringLiteral("%1 ×%2").arg(undo ? "undo" : "redo").arg(count);
                 }});
    list.append({"rewind", 6, [this] {
                   auto* slider = historyBar()->findChild<QSlider*>();
                   if (slider == nullptr || slider->maximum() <= 0) {
                     return QStringLiteral("nothing to rewind");
                   }
                   const int value = uniform(0, slider->maximum());
                   slider->setValue(value);
                   pump(80);
                   return QStringLiteral("to %1").arg(value);
                 }});
    list.append({"history bar action", 5, [this] {
                   QList<QAction*> actions;
                   for (QAction* action : historyBar()->actions()) {
                     if (!action->isSeparator() &&
                         qobject_cast<QWidgetAction*>(action) == nullptr) {
                       actions.append(action);
                     }
                   }
                   QAction* action = pick(actions);
                   const bool enabled = action->isEnabled();
                   if (enabled) {
                     action->trigger();
                   }
                   return action->text() + (enabled ? QString() : QStringLiteral(" (disabled)"));
                 }});
    list.append({"what-if", 6, [this] {
                   switch (uniform(0, 2)) {
                     case 0:
                       whatIf()->apply();
                       return QStringLiteral("apply");
                     case 1:
                       whatIf()->discard();
                       return QStringLiteral("discard");
                     default: {
                       const rnnlab::Session& session = m_window->document()->session();
                       rnnlab::SequenceData data = session.data;
                       if (data.inputs.size() == 0) {
                         return QStringLiteral("no data");
                       }
                       const int row = uniform(0, static_cast<int>(data.inputs.rows()) - 1);
                       const int column = uniform(0, static_cast<int>(data.inputs.cols()) - 1);
                       data.inputs(row, column) = absurdDouble();
                       const bool taken = whatIf()->tryData(data);
                       if (!taken) {
                         return QStringLiteral("tryData refused");
                       }
                       return QStringLiteral("tryData (%1,%2)=%3")
                           .arg(row)
                           .arg(column)
                           .arg(data.inputs(row, column));
                     }
                   }
                 }});
    list.append({"open a file", 4, [this] {
                   const bool good = chance(0.4);
                   const QString path = good ? pick(m_goodFiles) : pick(m_badFiles);
                   QString error;
                   const bool opened = m_window->files()->openFile(path, &error);
                   if (!good && opened) {
                     QTest::qFail(qPrintable(QStringLiteral("a bad file opened: ") + path),
                                  __FILE__, __LINE__);
                   }
                   return QFileInfo(path).fileName() +
                          (opened ? QStringLiteral(" opened") : QStringLiteral(" refused"));
                 }});
    list.append({"save and reopen", 2, [this] {
                   const QString path = m_dir.filePath(QStringLiteral("saved.rnnlab.json"));
                   QString error;
                   if (!m_window->files()->saveFile(path, &error)) {
                     return QStringLiteral("save refused: ") + error;
                   }
                   const bool opened = m_window->files()->openFile(path, &error);
                   return opened ? QStringLiteral("saved, reopened")
                                 : QStringLiteral("saved, reopen refused: ") + error;
                 }});
    list.append({"preset", 3, [this] {
                   const QString name = pick(PresetLibrary::presets()).name;
                   QString error;
                   const bool opened = m_window->files()->openPreset(name, &error);
                   return name + (opened ? QString() : QStringLiteral(" refused: ") + error);
                 }});
    list.append({"resize", 3, [this] {
                   const int width = uniform(0, 2) == 0 ? uniform(1, 200) : uniform(400, 1600);
                   const int height = uniform(0, 2) == 0 ? uniform(1, 150) : uniform(300, 1000);
                   m_window->resize(width, height);
                   return QStringLiteral("%1×%2").arg(width).arg(height);
                 }});
    list.append({"dock", 5, [this] {
                   QDockWidget* dock = pick(m_window->docks()->docks());
                   switch (uniform(0, 4)) {
                     case 0:
                       dock->setFloating(!dock->isFloating());
                       return dock->objectName() + QStringLiteral(" float toggled");
                     case 1:
                       dock->close();
                       return dock->objectName() + QStringLiteral(" closed");
                     case 2:
                       dock->show();
                       dock->raise();
                       return dock->objectName() + QStringLiteral(" shown");
                     case 3:
                       m_window->docks()->arrange();
                       return QStringLiteral("arrange");
                     default:
                       m_window->docks()->showInspection();
                       return QStringLiteral("inspection layout");
                   }
                 }});
    list.append({"wait", 3, [this] {
                   const int milliseconds = uniform(10, 120);
                   pump(milliseconds);
                   return QStringLiteral("%1 ms").arg(milliseconds);
                 }});
    return list;
  }

  // --- invariants ---

  bool responds() {
    bool fired = false;
    QTimer::singleShot(0, m_window, [&fired] { fired = true; });
    QElapsedTimer clock;
    clock.start();
    while (!fired && clock.elapsed() < 2000) {
      QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    return fired;
  }

  // After training has settled (not running), the views show the controller's latest snapshot.
  QString viewsCurrent() {
    TrainingController* controller = m_window->controller();
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 2000) {
      if (controller->state() == TrainingState::Running) {
        return {};  // checked when it stops
      }
      const TrainingSnapshotPtr latest = controller->latestSnapshot();
      if (m_drawnAddress == latest.get()) {
        return {};
      }
      QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    }
    const TrainingSnapshotPtr latest = controller->latestSnapshot();
    return QStringLiteral("the views show iteration %1, the controller's latest is %2 (%3)")
        .arg(m_drawnIteration)
        .arg(latest->iteration)
        .arg(static_cast<int>(latest->state));
  }

  QString nanDrawn() const {
    // "inf" is allowed: a cell may hold 1e308, whose loss is honestly infinite.
    static const QRegularExpression nan(QStringLiteral("\\bnan\\b"),
                                        QRegularExpression::CaseInsensitiveOption);
    for (QLabel* label : m_window->statusBar()->findChildren<QLabel*>()) {
      if (nan.match(label->text()).hasMatch()) {
        return QStringLiteral("status bar shows \"%1\"").arg(label->text());
      }
    }
    auto* chart = m_window->findChild<LossChart*>();
    // A run resumed from a file has no losses before its saved iteration: a leading gap of NaN
    // (not drawn). Any other loss must be finite.
    const rnnlab::LossRecord& history = chart->history();
    std::size_t index = 0;
    while (index < history.size() && std::isnan(history[index])) {
      ++index;
    }
    for (; index < history.size(); ++index) {
      if (!std::isfinite(history[index])) {
        return QStringLiteral("the loss chart holds %1 at %2").arg(history[index]).arg(index);
      }
    }
    for (QAbstractSeries* series : chart->chartView()->chart()->series()) {
      if (auto* line = qobject_cast<QXYSeries*>(series)) {
        for (const QPointF& point : line->points()) {
          if (!std::isfinite(point.x()) || !std::isfinite(point.y())) {
            return QStringLiteral("the loss series has a point (%1, %2)")
                .arg(point.x())
                .arg(point.y());
          }
        }
      }
    }
    return {};
  }

  QString sessionTrained() const {
    SessionDocument* document = m_window->document();
    if (document->resetPending()) {
      return {};
    }
    const rnnlab::Session& trained = m_window->controller()->session();
    const rnnlab::Session& applied = document->applied();
    if (!(trained.model == applied.model)) {
      return QStringLiteral("the document's applied model (H=%1) is not the trained one (H=%2)")
          .arg(applied.model.hiddenSize)
          .arg(trained.model.hiddenSize);
    }
    if (!(trained.data == applied.data)) {
      return QStringLiteral("the document's applied data is not the trained data");
    }
    if (!(m_window->controller()->latestSnapshot()->model.config == applied.model)) {
      return QStringLiteral("the latest snapshot's model is not the applied one");
    }
    return {};
  }

  void closeDialogs() {
    for (QWidget* widget : QApplication::topLevelWidgets()) {
      auto* dialog = qobject_cast<QDialog*>(widget);
      if (dialog != nullptr && dialog->isVisible()) {
        dialog->reject();
      }
    }
  }

  void makeFiles() {
    for (const char* name : {"sine", "echo", "hello"}) {
      if (!PresetLibrary::contains(QLatin1String(name))) {
        continue;
      }
      const QString path = m_dir.filePath(QStringLiteral("%1.rnnlab.json").arg(name));
      rnnlab::saveSession(PresetLibrary::load(QLatin1String(name)), path.toStdString());
      m_goodFiles.append(path);
    }
    const QString json = QString::fromStdString(rnnlab::serializeSession(rnnlab::builtinExample()));
    m_goodFiles.append(writeFile(QStringLiteral("example.rnnlab.json"), json.toUtf8()));
    m_badFiles.append(
        writeFile(QStringLiteral("truncated.rnnlab.json"), json.left(json.size() / 2).toUtf8()));
    m_badFiles.append(writeFile(QStringLiteral("empty.rnnlab.json"), QByteArray()));
    m_badFiles.append(
        writeFile(QStringLiteral("binary.rnnlab.json"), QByteArray("\0\xff\xfe{", 4)));
    QString sizes = json;
    sizes.replace(QRegularExpression(QStringLiteral("\"input_size\"\\s*:\\s*\\d+")),
                  QStringLiteral("\"input_size\": 5"));
    m_badFiles.append(writeFile(QStringLiteral("sizes.rnnlab.json"), sizes.toUtf8()));
    QString hidden = json;
    hidden.replace(QRegularExpression(QStringLiteral("\"hidden_size\"\\s*:\\s*\\d+")),
                   QStringLiteral("\"hidden_size\": 100000000"));
    m_badFiles.append(writeFile(QStringLiteral("hidden.rnnlab.json"), hidden.toUtf8()));
    QString nan = json;
    nan.replace(QRegularExpression(QStringLiteral("\"learning_rate\"\\s*:\\s*[0-9.eE+-]+")),
                QStringLiteral("\"learning_rate\": NaN"));
    m_badFiles.append(writeFile(QStringLiteral("nan.rnnlab.json"), nan.toUtf8()));
    QString negative = json;
    negative.replace(QRegularExpression(QStringLiteral("\"learning_rate\"\\s*:\\s*[0-9.eE+-]+")),
                     QStringLiteral("\"learning_rate\": -1"));
    m_badFiles.append(writeFile(QStringLiteral("negative.rnnlab.json"), negative.toUtf8()));
    m_badFiles.append(m_dir.filePath(QStringLiteral("missing.rnnlab.json")));
  }

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("RNN Lab Tests"));
    QCoreApplication::setApplicationName(QStringLiteral("monkey_test"));
    QSettings().clear();
    QVERIFY(m_dir.isValid());
    makeFiles();
    QVERIFY(!m_goodFiles.isEmpty());
    g_previousHandler = qInstallMessageHandler(quietHandler);
  }

  // Defects the monkey found, replayed deterministically.

  // A what-if of data the controller refuses (a NaN cell) is no what-if: Apply must not hand the
  // document data that training never got.
  void refusedWhatIfIsNotApplied() {
    MainWindow window;
    m_window = &window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QAction* toggle = historyBar()->findChild<QAction*>(QStringLiteral("whatIfAction"));
    QVERIFY(toggle != nullptr);
    toggle->setChecked(true);
    QTRY_VERIFY(m_drawnAddress != nullptr || window.controller()->latestSnapshot());
    pump(100);  // the what-if editor has seen a snapshot
    rnnlab::SequenceData data = window.document()->session().data;
    data.inputs(0, 0) = std::numeric_limits<double>::quiet_NaN();
    QVERIFY(!whatIf()->tryData(data));
    whatIf()->apply();
    pump(50);
    QVERIFY(window.controller()->session().data == window.document()->applied().data);
    // A finite edit is still a what-if, and Apply makes it the trained data on both sides.
    data.inputs(0, 0) = 0.5;
    QVERIFY(whatIf()->tryData(data));
    whatIf()->apply();
    QVERIFY(window.controller()->session().data == data);
    QVERIFY(window.document()->applied().data == data);
    m_window = nullptr;
  }

  // Play leaves a what-if (the worker trains the trained data): a later Apply must not make the
  // edited data the session's on one side only.
  void whatIfLeftByPlayIsNotApplied() {
    MainWindow window;
    m_window = &window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    historyBar()->findChild<QAction*>(QStringLiteral("whatIfAction"))->setChecked(true);
    pump(100);
    const rnnlab::SequenceData trained = window.document()->applied().data;
    rnnlab::SequenceData data = trained;
    data.inputs(0, 0) = 0.5;
    QVERIFY(whatIf()->tryData(data));
    window.controller()->play();
    window.controller()->pause();
    whatIf()->apply();
    pump(100);
    QVERIFY(window.controller()->session().data == window.document()->applied().data);
    QVERIFY(window.controller()->session().data == trained);
    m_window = nullptr;
  }

  void randomActions() {
    std::printf(
        "monkey: seed %lu, %ld actions (replay: RNNLAB_MONKEY_SEED=%lu "
        "RNNLAB_MONKEY_ACTIONS=%ld)\n",
        g_seed, g_actions, g_seed, g_actions);
    std::fflush(stdout);
    m_random.seed(g_seed);

    MainWindow window;
    m_window = &window;
    window.setScripted(true);
    sequenceEditor()->setConfirmStructuralChanges(false);
    connect(window.presenter(), &SnapshotPresenter::drawn, this,
            [this](const TrainingSnapshot& snapshot) {
              m_drawnAddress = &snapshot;
              m_drawnIteration = snapshot.iteration;
              m_drawnHold = m_window->controller()->latestSnapshot();
            });
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    QTimer dialogCloser;
    dialogCloser.setInterval(15);
    connect(&dialogCloser, &QTimer::timeout, this, [this] { closeDialogs(); });
    dialogCloser.start();

    const QList<Action> all = actions();
    std::vector<int> weights;
    for (const Action& action : all) {
      weights.push_back(action.weight);
    }
    std::discrete_distribution<int> choose(weights.begin(), weights.end());

    QElapsedTimer clock;
    clock.start();
    for (long index = 0; index < g_actions; ++index) {
      const Action& action = all[choose(m_random)];
      const QString details = action.run();
      const QString where = QStringLiteral("action %1 (seed %2): %3: %4")
                                .arg(index)
                                .arg(g_seed)
                                .arg(action.name, details);
      if (QTest::currentTestFailed()) {
        QFAIL(qPrintable(where));
      }
      if (!window.isVisible()) {
        window.show();  // Quit closed it
      }
      pump(uniform(0, 3));
      QVERIFY2(responds(), qPrintable(where + QStringLiteral(": the window stopped responding")));
      QString problem = nanDrawn();
      if (problem.isEmpty()) {
        problem = sessionTrained();
      }
      if (problem.isEmpty() && index % 8 == 7) {
        problem = viewsCurrent();
      }
      QVERIFY2(problem.isEmpty(), qPrintable(where + QStringLiteral(": ") + problem));
      if ((index + 1) % 1000 == 0) {
        std::printf("monkey: %ld actions, %.0f s\n", index + 1, clock.elapsed() / 1000.0);
        std::fflush(stdout);
      }
      if (std::getenv("RNNLAB_MONKEY_VERBOSE") != nullptr) {
        std::printf("%s\n", qPrintable(where));
      }
      // A model as big as the absurd sizes allow trains slowly: keep it bounded by pausing it.
      if (window.controller()->session().model.hiddenSize > MaxTrainedHidden / 4 &&
          window.controller()->state() == TrainingState::Running && chance(0.5)) {
        window.controller()->pause();
      }
    }
    window.controller()->pause();
    pump(50);
    QString problem = viewsCurrent();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    const double seconds = clock.elapsed() / 1000.0;
    std::printf("monkey: %ld actions in %.1f s (%.0f actions/s)\n", g_actions, seconds,
                g_actions / std::max(seconds, 1e-9));
    dialogCloser.stop();
    m_window = nullptr;
  }
};

int main(int argc, char** argv) {
  if (const char* actions = std::getenv("RNNLAB_MONKEY_ACTIONS")) {
    g_actions = std::atol(actions);
  }
  if (const char* seed = std::getenv("RNNLAB_MONKEY_SEED")) {
    g_seed = std::strtoul(seed, nullptr, 10);
  }
  // --actions N and --seed S are ours; the rest go to QtTest.
  // QtTest stops a test function after 5 minutes; 10,000 actions take longer on a slow machine.
  if (qEnvironmentVariableIsEmpty("QTEST_FUNCTION_TIMEOUT")) {
    qputenv("QTEST_FUNCTION_TIMEOUT", "86400000");
  }
  std::vector<char*> rest;
  for (int i = 0; i < argc; ++i) {
    const std::string arg = argv[i];
    if ((arg == "--actions" || arg == "--seed") && i + 1 < argc) {
      (arg == "--actions" ? g_actions = std::atol(argv[i + 1])
                          : (g_seed = std::strtoul(argv[i + 1], nullptr, 10), g_actions));
      ++i;
      continue;
    }
    rest.push_back(argv[i]);
  }
  int restCount = static_cast<int>(rest.size());
  QApplication app(restCount, rest.data());
  MonkeyTest test;
  return QTest::qExec(&test, restCount, rest.data());
}

#include "monkey_test.moc"
