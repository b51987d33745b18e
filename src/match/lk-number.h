/* lk-number.h — numbers written the way the reader's language writes them */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* value with digits decimals, the decimal mark of the message language
 * ("0.382" in English, "0,382" in Ukrainian and German). */
char *lk_number_decimal (double value, int digits);
/* value with significant digits ("%.*g"), the same decimal mark. */
char *lk_number_significant (double value, int digits);
/* value rounded to a whole number, its thousands grouped ("8,300" in
 * English, "8 300" in Ukrainian, "8.300" in German). */
char *lk_number_grouped (double value);

G_END_DECLS
