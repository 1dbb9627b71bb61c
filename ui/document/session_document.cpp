#include "document/session_document.h"

#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QUndoStack>
#include <exception>
#include <string>

#include "document/preset_library.h"
#include "document/session_edit_command.h"
#include "rnnlab/pytorch_weights.h"
#include "rnnlab/safetensors.h"
#include "rnnlab/utf8.h"

namespace {

const QString RecentFilesKey = QStringLiteral("recentFiles");

// Weights (and h0) only make sense for the model they were made for; a session whose model
// changed starts again from its seed.
bool sameStart(const rnnlab::Session& a, const rnnlab::Session& b) {
  return a.model == b.model && a.training.seed == b.training.seed &&
         a.training.initScale == b.training.initScale && a.weights == b.weights && a.h0 == b.h0 &&
         a.c0 == b.c0;
}

// The name of the one setting an edit changed (the undo step's text), so that successive
// changes of it merge; "settings" when several changed at once.
QString changedSetting(const rnnlab::Session& a, const rnnlab::Session& b) {
  QStringList names;
  const rnnlab::TrainingSettings& s = a.training;
  const rnnlab::TrainingSettings& t = b.training;
  if (a.model.cell != b.model.cell) {
    names << SessionDocument::tr("cell");
  }
  if (a.model.forgetBias != b.model.forgetBias) {
    names << SessionDocument::tr("forget bias");
  }
  if (a.model.hiddenSize != b.model.hiddenSize) {
    names << SessionDocument::tr("hidden size");
  }
  if (a.model.layers != b.model.layers) {
    names << SessionDocument::tr("layers");
  }
  if (a.model.bidirectional != b.model.bidirectional) {
    names << SessionDocument::tr("bidirectional");
  }
  if (a.model.dropout != b.model.dropout) {
    names << SessionDocument::tr("dropout");
  }
  if (a.model.outputMode != b.model.outputMode) {
    names << SessionDocument::tr("output mode");
  }
  if (a.model.loss != b.model.loss) {
    names << SessionDocument::tr("loss");
  }
  if (s.seed != t.seed) {
    names << SessionDocument::tr("seed");
  }
  if (s.initScale != t.initScale) {
    names << SessionDocument::tr("init scale");
  }
  if (s.optimizer != t.optimizer) {
    names << SessionDocument::tr("optimizer");
  }
  if (s.learningRate != t.learningRate) {
    names << SessionDocument::tr("learning rate");
  }
  if (s.momentum != t.momentum) {
    names << SessionDocument::tr("momentum");
  }
  if (s.beta1 != t.beta1) {
    names << SessionDocument::tr("β1");
  }
  if (s.beta2 != t.beta2) {
    names << SessionDocument::tr("β2");
  }
  if (s.epsilon != t.epsilon) {
    names << SessionDocument::tr("ε");
  }
  if (s.alpha != t.alpha) {
    names << SessionDocument::tr("α");
  }
  if (s.lrDecay != t.lrDecay) {
    names << SessionDocument::tr("rate decay γ");
  }
  if (s.lrDecayEvery != t.lrDecayEvery) {
    names << SessionDocument::tr("decay every n");
  }
  if (s.lrDecayStart != t.lrDecayStart) {
    names << SessionDocument::tr("decay from s");
  }
  if (s.clipValue != t.clipValue) {
    names << SessionDocument::tr("clip value");
  }
  if (s.clipNorm != t.clipNorm) {
    names << SessionDocument::tr("clip norm");
  }
  if (s.iterations != t.iterations) {
    names << SessionDocument::tr("iterations");
  }
  if (s.blogBugs != t.blogBugs) {
    names << SessionDocument::tr("the blog's bugs");
  }
  if (a.text && b.text) {
    if (a.text->sequenceLength != b.text->sequenceLength) {
      names << SessionDocument::tr("sequence length");
    }
    if (a.text->streams != b.text->streams) {
      names << SessionDocument::tr("streams");
    }
    if (a.text->carryHidden != b.text->carryHidden) {
      names << SessionDocument::tr("carry on");
    }
    if (a.text->validationText != b.text->validationText) {
      names << SessionDocument::tr("validation text");
    }
  }
  if (a.sequences && b.sequences) {
    if (a.sequences->batchSize != b.sequences->batchSize) {
      names << SessionDocument::tr("batch size");
    }
    if (a.sequences->shuffle != b.sequences->shuffle) {
      names << SessionDocument::tr("shuffle");
    }
  }
  return names.size() == 1 ? names.front() : SessionDocument::tr("settings");
}

}  // namespace

