#pragma once

// A session as a link to paste anywhere, as TensorFlow Playground shares its state in a URL:
// `rnnlab:` followed by the base64url (no padding) of qCompress(payload), where the payload is
// this JSON (UTF-8):
//
//   {"format": "rnnlab-link", "version": 1,
//    "session": { ...the session file's JSON... },
//    "lesson": {"name": "blog-bugs", "step": 2}}      (optional)
//
// The session is what Save writes minus everything that is not a setting: no weights (trained
// or given: the link's session starts from training.seed, which reproduces the initial
// weights of any session without explicit ones), no h0/c0, no training_state, no weights_file.
// So a link stays short: the built-in example's is about 500 characters; a text session carries
// its whole text. "lesson" names a lesson (a shipped name or a file name) and the 0-based step
// it was at; RNN Lab opens the session and hands the pair to whoever runs lessons.
//
// Decoding refuses anything malformed with one message and never unpacks more than
// MaxPayloadBytes: the size qCompress declares is checked first, and the zlib stream is inflated
// in bounded steps, so a small link cannot expand into gigabytes.

#include <QString>
#include <QStringView>
#include <optional>

#include "rnnlab/session.h"

namespace share_link {

constexpr int FormatVersion = 1;
constexpr qsizetype MaxPayloadBytes = 16 * 1024 * 1024;
// Base64 of a payload that compressed to at most its own size, with room to spare.
constexpr qsizetype MaxLinkChars = MaxPayloadBytes / 3 * 4 + 64;

// Where a lesson was: its name (as the lesson panel knows it) and its 0-based step.
struct LessonStep {
  QString name;
  int step = 0;
  friend bool operator==(const LessonStep&, const LessonStep&) = default;
};

struct SharedState {
  rnnlab::Session session;
  std::optional<LessonStep> lesson;
  friend bool operator==(const SharedState&, const SharedState&) = default;
};

// `session` as a link carries it: without weights, h0, c0, training state or weights file.
rnnlab::Session shareable(const rnnlab::Session& session);
// The link of shareable(state.session) and the lesson step.
QString encode(const SharedState& state);
// True when `text` (trimmed) starts with "rnnlab:": a link, right or wrong, not a file name.
bool isLink(QStringView text);
// The state of a link (surrounding whitespace ignored), or nothing with one sentence in *error
// saying why (not a link, damaged, too large, made by a newer RNN Lab, a bad session).
std::optional<SharedState> decode(QStringView link, QString* error);

}  // namespace share_link
