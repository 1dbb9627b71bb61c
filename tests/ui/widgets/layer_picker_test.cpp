// LayerPicker and the CellChoice it shows: the boxes offer the model's layers (and directions
// when bidirectional), nothing shows for one cell, a shared choice moves every picker bound to
// it, and the choice stays inside the model's shape as the model changes.

#include "widgets/layer_picker.h"

#include <QComboBox>
#include <QSignalSpy>
#include <QTest>

#include "widgets/cell_choice.h"

class LayerPickerTest : public QObject {
  Q_OBJECT

 private slots:
  void showsOnlyWhatThereIsToPick() {
    LayerPicker picker;
    QVERIFY(picker.isHidden());  // one cell at first
    picker.choice()->setShape(3, 1);
    QVERIFY(!picker.isHidden());
    QVERIFY(picker.directionBox()->isHidden());
    QCOMPARE(picker.layerBox()->count(), 3);
    QCOMPARE(picker.layerBox()->itemText(0), QStringLiteral("layer 0 (l0)"));
    QCOMPARE(picker.layerBox()->itemText(2), QStringLiteral("layer 2 (l2)"));
    picker.choice()->setShape(1, 2);  // one layer, two directions: still a choice
    QVERIFY(!picker.isHidden());
    QVERIFY(!picker.directionBox()->isHidden());
    QCOMPARE(picker.directionBox()->itemText(0), QStringLiteral("forward"));
    QCOMPARE(picker.directionBox()->itemText(1), QStringLiteral("reverse"));
    picker.choice()->setShape(1, 1);
    QVERIFY(picker.isHidden());
  }

  void theBoxesChooseAndFollowTheChoice() {
    LayerPicker picker;
    picker.choice()->setShape(2, 2);
    QSignalSpy changed(&picker, &LayerPicker::cellChanged);
    picker.layerBox()->setCurrentIndex(1);
    emit picker.layerBox()->activated(1);
    picker.directionBox()->setCurrentIndex(1);
    emit picker.directionBox()->activated(1);
    QCOMPARE(changed.count(), 2);
    QCOMPARE(picker.choice()->layer(), 1);
    QCOMPARE(picker.choice()->direction(), 1);
    QCOMPARE(picker.choice()->label(), QStringLiteral("layer 1 (l1), reverse"));
    picker.choice()->choose(0, 0);  // from elsewhere: the boxes follow
    QCOMPARE(picker.layerBox()->currentIndex(), 0);
    QCOMPARE(picker.directionBox()->currentIndex(), 0);
    QCOMPARE(changed.count(), 3);
  }

  // The same shape keeps the choice (a new snapshot, a reset); fewer layers move it to the new
  // top layer, no reverse direction to the forward one; more layers keep it.
  void theChoiceStaysInsideTheModel() {
    CellChoice choice;
    choice.setShape(4, 2);
    choice.choose(3, 1);
    QSignalSpy changed(&choice, &CellChoice::changed);
    choice.setShape(4, 2);
    QCOMPARE(changed.count(), 0);
    choice.setShape(2, 2);
    QCOMPARE(choice.layer(), 1);
    QCOMPARE(choice.direction(), 1);
    choice.setShape(2, 1);
    QCOMPARE(choice.direction(), 0);
    choice.setShape(8, 1);
    QCOMPARE(choice.layer(), 1);
    choice.choose(12, 5);  // clamped
    QCOMPARE(choice.layer(), 7);
    QCOMPARE(choice.direction(), 0);
    choice.setShape(1, 1);
    QCOMPARE(choice.layer(), 0);
    QVERIFY(!choice.hasChoice());
    QCOMPARE(choice.label(), QString());
  }

  void pickersSharingAChoiceMoveTogether() {
    CellChoice shared;
    LayerPicker first;
    LayerPicker second;
    first.setChoice(&shared);
    second.setChoice(&shared);
    shared.setShape(3, 1);
    QSignalSpy secondChanged(&second, &LayerPicker::cellChanged);
    first.layerBox()->setCurrentIndex(2);
    emit first.layerBox()->activated(2);
    QCOMPARE(second.layerBox()->currentIndex(), 2);
    QCOMPARE(secondChanged.count(), 1);
    // The picker's own choice is no longer shown or moved.
    CellChoice* own = first.findChild<CellChoice*>();
    QVERIFY(own != nullptr);
    own->setShape(5, 2);
    QCOMPARE(first.layerBox()->count(), 3);
  }

  // The shared choice may go first as a window closes: the picker keeps working on its own.
  void aPickerOutlivesItsSharedChoice() {
    LayerPicker picker;
    {
      CellChoice shared;
      shared.setShape(2, 1);
      picker.setChoice(&shared);
      QCOMPARE(picker.choice(), &shared);
    }
    QVERIFY(picker.choice() != nullptr);
    QCOMPARE(picker.choice(), picker.findChild<CellChoice*>());
    picker.choice()->setShape(3, 2);
    QCOMPARE(picker.layerBox()->count(), 3);
    picker.layerBox()->setCurrentIndex(2);
    emit picker.layerBox()->activated(2);
    QCOMPARE(picker.choice()->layer(), 2);
  }
};

QTEST_MAIN(LayerPickerTest)
#include "layer_picker_test.moc"