SessionDocument::SessionDocument(QObject* parent) : QObject(parent) {
  m_recentFiles = QSettings().value(RecentFilesKey).toStringList();
  m_session = rnnlab::builtinExample();
  m_applied = m_session;
  m_clean = m_session;
}

bool SessionDocument::resetPending() const { return !sameStart(m_session, m_applied); }

QString SessionDocument::resetReason() const {
  if (!resetPending()) {
    return {};
  }
  QStringList changes;
  const rnnlab::ModelConfig& a = m_applied.model;
  const rnnlab::ModelConfig& b = m_session.model;
  if (a.cell != b.cell) {
    changes << tr("cell %1 → %2")
                   .arg(QString::fromLatin1(rnnlab::toString(a.cell).data()),
                        QString::fromLatin1(rnnlab::toString(b.cell).data()));
  }
  if (a.forgetBias != b.forgetBias) {
    changes << tr("forget bias");
  }
  if (a.inputSize != b.inputSize) {
    changes << tr("input size %1 → %2").arg(a.inputSize).arg(b.inputSize);
  }
  if (a.hiddenSize != b.hiddenSize) {
    changes << tr("hidden size %1 → %2").arg(a.hiddenSize).arg(b.hiddenSize);
  }
  if (a.layers != b.layers) {
    changes << tr("layers %1 → %2").arg(a.layers).arg(b.layers);
  }
  if (a.bidirectional != b.bidirectional) {
    changes << (b.bidirectional ? tr("bidirectional") : tr("one direction"));
  }
  if (a.dropout != b.dropout) {
    changes << tr("dropout %1 → %2").arg(a.dropout).arg(b.dropout);
  }
  if (a.outputSize != b.outputSize) {
    changes << tr("output size %1 → %2").arg(a.outputSize).arg(b.outputSize);
  }
  if (a.outputMode != b.outputMode) {
    changes << tr("output mode");
  }
  if (a.loss != b.loss) {
    changes << tr("loss");
  }
  if (m_applied.training.seed != m_session.training.seed) {
    changes << tr("seed");
  }
  if (m_applied.training.initScale != m_session.training.initScale) {
    changes << tr("init scale");
  }
  if (changes.isEmpty()) {
    changes << tr("initial weights");
  }
  return changes.join(QStringLiteral(", "));
}

bool SessionDocument::openFile(const QString& path, QString* error) {
  rnnlab::Session session;
  try {
    session = rnnlab::loadSession(path.toStdString());
  } catch (const std::exception& e) {
    if (error != nullptr) {
      *error = QString::fromStdString(e.what());
    }
    return false;
  }
  if (const QString refusal = unsupportedInTheApp(session); !refusal.isEmpty()) {
    if (error != nullptr) {
      *error = refusal;
    }
    return false;
  }
  openLoaded(session, path);
  return true;
}

void SessionDocument::openLoaded(const rnnlab::Session& session, const QString& path) {
  setSession(session, QFileInfo(path).absoluteFilePath(), QFileInfo(path).fileName());
  addRecentFile(m_filePath);
}

