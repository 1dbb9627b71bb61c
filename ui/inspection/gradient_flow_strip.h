#pragma once

// How the gradient flows back through time in one iteration: for every step t = 1..T a bar of
// ‖∂L/∂h_t‖ = ‖δh_t‖ and a line of ‖δa_t‖ (for gated cells: of all gate pre-activations), and
// for an LSTM a line of ‖∂L/∂c_t‖, on a log scale so that a gradient fading (or growing)
// by a constant factor per step reads as a straight slope. Exact zeros (underflow) sit in a
// separate band below the axis, non-finite values are marked in red. Under the plot: how often
// and how hard gradient clipping acted.
//
// The norms are the core's (rnnlab::hiddenGradientNorms / preActivationGradientNorms); the widget
// only stores and draws them. Painting is direct (at most a few thousand rectangles), so there is
// no cached image to keep in sync.

#include <QPointF>
#include <QString>
#include <QWidget>
#include <vector>

namespace rnnlab {
struct BackwardPass;
}

class GradientFlowStrip : public QWidget {
  Q_OBJECT

 public:
  explicit GradientFlowStrip(QWidget* parent = nullptr);

  // Takes ‖δh_t‖ and ‖δa_t‖ of every step from the core and repaints.
  void setBackwardPass(const rnnlab::BackwardPass& pass);
  // clippedIterations of iterations had their gradient changed by clipping; the last iteration's
  // global norm ‖g‖ was lastNormBefore before clipping and lastNormAfter after it.
  void setClipStatistics(long clippedIterations, long iterations, double lastNormBefore,
                         double lastNormAfter);
  // Forgets the backward pass and the clipping statistics.
  void clear();
  // The cell of a stack the norms are of ("layer 1 (l1)"), added to the title; empty for none.
  void setCellName(const QString& name);

  // Marks one step (0 is t = 1), e.g. the stepper's current backward step; −1 for none.
  void setHighlightedStep(int step);
  int highlightedStep() const { return m_highlightedStep; }

  // What is drawn (for tests and diagnostics): one bar per step, index 0 is t = 1.
  int barCount() const { return static_cast<int>(m_hiddenNorms.size()); }
  const std::vector<double>& hiddenNorms() const { return m_hiddenNorms; }
  const std::vector<double>& preActivationNorms() const { return m_preActivationNorms; }
  // ‖∂L/∂c_t‖ of an LSTM (a third line); empty for the other cells.
  const std::vector<double>& cellNorms() const { return m_cellNorms; }
  // Where the ‖δc_t‖ line passes step `step`; null when there is none.
  QPointF cellLinePoint(int step) const;
  // The ‖δh_t‖ bar of a step in widget coordinates (a small marker in the zero band for an exact
  // zero); empty when out of range.
  QRect barRect(int step) const;
  // The step whose column contains a widget position, or −1.
  int stepAt(const QPoint& position) const;
  // The tooltip for a widget position: t and both norms, rounded and exactly (17 digits).
  QString toolTipTextAt(const QPoint& position) const;
  // The clipping line under the plot.
  QString clipStatisticsText() const;
  // The same, shorter, for when the widget is narrow.
  QString compactClipStatisticsText() const;
  // The decades the log axis spans: 10^low .. 10^high.
  int lowDecade() const { return m_lowDecade; }
  int highDecade() const { return m_highDecade; }

  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 protected:
  void paintEvent(QPaintEvent* event) override;
  bool event(QEvent* event) override;

 private:
  struct Layout {
    QRect title;
    QRect plot;      // the log-scaled area, 10^m_lowDecade at its bottom
    QRect zeroBand;  // under the plot: steps whose norm is exactly 0
    QRect xLabels;
    QRect footer;  // backpropagation direction and the clipping statistics
  };

  Layout computeLayout() const;
  void updateDecades();
  // The y of a positive finite value inside the plot.
  double yFor(const Layout& layout, double value) const;
  double columnWidth(const Layout& layout) const;
  int decadeLabelWidth() const;  // the widest decade label the axis draws
  QRect barRectIn(const Layout& layout, int step) const;
  QPointF linePointIn(const Layout& layout, int step) const;
  QPointF linePointIn(const Layout& layout, int step, const std::vector<double>& values) const;
  QString preActivationName() const;
  void drawAxes(QPainter& painter, const Layout& layout) const;
  void drawData(QPainter& painter, const Layout& layout) const;
  void drawFooter(QPainter& painter, const Layout& layout) const;

  std::vector<double> m_hiddenNorms;         // ‖δh_t‖, index 0 is t = 1
  std::vector<double> m_preActivationNorms;  // ‖δa_t‖
  std::vector<double> m_cellNorms;           // ‖δc_t‖ (lstm only)
  bool m_gated = false;
  QString m_cellName;
  int m_lowDecade = -3;
  int m_highDecade = 0;
  int m_highlightedStep = -1;

  bool m_hasClipStatistics = false;
  long m_clippedIterations = 0;
  long m_iterations = 0;
  double m_lastNormBefore = 0.0;
  double m_lastNormAfter = 0.0;
};
