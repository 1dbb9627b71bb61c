#include "document/session_loader.h"

#include <exception>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

SessionLoader::SessionLoader(QObject* parent) : QObject(parent), m_job(this) {}

void SessionLoader::start(const QString& path) {
  struct Outcome {
    std::optional<rnnlab::Session> session;
    std::string error;
  };
  auto outcome = std::make_shared<Outcome>();
  const std::filesystem::path file(path.toStdString());
  auto parse = [outcome, file](const std::string* bytes, const BackgroundFileJob::Control&) {
    try {
      if (bytes == nullptr) {
        outcome->session = rnnlab::loadSession(file);  // says why it cannot be read
        return;
      }
      const std::filesystem::path folder =
          file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
      outcome->session = rnnlab::parseSession(*bytes, folder);
    } catch (const std::exception& e) {
      outcome->error = e.what();
    }
  };
  m_job.start(path, std::move(parse), [this, outcome, path] {
    if (outcome->session) {
      emit finished(path, *outcome->session);
    } else {
      emit failed(path, QString::fromStdString(outcome->error));
    }
  });
}
