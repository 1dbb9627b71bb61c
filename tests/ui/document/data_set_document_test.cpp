// A data set session (data.kind sequences) as a document: the presets open and are listed, Save
// writes them back unchanged (and with a trained run's epoch state), and the data set edits
// (the whole set, batch size, shuffle) are undo steps.

#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include "document/preset_library.h"
#include "document/session_document.h"
#include "rnnlab/trainer.h"

class DataSetDocumentTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("RNN Lab Tests"));
    QCoreApplication::setApplicationName(QStringLiteral("data_set_document_test"));
    QSettings().clear();
    QVERIFY(m_dir.isValid());
  }

  void thePresetsOpenAndAreListed() {
    const struct {
      const char* name;
      const char* title;
      std::size_t train;
      std::size_t validation;
    } presets[] = {{"noisy-sine", "Noisy sine (data set)", 48, 16},
                   {"adding", "Adding problem (data set)", 128, 32},
                   {"echo-delay", "Echo with delay (data set)", 64, 16}};
    const QList<PresetLibrary::Preset> listed = PresetLibrary::presets();
    for (const auto& preset : presets) {
      const QString name = QLatin1String(preset.name);
      QVERIFY2(std::any_of(listed.begin(), listed.end(),
                           [&](const PresetLibrary::Preset& p) {
                             return p.name == name && p.title == QLatin1String(preset.title) &&
                                    !p.description.isEmpty();
                           }),
               preset.name);
      SessionDocument document;
      QString error;
      QVERIFY2(document.openPreset(name, &error), qPrintable(error));
      QCOMPARE(document.title(), QLatin1String(preset.title));
      QVERIFY(document.session().sequences.has_value());
      QCOMPARE(document.session().sequences->train.size(), preset.train);
      QCOMPARE(document.session().sequences->validation.size(), preset.validation);
      // The same session as the file the CLI reads.
      const rnnlab::Session file = rnnlab::loadSession(
          QStringLiteral(RNNLAB_SOURCE_DIR "/resources/presets/sequences/%1.rnnlab.json")
              .arg(name)
              .toStdString());
      QVERIFY(document.session() == file);
      QVERIFY(!document.isModified());
    }
  }

  void saveAndReopenRoundTrips() {
    SessionDocument document;
    QString error;
    QVERIFY(document.openPreset(QStringLiteral("echo-delay"), &error));
    const rnnlab::Session original = document.session();
    const QString path = m_dir.filePath(QStringLiteral("echo.rnnlab.json"));
    QVERIFY2(document.saveFile(path, &error), qPrintable(error));
    SessionDocument reopened;
    QVERIFY2(reopened.openFile(path, &error), qPrintable(error));
    QVERIFY(reopened.session() == original);

    // With a trained run: the weights and the epoch order go into the file.
    rnnlab::Trainer trainer(original.makeModel(), *original.sequences, original.training);
    for (int k = 0; k < 9; ++k) {
      trainer.step();
    }
    const rnnlab::TrainingState state = trainer.trainingState();
    QVERIFY(state.epochOrder.has_value());
    document.markApplied();
    const QString trainedPath = m_dir.filePath(QStringLiteral("trained.rnnlab.json"));
    QVERIFY2(document.saveFile(trainedPath, &error, &trainer.model(), &state), qPrintable(error));
    QVERIFY(reopened.openFile(trainedPath, &error));
    QVERIFY(reopened.session().trainingState == state);
    QVERIFY(reopened.session().makeModel() == trainer.model());
    QVERIFY(reopened.session().sequences == original.sequences);
  }

  void batchSizeAndShuffleAreUndoSteps() {
    SessionDocument document;
    QUndoStack stack;
    document.setUndoStack(&stack);
    QString error;
    QVERIFY(document.openPreset(QStringLiteral("noisy-sine"), &error));
    QCOMPARE(document.session().sequences->batchSize, 16);
    QSignalSpy edited(&document, &SessionDocument::edited);
    // Typing 8 then 4 into the box is one step.
    document.editBatchSize(8);
    document.editBatchSize(4);
    QCOMPARE(edited.count(), 2);
    QCOMPARE(document.session().sequences->batchSize, 4);
    QCOMPARE(stack.count(), 1);
    QCOMPARE(stack.undoText(), QStringLiteral("Change batch size"));
    QVERIFY(document.isModified());
    document.editShuffle(false);
    QCOMPARE(stack.count(), 2);
    QVERIFY(!document.session().sequences->shuffle);
    stack.undo();
    QVERIFY(document.session().sequences->shuffle);
    QCOMPARE(document.session().sequences->batchSize, 4);
    stack.undo();
    QCOMPARE(document.session().sequences->batchSize, 16);
    QVERIFY(!document.isModified());
    stack.redo();
    QCOMPARE(document.session().sequences->batchSize, 4);
  }

  void replacingTheSetIsOneUndoStepEach() {
    SessionDocument document;
    QUndoStack stack;
    document.setUndoStack(&stack);
    QString error;
    QVERIFY(document.openPreset(QStringLiteral("noisy-sine"), &error));
    const rnnlab::SequenceSet original = *document.session().sequences;
    rnnlab::SequenceSet fewer = original;
    fewer.train.pop_back();
    document.replaceSequenceSet(fewer, QStringLiteral("Remove sequence"));
    rnnlab::SequenceSet evenFewer = fewer;
    evenFewer.train.pop_back();
    document.replaceSequenceSet(evenFewer, QStringLiteral("Remove sequence"));
    QCOMPARE(document.session().sequences->train.size(), std::size_t{46});
    QCOMPARE(stack.count(), 2);  // not merged, though named alike
    QCOMPARE(stack.undoText(), QStringLiteral("Remove sequence"));
    stack.undo();
    QVERIFY(*document.session().sequences == fewer);
    stack.undo();
    QVERIFY(*document.session().sequences == original);

    // A set the core refuses changes nothing and says why.
    QSignalSpy refused(&document, &SessionDocument::editRefused);
    rnnlab::SequenceSet bad = original;
    bad.train[2].inputs.resize(bad.train[2].inputs.rows(), 2);  // wider than the others
    bad.train[2].inputs.setZero();
    QVERIFY(!document.replaceSequenceSet(bad, QStringLiteral("Edit"), &error));
    QVERIFY2(error.contains(QStringLiteral("train[2]")), qPrintable(error));
    QCOMPARE(refused.count(), 1);
    QVERIFY(*document.session().sequences == original);
    QCOMPARE(stack.index(), 0);

    // Wider sequences everywhere: the model's input size follows, its weights wait for a reset.
    rnnlab::SequenceSet wider = original;
    for (auto* list : {&wider.train, &wider.validation}) {
      for (rnnlab::SequenceData& sequence : *list) {
        rnnlab::Matrix inputs(sequence.inputs.rows(), 2);
        inputs << sequence.inputs, sequence.inputs;
        sequence.inputs = inputs;
      }
    }
    document.markApplied();
    QVERIFY(document.replaceSequenceSet(wider, QString(), &error));
    QCOMPARE(document.session().model.inputSize, 2);
    QVERIFY(document.resetPending());
    QCOMPARE(stack.undoText(), QStringLiteral("Edit data set"));
    stack.undo();
    QCOMPARE(document.session().model.inputSize, 1);
  }

  void aNumericEditDoesNotTouchADataSet() {
    SessionDocument document;
    QString error;
    QVERIFY(document.openPreset(QStringLiteral("adding"), &error));
    const rnnlab::Session before = document.session();
    document.editData(rnnlab::SequenceData{});
    QVERIFY(document.session() == before);
  }
};

QTEST_MAIN(DataSetDocumentTest)
#include "data_set_document_test.moc"
