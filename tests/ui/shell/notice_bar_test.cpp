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

  // Two long notices at once must not push a 640-pixel window past the screen: each shows two
  // lines ending in "…", its whole text in the tooltip and in text(), and a click shows it all.
  void longNoticesKeepToTwoLinesUntilClicked() {
    QWidget window;
    window.resize(1024, 640);
    auto* bar = new NoticeBar(&window);
    bar->setGeometry(0, 0, 1024, 300);
    QString words;
    for (int i = 0; i < 120; ++i) {
      words += QStringLiteral("word%1 ").arg(i);
    }
    const QString text = words.trimmed();
    bar->show(NoticeKind::Divergence, text);
    bar->show(NoticeKind::Preset, QStringLiteral("Short."));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QLabel* label = nullptr;
    for (QLabel* candidate : bar->findChildren<QLabel*>()) {
      if (candidate->text().startsWith(QStringLiteral("word0"))) {
        label = candidate;
      }
    }
    QVERIFY(label != nullptr);
    const int lineHeight = label->fontMetrics().lineSpacing();
    QVERIFY2(label->text().endsWith(QStringLiteral("…")), qPrintable(label->text()));
    QVERIFY2(label->sizeHint().height() <= 2 * lineHeight + 2,
             qPrintable(QString::number(label->sizeHint().height())));
    QCOMPARE(bar->text(NoticeKind::Divergence), text);
    QVERIFY(label->toolTip().startsWith(text));
    QTest::mouseClick(label, Qt::LeftButton);
    QCOMPARE(label->text(), text);
    QVERIFY(label->sizeHint().height() > 3 * lineHeight);
    QTest::mouseClick(label, Qt::LeftButton);
    QVERIFY(label->text().endsWith(QStringLiteral("…")));
    // A short notice is shown whole, with no tooltip.
    bar->show(NoticeKind::Divergence, QStringLiteral("Short too."));
    QCOMPARE(label->text(), QStringLiteral("Short too."));
    QVERIFY(label->toolTip().isEmpty());
  }
};

QTEST_MAIN(NoticeBarTest)
#include "notice_bar_test.moc"
