// Presentation mode on the real window: F11 scales the application's text and every chart's by
// the factor, thickens the lines, switches to a high-contrast palette (dark when the palette was
// dark), hides the status bar's details and the docks' buttons, tells others through toggled();
// switching it off puts back exactly the font, palette, pens, dock state and features.
//
// With RNNLAB_PRESENTATION_PNG=folder the test also saves pictures of the window (light, dark).

#include "shell/presentation_mode.h"

#include <QAction>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QDockWidget>
#include <QLabel>
#include <QLineSeries>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabBar>
#include <QValueAxis>
#include <QtTest>

#include "editors/settings_panel.h"
#include "shell/main_window.h"
#include "views/loss_chart.h"
#include "widgets/presentation_style.h"

namespace {

struct ChartLook {
  QFont labels;
  QPen series;
  QBrush background;
};

ChartLook lookOf(const MainWindow& window) {
  QChart* chart = window.findChild<LossChart*>()->chartView()->chart();
  auto* x = qobject_cast<QValueAxis*>(chart->axes(Qt::Horizontal).constFirst());
  auto* series = qobject_cast<QLineSeries*>(chart->series().constFirst());
  return {x->labelsFont(), series->pen(), chart->backgroundBrush()};
}

QHash<QString, int> dockFeatures(const MainWindow& window) {
  QHash<QString, int> features;
  for (QDockWidget* dock : window.findChildren<QDockWidget*>()) {
    features.insert(dock->objectName(), static_cast<int>(dock->features()));
  }
  return features;
}

void savePicture(QWidget& window, const QString& name) {
  const QString folder = qEnvironmentVariable("RNNLAB_PRESENTATION_PNG");
  if (!folder.isEmpty()) {
    window.grab().save(folder + u'/' + name);
  }
}

}  // namespace

class PresentationModeTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("RNN Lab Tests"));
    QCoreApplication::setApplicationName(QStringLiteral("presentation_mode_test"));
    QSettings().clear();
    m_font = QApplication::font();
    m_palette = QApplication::palette();
  }

  void cleanup() {
    QApplication::setFont(m_font);
    QApplication::setPalette(m_palette);
    QSettings().clear();
  }

  void scalesEverythingAndRestoresExactly() {
    MainWindow window;
    window.resize(1600, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    PresentationMode* mode = window.presentation();
    mode->setFullScreenUsed(false);  // the offscreen screen is small; the size is not the test
    PresentationMode::setStoredScale(1.75);
    QCOMPARE(mode->scale(), 1.75);
    QCOMPARE(mode->action()->shortcut(), QKeySequence(Qt::Key_F11));
    QVERIFY(mode->action()->isCheckable());
    QVERIFY(!mode->action()->isChecked());  // off by default

    QTest::qWait(200);  // the first arrangement (DockLayout arranges again after showing)
    const QFont font = QApplication::font();
    const QPalette palette = QApplication::palette();
    const QByteArray state = window.saveState();
    auto geometries = [&window] {
      QStringList list;
      for (QWidget* w : window.findChildren<QWidget*>(Qt::FindDirectChildrenOnly)) {
        // Docks behind another's tab keep a stale size until raised: they are not on screen.
        // The dock tab bars are Qt's own, reused between tab groups in no fixed order.
        if (w->isVisible() && !w->visibleRegion().isEmpty() && !qobject_cast<QTabBar*>(w)) {
          list << QStringLiteral("%1 %2 %3x%4")
                      .arg(w->metaObject()->className(), w->objectName())
                      .arg(w->width())
                      .arg(w->height());
        }
      }
      list.sort();
      return list.join(u' ');
    };
    const QString before = geometries();
    QVERIFY2(before.count(QStringLiteral("QDockWidget")) >= 5, qPrintable(before));
    const QHash<QString, int> features = dockFeatures(window);
    const ChartLook look = lookOf(window);
    auto* panel = window.findChild<SettingsPanel*>();
    auto* iteration = window.findChild<QLabel*>(QStringLiteral("iterationLabel"));
    auto* speed = window.findChild<QLabel*>(QStringLiteral("speedLabel"));
    QVERIFY(panel != nullptr && iteration != nullptr && speed != nullptr);
    const qreal panelPoints = panel->font().pointSizeF();
    const int iterationWidth = iteration->width();
    QVERIFY(speed->isVisibleTo(&window));

    QSignalSpy toggled(mode, &PresentationMode::toggled);
    mode->action()->trigger();
    QCOMPARE(toggled.count(), 1);
    QCOMPARE(toggled.at(0).at(0).toBool(), true);
    QVERIFY(mode->isOn());
    savePicture(window, QStringLiteral("presentation-light.png"));

    // Text: the application's, a panel's, the chart's, a dock title's, all by 1.75.
    QCOMPARE(QApplication::font().pointSizeF(), font.pointSizeF() * 1.75);
    QTRY_COMPARE(panel->font().pointSizeF(), panelPoints * 1.75);
    const ChartLook presented = lookOf(window);
    QCOMPARE(presented.labels.pointSizeF(), look.labels.pointSizeF() * 1.75);
    QCOMPARE(presented.series.widthF(), look.series.widthF() * PresentationMode::LineScale);
    QCOMPARE(PresentationStyle::current().textScale, 1.75);
    for (QDockWidget* dock : window.findChildren<QDockWidget*>()) {
      QVERIFY2(!(dock->features() & QDockWidget::DockWidgetClosable),
               qPrintable(dock->objectName()));
      QVERIFY(!(dock->features() & QDockWidget::DockWidgetFloatable));
      auto* title = qobject_cast<QLabel*>(dock->titleBarWidget());
      QVERIFY(title != nullptr);
      QCOMPARE(title->text(), dock->windowTitle());
      QCOMPARE(title->font().pointSizeF(), font.pointSizeF() * 1.75);
    }
    // The status bar keeps what the room reads, sized for the new text.
    QVERIFY(!speed->isVisibleTo(&window));
    QTRY_VERIFY2(
        iteration->width() >= iterationWidth * 1.6,
        qPrintable(QStringLiteral("%1 -> %2").arg(iterationWidth).arg(iteration->width())));
    // High contrast: black on white for a light palette.
    const QPalette high = QApplication::palette();
    QCOMPARE(high.color(QPalette::Window), QColor(Qt::white));
    QCOMPARE(high.color(QPalette::WindowText), QColor(Qt::black));
    QVERIFY(PresentationStyle::contrastRatio(presented.series.color(), Qt::white) >= 4.5);
    QVERIFY(QSettings().value(QStringLiteral("presentation/on")).toBool());

    mode->action()->trigger();
    QCOMPARE(toggled.count(), 2);
    QCOMPARE(toggled.at(1).at(0).toBool(), false);
    QCOMPARE(QApplication::font(), font);
    QCOMPARE(QApplication::palette(), palette);
    QTRY_COMPARE(panel->font().pointSizeF(), panelPoints);
    QVERIFY(PresentationStyle::current().isPlain());
    const ChartLook back = lookOf(window);
    QCOMPARE(back.labels, look.labels);
    QCOMPARE(back.series, look.series);
    QCOMPARE(back.background, look.background);
    QCOMPARE(dockFeatures(window), features);
    for (QDockWidget* dock : window.findChildren<QDockWidget*>()) {
      QVERIFY(dock->titleBarWidget() == nullptr);
    }
    QTRY_COMPARE(window.saveState(), state);
    QCOMPARE(geometries(), before);
    QTest::qWait(200);  // and it stays so once every layout request has been answered
    QCOMPARE(window.saveState(), state);
    QVERIFY(speed->isVisibleTo(&window));
    QTRY_COMPARE(iteration->width(), iterationWidth);
    QVERIFY(!QSettings().value(QStringLiteral("presentation/on")).toBool());
  }

  void darkPaletteGivesWhiteOnBlack() {
    QPalette dark = m_palette;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::WindowText, QColor(0xdd, 0xdd, 0xdd));
    dark.setColor(QPalette::Text, QColor(0xdd, 0xdd, 0xdd));
    dark.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
    dark.setColor(QPalette::ButtonText, QColor(0xdd, 0xdd, 0xdd));
    QApplication::setPalette(dark);
    MainWindow window;
    window.resize(1920, 1080);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.presentation()->setFullScreenUsed(false);
    window.presentation()->setOn(true);
    QApplication::processEvents();
    savePicture(window, QStringLiteral("presentation-dark.png"));
    QCOMPARE(QApplication::palette().color(QPalette::Window), QColor(Qt::black));
    QCOMPARE(QApplication::palette().color(QPalette::Text), QColor(Qt::white));
    const ChartLook look = lookOf(window);
    const QColor base = QApplication::palette().color(QPalette::Base);
    QVERIFY(base.lightness() < 40);
    QCOMPARE(look.background.color(), base);
    QVERIFY(PresentationStyle::contrastRatio(look.series.color(), base) >= 4.5);
    // Pixels: the chart is drawn dark, not in the light theme's white.
    QChartView* view = window.findChild<LossChart*>()->chartView();
    const QImage chart = view->grab().toImage();
    const QPoint inside = view->mapFromScene(view->chart()->plotArea().topLeft() + QPointF(7, 7));
    QCOMPARE(QColor(chart.pixel(inside)), base);
    window.presentation()->setOn(false);
    QCOMPARE(QApplication::palette(), dark);
  }

  void rememberedForTheNextStart() {
    {
      MainWindow window;
      window.presentation()->setFullScreenUsed(false);
      window.presentation()->restoreRemembered();
      QVERIFY(!window.presentation()->isOn());  // off the first time
      window.presentation()->setOn(true);
    }
    // The window went while presenting: the application has its own look back.
    QCOMPARE(QApplication::font(), m_font);
    QCOMPARE(QApplication::palette(), m_palette);
    QVERIFY(PresentationStyle::current().isPlain());
    MainWindow window;
    window.presentation()->setFullScreenUsed(false);
    window.presentation()->restoreRemembered();
    QVERIFY(window.presentation()->isOn());
    QVERIFY(window.presentation()->action()->isChecked());
    window.presentation()->setOn(false);
    // A scripted picture changes nothing for the user.
    window.presentation()->setRemembering(false);
    window.presentation()->setOn(true);
    QVERIFY(!QSettings().value(QStringLiteral("presentation/on")).toBool());
    window.presentation()->setOn(false);
  }

  void storedScaleIsClamped() {
    PresentationMode::setStoredScale(3.0);
    QCOMPARE(PresentationMode::storedScale(), PresentationMode::MaxScale);
    PresentationMode::setStoredScale(1.1);
    QCOMPARE(PresentationMode::storedScale(), PresentationMode::MinScale);
    PresentationMode::setStoredScale(0);
    QCOMPARE(PresentationMode::storedScale(), 0.0);
  }

 private:
  QFont m_font;
  QPalette m_palette;
};

QTEST_MAIN(PresentationModeTest)
#include "presentation_mode_test.moc"
