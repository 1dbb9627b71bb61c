// DockLayout: on a first start (no saved geometry) the window takes most of the screen instead of
// the docks' cramped size hint; a saved geometry wins over that.

#include "shell/dock_layout.h"

#include <QScreen>
#include <QSettings>
#include <QStandardPaths>
#include <QtTest>

#include "shell/main_window.h"

class DockLayoutTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("RNN Lab Tests"));
    QCoreApplication::setApplicationName(QStringLiteral("dock_layout_test"));
  }

  // Each test sets up the settings it needs: neither depends on the other or on their order.
  void init() { QSettings().clear(); }
  void cleanup() { QSettings().clear(); }

  void firstStartTakesMostOfTheScreen() {
    MainWindow window;
    const QRect available = window.screen()->availableGeometry();
    QVERIFY(window.width() >= std::min(available.width() * 9 / 10, 1600));
    QVERIFY(window.height() >= std::min(available.height() * 9 / 10, 1000));
    QVERIFY(window.width() <= available.width());
    QVERIFY(window.height() <= available.height());
  }

  void savedGeometryWins() {
    {
      MainWindow earlier;  // a session that ended at 700 × 500
      earlier.resize(700, 500);
      earlier.docks()->save();
    }
    MainWindow window;
    QCOMPARE(window.size(), QSize(700, 500));
  }
};

QTEST_MAIN(DockLayoutTest)
#include "dock_layout_test.moc"
