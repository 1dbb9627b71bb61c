#include "i18n/interface_language.h"

#include <QActionGroup>
#include <QLibraryInfo>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QTranslator>

namespace {

const QString LanguageKey = QStringLiteral("ui/language");

// English is the source language: it needs no file, and it must win over a system locale whose
// file exists, so "en" is matched before any translation is looked up.
bool isEnglish(const QLocale& locale) { return locale.language() == QLocale::English; }

}  // namespace

const QString InterfaceLanguage::SystemCode = QStringLiteral("system");

QList<InterfaceLanguage::Choice> InterfaceLanguage::choices() {
  return {{SystemCode, tr("System")},
          {QStringLiteral("en"), QStringLiteral("English")},
          {QStringLiteral("zh_CN"), QStringLiteral("中文")}};
}

QString InterfaceLanguage::stored() {
  return QSettings().value(LanguageKey, SystemCode).toString();
}

void InterfaceLanguage::store(const QString& code) { QSettings().setValue(LanguageKey, code); }

namespace {
QString& spoken() {
  static QString language = QStringLiteral("en");
  return language;
}
}  // namespace

QString InterfaceLanguage::current() { return spoken(); }

QString InterfaceLanguage::install(const QString& code) {
  QLocale locale;
  if (code.isEmpty() || code == SystemCode) {
    locale = QLocale::system();
  } else {
    bool known = false;
    for (const Choice& choice : choices()) {
      known = known || choice.code == code;
    }
    if (!known) {
      return QString();
    }
    locale = QLocale(code);
  }
  spoken() = QStringLiteral("en");
  if (isEnglish(locale)) {
    return QStringLiteral("en");
  }
  // Owned by the application: they live as long as it does.
  auto* own = new QTranslator(QCoreApplication::instance());
  if (!own->load(locale, QStringLiteral("rnnlab"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
    delete own;
    return QStringLiteral("en");
  }
  QCoreApplication::installTranslator(own);
  auto* qt = new QTranslator(QCoreApplication::instance());
  if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
               QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
    QCoreApplication::installTranslator(qt);
  } else {
    delete qt;
  }
  spoken() = own->language();
  return own->language();
}

void InterfaceLanguage::fillMenu(QMenu* menu, QWidget* dialogParent) {
  auto* group = new QActionGroup(menu);
  const QString current = stored();
  for (const Choice& choice : choices()) {
    QAction* action = group->addAction(choice.label);
    action->setCheckable(true);
    action->setChecked(choice.code == current);
    action->setData(choice.code);
    menu->addAction(action);
    QObject::connect(action, &QAction::triggered, menu, [code = choice.code, dialogParent] {
      if (code == stored()) {
        return;
      }
      store(code);
      QMessageBox::information(dialogParent, tr("Language"),
                               tr("The new language applies when RNN Lab is started again."));
    });
  }
}
