// IterationStepperPanel's pages: the views of every value a phase can show, laid out so that each
// page reads as its equations do, and the Clip and Update pages' rows for the traced model's
// blocks. Which of them show is decided by refresh() (iteration_stepper_panel.cpp).

#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>

#include "inspection/iteration_stepper_panel.h"
#include "inspection/value_grid_view.h"
#include "widgets/parameter_blocks.h"

namespace {

// The largest side of a parameter-block heatmap: one pixel per element at H = 256, so the
// picture is blitted without a smoothing pass.
constexpr int BlockExtent = 256;

}  // namespace

QLabel* IterationStepperPanel::wrappedLabel(QWidget* parent) {
  auto* label = new QLabel(parent);
  label->setWordWrap(true);
  label->setTextInteractionFlags(Qt::TextSelectableByMouse);
  return label;
}

QLabel* IterationStepperPanel::arrowLabel(const QString& text, QWidget* parent) {
  auto* label = new QLabel(text, parent);
  label->setAlignment(Qt::AlignCenter);
  label->setForegroundRole(QPalette::PlaceholderText);
  return label;
}

ValueGridView* IterationStepperPanel::addView(Page page, QGridLayout* grid, const QString& key,
                                              int row, int column, int extent) {
  auto* view = new ValueGridView(grid->parentWidget());
  view->setKey(key);
  view->setMaximumExtent(extent);
  grid->addWidget(view, row, column, Qt::AlignLeft | Qt::AlignTop);
  connect(view, &ValueGridView::hoveredElementChanged, this,
          &IterationStepperPanel::hoveredElementChanged);
  m_views.insert(key, view);
  m_pageViews[page].insert(key, view);
  return view;
}

void IterationStepperPanel::companion(const QString& key, QGridLayout* grid, QWidget* widget,
                                      int row, int column) {
  grid->addWidget(widget, row, column);
  m_companions.insert(key, widget);
}

QStringList IterationStepperPanel::allBlockNames() {
  // Every cell's blocks, each name once: the pages hold a row for each and show the cell's.
  QStringList names;
  for (const rnnlab::CellKind cell : {rnnlab::CellKind::Rnn, rnnlab::CellKind::Lstm}) {
    for (int k = 0; k < static_cast<int>(rnnlab::Parameters::blockNames(cell).size()); ++k) {
      const QString name = blockName(cell, k);
      if (!names.contains(name)) {
        names << name;
      }
    }
  }
  return names;
}

