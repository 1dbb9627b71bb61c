#pragma once

// A passage drawn character by character, each on a background colour of its own, wrapped to
// the widget's width; a newline is drawn as "↵" and then breaks the line. Hovering a character
// shows the tooltip given for it. It only draws what it is given.

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

 protected:
  void paintEvent(QPaintEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  bool event(QEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;

 private:
  // Lays the characters out for `width`; returns the height used. With `store`, keeps the rects.
  int layout(int width, bool store) const;
  QString glyph(int index) const;

  std::u32string m_characters;
  std::vector<QColor> m_colors;
  std::vector<QString> m_toolTips;
  mutable std::vector<QRect> m_rects;
};
