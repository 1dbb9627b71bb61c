#include "inspection/gradient_check_panel.h"

#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QtTest>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "rnnlab/forward_pass.h"
#include "rnnlab/gradient_check.h"
#include "rnnlab/session.h"

namespace {

constexpr int CheckTimeoutMs = 120000;  // generous: sanitizer and loaded CI machines
constexpr int ErrorColumn = 2;
constexpr int CheckedColumn = 1;

// What "%.2g" (the CLI's format) makes of a value, read back as a double.
double atCliPrecision(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.2g", value);
  return std::strtod(buffer, nullptr);
}

rnnlab::GradientCheckResult runAndWait(GradientCheckPanel& panel) {
  QSignalSpy spy(&panel, &GradientCheckPanel::finished);
  panel.runButton()->click();
  [&] { QVERIFY(panel.isRunning()); }();
  [&] { QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 1, CheckTimeoutMs); }();
  return spy.isEmpty() ? rnnlab::GradientCheckResult{}
                       : spy.at(0).at(0).value<rnnlab::GradientCheckResult>();
}

rnnlab::SequenceData randomData(int steps, int inputs, int outputs, unsigned seed) {
  std::srand(seed);
  rnnlab::SequenceData data;
  data.inputs = rnnlab::Matrix::Random(steps, inputs);
  data.targets = rnnlab::Matrix::Random(steps, outputs);
  return data;
}

}  // namespace

class GradientCheckPanelTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { qRegisterMetaType<rnnlab::GradientCheckResult>(); }

  void reportsTheCoresErrorsExactly() {
    const rnnlab::Session example = rnnlab::builtinExample();
    const rnnlab::Model model = example.makeModel();
    GradientCheckPanel panel;
    QVERIFY(!panel.runButton()->isEnabled());
    panel.setModelAndData(model, example.data);
    QVERIFY(panel.runButton()->isEnabled());
    QCOMPARE(panel.checkOptions().maxElementsPerBlock, 0);

    const rnnlab::GradientCheckResult shown = runAndWait(panel);
    const rnnlab::GradientCheckResult direct = rnnlab::gradientCheck(model, example.data);
    QVERIFY(!panel.isRunning());
    QVERIFY(panel.lastResult().has_value());
    QCOMPARE(shown.loss, direct.loss);
    for (int b = 0; b < rnnlab::Parameters::BlockCount; ++b) {
      QCOMPARE(shown.maxRelativeError[b], direct.maxRelativeError[b]);  // exact doubles
      QCOMPARE(shown.checkedElements[b], direct.checkedElements[b]);
      QCOMPARE(panel.lastResult()->maxRelativeError[b], direct.maxRelativeError[b]);
      // The table shows the same number in scientific notation.
      QCOMPARE(panel.table()->item(b, ErrorColumn)->text(),
               QString::number(direct.maxRelativeError[b], 'e', 2));
      QCOMPARE(panel.table()->item(b, CheckedColumn)->text(),
               QString::number(direct.checkedElements[b]));
    }
    QCOMPARE(shown.passed(), direct.passed());
    QVERIFY(direct.passed());
    QVERIFY2(panel.verdictText().startsWith(QStringLiteral("Passed")),
             qPrintable(panel.verdictText()));
    // The panel says what to expect: the tolerance, and that errors around 1e-7 (Whh shows
    // about 9e-7 on the example) are normal for a correct implementation.
    const QString expectation = GradientCheckPanel::expectationText();
    QVERIFY2(expectation.contains(QStringLiteral("tolerance 1e-05")), qPrintable(expectation));
    QVERIFY(expectation.contains(QStringLiteral("1e-8 to 1e-6 are normal")));
    QVERIFY(expectation.contains(QStringLiteral("rounding noise")));
    QVERIFY(direct.maxRelativeError[1] > 1e-8 && direct.maxRelativeError[1] < 1e-5);
    bool shownOnPanel = false;
    for (const QLabel* label : panel.findChildren<QLabel*>()) {
      shownOnPanel = shownOnPanel || (label->text() == expectation && !label->isHidden());
    }
    QVERIFY(shownOnPanel);
  }

  // Every block of an LSTM and a GRU, named as the spec names them, with the core's errors.
  void checksEveryBlockOfTheGatedCells() {
    for (const rnnlab::CellKind cell : {rnnlab::CellKind::Lstm, rnnlab::CellKind::Gru}) {
      rnnlab::ModelConfig config{2, 3, 2};
      config.cell = cell;
      const rnnlab::Model model = rnnlab::Model::initialized(config, 3, 0.5);
      const rnnlab::SequenceData data = randomData(5, 2, 2, 4);
      GradientCheckPanel panel;
      panel.setModelAndData(model, data);
      QVERIFY(panel.runButton()->isEnabled());
      const rnnlab::GradientCheckResult shown = runAndWait(panel);
      const rnnlab::GradientCheckResult direct = rnnlab::gradientCheck(model, data);
      QCOMPARE(shown.blockCount, 6);
      const QStringList names{"W_ih", "W_hh", "b_ih", "b_hh", "Why", "by"};
      for (int b = 0; b < 6; ++b) {
        QVERIFY(!panel.table()->isRowHidden(b));
        QVERIFY2(panel.table()->item(b, 0)->text().startsWith(names[b] + QStringLiteral("  (")),
                 qPrintable(panel.table()->item(b, 0)->text()));
        QCOMPARE(panel.table()->item(b, ErrorColumn)->text(),
                 QString::number(direct.maxRelativeError[b], 'e', 2));
        QCOMPARE(panel.table()->item(b, CheckedColumn)->text(),
                 QString::number(model.params.block(b).size()));
      }
      QVERIFY(panel.table()->item(0, 0)->text().contains(
          QStringLiteral("%1×2").arg(rnnlab::gateCount(cell) * 3)));
      QVERIFY(direct.passed());
      QVERIFY(panel.verdictText().startsWith(QStringLiteral("Passed")));
    }
  }

  // A stack's rows are its blocks under their own names (a row per block of every layer and
  // direction), with the core's errors: the panel used to list only one cell's six names.
  void checksEveryBlockOfAStack() {
    rnnlab::ModelConfig config{2, 3, 2};
    config.cell = rnnlab::CellKind::Gru;
    config.layers = 2;
    config.bidirectional = true;
    const rnnlab::Model model = rnnlab::Model::initialized(config, 3, 0.5);
    const rnnlab::SequenceData data = randomData(4, 2, 2, 6);
    GradientCheckPanel panel;
    panel.setModelAndData(model, data);
    const rnnlab::GradientCheckResult shown = runAndWait(panel);
    const rnnlab::GradientCheckResult direct = rnnlab::gradientCheck(model, data);
    QCOMPARE(shown.blockCount, 18);
    for (int b = 0; b < 18; ++b) {
      QVERIFY(!panel.table()->isRowHidden(b));
      const QString name = QString::fromLatin1(model.params.blockName(b));
      QVERIFY2(panel.table()->item(b, 0)->text().startsWith(name + QStringLiteral("  (")),
               qPrintable(panel.table()->item(b, 0)->text()));
      QCOMPARE(panel.table()->item(b, ErrorColumn)->text(),
               QString::number(direct.maxRelativeError[b], 'e', 2));
    }
    QVERIFY(panel.table()->isRowHidden(18));
    QCOMPARE(panel.table()->item(6, 0)->text().section(QLatin1Char(' '), 0, 0),
             QStringLiteral("b_ih_l0_reverse"));
    QVERIFY(direct.passed());
  }

  void reportsWhatTheCliPrints() {
#ifndef RNNLAB_CLI_PATH
    QSKIP("RNNLAB_CLI_PATH is not defined (see tests/ui/CMakeLists.txt)");
#else
    const rnnlab::Session example = rnnlab::builtinExample();
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("example.rnnlab.json"));
    rnnlab::saveSession(example, path.toStdString());

    QProcess cli;
    cli.start(QStringLiteral(RNNLAB_CLI_PATH), {QStringLiteral("gradcheck"), path});
    QVERIFY2(cli.waitForFinished(CheckTimeoutMs), qPrintable(cli.errorString()));
    QCOMPARE(cli.exitStatus(), QProcess::NormalExit);
    QCOMPARE(cli.exitCode(), 0);
    const QStringList lines =
        QString::fromUtf8(cli.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), rnnlab::Parameters::BlockCount + 1);

    GradientCheckPanel panel;
    panel.setModelAndData(example.makeModel(), example.data);
    const rnnlab::GradientCheckResult shown = runAndWait(panel);

    const QRegularExpression line(QStringLiteral("^(\\w+) max relative error (\\S+)$"));
    for (int b = 0; b < rnnlab::Parameters::BlockCount; ++b) {
      const QRegularExpressionMatch match = line.match(lines[b]);
      QVERIFY2(match.hasMatch(), qPrintable(lines[b]));
      const std::string_view name = rnnlab::Parameters::BlockNames[b];
      QCOMPARE(match.captured(1), QString::fromUtf8(name.data(), static_cast<int>(name.size())));
      bool ok = false;
      const double printed = match.captured(2).toDouble(&ok);
      QVERIFY(ok);
      // Equal at the printed precision: the panel's double, rounded as the CLI rounds it.
      QCOMPARE(atCliPrecision(shown.maxRelativeError[b]), printed);
    }
    QVERIFY(lines.last().startsWith(shown.passed() ? QStringLiteral("passed")
                                                   : QStringLiteral("FAILED")));
