// SessionDocument: dirty state, undo of settings edits, recent files, presets, the trained session
// beside the edited one, and files that fail to open or save.

#include "document/session_document.h"

#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include "document/preset_library.h"
#include "rnnlab/trainer.h"

class SessionDocumentTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir m_dir;

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("RNN Lab Tests"));
    QCoreApplication::setApplicationName(QStringLiteral("session_document_test"));
    QSettings().clear();
    QVERIFY(m_dir.isValid());
  }

  void editsMakeItModifiedAndSavingMakesItClean() {
    SessionDocument document;
    document.openBuiltinExample();
    QVERIFY(!document.isModified());
    QVERIFY(document.description().contains(QStringLiteral("0.667")));
    QSignalSpy edited(&document, &SessionDocument::edited);
    rnnlab::TrainingSettings settings = document.session().training;
    settings.learningRate = 0.05;
    document.editTraining(settings);
    QCOMPARE(edited.count(), 1);
    QVERIFY(document.isModified());
    const QString path = m_dir.filePath(QStringLiteral("a.rnnlab.json"));
    QString error;
    QVERIFY2(document.saveFile(path, &error), qPrintable(error));
    QVERIFY(!document.isModified());
    QCOMPARE(document.title(), QStringLiteral("a.rnnlab.json"));
    QCOMPARE(rnnlab::loadSession(path.toStdString()).training.learningRate, 0.05);
    // A further edit makes it modified again.
    settings.learningRate = 0.1;
    document.editTraining(settings);
    QVERIFY(document.isModified());
  }

  // A pairs (sequence-to-sequence) session opens in the CLI but not yet in the app: one message
  // that says so, and the session shown stays as it was.
  void aPairsSessionIsRefusedAndChangesNothing() {
    SessionDocument document;
    document.openBuiltinExample();
    const rnnlab::Session before = document.session();
    QSignalSpy loaded(&document, &SessionDocument::loaded);
    QString error;
    QVERIFY(!document.openFile(
        QStringLiteral(RNNLAB_SOURCE_DIR "/tests/cli/data/pairs_gru_additive.rnnlab.json"), &error));
    QVERIFY2(error.contains(QStringLiteral("sequence-to-sequence")), qPrintable(error));
    QVERIFY(error.contains(QStringLiteral("rnnlab-cli")));
    QCOMPARE(loaded.count(), 0);
    QVERIFY(document.session() == before);
    QCOMPARE(document.title(), QStringLiteral("Built-in example"));
  }

  void settingsEditsUndoAndRedoOnTheSharedStack() {
    SessionDocument document;
    QUndoStack stack;
    document.setUndoStack(&stack);
    document.openBuiltinExample();
    rnnlab::TrainingSettings settings = document.session().training;
    settings.learningRate = 0.02;
    document.editTraining(settings);
    settings.learningRate = 0.03;
    document.editTraining(settings);  // the same setting again: merged into one step
    settings.clipValue = 1.0;
    document.editTraining(settings);
    QCOMPARE(stack.count(), 2);
    QCOMPARE(stack.undoText(), QStringLiteral("Change clip value"));
    stack.undo();
    QCOMPARE(document.session().training.clipValue, 5.0);
    QCOMPARE(document.session().training.learningRate, 0.03);
    stack.undo();
    QCOMPARE(document.session().training.learningRate, 0.1);
    QVERIFY(!document.isModified());
    stack.redo();
    QCOMPARE(document.session().training.learningRate, 0.03);

    rnnlab::ModelConfig model = document.session().model;
    model.hiddenSize = 6;
    document.editModel(model, document.session().training);
    QVERIFY(document.resetPending());
    QVERIFY(document.resetReason().contains(QStringLiteral("hidden size 4 → 6")));
    stack.undo();
    QCOMPARE(document.session().model.hiddenSize, 4);
    QVERIFY(!document.resetPending());
  }

  void liveSettingsReachTheAppliedSessionButNotTheSeed() {
    SessionDocument document;
    document.openBuiltinExample();
    rnnlab::TrainingSettings settings = document.session().training;
    settings.learningRate = 0.5;
    settings.seed = 9;
    document.editModel(document.session().model, settings);
    QVERIFY(document.acceptLiveSettings());
    QCOMPARE(document.applied().training.learningRate, 0.5);
    QCOMPARE(document.applied().training.seed, 1);
    QVERIFY(document.resetPending());
    QVERIFY(!document.acceptLiveSettings());  // nothing new
    document.markApplied();
    QVERIFY(!document.resetPending());
  }

  void changingTheCellNeedsAResetAndDropsTheOldCellsWeights() {
    SessionDocument document;
    QString error;
    QVERIFY(document.openPreset(QStringLiteral("delay-lstm"), &error));
    rnnlab::Session session = document.session();
    session.setModel(session.makeModel());  // weights and c0 stored in the session
    QVERIFY(session.weights.has_value());
    document.setSession(session, QString(), QStringLiteral("trained"));
    document.markApplied();
    rnnlab::ModelConfig model = document.session().model;
    model.cell = rnnlab::CellKind::Gru;
    document.editModel(model, document.session().training);
    QVERIFY(document.resetPending());
    QVERIFY(document.resetReason().contains(QStringLiteral("cell lstm → gru")));
    QVERIFY(document.session().model.cell == rnnlab::CellKind::Gru);
    QVERIFY(!document.session().weights.has_value());
    QVERIFY(!document.session().c0.has_value());
    QVERIFY(!rnnlab::validate(document.session()));
    QVERIFY(document.session().makeModel().params.hasShape(model));
  }

  void outputModeReshapesTheTargets() {
    SessionDocument document;
    document.openBuiltinExample();
    QSignalSpy reshaped(&document, &SessionDocument::dataReshaped);
    rnnlab::ModelConfig model = document.session().model;
    model.outputMode = rnnlab::OutputMode::Last;
    document.editModel(model, document.session().training);
    QCOMPARE(reshaped.count(), 1);
    QCOMPARE(document.session().data.targets.rows(), 1);
    QVERIFY(!rnnlab::validate(document.session()));
  }

  void recentFilesAreRememberedNewestFirstAndBounded() {
    SessionDocument document;
    document.clearRecentFiles();
    QString error;
    QStringList paths;
    for (int i = 0; i < SessionDocument::MaxRecentFiles + 2; ++i) {
      paths << m_dir.filePath(QStringLiteral("r%1.rnnlab.json").arg(i));
      QVERIFY2(document.saveFile(paths.back(), &error), qPrintable(error));
    }
    QVERIFY2(document.openFile(paths[3], &error), qPrintable(error));
    const QStringList recent = document.recentFiles();
    QCOMPARE(recent.size(), SessionDocument::MaxRecentFiles);
    QCOMPARE(recent.front(), QFileInfo(paths[3]).absoluteFilePath());
    QCOMPARE(recent[1], QFileInfo(paths.back()).absoluteFilePath());
    QVERIFY(!recent.contains(QFileInfo(paths[0]).absoluteFilePath()));
    // Another document (the next start of the app) reads the same list.
    QCOMPARE(SessionDocument().recentFiles(), recent);
  }

  void badFilesChangeNothing() {
    SessionDocument document;
    document.openBuiltinExample();
    const QString bad = m_dir.filePath(QStringLiteral("bad.rnnlab.json"));
    QFile file(bad);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{ nope");
    file.close();
    QSignalSpy loaded(&document, &SessionDocument::loaded);
    QString error;
    QVERIFY(!document.openFile(bad, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!document.openPreset(QStringLiteral("no-such"), &error));
    QVERIFY(error.contains(QStringLiteral("no-such")));
    QVERIFY(!document.saveFile(m_dir.filePath(QStringLiteral("missing/x.rnnlab.json")), &error));
    QCOMPARE(loaded.count(), 0);
    QVERIFY(document.session() == rnnlab::builtinExample());
    QCOMPARE(document.title(), QStringLiteral("Built-in example"));
  }

  void opensTextSessionFiles() {
    SessionDocument document;
    const QString path = m_dir.filePath(QStringLiteral("text.rnnlab.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"format": "rnnlab-session", "version": 2, "model": {"hidden_size": 4,
      "output_mode": "sequence", "loss": "cross_entropy"},
      "data": {"kind": "text", "text": "hello world", "sequence_length": 4}})");
    file.close();
    QSignalSpy loaded(&document, &SessionDocument::loaded);
    QString error;
    QVERIFY2(document.openFile(path, &error), qPrintable(error));
    QCOMPARE(loaded.count(), 1);
    QVERIFY(document.session().text.has_value());
    QCOMPARE(document.session().text->vocabularySize(), 8);  // " dehlorw"
    QCOMPARE(document.columnLabels(),
             (QStringList{QStringLiteral("␣"), QStringLiteral("d"), QStringLiteral("e"),
                          QStringLiteral("h"), QStringLiteral("l"), QStringLiteral("o"),
                          QStringLiteral("r"), QStringLiteral("w")}));
    // Saved and read back: the same session.
    const QString saved = m_dir.filePath(QStringLiteral("text-saved.rnnlab.json"));
    QVERIFY2(document.saveFile(saved, &error), qPrintable(error));
    QVERIFY(rnnlab::loadSession(saved.toStdString()) == document.session());
  }

  void plainTextBecomesATextSessionWithMinCharRnnSettings() {
    SessionDocument document;
    const QString path = m_dir.filePath(QStringLiteral("poem.txt"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(
        QStringLiteral("床前明月光，疑是地上霜。举头望明月，低头思故乡。 and some English too.")
            .toUtf8());
    file.close();
    QString error;
    QVERIFY2(document.openTextFile(path, &error), qPrintable(error));
    const rnnlab::Session& session = document.session();
    QVERIFY(session.text.has_value());
    QCOMPARE(session.model.hiddenSize, 100);
    QCOMPARE(session.text->sequenceLength, 25);
    QVERIFY(session.text->carryHidden);
    QVERIFY(session.training.optimizer == rnnlab::OptimizerKind::Adagrad);
    QCOMPARE(session.model.inputSize, session.text->vocabularySize());
    QVERIFY(document.columnLabels().contains(QStringLiteral("月")));
    QVERIFY(document.filePath().isEmpty());  // Save asks for a session file name
    QCOMPARE(document.title(), QStringLiteral("poem.txt"));

    QVERIFY(document.newTextSession(QString(60, QLatin1Char('a')) + QStringLiteral("b"),
                                    QStringLiteral("Pasted"), &error));
    QCOMPARE(document.session().text->vocabularySize(), 2);
  }

  void badTextGivesOneMessageAndChangesNothing() {
    SessionDocument document;
    document.openBuiltinExample();
    QSignalSpy loaded(&document, &SessionDocument::loaded);
    const QString invalid = m_dir.filePath(QStringLiteral("invalid.txt"));
    QFile file(invalid);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray("valid text, then a bad byte \xff and more text after it ......"));
    file.close();
    QString error;
    QVERIFY(!document.openTextFile(invalid, &error));
    QVERIFY2(error.startsWith(QStringLiteral("invalid.txt: data.text")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("UTF-8")), qPrintable(error));
    QVERIFY(!error.contains(u'\n'));
    error.clear();
    QVERIFY(!document.newTextSession(QStringLiteral("too short"), QStringLiteral("x"), &error));
    QVERIFY2(error.contains(QStringLiteral("data.sequence_length 25 needs at least 27")),
             qPrintable(error));
    QVERIFY(!document.openTextFile(m_dir.filePath(QStringLiteral("missing.txt")), &error));
    QVERIFY(error.contains(QStringLiteral("missing.txt")));
    QCOMPARE(loaded.count(), 0);
    QVERIFY(document.session() == rnnlab::builtinExample());
  }

  void textEditsAreUndoSteps() {
    SessionDocument document;
    QUndoStack stack;
    document.setUndoStack(&stack);
    QString error;
    QVERIFY(document.openPreset(QStringLiteral("sonnets"), &error));
    const rnnlab::TextData original = *document.session().text;
    QVERIFY(original.hasValidation());

    rnnlab::TextData edited = original;
    edited.sequenceLength = 50;
    QVERIFY(document.editText(edited, &error));
    QCOMPARE(document.session().text->sequenceLength, 50);
    QCOMPARE(stack.undoText(), QStringLiteral("Change sequence length"));

    // Merged back into the text, then the last 10% split off again.
    const rnnlab::TextData merged = SessionDocument::withValidationSplit(original, false);
    QVERIFY(merged.validationText.empty());
    QCOMPARE(merged.text, original.text + original.validationText);
    QVERIFY(document.editText(merged, &error));
    QVERIFY(!document.session().text->hasValidation());
    const rnnlab::TextData split = SessionDocument::withValidationSplit(merged, true);
    QVERIFY(document.editText(split, &error));
    const long total = document.session().text->size() +
                       static_cast<long>(document.session().text->validationIndices.size());
    QCOMPARE(static_cast<long>(document.session().text->validationIndices.size()), total / 10);

    // A sequence length the text cannot fill is refused and changes nothing.
    rnnlab::TextData tooLong = *document.session().text;
    tooLong.sequenceLength = 100000;
    const rnnlab::Session before = document.session();
    QVERIFY(!document.editText(tooLong, &error));
    QVERIFY2(error.contains(QStringLiteral("sequence_length")), qPrintable(error));
    QVERIFY(document.session() == before);

    stack.undo();
    stack.undo();
    stack.undo();
    QVERIFY(*document.session().text == original);
  }

  void helloPresetLabelsItsColumns() {
    SessionDocument document;
    QString error;
    QVERIFY(document.openPreset(QStringLiteral("hello"), &error));
    QCOMPARE(document.columnLabels(), (QStringList{QStringLiteral("h"), QStringLiteral("e"),
                                                   QStringLiteral("l"), QStringLiteral("o")}));
    QVERIFY(document.openPreset(QStringLiteral("sine"), &error));
    QVERIFY(document.columnLabels().isEmpty());
  }

  void presetsCarryTheirDescription() {
    SessionDocument document;
    QString error;
    QVERIFY2(document.openPreset(QStringLiteral("sine"), &error), qPrintable(error));
    QCOMPARE(document.title(), QStringLiteral("Sine wave"));
    QVERIFY(document.description().contains(QStringLiteral("sine")));
    QVERIFY(document.session() == PresetLibrary::load(QStringLiteral("sine")));
  }

  // Save with the trained run writes its weights and training_state; opening the file gives
  // them back, and a pending reset (another model) writes the edited session as before.
  void savingWithTheTrainedRunWritesItsState() {
    SessionDocument document;
    document.openBuiltinExample();
    rnnlab::TrainingSettings settings = document.session().training;
    settings.optimizer = rnnlab::OptimizerKind::Adam;
    settings.learningRate = 0.01;
    document.editTraining(settings);
    document.markApplied();
    rnnlab::Trainer trainer(document.session().makeModel(), document.session().data, settings);
    trainer.run(12, {});
    const rnnlab::TrainingState state = trainer.trainingState();

    const QString path = m_dir.filePath(QStringLiteral("run.rnnlab.json"));
    QString error;
    QVERIFY2(document.saveFile(path, &error, &trainer.model(), &state), qPrintable(error));
    QVERIFY(!document.isModified());
    const rnnlab::Session saved = rnnlab::loadSession(path.toStdString());
    QVERIFY(saved.trainingState.has_value());
    QVERIFY(*saved.trainingState == state);
    QCOMPARE(saved.trainingState->iteration, 12L);
    QCOMPARE(saved.trainingState->optimizer.buffers.size(), std::size_t{2});
    QVERIFY(saved.makeModel() == trainer.model());

    QVERIFY2(document.openFile(path, &error), qPrintable(error));
    QVERIFY(document.session().trainingState == saved.trainingState);

    // Another hidden size: the trained run is not this model's, so no state is written.
    rnnlab::ModelConfig model = document.session().model;
    model.hiddenSize = 6;
    document.editModel(model, document.session().training);
    QVERIFY(document.resetPending());
    QVERIFY(!document.session().trainingState);
    const QString other = m_dir.filePath(QStringLiteral("other.rnnlab.json"));
    QVERIFY2(document.saveFile(other, &error, &trainer.model(), &state), qPrintable(error));
    const rnnlab::Session plain = rnnlab::loadSession(other.toStdString());
    QVERIFY(!plain.trainingState);
    QCOMPARE(plain.model.hiddenSize, 6);
  }
};

QTEST_MAIN(SessionDocumentTest)
#include "session_document_test.moc"
