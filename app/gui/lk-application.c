/* lk-application.c — application-wide actions, settings and windows
 *
 * Windows are LkWindow; each shows the welcome view or one case.  Case
 * folders given on the command line open in a window each.
 */
#define G_LOG_DOMAIN "lk-application"

#include "lk-config.h"

#include <glib/gi18n.h>

#include "lk-a11y.h"
#include "lk-application.h"
#include "lk-preferences-window.h"
#include "lk-window.h"

#define MAX_RECENT 10

struct _LkApplication
{
  AdwApplication  parent_instance;
  GSettings      *settings;
  char           *analyst;  /* the name given in this process, see lk_application_set_analyst() */
};

G_DEFINE_FINAL_TYPE (LkApplication, lk_application, ADW_TYPE_APPLICATION)

static GtkWindow *
get_or_create_window (LkApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (lk_window_new (self));
  return window;
}

static void
lk_application_activate (GApplication *app)
{
  gtk_window_present (get_or_create_window (LK_APPLICATION (app)));
}

static void
lk_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  LkApplication *self = LK_APPLICATION (app);

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);
      LkWindow *window = lk_window_new (self);

      gtk_window_present (GTK_WINDOW (window));
      if (path != NULL)
        lk_window_open_case (window, path);
    }
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  LkApplication *self = user_data;
  static const char *developers[] = { "The Likeness developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("Likeness"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Likeness developers"),
                        "developers", developers,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "comments", _("Face identification review: the software proposes, a person decides. "
                                      "Nothing leaves this computer."),
                        "copyright", "© 2026 The Likeness developers",
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  LkApplication *self = user_data;
  LkPreferencesWindow *prefs = lk_preferences_window_new (self->settings);

  gtk_window_set_transient_for (GTK_WINDOW (prefs),
                                gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (user_data)));

  /* Closing each window lets it save its size and close its case. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
}

static const GActionEntry app_actions[] = {
  { .name = "about", .activate = about_action },
  { .name = "preferences", .activate = preferences_action },
  { .name = "quit", .activate = quit_action },
};

static void
lk_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Primary>q", NULL };
  static const char *prefs_accels[] = { "<Primary>comma", NULL };

  G_APPLICATION_CLASS (lk_application_parent_class)->startup (app);
  lk_a11y_init ();

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", prefs_accels);
  gtk_window_set_default_icon_name (APP_ID);
}

static void
lk_application_dispose (GObject *object)
{
  LkApplication *self = LK_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->analyst, g_free);
  G_OBJECT_CLASS (lk_application_parent_class)->dispose (object);
}

static void
lk_application_class_init (LkApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = lk_application_dispose;
  app_class->activate = lk_application_activate;
  app_class->open = lk_application_open;
  app_class->startup = lk_application_startup;
}

static void
lk_application_init (LkApplication *self)
{
  self->settings = g_settings_new (APP_ID);
}

LkApplication *
lk_application_new (GApplicationFlags flags)
{
  return g_object_new (LK_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", flags | G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/org/likeness/Likeness",
                       NULL);
}

GSettings *
lk_application_get_settings (LkApplication *self)
{
  g_return_val_if_fail (LK_IS_APPLICATION (self), NULL);
  return self->settings;
}

void
lk_application_add_recent (LkApplication *self,
                           const char    *path)
{
  g_auto(GStrv) old = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) recent = NULL;
  guint n = 1;

  g_return_if_fail (LK_IS_APPLICATION (self));
  g_return_if_fail (path != NULL);

  old = g_settings_get_strv (self->settings, "recent-cases");
  g_strv_builder_add (builder, path);
  for (guint i = 0; old[i] != NULL && n < MAX_RECENT; i++)
    if (g_strcmp0 (old[i], path) != 0)
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }
  recent = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-cases", (const char * const *) recent);
}

/**
 * lk_application_dup_analyst:
 *
 * Returns: (transfer full): the analyst's name, stripped; "" when none was given
 */
char *
lk_application_dup_analyst (LkApplication *self)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (LK_IS_APPLICATION (self), NULL);

  /* The name given in this process is the newest, even when dconf dropped it. */
  if (self->analyst != NULL && self->analyst[0] != '\0')
    return g_strdup (self->analyst);
  name = g_strstrip (g_settings_get_string (self->settings, "analyst-name"));
  return g_steal_pointer (&name);
}

/**
 * lk_application_set_analyst:
 *
 * Remembers the analyst's name in GSettings and in this process: without a
 * session bus dconf drops the write, and the analyst must not be asked again
 * (or refused) for the rest of the session because of that.
 */
void
lk_application_set_analyst (LkApplication *self,
                            const char    *name)
{
  g_return_if_fail (LK_IS_APPLICATION (self));
  g_return_if_fail (name != NULL);

  g_free (self->analyst);
  self->analyst = g_strstrip (g_strdup (name));
  g_settings_set_string (self->settings, "analyst-name", self->analyst);
}
