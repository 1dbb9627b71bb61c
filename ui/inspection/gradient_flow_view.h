#pragma once

// The gradient flow dock: the strip of ‖∂L/∂h_t‖ (GradientFlowStrip) for the cell of a stacked
// model that the LayerPicker above it chose. For a layer below the top, ∂L/∂h_t is the whole
// gradient of the loss with respect to that cell's state: what the layer above sends down at
// step t and what the cell's later steps send back. The norms are the core's: the backward pass
// keeps the stack's run, and rnnlab::viewCell shows the chosen cell of it. One cell: the strip
// alone, as before.

#include <QWidget>
#include <memory>

namespace rnnlab {
class BatchPass;
struct BackwardPass;
}  // namespace rnnlab

class GradientFlowStrip;
class LayerPicker;

class GradientFlowView : public QWidget {
  Q_OBJECT

 public:
  explicit GradientFlowView(QWidget* parent = nullptr);

  // The backward pass of the weights on screen; a stack's shows the chosen cell.
  void setBackwardPass(const rnnlab::BackwardPass& pass);

  GradientFlowStrip* strip() const { return m_strip; }
  LayerPicker* layerPicker() const { return m_picker; }

 private:
  void showChosenCell();

  LayerPicker* m_picker;
  GradientFlowStrip* m_strip;
  std::shared_ptr<const rnnlab::BatchPass> m_run;  // the stack's run after its backward pass
};
