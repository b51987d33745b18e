#define G_LOG_DOMAIN "lk-case"

#include "lk-config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "lk-case-private.h"
#include "lk-case-verification.h"

/* The FISWG facial image comparison feature list.  A comparison is stored as
 * canonical JSON with every component in this order, so that two conclusions
 * can be compared row by row and the audit hashes one form of it. */

static const struct {
  const char *id;
  const char *label;
} components[] = {
  { "face_outline", N_("Face / head outline") },
  { "hair", N_("Hair and hairline") },
  { "forehead", N_("Forehead") },
  { "eyebrows", N_("Eyebrows") },
  { "eyes", N_("Eyes") },
  { "cheeks", N_("Cheeks") },
  { "nose", N_("Nose") },
  { "ears", N_("Ears") },
  { "mouth", N_("Mouth") },
  { "chin_jaw", N_("Chin / jaw line") },
  { "neck", N_("Neck") },
  { "facial_hair", N_("Facial hair") },
  { "face_marks", N_("Face marks (scars, moles, tattoos, piercings)") },
  { "alterations", N_("Alterations") },
};

static const char *assessments[] = { "not-assessed", "similar", "dissimilar", "not-comparable" };

const char * const *
lk_feature_components (void)
{
  static const char *ids[G_N_ELEMENTS (components) + 1];

  if (ids[0] == NULL)
    for (gsize i = 0; i < G_N_ELEMENTS (components); i++)
      ids[i] = components[i].id;
  return ids;
}

static int
component_index (const char *id)
{
  for (gsize i = 0; i < G_N_ELEMENTS (components); i++)
    if (g_strcmp0 (components[i].id, id) == 0)
      return i;
  return -1;
}

const char *
lk_feature_component_label (const char *component)
{
  int i = component_index (component);

  return i < 0 ? component : g_dgettext (GETTEXT_PACKAGE, components[i].label);
}

const char *
lk_feature_assessment_to_string (LkFeatureAssessment assessment)
{
  g_return_val_if_fail (assessment <= LK_FEATURE_NOT_COMPARABLE, NULL);
  return assessments[assessment];
}

gboolean
lk_feature_assessment_from_string (const char *text, LkFeatureAssessment *out)
{
  for (gsize i = 0; i < G_N_ELEMENTS (assessments); i++)
    if (g_strcmp0 (assessments[i], text) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

const char *
lk_feature_assessment_label (LkFeatureAssessment assessment)
{
  switch (assessment)
    {
    case LK_FEATURE_SIMILAR: return _("similar");
    case LK_FEATURE_DISSIMILAR: return _("dissimilar");
    case LK_FEATURE_NOT_COMPARABLE: return _("not comparable");
    case LK_FEATURE_NOT_ASSESSED:
    default: return _("not assessed");
    }
}

static void
row_free (gpointer data)
{
  LkFeatureRow *row = data;

  g_free (row->note);
  g_free (row);
}

static void
mark_free (gpointer data)
{
  LkFeatureMark *mark = data;

  g_free (mark->label);
  g_free (mark);
}

LkFeatures *
lk_features_new_empty (void)
{
  LkFeatures *f = g_new0 (LkFeatures, 1);

  f->rows = g_ptr_array_new_with_free_func (row_free);
  f->marks = g_ptr_array_new_with_free_func (mark_free);
  for (gsize i = 0; i < G_N_ELEMENTS (components); i++)
    {
      LkFeatureRow *row = g_new0 (LkFeatureRow, 1);

      row->component = components[i].id;
      row->note = g_strdup ("");
      g_ptr_array_add (f->rows, row);
    }
  return f;
}

void
lk_features_free (LkFeatures *features)
{
  if (features == NULL)
    return;
  g_ptr_array_unref (features->rows);
  g_ptr_array_unref (features->marks);
  g_free (features);
}

static gboolean
invalid (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError **error, const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID, _("The feature comparison is not valid: %s"), message);
  return FALSE;
}

static gboolean
text_ok (const char *text, guint max, const char *what, GError **error)
{
  if (!g_utf8_validate (text, -1, NULL))
    return invalid (error, _("the %s is not valid UTF-8 text."), what);
  if (g_utf8_strlen (text, -1) > max)
    return invalid (error, _("the %s is longer than %u characters."), what, max);
  return TRUE;
}

static gboolean
parse_component (LkFeatures *f, const char *name, JsonNode *node, GError **error)
{
  int i = component_index (name);
  LkFeatureRow *row;
  JsonObject *object;
  const char *assessment, *note;

  if (i < 0)
    return invalid (error, _("“%s” is not a facial component of the FISWG list."), name);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, _("“%s” must be an object with an assessment."), name);
  object = json_node_get_object (node);
  row = g_ptr_array_index (f->rows, i);
  assessment = json_object_get_string_member_with_default (object, "assessment", "not-assessed");
  if (!lk_feature_assessment_from_string (assessment, &row->assessment))
    return invalid (error, _("the assessment of “%s” must be similar, dissimilar, not-comparable or "
                             "not-assessed."), name);
  note = json_object_get_string_member_with_default (object, "note", "");
  if (!text_ok (note, LK_FEATURE_NOTE_MAX, _("note"), error))
    return FALSE;
  g_free (row->note);
  row->note = g_strstrip (g_strdup (note));
  return TRUE;
}

