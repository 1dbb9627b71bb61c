// The window at the sizes a classroom has (1024×640, 1280×720) in both languages, with a numeric
// and a text session after a few iterations: no tab title shrunk to "S…", no status bar field
// over another or cut, no chart wider than its dock (a scroll bar hid the newest iterations),
// no axis title longer than its axis (QtCharts then elides it, to "⋮" in Chinese).

#include <QAbstractScrollArea>
#include <QChart>
#include <QChartView>
#include <QDockWidget>
#include <QGraphicsTextItem>
#include <QLabel>
#include <QProgressBar>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabBar>
#include <QTextDocumentFragment>
#include <QValueAxis>
#include <QtTest>

#include "document/session_document.h"
#include "i18n/interface_language.h"
#include "inspection/iteration_stepper_panel.h"
#include "shell/dock_layout.h"
#include "shell/main_window.h"
#include "shell/presentation_mode.h"
#include "shell/snapshot_presenter.h"
#include "training/training_controller.h"

class WindowFitTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("RNN Lab Tests"));
    QCoreApplication::setApplicationName(QStringLiteral("window_fit_test"));
    QSettings().clear();
  }
  void cleanupTestCase() { InterfaceLanguage::install(QStringLiteral("en")); }

  void everythingFits_data() {
    QTest::addColumn<QString>("language");
    QTest::addColumn<QSize>("size");
    QTest::addColumn<QString>("preset");
    QTest::addColumn<bool>("presentation");
    // Presentation mode on a classroom projector's 1920×1080, in both languages.
    for (const QString& language : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
      for (const QString& preset : {QStringLiteral("example"), QStringLiteral("sonnets")}) {
        QTest::addRow("%s presentation %s", qPrintable(language), qPrintable(preset))
            << language << QSize(1920, 1080) << preset << true;
      }
    }
    for (const QString& language : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
      for (const QSize size : {QSize(1024, 640), QSize(1280, 720)}) {
        for (const QString& preset :
             {QStringLiteral("example"), QStringLiteral("sonnets"), QStringLiteral("noisy-sine")}) {
          QTest::addRow("%s %dx%d %s", qPrintable(language), size.width(), size.height(),
                        qPrintable(preset))
              << language << size << preset << false;
        }
      }
    }
  }

  void everythingFits() {
    QFETCH(QString, language);
    QFETCH(QSize, size);
    QFETCH(QString, preset);
    QFETCH(bool, presentation);
    QSettings().clear();
    InterfaceLanguage::install(language);
    MainWindow window;
    window.setScripted(true);
    QString error;
    QVERIFY2(window.document()->openPreset(preset, &error), qPrintable(error));
    window.resize(size);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    if (presentation) {
      window.presentation()->setFullScreenUsed(false);  // the offscreen screen decides no size
      window.presentation()->setOn(true);
      window.resize(size);
      QCoreApplication::processEvents();
    }
    window.docks()->arrange();
    window.controller()->setSpeed(0);
    window.controller()->step();
    window.controller()->step();
    QTRY_COMPARE(window.controller()->latestSnapshot()->iteration, 2L);
    window.presenter()->refresh();
    QTest::qWait(100);  // the layout passes the new texts cause

    for (const QTabBar* bar : window.findChildren<QTabBar*>()) {
      if (bar->parent() == &window) {  // the docks' tab bars
        QCOMPARE(bar->elideMode(), Qt::ElideNone);
      }
    }

    // Status bar: each field whole, none over another.
    QList<QWidget*> fields;
    for (QWidget* field : window.statusBar()->findChildren<QWidget*>()) {
      if (field->isVisible() && (qobject_cast<QLabel*>(field) || qobject_cast<QProgressBar*>(field))) {
        fields << field;
      }
    }
    for (int a = 0; a < fields.size(); ++a) {
      const QRect ra(fields[a]->mapTo(&window, QPoint(0, 0)), fields[a]->size());
      if (auto* label = qobject_cast<QLabel*>(fields[a]); label && !label->wordWrap()) {
        const int needed = label->fontMetrics().horizontalAdvance(label->text());
        QVERIFY2(needed <= label->contentsRect().width() + 1,
                 qPrintable(QStringLiteral("“%1” needs %2 px, has %3")
                                .arg(label->text())
                                .arg(needed)
                                .arg(label->contentsRect().width())));
      }
      for (int b = a + 1; b < fields.size(); ++b) {
        const QRect rb(fields[b]->mapTo(&window, QPoint(0, 0)), fields[b]->size());
        QVERIFY2(!ra.intersects(rb), qPrintable(fields[a]->objectName() + QStringLiteral(" / ") +
                                                 fields[b]->objectName()));
      }
    }

    // The loss chart fits its dock's width.
    QDockWidget* loss = window.docks()->dock(DockId::Loss);
    window.docks()->raise(QStringLiteral("loss"));
    QCoreApplication::processEvents();
    auto* scroll = qobject_cast<QAbstractScrollArea*>(loss->widget());
    QVERIFY(scroll != nullptr);
    QVERIFY2(!scroll->horizontalScrollBar()->isVisible(),
             qPrintable(QStringLiteral("the loss chart needs %1 px, its dock has %2")
                            .arg(scroll->horizontalScrollBar()->maximum() +
                                 scroll->viewport()->width())
                            .arg(scroll->viewport()->width())));
    QVERIFY2(!scroll->verticalScrollBar()->isVisible(),
             qPrintable(QStringLiteral("the loss chart needs %1 px of height, its dock has %2")
                            .arg(scroll->verticalScrollBar()->maximum() +
                                 scroll->viewport()->height())
                            .arg(scroll->viewport()->height())));

    // In presentation mode the stepper shows the blog network's values whole (they scrolled
    // after three of four rows), the equations taking the rest of the dock.
    if (presentation && preset == QStringLiteral("example")) {
      window.docks()->raise(QStringLiteral("stepper"));
      auto* stepper = window.findChild<IterationStepperPanel*>();
      QVERIFY(stepper != nullptr);
      QTRY_VERIFY(stepper->phaseCount() > 0);
      const auto* values = stepper->findChild<QScrollArea*>();
      QTRY_VERIFY2(values->verticalScrollBar()->maximum() == 0,
                   qPrintable(QStringLiteral("the values need %1 px more")
                                  .arg(values->verticalScrollBar()->maximum())));
    }

    // The k-step prediction of a data set in front too: its axes were cut to "…".
    window.docks()->raise(QStringLiteral("prediction"));
    QCoreApplication::processEvents();
    checkChartsShown(window);
    // Compare runs, behind the loss chart: its one-digit labels once cut a Chinese title to "⋮".
    window.docks()->raise(QStringLiteral("compareRuns"));
    QTest::qWait(100);
    checkChartsShown(window);
  }

 private:
  // Axis titles no longer than their axes, room for the axes' labels and nothing Qt Charts had to
  // cut short, in every chart on screen.
  static void checkChartsShown(MainWindow& window) {
    for (QChartView* view : window.findChildren<QChartView*>()) {
      // Docks behind a tab count as visible to Qt: what is on screen has a visible region.
      if (!view->isVisible() || view->visibleRegion().isEmpty() || view->chart() == nullptr) {
        continue;
      }
      const QRectF plot = view->chart()->plotArea();
      const double line = QFontMetricsF(view->font()).height();
      QVERIFY2(plot.height() >= 4 * line && plot.width() >= 6 * line,
               qPrintable(QStringLiteral("a plot of %1×%2 px in %3")
                              .arg(plot.width())
                              .arg(plot.height())
                              .arg(view->parentWidget()->metaObject()->className())));
      // What Qt Charts draws: it truncates a title or label that does not fit to "...".
      for (const QGraphicsItem* item : view->scene()->items()) {
        if (const auto* text = dynamic_cast<const QGraphicsTextItem*>(item);
            text != nullptr && text->isVisible()) {
          QVERIFY2(!text->toPlainText().endsWith(QStringLiteral("...")),
                   qPrintable(QStringLiteral("“%1” drawn in %2")
                                  .arg(text->toPlainText(), view->parentWidget()->objectName())));
        }
      }
      for (QAbstractAxis* axis : view->chart()->axes()) {
        if (!axis->isVisible() || !axis->isTitleVisible() || axis->titleText().isEmpty()) {
          continue;
        }
        const QFontMetricsF metrics(axis->titleFont());
        const QString title = QTextDocumentFragment::fromHtml(axis->titleText()).toPlainText();
        const double needed = metrics.horizontalAdvance(title);
        const double room =
            axis->orientation() == Qt::Vertical ? plot.height() : plot.width();
        QVERIFY2(needed <= room + 1,
                 qPrintable(QStringLiteral("axis title “%1” needs %2 px, its axis has %3 (%4)")
                                .arg(title)
                                .arg(needed)
                                .arg(room)
                                .arg(view->objectName())));
      }
    }
  }
};

QTEST_MAIN(WindowFitTest)
#include "window_fit_test.moc"
