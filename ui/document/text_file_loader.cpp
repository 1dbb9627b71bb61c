#include "document/text_file_loader.h"

#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "document/text_session_models.h"
#include "rnnlab/limits.h"

namespace {

// The scan is most of the work; preparing the text (indices) is the rest.
constexpr int ScannedPerMille = 900;

std::string_view withoutByteOrderMark(std::string_view bytes) {
  constexpr std::string_view Mark = "\xEF\xBB\xBF";
  return bytes.substr(0, Mark.size()) == Mark ? bytes.substr(Mark.size()) : bytes;
}

}  // namespace

TextFileLoader::TextFileLoader(QObject* parent) : QObject(parent), m_job(this) {}

QString TextFileLoader::problemMessage(const QString& fileName, const rnnlab::TextScanResult& scan,
                                       std::string_view bytes) {
  const QLocale locale;
  switch (scan.problem) {
    case rnnlab::TextScanResult::Problem::None:
      return {};
    case rnnlab::TextScanResult::Problem::Empty:
      return tr("%1 is empty: there is no text to learn from.").arg(fileName);
    case rnnlab::TextScanResult::Problem::Binary:
      return tr("%1 is not a plain text file: it has a zero byte at byte %2 (a binary file, or "
                "text saved as UTF-16). Choose a text saved as UTF-8.")
          .arg(fileName, locale.toString(static_cast<qulonglong>(scan.byteOffset)));
    case rnnlab::TextScanResult::Problem::InvalidUtf8: {
      const std::string_view before = bytes.substr(0, std::min(scan.byteOffset, bytes.size()));
      const auto line = std::count(before.begin(), before.end(), '\n') + 1;
      return tr("%1 is not UTF-8: byte %2 (line %3) is not part of a UTF-8 character. Save the "
                "text as UTF-8 and open it again.")
          .arg(fileName, locale.toString(static_cast<qulonglong>(scan.byteOffset)),
               locale.toString(static_cast<qlonglong>(line)));
    }
    case rnnlab::TextScanResult::Problem::TooManyCharacters:
      return tr("%1 has more than %2 different characters: a text session has one input and "
                "one output per character, at most %2.")
          .arg(fileName, locale.toString(rnnlab::limits::MaxInputSize));
  }
  return {};
}

std::optional<rnnlab::TextData> TextFileLoader::prepareFileText(
    const std::string& bytes, const QString& fileName, const BackgroundFileJob::Control& control,
    QString* error) {
  const std::string_view text = withoutByteOrderMark(bytes);
  // A chunk of 256 KiB takes about a millisecond: often enough for a moving bar and a prompt
  // cancel.
  rnnlab::TextScanner scanner;
  for (std::size_t at = 0; at < text.size(); at += ScanChunkBytes) {
    if (control.cancelled.load()) {
      return std::nullopt;
    }
    if (!scanner.feed(text.substr(at, ScanChunkBytes))) {
      break;
    }
    const auto done = std::min(text.size(), at + ScanChunkBytes);
    control.reportProcessed(static_cast<int>(done * ScannedPerMille / text.size()));
  }
  const rnnlab::TextScanResult scan = scanner.finish();
  if (scan.problem != rnnlab::TextScanResult::Problem::None) {
    *error = problemMessage(fileName, scan, text);
    return std::nullopt;
  }
  rnnlab::TextData data;
  data.text.assign(text);
  data.sequenceLength = textModelPlan(0, TextModelSize::Small).sequenceLength;
  data.carryHidden = true;
  if (std::optional<std::string> problem = rnnlab::prepareText(data)) {
    *error = QStringLiteral("%1: %2").arg(fileName, QString::fromStdString(*problem));
    return std::nullopt;
  }
  control.reportProcessed(1000);
  return data;
}

void TextFileLoader::start(const QString& path) {
  struct Outcome {
    std::optional<rnnlab::TextData> text;
    QString error;
  };
  auto outcome = std::make_shared<Outcome>();
  const QString name = QFileInfo(path).fileName();
  auto process = [outcome, path, name](const std::string* bytes,
                                       const BackgroundFileJob::Control& control) {
    if (bytes == nullptr) {
      QFile file(path);
      file.open(QIODevice::ReadOnly);
      outcome->error = tr("%1 cannot be read (%2).").arg(name, file.errorString());
      return;
    }
    outcome->text = prepareFileText(*bytes, name, control, &outcome->error);
  };
  m_job.start(path, std::move(process), [this, outcome, path] {
    if (outcome->text) {
      emit finished(path, *outcome->text);
    } else {
      emit failed(path, outcome->error);
    }
  });
}