/* [x, y] or [x, y, w, h], all within the chip (0 to 1). */
static gboolean
parse_position (JsonObject *object, const char *side, gboolean *has, double out[4], guint number, GError **error)
{
  JsonArray *array;
  guint n;

  if (!json_object_has_member (object, side))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, side)))
    return invalid (error, _("mark %u: “%s” must be [x, y] or [x, y, width, height]."), number, side);
  array = json_object_get_array_member (object, side);
  n = json_array_get_length (array);
  if (n != 2 && n != 4)
    return invalid (error, _("mark %u: “%s” must be [x, y] or [x, y, width, height]."), number, side);
  out[2] = out[3] = 0;
  for (guint i = 0; i < n; i++)
    {
      JsonNode *v = json_array_get_element (array, i);

      if (json_node_get_value_type (v) != G_TYPE_DOUBLE && json_node_get_value_type (v) != G_TYPE_INT64)
        return invalid (error, _("mark %u: “%s” must hold numbers."), number, side);
      out[i] = json_node_get_double (v);
      if (!isfinite (out[i]) || out[i] < 0 || out[i] > 1)
        return invalid (error, _("mark %u: its position must lie on the chip (numbers from 0 to 1)."), number);
    }
  if (out[0] + out[2] > 1 + 1e-9 || out[1] + out[3] > 1 + 1e-9)
    return invalid (error, _("mark %u: its box reaches past the chip."), number);
  *has = TRUE;
  return TRUE;
}

static gboolean
parse_mark (LkFeatures *f, JsonNode *node, GError **error)
{
  g_autofree LkFeatureMark *mark = g_new0 (LkFeatureMark, 1);
  JsonObject *object;
  const char *label;

  mark->number = f->marks->len + 1;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, _("mark %u must be an object."), mark->number);
  object = json_node_get_object (node);
  label = json_object_get_string_member_with_default (object, "label", "");
  if (lk_case_is_blank (label))
    return invalid (error, _("mark %u needs a label (e.g. “scar”)."), mark->number);
  if (!text_ok (label, LK_FEATURE_LABEL_MAX, _("label"), error) ||
      !parse_position (object, "probe", &mark->on_probe, mark->probe, mark->number, error) ||
      !parse_position (object, "candidate", &mark->on_candidate, mark->candidate, mark->number, error))
    return FALSE;
  if (!mark->on_probe && !mark->on_candidate)
    return invalid (error, _("mark %u is on neither chip: give “probe”, “candidate” or both."), mark->number);
  mark->label = g_strstrip (g_strdup (label));
  g_ptr_array_add (f->marks, g_steal_pointer (&mark));
  return TRUE;
}

static gboolean
parse_root (LkFeatures *f, JsonObject *root, GError **error)
{
  if (json_object_has_member (root, "components"))
    {
      JsonNode *node = json_object_get_member (root, "components");
      g_autoptr(GList) names = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid (error, _("“components” must be an object."));
      names = json_object_get_members (json_node_get_object (node));
      for (GList *l = names; l != NULL; l = l->next)
        if (!parse_component (f, l->data, json_object_get_member (json_node_get_object (node), l->data), error))
          return FALSE;
    }
  if (json_object_has_member (root, "marks"))
    {
      JsonNode *node = json_object_get_member (root, "marks");
      JsonArray *marks;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        return invalid (error, _("“marks” must be a list."));
      marks = json_node_get_array (node);
      if (json_array_get_length (marks) > LK_FEATURE_MARKS_MAX)
        return invalid (error, _("more than %d marks."), LK_FEATURE_MARKS_MAX);
      for (guint i = 0; i < json_array_get_length (marks); i++)
        if (!parse_mark (f, json_array_get_element (marks, i), error))
          return FALSE;
    }
  return TRUE;
}

LkFeatures *
lk_features_parse (const char *json, GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(LkFeatures) f = lk_features_new_empty ();
  g_autoptr(GError) local = NULL;
  JsonNode *root;

  g_return_val_if_fail (json != NULL, NULL);

  if (!g_utf8_validate (json, -1, NULL))
    {
      invalid (error, _("it is not valid UTF-8 text."));
      return NULL;
    }
  if (!json_parser_load_from_data (parser, json, -1, &local))
    {
      invalid (error, _("it is not JSON (%s)."), local->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      invalid (error, _("it must be a JSON object with “components” and “marks”."));
      return NULL;
    }
  if (!parse_root (f, json_node_get_object (root), error))
    return NULL;
  return g_steal_pointer (&f);
}

static void
add_position (JsonBuilder *b, const char *side, const double pos[4])
{
  json_builder_set_member_name (b, side);
  json_builder_begin_array (b);
  for (int i = 0; i < (pos[2] > 0 || pos[3] > 0 ? 4 : 2); i++)
    json_builder_add_double_value (b, pos[i]);
  json_builder_end_array (b);
}

char *
lk_features_to_json (const LkFeatures *features)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (features != NULL, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "components");
  json_builder_begin_object (b);
  for (guint i = 0; i < features->rows->len; i++)
    {
      const LkFeatureRow *row = g_ptr_array_index (features->rows, i);

      json_builder_set_member_name (b, row->component);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "assessment");
      json_builder_add_string_value (b, lk_feature_assessment_to_string (row->assessment));
      json_builder_set_member_name (b, "note");
      json_builder_add_string_value (b, row->note ? row->note : "");
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "marks");
  json_builder_begin_array (b);
  for (guint i = 0; i < features->marks->len; i++)
    {
      const LkFeatureMark *mark = g_ptr_array_index (features->marks, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "label");
      json_builder_add_string_value (b, mark->label);
      if (mark->on_probe)
        add_position (b, "probe", mark->probe);
      if (mark->on_candidate)
        add_position (b, "candidate", mark->candidate);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return lk_case_json_canonical (root);
}

guint
lk_features_count_assessed (const LkFeatures *features)
{
  guint n = 0;

  g_return_val_if_fail (features != NULL, 0);
  for (guint i = 0; i < features->rows->len; i++)
    if (((const LkFeatureRow *) g_ptr_array_index (features->rows, i))->assessment != LK_FEATURE_NOT_ASSESSED)
      n++;
  return n;
}