void IterationStepperPanel::buildPages() {
  const auto section = [](QWidget* page, QVBoxLayout* pageLayout) {
    auto* holder = new QWidget(page);
    auto* grid = new QGridLayout(holder);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(10);
    grid->setVerticalSpacing(8);
    pageLayout->addWidget(holder, 0, Qt::AlignLeft);
    return grid;
  };

  {  // Forward t: the inputs of the step, what it computes, and its loss.
    QWidget* page = m_pages[ForwardPage];
    auto* pageLayout = new QVBoxLayout(page);
    QGridLayout* grid = section(page, pageLayout);
    int column = 0;
    // A stack's layer above the first with dropout: layer k − 1's output times this iteration's
    // mask is the cell's input.
    addView(ForwardPage, grid, QStringLiteral("below"), 0, column++);
    companion(QStringLiteral("mask"), grid, arrowLabel(QStringLiteral("⊙"), page), 0, column++);
    addView(ForwardPage, grid, QStringLiteral("mask"), 0, column++);
    companion(QStringLiteral("mask"), grid, arrowLabel(QStringLiteral("="), page), 0, column++);
    addView(ForwardPage, grid, QStringLiteral("x"), 0, column++);
    addView(ForwardPage, grid, QStringLiteral("h_prev"), 0, column++);
    addView(ForwardPage, grid, QStringLiteral("c_prev"), 0, column++);
    companion(QStringLiteral("a"), grid, arrowLabel(QStringLiteral("→"), page), 0, column++);
    addView(ForwardPage, grid, QStringLiteral("a"), 0, column++);
    companion(QStringLiteral("a"), grid, arrowLabel(QStringLiteral("tanh →"), page), 0, column++);
    companion(QStringLiteral("pre_i"), grid, arrowLabel(tr("gates below →"), page), 0, column++);
    companion(QStringLiteral("pre_r"), grid, arrowLabel(tr("gates below →"), page), 0, column++);
    addView(ForwardPage, grid, QStringLiteral("h"), 0, column++);
    // A stack's output layer reads o_t, the top layer's output.
    addView(ForwardPage, grid, QStringLiteral("top"), 0, column++);
    companion(QStringLiteral("y"), grid, arrowLabel(QStringLiteral("→"), page), 0, column++);
    addView(ForwardPage, grid, QStringLiteral("y"), 0, column++);
    addView(ForwardPage, grid, QStringLiteral("d"), 0, column++);
    addView(ForwardPage, grid, QStringLiteral("p"), 0, column++);
    addView(ForwardPage, grid, QStringLiteral("step_loss"), 0, column++)->setNeutral(true);
    // Gated cells: each gate before and after its activation, one gate per row, then the LSTM's
    // cell state or the GRU's m_t (W_ih·x + b_ih + W_hh·h + b_hh gives every ĝ).
    QGridLayout* gateGrid = section(page, pageLayout);
    int row = 0;
    for (const char* gate : {"i", "f", "g", "o", "r", "z", "n"}) {
      const QString g = QString::fromLatin1(gate);
      const bool tanhGate = g == QLatin1String("g") || g == QLatin1String("n");
      addView(ForwardPage, gateGrid, QStringLiteral("pre_") + g, row, 0);
      companion(QStringLiteral("pre_") + g, gateGrid,
                arrowLabel(tanhGate ? QStringLiteral("tanh →") : QStringLiteral("σ →"), page), row,
                1);
      addView(ForwardPage, gateGrid, g, row, 2);
      ++row;
    }
    QGridLayout* stateGrid = section(page, pageLayout);
    addView(ForwardPage, stateGrid, QStringLiteral("c"), 0, 0);
    companion(QStringLiteral("tanh_c"), stateGrid, arrowLabel(QStringLiteral("tanh →"), page), 0,
              1);
    addView(ForwardPage, stateGrid, QStringLiteral("tanh_c"), 0, 2);
    addView(ForwardPage, stateGrid, QStringLiteral("m"), 0, 3);
  }
  {  // Loss: the total, each step's share, and δy for the backward pass.
    QWidget* page = m_pages[LossPage];
    auto* pageLayout = new QVBoxLayout(page);
    QGridLayout* top = section(page, pageLayout);
    addView(LossPage, top, QStringLiteral("loss"), 0, 0)->setNeutral(true);
    addView(LossPage, top, QStringLiteral("step_losses"), 0, 1, 512);
    QGridLayout* grid = section(page, pageLayout);
    addView(LossPage, grid, QStringLiteral("outputs"), 0, 0, 384);
    addView(LossPage, grid, QStringLiteral("targets"), 0, 1, 384);
    addView(LossPage, grid, QStringLiteral("probabilities"), 0, 2, 384);
    addView(LossPage, grid, QStringLiteral("output_grad"), 0, 3, 384);
  }
  {  // Backward t: the deltas of this step, then what it adds to each gradient.
    QWidget* page = m_pages[BackwardPage];
    auto* pageLayout = new QVBoxLayout(page);
    QGridLayout* deltas = section(page, pageLayout);
    addView(BackwardPage, deltas, QStringLiteral("dy"), 0, 0);
    companion(QStringLiteral("dy&dh"), deltas,
              arrowLabel(QStringLiteral("Whyᵀ· (+ δnext) →"), page), 0, 1);
    addView(BackwardPage, deltas, QStringLiteral("dh"), 0, 2);
    companion(QStringLiteral("tanh_prime"), deltas, arrowLabel(QStringLiteral("⊙"), page), 0, 3);
    addView(BackwardPage, deltas, QStringLiteral("tanh_prime"), 0, 4);
    companion(QStringLiteral("da"), deltas, arrowLabel(QStringLiteral("→"), page), 0, 5);
    addView(BackwardPage, deltas, QStringLiteral("da"), 0, 6);
    // LSTM: δh reaches c_t through tanh(c_t), and later steps add f_{t+1} ⊙ δc_{t+1}.
    companion(QStringLiteral("dtanh_c"), deltas, arrowLabel(QStringLiteral("o ⊙ →"), page), 0, 7);
    addView(BackwardPage, deltas, QStringLiteral("dtanh_c"), 0, 8);
    companion(QStringLiteral("dc"), deltas,
              arrowLabel(QStringLiteral("(1 − tanh²c) ⊙ (+ f⊙δc_next) →"), page), 0, 9);
    addView(BackwardPage, deltas, QStringLiteral("dc"), 0, 10);
    addView(BackwardPage, deltas, QStringLiteral("top_read"), 0, 11);  // a stack's output layer
    QGridLayout* gateGrid = section(page, pageLayout);
    int gateRow = 0;
    for (const char* gate : {"i", "f", "g", "o", "r", "z", "n"}) {
      const QString g = QString::fromLatin1(gate);
      addView(BackwardPage, gateGrid, QStringLiteral("d_") + g, gateRow, 0);
      companion(QStringLiteral("dpre_") + g, gateGrid, arrowLabel(tr("⊙ activation′ →"), page),
                gateRow, 1);
      addView(BackwardPage, gateGrid, QStringLiteral("dpre_") + g, gateRow, 2);
      ++gateRow;
    }
    addView(BackwardPage, gateGrid, QStringLiteral("drec_n"), gateRow, 2);
    QGridLayout* grid = section(page, pageLayout);
    const QStringList names = allBlockNames();
    for (int k = 0; k < names.size(); ++k) {
      const QString name = QStringLiteral("d") + names[k];
      addView(BackwardPage, grid, name + QStringLiteral("_step"), k, 0, BlockExtent);
      companion(name + QStringLiteral("_step"), grid, arrowLabel(tr("added to →"), page), k, 1);
      addView(BackwardPage, grid, name + QStringLiteral("_sum"), k, 2, BlockExtent);
    }
  }
  {  // Clip: the norms, the count, and every gradient before and after.
    QWidget* page = m_pages[ClipPage];
    auto* pageLayout = new QVBoxLayout(page);
    m_clipSummary = wrappedLabel(page);
    pageLayout->addWidget(m_clipSummary);
    QGridLayout* top = section(page, pageLayout);
    int column = 0;
    for (const char* key : {"norm_before", "norm_after", "values_clipped", "norm_clipped"}) {
      addView(ClipPage, top, QString::fromLatin1(key), 0, column++)->setNeutral(true);
    }
    m_clipBlocks = section(page, pageLayout);  // a row per block: setBlockRows()
  }
  {  // Update: before, the change, after.
    QWidget* page = m_pages[UpdatePage];
    auto* pageLayout = new QVBoxLayout(page);
    m_updateSummary = wrappedLabel(page);
    pageLayout->addWidget(m_updateSummary);
    m_updateBlocks = section(page, pageLayout);  // a row per block: setBlockRows()
  }
}