bool SessionDocument::openPreset(const QString& name, QString* error) {
  rnnlab::Session session;
  try {
    session = PresetLibrary::load(name);
  } catch (const std::exception& e) {
    if (error != nullptr) {
      *error = QString::fromStdString(e.what());
    }
    return false;
  }
  if (const QString refusal = unsupportedInTheApp(session); !refusal.isEmpty()) {
    if (error != nullptr) {
      *error = refusal;
    }
    return false;
  }
  QString title = name;
  QString description;
  for (const PresetLibrary::Preset& preset : PresetLibrary::presets()) {
    if (preset.name == name) {
      title = preset.title;
      description = preset.description;
    }
  }
  QString characters;
  for (const PresetLibrary::Preset& preset : PresetLibrary::presets()) {
    if (preset.name == name && !session.text) {
      characters = preset.characters;
    }
  }
  replace(session, QString(), title, description, characters);
  return true;
}

QStringList SessionDocument::columnLabels() const {
  QStringList labels;
  if (m_session.text) {
    for (char32_t codePoint : m_session.text->vocabulary) {
      labels << displayCharacter(codePoint);
    }
    return labels;
  }
  const std::u32string characters = m_presetCharacters.toStdU32String();
  if (static_cast<int>(characters.size()) != m_session.model.inputSize) {
    return {};
  }
  for (char32_t codePoint : characters) {
    labels << displayCharacter(codePoint);
  }
  return labels;
}

void SessionDocument::openBuiltinExample() {
  QString description;
  for (const PresetLibrary::Preset& preset : PresetLibrary::presets()) {
    if (preset.name == QLatin1String("example")) {
      description = preset.description;
    }
  }
  setSession(rnnlab::builtinExample(), QString(), tr("Built-in example"), description);
}

void SessionDocument::setSession(const rnnlab::Session& session, const QString& path,
                                 const QString& title, const QString& description) {
  replace(session, path, title, description, QString());
}

void SessionDocument::replace(const rnnlab::Session& session, const QString& path,
                              const QString& title, const QString& description,
                              const QString& characters) {
  m_presetCharacters = characters;
  m_session = session;
  m_clean = session;
  m_filePath = path;
  m_title = title;
  m_description = description;
  emit loaded();
  emit titleChanged();
}

bool SessionDocument::saveFile(const QString& path, QString* error) {
  return saveFile(path, error, nullptr, nullptr);
}

bool SessionDocument::saveFile(const QString& path, QString* error, const rnnlab::Model* trained,
                               const rnnlab::TrainingState* state) {
  if (!writeCopy(path, error, trained, state)) {
    return false;
  }
  m_clean = m_session;
  m_filePath = QFileInfo(path).absoluteFilePath();
  m_title = QFileInfo(path).fileName();
  m_description.clear();
  addRecentFile(m_filePath);
  emit titleChanged();
  emit saved();
  return true;
}

bool SessionDocument::writeCopy(const QString& path, QString* error, const rnnlab::Model* trained,
                                const rnnlab::TrainingState* state) const {
  try {
    // Before the first update there is no run to continue: the session as edited says it all.
    if (trained != nullptr && state != nullptr && state->iteration > 0 && !resetPending()) {
      // The file continues the run: its weights and training_state are the trainer's.
      rnnlab::Session withRun = m_session;
      withRun.setModel(*trained);
      withRun.trainingState = *state;
      rnnlab::saveSession(withRun, path.toStdString());
    } else {
      rnnlab::saveSession(m_session, path.toStdString());
    }
  } catch (const std::exception& e) {
    if (error != nullptr) {
      *error = QString::fromStdString(e.what());
    }
    return false;
  }
  return true;
}

bool SessionDocument::restoreCopy(const QString& copyPath, const QString& originalPath,
                                  const QString& title, QString* error) {
  rnnlab::Session session;
  try {
    session = rnnlab::loadSession(copyPath.toStdString());
  } catch (const std::exception& e) {
    if (error != nullptr) {
      *error = QString::fromStdString(e.what());
    }
    return false;
  }
  setSession(session, originalPath, title);
  // Compared with nothing, so that it reads as modified until the user saves it.
  m_clean = rnnlab::Session{};
  emit titleChanged();
  return true;
}

