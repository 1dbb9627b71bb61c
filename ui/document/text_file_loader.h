#pragma once

// Reads a text file to learn from in the background (BackgroundFileJob): the bytes in chunks,
// then a scan of its characters (rnnlab::TextScanner, reporting how far it got and stopping
// when cancelled), then the text prepared as a text session's data (vocabulary and indices).
// A text that cannot be learnt from (empty, binary, not UTF-8, too many distinct characters,
// too short) fails with one message that names the file and says what is wrong and where.

#include <QObject>
#include <QString>
#include <optional>
#include <string>

#include "document/background_file_job.h"
#include "rnnlab/text_data.h"
#include "rnnlab/text_scan.h"

class TextFileLoader : public QObject {
  Q_OBJECT

 public:
  using Progress = BackgroundFileJob::Progress;

  explicit TextFileLoader(QObject* parent = nullptr);

  // Starts reading `path`; a read under way is cancelled first. Later, on this object's thread,
  // exactly one of finished() or failed(), unless cancelled.
  void start(const QString& path);
  // Nothing more is emitted for the current read; the scan stops at its next chunk.
  void cancel() { m_job.cancel(); }
  bool isLoading() const { return m_job.isRunning(); }
  QString path() const { return m_job.path(); }
  Progress progress() const { return m_job.progress(); }
  const BackgroundFileJob& job() const { return m_job; }

  // The work of the background step, for `bytes` read from file `fileName`: the prepared text,
  // or nothing with the message in *error (or nothing and no message when cancelled). Reports
  // its progress after each chunk of ScanChunkBytes scanned (up to 900 ‰) and 1000 ‰ when done.
  static constexpr std::size_t ScanChunkBytes = std::size_t{1} << 18;
  static std::optional<rnnlab::TextData> prepareFileText(const std::string& bytes,
                                                         const QString& fileName,
                                                         const BackgroundFileJob::Control& control,
                                                         QString* error);

  // The message for a scan's problem in the text of file `fileName` (`bytes`: the text, for the
  // line of a bad byte). Empty when there is none.
  static QString problemMessage(const QString& fileName, const rnnlab::TextScanResult& scan,
                                std::string_view bytes);

 signals:
  // The text prepared with min-char-rnn's sequence length (vocabulary = its distinct characters
  // in ascending order, the text as indices), without a validation text; a leading UTF-8 byte
  // order mark is not part of it.
  void finished(const QString& path, const rnnlab::TextData& text);
  void failed(const QString& path, const QString& message);

 private:
  BackgroundFileJob m_job;
};
