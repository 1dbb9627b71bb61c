#include "widgets/layer_picker.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QSignalBlocker>

#include "widgets/cell_choice.h"

LayerPicker::LayerPicker(QWidget* parent)
    : QWidget(parent),
      m_choice(new CellChoice(this)),
      m_layers(new QComboBox(this)),
      m_directions(new QComboBox(this)) {
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_layers);
  layout->addWidget(m_directions);
  m_layers->setObjectName(QStringLiteral("layerBox"));
  m_directions->setObjectName(QStringLiteral("directionBox"));
  m_layers->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  m_directions->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  m_layers->setToolTip(
      tr("The layer this view shows, numbered from 0: layer 0 reads x_t, each layer above reads "
         "the outputs of the one below, and y_t reads the top one. Its weights are the blocks "
         "named _l0, _l1, …"));
  m_directions->setToolTip(
      tr("Forward: the cell that reads the sequence from t = 1. Reverse: the cell that reads it "
         "from t = T (blocks named _reverse); its state at step t has read x_t … x_T."));
  connect(m_layers, &QComboBox::activated, this,
          [this](int index) { m_choice->choose(index, m_choice->direction()); });
  connect(m_directions, &QComboBox::activated, this,
          [this](int index) { m_choice->choose(m_choice->layer(), index); });
  setChoice(m_choice);
}

void LayerPicker::setChoice(CellChoice* choice) {
  if (choice != m_choice) {
    disconnect(m_choice, nullptr, this, nullptr);
    m_choice = choice;
  }
  connect(m_choice, &CellChoice::changed, this, &LayerPicker::sync, Qt::UniqueConnection);
  connect(m_choice, &CellChoice::changed, this, &LayerPicker::cellChanged,
          Qt::UniqueConnection);
  sync();
  emit cellChanged();
}

void LayerPicker::sync() {
  const QSignalBlocker layerBlocker(m_layers);
  const QSignalBlocker directionBlocker(m_directions);
  if (m_layers->count() != m_choice->layers()) {
    m_layers->clear();
    for (int layer = 0; layer < m_choice->layers(); ++layer) {
      m_layers->addItem(CellChoice::layerLabel(layer));
    }
  }
  if (m_directions->count() != m_choice->directions()) {
    m_directions->clear();
    for (int direction = 0; direction < m_choice->directions(); ++direction) {
      m_directions->addItem(CellChoice::directionLabel(direction));
    }
  }
  m_layers->setCurrentIndex(m_choice->layer());
  m_directions->setCurrentIndex(m_choice->direction());
  m_directions->setVisible(m_choice->directions() > 1);
  setVisible(m_choice->hasChoice());
}
