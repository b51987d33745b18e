/* lk-cli-text.c — case text made safe for a terminal.
 *
 * Names, rationales, file names and reasons come from the case or the file
 * system, not from us: printed raw, an ESC in a person's name could clear the
 * screen or rewrite lines above it, and a newline could forge a row of a
 * listing.  Every command prints such text through lk_cli_escape(), which
 * shows control characters as C-style escapes instead of sending them.
 * (JSON output needs none of this: json-glib writes them as \u00XX.)
 */
#define G_LOG_DOMAIN "likeness-cli"

#include "lk-config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lk-cli.h"

/* Directional overrides and isolates reorder what a terminal shows. */
static gboolean
is_bidi_control (gunichar c)
{
  return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

static void
append_control (GString *out, gunichar c)
{
  switch (c)
    {
    case '\n': g_string_append (out, "\\n"); break;
    case '\t': g_string_append (out, "\\t"); break;
    case '\r': g_string_append (out, "\\r"); break;
    case 0x1b: g_string_append (out, "\\e"); break;
    default:
      if (c < 0x80)
        g_string_append_printf (out, "\\x%02x", c);
      else
        g_string_append_printf (out, "\\u%04x", c);
    }
}

char *
lk_cli_escape (const char *text, gboolean keep_newlines)
{
  GString *out;
  const char *p, *end;

  if (text == NULL)
    return g_strdup ("");
  out = g_string_sized_new (strlen (text));
  end = text + strlen (text);
  for (p = text; p < end;)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* Not UTF-8: each byte shown as \xHH, as a terminal could not show it. */
          g_string_append_printf (out, "\\x%02x", (guchar) *p++);
          continue;
        }
      if (c == '\\')
        g_string_append (out, "\\\\");
      else if (c == '\n' && keep_newlines)
        g_string_append_c (out, '\n');
      else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || is_bidi_control (c))
        append_control (out, c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}

/* JSON (json-glib) escapes only U+0000–U+001F; DEL, the C1 controls (U+009B
 * is CSI to many terminals) and bidi overrides pass through raw.  They can
 * only stand inside JSON strings, where \uXXXX means the same character. */
char *
lk_cli_json_safe (const char *json)
{
  gsize len = strlen (json);
  GString *out = g_string_sized_new (len);
  const char *end = json + len;

  for (const char *p = json; p < end;)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      /* Text from a damaged case may not be UTF-8: never pass its bytes on. */
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append (out, "\\ufffd");
          p++;
          continue;
        }
      if (c == 0x7f || (c >= 0x80 && c <= 0x9f) || is_bidi_control (c))
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}

/* The escaped copies live as long as the command: a command prints a
 * bounded listing and exits, and printf arguments then need no temporaries. */
const char *
lk_cli_esc (const char *text)
{
  static GPtrArray *kept;
  static GMutex lock;
  char *escaped = lk_cli_escape (text, FALSE);

  g_mutex_lock (&lock);
  if (kept == NULL)
    kept = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (kept, escaped);
  g_mutex_unlock (&lock);
  return escaped;
}

gboolean
lk_cli_check_utf8 (const char *what, const char *text, int *exit_code)
{
  if (text == NULL || g_utf8_validate (text, -1, NULL))
    return TRUE;
  /* lk_cli_error shows the bad bytes as \xHH. */
  *exit_code = lk_cli_error (LK_EXIT_USAGE, _("%s “%s” is not valid UTF-8 text"), what, text);
  return FALSE;
}
