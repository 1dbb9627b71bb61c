#pragma once

// Creates every view and puts each in its dock (the settings and sequence editors too), with
// the links between inspection views that need no window: the stepper's phase drives the
// diagram, the equations and the gradient flow.

#include "shell/snapshot_presenter.h"

class DockLayout;
class SequenceEditor;
class SettingsPanel;

SnapshotPresenter::Views addViewDocks(DockLayout* docks, SettingsPanel* settingsPanel,
                                      SequenceEditor* sequenceEditor);
