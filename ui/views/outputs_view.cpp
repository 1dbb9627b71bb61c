#include "views/outputs_view.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

#include "views/outputs_table_model.h"
#include "widgets/color_legend.h"

OutputsView::OutputsView(QWidget* parent)
    : QWidget(parent),
      m_model(new OutputsTableModel(this)),
      m_table(new QTableView(this)),
      m_caption(new QLabel(this)) {
  m_table->setModel(m_model);
  m_table->setSelectionMode(QAbstractItemView::NoSelection);
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_table->setWordWrap(false);
  fixSectionSizes();
  m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Fixed);
  m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
  m_caption->setWordWrap(true);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(m_caption);
  layout->addWidget(m_table, 1);
  clear();
}

void OutputsView::fixSectionSizes() {
  const QFontMetrics metrics = m_table->fontMetrics();
  // Fixed widths: measuring every row at 30 updates a second would cost more than it shows.
  m_table->horizontalHeader()->setDefaultSectionSize(
      metrics.horizontalAdvance(QStringLiteral("−0.0000")) + 12);
  m_table->verticalHeader()->setDefaultSectionSize(metrics.height() + 8);
}

void OutputsView::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  if (event->type() == QEvent::FontChange) {
    fixSectionSizes();
  }
}

void OutputsView::setForwardPass(const rnnlab::ForwardPass& pass, rnnlab::OutputMode mode,
                                 rnnlab::LossKind loss) {
  m_model->setForwardPass(pass, mode, loss);
  if (pass.outputs.size() == 0) {
    m_caption->setText(tr("Outputs: no forward pass yet"));
    return;
  }
  const bool crossEntropy = loss == rnnlab::LossKind::CrossEntropy;
  const QString targets = mode == rnnlab::OutputMode::Last ? tr("target at the last step only")
                                                           : tr("a target at every step");
  m_caption->setText(tr("<b>Outputs vs targets</b> (%1) &nbsp; loss L = %2<br>"
                        "%3 coloured by δy = ∂L/∂y: <span style='color:#b2182b'>red too "
                        "high</span>, <span style='color:#2166ac'>blue too low</span>, white right "
                        "(full at ±%4)")
                         .arg(targets, QString::asprintf("%.6g", pass.loss),
                              crossEntropy ? tr("p") : tr("y"),
                              ColorLegend::tickText(m_model->errorScale())));
}

void OutputsView::setCharacters(const QStringList& characters) {
  m_model->setCharacters(characters);
}

void OutputsView::clear() {
  m_model->setForwardPass(rnnlab::ForwardPass(), rnnlab::OutputMode::Sequence,
                          rnnlab::LossKind::Mse);
  m_caption->setText(tr("Outputs: no forward pass yet"));
}
