#pragma once

// A passage drawn character by character, each on a background colour of its own, wrapped to
// the widget's width; a newline is drawn as "↵" and then breaks the line. Hovering a character
// shows the tooltip given for it. Frames (marks) can be drawn around stretches of characters, and
// a brushable view lets the user drag across characters to select a stretch. It only draws what
// it is given.

#include <QColor>
#include <QRect>
#include <QString>
#include <QWidget>
#include <string>
#include <vector>

class ColoredTextView : public QWidget {
  Q_OBJECT

 public:
  explicit ColoredTextView(QWidget* parent = nullptr);

  // One colour and one tooltip per character (either may be shorter: the rest are white and
  // without a tooltip).
  void setCharacters(std::u32string characters, std::vector<QColor> colors,
                     std::vector<QString> toolTips);
  void clear();

  // A frame around characters [begin, end), `width` pixels wide.
  struct Mark {
    int begin = 0;
    int end = 0;
    QColor color;
    int width = 2;
  };
  // Replaces the frames (drawn in order, the last on top); they stay when the characters change.
  void setMarks(std::vector<Mark> marks);
  const std::vector<Mark>& marks() const { return m_marks; }
  // With brushing on, a drag across characters (press on one, release on another) emits
  // brushed() with the stretch from the first to the last, in text order, and shows it framed
  // while dragging.
  void setBrushable(bool brushable) { m_brushable = brushable; }

  int characterCount() const { return static_cast<int>(m_characters.size()); }
  QColor characterColor(int index) const;
  QString characterToolTip(int index) const;
  // Where character `index` is drawn (empty before the first layout or out of range).
  QRect characterRect(int index) const;
  // The character at a point of the widget, or −1.
  int characterAt(const QPoint& point) const;

  QSize sizeHint() const override;
  bool hasHeightForWidth() const override { return true; }
  int heightForWidth(int width) const override;

 signals:
  void characterClicked(int index);
  // The stretch [begin, end) a drag selected (brushing on).
  void brushed(int begin, int end);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  bool event(QEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;

 private:
  // Lays the characters out for `width`; returns the height used. With `store`, keeps the rects.
  int layout(int width, bool store) const;
  QString glyph(int index) const;
  void drawMark(QPainter& painter, const Mark& mark) const;
  // The character nearest to a point of the widget (the last one below the text), or −1.
  int nearestCharacter(const QPoint& point) const;

  std::u32string m_characters;
  std::vector<QColor> m_colors;
  std::vector<QString> m_toolTips;
  mutable std::vector<QRect> m_rects;
  std::vector<Mark> m_marks;
  bool m_brushable = false;
  int m_dragAnchor = -1;  // the character a drag started on
  int m_dragEnd = -1;     // the character it is over now
};
