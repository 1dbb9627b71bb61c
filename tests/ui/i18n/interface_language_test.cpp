// InterfaceLanguage: the embedded zh_CN translation and Qt's own are installed on request, English
// and unknown codes install nothing, the choice is stored, and Chinese text reaches the screen as
// glyphs (a CJK font is installed), not as empty boxes.

#include "i18n/interface_language.h"

#include <QApplication>
#include <QFontDatabase>
#include <QImage>
#include <QLibraryInfo>
#include <QMenu>
#include <QPainter>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>
#include <QTranslator>
#include <QtTest>

namespace {

QString translated(const char* context, const char* source) {
  return QCoreApplication::translate(context, source);
}

// The text drawn black on white; the glyphs' ink as an image.
QImage rendered(const QString& text) {
  QFont font;
  font.setPixelSize(32);
  QImage image(160, 48, QImage::Format_RGB32);
  image.fill(Qt::white);
  QPainter painter(&image);
  painter.setFont(font);
  painter.setPen(Qt::black);
  painter.drawText(image.rect(), Qt::AlignCenter, text);
  return image;
}

int inkPixels(const QImage& image) {
  int count = 0;
  for (int y = 0; y < image.height(); ++y) {
    for (int x = 0; x < image.width(); ++x) {
      count += qGray(image.pixel(x, y)) < 128 ? 1 : 0;
    }
  }
  return count;
}

void removeTranslators() {
  for (QTranslator* translator : QCoreApplication::instance()->findChildren<QTranslator*>()) {
    QCoreApplication::removeTranslator(translator);
    delete translator;
  }
}

}  // namespace

class InterfaceLanguageTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("RNN Lab Tests"));
    QCoreApplication::setApplicationName(QStringLiteral("interface_language_test"));
    QSettings().clear();
  }

  void cleanup() { removeTranslators(); }

  void chineseTranslatesTheInterface() {
    QCOMPARE(translated("MainActions", "&File"), QStringLiteral("&File"));
    QCOMPARE(InterfaceLanguage::install(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
    QCOMPARE(translated("MainActions", "&File"), QStringLiteral("文件(&F)"));
    QCOMPARE(translated("PhaseValues", "Backward t = %1 of %2"),
             QStringLiteral("反向 t = %1 / %2"));
    // Plural forms: Chinese has one, and %n is kept.
    QCOMPARE(
        QCoreApplication::translate("SequenceEditor", " (and %n more bad cell(s))", nullptr, 3),
        QStringLiteral("（还有 3 个错误单元格）"));
  }

  void qtsOwnStringsFollowWhenInstalled() {
    const QString qtFile =
        QLibraryInfo::path(QLibraryInfo::TranslationsPath) + QStringLiteral("/qtbase_zh_CN.qm");
    if (!QFile::exists(qtFile)) {
      QSKIP("qtbase_zh_CN.qm is not installed (Debian: qt6-translations-l10n)");
    }
    InterfaceLanguage::install(QStringLiteral("zh_CN"));
    QCOMPARE(translated("QPlatformTheme", "Cancel"), QStringLiteral("取消"));
  }

  void englishAndUnknownInstallNothing() {
    QCOMPARE(InterfaceLanguage::install(QStringLiteral("en")), QStringLiteral("en"));
    QCOMPARE(translated("MainActions", "&File"), QStringLiteral("&File"));
    QVERIFY(InterfaceLanguage::install(QStringLiteral("klingon")).isEmpty());
    QCOMPARE(translated("MainActions", "&File"), QStringLiteral("&File"));
  }

  void theMenuStoresTheChoice() {
    QCOMPARE(InterfaceLanguage::stored(), InterfaceLanguage::SystemCode);
    QMenu menu;
    InterfaceLanguage::fillMenu(&menu, nullptr);
    QCOMPARE(menu.actions().size(), 3);
    QAction* chinese = menu.actions().at(2);
    QCOMPARE(chinese->text(), QStringLiteral("中文"));
    QVERIFY(menu.actions().at(0)->isChecked());
    // The dialog that says "after a restart" is modal; close it as soon as it shows.
    QTimer::singleShot(0, [] {
      for (QWidget* widget : QApplication::topLevelWidgets()) {
        if (widget->inherits("QMessageBox")) {
          widget->close();
        }
      }
    });
    chinese->trigger();
    QCOMPARE(InterfaceLanguage::stored(), QStringLiteral("zh_CN"));
    QVERIFY(chinese->isChecked());
    QSettings().clear();
  }

  void chineseGlyphsRender() {
    QVERIFY2(!QFontDatabase::families(QFontDatabase::SimplifiedChinese).isEmpty(),
             "no font for Simplified Chinese (Debian: fonts-wqy-microhei or fonts-noto-cjk)");
    const QImage zhong = rendered(QStringLiteral("中"));
    const QImage wen = rendered(QStringLiteral("文"));
    QVERIFY(inkPixels(zhong) > 40);
    QVERIFY(inkPixels(wen) > 40);
    // A missing glyph is drawn as the same empty box for every character.
    QVERIFY(zhong != wen);
  }
};

QTEST_MAIN(InterfaceLanguageTest)
#include "interface_language_test.moc"
