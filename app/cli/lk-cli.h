/* lk-cli.h — shared by the likeness-cli command files (lk-cli-*.c).
 *
 * Each command is a function taking its own argv (argv[0] is the command
 * name) and returning one of the exit codes below.  Commands parse options
 * with GOptionContext so every one has --help.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "case/lk-case.h"

G_BEGIN_DECLS

/* Exit codes, documented in `likeness-cli --help` and the README. */
enum {
  LK_EXIT_OK = 0,
  LK_EXIT_FAILURE = 1,    /* the command ran but something failed (a file, a check) */
  LK_EXIT_USAGE = 2,      /* bad arguments */
  LK_EXIT_CASE = 3,       /* the case cannot be opened or written (locked, damaged, newer) */
  LK_EXIT_VERIFY = 4,     /* a verification found a problem (audit, evidence) */
  LK_EXIT_MODEL = 5,      /* the face models cannot be loaded */
  LK_EXIT_CANCELLED = 130 /* interrupted */
};

typedef int (*LkCliCommandFunc) (int argc, char **argv);

typedef struct {
  const char       *name;     /* "detect", or "case new" for two-word commands */
  const char       *summary;
  LkCliCommandFunc  func;
} LkCliCommand;

/* Prints "likeness-cli: error: MESSAGE" to stderr and returns code. */
int  lk_cli_error        (int code, const char *format, ...) G_GNUC_PRINTF (2, 3);
/* Parses with the context; on failure prints the error and the help. */
gboolean lk_cli_parse    (GOptionContext *context, int *argc, char ***argv, int *exit_code);
/* Case text for a terminal (lk-cli-text.c): control characters (ESC, CR, C1,
 * bidi overrides…) and invalid UTF-8 shown as escapes (\e, \n, \x07,
 * \u202e), backslashes doubled; newlines kept only with keep_newlines.
 * Every command prints names, rationales, file names and reasons through it. */
char       *lk_cli_escape        (const char *text, gboolean keep_newlines);
/* JSON text (valid UTF-8, as json-glib writes it) with DEL, C1 controls and
 * bidi overrides written as \u escapes too, for printing to a terminal. */
char       *lk_cli_json_safe     (const char *json);
/* lk_cli_escape (text, FALSE), kept until exit: for printf arguments. */
const char *lk_cli_esc           (const char *text);
/* FALSE with exit code 2 and "WHAT “…” is not valid UTF-8 text" when it is not. */
gboolean    lk_cli_check_utf8    (const char *what, const char *text, int *exit_code);
/* Opens the case for reading or writing; on failure prints why (exit 2 without
 * a folder, 3 when it cannot be opened or written) into *exit_code, NULL. */
LkCase     *lk_cli_open_case     (const char *dir, gboolean write, int *exit_code);
/* Pretty JSON on stdout, with bidi overrides and C1 controls escaped. */
void        lk_cli_print_json    (JsonNode *root);
/* --language LANG of report and chart (lk-cli-report.c): switches the message
 * language of the process; FALSE with exit code 2 for a language without a
 * catalogue.  NULL: the locale's language, unchanged. */
gboolean    lk_cli_use_language  (const char *language, int *exit_code);
/* The analyst name for commands that change a case: --analyst, else the OS user's real name. */
const char *lk_cli_default_analyst (void);

/* Ctrl+C and SIGTERM (lk-cli-interrupt.c).  main() calls begin before a long
 * command and end after it: the first signal cancels lk_cli_cancellable(),
 * which the command passes to its work; a command that has not stopped
 * grace_seconds later (0: at once), or a second signal, ends the process.
 * end returns LK_EXIT_CANCELLED and prints "Interrupted." when a signal came,
 * else exit_code.  lk_cli_cancellable() is NULL outside begin/end. */
GCancellable *lk_cli_interrupt_begin (guint grace_seconds);
int           lk_cli_interrupt_end   (int exit_code);
GCancellable *lk_cli_cancellable     (void);
gboolean      lk_cli_interrupted     (void);

/* Command entry points, one file per group (lk-cli-vision.c, lk-cli-case.c, ...). */
int lk_cli_report  (int argc, char **argv);   /* lk-cli-report.c */
int lk_cli_export_regions  (int argc, char **argv);   /* lk-cli-regions.c */
int lk_cli_proposals_list  (int argc, char **argv);   /* lk-cli-regions.c */
int lk_cli_proposals_confirm (int argc, char **argv); /* lk-cli-regions.c */
int lk_cli_proposals_reject (int argc, char **argv);  /* lk-cli-regions.c */
int lk_cli_case_new        (int argc, char **argv);   /* lk-cli-case.c */
int lk_cli_case_info       (int argc, char **argv);   /* lk-cli-case.c */
int lk_cli_person_add      (int argc, char **argv);   /* lk-cli-case.c */
int lk_cli_person_list     (int argc, char **argv);   /* lk-cli-case.c */
int lk_cli_faces           (int argc, char **argv);   /* lk-cli-case.c */
int lk_cli_audit_verify    (int argc, char **argv);   /* lk-cli-case.c */
int lk_cli_audit_head      (int argc, char **argv);   /* lk-cli-case.c */
int lk_cli_audit_log       (int argc, char **argv);   /* lk-cli-case.c */
int lk_cli_evidence_verify (int argc, char **argv);   /* lk-cli-case.c */
int lk_cli_export          (int argc, char **argv);   /* lk-cli-case.c */
int lk_cli_import          (int argc, char **argv);   /* lk-cli-import.c */
int lk_cli_face_add        (int argc, char **argv);   /* lk-cli-import.c */
int lk_cli_detect  (int argc, char **argv);   /* lk-cli-vision.c */
int lk_cli_compare (int argc, char **argv);   /* lk-cli-vision.c */
int lk_cli_match         (int argc, char **argv);   /* lk-cli-match.c */
int lk_cli_candidates    (int argc, char **argv);   /* lk-cli-match.c */
int lk_cli_clusters      (int argc, char **argv);   /* lk-cli-match.c */
int lk_cli_decide        (int argc, char **argv);   /* lk-cli-match.c */
int lk_cli_decisions     (int argc, char **argv);   /* lk-cli-match.c */
int lk_cli_undo          (int argc, char **argv);   /* lk-cli-match.c */
int lk_cli_name_cluster  (int argc, char **argv);   /* lk-cli-match.c */
int lk_cli_split_cluster (int argc, char **argv);   /* lk-cli-match.c */
int lk_cli_analyst_add           (int argc, char **argv);   /* lk-cli-verification.c */
int lk_cli_analyst_list          (int argc, char **argv);   /* lk-cli-verification.c */
int lk_cli_analyst_grant         (int argc, char **argv);   /* lk-cli-verification.c */
int lk_cli_verification_request  (int argc, char **argv);   /* lk-cli-verification.c */
int lk_cli_verification_queue    (int argc, char **argv);   /* lk-cli-verification.c */
int lk_cli_verification_record   (int argc, char **argv);   /* lk-cli-verification.c */
int lk_cli_verification_show     (int argc, char **argv);   /* lk-cli-verification.c */
int lk_cli_verification_list     (int argc, char **argv);   /* lk-cli-verification.c */
int lk_cli_conflict_resolve      (int argc, char **argv);   /* lk-cli-verification.c */
int lk_cli_verification_settings (int argc, char **argv);   /* lk-cli-verification.c */
int lk_cli_chart                 (int argc, char **argv);   /* lk-cli-verification.c */

G_END_DECLS
