// TrainingStatusBar: a message too long for the room beside the permanent widgets (a 1024-pixel
// window with a data set's sequence picker) hides the details while it shows, and they come
// back when it goes; a short message, or a presentation that hid them, leaves them as they are.
// With learning-rate decay it shows the rate the next update uses.

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

  void theRateInUseShowsWhileItDecays() {
    TrainingStatusBar bar;
    auto* rate = bar.findChild<QLabel*>(QStringLiteral("rateLabel"));
    QVERIFY(rate != nullptr);
    TrainingSnapshot snapshot;
    snapshot.iteration = 12;
    snapshot.settings.learningRate = 0.2;
    bar.showSnapshot(snapshot);
    QVERIFY(!rate->isVisibleTo(&bar));  // no decay: η is the setting, shown in Settings
    // The spec's example (s = 5, n = 3): iteration 12 uses ηγ².
    snapshot.settings.lrDecay = 0.5;
    snapshot.settings.lrDecayStart = 5;
    snapshot.settings.lrDecayEvery = 3;
    bar.showSnapshot(snapshot);
    QVERIFY(rate->isVisibleTo(&bar));
    QCOMPARE(rate->text(), QStringLiteral("η = 0.05"));
    QVERIFY(rate->toolTip().contains(QStringLiteral("learning rate")));
    snapshot.iteration = 7;
    bar.showSnapshot(snapshot);
    QCOMPARE(rate->text(), QStringLiteral("η = 0.2"));
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
