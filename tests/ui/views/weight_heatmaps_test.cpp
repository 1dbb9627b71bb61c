// WeightHeatmaps puts all five blocks on one colour scale and toggles to the gradients.

#include "views/weight_heatmaps.h"

#include <QSignalSpy>
#include <QTest>
#include <algorithm>
#include <cmath>
#include <memory>

#include "widgets/color_scale.h"
#include "widgets/heatmap_widget.h"

namespace {

rnnlab::Parameters filled(double value, double biggest) {
  rnnlab::Parameters p = rnnlab::Parameters::zeros(rnnlab::ModelConfig{3, 4, 2});
  p.Wxh() = rnnlab::Matrix::Constant(4, 3, value);
  p.Whh() = rnnlab::Matrix::Constant(4, 4, value);
  p.Why() = rnnlab::Matrix::Constant(2, 4, value);
  p.bh() = rnnlab::Vector::Constant(4, value);
  p.by() = rnnlab::Vector::Constant(2, value);
  p.by()(1) = -biggest;  // the largest magnitude sits in the smallest block
  return p;
}

}  // namespace

class WeightHeatmapsTest : public QObject {
  Q_OBJECT

 private slots:
  void oneScaleForAllFive() {
    WeightHeatmaps view;
    view.setParameters(filled(0.1, 2.5), filled(0.01, 0.05));
    QCOMPARE(view.sharedScale(), 2.5);
    for (int block = 0; block < rnnlab::Parameters::BlockCount; ++block) {
      QCOMPARE(view.heatmap(block)->scale(), 2.5);
    }
    QCOMPARE(view.heatmap(0)->matrix().rows(), 4);
    QCOMPARE(view.heatmap(3)->matrix().cols(), 1);  // bh as a column
  }

  void toggleShowsGradients() {
    WeightHeatmaps view;
    view.setParameters(filled(0.1, 2.5), filled(0.01, 0.05));
    QSignalSpy spy(&view, &WeightHeatmaps::showGradientsChanged);
    view.setShowGradients(true);
    QVERIFY(view.showGradients());
    QCOMPARE(spy.size(), 1);
    QCOMPARE(view.sharedScale(), 0.05);
    QCOMPARE(view.heatmap(0)->matrix()(0, 0), 0.01);
    view.setShowGradients(true);  // no change, no signal
    QCOMPARE(spy.size(), 1);
  }

  void emptyGradientsDoNotCrash() {
    WeightHeatmaps view;
    view.setParameters(filled(0.1, 1.0), rnnlab::Gradients());
    view.setShowGradients(true);
    view.resize(700, 400);
    QCOMPARE(view.heatmap(0)->matrix().size(), 0);
    // Without gradients the blocks show no cells (only "no data"); the caption says gradients.
    const QImage image = view.heatmap(0)->grab().toImage();
    int coloured = 0;
    for (int y = 0; y < image.height(); ++y) {
      for (int x = 0; x < image.width() * 2 / 3; ++x) {  // left of the block's own legend
        coloured += image.pixelColor(x, y).hsvSaturation() > 40 ? 1 : 0;
      }
    }
    QCOMPARE(coloured, 0);
  }

  void cellsShowTheirValueOnTheSharedScale() {
    WeightHeatmaps view;
    view.resize(700, 450);
    view.setParameters(filled(0.1, 2.5), filled(0.01, 0.05));
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    for (int block = 0; block < rnnlab::Parameters::BlockCount; ++block) {
      HeatmapWidget* heatmap = view.heatmap(block);
      const QImage image = heatmap->grab().toImage();
      const rnnlab::Matrix& m = heatmap->matrix();
      QCOMPARE(image.pixelColor(heatmap->cellRect(0, 0).topLeft() + QPoint(1, 1)),
               divergingColor(m(0, 0), 2.5));
    }
    // by(1) is the largest magnitude, −2.5: full blue.
    HeatmapWidget* by = view.heatmap(rnnlab::Parameters::BlockCount - 1);
    QCOMPARE(by->grab().toImage().pixelColor(by->cellRect(1, 0).topLeft() + QPoint(1, 1)),
             divergingColor(-1.0, 1.0));
  }

