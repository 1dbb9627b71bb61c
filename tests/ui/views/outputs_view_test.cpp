// OutputsView lists y and d per step, colours by the core's δy and marks steps without targets.

#include "views/outputs_view.h"

#include <QBrush>
#include <QLabel>
#include <QTableView>
#include <QTest>

#include "views/outputs_table_model.h"
#include "widgets/color_scale.h"

namespace {

rnnlab::ForwardPass makePass(bool last, bool crossEntropy) {
  rnnlab::ForwardPass pass;
  pass.outputs = rnnlab::Matrix(2, 3);
  pass.outputs << 0.2, 0.9, -0.5,  //
      0.7, 0.1, 1.5;
  pass.targets = last ? rnnlab::Matrix(2, 1) : rnnlab::Matrix(2, 3);
  pass.targets.setZero();
  pass.targets(0, pass.targets.cols() - 1) = 1.0;
  if (crossEntropy) {
    pass.probabilities = rnnlab::Matrix::Constant(2, 3, 0.5);
  }
  pass.outputGrad = rnnlab::Matrix::Zero(2, 3);
  pass.outputGrad(0, 2) = -0.75;
  pass.stepLoss = rnnlab::Vector::Zero(3);
  pass.stepLoss(2) = 0.3;
  pass.loss = 0.3;
  return pass;
}

}  // namespace

class OutputsViewTest : public QObject {
  Q_OBJECT

