// SessionDocument's data sets: replacing the data with a generated task or an imported set of
// sequences, and turning a single-sequence session into a data set, each one undo step.

#include "document/session_document.h"

#include <QUndoStack>

#include "document/session_edit_command.h"

bool SessionDocument::replaceSequenceSet(rnnlab::SequenceSet set, const QString& description,
                                         QString* error) {
  if (!m_session.sequences) {
    if (error != nullptr) {
      *error = tr("this session is not a data set");
    }
    return false;
  }
  return pushSequenceSet(std::move(set), description.isEmpty() ? tr("Edit data set") : description,
                         error);
}

bool SessionDocument::pushSequenceSet(rnnlab::SequenceSet set, const QString& text,
                                      QString* error) {
  rnnlab::Session after = m_session;
  leaveSingleSequence(after);
  if (!set.train.empty()) {
    // The model's input and output sizes follow the sequences' widths, as with a table edit.
    after.model.inputSize = static_cast<int>(set.train.front().inputs.cols());
    after.model.outputSize = static_cast<int>(set.train.front().targets.cols());
  }
  const bool weightsFit = !after.weights || after.weights->hasShape(after.model);
  return pushDataSet(std::move(after), std::move(set), weightsFit, text, error);
}

void SessionDocument::leaveSingleSequence(rnnlab::Session& after) {
  if (!after.sequences) {
    after.training.blogBugs = {};
  }
}

bool SessionDocument::pushDataSet(rnnlab::Session after, rnnlab::SequenceSet set, bool keepWeights,
                                  const QString& text, QString* error) {
  if (std::optional<std::string> problem = rnnlab::validateSequenceSet(set, after.model)) {
    if (error != nullptr) {
      *error = QString::fromStdString(*problem);
    }
    emit editRefused(QString::fromStdString(*problem));
    return false;
  }
  after.sequences = std::move(set);
  // The epoch order of a saved run belongs to the old set.
  after.trainingState.reset();
  if (!keepWeights) {
    // Weights of another model: the new one starts from its seed.
    after.weights.reset();
    after.h0.reset();
    after.c0.reset();
    after.weightsFile.reset();
  }
  pushStep(after, text, false);
  return true;
}

void SessionDocument::replaceSequenceSet(rnnlab::SequenceSet set, const QString& description) {
  replaceSequenceSet(std::move(set), description, nullptr);
}

bool SessionDocument::replaceTask(rnnlab::GeneratedTask task, const QString& description,
                                  QString* error) {
  if (!m_session.sequences) {
    const QString message = tr("this session is not a data set");
    if (error != nullptr) {
      *error = message;
    }
    emit editRefused(message);
    return false;
  }
  return pushTask(std::move(task), description.isEmpty() ? tr("Generate data set") : description,
                  error);
}

bool SessionDocument::pushTask(rnnlab::GeneratedTask task, const QString& text, QString* error) {
  // Another data set: the preset's description no longer says what is here.
  m_description.clear();
  rnnlab::Session after = m_session;
  leaveSingleSequence(after);
  after.model.inputSize = task.config.inputSize;
  after.model.outputSize = task.config.outputSize;
  after.model.outputMode = task.config.outputMode;
  after.model.loss = task.config.loss;
  const bool sameModel = after.model == m_session.model;
  return pushDataSet(std::move(after), std::move(task.set), sameModel, text, error);
}

bool SessionDocument::canBecomeDataSet(QString* why) const {
  if (m_session.text) {
    if (why != nullptr) {
      *why = tr("A text session cannot become a data set: its data is one text read in chunks. "
                "Open or create a numeric session first.");
    }
    return false;
  }
  return true;
}

bool SessionDocument::convertible(QString* error, bool announce) {
  QString why;
  if (canBecomeDataSet(&why)) {
    return true;
  }
  if (error != nullptr) {
    *error = why;
  }
  if (announce) {
    emit editRefused(why);
  }
  return false;
}

bool SessionDocument::convertToTask(rnnlab::GeneratedTask task, const QString& description,
                                    QString* error) {
  if (!convertible(error, /*announce=*/true)) {
    return false;
  }
  return pushTask(std::move(task), description.isEmpty() ? tr("New data set") : description, error);
}

bool SessionDocument::convertToSequenceSet(rnnlab::SequenceSet set, const QString& description,
                                           QString* error) {
  if (!convertible(error, /*announce=*/true)) {
    return false;
  }
  return pushSequenceSet(std::move(set), description.isEmpty() ? tr("New data set") : description,
                         error);
}

bool SessionDocument::convertSequenceToDataSet(QString* error) {
  if (!convertible(error, /*announce=*/false)) {
    return false;
  }
  if (m_session.sequences) {
    if (error != nullptr) {
      *error = tr("this session is a data set already");
    }
    return false;
  }
  rnnlab::SequenceSet set;
  set.train.push_back(m_session.data);
  return pushSequenceSet(std::move(set), tr("Make a data set from this sequence"), error);
}

void SessionDocument::replaceTask(rnnlab::GeneratedTask task, const QString& description) {
  replaceTask(std::move(task), description, nullptr);
}
