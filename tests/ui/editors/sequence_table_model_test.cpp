// SequenceTableModel keeps the typed text, reports bad cells, edits through the undo stack, and
// numbers in narrow columns keep their significant digits.

#include "editors/sequence_table_model.h"

#include <QSignalSpy>
#include <QStyleOptionViewItem>
#include <QTableView>
#include <QUndoStack>
#include <QtTest>

#include "editors/number_cell_delegate.h"
#include "editors/replace_sequence_command.h"

class SequenceTableModelTest : public QObject {
  Q_OBJECT

 private slots:
  void showsTheTypedTextAndFlagsBadCells() {
    SequenceTableModel model(QStringLiteral("inputs"), QStringLiteral("x"));
    model.setCells({{"1", "0.5"}, {"abc", ""}}, 2);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.columnCount(), 2);
    QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), QStringLiteral("x2"));
    QCOMPARE(model.headerData(1, Qt::Vertical).toString(), QStringLiteral("t=2"));
    QCOMPARE(model.index(0, 1).data().toString(), QStringLiteral("0.5"));
    QCOMPARE(model.index(1, 0).data(Qt::ToolTipRole).toString(),
             QStringLiteral("not a number: 'abc'"));
    QCOMPARE(model.index(1, 1).data(Qt::ToolTipRole).toString(),
             QStringLiteral("empty: enter a number"));
    QVERIFY(model.index(1, 0).data(Qt::BackgroundRole).isValid());
    QVERIFY(!model.index(0, 0).data(Qt::BackgroundRole).isValid());
    QCOMPARE(model.invalidCellCount(), 2);
    QCOMPARE(model.firstInvalidCell(), (std::optional<std::pair<int, int>>{{1, 0}}));
    QVERIFY(!model.toMatrix().has_value());
    QCOMPARE(SequenceTableModel::problemWith(QStringLiteral("inf")),
             QStringLiteral("not a finite number: 'inf'"));
    // Written right but beyond a double: out of range, not "not a number".
    QCOMPARE(SequenceTableModel::problemWith(QStringLiteral("1e400")),
             QStringLiteral("out of range: '1e400' (a number must lie within ±1.8e308)"));
    QCOMPARE(SequenceTableModel::problemWith(QStringLiteral("-2e999")),
             QStringLiteral("out of range: '-2e999' (a number must lie within ±1.8e308)"));
    QCOMPARE(SequenceTableModel::problemWith(QStringLiteral("1e400x")),
             QStringLiteral("not a number: '1e400x'"));
  }

  void aValidCellsTooltipIsItsFullValue() {
    SequenceTableModel model(QStringLiteral("inputs"), QStringLiteral("x"));
    model.setCells({{"0.51142857"}}, 1);
    QCOMPARE(model.index(0, 0).data(Qt::ToolTipRole).toString(), QStringLiteral("0.51142857"));
    const rnnlab::Matrix m = *model.toMatrix();
    QCOMPARE(m(0, 0), 0.51142857);
  }

  void lastModeLabelsItsSingleRowWithTheLastStep() {
    SequenceTableModel model(QStringLiteral("targets"), QStringLiteral("d"));
    model.setCells({{"1"}}, 1);
    QSignalSpy spy(&model, &QAbstractItemModel::headerDataChanged);
    model.setFirstRowStep(4);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(model.headerData(0, Qt::Vertical).toString(), QStringLiteral("t=4"));
    QCOMPARE(model.headerData(0, Qt::Vertical, Qt::ToolTipRole).toString(),
             QStringLiteral("time step t = 4"));
  }

  void editsGoThroughTheUndoStack() {
    SequenceTableModel model(QStringLiteral("inputs"), QStringLiteral("x"));
    model.setCells({{"1", "2"}}, 2);
    QUndoStack stack;
    model.setUndoStack(&stack);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QVERIFY(model.setData(model.index(0, 1), QStringLiteral(" 3.5 ")));  // trimmed
    QCOMPARE(model.cellText(0, 1), QStringLiteral("3.5"));
    QCOMPARE(stack.count(), 1);
    QCOMPARE(stack.undoText(), QStringLiteral("Edit inputs cell (t=1, column 2)"));
    QCOMPARE(changed.count(), 1);
    QVERIFY(!model.setData(model.index(0, 1), QStringLiteral("3.5")));  // no change, no command
    QCOMPARE(stack.count(), 1);
    stack.undo();
    QCOMPARE(model.cellText(0, 1), QStringLiteral("2"));
    stack.redo();
    QCOMPARE(model.cellText(0, 1), QStringLiteral("3.5"));
    model.setUndoStack(nullptr);  // direct edits
    QVERIFY(model.setData(model.index(0, 0), QStringLiteral("7")));
    QCOMPARE(stack.count(), 1);
    QCOMPARE(model.cellText(0, 0), QStringLiteral("7"));
  }

  void replaceCommandSwapsBothTables() {
    SequenceTableModel inputs(QStringLiteral("inputs"), QStringLiteral("x"));
    SequenceTableModel targets(QStringLiteral("targets"), QStringLiteral("d"));
    inputs.setCells({{"1"}}, 1);
    targets.setCells({{"2"}}, 1);
    const auto before = ReplaceSequenceCommand::capture(inputs, targets);
    ReplaceSequenceCommand::Tables after{{{"1"}, {"3"}}, 1, {{"2"}, {"4"}}, 1};
    QUndoStack stack;
    stack.push(
        new ReplaceSequenceCommand(QStringLiteral("Add step"), &inputs, &targets, before, after));
    QCOMPARE(inputs.rowCount(), 2);
    QCOMPARE(targets.cellText(1, 0), QStringLiteral("4"));
    stack.undo();
    QCOMPARE(inputs.rowCount(), 1);
    QCOMPARE(targets.cellText(0, 0), QStringLiteral("2"));
  }

  void narrowCellsKeepSignificantDigits() {
    QWidget widget;
    const QFontMetrics metrics = widget.fontMetrics();
    const QString text = QStringLiteral("0.51142857");
    // Wide enough: the typed text.
    QCOMPARE(NumberCellDelegate::fittingText(text, metrics, metrics.horizontalAdvance(text)), text);
    // Room for "0.511": that, never "0...." (which reads as zero).
    const int width = metrics.horizontalAdvance(QStringLiteral("0.511"));
    QCOMPARE(NumberCellDelegate::fittingText(text, metrics, width), QStringLiteral("0.511"));
    QCOMPARE(NumberCellDelegate::fittingText(QStringLiteral("-0.51142857"), metrics,
                                             metrics.horizontalAdvance(QStringLiteral("-0.51"))),
             QStringLiteral("-0.51"));
    // Large values switch to exponent form when that is what fits.
    QCOMPARE(NumberCellDelegate::fittingText(QStringLiteral("123456789"), metrics,
                                             metrics.horizontalAdvance(QStringLiteral("1.2e+08"))),
             QStringLiteral("1.2e+08"));
    // Not even one digit fits: the leading zero goes before any digit does.
    QCOMPARE(NumberCellDelegate::fittingText(QStringLiteral("-0.0612"), metrics,
                                             metrics.horizontalAdvance(QStringLiteral("-.06"))),
             QStringLiteral("-.06"));
    // Not a number: left for Qt to elide.
    QCOMPARE(NumberCellDelegate::fittingText(QStringLiteral("abcdefgh"), metrics, 5),
             QStringLiteral("abcdefgh"));
  }

  void aNarrowColumnPaintsTheShortenedNumber() {
    SequenceTableModel model(QStringLiteral("inputs"), QStringLiteral("x"));
    model.setCells({{"0.51142857"}}, 1);
    QTableView view;
    view.setModel(&model);
    auto* delegate = new NumberCellDelegate(&view);
    view.setItemDelegate(delegate);
    view.setColumnWidth(0, view.fontMetrics().horizontalAdvance(QStringLiteral("0.5114")) + 8);
    view.resize(200, 100);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    // What the delegate hands the style to draw for the cell.
    struct Probe : NumberCellDelegate {
      using NumberCellDelegate::initStyleOption;
      using NumberCellDelegate::NumberCellDelegate;
    } probe;
    QStyleOptionViewItem option;
    option.initFrom(view.viewport());
    option.rect = view.visualRect(model.index(0, 0));
    option.widget = &view;
    probe.initStyleOption(&option, model.index(0, 0));
    QVERIFY2(option.text.startsWith(QStringLiteral("0.51")), qPrintable(option.text));
    QVERIFY(!option.text.contains(QStringLiteral("…")) && !option.text.contains("..."));
    QVERIFY(option.fontMetrics.horizontalAdvance(option.text) <= option.rect.width());
  }
};

QTEST_MAIN(SequenceTableModelTest)
#include "sequence_table_model_test.moc"
