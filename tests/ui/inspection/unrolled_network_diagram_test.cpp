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
