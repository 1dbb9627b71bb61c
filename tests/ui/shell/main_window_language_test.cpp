// The main window in Chinese: menus, docks, the preset's notice and the status bar speak Chinese,
// View → Language offers the three choices, and at 1280×720 the toolbars' controls all fit (none
// pushed into an overflow menu, none narrower than its text).

#include <QAbstractButton>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QStandardPaths>
#include <QToolBar>
#include <QToolButton>
#include <QTranslator>
#include <QtTest>

#include "i18n/interface_language.h"
#include "shell/dock_layout.h"
#include "shell/main_window.h"

namespace {

bool hasCjk(const QString& text) {
  for (const QChar c : text) {
    if (c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF) {
      return true;
    }
  }
  return false;
}

}  // namespace

class MainWindowLanguageTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("RNN Lab Tests"));
    QCoreApplication::setApplicationName(QStringLiteral("main_window_language_test"));
    QSettings().clear();
    QCOMPARE(InterfaceLanguage::install(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
  }

  void menusAndDocksSpeakChinese() {
    MainWindow window;
    QStringList titles;
    for (QAction* menu : window.menuBar()->actions()) {
      titles << menu->text();
    }
    QCOMPARE(titles, QStringList({QStringLiteral("文件(&F)"), QStringLiteral("编辑(&E)"),
                                  QStringLiteral("数据(&D)"), QStringLiteral("训练(&T)"),
                                  QStringLiteral("视图(&V)"), QStringLiteral("帮助(&H)")}));
    for (QDockWidget* dock : window.docks()->docks()) {
      QVERIFY2(hasCjk(dock->windowTitle()), qPrintable(dock->windowTitle()));
    }
    QMenu* view = window.menuBar()->actions().at(4)->menu();
    QMenu* language = nullptr;
    for (QAction* entry : view->actions()) {
      if (entry->text() == QStringLiteral("语言(&L)")) {
        language = entry->menu();
      }
    }
    QVERIFY(language != nullptr);
    QStringList choices;
    for (QAction* entry : language->actions()) {
      choices << entry->text();
    }
    QCOMPARE(choices, QStringList({QStringLiteral("跟随系统"), QStringLiteral("English"),
                                   QStringLiteral("中文")}));
  }

  void presetNoticeIsTranslated() {
    MainWindow window;
    bool found = false;
    for (QLabel* label : window.findChildren<QLabel*>()) {
      found = found || label->text().contains(QStringLiteral("那篇博客里的网络和数据"));
    }
    QVERIFY(found);
  }

  void toolbarsFitAt1280x720() {
    MainWindow window;
    window.resize(1280, 720);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    for (QToolBar* bar : window.findChildren<QToolBar*>()) {
      if (!bar->isVisible()) {
        continue;
      }
      // A toolbar too narrow for its items shows the extension button (»).
      for (QToolButton* button : bar->findChildren<QToolButton*>()) {
        if (button->objectName() == QLatin1String("qt_toolbar_ext_button")) {
          QVERIFY2(!button->isVisible(), qPrintable(bar->objectName()));
        }
      }
      for (QWidget* child : bar->findChildren<QWidget*>()) {
        if (!child->isVisible()) {
          continue;
        }
        if (auto* button = qobject_cast<QToolButton*>(child); button && !button->text().isEmpty()) {
          QVERIFY2(button->width() >= button->fontMetrics().horizontalAdvance(
                                          QString(button->text()).remove(QLatin1Char('&'))),
                   qPrintable(button->text()));
        }
        if (auto* label = qobject_cast<QLabel*>(child)) {
          QVERIFY2(label->width() >= label->minimumSizeHint().width(), qPrintable(label->text()));
        }
      }
    }
  }
};

QTEST_MAIN(MainWindowLanguageTest)
#include "main_window_language_test.moc"
