/* lk-person-completion.c — person names offered as they are typed
 *
 * Copyright 2026 The Likeness authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lk-person-completion"

#include "lk-person-completion.h"

#include "case/lk-case.h"

struct _LkPersonCompletion
{
  GObject             parent_instance;

  GtkEntry           *entry;       /* not a reference: the entry owns this object */
  LkSession          *session;
  GCancellable       *cancellable;
  GtkStringList      *names;
  GtkFilterListModel *matches;
  GtkSingleSelection *selection;
  GtkWidget          *popover;
  guint               loading;
  gboolean            accepting;   /* the entry is being set from the list */
};

G_DEFINE_FINAL_TYPE (LkPersonCompletion, lk_person_completion, G_TYPE_OBJECT)

/* Worker: every person's display name, retired ones too (a name in use). */
static GStrv
load_names_job (LkCase        *kase,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GPtrArray) persons = lk_case_list_persons (kase, TRUE, error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (persons == NULL)
    return NULL;
  for (guint i = 0; i < persons->len; i++)
    g_strv_builder_add (builder, ((LkPerson *) g_ptr_array_index (persons, i))->display_name);
  return g_strv_builder_end (builder);
}

static void
names_loaded (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LkPersonCompletion) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = lk_session_run_finish (LK_SESSION (source), result, &error);

  self->loading--;
  if (names == NULL)
    {
      /* Completion is a help: without it the examiner still types the name. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot offer person names: %s", error->message);
      return;
    }
  gtk_string_list_splice (self->names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->names)),
                          (const char * const *) names);
}

static void
reload (LkPersonCompletion *self)
{
  if (self->session == NULL)
    return;
  self->loading++;
  lk_session_run (self->session, (LkSessionJob) load_names_job, NULL, NULL,
                  (GDestroyNotify) g_strfreev, self->cancellable, names_loaded, g_object_ref (self));
}

static void
case_changed (LkSession          *session,
              LkChange            what,
              LkPersonCompletion *self)
{
  if (what & LK_CHANGE_PERSONS)
    reload (self);
}

static gboolean
entry_has_focus (LkPersonCompletion *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self->entry));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  /* The entry's inner GtkText holds the focus, not the entry itself. */
  return focus != NULL && (focus == GTK_WIDGET (self->entry) ||
                           gtk_widget_is_ancestor (focus, GTK_WIDGET (self->entry)));
}

static gboolean
only_exact_match (LkPersonCompletion *self,
                  const char         *text)
{
  g_autoptr(GtkStringObject) only = NULL;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->matches)) != 1)
    return FALSE;
  only = g_list_model_get_item (G_LIST_MODEL (self->matches), 0);
  return g_utf8_collate (gtk_string_object_get_string (only), text) == 0;
}

/* Shown while there is text, the entry has the focus and some name other
 * than exactly the one typed is on offer. */
static void
update_popover (LkPersonCompletion *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->matches));

  if (text[0] != '\0' && n > 0 && !self->accepting && !only_exact_match (self, text) &&
      entry_has_focus (self))
    {
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      gtk_popover_popup (GTK_POPOVER (self->popover));
    }
  else
    gtk_popover_popdown (GTK_POPOVER (self->popover));
}

static void
entry_changed (LkPersonCompletion *self)
{
  GtkStringFilter *filter = GTK_STRING_FILTER (gtk_filter_list_model_get_filter (self->matches));

  gtk_string_filter_set_search (filter, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
  update_popover (self);
}

void
lk_person_completion_accept (LkPersonCompletion *self,
                             guint               position)
{
  g_autoptr(GtkStringObject) item = NULL;

  g_return_if_fail (LK_IS_PERSON_COMPLETION (self));
  item = g_list_model_get_item (G_LIST_MODEL (self->matches), position);
  if (item == NULL)
    return;
  self->accepting = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), gtk_string_object_get_string (item));
  gtk_editable_set_position (GTK_EDITABLE (self->entry), -1);
  self->accepting = FALSE;
  gtk_popover_popdown (GTK_POPOVER (self->popover));
}

static void
list_activated (GtkListView        *list,
                guint               position,
                LkPersonCompletion *self)
{
  lk_person_completion_accept (self, position);
}

/* Down and Up move through the names while the focus stays in the entry;
 * Enter takes the chosen one, Escape closes the list. */
