// DataSetPanel: every edit emits one sequenceSetEdited with the set the edit makes; bad CSV gives
// one message naming the file, line and column and changes nothing.

#include "editors/data_set_panel.h"

#include <QFile>
#include <QListWidget>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

#include "editors/sequence_sparkline_delegate.h"
#include "rnnlab/sequence_set_csv.h"

Q_DECLARE_METATYPE(rnnlab::SequenceSet)

namespace {

// A sequence whose every cell is `value`, `steps` long, one input and one target column.
rnnlab::SequenceData constant(double value, int steps) {
  return {rnnlab::Matrix::Constant(steps, 1, value), rnnlab::Matrix::Constant(steps, 1, value)};
}

// Training 0, 1, 2 (lengths 3, 4, 5) and validation 10 (length 6).
rnnlab::SequenceSet sample() {
  rnnlab::SequenceSet set;
  set.train = {constant(0, 3), constant(1, 4), constant(2, 5)};
  set.validation = {constant(10, 6)};
  set.batchSize = 2;
  set.shuffle = true;
  return set;
}

rnnlab::SequenceSet lastEdit(const QSignalSpy& spy) {
  return spy.last().at(0).value<rnnlab::SequenceSet>();
}

}  // namespace

class DataSetPanelTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { qRegisterMetaType<rnnlab::SequenceSet>(); }

  void showsRowsWithLengthsAndValues() {
    DataSetPanel panel;
    panel.setSequenceSet(sample());
    QCOMPARE(panel.list(false)->count(), 3);
    QCOMPARE(panel.list(true)->count(), 1);
    QListWidgetItem* item = panel.list(false)->item(2);
    QCOMPARE(item->text(), QStringLiteral("#2"));
    QCOMPARE(item->data(SequenceSparklineDelegate::LengthRole).toInt(), 5);
    QCOMPARE(item->data(SequenceSparklineDelegate::ValuesRole).value<QList<double>>(),
             QList<double>({2, 2, 2, 2, 2}));
    // setSequenceSet emits nothing.
    QSignalSpy edited(&panel, &DataSetPanel::sequenceSetEdited);
    panel.setSequenceSet(sample());
    QCOMPARE(edited.count(), 0);
  }

  void sparklineKeepsExtremes() {
    QList<double> column;
    for (int i = 0; i < 1000; ++i) {
      column.append(i == 537 ? 50.0 : (i == 801 ? -7.0 : 0.0));
    }
    const QList<double> shown = SequenceSparklineDelegate::sparklineValues(column, 100);
    QCOMPARE(shown.size(), 100);
    QCOMPARE(*std::max_element(shown.begin(), shown.end()), 50.0);
    QCOMPARE(*std::min_element(shown.begin(), shown.end()), -7.0);
    // The spike comes before the dip, as in time.
    QVERIFY(shown.indexOf(50.0) < shown.indexOf(-7.0));
  }

  void removeEmitsTheSetWithoutIt() {
    DataSetPanel panel;
    panel.setSequenceSet(sample());
    QSignalSpy edited(&panel, &DataSetPanel::sequenceSetEdited);
    panel.selectSequence(false, 1);
    QVERIFY(panel.removeSelected());
    QCOMPARE(edited.count(), 1);
    rnnlab::SequenceSet expected = sample();
    expected.train.erase(expected.train.begin() + 1);
    QCOMPARE(lastEdit(edited), expected);
    QCOMPARE(panel.list(false)->count(), 2);
    QVERIFY(!edited.last().at(1).toString().isEmpty());
  }

  void deleteKeyRemovesAndCtrlDDuplicates() {
    DataSetPanel panel;
    panel.setSequenceSet(sample());
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QSignalSpy edited(&panel, &DataSetPanel::sequenceSetEdited);
    panel.selectSequence(false, 2);
    panel.list(false)->setFocus();
    QTest::keyClick(panel.list(false), Qt::Key_D, Qt::ControlModifier);
    QCOMPARE(edited.count(), 1);
    rnnlab::SequenceSet expected = sample();
    expected.train.insert(expected.train.begin() + 3, constant(2, 5));
    QCOMPARE(lastEdit(edited), expected);
    QCOMPARE(panel.selectedIndex(), 3);
    QTest::keyClick(panel.list(false), Qt::Key_Delete);
    QCOMPARE(edited.count(), 2);
    QCOMPARE(lastEdit(edited), sample());
    // Delete elsewhere in the panel (the split box here) leaves the sequences alone.
    auto* split = panel.findChild<QSpinBox*>();
    split->setFocus();
    QTest::keyClick(split, Qt::Key_Delete);
    QCOMPARE(edited.count(), 2);
  }

  void duplicateInsertsACopyAfter() {
    DataSetPanel panel;
    panel.setSequenceSet(sample());
    QSignalSpy edited(&panel, &DataSetPanel::sequenceSetEdited);
    QSignalSpy selected(&panel, &DataSetPanel::sequenceSelected);
    panel.selectSequence(true, 0);
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected.last().at(0).toBool(), true);
    QVERIFY(panel.duplicateSelected());
    QCOMPARE(edited.count(), 1);
    rnnlab::SequenceSet expected = sample();
    expected.validation.push_back(constant(10, 6));
    QCOMPARE(lastEdit(edited), expected);
    QVERIFY(panel.selectedIsValidation());
    QCOMPARE(panel.selectedIndex(), 1);
  }

  void addMakesZerosShapedLikeTheSelected() {
    DataSetPanel panel;
    panel.setSequenceSet(sample());
    QSignalSpy edited(&panel, &DataSetPanel::sequenceSetEdited);
    panel.selectSequence(false, 1);
    QVERIFY(panel.addSequence());
    QCOMPARE(edited.count(), 1);
    rnnlab::SequenceSet expected = sample();
    expected.train.insert(expected.train.begin() + 2, constant(0, 4));
    QCOMPARE(lastEdit(edited), expected);
  }

  void moveGoesToTheEndOfTheOtherList() {
    DataSetPanel panel;
    panel.setSequenceSet(sample());
    QSignalSpy edited(&panel, &DataSetPanel::sequenceSetEdited);
    panel.selectSequence(false, 0);
    QVERIFY(panel.moveSelected());
    rnnlab::SequenceSet expected = sample();
    expected.train.erase(expected.train.begin());
    expected.validation.push_back(constant(0, 3));
    QCOMPARE(edited.count(), 1);
    QCOMPARE(lastEdit(edited), expected);
    QVERIFY(panel.selectedIsValidation());
    QCOMPARE(panel.selectedIndex(), 1);
    // And back.
    QVERIFY(panel.moveSelected());
    expected.validation.pop_back();
    expected.train.push_back(constant(0, 3));
    QCOMPARE(edited.count(), 2);
    QCOMPARE(lastEdit(edited), expected);
  }

  void theLastTrainingSequenceStays() {
    DataSetPanel panel;
    rnnlab::SequenceSet set;
    set.train = {constant(1, 3)};
    panel.setSequenceSet(set);
    QSignalSpy edited(&panel, &DataSetPanel::sequenceSetEdited);
    panel.selectSequence(false, 0);
    QVERIFY(!panel.removeSelected());
    QVERIFY(!panel.moveSelected());
    QCOMPARE(edited.count(), 0);
  }

  void anEmptySetIsShownAndRefusesEdits() {
    DataSetPanel panel;
    panel.setSequenceSet(rnnlab::SequenceSet{});
    QSignalSpy edited(&panel, &DataSetPanel::sequenceSetEdited);
    QCOMPARE(panel.list(false)->count(), 0);
    QCOMPARE(panel.selectedIndex(), -1);
    QVERIFY(!panel.addSequence());
    QVERIFY(!panel.removeSelected());
    QVERIFY(!panel.duplicateSelected());
    QVERIFY(!panel.moveSelected());
    QCOMPARE(edited.count(), 0);
  }

  void resplitUsesTheCoreSplit() {
    DataSetPanel panel;
    panel.setSequenceSet(sample());
    QCOMPARE(panel.validationPercent(), 25);
    QSignalSpy edited(&panel, &DataSetPanel::sequenceSetEdited);
    QVERIFY(panel.resplit(50));
    QCOMPARE(edited.count(), 1);
    rnnlab::SequenceSet expected = sample();
    expected.validation = {constant(2, 5), constant(10, 6)};
    expected.train.pop_back();
    QCOMPARE(lastEdit(edited), expected);  // batch size and shuffle kept
    QCOMPARE(panel.list(true)->count(), 2);
    QVERIFY(!panel.resplit(50));  // the same split again changes nothing
    QCOMPARE(edited.count(), 1);
  }

  void badCsvGivesOneMessageAndNoSignal() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bad.csv"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("sequence,input1,target1\na,0.1,0.5\na,0.2,x\n");
    file.close();
    DataSetPanel panel;
    panel.setSequenceSet(sample());
    QSignalSpy edited(&panel, &DataSetPanel::sequenceSetEdited);
    QString error;
    QVERIFY(!panel.importCsvFile(path, &error));
    QCOMPARE(edited.count(), 0);
    QVERIFY2(error.contains(QStringLiteral("bad.csv")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("line 3")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("column 3")), qPrintable(error));
    QVERIFY2(!error.contains(QLatin1Char('\n')), qPrintable(error));
    QCOMPARE(panel.sequenceSet(), sample());
  }

  void csvImportSplitsAndExportRoundTrips() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("all.csv"));
    DataSetPanel panel;
    panel.setSequenceSet(sample());
    QString error;
    QVERIFY2(panel.exportCsvFile(path, &error), qPrintable(error));
    panel.setConfirmStructuralChanges(false);
    QSignalSpy edited(&panel, &DataSetPanel::sequenceSetEdited);
    QVERIFY(panel.resplit(0));
    QVERIFY2(panel.importCsvFile(path, &error), qPrintable(error));
    QCOMPARE(edited.count(), 2);
    // Split by the panel's share (now 0 %), batch size and shuffle kept.
    rnnlab::SequenceSet together = sample();
    together.train.push_back(together.validation.front());
    together.validation.clear();
    QCOMPARE(lastEdit(edited), together);
    QVERIFY(panel.resplit(25));
    QCOMPARE(lastEdit(edited), sample());
    const QString folder = dir.filePath(QStringLiteral("folder"));
    QVERIFY2(panel.exportFolder(folder, &error), qPrintable(error));
    QVERIFY2(panel.importFolder(folder, &error), qPrintable(error));
    QCOMPARE(edited.count(), 4);
    QCOMPARE(lastEdit(edited), sample());
  }
};

QTEST_MAIN(DataSetPanelTest)
#include "data_set_panel_test.moc"
