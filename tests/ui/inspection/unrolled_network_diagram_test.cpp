// UnrolledNetworkDiagram draws one column per step from T = 1 to T = 50 (scrolling when the
// columns would be too narrow), highlights the current step and explains nodes in tooltips.

#include "inspection/unrolled_network_diagram.h"

#include <QImage>
#include <QTest>
#include <cmath>

#include "rnnlab/session.h"
#include "rnnlab/trainer.h"
#include "widgets/color_scale.h"

using rnnlab::IterationPhase;
using rnnlab::IterationTrace;
using Kind = IterationPhase::Kind;
using Row = UnrolledNetworkDiagram::Row;

namespace {

// The built-in example's shape with a sequence of `steps` smooth inputs and targets.
std::shared_ptr<const IterationTrace> traceWithSteps(int steps) {
  rnnlab::Session session = rnnlab::builtinExample();
  session.data.inputs = rnnlab::Matrix::NullaryExpr(steps, 3, [](Eigen::Index t, Eigen::Index i) {
    return std::sin(0.3 * static_cast<double>(t) + static_cast<double>(i));
  });
  session.data.targets = rnnlab::Matrix::NullaryExpr(steps, 2, [](Eigen::Index t, Eigen::Index k) {
    return std::cos(0.3 * static_cast<double>(t + k));
  });
  session.training.initScale = 0.5;
  rnnlab::Trainer trainer(session.makeModel(), session.data, session.training);
  for (int i = 0; i < 10; ++i) {
    trainer.step();
  }
  return std::make_shared<const IterationTrace>(rnnlab::traceIteration(trainer));
}

// Pixels in the diverging map's colours (saturated, unlike text, lines and background).
int colouredPixels(const QImage& image, const QRect& area) {
  int count = 0;
  const QRect inside = area.intersected(image.rect());
  for (int y = inside.top(); y <= inside.bottom(); ++y) {
    for (int x = inside.left(); x <= inside.right(); ++x) {
      count += image.pixelColor(x, y).hsvSaturation() > 40 ? 1 : 0;
    }
  }
  return count;
}

// A traced 2-layer bidirectional stack of `cell` on the built-in example's data (T = 4).
std::shared_ptr<const IterationTrace> stackTrace(rnnlab::CellKind cell) {
  rnnlab::Session session = rnnlab::builtinExample();
  session.model.cell = cell;
  session.model.layers = 2;
  session.model.bidirectional = true;
  session.model.dropout = 0.25;
  session.weights.reset();
  session.h0.reset();
  session.training.initScale = 0.5;
  rnnlab::Trainer trainer(session.makeModel(), session.data, session.training);
  trainer.step();
  return std::make_shared<const IterationTrace>(rnnlab::traceIteration(trainer));
}

// Pixels that are not the window's background (lines, arrowheads, nodes) in `area`.
int inkPixels(const QImage& image, const QRect& area, const QColor& background) {
  int count = 0;
  const QRect inside = area.intersected(image.rect());
  for (int y = inside.top(); y <= inside.bottom(); ++y) {
    for (int x = inside.left(); x <= inside.right(); ++x) {
      const QColor c = image.pixelColor(x, y);
      count += std::abs(c.red() - background.red()) + std::abs(c.green() - background.green()) +
                           std::abs(c.blue() - background.blue()) >
                       30
                   ? 1
                   : 0;
    }
  }
  return count;
}

}  // namespace

class UnrolledNetworkDiagramTest : public QObject {
  Q_OBJECT

 private slots:
  // Gated cells: each hidden node holds one strip per gate in the gate's values' colours (±1),
  // and only the LSTM has the cell-state path.
  void gatedCellsShowTheirGatesAndTheLstmItsCellPath() {
    for (const rnnlab::CellKind cell : {rnnlab::CellKind::Lstm, rnnlab::CellKind::Gru}) {
      rnnlab::Session session = rnnlab::builtinExample();
      session.model.cell = cell;
      session.weights.reset();
      session.h0.reset();
      session.training.initScale = 0.6;
      rnnlab::Trainer trainer(session.makeModel(), session.data, session.training);
      auto trace = std::make_shared<const rnnlab::IterationTrace>(rnnlab::traceIteration(trainer));
      UnrolledNetworkDiagram diagram;
      diagram.resize(900, 400);
      diagram.setTrace(trace);
      diagram.setPhase({rnnlab::IterationPhase::Kind::Update, -1});
      diagram.show();
      QVERIFY(QTest::qWaitForWindowExposed(&diagram));
      QCOMPARE(diagram.hasCellPath(), cell == rnnlab::CellKind::Lstm);
      const QImage image = diagram.grab().toImage();
      const int H = static_cast<int>(trace->forward.hiddenSize());
      for (int g = 0; g < rnnlab::gateCount(cell); ++g) {
        const QRect strip = diagram.gateRect(1, g);
        QVERIFY(!strip.isEmpty());
        // Cell u of the strip: its middle pixel.
        for (int u = 0; u < H; ++u) {
          const int x = strip.left() + (2 * u + 1) * strip.width() / (2 * H);
          QCOMPARE(image.pixelColor(x, strip.center().y()),
                   divergingColor(trace->forward.gate(g)(u, 1), 1.0));
        }
      }
    }
  }

