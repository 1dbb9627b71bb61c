#pragma once

// One labelled vector or matrix from the step-through views, drawn so that a student can read it:
// small ones as a compact table of numbers on coloured cells (colour and number together), large
// ones as a heatmap picture with the norm in the title. The tooltip gives any element exactly.
//
// setMatrix() caches the picture; paintEvent only draws. The view never computes a model value:
// it shows exactly the matrix it is given (the norm in large mode is a summary of that matrix).

#include <QImage>
#include <QWidget>

#include "rnnlab/types.h"

class ValueGridView : public QWidget {
  Q_OBJECT

 public:
  // Up to this many rows and columns the values are written into the cells.
  static constexpr int MaxNumberRows = 16;
  static constexpr int MaxNumberColumns = 12;

  explicit ValueGridView(QWidget* parent = nullptr);

  // The stable name reported by hoveredElementChanged (e.g. "h_prev").
  void setKey(const QString& key);
  const QString& key() const { return m_key; }
  void setTitle(const QString& title);
  const QString& title() const { return m_title; }

  // scale as in setScale(); passing it here builds the picture once instead of twice.
  void setMatrix(const rnnlab::Matrix& values, double scale = 0.0);
  const rnnlab::Matrix& matrix() const { return m_values; }

  // maxAbs > 0 fixes the colour scale (shared with neighbouring views); ≤ 0: the data's own
  // largest |value| (1 when all zero).
  void setScale(double maxAbs);
  double scale() const { return m_scale; }

  // Neutral views (scalars such as a loss or a norm) show their number on white: a colour would
  // only repeat the sign.
  void setNeutral(bool neutral);

  // The longest side of the picture in heatmap mode, in pixels.
  void setMaximumExtent(int pixels);

  // True when the values are written into cells, false when drawn as a heatmap picture.
  bool showsNumbers() const;
  // Where element (row, col) is drawn; empty when out of range.
  QRect cellRect(int row, int col) const;
  // The element under a widget position, or {-1, -1} (x = column, y = row).
  QPoint cellAt(const QPoint& position) const;

  // The text a cell shows: 4 significant digits, a real minus sign.
  static QString formatValue(double value);

  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 signals:
  // The mouse moved onto another element ({-1, -1} when it left).
  void hoveredElementChanged(const QString& key, int row, int column);

 protected:
  void paintEvent(QPaintEvent* event) override;
  bool event(QEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void leaveEvent(QEvent* event) override;
  void changeEvent(QEvent* event) override;

 private:
  void updateScale();
  void rebuildCache();
  QRect plotRect() const;
  int titleHeight() const;
  int rowLabelWidth() const;
  int columnLabelHeight() const;
  QString headline() const;

  QString m_key;
  QString m_title;
  rnnlab::Matrix m_values;
  double m_requestedScale = 0.0;
  double m_scale = 1.0;
  int m_maximumExtent = 256;
  bool m_neutral = false;
  QImage m_image;       // heatmap mode: one pixel per element
  QStringList m_texts;  // number mode: the cell texts, column-major like the matrix
  int m_cellWidth = 0;  // number mode: fits the widest text
  int m_cellHeight = 0;
  double m_norm = 0.0;  // heatmap mode's headline summary
  QPoint m_hovered{-1, -1};
};
