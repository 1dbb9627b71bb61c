#pragma once

// A matrix drawn as coloured cells on the diverging scale of color_scale.h (blue negative, white 0,
// red positive), with row and column labels, a colour legend and a tooltip with the exact value.
//
// setMatrix() builds a cached QImage with one pixel per cell; paintEvent only scales it (nearest
// neighbour, so cells stay crisp) and draws the labels. A matrix with more than MaxImageSide rows
// or columns (more than any screen shows) is pooled to at most MaxImageSide pixels a side, each
// pixel showing its block's strongest value, so 4096×4096 weights cost a 1 MB image, not 64 MB,
// and the paint scales a screen-sized image; tooltips still give each cell's exact value.

#include <QFontMetrics>
#include <QImage>
#include <QStringList>
#include <QWidget>
#include <memory>

#include "rnnlab/types.h"

class HeatmapWidget : public QWidget {
  Q_OBJECT

 public:
  static constexpr int MaxImageSide = 512;

  explicit HeatmapWidget(QWidget* parent = nullptr);

  void setMatrix(const rnnlab::Matrix& values);
  // Both at once, with one image rebuild instead of two (setSymmetricScale(maxAbs) then
  // setMatrix(values) colour the old values with the new scale first).
  void setMatrix(const rnnlab::Matrix& values, double maxAbs);
  // The same without a copy: the widget keeps the (immutable) matrix alive while it shows it, so
  // views of large shared data (a snapshot's weights) cost no copy.
  void setMatrix(std::shared_ptr<const rnnlab::Matrix> values);
  void setMatrix(std::shared_ptr<const rnnlab::Matrix> values, double maxAbs);
  // As setMatrix(values, maxAbs) with the pooling done beforehand, e.g. on another thread:
  // `strongest` and `block` as poolStrongest(*values, MaxImageSide, ...) gives them. Only the
  // colouring (at most MaxImageSide² lookups) runs here.
  void setPooledMatrix(std::shared_ptr<const rnnlab::Matrix> values, double maxAbs,
                       rnnlab::Matrix strongest, QSize block);
  const rnnlab::Matrix& matrix() const { return *m_values; }

  // maxAbs > 0 fixes the scale (values beyond it saturate); maxAbs ≤ 0 means automatic: the
  // largest |value| of the data (1 when the data is all zero, so the legend stays meaningful).
  void setSymmetricScale(double maxAbs);
  // The scale in use: colours run from −scale() (full blue) to +scale() (full red).
  double scale() const { return m_scale; }
  // The values are magnitudes (norms, never negative): the legend shows 0 … scale(), not the
  // blue half no value can reach.
  void setNonNegative(bool nonNegative);
  bool isNonNegative() const { return m_nonNegative; }

  void setTitle(const QString& title);
  const QString& title() const { return m_title; }
  // The title as drawn in `width` pixels: whole when it fits, else its name without the
  // bracketed shape ("W_ih (4·H×I = 512×65)" → "W_ih": a name reads better than a cut-off
  // shape), elided only when even that is too wide.
  static QString titleToFit(const QString& title, const QFontMetrics& metrics, int width);
  void setAxisTitles(const QString& rowsTitle, const QString& columnsTitle);
  // Labels for each row / column; missing ones default to the 1-based index.
  void setRowLabels(const QStringList& labels);
  const QStringList& rowLabels() const { return m_rowLabels; }
  void setColumnLabels(const QStringList& labels);
  const QStringList& columnLabels() const { return m_columnLabels; }
  // Whether to draw this heatmap's own legend (off when a parent shows one shared legend).
  void setLegendVisible(bool visible);
  // Whether to write each value into its cell when cells are big enough to hold the text.
  void setShowValues(bool show);
  // Rows above which a strong line is drawn: the boundaries of row groups such as the gate
  // blocks of W_ih (e.g. {H, 2H, 3H}). Empty: none.
  void setRowSeparators(const QList<int>& rows);
  const QList<int>& rowSeparators() const { return m_rowSeparators; }
  // Cells are square unless that would waste most of the space (the default), at most this big.
  void setMaximumCellSize(int pixels);

