/* lk-window.c — a workstation window: the welcome view or one open case
 *
 * The case view is a sidebar of sections over a stack.  The window owns the
 * LkSession; every section gets it and does its own store work through
 * session jobs.  Photos (shown on opening) and Faces get it at once; the
 * others only when first shown, so that on a large case their loads (the
 * review queue, a 100,000-entry audit list) do not share the one session
 * worker and the two cores with the sections the analyst is looking at.
 * Actions live in lk-window-actions.c, drag and drop and import in
 * lk-window-import.c.
 */
#define G_LOG_DOMAIN "lk-window"

#include "lk-config.h"

#include <glib/gi18n.h>

#include "lk-audit-view.h"
#include "lk-cluster-view.h"
#include "lk-faces-view.h"
#include "lk-people-view.h"
#include "lk-photos-view.h"
#include "lk-review-view.h"
#include "lk-verification-view.h"
#include "lk-window-private.h"

G_DEFINE_FINAL_TYPE (LkWindow, lk_window, ADW_TYPE_APPLICATION_WINDOW)

enum { PROP_0, PROP_SESSION, N_PROPS };
static GParamSpec *properties[N_PROPS];

typedef struct {
  const char *name;
  const char *title;
  const char *icon;
  const char *accel;
  gboolean    eager;    /* gets the session on opening, not when first shown */
} LkSectionInfo;

/* Translators: the sidebar sections of a case. */
static const LkSectionInfo sections[] = {
  { "photos", N_("Photos"), "image-x-generic-symbolic", "<Alt>1", TRUE },
  { "faces",  N_("Faces"),  "avatar-default-symbolic", "<Alt>2", TRUE },
  { "people", N_("People"), "system-users-symbolic", "<Alt>3", FALSE },
  { "review", N_("Review"), "edit-find-symbolic", "<Alt>4", FALSE },
  /* Alt+number follows the sidebar's order. */
  { "groups", N_("Unknown Groups"), "view-grid-symbolic", "<Alt>5", FALSE },
  { "audit",  N_("Audit"),  "security-high-symbolic", "<Alt>6", FALSE },
  { "verification", N_("Verification"), "emblem-ok-symbolic", "<Alt>7", FALSE },
};

static GtkWidget *
sidebar_row_new (const LkSectionInfo *info)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (_(info->title));

  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (info->icon));
  gtk_box_append (GTK_BOX (box), label);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, info->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(info->title), -1);
  return row;
}

static GtkWidget *
section_widget_new (const char *name)
{
  if (g_str_equal (name, "photos"))
    return GTK_WIDGET (lk_photos_view_new ());
  if (g_str_equal (name, "faces"))
    return GTK_WIDGET (lk_faces_view_new ());
  if (g_str_equal (name, "people"))
    return GTK_WIDGET (lk_people_view_new ());
  if (g_str_equal (name, "audit"))
    return GTK_WIDGET (lk_audit_view_new ());
  if (g_str_equal (name, "groups"))
    return lk_cluster_view_new ();
  if (g_str_equal (name, "verification"))
    return GTK_WIDGET (lk_verification_view_new ());
  return lk_review_view_new ();
}

static void
build_sections (LkWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      GtkWidget *child = section_widget_new (sections[i].name);

      gtk_stack_add_titled (self->section_stack, child, sections[i].name, _(sections[i].title));
      gtk_list_box_append (self->sidebar, sidebar_row_new (&sections[i]));
    }
}

static void
sidebar_row_selected_cb (GtkListBox    *box,
                         GtkListBoxRow *row,
                         LkWindow      *self)
{
  if (row != NULL)
    gtk_stack_set_visible_child_name (self->section_stack, gtk_widget_get_name (GTK_WIDGET (row)));
}

void
lk_window_show_section (LkWindow   *self,
                        const char *name)
{
  g_return_if_fail (LK_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && g_str_equal (gtk_widget_get_name (row), name))
      gtk_list_box_select_row (self->sidebar, GTK_LIST_BOX_ROW (row));
}

GtkWidget *
lk_window_get_section (LkWindow   *self,
                       const char *name)
{
  g_return_val_if_fail (LK_IS_WINDOW (self), NULL);
  return gtk_stack_get_child_by_name (self->section_stack, name);
}

/* ---- Session ---------------------------------------------------------- */

static void
refresh_recent (LkWindow *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-cases");

  lk_welcome_set_recent (self->welcome, (const char * const *) recent);
}

