#include "inspection/gradient_flow_view.h"

#include <QHBoxLayout>
#include <QVBoxLayout>

#include "inspection/gradient_flow_strip.h"
#include "rnnlab/backward_pass.h"
#include "rnnlab/batch_pass.h"
#include "widgets/cell_choice.h"
#include "widgets/layer_picker.h"

GradientFlowView::GradientFlowView(QWidget* parent)
    : QWidget(parent), m_picker(new LayerPicker(this)), m_strip(new GradientFlowStrip(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  auto* header = new QHBoxLayout;
  header->setContentsMargins(6, 2, 6, 0);
  header->addWidget(m_picker);
  header->addStretch(1);
  layout->addLayout(header);
  layout->addWidget(m_strip, 1);
  connect(m_picker, &LayerPicker::cellChanged, this, &GradientFlowView::showChosenCell);
}

void GradientFlowView::setBackwardPass(const rnnlab::BackwardPass& pass) {
  m_run = pass.stack;
  if (!m_run) {
    m_picker->choice()->setShape(1, 1);
    m_strip->setCellName({});
    m_strip->setBackwardPass(pass);
    return;
  }
  m_picker->choice()->setShape(m_run->config());
  showChosenCell();
}

void GradientFlowView::showChosenCell() {
  if (!m_run) {
    return;
  }
  // Only the chosen cell's deltas, without copying the pass's gradients.
  rnnlab::BackwardPass cell;
  cell.stack = m_run;
  const CellChoice* cells = m_picker->choice();
  rnnlab::viewCell(cell, cells->layer(), cells->direction());
  m_strip->setCellName(cells->label());
  m_strip->setBackwardPass(cell);
}
