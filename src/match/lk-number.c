/* lk-number.c — numbers written the way the reader's language writes them.
 *
 * The marks come from the message catalogue, not from LC_NUMERIC: a report
 * is read in the language it is written in (a Ukrainian report read by a
 * Ukrainian court says 0,382), the language can be chosen per report
 * (likeness-cli report --language) and must not depend on which locales the
 * analyst's machine happens to have installed.  Machine formats (JSON, CSV)
 * never come through here: they keep the C locale's 0.382.
 */
#define G_LOG_DOMAIN "lk-match"

#include "lk-config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "lk-number.h"

/* buffer holds a number printed in the C locale: its '.' becomes the
 * language's decimal mark. */
static char *
localise_point (const char *buffer)
{
  /* Translators: the decimal mark of your language: "," for 0,382. */
  const char *mark = C_("decimal mark", ".");
  g_auto(GStrv) parts = g_strsplit (buffer, ".", 2);

  return g_strjoinv (mark, parts);
}

char *
lk_number_decimal (double value,
                   int    digits)
{
  char format[16], buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_snprintf (format, sizeof format, "%%.%df", CLAMP (digits, 0, 12));
  return localise_point (g_ascii_formatd (buffer, sizeof buffer, format, value));
}

char *
lk_number_significant (double value,
                       int    digits)
{
  char format[16], buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_snprintf (format, sizeof format, "%%.%dg", CLAMP (digits, 1, 17));
  return localise_point (g_ascii_formatd (buffer, sizeof buffer, format, value));
}

char *
lk_number_grouped (double value)
{
  /* Translators: the thousands separator of your language: "," for 8,300
   * in English; a no-break space (U+00A0) for 8 300 in Ukrainian. */
  const char *separator = C_("thousands separator", ",");
  g_autofree char *digits = g_strdup_printf ("%.0f", fabs (round (value)));
  GString *out = g_string_new (value <= -0.5 ? "-" : NULL);
  gsize len = strlen (digits);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, separator);
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}
