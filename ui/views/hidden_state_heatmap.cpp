#include "views/hidden_state_heatmap.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QVBoxLayout>
#include <cmath>

#include "rnnlab/batch_pass.h"
#include "views/one_hot_columns.h"
#include "widgets/cell_choice.h"
#include "widgets/color_legend.h"
#include "widgets/flow_layout.h"
#include "widgets/heatmap_widget.h"
#include "widgets/layer_picker.h"
#include "widgets/parameter_blocks.h"

namespace {

QString gateDescription(rnnlab::CellKind cell, const QString& gate) {
  if (cell == rnnlab::CellKind::Lstm) {
    if (gate == QLatin1String("i")) {
      return HiddenStateHeatmap::tr("input gate i_t = σ(·)");
    }
    if (gate == QLatin1String("f")) {
      return HiddenStateHeatmap::tr("forget gate f_t = σ(·)");
    }
    if (gate == QLatin1String("g")) {
      return HiddenStateHeatmap::tr("candidate g_t = tanh(·)");
    }
    if (gate == QLatin1String("o")) {
      return HiddenStateHeatmap::tr("output gate o_t = σ(·)");
    }
  }
  if (gate == QLatin1String("r")) {
    return HiddenStateHeatmap::tr("reset gate r_t = σ(·)");
  }
  if (gate == QLatin1String("z")) {
    return HiddenStateHeatmap::tr("update gate z_t = σ(·)");
  }
  return HiddenStateHeatmap::tr("candidate n_t = tanh(·)");
}

// What each step read, as one-hot indices (−1: not one-hot): x_t's, also when the pass shows a
// layer above the first, whose inputs are the layer below's outputs.
std::vector<int> readIndices(const rnnlab::ForwardPass& pass) {
  if (pass.stack && !pass.indexed() && pass.shownLayer(pass.stack->config()) > 0) {
    return one_hot_columns::hotRows(
        pass.stack->sequenceCellValues(0, 0, 0, rnnlab::BatchPass::CellValues::Input));
  }
  return one_hot_columns::inputIndices(pass);
}

}  // namespace