  // The tanh cell's blocks keep their names, shapes and axis labels.
  void theTanhCellsBlocksAreLabelledAsBefore() {
    WeightHeatmaps view;
    view.setParameters(filled(0.1, 2.5), filled(0.01, 0.05));
    QVERIFY(view.heatmap(2)->rowLabels().value(0) == QStringLiteral("y1"));  // Why: O rows
    QVERIFY(view.heatmap(3)->rowLabels().value(0) == QStringLiteral("h1"));  // bh: H rows
    QVERIFY(view.heatmap(4)->rowLabels().value(0) == QStringLiteral("y1"));  // by: O rows
    QVERIFY(view.heatmap(0)->rowLabels().value(3) == QStringLiteral("h4"));
    QVERIFY(view.heatmap(0)->rowSeparators().isEmpty());
    QVERIFY(view.heatmap(5)->isHidden());
  }

  // A one-hot vocabulary labels W_xh's columns and W_hy's rows (and b_y's) with characters; the
  // labels go back to x1.. and y1.. when the characters go, and a list of the wrong length is
  // not forced onto the units.
  void characterSessionsLabelInputsAndOutputsWithCharacters() {
    rnnlab::Parameters p = rnnlab::Parameters::zeros(rnnlab::ModelConfig{4, 8, 4});
    WeightHeatmaps view;
    view.setCharacters({"h", "e", "l", "o"});
    view.setParameters(p, rnnlab::Gradients());
    QCOMPARE(view.heatmap(0)->columnLabels(), QStringList({"h", "e", "l", "o"}));  // Wxh
    QCOMPARE(view.heatmap(2)->rowLabels(), QStringList({"h", "e", "l", "o"}));     // Why
    QCOMPARE(view.heatmap(4)->rowLabels(), QStringList({"h", "e", "l", "o"}));     // by
    QCOMPARE(view.heatmap(1)->columnLabels().value(0), QStringLiteral("h1"));      // Whh
    view.setCharacters({});
    view.setParameters(p, rnnlab::Gradients());
    QCOMPARE(view.heatmap(0)->columnLabels().value(1), QStringLiteral("x2"));
    QCOMPARE(view.heatmap(2)->rowLabels().value(3), QStringLiteral("y4"));
    view.setCharacters({"a", "b"});
    view.setParameters(p, rnnlab::Gradients());
    QCOMPARE(view.heatmap(0)->columnLabels().value(1), QStringLiteral("x2"));
  }

  // A gated cell shows its six blocks; the gate-stacked ones are cut into gate blocks by lines
  // between the gates' rows and labelled by gate, and each cell's colour is its weight's.
  void gatedCellsShowSixBlocksWithTheirGates() {
    for (const rnnlab::CellKind cell : {rnnlab::CellKind::Lstm, rnnlab::CellKind::Gru}) {
      rnnlab::ModelConfig config{2, 3, 1};
      config.cell = cell;
      const int G = rnnlab::gateCount(cell);
      const rnnlab::Model model = rnnlab::Model::initialized(config, 4, 0.5);
      WeightHeatmaps view;
      view.resize(900, 600);
      view.setParameters(model.params, rnnlab::Gradients());
      view.show();
      QVERIFY(QTest::qWaitForWindowExposed(&view));
      QVERIFY(view.heatmap(5)->isVisible());
      const QStringList names = cell == rnnlab::CellKind::Lstm ? QStringList{"i", "f", "g", "o"}
                                                               : QStringList{"r", "z", "n"};
      for (int block = 0; block < 6; ++block) {
        HeatmapWidget* heatmap = view.heatmap(block);
        QCOMPARE(heatmap->matrix(), model.params.block(block));
        QCOMPARE(heatmap->scale(), view.sharedScale());
        const bool stacked = block < 4;
        QCOMPARE(heatmap->rowSeparators().size(), stacked ? G - 1 : 0);
        if (stacked) {
          QCOMPARE(heatmap->rowSeparators().front(), 3);
          // The first row of each gate block is labelled with the gate's name.
          const QImage image = heatmap->grab().toImage();
          for (int g = 0; g < G; ++g) {
            const QRect r = heatmap->cellRect(g * 3, 0);
            QCOMPARE(image.pixelColor(r.bottomLeft() + QPoint(2, -1)),
                     divergingColor(model.params.block(block)(g * 3, 0), view.sharedScale()));
          }
        }
      }
      QVERIFY(view.heatmap(0)
                  ->toolTipTextAt(view.heatmap(0)->cellRect(3, 0).center())
                  .contains(names[1] + QStringLiteral("1")));
    }
  }

