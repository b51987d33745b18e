/* lk-case-limits.c — how long and what kind of text the case store accepts.
 *
 * Every write entry point checks its text here before touching the database.
 * The limits are generous for people and short enough that one field cannot
 * stall a report (a 131 KB name once made a PDF take two minutes); over a
 * limit is an error naming the field, never a silent truncation, since a
 * shortened rationale would be a different statement.  Text must be valid
 * UTF-8 (SQLite and the reports assume it) and may not carry control
 * characters that would move a terminal's cursor or hide text; only
 * multi-line fields may hold newlines and tabs.
 */
#define G_LOG_DOMAIN "lk-case"

#include "lk-config.h"

#include <glib/gi18n-lib.h>

#include "lk-case-private.h"

typedef struct {
  const char *label;      /* translatable, capitalised: it starts the message */
  guint       max_chars;
  gboolean    multi_line;
} FieldLimit;

/* Indexed by LkCaseField; keep in step with the README's "Length limits". */
static const FieldLimit field_limits[] = {
  [LK_CASE_FIELD_PERSON_NAME]  = { N_("The person’s name"), LK_CASE_MAX_NAME_CHARS, FALSE },
  [LK_CASE_FIELD_ALIAS]        = { N_("An alias"), LK_CASE_MAX_NAME_CHARS, FALSE },
  [LK_CASE_FIELD_ANALYST]      = { N_("The analyst’s name"), LK_CASE_MAX_NAME_CHARS, FALSE },
  [LK_CASE_FIELD_TITLE]        = { N_("The case title"), LK_CASE_MAX_TITLE_CHARS, FALSE },
  [LK_CASE_FIELD_NUMBER]       = { N_("The case number"), LK_CASE_MAX_SHORT_CHARS, FALSE },
  [LK_CASE_FIELD_EXTERNAL_REF] = { N_("The external reference"), LK_CASE_MAX_NAME_CHARS, FALSE },
  [LK_CASE_FIELD_BORN]         = { N_("The date of birth"), LK_CASE_MAX_SHORT_CHARS, FALSE },
  [LK_CASE_FIELD_DIED]         = { N_("The date of death"), LK_CASE_MAX_SHORT_CHARS, FALSE },
  [LK_CASE_FIELD_STRENGTH]     = { N_("The strength"), LK_CASE_MAX_SHORT_CHARS, FALSE },
  [LK_CASE_FIELD_DESCRIPTION]  = { N_("The description"), LK_CASE_MAX_TEXT_CHARS, TRUE },
  [LK_CASE_FIELD_NOTES]        = { N_("The notes field"), LK_CASE_MAX_TEXT_CHARS, TRUE },
  [LK_CASE_FIELD_RATIONALE]    = { N_("The rationale"), LK_CASE_MAX_TEXT_CHARS, TRUE },
  [LK_CASE_FIELD_REASON]       = { N_("The reason"), LK_CASE_MAX_TEXT_CHARS, TRUE },
  [LK_CASE_FIELD_REVIEW_NOTE]  = { N_("The review note"), LK_CASE_MAX_TEXT_CHARS, TRUE },
};

G_STATIC_ASSERT (G_N_ELEMENTS (field_limits) == LK_CASE_FIELD_REVIEW_NOTE + 1);

/* C0 controls and DEL, and the C1 controls U+0080–U+009F (a terminal reads
 * U+009B as CSI just like ESC [). */
static gboolean
is_forbidden_control (gunichar c, gboolean multi_line)
{
  if (multi_line && (c == '\n' || c == '\t' || c == '\r'))
    return FALSE;
  return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f);
}

static gunichar
find_control (const char *text, gboolean multi_line)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_forbidden_control (c, multi_line))
        return c;
    }
  return 0;
}

gboolean
lk_case_check_text (LkCaseField field, const char *text, GError **error)
{
  const FieldLimit *limit;
  glong n_chars;
  gunichar control;

  g_return_val_if_fail ((guint) field < G_N_ELEMENTS (field_limits), FALSE);

  if (text == NULL)
    return TRUE;
  limit = &field_limits[field];
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID, _("%s is not valid UTF-8 text."),
                   _(limit->label));
      return FALSE;
    }
  n_chars = g_utf8_strlen (text, -1);
  if (n_chars > (glong) limit->max_chars)
    {
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID,
                   _("%s is too long: %ld characters; the limit is %u characters."),
                   _(limit->label), n_chars, limit->max_chars);
      return FALSE;
    }
  control = find_control (text, limit->multi_line);
  if (control != 0)
    {
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID,
                   limit->multi_line || (control != '\n' && control != '\t')
                   ? _("%s contains a control character (U+%04X); remove it and try again.")
                   : _("%s must be one line: it contains a line break or tab (U+%04X)."),
                   _(limit->label), control);
      return FALSE;
    }
  return TRUE;
}

gboolean
lk_case_check_person_fields (const LkPersonFields *fields, GError **error)
{
  if (fields == NULL)
    return TRUE;
  if (!lk_case_check_text (LK_CASE_FIELD_PERSON_NAME, fields->display_name, error) ||
      !lk_case_check_text (LK_CASE_FIELD_BORN, fields->born, error) ||
      !lk_case_check_text (LK_CASE_FIELD_DIED, fields->died, error) ||
      !lk_case_check_text (LK_CASE_FIELD_NOTES, fields->notes, error) ||
      !lk_case_check_text (LK_CASE_FIELD_EXTERNAL_REF, fields->external_ref, error))
    return FALSE;
  for (guint i = 0; fields->aliases != NULL && fields->aliases[i] != NULL; i++)
    if (!lk_case_check_text (LK_CASE_FIELD_ALIAS, fields->aliases[i], error))
      return FALSE;
  return TRUE;
}

gboolean
lk_case_check_info (const char *title, const char *number, const char *description,
                    const char *analyst, GError **error)
{
  return lk_case_check_text (LK_CASE_FIELD_TITLE, title, error) &&
         lk_case_check_text (LK_CASE_FIELD_NUMBER, number, error) &&
         lk_case_check_text (LK_CASE_FIELD_DESCRIPTION, description, error) &&
         lk_case_check_text (LK_CASE_FIELD_ANALYST, analyst, error);
}
