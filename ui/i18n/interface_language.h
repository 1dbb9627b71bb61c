#pragma once

// Which language the interface speaks. The choice made in View → Language is stored in QSettings;
// without one (or with "System") the system locale decides. RNN Lab's own strings come from the
// translations embedded as resources (:/i18n/rnnlab_<locale>.qm), Qt's own (dialog buttons, text
// field context menus) from Qt's installed qtbase_<locale>.qm when the system has it. Translators
// are installed once before the first window exists, so a change applies at the next start.

#include <QCoreApplication>
#include <QList>
#include <QString>

class QMenu;
class QWidget;

class InterfaceLanguage {
  Q_DECLARE_TR_FUNCTIONS(InterfaceLanguage)

 public:
  // Stored codes: SystemCode (follow the system locale), "en" and "zh_CN".
  static const QString SystemCode;

  struct Choice {
    QString code;
    QString label;  // in its own language, so it is findable whatever the UI speaks
  };
  static QList<Choice> choices();

  static QString stored();
  static void store(const QString& code);

  // Installs the translators for code (SystemCode: the system locale) on the application and
  // returns the locale name the interface now speaks ("en" when nothing matched). An unknown code
  // installs nothing and returns an empty string.
  static QString install(const QString& code);
  // What the last install() returned ("en" before any): the language the interface speaks.
  static QString current();

  // View → Language: one checkable entry per choice; picking one stores it and says that it
  // applies at the next start.
  static void fillMenu(QMenu* menu, QWidget* dialogParent);
};