#endif
  }

  void samplesLargeModelsAndSaysSo() {
    rnnlab::ModelConfig config;
    config.inputSize = 8;
    config.hiddenSize = 72;  // 576 + 5184 + 576 + 72 + 8 = 6416 parameters, above the limit
    config.outputSize = 8;
    const rnnlab::Model model = rnnlab::Model::initialized(config, 3, 0.1);
    const rnnlab::SequenceData data = randomData(4, 8, 8, 11);
    GradientCheckPanel panel;
    panel.setModelAndData(model, data);
    QCOMPARE(panel.checkOptions().maxElementsPerBlock, GradientCheckPanel::SampleSizePerBlock);
    QVERIFY2(panel.scopeText().contains(QStringLiteral("samples up to 200")),
             qPrintable(panel.scopeText()));

    const rnnlab::GradientCheckResult shown = runAndWait(panel);
    const rnnlab::GradientCheckResult direct =
        rnnlab::gradientCheck(model, data, panel.checkOptions());
    const std::array<rnnlab::Index, 5> expectedChecked = {200, 200, 200, 72, 8};
    for (int b = 0; b < rnnlab::Parameters::BlockCount; ++b) {
      QCOMPARE(shown.checkedElements[b], expectedChecked[b]);
      QCOMPARE(shown.maxRelativeError[b], direct.maxRelativeError[b]);
    }
    QCOMPARE(panel.table()->item(1, CheckedColumn)->text(),
             QStringLiteral("200 of %1").arg(QLocale().toString(5184)));
    QCOMPARE(panel.table()->item(3, CheckedColumn)->text(), QStringLiteral("72"));
  }

  void refusesDataThatDoesNotFitTheModel() {
    const rnnlab::Session example = rnnlab::builtinExample();
    rnnlab::SequenceData wrong = example.data;
    wrong.inputs = rnnlab::Matrix::Ones(4, 5);  // the model takes 3 inputs
    GradientCheckPanel panel;
    panel.setModelAndData(example.makeModel(), wrong);
    QVERIFY(!panel.runButton()->isEnabled());
    QVERIFY2(panel.scopeText().startsWith(QStringLiteral("Cannot check")),
             qPrintable(panel.scopeText()));
    panel.runCheck();
    QVERIFY(!panel.isRunning());
  }

  void saysWhenTheModelChangedDuringTheCheck() {
    const rnnlab::Session example = rnnlab::builtinExample();
    GradientCheckPanel panel;
    panel.setModelAndData(example.makeModel(), example.data);
    QSignalSpy spy(&panel, &GradientCheckPanel::finished);
    panel.runCheck();
    QVERIFY(panel.isRunning());
    panel.runCheck();  // ignored while running
    panel.setModelAndData(rnnlab::Model::initialized(example.model, 2, 0.5), example.data);
    QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 1, CheckTimeoutMs);
    QVERIFY2(panel.verdictText().contains(QStringLiteral("changed")),
             qPrintable(panel.verdictText()));
    // The result is the first model's.
    const rnnlab::GradientCheckResult direct =
        rnnlab::gradientCheck(example.makeModel(), example.data);
    QCOMPARE(spy.at(0).at(0).value<rnnlab::GradientCheckResult>().loss, direct.loss);
  }

  void showsTheMismatchOfTheBlogsGradient() {
    const rnnlab::Session example = rnnlab::builtinExample();
    const rnnlab::Model model = example.makeModel();
    GradientCheckPanel panel;
    panel.setModelAndData(model, example.data);
    rnnlab::BlogBugs bugs;
    bugs.hTInDwhh = true;
    panel.setBlogBugs(bugs);
    QVERIFY2(panel.scopeText().contains(QStringLiteral("the blog's bugs are on (h_t_in_dwhh)")),
             qPrintable(panel.scopeText()));
    QCOMPARE(panel.checkOptions().blogBugs, bugs);

    const rnnlab::GradientCheckResult shown = runAndWait(panel);
    rnnlab::GradientCheckOptions options;
    options.blogBugs = bugs;
    const rnnlab::GradientCheckResult direct = rnnlab::gradientCheck(model, example.data, options);
    constexpr int StatusColumn = 3;
    for (int b = 0; b < shown.blockCount; ++b) {
      QCOMPARE(shown.maxRelativeError[b], direct.maxRelativeError[b]);
      const bool isWhh = b == 1;  // only Whh's gradient uses h_(t−1)
      QCOMPARE(shown.maxRelativeError[b] > 0.1, isWhh);
      QCOMPARE(shown.maxRelativeError[b] <= rnnlab::GradientCheckResult::Tolerance, !isWhh);
      QVERIFY(panel.table()->item(b, StatusColumn)->text().startsWith(isWhh ? u'✗' : u'✓'));
    }
    QVERIFY2(panel.verdictText().startsWith(QStringLiteral("FAILED: Whh's error")),
             qPrintable(panel.verdictText()));
    QVERIFY2(panel.verdictText().contains(QStringLiteral("As it should")),
             qPrintable(panel.verdictText()));

    // Off again: the old result no longer describes what training computes, and a new check
    // passes.
    panel.setBlogBugs(rnnlab::BlogBugs{});
    QVERIFY(panel.verdictText().contains(QStringLiteral("changed")));
    QVERIFY(!panel.scopeText().contains(QStringLiteral("blog")));
    QVERIFY(runAndWait(panel).passed());
    QVERIFY(panel.verdictText().startsWith(QStringLiteral("Passed")));
  }

  void refusesTheBlogsBugsWhereTheyAreUndefined() {
    rnnlab::ModelConfig config = rnnlab::builtinExample().model;
    config.cell = rnnlab::CellKind::Lstm;
    GradientCheckPanel panel;
    panel.setModelAndData(rnnlab::Model::initialized(config, 1, 0.1),
                          rnnlab::builtinExample().data);
    QVERIFY(panel.runButton()->isEnabled());
    rnnlab::BlogBugs bugs;
    bugs.finalHiddenInBackward = true;
    panel.setBlogBugs(bugs);
    QVERIFY(!panel.runButton()->isEnabled());
    QVERIFY2(panel.scopeText().contains(QStringLiteral("training.blog_bugs[0]")),
             qPrintable(panel.scopeText()));
  }

  void canBeDestroyedMidCheck() {
    rnnlab::ModelConfig config;
    config.inputSize = 16;
    config.hiddenSize = 128;
    config.outputSize = 16;
    auto panel = std::make_unique<GradientCheckPanel>();
    panel->setModelAndData(rnnlab::Model::initialized(config, 1, 0.05), randomData(60, 16, 16, 5));
    panel->runCheck();
    QVERIFY(panel->isRunning());
    panel.reset();  // while the check runs in the pool
    QTest::qWait(20);
    // The orphaned task ends on its own; nothing may touch the destroyed panel.
    QVERIFY(QThreadPool::globalInstance()->waitForDone(CheckTimeoutMs));
    QCoreApplication::processEvents();
  }
};

QTEST_MAIN(GradientCheckPanelTest)
#include "gradient_check_panel_test.moc"
