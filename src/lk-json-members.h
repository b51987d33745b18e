/* lk-json-members.h — the few JsonBuilder member helpers every module that
 * writes JSON needs (case export, report, matcher, importer), kept in one
 * place so that ids, nulls and text are written the same way everywhere.
 * Header-only: each module is its own static library and these are tiny. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

static inline void
lk_json_add_int (JsonBuilder *b, const char *name, gint64 value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static inline void
lk_json_add_bool (JsonBuilder *b, const char *name, gboolean value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_boolean_value (b, value);
}

/* Row ids start at 1: 0 or less means "none" and is written as null. */
static inline void
lk_json_add_id (JsonBuilder *b, const char *name, gint64 value)
{
  json_builder_set_member_name (b, name);
  if (value > 0)
    json_builder_add_int_value (b, value);
  else
    json_builder_add_null_value (b);
}

/* NULL is written as null; text that is not valid UTF-8 (an old file name,
 * a damaged EXIF field) is repaired, since invalid UTF-8 makes invalid JSON. */
static inline void
lk_json_add_string (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  if (value == NULL)
    json_builder_add_null_value (b);
  else if (!g_utf8_validate (value, -1, NULL))
    {
      g_autofree char *valid = g_utf8_make_valid (value, -1);
      json_builder_add_string_value (b, valid);
    }
  else
    json_builder_add_string_value (b, value);
}

G_END_DECLS
