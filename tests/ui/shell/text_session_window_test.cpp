// A text session in the main window: it opens (a preset, a .txt file), trains with the loss per
// character falling and a validation curve beside it, its views are labelled with characters,
// its Text dock edits are undo steps, and a bad text file gives one message and changes nothing.

#include <QCheckBox>
#include <QDockWidget>
#include <QLabel>
#include <QLineSeries>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>
#include <numeric>

#include "document/session_document.h"
#include "editors/sequence_editor.h"
#include "editors/text_settings_panel.h"
#include "inspection/gradient_check_panel.h"
#include "rnnlab/session.h"
#include "rnnlab/text_model.h"
#include "shell/dock_layout.h"
#include "shell/file_actions.h"
#include "shell/main_window.h"
#include "shell/snapshot_presenter.h"
#include "training/training_controller.h"
#include "views/hidden_state_heatmap.h"
#include "views/loss_chart.h"
#include "views/outputs_table_model.h"
#include "views/outputs_view.h"
#include "widgets/heatmap_widget.h"

namespace {

constexpr int Timeout = 60000;  // ms; only reached when something is broken

double mean(const std::vector<double>& values, std::size_t from, std::size_t count) {
  return std::accumulate(values.begin() + static_cast<long>(from),
                         values.begin() + static_cast<long>(from + count), 0.0) /
         static_cast<double>(count);
}

}  // namespace

class TextSessionWindowTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;

  QString writeFile(const QString& name, const QByteArray& bytes) {
    QFile file(m_dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly)) {
      return {};
    }
    file.write(bytes);
    return file.fileName();
  }

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("RNN Lab Tests"));
    QCoreApplication::setApplicationName(QStringLiteral("text_session_window_test"));
    QSettings().clear();
    QVERIFY(m_dir.isValid());
  }

  void sonnetsTrainInTheWindowWithLabelsAndValidation() {
    MainWindow window;
    window.setScripted(true);
    window.resize(1280, 720);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QString error;
    QVERIFY2(window.files()->openPreset(QStringLiteral("sonnets"), &error), qPrintable(error));
    window.document()->setIterations(1500);
    const rnnlab::Session& session = window.document()->session();
    QVERIFY(session.text.has_value());
    const int L = session.text->sequenceLength;

    // The Text dock is in front of the (empty) sequence table and shows the vocabulary.
    TextSettingsPanel* panel = window.textPanel();
    QVERIFY(!window.docks()->dock(DockId::TextSettings)->visibleRegion().isEmpty());
    QCOMPARE(panel->vocabularyTable()->rowCount(), session.text->vocabularySize());
    QCOMPARE(panel->sequenceLength()->value(), 25);
    QVERIFY(panel->validationSplit()->isChecked());
    QVERIFY(panel->summaryText().contains(QStringLiteral("validation")));

    window.controller()->setSpeed(0);  // full speed: not a test of the pace
    window.controller()->play();
    QTRY_COMPARE_WITH_TIMEOUT(window.controller()->state(), TrainingState::Finished, Timeout);
    window.presenter()->refresh();
    auto* chart = window.findChild<LossChart*>();
    QTRY_COMPARE(chart->history().size(), std::size_t{1500});
    const std::vector<double> losses = chart->history().values();
    const double early = mean(losses, 0, 200) / L;
    const double late = mean(losses, 1300, 200) / L;
    QVERIFY2(late < 0.8 * early, qPrintable(QStringLiteral("%1 → %2").arg(early).arg(late)));

    // The status bar gives the chunk's loss per character too.
    bool perCharacter = false;
    for (const QLabel* label : window.statusBar()->findChildren<QLabel*>()) {
      perCharacter = perCharacter || label->text().contains(QStringLiteral("per character"));
    }
    QVERIFY(perCharacter);

    // Per character by default; the validation curve is drawn on the same iterations, in the
    // same unit (the core's per-character value).
    QVERIFY(chart->unit() == LossChart::Unit::PerCharacter);
    chart->refresh();
    const std::vector<LossHistory::Point>& validation = window.controller()->losses().validation();
    QVERIFY(validation.size() >= 2);
    const QList<QPointF> drawn = chart->displayedSecondPoints();
    QCOMPARE(drawn.size(), static_cast<qsizetype>(validation.size()));
    QCOMPARE(drawn.back().x(), static_cast<double>(validation.back().iteration));
    QVERIFY(std::abs(drawn.back().y() - validation.back().value) < 1e-12);

    // The heatmap's steps and the outputs' rows are labelled with the characters read.
    const TrainingSnapshotPtr shown = window.controller()->latestSnapshot();
    const rnnlab::ForwardPass& pass = shown->trace->forward;
    QStringList expected;
    for (int t = 0; t < L; ++t) {
      expected << SessionDocument::displayCharacter(
          session.text->vocabulary[static_cast<std::size_t>(pass.inputIndices(t))]);
    }
    auto* heatmap = window.findChild<HiddenStateHeatmap*>();
    QCOMPARE(heatmap->heatmap()->columnLabels(), expected);
    OutputsTableModel* outputs = window.findChild<OutputsView*>()->model();
    window.docks()->dock(DockId::Outputs)->raise();
    window.presenter()->refresh();
    QTRY_VERIFY(!outputs->characters().isEmpty());
    QCOMPARE(outputs->headerData(0, Qt::Vertical, Qt::DisplayRole).toString(),
             QStringLiteral("t=1 ") + expected.front());
    // The most likely next character and its probability, from the pass's probabilities.
    Eigen::Index best = 0;
    const double p = pass.probabilities.col(0).maxCoeff(&best);
    const QString cell = outputs->data(outputs->index(0, 0), Qt::DisplayRole).toString();
    QVERIFY2(cell.startsWith(SessionDocument::displayCharacter(
                 session.text->vocabulary[static_cast<std::size_t>(best)])),
             qPrintable(cell));
    QVERIFY2(cell.contains(QString::number(100 * p, 'f', 1)), qPrintable(cell));
  }

  void textDockEditsAreUndoStepsAndRestartTraining() {
    MainWindow window;
    window.setScripted(true);
    window.show();
    QString error;
    QVERIFY(window.files()->openPreset(QStringLiteral("hello_text"), &error));
    const rnnlab::TextData before = *window.document()->session().text;
    QSpinBox* length = window.textPanel()->sequenceLength();
    length->setValue(6);
    emit length->editingFinished();
    QCOMPARE(window.document()->session().text->sequenceLength, 6);
    // The run follows at once (same vocabulary, so no reset is needed): its chunks are 6 long.
    QCOMPARE(window.document()->applied().text->sequenceLength, 6);
    QTRY_COMPARE(window.controller()->latestSnapshot()->forward.inputIndices.size(), 6);
    window.textPanel()->carryHidden()->setChecked(false);
    QVERIFY(!window.document()->session().text->carryHidden);
    auto* undo = window.findChild<SequenceEditor*>()->undoStack();
    undo->undo();
    undo->undo();
    QVERIFY(*window.document()->session().text == before);
    QCOMPARE(window.textPanel()->sequenceLength()->value(), before.sequenceLength);
  }

  void plainTextFilesOpenAndBadOnesChangeNothing() {
    MainWindow window;
    window.setScripted(true);
    const rnnlab::Session example = window.document()->session();
    QString error;
    QVERIFY(!window.files()->openFile(
        writeFile(QStringLiteral("bad.txt"), QByteArray("a long enough text with a \xc3\x28 bad "
                                                        "sequence in the middle of it")),
        &error));
    QVERIFY2(error.startsWith(QStringLiteral("bad.txt: data.text")), qPrintable(error));
    QVERIFY(!error.contains(u'\n'));
    QVERIFY(!window.files()->openFile(writeFile(QStringLiteral("short.txt"), "tiny"), &error));
    QVERIFY2(error.contains(QStringLiteral("needs at least")), qPrintable(error));
    QVERIFY(window.document()->session() == example);
    QVERIFY(!window.document()->session().text);

    const QByteArray poem =
        QStringLiteral("春眠不觉晓，处处闻啼鸟。夜来风雨声，花落知多少。\n").repeated(4).toUtf8();
    QVERIFY2(window.files()->openFile(writeFile(QStringLiteral("poem.txt"), poem), &error),
             qPrintable(error));
    QVERIFY(window.document()->session().text.has_value());
    window.controller()->step();
    QTRY_COMPARE_WITH_TIMEOUT(window.controller()->latestSnapshot()->iteration, 1L, Timeout);
    QVERIFY(std::isfinite(window.controller()->lossHistory().front()));

    // Saved as a session and opened again: the same text, and the run continues where it was.
    const QString saved = m_dir.filePath(QStringLiteral("poem.rnnlab.json"));
    QVERIFY2(window.files()->saveFile(saved, &error), qPrintable(error));
    const rnnlab::Session reread = rnnlab::loadSession(saved.toStdString());
    QVERIFY(reread.text == window.document()->session().text);
    QVERIFY(reread.trainingState.has_value());
    QCOMPARE(reread.trainingState->textPosition.value_or(-1), 0L + reread.text->sequenceLength);
    QVERIFY(window.files()->openFile(saved, &error));
    QCOMPARE(window.controller()->latestSnapshot()->iteration, 1L);
  }

  // The gradient check runs on the chunk the views show (as a dense sequence from h0).
  void gradientCheckRunsOnTheCurrentChunk() {
    MainWindow window;
    window.setScripted(true);
    window.resize(1280, 720);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QString error;
    QVERIFY(window.files()->openPreset(QStringLiteral("hello_text"), &error));
    window.controller()->step();
    window.controller()->step();
    QTRY_COMPARE_WITH_TIMEOUT(window.controller()->latestSnapshot()->iteration, 2L, Timeout);
    window.docks()->dock(DockId::GradientCheck)->raise();
    window.presenter()->refresh();
    auto* panel = window.findChild<GradientCheckPanel*>();
    QSignalSpy finished(panel, &GradientCheckPanel::finished);
    panel->runCheck();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, Timeout);
    QVERIFY(panel->lastResult().has_value());
    QVERIFY2(panel->lastResult()->passed(), qPrintable(panel->verdictText()));
    const TrainingSnapshotPtr shown = window.controller()->latestSnapshot();
    const rnnlab::TextData& text = *window.document()->session().text;
    rnnlab::ForwardPass pass;
    rnnlab::forward(
        shown->model,
        rnnlab::textChunkAsSequence(text, shown->trace->report.chunkStart, text.sequenceLength),
        pass);
    QCOMPARE(panel->lastResult()->loss, pass.loss);
  }
};

QTEST_MAIN(TextSessionWindowTest)
#include "text_session_window_test.moc"