static void
update_banner (LkWindow *self)
{
  gboolean ro = self->session != NULL && lk_session_is_read_only (self->session);

  if (ro)
    {
      const char *reason = g_object_get_data (G_OBJECT (self->session), "lk-read-only-reason");
      g_autofree char *text = g_strdup_printf (_("This case is open read-only: you can look at everything "
                                                 "but not change it. %s"), reason != NULL ? reason : "");

      gtk_label_set_text (self->banner_label, text);
    }
  gtk_revealer_set_reveal_child (self->banner_revealer, ro);
}

/* The header shows the name every change is recorded under, at all times. */
static void
update_analyst_subtitle (LkWindow *self)
{
  g_autofree char *subtitle = NULL;

  if (self->session == NULL)
    return;
  subtitle = g_strdup_printf (_("Analyst: %s"), lk_session_get_analyst (self->session));
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

/* A new name in Preferences applies to every open window at once: the
 * settings object is the application's, shared by all windows. */
static void
analyst_setting_changed_cb (GSettings  *settings,
                            const char *key,
                            LkWindow   *self)
{
  g_autofree char *name = _lk_window_get_analyst (self);

  if (self->session == NULL || name[0] == '\0')
    return;
  lk_session_set_analyst (self->session, name);
  update_analyst_subtitle (self);
}

/* A section loads when first shown; from then on it holds the session and
 * follows its case-changed signals like the others. */
static void
section_shown_cb (GtkStack   *stack,
                  GParamSpec *pspec,
                  LkWindow   *self)
{
  GtkWidget *child = gtk_stack_get_visible_child (stack);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (self->session != NULL && child != NULL)
    lk_section_set_session (LK_SECTION (child), self->session);
  /* Toasts raised in another section ("1 face is now a reference…") would
   * stay over Review's decision buttons, shown one after the other: they
   * are dismissed, and the last one moves to Review's own overlay. */
  if (child != NULL && LK_IS_REVIEW_VIEW (child) && self->toasts->len > 0)
    {
      /* Dismissing removes a toast from the array: go through a copy. */
      g_autoptr(GPtrArray) shown = g_ptr_array_new_full (self->toasts->len, g_object_unref);
      AdwToast *last = g_ptr_array_index (self->toasts, self->toasts->len - 1);
      g_autofree char *message = g_strdup (g_object_get_data (G_OBJECT (last), "lk-message"));

      for (guint i = 0; i < self->toasts->len; i++)
        g_ptr_array_add (shown, g_object_ref (g_ptr_array_index (self->toasts, i)));
      for (guint i = 0; i < shown->len; i++)
        adw_toast_dismiss (g_ptr_array_index (shown, i));
      if (message != NULL)
        lk_review_view_toast (LK_REVIEW_VIEW (child), message);
    }
  /* A section's keys (Review's Alt+I…) work while the focus is inside it:
   * after Alt+4 from another section the focus was left on a hidden widget
   * (or nowhere), so it moves in.  Not while the analyst walks the sidebar. */
  if (child != NULL && (focus == NULL || (!gtk_widget_is_ancestor (focus, GTK_WIDGET (self->sidebar)) &&
                                          !gtk_widget_is_ancestor (focus, child))))
    gtk_widget_child_focus (child, GTK_DIR_TAB_FORWARD);
}

void
_lk_window_set_session (LkWindow  *self,
                        LkSession *session)
{
  GtkWidget *shown;

  if (!g_set_object (&self->session, session))
    return;
  _lk_window_follow_session_for_match (self, session);

  /* A section not given the new case now lets go of the previous one, so
   * it never shows another case's data when it is shown. */
  shown = gtk_stack_get_visible_child (self->section_stack);
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      GtkWidget *child = gtk_stack_get_child_by_name (self->section_stack, sections[i].name);
      gboolean now = session == NULL || sections[i].eager || child == shown;

      lk_section_set_session (LK_SECTION (child), now ? session : NULL);
    }

  if (session != NULL)
    {
      adw_window_title_set_title (self->window_title, lk_session_get_title (session));
      update_analyst_subtitle (self);
      gtk_window_set_title (GTK_WINDOW (self), lk_session_get_title (session));
      gtk_stack_set_visible_child_name (self->main_stack, "case");
      lk_window_show_section (self, "photos");
    }
  else
    {
      adw_window_title_set_title (self->window_title, _("Likeness"));
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("Likeness"));
      refresh_recent (self);
      gtk_stack_set_visible_child_name (self->main_stack, "welcome");
    }
  update_banner (self);
  _lk_window_update_audit_banner (self);
  _lk_window_verify_on_open (self, session);
  _lk_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

LkSession *
lk_window_get_session (LkWindow *self)
{
  g_return_val_if_fail (LK_IS_WINDOW (self), NULL);
  return self->session;
}

