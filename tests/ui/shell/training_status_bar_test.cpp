// TrainingStatusBar: a message too long for the room beside the permanent widgets (a 1024-pixel
// window with a data set's sequence picker) hides the details while it shows, and they come
// back when it goes; a short message, or a presentation that hid them, leaves them as they are.

#include <QComboBox>
#include <QLabel>
#include <QMainWindow>
#include <QProgressBar>
#include <QtTest>

#include "shell/training_status_bar.h"

class TrainingStatusBarTest : public QObject {
  Q_OBJECT

 private slots:
  void longMessageHidesTheDetailsWhileItShows() {
    QMainWindow window;
    auto* bar = new TrainingStatusBar(&window);
    window.setStatusBar(bar);
    auto* picker = new QComboBox(bar);  // as DataSetDocks adds its SequencePicker
    picker->addItem(QStringLiteral("Training ▸ #0 (20 steps)"));
    bar->insertPermanentWidget(0, picker);
    window.resize(1024, 200);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* progress = bar->findChild<QProgressBar*>();
    auto* speed = bar->findChild<QLabel*>(QStringLiteral("speedLabel"));
    QVERIFY(progress && speed);
    QVERIFY(progress->isVisible() && speed->isVisible());

    bar->showMessage(QStringLiteral("Ok"));
    QCoreApplication::processEvents();
    QVERIFY(progress->isVisible());

    const int roomBefore = picker->x();
    const QString message = QStringLiteral("Target reached: Play runs 2,000 more.");
    QVERIFY2(bar->fontMetrics().horizontalAdvance(message) > roomBefore,
             qPrintable(QString::number(roomBefore)));
    bar->showMessage(message);
    QCoreApplication::processEvents();
    QVERIFY(!progress->isVisible() && !speed->isVisible());
    QVERIFY(picker->isVisible());
    // Now the message fits between the left edge and the picker.
    QVERIFY2(bar->fontMetrics().horizontalAdvance(message) < picker->x(),
             qPrintable(QString::number(picker->x())));

    bar->clearMessage();
    QCoreApplication::processEvents();
    QVERIFY(progress->isVisible() && speed->isVisible());
  }

  void presentationKeepsTheDetailsHidden() {
    QMainWindow window;
    auto* bar = new TrainingStatusBar(&window);
    window.setStatusBar(bar);
    window.resize(600, 200);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* progress = bar->findChild<QProgressBar*>();
    bar->setDetailsVisible(false);
    bar->showMessage(QString(200, QLatin1Char('x')));
    bar->clearMessage();
    QCoreApplication::processEvents();
    QVERIFY(!progress->isVisible());
    bar->setDetailsVisible(true);
    QVERIFY(progress->isVisible());
  }
};

QTEST_MAIN(TrainingStatusBarTest)
#include "training_status_bar_test.moc"
