/* lk-preferences-window.c — analyst name, matching and detection settings
 *
 * Every control is bound to GSettings, so a change applies at once and
 * survives a restart.
 */
#define G_LOG_DOMAIN "lk-preferences"

#include "lk-config.h"

#include <glib/gi18n.h>

#include "lk-application.h"
#include "lk-preferences-window.h"

struct _LkPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  AdwEntryRow          *analyst_row;
  GtkAdjustment        *threshold_adjustment;
  GtkAdjustment        *count_adjustment;
  AdwComboRow          *detect_row;
};

G_DEFINE_FINAL_TYPE (LkPreferencesWindow, lk_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
analyst_apply_cb (LkPreferencesWindow *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->analyst_row))));

  /* An empty name would make later changes anonymous: refuse it. */
  if (name[0] == '\0')
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("The analyst name cannot be empty")));
      return;
    }
  /* Through the application when there is one: it keeps the name in this
   * process too, should dconf drop the write. */
  if (LK_IS_APPLICATION (g_application_get_default ()))
    lk_application_set_analyst (LK_APPLICATION (g_application_get_default ()), name);
  else
    g_settings_set_string (self->settings, "analyst-name", name);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_("Name saved; every open case records changes under it from now on")));
}

static gboolean
detect_get_mapping (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  g_value_set_uint (value, g_strcmp0 (g_variant_get_string (variant, NULL), "thorough") == 0 ? 1 : 0);
  return TRUE;
}

static GVariant *
detect_set_mapping (const GValue       *value,
                    const GVariantType *type,
                    gpointer            user_data)
{
  return g_variant_new_string (g_value_get_uint (value) == 1 ? "thorough" : "default");
}

static void
lk_preferences_window_dispose (GObject *object)
{
  LkPreferencesWindow *self = LK_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  G_OBJECT_CLASS (lk_preferences_window_parent_class)->dispose (object);
}

static void
lk_preferences_window_class_init (LkPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/likeness/Likeness/lk-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LkPreferencesWindow, analyst_row);
  gtk_widget_class_bind_template_child (widget_class, LkPreferencesWindow, threshold_adjustment);
  gtk_widget_class_bind_template_child (widget_class, LkPreferencesWindow, count_adjustment);
  gtk_widget_class_bind_template_child (widget_class, LkPreferencesWindow, detect_row);
  gtk_widget_class_bind_template_callback (widget_class, analyst_apply_cb);
}

static void
lk_preferences_window_init (LkPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

LkPreferencesWindow *
lk_preferences_window_new (GSettings *settings)
{
  LkPreferencesWindow *self;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (LK_TYPE_PREFERENCES_WINDOW, NULL);
  self->settings = g_object_ref (settings);
  name = g_settings_get_string (settings, "analyst-name");
  gtk_editable_set_text (GTK_EDITABLE (self->analyst_row), name);
  g_settings_bind (settings, "match-threshold", self->threshold_adjustment, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "candidate-count", self->count_adjustment, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "detection-mode", self->detect_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, detect_get_mapping, detect_set_mapping,
                                NULL, NULL);
  return self;
}
