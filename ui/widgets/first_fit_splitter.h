#pragma once

// A vertical splitter that gives its first widget the height it asks for (its sizeHint), up to
// a share of the splitter, and the rest to the others, until the user drags the handle. The
// stepper's values and the equations share the "Step through" dock this way: QSplitter alone
// splits by stretch factors once and then keeps the proportions, which in presentation mode's
// larger fonts left the values of a 4-unit network scrolled after three rows.

#include <QSplitter>

class FirstFitSplitter : public QSplitter {
  Q_OBJECT

 public:
  // maxShare: the most of the height the first widget takes (the others keep the rest).
  explicit FirstFitSplitter(double maxShare, QWidget* parent = nullptr);

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
  double m_maxShare;
  bool m_userMoved = false;
  bool m_fitting = false;
};
