/* Shared helpers of the case tests: a temporary folder, a small populated case. */
#pragma once

#include "case/lk-case.h"

typedef struct {
  char   *dir;            /* temporary folder, removed at the end */
  char   *path;           /* DIR/test.likeness */
  LkCase *kase;
  gint64  probe_photo, reference_photo;
  gint64  probe_face, probe_face2, reference_face;
  gint64  person;
} CaseFixture;

char        *case_fixture_tmpdir     (void);
CaseFixture *case_fixture_new        (void);
/* The same case as an older Likeness wrote it: schema migrated up to `version`. */
CaseFixture *case_fixture_new_at_version (int version);
void         case_fixture_free       (CaseFixture *f);
/* Writes DIR/name with content + "\n", stores it as evidence and adds the photo. */
gint64       case_fixture_add_photo  (CaseFixture *f, const char *name, const char *content,
                                      LkPhotoRole role, gboolean *existed);
gint64       case_fixture_add_face   (CaseFixture *f, gint64 photo_id, float seed);
/* Runs lk_case_verify_audit and prints the message when it fails. */
gboolean     case_fixture_verify_ok  (LkCase *kase);
/* Runs one SQL statement on case.db with the plain sqlite3 library, as an attacker. */
void         case_fixture_attack     (const char *case_path, const char *sql);
/* Removes a folder tree (test clean-up only; makes read-only files writable first). */
void         case_fixture_rmtree     (const char *path);

/* likeness-cli ($LIKENESS_CLI) run as a user would, both streams captured. */
typedef struct {
  int   status;          /* the exit code */
  char *out;
  char *err;
} CaseCliRun;

void         case_cli_run_clear      (CaseCliRun *r);
void         case_fixture_cli_argv   (CaseCliRun *r, const char * const *args);
void         case_fixture_cli_valist (CaseCliRun *r, va_list args);
/* The arguments after r, NULL-terminated. */
void         case_fixture_cli        (CaseCliRun *r, ...) G_GNUC_NULL_TERMINATED;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaseFixture, case_fixture_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CaseCliRun, case_cli_run_clear)
