#pragma once

// A passage of the training text as the network reads it: each character on a colour for its
// loss, −log p(the true next character) (white 0, red at ln V and above, the loss of a uniform
// guess), and on hover the network's five most likely next characters with their
// probabilities. It only draws what it is given.

#include <QLabel>
#include <QWidget>
#include <optional>
#include <vector>

#include "rnnlab/forward_pass.h"
#include "rnnlab/model.h"
#include "rnnlab/text_data.h"
#include "text/text_passage.h"

class ColoredTextView;
class QCheckBox;
class QSpinBox;

struct CharacterPrediction {
  char32_t character = 0;
  double probability = 0.0;
};

class TextChunkView : public QWidget {
  Q_OBJECT

 public:
  explicit TextChunkView(QWidget* parent = nullptr);

  // Characters start .. start+length−1 of `text` run through `model` from (h, c) — h0 and c0
  // when empty (give the trainer's carried state to see the chunk as training sees it). While
  // the user has chosen a passage of their own ("follow training" off), that passage is shown
  // instead, from h0 and c0, with this model.
  void showPassage(const rnnlab::Model& model, const rnnlab::TextData& text, long start,
                   int length, long iteration, const rnnlab::Vector& h = {},
                   const rnnlab::Vector& c = {});
  void clear();

  int characterCount() const;
  // −log p of the true next character after character `index` of the passage.
  double characterLoss(int index) const;
  // The five (fewer if V < 5) most likely next characters, most likely first.
  std::vector<CharacterPrediction> topPredictions(int index) const;
  double meanLoss() const;
  // The scale's top: ln V, the loss of a uniform guess.
  double lossScale() const { return m_lossScale; }
  ColoredTextView* textView() const { return m_view; }
  // The first character shown.
  long passageStart() const { return m_passage.start; }
  bool followsTraining() const;
  void setFollowsTraining(bool follow);
  // Chooses the passage from character `start` (and stops following training).
  void choosePassage(long start);

 private:
  void rerun();
  void run(long start, const rnnlab::Vector& h, const rnnlab::Vector& c);

  ColoredTextView* m_view;
  QLabel* m_caption;
  QCheckBox* m_follow;
  QSpinBox* m_start;
  std::optional<rnnlab::Model> m_model;
  rnnlab::TextData m_text;
  long m_iteration = 0;
  long m_trainingStart = 0;
  int m_length = 0;
  rnnlab::Vector m_h;
  rnnlab::Vector m_c;
  rnnlab::ForwardPass m_pass;
  std::u32string m_vocabulary;
  TextPassage m_passage;
  double m_lossScale = 1.0;
};
