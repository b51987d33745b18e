#define G_LOG_DOMAIN "test-report"

#include <string.h>

#include "lk-json-schema.h"

typedef struct {
  JsonObject *root;
  char       *problem;
} Validator;

static gboolean validate (Validator *v, JsonObject *schema, JsonNode *node, const char *path);

static gboolean
fail (Validator *v, const char *path, const char *what)
{
  if (v->problem == NULL)
    v->problem = g_strdup_printf ("%s: %s", *path ? path : "/", what);
  return FALSE;
}

static const char *
type_of (JsonNode *node)
{
  if (JSON_NODE_HOLDS_NULL (node))
    return "null";
  if (JSON_NODE_HOLDS_OBJECT (node))
    return "object";
  if (JSON_NODE_HOLDS_ARRAY (node))
    return "array";
  switch (json_node_get_value_type (node) == G_TYPE_INT64 ? 0 :
          json_node_get_value_type (node) == G_TYPE_DOUBLE ? 1 :
          json_node_get_value_type (node) == G_TYPE_BOOLEAN ? 2 : 3)
    {
    case 0: return "integer";
    case 1: return "number";
    case 2: return "boolean";
    default: return "string";
    }
}

static gboolean
type_matches (const char *want, const char *have)
{
  return strcmp (want, have) == 0 || (strcmp (want, "number") == 0 && strcmp (have, "integer") == 0);
}

static gboolean
check_type (Validator *v, JsonNode *type, JsonNode *node, const char *path)
{
  const char *have = type_of (node);

  if (JSON_NODE_HOLDS_ARRAY (type))
    {
      JsonArray *types = json_node_get_array (type);

      for (guint i = 0; i < json_array_get_length (types); i++)
        if (type_matches (json_array_get_string_element (types, i), have))
          return TRUE;
    }
  else if (type_matches (json_node_get_string (type), have))
    return TRUE;
  return fail (v, path, g_strdup_printf ("a %s where the schema wants another type", have));
}

static gboolean
check_enum (Validator *v, JsonArray *values, JsonNode *node, const char *path)
{
  for (guint i = 0; i < json_array_get_length (values); i++)
    if (json_node_equal (json_array_get_element (values, i), node))
      return TRUE;
  return fail (v, path, "a value outside the enum");
}

static gboolean
check_object (Validator *v, JsonObject *schema, JsonObject *object, const char *path)
{
  JsonObject *properties = json_object_has_member (schema, "properties")
                           ? json_object_get_object_member (schema, "properties") : NULL;
  g_autoptr(GList) members = json_object_get_members (object);

  if (json_object_has_member (schema, "required"))
    {
      JsonArray *required = json_object_get_array_member (schema, "required");

      for (guint i = 0; i < json_array_get_length (required); i++)
        if (!json_object_has_member (object, json_array_get_string_element (required, i)))
          return fail (v, path, json_array_get_string_element (required, i));
    }
  for (GList *l = members; l != NULL; l = l->next)
    {
      g_autofree char *child = g_strdup_printf ("%s/%s", path, (char *) l->data);

      if (properties != NULL && json_object_has_member (properties, l->data))
        {
          if (!validate (v, json_object_get_object_member (properties, l->data),
                         json_object_get_member (object, l->data), child))
            return FALSE;
        }
      else if (json_object_has_member (schema, "additionalProperties") &&
               !json_object_get_boolean_member (schema, "additionalProperties"))
        return fail (v, child, "a member the schema does not allow");
    }
  return TRUE;
}

static gboolean
check_scalar (Validator *v, JsonObject *schema, JsonNode *node, const char *path)
{
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) != G_TYPE_STRING &&
      json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      double x = json_node_get_double (node);

      if (json_object_has_member (schema, "minimum") && x < json_object_get_double_member (schema, "minimum"))
        return fail (v, path, "below the minimum");
      if (json_object_has_member (schema, "maximum") && x > json_object_get_double_member (schema, "maximum"))
        return fail (v, path, "above the maximum");
    }
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
      json_object_has_member (schema, "pattern") &&
      !g_regex_match_simple (json_object_get_string_member (schema, "pattern"),
                             json_node_get_string (node), 0, 0))
    return fail (v, path, "does not match the pattern");
  return TRUE;
}

static gboolean
known_keywords (Validator *v, JsonObject *schema, const char *path)
{
  static const char *known[] = { "$schema", "$id", "$defs", "$ref", "title", "description", "type",
                                 "enum", "properties", "required", "additionalProperties", "items",
                                 "minimum", "maximum", "pattern", NULL };
  g_autoptr(GList) keys = json_object_get_members (schema);

  for (GList *l = keys; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data))
      return fail (v, path, g_strdup_printf ("the schema uses “%s”, which this validator does not check",
                                             (char *) l->data));
  return TRUE;
}

static gboolean
validate (Validator *v, JsonObject *schema, JsonNode *node, const char *path)
{
  if (!known_keywords (v, schema, path))
    return FALSE;
  if (json_object_has_member (schema, "$ref"))
    {
      const char *ref = json_object_get_string_member (schema, "$ref");

      g_assert (g_str_has_prefix (ref, "#/$defs/"));
      return validate (v, json_object_get_object_member (json_object_get_object_member (v->root, "$defs"),
                                                          ref + 8), node, path);
    }
  if (json_object_has_member (schema, "type") &&
      !check_type (v, json_object_get_member (schema, "type"), node, path))
    return FALSE;
  if (json_object_has_member (schema, "enum") &&
      !check_enum (v, json_object_get_array_member (schema, "enum"), node, path))
    return FALSE;
  if (JSON_NODE_HOLDS_OBJECT (node))
    return check_object (v, schema, json_node_get_object (node), path);
  if (JSON_NODE_HOLDS_ARRAY (node) && json_object_has_member (schema, "items"))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *child = g_strdup_printf ("%s/%u", path, i);

          if (!validate (v, json_object_get_object_member (schema, "items"),
                         json_array_get_element (array, i), child))
            return FALSE;
        }
      return TRUE;
    }
  return check_scalar (v, schema, node, path);
}

gboolean
lk_json_schema_validate (JsonNode *schema, JsonNode *instance, char **problem)
{
  Validator v = { json_node_get_object (schema), NULL };
  gboolean ok = validate (&v, v.root, instance, "");

  if (problem != NULL)
    *problem = g_steal_pointer (&v.problem);
  g_free (v.problem);
  return ok;
}
