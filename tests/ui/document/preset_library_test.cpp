// PresetLibrary: every preset is listed with a title and description and loads as a valid
// session.

#include "document/preset_library.h"

#include <QDir>
#include <QtTest>

#include "rnnlab/session.h"

class PresetLibraryTest : public QObject {
  Q_OBJECT

 private slots:
  void listsThePresets() {
    const QList<PresetLibrary::Preset> presets = PresetLibrary::presets();
    QVERIFY(presets.size() >= 3);
    for (const PresetLibrary::Preset& preset : presets) {
      QVERIFY(!preset.name.isEmpty());
      QVERIFY(!preset.title.isEmpty());
      QVERIFY(PresetLibrary::contains(preset.name));
    }
    for (const char* name : {"sine", "echo", "hello"}) {
      auto it = std::find_if(presets.begin(), presets.end(), [&](const auto& preset) {
        return preset.name == QLatin1String(name);
      });
      QVERIFY2(it != presets.end(), name);
      QVERIFY2(!it->description.isEmpty(), name);
    }
  }

  void loadsValidSessions() {
    for (const PresetLibrary::Preset& preset : PresetLibrary::presets()) {
      rnnlab::Session session = PresetLibrary::load(preset.name);
      auto problem = rnnlab::validate(session);
      QVERIFY2(!problem, qPrintable(preset.name));
    }
    rnnlab::Session hello = PresetLibrary::load(QStringLiteral("hello"));
    QCOMPARE(hello.model.inputSize, 4);
    QCOMPARE(hello.model.outputSize, 4);
    QVERIFY(hello.model.loss == rnnlab::LossKind::CrossEntropy);
    QCOMPARE(hello.data.steps(), 4);
  }

  void listsTheTextPresetsWithTheOthers() {
    // Every file of resources/presets/text/ is in the library, as a text session.
    const QDir folder(QStringLiteral(RNNLAB_SOURCE_DIR "/resources/presets/text"));
    const QStringList files = folder.entryList({QStringLiteral("*.rnnlab.json")}, QDir::Files);
    QVERIFY(files.size() >= 3);
    for (const QString& file : files) {
      const QString name = file.chopped(QStringLiteral(".rnnlab.json").size());
      QVERIFY2(PresetLibrary::contains(name), qPrintable(name));
      const rnnlab::Session session = PresetLibrary::load(name);
      QVERIFY2(session.text.has_value(), qPrintable(name));
      QCOMPARE(session.model.inputSize, session.text->vocabularySize());
    }
  }

  void helloSaysItsColumnsAreCharacters() {
    for (const PresetLibrary::Preset& preset : PresetLibrary::presets()) {
      if (preset.name == QLatin1String("hello")) {
        QCOMPARE(preset.characters, QStringLiteral("helo"));
      } else if (preset.name == QLatin1String("sine")) {
        QVERIFY(preset.characters.isEmpty());
      }
    }
  }

  void unknownNameThrows() {
    QVERIFY_THROWS_EXCEPTION(rnnlab::SessionError, PresetLibrary::load(QStringLiteral("nope")));
  }
};

QTEST_MAIN(PresetLibraryTest)
#include "preset_library_test.moc"
