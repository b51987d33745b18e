/* lk-feature-checklist.c — the FISWG feature comparison as a form
 *
 * The form keeps an LkFeatures behind its rows so that what it writes is
 * exactly the store's canonical JSON, and so that marks placed elsewhere (the
 * chips) survive an edit of the rows they do not show.
 */
#define G_LOG_DOMAIN "lk-feature-checklist"

#include "lk-config.h"

#include <glib/gi18n.h>

#include "case/lk-case-verification.h"
#include "lk-a11y.h"
#include "lk-feature-checklist.h"

struct _LkFeatureChecklist
{
  AdwBin       parent_instance;

  LkFeatures  *features;
  GPtrArray   *drops;      /* GtkDropDown, one per component in FISWG order */
  GPtrArray   *entries;    /* GtkEntry */

  GtkLabel    *count_label;
  GtkGrid     *grid;
};

G_DEFINE_FINAL_TYPE (LkFeatureChecklist, lk_feature_checklist, ADW_TYPE_BIN)

/* The dropdown's positions are the LkFeatureAssessment values, in order. */
static const LkFeatureAssessment assessments[] = {
  LK_FEATURE_NOT_ASSESSED, LK_FEATURE_SIMILAR, LK_FEATURE_DISSIMILAR, LK_FEATURE_NOT_COMPARABLE,
};

guint
lk_feature_checklist_count_assessed (LkFeatureChecklist *self)
{
  guint n = 0;

  g_return_val_if_fail (LK_IS_FEATURE_CHECKLIST (self), 0);

  for (guint i = 0; i < self->drops->len; i++)
    if (gtk_drop_down_get_selected (g_ptr_array_index (self->drops, i)) > 0)
      n++;
  return n;
}

static void
update_count (LkFeatureChecklist *self)
{
  /* Translators: how many facial components of the feature list were compared. */
  g_autofree char *text = g_strdup_printf (_("%u of %u assessed"),
                                           lk_feature_checklist_count_assessed (self), self->drops->len);

  gtk_label_set_text (self->count_label, text);
}

static GtkWidget *
assessment_drop_new (const char *component_label)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *drop;

  for (guint i = 0; i < G_N_ELEMENTS (assessments); i++)
    gtk_string_list_append (labels, lk_feature_assessment_label (assessments[i]));
  drop = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&labels)), NULL);
  lk_a11y_set_label (drop, component_label);
  return drop;
}

static GtkWidget *
note_entry_new (const char *component_label)
{
  GtkWidget *entry = gtk_entry_new ();
  /* Translators: the accessible name of a note entry, e.g. "Eyes: note". */
  g_autofree char *name = g_strdup_printf (_("%s: note"), component_label);

  gtk_entry_set_max_length (GTK_ENTRY (entry), LK_FEATURE_NOTE_MAX);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Note"));
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  return entry;
}