void SessionDocument::editTraining(const rnnlab::TrainingSettings& settings) {
  rnnlab::Session after = m_session;
  after.training = settings;
  if (!sameStart(after, m_session)) {
    after.weights.reset();  // a new seed or init scale: stored weights belong to the old one
    after.h0.reset();
    after.c0.reset();
    after.trainingState.reset();  // and so do the state of their run and their file
    after.weightsFile.reset();
  }
  pushOrApply(after, changedSetting(m_session, after));
}

void SessionDocument::editModel(const rnnlab::ModelConfig& model,
                                const rnnlab::TrainingSettings& settings) {
  rnnlab::Session after = m_session;
  after.model = model;
  after.training = settings;
  if (!sameStart(after, m_clean)) {
    // Stored weights belong to the old model (or seed): the new model starts from its seed.
    after.weights.reset();
    after.h0.reset();
    after.c0.reset();
    after.trainingState.reset();
    after.weightsFile.reset();
  }
  if (model.outputMode != m_session.model.outputMode) {
    // The targets change shape with the mode: `last` keeps the final row, `sequence` gives the
    // earlier steps zero targets that the user can then fill in.
    after.data.targets = m_session.data.targetsFor(model.outputMode);
    pushStep(after, tr("Change %1").arg(changedSetting(m_session, after)), false, true);
    return;
  }
  pushOrApply(after, changedSetting(m_session, after));
}

bool SessionDocument::importWeights(const QString& path, QString* error) {
  rnnlab::Session after = m_session;
  try {
    after.weights =
        rnnlab::importPytorchWeights(rnnlab::loadSafetensors(path.toStdString()), m_session.model);
  } catch (const std::exception& e) {
    if (error != nullptr) {
      *error = QString::fromStdString(e.what());
    }
    return false;
  }
  after.weightsFile.reset();
  after.trainingState.reset();  // the state of a run of other weights
  pushOrApply(after, tr("weights"));
  return true;
}

void SessionDocument::editData(const rnnlab::SequenceData& data) {
  if (m_session.sequences) {
    return;  // a data set's sequences change through replaceSequenceSet
  }
  m_session.data = data;
  m_session.model.inputSize = static_cast<int>(data.inputs.cols());
  m_session.model.outputSize = static_cast<int>(data.targets.cols());
  if (m_session.weights && !m_session.weights->hasShape(m_session.model)) {
    m_session.weights.reset();
    m_session.h0.reset();
    m_session.c0.reset();
    m_session.trainingState.reset();
    m_session.weightsFile.reset();
  }
  emit edited();
  emit titleChanged();
}

bool SessionDocument::editText(const rnnlab::TextData& text, QString* error) {
  if (!m_session.text) {
    return false;
  }
  rnnlab::TextData prepared = text;
  if (!prepared.vocabularyGiven) {
    prepared.vocabulary.clear();
  }
  if (std::optional<std::string> problem = rnnlab::prepareText(prepared)) {
    if (error != nullptr) {
      *error = QString::fromStdString(*problem);
    }
    return false;
  }
  rnnlab::Session after = m_session;
  after.text = std::move(prepared);
  after.model.inputSize = after.text->vocabularySize();
  after.model.outputSize = after.text->vocabularySize();
  // The carried state and position of a saved run belong to the old chunks.
  after.trainingState.reset();
  if (after.weights && !after.weights->hasShape(after.model)) {
    after.weights.reset();
    after.h0.reset();
    after.c0.reset();
    after.weightsFile.reset();
  }
  // What prepareText does not see: the streams must fit the text (v3 §2), and so on.
  if (std::optional<std::string> problem = rnnlab::validate(after)) {
    if (error != nullptr) {
      *error = QString::fromStdString(*problem);
    }
    return false;
  }
  pushOrApply(after, changedSetting(m_session, after));
  return true;
}

