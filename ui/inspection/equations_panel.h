#pragma once

#include <QMap>
#include <QStringList>

// The spec's equations for the current phase of a traced iteration, with the iteration's own
// numbers substituted: the actual vectors and matrices when the model is small (H, I, O ≤ 8),
// norms when it is large, plus the scalar form of the element the mouse hovers in the stepper.
// Every number is read from the trace (through phaseValues() where the stepper shows it too);
// the panel only formats them.

#include <QWidget>
#include <memory>
#include <optional>

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

  std::shared_ptr<const rnnlab::IterationTrace> m_trace;
  rnnlab::IterationPhase m_phase{rnnlab::IterationPhase::Kind::Forward, 0};
  std::optional<rnnlab::TrainingSettings> m_settings;
  QString m_hoveredKey;
  int m_hoveredRow = -1;
  int m_hoveredColumn = -1;
  QString m_html;
  QTextBrowser* m_browser = nullptr;
};