GSettings *
lk_window_get_settings (LkWindow *self)
{
  g_return_val_if_fail (LK_IS_WINDOW (self), NULL);
  return self->settings;
}

/* ---- Toasts and errors ----------------------------------------------- */

static void
toast_dismissed_cb (AdwToast *toast,
                    LkWindow *self)
{
  if (self->toasts != NULL)
    g_ptr_array_remove (self->toasts, toast);
}

void
lk_window_show_toast (LkWindow   *self,
                      const char *message)
{
  GtkWidget *shown;
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  g_return_if_fail (LK_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  /* While Review is shown, a toast over the whole window would cover the
   * decision buttons: Review's own overlay ends above them. */
  shown = self->section_stack != NULL ? gtk_stack_get_visible_child (self->section_stack) : NULL;
  if (shown != NULL && LK_IS_REVIEW_VIEW (shown) && gtk_widget_get_mapped (shown))
    {
      lk_review_view_toast (LK_REVIEW_VIEW (shown), message);
      return;
    }
  /* A toast's title is markup: a file named "A&B.jpg" must still show. */
  escaped = g_markup_escape_text (message, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_timeout (toast, 6);
  g_object_set_data_full (G_OBJECT (toast), "lk-message", g_strdup (message), g_free);
  g_ptr_array_add (self->toasts, g_object_ref (toast));
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
_lk_window_show_error (LkWindow     *self,
                       const char   *heading,
                       const GError *error)
{
  GtkWidget *dialog;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      lk_window_show_toast (self, _("Cancelled"));
      return;
    }
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- Long tasks -------------------------------------------------------- */

static gboolean
pulse_cb (gpointer user_data)
{
  LkWindow *self = user_data;

  gtk_progress_bar_pulse (self->task_progress);
  return G_SOURCE_CONTINUE;
}

gboolean
lk_window_is_busy (LkWindow *self)
{
  g_return_val_if_fail (LK_IS_WINDOW (self), FALSE);
  return self->task_cancellable != NULL;
}

GCancellable *
lk_window_begin_task (LkWindow   *self,
                      const char *label)
{
  g_return_val_if_fail (LK_IS_WINDOW (self), NULL);

  if (self->task_cancellable != NULL)
    {
      lk_window_show_toast (self, _("Another task is running; wait for it or cancel it first"));
      return NULL;
    }
  self->task_cancellable = g_cancellable_new ();
  gtk_label_set_text (self->task_label, label);
  gtk_widget_set_tooltip_text (self->task_box, label);
  lk_window_task_progress (self, -1, NULL);
  gtk_widget_set_visible (self->task_box, TRUE);
  _lk_window_update_actions (self);
  return self->task_cancellable;
}

void
lk_window_task_progress (LkWindow   *self,
                         double      fraction,
                         const char *text)
{
  g_return_if_fail (LK_IS_WINDOW (self));

  if (fraction < 0)
    {
      if (self->pulse_id == 0)
        self->pulse_id = g_timeout_add (150, pulse_cb, self);
    }
  else
    {
      g_clear_handle_id (&self->pulse_id, g_source_remove);
      gtk_progress_bar_set_fraction (self->task_progress, CLAMP (fraction, 0.0, 1.0));
    }
  if (text != NULL)
    gtk_label_set_text (self->task_label, text);
}

void
lk_window_end_task (LkWindow *self)
{
  g_return_if_fail (LK_IS_WINDOW (self));

  g_clear_handle_id (&self->pulse_id, g_source_remove);
  g_clear_object (&self->task_cancellable);
  gtk_widget_set_visible (self->task_box, FALSE);
  _lk_window_update_actions (self);
  _lk_window_match_task_ended (self);
}

/* ---- Analyst name ------------------------------------------------------ */

typedef struct {
  LkWindow     *self;
  LkWindowFunc  func;
  gpointer      data;
  GtkEditable  *entry;
} AnalystPrompt;

char *
_lk_window_get_analyst (LkWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (!LK_IS_APPLICATION (app))
    return g_strstrip (g_settings_get_string (self->settings, "analyst-name"));
  return lk_application_dup_analyst (LK_APPLICATION (app));
}

static void
analyst_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     AnalystPrompt    *prompt)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (prompt->entry)));

  if (g_str_equal (response, "continue") && name[0] != '\0')
    {
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (prompt->self));

      if (LK_IS_APPLICATION (app))
        lk_application_set_analyst (LK_APPLICATION (app), name);
      else
        g_settings_set_string (prompt->self->settings, "analyst-name", name);
      prompt->func (prompt->self, prompt->data);
    }
  g_object_unref (prompt->self);
  g_free (prompt);
}