  // The side of the largest whole-pixel square cell that fits the current size (ignoring the
  // maximum), 0 when even one pixel per cell does not fit. Lets a parent give several heatmaps
  // one common cell size.
  int fittingCellSize() const;

  // Every how many rows / columns a label is drawn at the current size (1: all of them; labels are
  // only skipped when they would overlap their neighbours).
  int rowLabelStep() const;
  int columnLabelStep() const;
  // Cells per image pixel (columns × rows): 1×1 unless the matrix was pooled.
  QSize imageBlock() const { return m_block; }
  const QImage& image() const { return m_image; }

  // Where cell (row, col) is drawn in widget coordinates; empty when out of range or no data.
  QRect cellRect(int row, int col) const;
  // The cell under a widget position, or {-1, -1}.
  QPoint cellAt(const QPoint& position) const;  // x = column, y = row
  // The tooltip for a widget position: row and column labels, the value to 6 digits and exactly.
  QString toolTipTextAt(const QPoint& position) const;

  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 signals:
  // The mouse moved onto another cell (-1, -1 when it left the matrix).
  void hoveredCellChanged(int row, int column);
  // A cell of the matrix was double-clicked (not emitted outside the matrix).
  void cellDoubleClicked(int row, int column);

 protected:
  void paintEvent(QPaintEvent* event) override;
  bool event(QEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseDoubleClickEvent(QMouseEvent* event) override;
  void leaveEvent(QEvent* event) override;
  void changeEvent(QEvent* event) override;

 private:
  // The least space between two column labels: enough to tell "x1" from "x2", so a label is only
  // skipped when it would touch its neighbour.
  static constexpr int ColumnLabelGap = 3;

  struct Layout {
    QRect title;
    QRect rowsTitle;  // drawn rotated, or level where the rows are too few for it
    bool rowsTitleRotated = true;
    QRect plot;
    QRect legend;
    int rowLabelRight = 0;  // row labels are right-aligned against this x
    int columnLabelTop = 0;
    int columnsTitleTop = 0;
    int rowLabelStep = 1;  // draw every n-th label when cells are smaller than the text
    int columnLabelStep = 1;
    int fittingCellSize = 0;
  };

  Layout computeLayout() const;
  Layout computeLayout(bool rotatedRowsTitle) const;
  QRect cellRectIn(const QRect& plot, int row, int col) const;
  struct Pooling {
    rnnlab::Matrix strongest;
    QSize block;
  };
  // Takes the values (pooled already when `pooling` is given) and rebuilds the image.
  void setValues(std::shared_ptr<const rnnlab::Matrix> values, Pooling* pooling);
  // Pools and colours the values.
  void rebuildImage();
  // Colours the kept pooling (or the values themselves when not pooled) at the current scale.
  void recolorImage();
  void updateScale();
  // The labels, the values' shape or the font changed: the label widths are measured again.
  void updateLabelMetrics();
  int widestLabel(const QStringList& labels, Eigen::Index count) const;
  int rowLabelWidth() const;
  int columnLabelWidth() const;
  QString rowLabel(int row) const;
  QString columnLabel(int column) const;
  void setHoveredCell(QPoint cell);

  static std::shared_ptr<const rnnlab::Matrix> emptyMatrix();

  std::shared_ptr<const rnnlab::Matrix> m_values;  // never null
  QImage m_image;  // one pixel per cell (or block), rebuilt when the values or the scale change
  rnnlab::Matrix m_pooled;  // each block's strongest value when pooled (m_block > 1×1)
  QSize m_block{1, 1};
  double m_requestedScale = 0.0;
  double m_scale = 1.0;
  QString m_title;
  QString m_rowsTitle;
  QString m_columnsTitle;
  QStringList m_rowLabels;
  QStringList m_columnLabels;
  bool m_legendVisible = true;
  bool m_nonNegative = false;
  bool m_showValues = true;
  int m_maximumCellSize = 48;
  // The widest row and column label in the current font; −1: to be measured.
  mutable int m_rowLabelWidth = -1;
  mutable int m_columnLabelWidth = -1;
  QPoint m_hoveredCell{-1, -1};
  QList<int> m_rowSeparators;
};
