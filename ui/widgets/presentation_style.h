#pragma once

// How the views draw for a room rather than a desk: a text scale, a line scale and a high-contrast
// flag, one value the whole interface shares. Presentation mode (ui/shell) sets it; every view
// that draws its own text or lines (Qt Charts, which do not follow the application font, and the
// pens of painted views) reads current() when it paints or, for state it keeps (chart fonts and
// pens), follows changes through follow(). Text that a widget paints with its own font() needs
// nothing: the application font is scaled with the style.

#include <QColor>
#include <QFont>
#include <QObject>
#include <functional>

class PresentationStyle {
 public:
  // The factor chosen for a screen `availableHeight` pixels high: 1.5 up to 1080 rows, growing
  // to 2 at 1440 rows and above (from the back of a classroom a projector's pixels are small).
  static double automaticScale(int availableHeight);

  double textScale = 1.0;  // 1 = as at a desk
  double lineScale = 1.0;
  bool highContrast = false;

  bool isPlain() const { return *this == PresentationStyle(); }
  // `base` with its size multiplied by textScale (point or pixel size, whichever it has).
  QFont font(const QFont& base) const;
  qreal lineWidth(qreal base) const { return base * lineScale; }
  // `color` as a high-contrast style draws it on `background`: lightened or darkened until their
  // contrast ratio (WCAG's) reaches 4.5, keeping its hue; unchanged when not high contrast.
  QColor ink(const QColor& color, const QColor& background) const;
  // WCAG 2's contrast ratio of two colours, 1 (same luminance) to 21 (black on white).
  static double contrastRatio(const QColor& a, const QColor& b);

  // The style in force, the plain one until a presentation starts.
  static const PresentationStyle& current();
  // Changes it and calls every follower (when it differs).
  static void setCurrent(const PresentationStyle& style);
  // Calls `apply(current())` now and after every change, until `receiver` is destroyed.
  static void follow(QObject* receiver, std::function<void(const PresentationStyle&)> apply);

  friend bool operator==(const PresentationStyle&, const PresentationStyle&) = default;
};
