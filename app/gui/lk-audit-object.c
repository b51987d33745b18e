/* lk-audit-object.c — one audit log entry as a list item, and its details in words
 *
 * The details are a JSON object (old and new values); an examiner reads
 * them as "Field: value" lines, not as JSON. */
#define G_LOG_DOMAIN "lk-audit-object"

#include "lk-config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "lk-audit-object.h"

struct _LkAuditObject
{
  GObject       parent_instance;
  LkAuditEntry *entry;
};

G_DEFINE_FINAL_TYPE (LkAuditObject, lk_audit_object, G_TYPE_OBJECT)

static void
lk_audit_object_finalize (GObject *object)
{
  g_clear_pointer (&LK_AUDIT_OBJECT (object)->entry, lk_audit_entry_free);
  G_OBJECT_CLASS (lk_audit_object_parent_class)->finalize (object);
}

static void
lk_audit_object_class_init (LkAuditObjectClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lk_audit_object_finalize;
}

static void
lk_audit_object_init (LkAuditObject *self)
{
}

LkAuditObject *
lk_audit_object_new (LkAuditEntry *entry)
{
  LkAuditObject *self;

  g_return_val_if_fail (entry != NULL, NULL);
  self = g_object_new (LK_TYPE_AUDIT_OBJECT, NULL);
  self->entry = entry;
  return self;
}

const LkAuditEntry *
lk_audit_object_get_entry (LkAuditObject *self)
{
  g_return_val_if_fail (LK_IS_AUDIT_OBJECT (self), NULL);
  return self->entry;
}

/* ---- The details in words ------------------------------------------------- */

/* Short words the store writes that read better spelled as people write them. */
static const char *
word_for (const char *part)
{
  static const struct { const char *key; const char *word; } words[] = {
    { "id", "ID" }, { "sha256", "SHA-256" }, { "gps", "GPS" }, { "exif", "EXIF" },
    { "utc", "UTC" }, { "json", "JSON" }, { "url", "URL" }, { "uri", "URI" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (g_ascii_strcasecmp (part, words[i].key) == 0)
      return words[i].word;
  return NULL;
}

/* "new.display_name" → "New display name", "photo_id" → "Photo ID". */
static char *
field_name (const char *path)
{
  g_auto(GStrv) parts = g_regex_split_simple ("[._]+", path, 0, 0);
  g_autoptr(GString) name = g_string_new (NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *word = word_for (parts[i]);

      if (parts[i][0] == '\0')
        continue;
      if (name->len > 0)
        g_string_append_c (name, ' ');
      g_string_append (name, word != NULL ? word : parts[i]);
    }
  if (name->len > 0 && g_ascii_islower (name->str[0]))
    name->str[0] = g_ascii_toupper (name->str[0]);
  return g_string_free (g_steal_pointer (&name), FALSE);
}

static char *
scalar_text (JsonNode *node)
{
  GType type = json_node_get_value_type (node);

  if (JSON_NODE_HOLDS_NULL (node))
    return g_strdup (_("none"));
  if (type == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? _("yes") : _("no"));
  if (type == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (type == G_TYPE_DOUBLE)
    return g_strdup_printf ("%.6g", json_node_get_double (node));
  if (json_node_get_string (node)[0] == '\0')
    return g_strdup (_("empty"));
  return g_strdup (json_node_get_string (node));
}

static void add_node (GPtrArray *fields, const char *path, JsonNode *node);

static void
add_field (GPtrArray  *fields,
           const char *path,
           char       *value)
{
  LkAuditField *field = g_new0 (LkAuditField, 1);

  field->name = field_name (path);
  field->value = value;
  g_ptr_array_add (fields, field);
}

/* A list of plain values reads as one line; a list of objects as numbered fields. */
static void
add_array (GPtrArray  *fields,
           const char *path,
           JsonArray  *array)
{
  guint n = json_array_get_length (array);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *item = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (item) && !JSON_NODE_HOLDS_NULL (item))
        {
          g_autofree char *sub = g_strdup_printf ("%s %u", path, i + 1);

          add_node (fields, sub, item);
        }
      else
        g_ptr_array_add (values, scalar_text (item));
    }
  g_ptr_array_add (values, NULL);
  if (values->len > 1 || n == 0)
    add_field (fields, path, n == 0 ? g_strdup (_("none")) : g_strjoinv (", ", (char **) values->pdata));
}

/* Some rows store a list as JSON text ("[\"Ann\"]"): read it as the list. */
static gboolean
add_embedded_json (GPtrArray  *fields,
                   const char *path,
                   JsonNode   *node)
{
  const char *text = json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
  g_autoptr(JsonNode) inner = NULL;

  if (text == NULL || (text[0] != '[' && text[0] != '{'))
    return FALSE;
  inner = json_from_string (text, NULL);
  if (inner == NULL || (!JSON_NODE_HOLDS_ARRAY (inner) && !JSON_NODE_HOLDS_OBJECT (inner)))
    return FALSE;
  add_node (fields, path, inner);
  return TRUE;
}

static void
add_node (GPtrArray  *fields,
          const char *path,
          JsonNode   *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          g_autofree char *sub = path[0] != '\0' ? g_strdup_printf ("%s.%s", path, (char *) l->data)
                                                 : g_strdup (l->data);

          add_node (fields, sub, json_object_get_member (object, l->data));
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    add_array (fields, path, json_node_get_array (node));
  else if (!add_embedded_json (fields, path, node))
    add_field (fields, path, scalar_text (node));
}

static void
audit_field_free (gpointer p)
{
  LkAuditField *field = p;

  g_free (field->name);
  g_free (field->value);
  g_free (field);
}

GPtrArray *
lk_audit_entry_fields (const LkAuditEntry *entry)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (audit_field_free);
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (entry != NULL, NULL);
  if (entry->details == NULL || entry->details[0] == '\0')
    return fields;
  node = json_from_string (entry->details, NULL);
  /* Not JSON (written by hand outside Likeness): shown as it is, not lost. */
  if (node == NULL)
    add_field (fields, _("details"), g_strdup (entry->details));
  else
    add_node (fields, "", node);
  return fields;
}

char *
lk_audit_entry_summary (const LkAuditEntry *entry)
{
  g_autoptr(GPtrArray) fields = lk_audit_entry_fields (entry);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < fields->len; i++)
    {
      LkAuditField *field = g_ptr_array_index (fields, i);

      /* Translators: one field of an audit entry, "Display name: Anna"; joined with " · " */
      g_string_append_printf (text, i > 0 ? " · %s: %s" : "%s: %s", field->name, field->value);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}