  // What-if editing listens to this signal instead of filtering the heatmaps' mouse events.
  void doubleClickReportsTheBlockAndCell() {
    WeightHeatmaps view;
    view.resize(700, 450);
    view.setParameters(filled(0.1, 2.5), filled(0.01, 0.05));
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy spy(&view, &WeightHeatmaps::cellDoubleClicked);
    HeatmapWidget* whh = view.heatmap(1);
    QTest::mouseDClick(whh, Qt::LeftButton, Qt::NoModifier, whh->cellRect(2, 3).center());
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toInt(), 1);
    QCOMPARE(spy.at(0).at(1).toInt(), 2);
    QCOMPARE(spy.at(0).at(2).toInt(), 3);
    // Outside the matrix (the title margin) nothing is reported.
    QTest::mouseDClick(whh, Qt::LeftButton, Qt::NoModifier, QPoint(1, 1));
    QCOMPARE(spy.count(), 1);
  }

  void helloLabelsEveryInputColumnWhereThereIsRoom() {
    // The hello preset's shapes (H = 8, I = O = 4) in a small dock: the shared cells are
    // narrower than "x1", but Wxh has the width to show every input's label.
    rnnlab::Parameters p = rnnlab::Parameters::zeros(rnnlab::ModelConfig{4, 8, 4});
    p.Wxh().setConstant(0.1);
    p.Whh().setConstant(0.1);
    p.Why().setConstant(0.1);
    p.bh().setConstant(0.1);
    p.by().setConstant(0.1);
    WeightHeatmaps view;
    view.resize(500, 330);
    view.setParameters(p, rnnlab::Gradients());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    HeatmapWidget* wxh = view.heatmap(0);
    QCOMPARE(wxh->columnLabelStep(), 1);
    QVERIFY(wxh->cellRect(0, 0).width() >= wxh->fontMetrics().horizontalAdvance("x1"));
    // Text under every column: dark pixels in the label row below each cell.
    const QImage image = wxh->grab().toImage();
    const int labelTop = wxh->cellRect(7, 0).bottom() + 3;
    for (int c = 0; c < 4; ++c) {
      const QRect cell = wxh->cellRect(7, c);
      int dark = 0;
      for (int y = labelTop; y < labelTop + wxh->fontMetrics().height(); ++y) {
        for (int x = cell.left(); x <= cell.right(); ++x) {
          dark += image.pixelColor(x, y).lightness() < 100 ? 1 : 0;
        }
      }
      QVERIFY2(dark > 5, qPrintable(QStringLiteral("no label under column %1").arg(c + 1)));
    }
  }

  // Millions of weights: pooled on a worker thread from the shared parameters (no copy), then
  // shown exactly as the heatmaps would draw them themselves; newer parameters win over a
  // preparation still under way.
  void largeParametersArePreparedOffTheGuiThread() {
    rnnlab::Parameters big = rnnlab::Parameters::zeros(rnnlab::ModelConfig{3, 1100, 2});
    for (int block = 0; block < big.blockCount(); ++block) {
      rnnlab::Matrix& m = big.block(block);
      for (Eigen::Index c = 0; c < m.cols(); ++c) {
        for (Eigen::Index r = 0; r < m.rows(); ++r) {
          m(r, c) = std::sin(0.11 * static_cast<double>(r) - 0.7 * static_cast<double>(c + block));
        }
      }
    }
    big.Whh()(1099, 3) = -4.5;
    auto weights = std::make_shared<const rnnlab::Parameters>(big);
    auto gradients = std::make_shared<const rnnlab::Gradients>();
    WeightHeatmaps view;
    QSignalSpy prepared(&view, &WeightHeatmaps::prepared);
    view.setParameters(weights, gradients);
    QVERIFY(view.isPreparing());
    QVERIFY(prepared.wait(10000));
    QVERIFY(!view.isPreparing());
    QCOMPARE(view.sharedScale(), 4.5);
    for (int block = 0; block < big.blockCount(); ++block) {
      HeatmapWidget* heatmap = view.heatmap(block);
      QCOMPARE(heatmap->matrix().data(), weights->block(block).data());
      QCOMPARE(heatmap->scale(), 4.5);
      HeatmapWidget alone;
      alone.setMatrix(big.block(block), 4.5);
      QCOMPARE(heatmap->imageBlock(), alone.imageBlock());
      QCOMPARE(heatmap->image(), alone.image());
    }
    QCOMPARE(view.heatmap(1)->imageBlock(), QSize(3, 3));
    QVERIFY(view.takeBackgroundCpuMs() > 0.0);
    QCOMPARE(view.takeBackgroundCpuMs(), 0.0);

    // Large, then small at once: the small ones show now and stay.
    view.setParameters(std::make_shared<const rnnlab::Parameters>(big), gradients);
    view.setParameters(filled(0.1, 2.5), filled(0.01, 0.05));
    QCOMPARE(view.sharedScale(), 2.5);
    QTRY_VERIFY(!view.isPreparing());
    QTest::qWait(50);
    QCOMPARE(view.sharedScale(), 2.5);
    QCOMPARE(view.heatmap(1)->matrix().rows(), 4);
  }
  // A stack shows a row per cell in the computation's order (l0, l0_reverse, l1, l1_reverse),
  // each block under its own name and values, the output layer last, and nothing unplaced.
  void stacksShowEveryLayersBlocksGroupedByCell() {
    rnnlab::ModelConfig config{3, 4, 2};
    config.cell = rnnlab::CellKind::Lstm;
    config.layers = 2;
    config.bidirectional = true;
    const rnnlab::Model model = rnnlab::Model::initialized(config, 7, 0.5);
    WeightHeatmaps view;
    view.resize(1000, 800);
    view.setParameters(model.params, rnnlab::Gradients());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const std::vector<WeightBlockPlace>& places = view.places();
    QCOMPARE(static_cast<int>(places.size()), 18);
    const QStringList expectedRows[] = {
        {"W_ih_l0", "W_hh_l0", "b_ih_l0", "b_hh_l0"},
        {"W_ih_l0_reverse", "W_hh_l0_reverse", "b_ih_l0_reverse", "b_hh_l0_reverse"},
        {"W_ih_l1", "W_hh_l1", "b_ih_l1", "b_hh_l1"},
        {"W_ih_l1_reverse", "W_hh_l1_reverse", "b_ih_l1_reverse", "b_hh_l1_reverse"},
        {"Why", "by"}};
    QList<int> seen;
    for (const WeightBlockPlace& place : places) {
      const QStringList& row = expectedRows[place.row];
      const QString expected = row.value(row.size() == 2 ? place.column - 1 : place.column);
      HeatmapWidget* heatmap = view.heatmap(place.block);
      QVERIFY2(heatmap->title().startsWith(expected + QStringLiteral(" (")),
               qPrintable(heatmap->title()));
      QCOMPARE(heatmap->matrix(), model.params.block(place.block));
      QVERIFY(heatmap->isVisible());
      seen << place.block;
    }
    std::sort(seen.begin(), seen.end());
    for (int block = 0; block < rnnlab::Parameters::MaxBlockCount; ++block) {
      QCOMPARE(view.heatmap(block)->isVisible(), seen.contains(block));
    }
    // Layer 1 reads both directions of layer 0: its columns say which.
    HeatmapWidget* wih1 = view.heatmap(model.params.blockIndex("W_ih_l1"));
    QCOMPARE(wih1->title(), QStringLiteral("W_ih_l1 (4·H×2·H = 16×8)"));
    QCOMPARE(wih1->columnLabels().value(0), QStringLiteral("→h1"));
    QCOMPARE(wih1->columnLabels().value(4), QStringLiteral("←h1"));
    QCOMPARE(view.heatmap(model.params.blockIndex("Why"))->columnLabels().value(7),
             QStringLiteral("←h4"));

    // One layer at a time: its two cells and the output layer, in rows 0, 1, 2.
    view.setShownLayer(1);
    QCOMPARE(static_cast<int>(view.places().size()), 10);
    QVERIFY(!view.heatmap(model.params.blockIndex("W_ih_l0"))->isVisible());
    QVERIFY(view.heatmap(model.params.blockIndex("W_hh_l1_reverse"))->isVisible());
    for (const WeightBlockPlace& place : view.places()) {
      QCOMPARE(place.row, place.layer < 0 ? 2 : place.direction);
    }
    // A smaller model drops a pick it no longer has.
    rnnlab::ModelConfig single{3, 4, 2};
    view.setParameters(rnnlab::Model::initialized(single, 7, 0.5).params, rnnlab::Gradients());
    QCOMPARE(view.shownLayer(), -1);
    QCOMPARE(static_cast<int>(view.places().size()), 5);
  }

  // Only the model's blocks are shown: the spare heatmaps stay hidden instead of drawing an
  // empty "no data" over the caption.
  void spareHeatmapsAreHidden() {
    WeightHeatmaps view;
    view.resize(700, 450);
    view.setParameters(filled(0.1, 2.5), filled(0.01, 0.05));
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    for (int block = 0; block < rnnlab::Parameters::MaxBlockCount; ++block) {
      QCOMPARE(view.heatmap(block)->isVisible(), block < rnnlab::Parameters::BlockCount);
    }
  }
};

QTEST_MAIN(WeightHeatmapsTest)
#include "weight_heatmaps_test.moc"
