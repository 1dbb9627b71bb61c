#include "document/preset_library.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>

namespace {

const QString Suffix = QStringLiteral(".rnnlab.json");
const QString Folder = QStringLiteral(":/presets");

QByteArray readResource(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    return {};
  }
  return file.readAll();
}

}  // namespace

QList<PresetLibrary::Preset> PresetLibrary::presets() {
  QList<Preset> list;
  const QStringList files =
      QDir(Folder).entryList({QStringLiteral("*") + Suffix}, QDir::Files, QDir::Name);
  for (const QString& file : files) {
    Preset preset;
    preset.name = file.left(file.size() - Suffix.size());
    const QJsonObject root = QJsonDocument::fromJson(readResource(Folder + u'/' + file)).object();
    // The texts reach the .ts through preset_texts.h (lupdate does not read JSON).
    preset.title = QCoreApplication::translate(
        "Presets", root.value(QStringLiteral("title")).toString().toUtf8().constData());
    if (preset.title.isEmpty()) {
      preset.title = preset.name.left(1).toUpper() + preset.name.mid(1);
    }
    preset.description = QCoreApplication::translate(
        "Presets", root.value(QStringLiteral("description")).toString().toUtf8().constData());
    preset.characters = root.value(QStringLiteral("characters")).toString();
    list.append(preset);
  }
  std::stable_sort(list.begin(), list.end(), [](const Preset& a, const Preset& b) {
    const bool aExample = a.name == QLatin1String("example");
    const bool bExample = b.name == QLatin1String("example");
    if (aExample != bExample) {
      return aExample;
    }
    return a.title.localeAwareCompare(b.title) < 0;
  });
  return list;
}

bool PresetLibrary::contains(const QString& name) { return QFile::exists(resourcePath(name)); }

QString PresetLibrary::resourcePath(const QString& name) { return Folder + u'/' + name + Suffix; }

rnnlab::Session PresetLibrary::load(const QString& name) {
  if (!contains(name)) {
    QStringList names;
    for (const Preset& preset : presets()) {
      names.append(preset.name);
    }
    throw rnnlab::SessionError(
        QCoreApplication::translate("PresetLibrary", "unknown preset '%1' (known: %2)")
            .arg(name, names.join(QStringLiteral(", ")))
            .toStdString());
  }
  const QByteArray json = readResource(resourcePath(name));
  return rnnlab::parseSession(std::string_view(json.constData(), static_cast<size_t>(json.size())));
}
