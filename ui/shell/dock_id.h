#pragma once

// The main window's docks by kind: code names a dock with a DockId, never a string. Each dock's
// object name (the key QMainWindow::saveState() stores, and what `--dock NAME` and a lesson's
// `raise` match without the "Dock" suffix) is spelled once, here.

#include <QString>
#include <array>

enum class DockId {
  Settings,
  Sequence,
  TextSettings,
  DataSet,
  Loss,
  CompareRuns,
  Text,
  Prediction,
  Hidden,
  Stepper,
  Diagram,
  GradientFlow,
  Spectrum,
  Memory,
  GradientCheck,
  Weights,
  Outputs,
};

inline QString dockObjectName(DockId id) {
  static constexpr std::array<const char*, 17> Names = {
      "settingsDock",   "sequenceDock",     "textSettingsDock", "dataSetDock",  "lossDock",
      "compareRunsDock", "textDock",        "predictionDock",   "hiddenDock",   "stepperDock",
      "diagramDock",    "gradientFlowDock", "spectrumDock",     "memoryDock",   "gradientCheckDock",
      "weightsDock",    "outputsDock"};
  static_assert(Names.size() == static_cast<std::size_t>(DockId::Outputs) + 1);
  return QString::fromLatin1(Names[static_cast<std::size_t>(id)]);
}