  // A stack: L·D rows of cells per step, the top layer highest and each layer's reverse cell
  // above its forward one, between the outputs and the inputs; each drawn with its values.
  void aStackDrawsARowOfCellsPerLayerAndDirection() {
    for (const rnnlab::CellKind cell : {rnnlab::CellKind::Rnn, rnnlab::CellKind::Gru}) {
      const auto trace = stackTrace(cell);
      UnrolledNetworkDiagram diagram;
      diagram.resize(900, diagram.sizeHint().height());
      diagram.setTrace(trace);
      diagram.resize(900, diagram.sizeHint().height());
      diagram.setPhase({Kind::Update, -1});
      diagram.show();
      QVERIFY(QTest::qWaitForWindowExposed(&diagram));
      QCOMPARE(diagram.cellRowCount(), 4);
      const QImage image = diagram.grab().toImage();
      const int T = 4;
      for (int s = 0; s < T; ++s) {
        // Top to bottom: y, layer 1 ←, layer 1 →, layer 0 ←, layer 0 →, x.
        const std::vector<QRect> column{
            diagram.nodeRect(Row::Output, s), diagram.cellNodeRect(1, 1, s),
            diagram.cellNodeRect(1, 0, s),    diagram.cellNodeRect(0, 1, s),
            diagram.cellNodeRect(0, 0, s),    diagram.nodeRect(Row::Input, s)};
        for (std::size_t i = 0; i < column.size(); ++i) {
          QVERIFY(column[i].isValid());
          QVERIFY(diagram.columnRect(s).contains(column[i]));
          // Each node shows its values in colour (the inputs of step 1 are all positive).
          QVERIFY2(colouredPixels(image, column[i]) > 10, qPrintable(QString::number(i)));
          if (i > 0) {
            QVERIFY(column[i - 1].bottom() < column[i].top());  // stacked, never overlapping
          }
        }
        QCOMPARE(diagram.cellNodeRect(0, 0, s), diagram.nodeRect(Row::Hidden, s));
      }
      // Initial states: forward cells at the left (h₀), reverse cells after t = T.
      QVERIFY(diagram.cellNodeRect(1, 0, -1).isValid());
      QVERIFY(diagram.cellNodeRect(1, 1, -1).isEmpty());
      QVERIFY(diagram.cellNodeRect(1, 1, T).isValid());
      QVERIFY(diagram.cellNodeRect(1, 0, T).isEmpty());
      QVERIFY(diagram.columnRect(T).left() > diagram.columnRect(T - 1).left());
      QVERIFY(diagram.cellNodeRect(2, 0, 0).isEmpty());  // no third layer
      QVERIFY(inkPixels(image, diagram.cellNodeRect(0, 1, T),
                        diagram.palette().color(QPalette::Window)) > 0);
      QVERIFY(diagram.toolTipTextAt(diagram.cellNodeRect(1, 1, 2).center())
                  .startsWith(QStringLiteral("h_3 (layer 1 ←)")));
    }
  }