static void
build_rows (LkFeatureChecklist *self)
{
  const char * const *components = lk_feature_components ();

  for (guint i = 0; components[i] != NULL; i++)
    {
      const char *label_text = lk_feature_component_label (components[i]);
      GtkWidget *label = gtk_label_new (label_text);
      GtkWidget *drop = assessment_drop_new (label_text);
      GtkWidget *entry = note_entry_new (label_text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      /* German names of features are long: they wrap rather than widen the window. */
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
      gtk_grid_attach (self->grid, label, 0, i, 1, 1);
      gtk_grid_attach (self->grid, drop, 1, i, 1, 1);
      gtk_grid_attach (self->grid, entry, 2, i, 1, 1);
      g_signal_connect_swapped (drop, "notify::selected", G_CALLBACK (update_count), self);
      g_ptr_array_add (self->drops, drop);
      g_ptr_array_add (self->entries, entry);
    }
}

static void
show_features (LkFeatureChecklist *self)
{
  for (guint i = 0; i < self->features->rows->len; i++)
    {
      const LkFeatureRow *row = g_ptr_array_index (self->features->rows, i);

      gtk_drop_down_set_selected (g_ptr_array_index (self->drops, i), (guint) row->assessment);
      gtk_editable_set_text (g_ptr_array_index (self->entries, i), row->note != NULL ? row->note : "");
    }
  update_count (self);
}

gboolean
lk_feature_checklist_set_json (LkFeatureChecklist  *self,
                               const char          *json,
                               GError             **error)
{
  LkFeatures *features;

  g_return_val_if_fail (LK_IS_FEATURE_CHECKLIST (self), FALSE);

  if (json == NULL || json[0] == '\0')
    features = lk_features_new_empty ();
  else if ((features = lk_features_parse (json, error)) == NULL)
    return FALSE;
  g_clear_pointer (&self->features, lk_features_free);
  self->features = features;
  show_features (self);
  return TRUE;
}

char *
lk_feature_checklist_to_json (LkFeatureChecklist *self)
{
  g_return_val_if_fail (LK_IS_FEATURE_CHECKLIST (self), NULL);

  for (guint i = 0; i < self->features->rows->len; i++)
    {
      LkFeatureRow *row = g_ptr_array_index (self->features->rows, i);
      guint selected = gtk_drop_down_get_selected (g_ptr_array_index (self->drops, i));
      g_autofree char *note = g_strstrip (g_strdup (gtk_editable_get_text (g_ptr_array_index (self->entries, i))));

      row->assessment = selected < G_N_ELEMENTS (assessments) ? assessments[selected] : LK_FEATURE_NOT_ASSESSED;
      g_free (row->note);
      row->note = g_steal_pointer (&note);
    }
  return lk_features_to_json (self->features);
}

gboolean
lk_feature_checklist_add_mark (LkFeatureChecklist *self,
                               const char         *label,
                               double              x,
                               double              y)
{
  LkFeatureMark *mark;

  g_return_val_if_fail (LK_IS_FEATURE_CHECKLIST (self), FALSE);
  g_return_val_if_fail (label != NULL, FALSE);

  if (self->features->marks->len >= LK_FEATURE_MARKS_MAX)
    return FALSE;
  mark = g_new0 (LkFeatureMark, 1);
  mark->number = self->features->marks->len + 1;
  mark->label = g_utf8_substring (label, 0, LK_FEATURE_LABEL_MAX);
  mark->on_probe = mark->on_candidate = TRUE;
  mark->probe[0] = mark->candidate[0] = CLAMP (x, 0.0, 1.0);
  mark->probe[1] = mark->candidate[1] = CLAMP (y, 0.0, 1.0);
  g_ptr_array_add (self->features->marks, mark);
  return TRUE;
}

GPtrArray *
lk_feature_checklist_get_marks (LkFeatureChecklist *self)
{
  g_return_val_if_fail (LK_IS_FEATURE_CHECKLIST (self), NULL);
  return self->features->marks;
}

static void
lk_feature_checklist_finalize (GObject *object)
{
  LkFeatureChecklist *self = LK_FEATURE_CHECKLIST (object);

  g_clear_pointer (&self->features, lk_features_free);
  g_ptr_array_unref (self->drops);
  g_ptr_array_unref (self->entries);
  G_OBJECT_CLASS (lk_feature_checklist_parent_class)->finalize (object);
}

static void
lk_feature_checklist_class_init (LkFeatureChecklistClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = lk_feature_checklist_finalize;
  gtk_widget_class_set_template_from_resource (widget_class, "/org/likeness/Likeness/lk-feature-checklist.ui");
  gtk_widget_class_bind_template_child (widget_class, LkFeatureChecklist, count_label);
  gtk_widget_class_bind_template_child (widget_class, LkFeatureChecklist, grid);
}

static void
lk_feature_checklist_init (LkFeatureChecklist *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->drops = g_ptr_array_new ();
  self->entries = g_ptr_array_new ();
  self->features = lk_features_new_empty ();
  build_rows (self);
  show_features (self);
}

LkFeatureChecklist *
lk_feature_checklist_new (void)
{
  return g_object_new (LK_TYPE_FEATURE_CHECKLIST, NULL);
}
