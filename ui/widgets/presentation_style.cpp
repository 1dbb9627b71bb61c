#include "widgets/presentation_style.h"

#include <algorithm>
#include <cmath>

namespace {

// The signal behind follow(): a plain QObject with a signal of its own, so followers are
// disconnected by Qt when they are destroyed.
class StyleSignal : public QObject {
  Q_OBJECT

 signals:
  void changed();
};

StyleSignal& styleSignal() {
  static StyleSignal signal;
  return signal;
}

PresentationStyle& currentStyle() {
  static PresentationStyle style;
  return style;
}

}  // namespace

double PresentationStyle::automaticScale(int availableHeight) {
  constexpr double Low = 1.5;
  constexpr double High = 2.0;
  constexpr int LowRows = 1080;
  constexpr int HighRows = 1440;
  const double fraction =
      std::clamp(static_cast<double>(availableHeight - LowRows) / (HighRows - LowRows), 0.0, 1.0);
  return Low + fraction * (High - Low);
}

QFont PresentationStyle::font(const QFont& base) const {
  QFont scaled = base;
  if (base.pointSizeF() > 0) {
    scaled.setPointSizeF(base.pointSizeF() * textScale);
  } else if (base.pixelSize() > 0) {
    scaled.setPixelSize(std::max(1, static_cast<int>(base.pixelSize() * textScale + 0.5)));
  }
  return scaled;
}

namespace {

double luminance(const QColor& color) {
  auto channel = [](double c) {
    return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) +
         0.0722 * channel(color.blueF());
}

}  // namespace

double PresentationStyle::contrastRatio(const QColor& a, const QColor& b) {
  const double la = luminance(a);
  const double lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor PresentationStyle::ink(const QColor& color, const QColor& background) const {
  constexpr double Wanted = 4.5;
  if (!highContrast) {
    return color;
  }
  const bool darkBackground = luminance(background) < 0.18;
  QColor result = color;
  // Towards white on a dark background, towards black on a light one, in small steps of
  // lightness so that the hue stays recognisable.
  for (int i = 0; i < 20 && contrastRatio(result, background) < Wanted; ++i) {
    float h = 0;
    float s = 0;
    float l = 0;
    result.getHslF(&h, &s, &l);
    l = darkBackground ? std::min(1.0f, l + 0.05f) : std::max(0.0f, l - 0.05f);
    result = QColor::fromHslF(h, s, l);
  }
  return result;
}

const PresentationStyle& PresentationStyle::current() { return currentStyle(); }

void PresentationStyle::setCurrent(const PresentationStyle& style) {
  if (style == currentStyle()) {
    return;
  }
  currentStyle() = style;
  emit styleSignal().changed();
}

void PresentationStyle::follow(QObject* receiver,
                               std::function<void(const PresentationStyle&)> apply) {
  apply(currentStyle());
  QObject::connect(&styleSignal(), &StyleSignal::changed, receiver,
                   [apply = std::move(apply)] { apply(currentStyle()); });
}

#include "presentation_style.moc"
