#pragma once

// The stack's rows of the Settings panel's model form (spec v3 §1): the number of layers L, a
// second, reverse direction (bidirectional), and dropout between the layers. Like the rest of
// the model form they need a reset, and each change is one undoable model edit: the panel shows
// values with setValues(), reads the edited ones with read() and emits its modelEdited().
//
// Dropout acts only between layers, so its field is enabled only while L > 1 (the value stays,
// as PyTorch keeps it). A text session is a language model, which must not read the future: there
// Bidirectional is disabled, and its tooltip says why.

#include <QObject>
#include <QString>
#include <optional>
#include <string>

#include "rnnlab/blog_bugs.h"
#include "rnnlab/model.h"

class QCheckBox;
class QDoubleSpinBox;
class QFormLayout;
class QSpinBox;

class StackSettings : public QObject {
  Q_OBJECT

 public:
  // The dropout field's range and step (the core takes any p in [0, 1)).
  static constexpr double MaximumDropout = 0.95;
  static constexpr double DropoutStep = 0.05;

  // Appends its rows (Layers, Bidirectional, Dropout) to `form`, whose widget is their parent.
  explicit StackSettings(QFormLayout* form);

  // Shows these values without emitting edited().
  void setValues(const rnnlab::ModelConfig& model);
  // Copies into `model` each value whose field shows something else than `model` would (so a
  // dropout the field cannot show, e.g. 0.99 or 0.333, is kept until the field is edited).
  void read(rnnlab::ModelConfig& model) const;
  // Whether the session is a text session (Bidirectional is then disabled); false at first.
  void setTextSession(bool text);

  QSpinBox* layersBox() const { return m_layers; }
  QCheckBox* bidirectionalBox() const { return m_bidirectional; }
  QDoubleSpinBox* dropoutBox() const { return m_dropout; }

  // Why a blog bug is undefined for this model (the blog's bugs exist for one layer in one
  // direction, and as rnnlab::blogBugUndefined says), or nothing.
  static std::optional<std::string> blogBugUndefined(rnnlab::BlogBug bug,
                                                     const rnnlab::ModelConfig& model,
                                                     bool singleSequence);

 signals:
  // A field changed (possibly to what it showed: read() tells).
  void edited();

 private:
  // Dropout only with more than one layer; Bidirectional not for text.
  void updateEnabled();

  QFormLayout* m_form;
  QSpinBox* m_layers;
  QCheckBox* m_bidirectional;
  QDoubleSpinBox* m_dropout;
  bool m_text = false;
};