  // The reverse direction's recurrent arrows point right to left (its step t reads t + 1): the
  // arrowhead's filled triangle is at the left end. Forward arrows the other way. Once the
  // backward pass has gone back along an edge, it points the other way.
  void reverseArrowsPointRightToLeft() {
    const auto trace = stackTrace(rnnlab::CellKind::Rnn);
    UnrolledNetworkDiagram diagram;
    diagram.resize(1000, diagram.sizeHint().height());
    diagram.setTrace(trace);
    diagram.resize(1000, diagram.sizeHint().height());
    // Every cell computed, the output layer at t = 1 (the highlighted column is away from the
    // arrows measured): nothing flows back yet.
    diagram.setPhase({Kind::Forward, 0, IterationPhase::OutputLayer, 0});
    diagram.show();
    QVERIFY(QTest::qWaitForWindowExposed(&diagram));
    const QImage image = diagram.grab().toImage();
    const QColor background = diagram.palette().color(QPalette::Window);
    // Ink in a 5 × 9 box just inside each end of the arrow: the head's triangle fills more.
    const auto endInk = [&](QPointF end, QPointF other) {
      const int towards = other.x() > end.x() ? 1 : -1;
      const int x0 = static_cast<int>(std::lround(end.x())) + towards;
      const int x1 = x0 + 4 * towards;
      const QRect box(QPoint(std::min(x0, x1), static_cast<int>(end.y()) - 4),
                      QPoint(std::max(x0, x1), static_cast<int>(end.y()) + 4));
      return inkPixels(image, box, background);
    };
    for (int layer = 0; layer < 2; ++layer) {
      // Arrows between columns 2 … 4 (t = 1's column is highlighted): reverse into t = 2, 3,
      // forward into t = 3, 4.
      for (int s = 1; s < 3; ++s) {
        const QLineF reverse = diagram.recurrentArrow(layer, 1, s);
        const QLineF forward = diagram.recurrentArrow(layer, 0, s + 1);
        QVERIFY(reverse.p2().x() < reverse.p1().x());
        QVERIFY(forward.p2().x() > forward.p1().x());
        // The reverse arrow into t = s + 1 starts at node t + 1 and ends at node t.
        QVERIFY(reverse.p1().x() > diagram.cellNodeRect(layer, 1, s).right());
        QVERIFY(reverse.p2().x() < diagram.cellNodeRect(layer, 1, s + 1).left());
        const int head = endInk(reverse.p2(), reverse.p1());
        const int tail = endInk(reverse.p1(), reverse.p2());
        QVERIFY2(head > tail + 4,
                 qPrintable(QStringLiteral("head %1 tail %2").arg(head).arg(tail)));
        QVERIFY(endInk(forward.p2(), forward.p1()) > endInk(forward.p1(), forward.p2()) + 4);
      }
    }
    // Backward through layer 1's reverse cell at t = 2: it has taken t = 1 and 2 (it runs
    // t = 1 … T backwards), so those edges point right again; t = 3 not yet.
    diagram.setPhase({Kind::Backward, 1, 1, 1});
    QVERIFY(diagram.recurrentArrow(1, 1, 1).p2().x() > diagram.recurrentArrow(1, 1, 1).p1().x());
    QVERIFY(diagram.recurrentArrow(1, 1, 0).p2().x() > diagram.recurrentArrow(1, 1, 0).p1().x());
    QVERIFY(diagram.recurrentArrow(1, 1, 2).p2().x() < diagram.recurrentArrow(1, 1, 2).p1().x());
    // Layer 0 has not been reached.
    QVERIFY(diagram.recurrentArrow(0, 1, 1).p2().x() < diagram.recurrentArrow(0, 1, 1).p1().x());
  }

  // Nodes fill in in the stepper's order: at layer 0's reverse cell, t = 3, its steps T … 3 and
  // the whole forward cell are drawn, layer 1 not yet (empty outlines).
  void aStackFillsInInTheComputationsOrder() {
    const auto trace = stackTrace(rnnlab::CellKind::Rnn);
    UnrolledNetworkDiagram diagram;
    diagram.resize(900, diagram.sizeHint().height());
    diagram.setTrace(trace);
    diagram.resize(900, diagram.sizeHint().height());
    diagram.setPhase({Kind::Forward, 2, 0, 1});
    diagram.show();
    QVERIFY(QTest::qWaitForWindowExposed(&diagram));
    const QImage image = diagram.grab().toImage();
    for (int s = 0; s < 4; ++s) {
      QVERIFY(colouredPixels(image, diagram.cellNodeRect(0, 0, s)) > 10);
      QCOMPARE(colouredPixels(image, diagram.cellNodeRect(0, 1, s)) > 10, s >= 2);
      QCOMPARE(colouredPixels(image, diagram.cellNodeRect(1, 0, s)), 0);
      QCOMPARE(colouredPixels(image, diagram.nodeRect(Row::Output, s)), 0);
    }
  }

