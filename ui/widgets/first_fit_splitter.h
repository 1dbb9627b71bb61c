#pragma once

// A vertical splitter of two widgets that gives the first the height it asks for (its sizeHint)
// as long as the second keeps a few lines of text, and the rest to the second, until the user
// drags the handle. The
// stepper's values and the equations share the "Step through" dock this way: QSplitter alone
// splits by stretch factors once and then keeps the proportions, which in presentation mode's
// larger fonts left the values of a 4-unit network scrolled after three rows.

#include <QSplitter>

class FirstFitSplitter : public QSplitter {
  Q_OBJECT

 public:
  // secondLines: the lines of text (in the second widget's font) the second widget always keeps.
  explicit FirstFitSplitter(int secondLines, QWidget* parent = nullptr);

  // Fits again now (normally on resize and when the first widget's hint changes).
  void fit();
  // True once the user dragged the handle: their split is kept from then on.
  bool userMoved() const { return m_userMoved; }

 protected:
  void resizeEvent(QResizeEvent* event) override;
  // A child's updateGeometry() reaches a splitter as a LayoutRequest: the first widget's hint
  // may have changed (a new page of values).
  bool event(QEvent* event) override;

 private:
  int m_secondLines;
  bool m_userMoved = false;
  bool m_fitting = false;
};