 private slots:
  void sequenceMse() {
    OutputsView view;
    view.setForwardPass(makePass(false, false), rnnlab::OutputMode::Sequence,
                        rnnlab::LossKind::Mse);
    const OutputsTableModel* model = view.model();
    QCOMPARE(model->rowCount(), 3);
    QCOMPARE(model->columnCount(), 5);  // y1 d1 y2 d2 loss
    QCOMPARE(model->headerData(0, Qt::Horizontal, Qt::DisplayRole).toString(),
             QStringLiteral("y₁"));
    QCOMPARE(model->index(0, 1).data().toString(), QStringLiteral("0.0000"));
    const QBrush brush = model->index(2, 0).data(Qt::BackgroundRole).value<QBrush>();
    QCOMPARE(brush.color(), divergingColor(-0.75, model->errorScale()));
    // The table paints that colour, and the caption states the loss.
    view.resize(500, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    auto* table = view.findChild<QTableView*>();
    QVERIFY(table != nullptr);
    const QImage cells = table->viewport()->grab().toImage();
    const QRect cell = table->visualRect(model->index(2, 0));
    QCOMPARE(cells.pixelColor(cell.left() + 3, cell.center().y()), brush.color());
    auto* caption = view.findChild<QLabel*>();
    QVERIFY(caption != nullptr);
    QVERIFY2(caption->text().contains(QStringLiteral("loss L = 0.3")), qPrintable(caption->text()));
  }

  void lastModeCrossEntropy() {
    OutputsView view;
    view.setForwardPass(makePass(true, true), rnnlab::OutputMode::Last,
                        rnnlab::LossKind::CrossEntropy);
    const OutputsTableModel* model = view.model();
    QCOMPARE(model->columnCount(), 7);  // y1 p1 d1 y2 p2 d2 loss
    QCOMPARE(model->headerData(1, Qt::Horizontal, Qt::DisplayRole).toString(),
             QStringLiteral("p₁"));
    QCOMPARE(model->index(0, 2).data().toString(), QStringLiteral("—"));  // no target at t=1
    QCOMPARE(model->index(2, 2).data().toString(), QStringLiteral("1.0000"));
    // The probability, not the raw output, carries the error colour.
    QVERIFY(model->index(2, 1).data(Qt::BackgroundRole).isValid());
    QVERIFY(!model->index(2, 0).data(Qt::BackgroundRole).isValid());
  }

  // With characters: rows say the character read; the leading columns give the most likely next
  // character with its probability (green when it is the target) and the target character; the
  // units' columns are named by character.
  void charactersLabelTheTable() {
    rnnlab::ForwardPass pass;
    pass.inputs = rnnlab::Matrix::Zero(3, 2);
    pass.inputs(0, 0) = 1.0;  // "a" then "c"
    pass.inputs(2, 1) = 1.0;
    pass.targets = rnnlab::Matrix::Zero(3, 2);
    pass.targets(2, 0) = 1.0;  // "c" then "b"
    pass.targets(1, 1) = 1.0;
    pass.outputs = rnnlab::Matrix::Zero(3, 2);
    pass.probabilities = rnnlab::Matrix(3, 2);
    pass.probabilities << 0.1, 0.2,  //
        0.2, 0.3,                    //
        0.7, 0.5;
    pass.outputGrad = pass.probabilities - pass.targets;
    pass.stepLoss = rnnlab::Vector::Constant(2, 0.5);
    OutputsView view;
    view.setForwardPass(pass, rnnlab::OutputMode::Sequence, rnnlab::LossKind::CrossEntropy);
    OutputsTableModel* model = view.model();
    QCOMPARE(model->columnCount(), 3 * 3 + 1);
    const QString lossText = model->data(model->index(1, 3 * 3), Qt::DisplayRole).toString();
    const QString lossHeader = model->headerData(3 * 3, Qt::Horizontal, Qt::DisplayRole).toString();
    QVERIFY(!lossText.isEmpty());
    view.setCharacters({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")});
    // Likeliest, target and the step's loss lead (the loss is not 3·V columns away); the
    // units follow and nothing trails.
    QCOMPARE(model->columnCount(), 3 + 3 * 3);
    QCOMPARE(model->data(model->index(1, 2), Qt::DisplayRole).toString(), lossText);
    QCOMPARE(model->headerData(2, Qt::Horizontal, Qt::DisplayRole).toString(), lossHeader);
    QCOMPARE(model->headerData(0, Qt::Vertical, Qt::DisplayRole).toString(),
             QStringLiteral("t=1 a"));
    QCOMPARE(model->headerData(1, Qt::Vertical, Qt::DisplayRole).toString(),
             QStringLiteral("t=2 c"));
    QCOMPARE(model->data(model->index(0, 0), Qt::DisplayRole).toString(),
             QStringLiteral("c  70.0%"));
    QCOMPARE(model->data(model->index(1, 0), Qt::DisplayRole).toString(),
             QStringLiteral("c  50.0%"));
    QCOMPARE(model->data(model->index(0, 1), Qt::DisplayRole).toString(), QStringLiteral("c"));
    QCOMPARE(model->data(model->index(1, 1), Qt::DisplayRole).toString(), QStringLiteral("b"));
    const QColor right =
        model->data(model->index(0, 0), Qt::BackgroundRole).value<QBrush>().color();
    const QColor wrong =
        model->data(model->index(1, 0), Qt::BackgroundRole).value<QBrush>().color();
    QVERIFY(right.green() > right.red());
    QVERIFY(wrong.red() > wrong.green());
    QCOMPARE(model->headerData(3, Qt::Horizontal, Qt::DisplayRole).toString(),
             QStringLiteral("y(a)"));
    QCOMPARE(model->headerData(3 + 3 * 2 + 1, Qt::Horizontal, Qt::DisplayRole).toString(),
             QStringLiteral("p(c)"));
    // The probability cells are still where they were, after the three leading columns.
    QCOMPARE(model->data(model->index(0, 3 + 3 * 2 + 1), Qt::DisplayRole).toString(),
             QStringLiteral("0.7000"));
  }

  void emptyPass() {
    OutputsView view;
    view.setForwardPass(rnnlab::ForwardPass(), rnnlab::OutputMode::Sequence, rnnlab::LossKind::Mse);
    QCOMPARE(view.model()->rowCount(), 0);
    auto* caption = view.findChild<QLabel*>();
    QVERIFY(caption != nullptr);
    QCOMPARE(caption->text(), QStringLiteral("Outputs: no forward pass yet"));
  }
};

QTEST_MAIN(OutputsViewTest)
#include "outputs_view_test.moc"