  void paintsWithoutATrace() {
    UnrolledNetworkDiagram diagram;
    diagram.resize(400, 200);
    QCOMPARE(colouredPixels(diagram.grab().toImage(), diagram.rect()), 0);  // no nodes
    QCOMPARE(diagram.highlightedStep(), -1);
    QVERIFY(diagram.columnRect(0).isEmpty());
  }

  void oneStepFitsWithoutScrolling() {
    UnrolledNetworkDiagram diagram;
    diagram.resize(600, diagram.sizeHint().height());
    diagram.setTrace(traceWithSteps(1));
    for (const IterationPhase& phase : rnnlab::iterationPhases(1)) {
      diagram.setPhase(phase);
      // x_1, h_0, h_1 and y_1 are drawn as coloured cells in every phase.
      const QImage image = diagram.grab().toImage();
      QVERIFY(colouredPixels(image, diagram.nodeRect(Row::Hidden, 0)) > 10);
      QVERIFY(colouredPixels(image, diagram.nodeRect(Row::Input, 0)) > 10);
    }
    QVERIFY(!diagram.isScrollable());
    diagram.setPhase({Kind::Forward, 0});
    QCOMPARE(diagram.highlightedStep(), 0);
    QVERIFY(diagram.nodeRect(Row::Hidden, -1).isValid());  // h0
    QVERIFY(diagram.nodeRect(Row::Input, -1).isEmpty());   // no x0
    QVERIFY(diagram.toolTipTextAt(diagram.nodeRect(Row::Hidden, 0).center()).startsWith("h_1"));
    QVERIFY(diagram.toolTipTextAt(diagram.nodeRect(Row::Input, 0).center()).startsWith("x_1"));
    QVERIFY(diagram.toolTipTextAt(diagram.nodeRect(Row::Hidden, -1).center()).startsWith("h_0"));
  }

  void fiftyStepsScrollToTheCurrentStep() {
    UnrolledNetworkDiagram diagram;
    diagram.resize(800, diagram.sizeHint().height());
    diagram.setTrace(traceWithSteps(50));
    QVERIFY(diagram.isScrollable());
    QCOMPARE(diagram.columnWidth(), UnrolledNetworkDiagram::MinimumColumnWidth);
    for (const IterationPhase& phase : rnnlab::iterationPhases(50)) {
      diagram.setPhase(phase);
      if (phase.kind == Kind::Forward || phase.kind == Kind::Backward) {
        QCOMPARE(diagram.highlightedStep(), static_cast<int>(phase.step));
        // The current column is scrolled into view.
        QVERIFY(diagram.rect().contains(diagram.columnRect(diagram.highlightedStep())));
      } else {
        QCOMPARE(diagram.highlightedStep(), -1);
      }
    }
    diagram.setPhase({Kind::Backward, 30});
    // The scrolled-to column is painted: its hidden node's cells are on screen.
    QVERIFY(colouredPixels(diagram.grab().toImage(), diagram.nodeRect(Row::Hidden, 30)) > 10);
    // Gradients have reached t = 31 (shown in the tooltip), not yet t = 30.
    QVERIFY(diagram.toolTipTextAt(diagram.nodeRect(Row::Hidden, 30).center()).contains("δh_31"));
    QVERIFY(!diagram.toolTipTextAt(diagram.nodeRect(Row::Hidden, 29).center()).contains("δh"));
  }

  void highlightsTheCurrentColumn() {
    UnrolledNetworkDiagram diagram;
    diagram.resize(700, diagram.sizeHint().height());
    diagram.setTrace(traceWithSteps(4));
    diagram.setPhase({Kind::Backward, 2});
    const QImage image = diagram.grab().toImage();
    // Sample the background beside the nodes (inside the column's padding), halfway between
    // the output and hidden rows, in the highlighted column and in its neighbour.
    const auto sample = [&](int step) {
      const QRect column = diagram.columnRect(step);
      const int y = (diagram.nodeRect(Row::Output, step).bottom() +
                     diagram.nodeRect(Row::Hidden, step).top()) /
                    2;
      return image.pixelColor(column.left() + 2, y);
    };
    QVERIFY(sample(2) != sample(1));
    QCOMPARE(sample(1), sample(3));
    QCOMPARE(sample(1), diagram.palette().color(QPalette::Window));
  }
};

QTEST_MAIN(UnrolledNetworkDiagramTest)
#include "unrolled_network_diagram_test.moc"