rnnlab::TextData SessionDocument::withValidationSplit(const rnnlab::TextData& text, bool split) {
  rnnlab::TextData result = text;
  if (!split) {
    result.text += result.validationText;
    result.validationText.clear();
    return result;
  }
  if (!result.validationText.empty()) {
    return result;
  }
  std::u32string codePoints;
  if (rnnlab::decodeUtf8(result.text, codePoints)) {
    return result;  // invalid UTF-8: prepareText says so
  }
  const std::size_t keep = codePoints.size() - codePoints.size() / 10;
  result.text = rnnlab::encodeUtf8(std::u32string_view(codePoints).substr(0, keep));
  result.validationText = rnnlab::encodeUtf8(std::u32string_view(codePoints).substr(keep));
  return result;
}

void SessionDocument::pushOrApply(const rnnlab::Session& after, const QString& text) {
  pushStep(after, tr("Change %1").arg(text), true);
}

void SessionDocument::pushStep(const rnnlab::Session& after, const QString& text, bool mergeable,
                               bool withData) {
  if (after == m_session) {
    return;
  }
  if (after.model.cell != m_session.model.cell) {
    // Another cell: a preset's description ("this one is the tanh RNN…") no longer holds.
    m_description.clear();
  }
  const auto apply = [this, withData](const rnnlab::Session& session) {
    withData ? restoreWithData(session) : restore(session);
  };
  if (m_undoStack != nullptr) {
    m_undoStack->push(new SessionEditCommand(text, this, apply, m_session, after, mergeable));
  } else {
    apply(after);
  }
}

void SessionDocument::restoreWithData(const rnnlab::Session& session) {
  m_session.data = session.data;
  m_session.model.outputMode = session.model.outputMode;
  emit dataReshaped();
  restore(session);
}

void SessionDocument::restore(const rnnlab::Session& session) {
  // The data belongs to the table edits on the same stack; only what a settings edit changed
  // comes back.
  m_session.model = session.model;
  m_session.training = session.training;
  m_session.weights = session.weights;
  m_session.h0 = session.h0;
  m_session.c0 = session.c0;
  m_session.weightsFile = session.weightsFile;
  m_session.trainingState = session.trainingState;  // the run of those weights, if any
  m_session.text = session.text;            // a text session's data settings are undo steps too
  m_session.sequences = session.sequences;  // and so is all of a data set
  emit edited();
  emit titleChanged();
}

void SessionDocument::editBatchSize(int batchSize) {
  if (!m_session.sequences || batchSize < 0) {
    return;
  }
  rnnlab::Session after = m_session;
  after.sequences->batchSize = batchSize;
  after.trainingState.reset();  // a saved epoch position counts batches of the old size
  pushOrApply(after, changedSetting(m_session, after));
}

void SessionDocument::editShuffle(bool shuffle) {
  if (!m_session.sequences) {
    return;
  }
  rnnlab::Session after = m_session;
  after.sequences->shuffle = shuffle;
  after.trainingState.reset();  // a saved epoch order was made with the old rule
  pushOrApply(after, changedSetting(m_session, after));
}

void SessionDocument::setIterations(long iterations) {
  const bool wasModified = isModified();
  m_session.training.iterations = iterations;
  if (!wasModified) {
    m_clean = m_session;
  }
  emit edited();
}

bool SessionDocument::acceptLiveSettings() {
  // Seed and init scale only matter for a new model, so they stay with the applied one until a
  // reset.
  rnnlab::TrainingSettings live = m_session.training;
  live.seed = m_applied.training.seed;
  live.initScale = m_applied.training.initScale;
  if (rnnlab::validate(live) || live == m_applied.training) {
    return false;
  }
  m_applied.training = live;
  return true;
}

void SessionDocument::addRecentFile(const QString& path) {
  m_recentFiles.removeAll(path);
  m_recentFiles.prepend(path);
  while (m_recentFiles.size() > MaxRecentFiles) {
    m_recentFiles.removeLast();
  }
  QSettings().setValue(RecentFilesKey, m_recentFiles);
  emit recentFilesChanged();
}

void SessionDocument::clearRecentFiles() {
  m_recentFiles.clear();
  QSettings().setValue(RecentFilesKey, m_recentFiles);
  emit recentFilesChanged();
}