static void
analyst_entry_changed_cb (GtkEditable      *entry,
                          AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "continue", name[0] != '\0');
}

void
_lk_window_ensure_analyst (LkWindow     *self,
                           LkWindowFunc  func,
                           gpointer      data)
{
  g_autofree char *name = _lk_window_get_analyst (self);
  g_autoptr(GtkBuilder) builder = NULL;
  AnalystPrompt *prompt;
  GtkWidget *dialog, *entry;

  if (name[0] != '\0')
    {
      func (self, data);
      return;
    }

  /* The layout is in ui/lk-analyst-dialog.ui: "Continue" starts disabled. */
  builder = gtk_builder_new_from_resource ("/org/likeness/Likeness/lk-analyst-dialog.ui");
  dialog = GTK_WIDGET (gtk_builder_get_object (builder, "dialog"));
  entry = GTK_WIDGET (gtk_builder_get_object (builder, "analyst_entry"));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);

  prompt = g_new0 (AnalystPrompt, 1);
  prompt->self = g_object_ref (self);
  prompt->func = func;
  prompt->data = data;
  prompt->entry = GTK_EDITABLE (entry);
  g_signal_connect (entry, "changed", G_CALLBACK (analyst_entry_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (analyst_response_cb), prompt);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- GObject ------------------------------------------------------------ */

static void
save_window_state (LkWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
}

static gboolean
lk_window_close_request (GtkWindow *window)
{
  save_window_state (LK_WINDOW (window));
  return GTK_WINDOW_CLASS (lk_window_parent_class)->close_request (window);
}

static void
lk_window_dispose (GObject *object)
{
  LkWindow *self = LK_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->toasts, g_ptr_array_unref);
  _lk_window_verify_on_open (self, NULL);
  if (self->task_cancellable != NULL)
    g_cancellable_cancel (self->task_cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  _lk_window_dispose_match (self);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->task_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_WINDOW);
  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lk_window_parent_class)->dispose (object);
}

static void
lk_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  LkWindow *self = LK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
show_toast_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  lk_window_show_toast (LK_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
show_section_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  lk_window_show_section (LK_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
show_photo_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  LkWindow *self = LK_WINDOW (widget);
  gint64 photo_id, face_id;

  g_variant_get (param, "(xx)", &photo_id, &face_id);
  lk_window_show_section (self, "photos");
  lk_photos_view_show_photo (LK_PHOTOS_VIEW (lk_window_get_section (self, "photos")), photo_id, face_id);
}

static void
lk_window_class_init (LkWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = lk_window_dispose;
  object_class->get_property = lk_window_get_property;
  window_class->close_request = lk_window_close_request;

  properties[PROP_SESSION] = g_param_spec_object ("session", NULL, NULL, LK_TYPE_SESSION,
                                                  G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LK_TYPE_WELCOME);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/likeness/Likeness/lk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LkWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, import_button);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, task_box);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, task_label);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, task_progress);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, audit_banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, audit_banner_label);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, welcome);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, LkWindow, section_stack);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_selected_cb);

  gtk_widget_class_install_action (widget_class, "win.show-toast", "s", show_toast_action);
  gtk_widget_class_install_action (widget_class, "win.show-section", "s", show_section_action);
  gtk_widget_class_install_action (widget_class, "win.show-photo", "(xx)", show_photo_action);
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      guint key;
      GdkModifierType mods;

      gtk_accelerator_parse (sections[i].accel, &key, &mods);
      gtk_widget_class_add_binding_action (widget_class, key, mods, "win.show-section",
                                           "s", sections[i].name);
    }
  _lk_window_class_init_actions (widget_class);
  _lk_window_class_init_import (widget_class);
}

static void
lk_window_init (LkWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->toasts = g_ptr_array_new_with_free_func (g_object_unref);
  build_sections (self);
  g_signal_connect_object (self->section_stack, "notify::visible-child",
                           G_CALLBACK (section_shown_cb), self, 0);
  _lk_window_init_dnd (self);
}

LkWindow *
lk_window_new (LkApplication *app)
{
  LkWindow *self;

  g_return_val_if_fail (LK_IS_APPLICATION (app), NULL);

  self = g_object_new (LK_TYPE_WINDOW, "application", app, NULL);
  self->settings = g_object_ref (lk_application_get_settings (app));
  g_signal_connect_object (self->settings, "changed::analyst-name",
                           G_CALLBACK (analyst_setting_changed_cb), self, 0);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  refresh_recent (self);
  _lk_window_update_actions (self);
  return self;
}