static gboolean
key_pressed (GtkEventControllerKey *controller,
             guint                  keyval,
             guint                  keycode,
             GdkModifierType        state,
             LkPersonCompletion    *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->matches));
  guint at = gtk_single_selection_get_selected (self->selection);

  if (!gtk_widget_get_visible (self->popover) || n == 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Down:
      gtk_single_selection_set_selected (self->selection, at == GTK_INVALID_LIST_POSITION ? 0 : MIN (at + 1, n - 1));
      return TRUE;
    case GDK_KEY_Up:
      gtk_single_selection_set_selected (self->selection, at == GTK_INVALID_LIST_POSITION || at == 0 ? 0 : at - 1);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
      if (at == GTK_INVALID_LIST_POSITION)
        return FALSE;
      lk_person_completion_accept (self, at);
      return TRUE;
    case GDK_KEY_Escape:
      gtk_popover_popdown (GTK_POPOVER (self->popover));
      return TRUE;
    default:
      return FALSE;
    }
}

/* The popover's layout is in ui/lk-person-completion.ui; it becomes the
 * entry's child here, before the builder lets go of it. */
static GtkWidget *
popover_attach (LkPersonCompletion *self,
                GtkWidget          *entry)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/org/likeness/Likeness/lk-person-completion.ui");
  GtkWidget *popover = GTK_WIDGET (gtk_builder_get_object (builder, "completion_popover"));
  GtkListView *list = GTK_LIST_VIEW (gtk_builder_get_object (builder, "completion_list"));

  gtk_list_view_set_model (list, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect (list, "activate", G_CALLBACK (list_activated), self);
  gtk_widget_set_parent (popover, entry);
  return popover;
}

static void
lk_person_completion_dispose (GObject *object)
{
  LkPersonCompletion *self = LK_PERSON_COMPLETION (object);

  lk_person_completion_set_session (self, NULL);
  if (self->popover != NULL)
    gtk_widget_unparent (g_steal_pointer (&self->popover));
  g_clear_object (&self->selection);
  g_clear_object (&self->matches);
  g_clear_object (&self->names);
  G_OBJECT_CLASS (lk_person_completion_parent_class)->dispose (object);
}

static void
lk_person_completion_class_init (LkPersonCompletionClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = lk_person_completion_dispose;
}

static void
lk_person_completion_init (LkPersonCompletion *self)
{
  GtkExpression *expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  GtkStringFilter *filter = gtk_string_filter_new (expression);

  gtk_string_filter_set_ignore_case (filter, TRUE);
  gtk_string_filter_set_match_mode (filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  self->names = gtk_string_list_new (NULL);
  self->matches = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->names)), GTK_FILTER (filter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->matches)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
}

/* The popover is the entry's child: it must go before the entry finalizes. */
static void
entry_destroyed (LkPersonCompletion *self)
{
  lk_person_completion_set_session (self, NULL);
  if (self->popover != NULL)
    gtk_widget_unparent (g_steal_pointer (&self->popover));
}

LkPersonCompletion *
lk_person_completion_attach (GtkEntry *entry)
{
  LkPersonCompletion *self;
  GtkEventController *keys;

  g_return_val_if_fail (GTK_IS_ENTRY (entry), NULL);

  self = g_object_new (LK_TYPE_PERSON_COMPLETION, NULL);
  self->entry = entry;
  self->popover = popover_attach (self, GTK_WIDGET (entry));
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (entry), keys);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (entry_changed), self);
  g_signal_connect_swapped (entry, "destroy", G_CALLBACK (entry_destroyed), self);
  /* The entry owns the completion. */
  g_object_set_data_full (G_OBJECT (entry), "lk-person-completion", self, g_object_unref);
  return self;
}

void
lk_person_completion_set_session (LkPersonCompletion *self,
                                  LkSession          *session)
{
  g_return_if_fail (LK_IS_PERSON_COMPLETION (self));

  if (self->session == session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_func (self->session, case_changed, self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_set_object (&self->session, session);
  gtk_string_list_splice (self->names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->names)), NULL);
  if (session == NULL)
    return;
  self->cancellable = g_cancellable_new ();
  g_signal_connect_object (session, "case-changed", G_CALLBACK (case_changed), self, 0);
  reload (self);
}

GListModel *
lk_person_completion_get_matches (LkPersonCompletion *self)
{
  g_return_val_if_fail (LK_IS_PERSON_COMPLETION (self), NULL);
  return G_LIST_MODEL (self->matches);
}

gboolean
lk_person_completion_is_loading (LkPersonCompletion *self)
{
  g_return_val_if_fail (LK_IS_PERSON_COMPLETION (self), FALSE);
  return self->loading > 0;
}
