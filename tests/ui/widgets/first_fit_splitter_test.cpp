// FirstFitSplitter: the first widget gets its hinted height while the second keeps its lines, the
// second the rest;
// a new hint refits; once the user drags the handle their split stays.

#include "widgets/first_fit_splitter.h"

#include <QTest>

namespace {

class HintedWidget : public QWidget {
 public:
  explicit HintedWidget(int height) : m_height(height) {}
  void setHintHeight(int height) {
    m_height = height;
    updateGeometry();
  }
  QSize sizeHint() const override { return {100, m_height}; }

 private:
  int m_height;
};

}  // namespace

class FirstFitSplitterTest : public QObject {
  Q_OBJECT

 private slots:
  void firstWidgetGetsItsHintWhileTheSecondKeepsItsLines() {
    FirstFitSplitter splitter(4);
    auto* first = new HintedWidget(100);
    auto* second = new HintedWidget(500);
    splitter.addWidget(first);
    splitter.addWidget(second);
    splitter.resize(200, 400 + splitter.handleWidth());
    splitter.show();
    QVERIFY(QTest::qWaitForWindowExposed(&splitter));
    QCOMPARE(splitter.sizes(), (QList<int>{100, 300}));

    const int kept = 4 * second->fontMetrics().lineSpacing();
    first->setHintHeight(390);  // the second widget keeps four lines
    QTRY_COMPARE(splitter.sizes(), (QList<int>{400 - kept, kept}));

    splitter.resize(200, 600 + splitter.handleWidth());  // room for the whole hint
    QTRY_COMPARE(splitter.sizes(), (QList<int>{390, 210}));
  }

  void theUsersSplitIsKept() {
    FirstFitSplitter splitter(4);
    auto* first = new HintedWidget(100);
    splitter.addWidget(first);
    splitter.addWidget(new HintedWidget(100));
    splitter.resize(200, 400 + splitter.handleWidth());
    splitter.show();
    QVERIFY(QTest::qWaitForWindowExposed(&splitter));
    QVERIFY(!splitter.userMoved());
    // What dragging the handle does: QSplitterHandle calls moveSplitter, which emits splitterMoved.
    QSplitterHandle* handle = splitter.handle(1);
    QTest::mousePress(handle, Qt::LeftButton, {}, QPoint(50, 1));
    QTest::mouseMove(handle, QPoint(50, 51));
    QTest::mouseRelease(handle, Qt::LeftButton, {}, QPoint(50, 51));
    QVERIFY(splitter.userMoved());
    const QList<int> chosen = splitter.sizes();
    QVERIFY2(chosen.front() > 120, qPrintable(QString::number(chosen.front())));
    first->setHintHeight(50);
    QTest::qWait(20);
    QCOMPARE(splitter.sizes(), chosen);
  }
};

QTEST_MAIN(FirstFitSplitterTest)
#include "first_fit_splitter_test.moc"