HiddenStateHeatmap::HiddenStateHeatmap(QWidget* parent)
    : QWidget(parent),
      m_choice(new QComboBox(this)),
      m_heatmap(new HeatmapWidget(this)),
      m_picker(new LayerPicker(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  // What to show, then which cell of a stack: on one line, or two in a narrow dock.
  auto* header = new FlowLayout;
  header->setContentsMargins(4, 2, 4, 0);
  m_choiceRow = new QWidget(this);
  auto* choiceLayout = new QHBoxLayout(m_choiceRow);
  choiceLayout->setContentsMargins(0, 0, 0, 0);
  choiceLayout->addWidget(new QLabel(tr("Show"), m_choiceRow));
  choiceLayout->addWidget(m_choice);
  header->addWidget(m_choiceRow);
  header->addWidget(m_picker);
  layout->addLayout(header);
  layout->addWidget(m_heatmap, 1);
  m_choice->setToolTip(
      tr("The hidden state h_t, and for gated cells the LSTM's cell state c_t or one gate's "
         "activations (units × time steps)."));
  m_heatmap->setAxisTitles(tr("hidden unit"), tr("time step"));
  rebuildChoices(rnnlab::CellKind::Rnn);
  connect(m_choice, &QComboBox::currentIndexChanged, this, [this] { refresh(); });
  connect(m_picker, &LayerPicker::cellChanged, this, [this] {
    showChosenCell();
    refresh();
  });
  refresh();
}

void HiddenStateHeatmap::rebuildChoices(rnnlab::CellKind cell) {
  const QString previous = m_choice->currentData().toString();
  const QSignalBlocker blocker(m_choice);
  m_choice->clear();
  m_choice->addItem(tr("hidden state h_t"), QStringLiteral("h"));
  if (cell == rnnlab::CellKind::Lstm) {
    m_choice->addItem(tr("cell state c_t"), QStringLiteral("c"));
  }
  for (const QString& gate : gateNameList(cell)) {
    m_choice->addItem(gateDescription(cell, gate), gate);
  }
  const int index = m_choice->findData(previous);
  m_choice->setCurrentIndex(index >= 0 ? index : 0);
  m_choiceRow->setVisible(cell != rnnlab::CellKind::Rnn);
  m_choicesCell = cell;
}

QStringList HiddenStateHeatmap::quantities() const {
  QStringList list;
  for (int k = 0; k < m_choice->count(); ++k) {
    list << m_choice->itemData(k).toString();
  }
  return list;
}

void HiddenStateHeatmap::setQuantity(const QString& quantity) {
  const int index = m_choice->findData(quantity);
  m_choice->setCurrentIndex(index >= 0 ? index : 0);
}

void HiddenStateHeatmap::setInputCharacters(const QStringList& characters) {
  if (characters == m_characters) {
    return;
  }
  m_characters = characters;
  refresh();
}

QString HiddenStateHeatmap::quantity() const { return m_choice->currentData().toString(); }

void HiddenStateHeatmap::setForwardPass(const rnnlab::ForwardPass& pass) {
  const rnnlab::Index steps = pass.hidden.cols() - 1;
  if (pass.hidden.rows() == 0 || steps < 1) {
    clear();
    return;
  }
  if (pass.cell != m_choicesCell) {
    rebuildChoices(pass.cell);
  }
  m_pass = pass;
  m_hasPass = true;
  m_inputIndices = readIndices(pass);
  CellChoice* cells = m_picker->choice();
  if (pass.stack) {
    cells->setShape(pass.stack->config());
  } else {
    cells->setShape(1, 1);
  }
  showChosenCell();
  refresh();
}

void HiddenStateHeatmap::showChosenCell() {
  if (m_hasPass && m_pass.stack) {
    const CellChoice* cells = m_picker->choice();
    rnnlab::viewCell(m_pass, cells->layer(), cells->direction());
  }
}

void HiddenStateHeatmap::refresh() {
  // A stack's cell is named in the title, so that an exported image says which one it is.
  const QString cell = m_hasPass && m_pass.stack ? m_picker->choice()->label() : QString();
  const auto titled = [&cell](const QString& title) {
    return cell.isEmpty() ? title : tr("%1 · %2").arg(title, cell);
  };
  if (!m_hasPass) {
    m_heatmap->setTitle(tr("Hidden state h_t"));
    m_heatmap->setSymmetricScale(1.0);  // tanh's range
    m_heatmap->setMatrix(rnnlab::Matrix());
    return;
  }
  const rnnlab::Index steps = m_pass.hidden.cols() - 1;
  const auto units = static_cast<int>(m_pass.hidden.rows());
  const QString shown = quantity();
  const QString letter = shown == QLatin1String("h") ? QStringLiteral("h") : shown;
  // Labels change only with the shape or the quantity, not 30 times a second.
  if (units != m_labelledUnits || m_heatmap->rowLabels().value(0) != letter + QLatin1Char('1')) {
    QStringList rowLabels;
    rowLabels.reserve(units);
    for (int unit = 1; unit <= units; ++unit) {
      rowLabels << letter + QString::number(unit);
    }
    m_heatmap->setRowLabels(rowLabels);
    m_labelledUnits = units;
  }
  QStringList columnLabels;
  if (!m_characters.isEmpty()) {
    for (int index : m_inputIndices) {
      columnLabels << one_hot_columns::label(m_characters, index);
    }
  }
  if (columnLabels != m_columnLabels) {
    m_columnLabels = columnLabels;
    m_heatmap->setColumnLabels(columnLabels);
  }
  const QStringList gates = gateNameList(m_pass.cell);
  const int gate = static_cast<int>(gates.indexOf(shown));
  if (shown == QLatin1String("c") && m_pass.cellState.cols() == steps + 1) {
    const rnnlab::Matrix c = m_pass.cellState.rightCols(steps);
    const double largest = c.size() > 0 ? c.cwiseAbs().maxCoeff() : 0.0;
    const double scale = largest > 0.0 && std::isfinite(largest) ? largest : 1.0;
    m_heatmap->setSymmetricScale(scale);
    m_heatmap->setTitle(
        titled(tr("Cell state c_t (its own scale, ±%1)").arg(ColorLegend::tickText(scale))));
    m_heatmap->setMatrix(c);
    return;
  }
  m_heatmap->setSymmetricScale(1.0);
  if (gate >= 0 && m_pass.gates.rows() > 0) {
    m_heatmap->setTitle(
        titled(tr("Gate %1 (scale ±1, like h_t)").arg(gateDescription(m_pass.cell, shown))));
    m_heatmap->setMatrix(m_pass.gate(gate));
    return;
  }
  m_heatmap->setTitle(titled(tr("Hidden state h_t")));
  m_heatmap->setMatrix(m_pass.hidden.rightCols(steps));
}

void HiddenStateHeatmap::clear() {
  m_hasPass = false;
  m_inputIndices.clear();
  m_pass = rnnlab::ForwardPass();
  refresh();
}
