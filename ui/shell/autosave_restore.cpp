#include "shell/autosave_restore.h"

#include <QLocale>
#include <QMessageBox>
#include <QPushButton>

#include "document/session_document.h"
#include "shell/session_autosave.h"
#include "shell/training_status_bar.h"
#include "training/training_controller.h"

void AutosaveRestore::offer(QWidget* parent, const QString& folder, SessionDocument* document,
                            TrainingController* controller, TrainingStatusBar* status) {
  for (const SessionAutosave::Orphan& orphan : SessionAutosave::findOrphans(folder)) {
    QMessageBox box(QMessageBox::Question, tr("Restore unsaved work?"),
                    tr("RNN Lab did not close properly last time. It had autosaved “%1” at %2 "
                       "(trained to iteration %L3). Restore it?")
                        .arg(orphan.title,
                             QLocale().toString(orphan.savedAt.toLocalTime(), QLocale::ShortFormat))
                        .arg(orphan.iteration),
                    QMessageBox::NoButton, parent);
    box.setObjectName(QStringLiteral("restoreAutosaveBox"));
    QPushButton* restore = box.addButton(tr("Restore"), QMessageBox::AcceptRole);
    QPushButton* discard = box.addButton(tr("Discard"), QMessageBox::DestructiveRole);
    box.addButton(tr("Not now"), QMessageBox::RejectRole);
    box.setDefaultButton(restore);
    box.setInformativeText(tr("“Not now” keeps it and asks again at the next start."));
    box.exec();
    if (box.clickedButton() == discard) {
      SessionAutosave::removeOrphan(orphan);
      continue;
    }
    if (box.clickedButton() != restore) {
      continue;
    }
    QString error;
    if (document->restoreCopy(orphan.sessionPath, orphan.originalPath, orphan.title, &error)) {
      if (orphan.target >= 0) {
        controller->setRunSpan(orphan.runStart, orphan.target);  // "1,202 / 3,000" as it was
      }
      SessionAutosave::removeOrphan(orphan);
      status->showMessage(tr("Restored “%1”: save it to keep it.").arg(orphan.title), 10000);
      return;  // one document at a time; any others are offered at the next start
    }
    QMessageBox::warning(parent, tr("Cannot restore"), error);
  }
}
