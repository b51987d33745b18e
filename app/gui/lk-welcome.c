/* lk-welcome.c — the first view: new case, open case, recent cases */
#define G_LOG_DOMAIN "lk-welcome"

#include "lk-config.h"

#include <glib/gi18n.h>

#include "lk-welcome.h"

struct _LkWelcome
{
  AdwBin      parent_instance;

  GtkWidget  *recent_group;
  GtkListBox *recent_list;
};

G_DEFINE_FINAL_TYPE (LkWelcome, lk_welcome, ADW_TYPE_BIN)

static void
lk_welcome_class_init (LkWelcomeClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/likeness/Likeness/lk-welcome.ui");
  gtk_widget_class_bind_template_child (widget_class, LkWelcome, recent_group);
  gtk_widget_class_bind_template_child (widget_class, LkWelcome, recent_list);
}

static void
lk_welcome_init (LkWelcome *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (self->recent_group, FALSE);
}

static GtkWidget *
recent_row_new (const char *path)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *tooltip = g_strdup_printf (_("Open %s"), path);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  /* Case folders end in .likeness; the name without it reads better. */
  if (g_str_has_suffix (name, ".likeness"))
    name[strlen (name) - strlen (".likeness")] = '\0';
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), dir);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("folder-symbolic"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.open-path");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", path);
  gtk_widget_set_tooltip_text (row, tooltip);
  return row;
}

void
lk_welcome_set_recent (LkWelcome          *self,
                       const char * const *paths)
{
  GtkWidget *child;
  guint n = 0;

  g_return_if_fail (LK_IS_WELCOME (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);

  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    {
      g_autofree char *db = g_build_filename (paths[i], "case.db", NULL);

      /* A case moved or deleted since is not offered. */
      if (!g_file_test (db, G_FILE_TEST_EXISTS))
        continue;
      gtk_list_box_append (self->recent_list, recent_row_new (paths[i]));
      n++;
    }
  gtk_widget_set_visible (self->recent_group, n > 0);
}
