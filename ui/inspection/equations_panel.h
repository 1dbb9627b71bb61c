#pragma once

#include <QMap>
#include <QStringList>

// The spec's equations for the current phase of a traced iteration, with the iteration's own
// numbers substituted: the actual vectors and matrices when the model is small (H, I, O ≤ 8),
// norms when it is large, plus the scalar form of the element the mouse hovers in the stepper.
// Every number is read from the trace (through phaseValues() where the stepper shows it too);
// the panel only formats them. A stack's phases write the equations of the cell they show (its
// own weights, the state it reads, the dropout mask of its input) or of the output layer
// (equations_panel_stack.cpp).

#include <QWidget>
#include <memory>
#include <optional>
#include <span>

#include "rnnlab/iteration_trace.h"
#include "rnnlab/training_settings.h"

class QTextBrowser;

class EquationsPanel : public QWidget {
  Q_OBJECT

 public:
  // Up to this size in every dimension (H, I, O) the equations show whole vectors and matrices.
  static constexpr int MaxSubstitutedSize = 8;

  explicit EquationsPanel(QWidget* parent = nullptr);

  void setTrace(std::shared_ptr<const rnnlab::IterationTrace> trace);
  void setPhase(rnnlab::IterationPhase phase);
  // Optional: the iteration's settings, for the clip thresholds and the optimizer's rule.
  void setSettings(const rnnlab::TrainingSettings& settings);

  // The rich text on display (for tests).
  QString html() const { return m_html; }
  // Whether whole vectors and matrices are shown (small model) rather than norms.
  bool substitutesValues() const;

 public slots:
  // An element of one of the stepper's values (see phaseValues() for the keys); row −1 clears.
  void setHoveredElement(const QString& key, int row, int column);

 private:
  void refresh();
  QString phaseHtml() const;
  QString forwardHtml() const;
  QString lossHtml() const;
  QString backwardHtml() const;
  QString clipHtml() const;
  QString updateHtml() const;
  QString hoveredHtml() const;
  // LSTM and GRU: the cell's own equations with the numbers of the phase values substituted.
  QString gatedForwardHtml() const;
  QString gatedBackwardHtml() const;
  QString gatedLine(const QString& lhs, const QString& symbolic, const QStringList& operands,
                    const rnnlab::Matrix& result) const;
  QMap<QString, rnnlab::Matrix> valuesByKey() const;
  // What one step adds to a gradient: lhs += rhs (= left · right) = result.
  struct Term {
    QString lhs;
    QString rhs;
    rnnlab::Matrix left;
    rnnlab::Matrix right;
    rnnlab::Matrix result;
  };
  QString termsHtml(std::span<const Term> terms) const;
  QString tanhDeltaHtml() const;  // δa_t = (1 − h_t²) ⊙ δh_t
  QString stepLossHtml() const;   // the current step's loss ℓ_t

  // The cell the phase shows: a stack's (layer, direction), else the one cell.
  bool stacked() const;
  const rnnlab::ForwardPass& cellForward() const;
  const rnnlab::BackwardPass& cellBackward() const;
  // Its block of `role` among the weights the iteration used.
  const rnnlab::Matrix& cellBlock(rnnlab::CellBlock role) const;
  // The step whose state the current one reads (t − 1; t + 1 for a reverse cell) and the one whose
  // gradient comes back through W_hh (t + 1; t − 1), and whether there is such a later step.
  QString previousStep() const;
  QString laterStep() const;
  bool hasLaterStep() const;
  // What reaches h_t from outside its own direction: Whyᵀ·δy_t, or a stack's layer above.
  QString fromAbove() const;
  // A stack: the input of a layer above the first (the layer below's output, its dropout mask).
  QString stackInputHtml() const;
  QString outputLayerHtml() const;
  QString outputLayerBackwardHtml() const;
  QString stackRnnBackwardHtml() const;

  std::shared_ptr<const rnnlab::IterationTrace> m_trace;
  rnnlab::IterationPhase m_phase{rnnlab::IterationPhase::Kind::Forward, 0};
  std::optional<rnnlab::TrainingSettings> m_settings;
  QString m_hoveredKey;
  int m_hoveredRow = -1;
  int m_hoveredColumn = -1;
  QString m_html;
  QTextBrowser* m_browser = nullptr;
};
