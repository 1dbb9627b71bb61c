#include "widgets/layer_picker.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QSignalBlocker>

#include "widgets/cell_choice.h"

LayerPicker::LayerPicker(QWidget* parent)
    : QWidget(parent),
      m_own(new CellChoice(this)),
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
          [this](int index) { choice()->choose(index, choice()->direction()); });
  connect(m_directions, &QComboBox::activated, this,
          [this](int index) { choice()->choose(choice()->layer(), index); });
  follow(m_own);
  sync();
}

CellChoice* LayerPicker::choice() const { return m_shared ? m_shared.data() : m_own; }

void LayerPicker::setChoice(CellChoice* choice) {
  if (choice != this->choice()) {
    disconnect(this->choice(), nullptr, this, nullptr);
    m_shared = choice == m_own ? nullptr : choice;
    follow(this->choice());
  }
  sync();
  emit cellChanged();
}

void LayerPicker::follow(CellChoice* choice) {
  connect(choice, &CellChoice::changed, this, &LayerPicker::sync);
  connect(choice, &CellChoice::changed, this, &LayerPicker::cellChanged);
  if (choice != m_own) {
    // A shared choice that goes first (as the window closes) leaves the picker its own.
    connect(choice, &QObject::destroyed, this, [this] {
      follow(m_own);
      sync();
    });
  }
}

void LayerPicker::sync() {
  const QSignalBlocker layerBlocker(m_layers);
  const QSignalBlocker directionBlocker(m_directions);
  const CellChoice* cells = choice();
  if (m_layers->count() != cells->layers()) {
    m_layers->clear();
    for (int layer = 0; layer < cells->layers(); ++layer) {
      m_layers->addItem(CellChoice::layerLabel(layer));
    }
  }
  if (m_directions->count() != cells->directions()) {
    m_directions->clear();
    for (int direction = 0; direction < cells->directions(); ++direction) {
      m_directions->addItem(CellChoice::directionLabel(direction));
    }
  }
  m_layers->setCurrentIndex(cells->layer());
  m_directions->setCurrentIndex(cells->direction());
  m_directions->setVisible(cells->directions() > 1);
  setVisible(cells->hasChoice());
}
