// answerToolTip shows the text, or hides the tooltip and ignores the event for empty text.

#include "widgets/tool_tips.h"

#include <QHelpEvent>
#include <QToolTip>
#include <QWidget>
#include <QtTest>

class ToolTipsTest : public QObject {
  Q_OBJECT

 private slots:
  void showsTextOrIgnoresTheEvent() {
    QWidget widget;
    widget.resize(200, 100);
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));
    QHelpEvent shown(QEvent::ToolTip, QPoint(10, 10), widget.mapToGlobal(QPoint(10, 10)));
    shown.accept();
    answerToolTip(&widget, &shown, QStringLiteral("value 0.5"));
    QVERIFY(shown.isAccepted());
    QTRY_VERIFY(QToolTip::isVisible());
    QCOMPARE(QToolTip::text(), QStringLiteral("value 0.5"));

    QHelpEvent empty(QEvent::ToolTip, QPoint(10, 10), widget.mapToGlobal(QPoint(10, 10)));
    empty.accept();
    answerToolTip(&widget, &empty, QString());
    QVERIFY(!empty.isAccepted());  // nothing to say: Qt may ask a parent
    QTRY_VERIFY(!QToolTip::isVisible());
  }
};

QTEST_MAIN(ToolTipsTest)
#include "tool_tips_test.moc"
