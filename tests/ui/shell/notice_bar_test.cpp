// NoticeBar: one notice per kind, the row hides when empty, Dismiss and extra buttons work.

#include "shell/notice_bar.h"

#include <QFrame>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QtTest>

class NoticeBarTest : public QObject {
  Q_OBJECT

 private:
  static int shownFrames(const NoticeBar& bar) {
    int count = 0;
    for (QFrame* frame : bar.findChildren<QFrame*>()) {
      if (frame->objectName().startsWith(QStringLiteral("notice")) && !frame->isHidden()) {
        ++count;
      }
    }
    return count;
  }

 private slots:
  void showsOneNoticePerKind() {
    NoticeBar bar;
    QVERIFY(bar.isHidden());
    bar.show(NoticeKind::Divergence, QStringLiteral("first"));
    bar.show(NoticeKind::Divergence, QStringLiteral("second"));
    QVERIFY(!bar.isHidden());
    QCOMPARE(shownFrames(bar), 1);
    QCOMPARE(bar.text(NoticeKind::Divergence), QStringLiteral("second"));
    bar.show(NoticeKind::ResetPending, QStringLiteral("reset"));
    QCOMPARE(shownFrames(bar), 2);
    QVERIFY(bar.text(NoticeKind::WhatIf).isEmpty());
  }

  void hidesWhenTheLastNoticeIsCleared() {
    NoticeBar bar;
    bar.show(NoticeKind::Preset, QStringLiteral("a"));
    bar.show(NoticeKind::WhatIf, QStringLiteral("b"));
    bar.clear(NoticeKind::Preset);
    QVERIFY(!bar.isHidden());
    QVERIFY(!bar.isShown(NoticeKind::Preset));
    QVERIFY(bar.text(NoticeKind::Preset).isEmpty());
    bar.clear(NoticeKind::WhatIf);
    QVERIFY(bar.isHidden());
    QCOMPARE(shownFrames(bar), 0);
  }

  void dismissClearsAndSignals() {
    NoticeBar bar;
    QSignalSpy spy(&bar, &NoticeBar::dismissed);
    bar.show(NoticeKind::Divergence, QStringLiteral("the loss rose"));
    QPushButton* dismiss = nullptr;
    for (QPushButton* button : bar.findChildren<QPushButton*>()) {
      if (button->text() == QStringLiteral("Dismiss") && !button->parentWidget()->isHidden()) {
        dismiss = button;
      }
    }
    QVERIFY(dismiss);
    dismiss->click();
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.front().front().value<NoticeKind>(), NoticeKind::Divergence);
    QVERIFY(bar.isHidden());
  }

  void addedButtonsSitInTheirNotice() {
    NoticeBar bar;
    QPushButton* reset = bar.addButton(NoticeKind::ResetPending, QStringLiteral("Reset now"));
    int clicks = 0;
    connect(reset, &QPushButton::clicked, this, [&clicks] { ++clicks; });
    bar.show(NoticeKind::Preset, QStringLiteral("preset"));
    QVERIFY(reset->parentWidget()->isHidden());  // its notice is not up
    bar.show(NoticeKind::ResetPending, QStringLiteral("model changed"));
    QVERIFY(!reset->parentWidget()->isHidden());
    reset->click();
    QCOMPARE(clicks, 1);
  }

  void longTextDoesNotWidenTheRow() {
    NoticeBar bar;
    bar.show(NoticeKind::Divergence, QString(2000, QLatin1Char('x')));
    QVERIFY2(bar.minimumSizeHint().width() < 600,
             qPrintable(QString::number(bar.minimumSizeHint().width())));
  }
};

QTEST_MAIN(NoticeBarTest)
#include "notice_bar_test.moc"