void IterationStepperPanel::setBlockRows(const QStringList& names) {
  if (names == m_blockRows) {
    return;
  }
  // The rows of the previous model's blocks go, with their views and labels.
  const auto removeView = [this](Page page, const QString& key) {
    delete m_views.take(key);
    m_pageViews[page].remove(key);
    for (QWidget* widget : m_companions.values(key)) {
      delete widget;
    }
    m_companions.remove(key);
  };
  for (const QString& name : std::as_const(m_blockRows)) {
    removeView(ClipPage, name + QStringLiteral("_unclipped"));
    removeView(ClipPage, name + QStringLiteral("_clipped"));
    removeView(UpdatePage, name + QStringLiteral("_before"));
    removeView(UpdatePage, name + QStringLiteral("_change"));
    removeView(UpdatePage, name + QStringLiteral("_after"));
  }
  m_blockRows = names;
  QWidget* clipPage = m_pages[ClipPage];
  QWidget* updatePage = m_pages[UpdatePage];
  for (int k = 0; k < names.size(); ++k) {
    const QString& name = names[k];
    addView(ClipPage, m_clipBlocks, name + QStringLiteral("_unclipped"), k, 0, BlockExtent);
    companion(name + QStringLiteral("_unclipped"), m_clipBlocks, arrowLabel(tr("clip →"), clipPage),
              k, 1);
    addView(ClipPage, m_clipBlocks, name + QStringLiteral("_clipped"), k, 2, BlockExtent);
    addView(UpdatePage, m_updateBlocks, name + QStringLiteral("_before"), k, 0, BlockExtent);
    companion(name + QStringLiteral("_before"), m_updateBlocks,
              arrowLabel(QStringLiteral("+"), updatePage), k, 1);
    addView(UpdatePage, m_updateBlocks, name + QStringLiteral("_change"), k, 2, BlockExtent);
    companion(name + QStringLiteral("_before"), m_updateBlocks,
              arrowLabel(QStringLiteral("="), updatePage), k, 3);
    addView(UpdatePage, m_updateBlocks, name + QStringLiteral("_after"), k, 4, BlockExtent);
  }
}
