/* lk-people-view.c — the gallery: persons, their reference and identified faces
 *
 * Left: the persons with a search; right: the selected person's details and
 * faces.  Creating, editing and retiring go through the case store, which
 * audits each change; nothing is removed.
 */
#define G_LOG_DOMAIN "lk-people-view"

#include "lk-config.h"

#include <inttypes.h>
#include <glib/gi18n.h>

#include "lk-a11y.h"
#include "lk-face-object.h"
#include "lk-people-view.h"
#include "lk-person-object.h"
#include "lk-thumb-loader.h"

struct _LkPeopleView
{
  LkSection           parent_instance;

  LkThumbLoader      *loader;
  GListStore         *store;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  GListStore         *reference_faces;
  GListStore         *identified_faces;

  GtkEditable        *search_entry;
  GtkStack           *detail_stack;
  AdwStatusPage      *empty_page;
  GtkLabel           *name_label;
  GtkLabel           *facts_label;
  GtkWidget          *edit_button;
  GtkWidget          *retire_button;
  GtkWidget          *new_button;
  GtkCheckButton     *retired_check;
  GtkListView        *person_list;
  AdwPreferencesGroup *reference_group;
  GtkFlowBox         *reference_flow;
  AdwPreferencesGroup *identified_group;
  GtkFlowBox         *identified_flow;
};

G_DEFINE_FINAL_TYPE (LkPeopleView, lk_people_view, LK_TYPE_SECTION)

#define session_of(self) lk_section_get_session (LK_SECTION (self))
#define cancellable_of(self) lk_section_get_cancellable (LK_SECTION (self))

static void load_people (LkPeopleView *self);

static const LkPerson *
selected_person (LkPeopleView *self)
{
  LkPersonObject *obj = gtk_single_selection_get_selected_item (self->selection);

  return obj != NULL ? lk_person_object_get_person (obj) : NULL;
}

static gboolean
writable (LkPeopleView *self)
{
  return session_of (self) != NULL && !lk_session_is_read_only (session_of (self));
}

/* ---- Search --------------------------------------------------------------- */

static gboolean
person_matches (gpointer item,
                gpointer user_data)
{
  LkPeopleView *self = user_data;
  const LkPerson *p = lk_person_object_get_person (item);
  const char *text = gtk_editable_get_text (self->search_entry);
  g_autofree char *needle = NULL;
  g_autofree char *name = NULL;

  if (p->retired && !gtk_check_button_get_active (self->retired_check))
    return FALSE;
  if (text[0] == '\0')
    return TRUE;
  needle = g_utf8_casefold (text, -1);
  name = g_utf8_casefold (p->display_name, -1);
  if (strstr (name, needle) != NULL)
    return TRUE;
  for (guint i = 0; p->aliases[i] != NULL; i++)
    {
      g_autofree char *alias = g_utf8_casefold (p->aliases[i], -1);

      if (strstr (alias, needle) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
search_changed_cb (LkPeopleView *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/* ---- Details ---------------------------------------------------------------- */

typedef struct {
  GPtrArray *reference;    /* LkFaceObject */
  GPtrArray *identified;
} PersonFaces;

static void
person_faces_free (gpointer p)
{
  PersonFaces *pf = p;

  g_ptr_array_unref (pf->reference);
  g_ptr_array_unref (pf->identified);
  g_free (pf);
}

/* The identification that puts the face here, so that its chip can be marked
 * when the newest audit verification fails on it. */
static gboolean
remember_identification (LkCase       *kase,
                         LkFaceObject *object,
                         gint64        person_id,
                         GError      **error)
{
  g_autoptr(GPtrArray) current = lk_case_list_decisions (kase, lk_face_object_get_id (object), TRUE, error);

  if (current == NULL)
    return FALSE;
  for (guint i = 0; i < current->len; i++)
    {
      const LkDecision *d = g_ptr_array_index (current, i);

      if (d->person_id == person_id && d->outcome == LK_OUTCOME_IDENTIFIED)
        g_object_set_data_full (G_OBJECT (object), "lk-decision-id", g_memdup2 (&d->id, sizeof d->id), g_free);
    }
  return TRUE;
}

static gpointer
faces_job (LkCase        *kase,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  LkFaceFilter filter = LK_FACE_FILTER_INIT;
  g_autoptr(GPtrArray) faces = NULL;
  PersonFaces *pf;

  filter.person_id = *(gint64 *) data;
  faces = lk_case_list_faces (kase, &filter, error);
  if (faces == NULL)
    return NULL;
  pf = g_new0 (PersonFaces, 1);
  pf->reference = g_ptr_array_new_with_free_func (g_object_unref);
  pf->identified = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < faces->len; i++)
    {
      LkCaseFace *face = g_ptr_array_index (faces, i);

      LkFaceObject *object = lk_face_object_new (face);

      if (face->status != LK_FACE_STATUS_REFERENCE &&
          !remember_identification (kase, object, filter.person_id, error))
        {
          g_object_unref (object);
          person_faces_free (pf);
          return NULL;
        }
      g_ptr_array_add (face->status == LK_FACE_STATUS_REFERENCE ? pf->reference : pf->identified, object);
    }
  return pf;
}

static void
faces_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LkPeopleView) self = user_data;
  g_autoptr(GError) error = NULL;
  PersonFaces *pf = lk_session_run_finish (LK_SESSION (source), result, &error);

  if (pf == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", error->message);
      return;
    }
  g_list_store_splice (self->reference_faces, 0, g_list_model_get_n_items (G_LIST_MODEL (self->reference_faces)),
                       pf->reference->pdata, pf->reference->len);
  g_list_store_splice (self->identified_faces, 0, g_list_model_get_n_items (G_LIST_MODEL (self->identified_faces)),
                       pf->identified->pdata, pf->identified->len);
  person_faces_free (pf);
}

static char *
person_facts (const LkPerson *p)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autofree char *when = NULL;

  if (p->aliases[0] != NULL)
    {
      g_autofree char *aliases = g_strjoinv (", ", p->aliases);

      g_string_append_printf (s, _("Also known as %s\n"), aliases);
    }
  if (p->born[0] != '\0')
    g_string_append_printf (s, _("Born %s\n"), p->born);
  if (p->died[0] != '\0')
    g_string_append_printf (s, _("Died %s\n"), p->died);
  if (p->external_ref[0] != '\0')
    g_string_append_printf (s, _("Reference %s\n"), p->external_ref);
  if (p->notes[0] != '\0')
    g_string_append_printf (s, "%s\n", p->notes);
  if (p->retired)
    g_string_append_printf (s, _("Retired: %s\n"), p->retired_reason != NULL ? p->retired_reason : "");
  when = lk_format_time (p->created_at);
  g_string_append_printf (s, _("Added %s by %s"), when, p->created_by);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
show_selected (LkPeopleView *self)
{
  const LkPerson *p = selected_person (self);
  g_autofree char *facts = NULL;
  gint64 *id;

  g_list_store_remove_all (self->reference_faces);
  g_list_store_remove_all (self->identified_faces);
  gtk_widget_set_sensitive (self->edit_button, p != NULL && writable (self));
  gtk_widget_set_sensitive (self->retire_button, p != NULL && writable (self));
  gtk_widget_set_sensitive (self->new_button, writable (self));
  if (p == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "empty");
      return;
    }
  gtk_stack_set_visible_child_name (self->detail_stack, "person");
  gtk_label_set_text (self->name_label, p->display_name);
  facts = person_facts (p);
  gtk_label_set_text (self->facts_label, facts);
  gtk_button_set_label (GTK_BUTTON (self->retire_button), p->retired ? _("_Reinstate") : _("_Retire…"));
  id = g_new (gint64, 1);
  *id = p->id;
  lk_session_run (session_of (self), faces_job, id, g_free, person_faces_free, cancellable_of (self),
                  faces_done_cb, g_object_ref (self));
}

/* ---- Loading ------------------------------------------------------------- */

static gpointer
load_job (LkCase        *kase,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(GPtrArray) persons = lk_case_list_persons (kase, TRUE, error);
  GPtrArray *objects;

  if (persons == NULL)
    return NULL;
  g_ptr_array_set_free_func (persons, NULL);
  objects = g_ptr_array_new_full (persons->len, g_object_unref);
  for (guint i = 0; i < persons->len; i++)
    g_ptr_array_add (objects, lk_person_object_new (g_ptr_array_index (persons, i)));
  return objects;
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LkPeopleView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) objects = lk_session_run_finish (LK_SESSION (source), result, &error);
  gint64 keep = selected_person (self) != NULL ? selected_person (self)->id : 0;
  guint n;

  if (objects == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", error->message);
      return;
    }
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       objects->pdata, objects->len);
  /* Keep the analyst on the person they were looking at. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LkPersonObject) obj = g_list_model_get_item (G_LIST_MODEL (self->filtered), i);

      if (lk_person_object_get_person (obj)->id == keep)
        gtk_single_selection_set_selected (self->selection, i);
    }
  show_selected (self);
}

static void
load_people (LkPeopleView *self)
{
  if (session_of (self) != NULL)
    lk_session_run (session_of (self), load_job, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                    cancellable_of (self), load_done_cb, g_object_ref (self));
}

static void
lk_people_view_reload (LkSection *section,
                       LkChange   what)
{
  LkPeopleView *self = LK_PEOPLE_VIEW (section);

  if (what & LK_CHANGE_CASE)
    {
      lk_thumb_loader_set_session (self->loader, session_of (self));
      g_list_store_remove_all (self->store);
      show_selected (self);
    }
  if (what & (LK_CHANGE_PERSONS | LK_CHANGE_DECISIONS | LK_CHANGE_FACES | LK_CHANGE_VERIFY))
    load_people (self);
}

/* ---- Create, edit, retire ------------------------------------------------- */

typedef struct {
  gint64   person_id;        /* 0: create */
  char    *name, *aliases, *born, *died, *notes, *external_ref;
  gboolean retire;           /* retire/reinstate instead of edit */
  gboolean retired;
  char    *reason;
} EditData;

static void
edit_data_free (gpointer p)
{
  EditData *ed = p;

  g_free (ed->name);
  g_free (ed->aliases);
  g_free (ed->born);
  g_free (ed->died);
  g_free (ed->notes);
  g_free (ed->external_ref);
  g_free (ed->reason);
  g_free (ed);
}

/* "a, , b" → { "a", "b" }. */
static GStrv
split_aliases (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    if (g_strstrip (parts[i])[0] != '\0')
      g_strv_builder_add (b, parts[i]);
  return g_strv_builder_end (b);
}

static void
edit_finished (LkPeopleView *self,
               LkSession    *session,
               gboolean      done,
               GError       *error)
{
  if (!done)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", error->message);
      return;
    }
  lk_session_notify_changed (session, LK_CHANGE_PERSONS | LK_CHANGE_AUDIT);
}

/* Adding, editing and retiring end alike; each has its own _finish. */
static void
edit_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LkPeopleView) self = user_data;
  g_autoptr(GError) error = NULL;
  LkSession *session = LK_SESSION (source);
  gboolean done;

  if (g_async_result_is_tagged (result, lk_session_add_person_async))
    done = lk_session_add_person_finish (session, result, &error) != 0;
  else if (g_async_result_is_tagged (result, lk_session_edit_person_async))
    done = lk_session_edit_person_finish (session, result, &error);
  else
    done = lk_session_set_person_retired_finish (session, result, &error);
  edit_finished (self, session, done, error);
}

static void
run_edit (LkPeopleView *self,
          EditData     *ed)
{
  LkSession *session = session_of (self);
  g_auto(GStrv) aliases = NULL;
  LkPersonFields fields = { 0 };

  if (ed->retire)
    {
      lk_session_set_person_retired_async (session, ed->person_id, ed->retired, ed->reason, NULL,
                                           edit_done_cb, g_object_ref (self));
      edit_data_free (ed);
      return;
    }
  aliases = split_aliases (ed->aliases);
  fields = (LkPersonFields) {
    .display_name = ed->name, .aliases = (const char * const *) aliases, .born = ed->born,
    .died = ed->died, .notes = ed->notes, .external_ref = ed->external_ref,
  };
  if (ed->person_id == 0)
    lk_session_add_person_async (session, &fields, NULL, edit_done_cb, g_object_ref (self));
  else
    lk_session_edit_person_async (session, ed->person_id, &fields, NULL, edit_done_cb, g_object_ref (self));
  edit_data_free (ed);
}

/* The rows of ui/lk-person-dialog.ui, in the order of EditData's fields. */
static const char *person_rows[] = { "name_row", "aliases_row", "born_row", "died_row",
                                     "external_ref_row", "notes_row" };

static char *
row_text (AdwMessageDialog *dialog,
          int               index)
{
  GtkEditable *row = g_object_get_data (G_OBJECT (dialog), person_rows[index]);

  return g_strstrip (g_strdup (gtk_editable_get_text (row)));
}

static void
person_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    LkPeopleView     *self)
{
  EditData *ed;

  if (!g_str_equal (response, "save") || session_of (self) == NULL)
    {
      g_object_unref (self);
      return;
    }
  ed = g_new0 (EditData, 1);
  ed->person_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "person-id"));
  ed->name = row_text (dialog, 0);
  ed->aliases = row_text (dialog, 1);
  ed->born = row_text (dialog, 2);
  ed->died = row_text (dialog, 3);
  ed->external_ref = row_text (dialog, 4);
  ed->notes = row_text (dialog, 5);
  if (ed->name[0] == '\0')
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", _("A person needs a name"));
      edit_data_free (ed);
    }
  else
    run_edit (self, ed);
  g_object_unref (self);
}

/* Loads a dialog's layout from the resource; only what depends on the
 * person is set by the callers. */
static AdwMessageDialog *
dialog_from_resource (LkPeopleView *self,
                      const char   *resource,
                      GtkBuilder  **builder_out)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (resource);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (gtk_builder_get_object (builder, "dialog"));

  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  *builder_out = g_steal_pointer (&builder);
  return dialog;
}

static void
show_person_dialog (LkPeopleView   *self,
                    const LkPerson *p)
{
  g_autoptr(GtkBuilder) builder = NULL;
  AdwMessageDialog *dialog = dialog_from_resource (self, "/org/likeness/Likeness/lk-person-dialog.ui", &builder);
  g_autofree char *aliases = p != NULL ? g_strjoinv (", ", p->aliases) : NULL;
  const char *values[] = { p ? p->display_name : NULL, aliases, p ? p->born : NULL,
                           p ? p->died : NULL, p ? p->external_ref : NULL, p ? p->notes : NULL };

  for (int i = 0; i < 6; i++)
    {
      GtkEditable *row = GTK_EDITABLE (gtk_builder_get_object (builder, person_rows[i]));

      gtk_editable_set_text (row, values[i] != NULL ? values[i] : "");
      /* Not a reference: the rows live as long as the dialog. */
      g_object_set_data (G_OBJECT (dialog), person_rows[i], row);
    }
  if (p == NULL)
    {
      adw_message_dialog_set_heading (dialog, _("New Person"));
      adw_message_dialog_set_response_label (dialog, "save", _("C_reate"));
    }
  g_object_set_data (G_OBJECT (dialog), "person-id", GSIZE_TO_POINTER (p != NULL ? p->id : 0));
  g_signal_connect (dialog, "response", G_CALLBACK (person_response_cb), g_object_ref (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_clicked_cb (LkPeopleView *self)
{
  show_person_dialog (self, NULL);
}

static void
edit_clicked_cb (LkPeopleView *self)
{
  if (selected_person (self) != NULL)
    show_person_dialog (self, selected_person (self));
}

static void
retire_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    LkPeopleView     *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  const LkPerson *p = selected_person (self);

  if (g_str_equal (response, "retire") && p != NULL && session_of (self) != NULL)
    {
      EditData *ed = g_new0 (EditData, 1);

      ed->retire = TRUE;
      ed->retired = TRUE;
      ed->person_id = p->id;
      ed->reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
      run_edit (self, ed);
    }
  g_object_unref (self);
}

static void
retire_clicked_cb (LkPeopleView *self)
{
  const LkPerson *p = selected_person (self);
  g_autoptr(GtkBuilder) builder = NULL;
  AdwMessageDialog *dialog;

  if (p == NULL)
    return;
  if (p->retired)
    {
      EditData *ed = g_new0 (EditData, 1);

      ed->retire = TRUE;
      ed->person_id = p->id;
      ed->reason = g_strdup (_("Reinstated"));
      run_edit (self, ed);
      return;
    }
  dialog = dialog_from_resource (self, "/org/likeness/Likeness/lk-retire-person-dialog.ui", &builder);
  g_signal_connect (dialog, "response", G_CALLBACK (retire_response_cb), g_object_ref (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- Widgets ------------------------------------------------------------- */

static void
setup_person_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *avatar = adw_avatar_new (32, NULL, TRUE);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *sub = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (sub), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (sub, "caption");
  gtk_widget_add_css_class (sub, "dim-label");
  gtk_box_append (GTK_BOX (labels), name);
  gtk_box_append (GTK_BOX (labels), sub);
  gtk_box_append (GTK_BOX (box), avatar);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_item_set_child (item, box);
}

static void
bind_person_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  const LkPerson *p = lk_person_object_get_person (gtk_list_item_get_item (item));
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *avatar = gtk_widget_get_first_child (box);
  GtkWidget *labels = gtk_widget_get_last_child (box);
  g_autofree char *sub = NULL;

  adw_avatar_set_text (ADW_AVATAR (avatar), p->display_name);
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (labels)), p->display_name);
  if (p->retired)
    sub = g_strdup (_("Retired"));
  else
    sub = g_strdup_printf (ngettext ("%" PRId64 " reference face",
                                     "%" PRId64 " reference faces", p->n_reference_faces),
                           p->n_reference_faces);
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (labels)), sub);
  gtk_widget_set_opacity (box, p->retired ? 0.55 : 1.0);
  lk_a11y_describe_cell (box, p->display_name, sub);
}

static GtkWidget *
face_chip_new (gpointer item,
               gpointer user_data)
{
  LkPeopleView *self = user_data;
  LkFaceObject *face = item;
  GtkWidget *picture = gtk_picture_new ();
  GtkWidget *cell;
  g_autofree char *tip = g_strdup_printf (_("Face %" PRId64 " in %s"), lk_face_object_get_id (face),
                                          lk_face_object_get_file (face) != NULL ? lk_face_object_get_file (face) : "");
  gint64 *decision = g_object_get_data (G_OBJECT (face), "lk-decision-id");

  gtk_widget_set_size_request (picture, 96, 96);
  gtk_widget_add_css_class (picture, "lk-chip");

  if (decision != NULL && session_of (self) != NULL && lk_session_decision_flagged (session_of (self), *decision))
    {
      g_autofree char *plain = g_steal_pointer (&tip);

      tip = g_strdup_printf (_("%s — the audit check failed on this identification"), plain);
      gtk_widget_add_css_class (picture, "lk-flagged");
    }
  gtk_widget_set_tooltip_text (picture, tip);
  g_object_bind_property (face, "texture", picture, "paintable", G_BINDING_SYNC_CREATE);
  lk_thumb_loader_request (self->loader, G_OBJECT (face));
  /* The flow box's child takes the focus: it carries the name. */
  cell = gtk_flow_box_child_new ();
  gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (cell), picture);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
  return cell;
}

/* An empty group says so instead of showing a heading over nothing. */
static void
group_items_changed_cb (GListModel          *model,
                        guint                position,
                        guint                removed,
                        guint                added,
                        AdwPreferencesGroup *group)
{
  adw_preferences_group_set_description (group, g_list_model_get_n_items (model) == 0 ? _("None yet") : NULL);
}

/* The face chips come from the models: the one thing a template cannot bind. */
static void
bind_faces_group (LkPeopleView        *self,
                  GtkFlowBox          *flow,
                  AdwPreferencesGroup *group,
                  GListStore          *model)
{
  gtk_flow_box_bind_model (flow, G_LIST_MODEL (model), face_chip_new, self, NULL);
  g_signal_connect_object (model, "items-changed", G_CALLBACK (group_items_changed_cb), group, 0);
  group_items_changed_cb (G_LIST_MODEL (model), 0, 0, 0, group);
}

static void
lk_people_view_dispose (GObject *object)
{
  LkPeopleView *self = LK_PEOPLE_VIEW (object);

  /* The widgets go before the models they show. */
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_PEOPLE_VIEW);
  g_clear_object (&self->loader);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->store);
  g_clear_object (&self->reference_faces);
  g_clear_object (&self->identified_faces);
  G_OBJECT_CLASS (lk_people_view_parent_class)->dispose (object);
}

static void
lk_people_view_class_init (LkPeopleViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_people_view_dispose;
  LK_SECTION_CLASS (klass)->reload = lk_people_view_reload;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/likeness/Likeness/lk-people-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LkPeopleView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LkPeopleView, new_button);
  gtk_widget_class_bind_template_child (widget_class, LkPeopleView, person_list);
  gtk_widget_class_bind_template_child (widget_class, LkPeopleView, retired_check);
  gtk_widget_class_bind_template_child (widget_class, LkPeopleView, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, LkPeopleView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, LkPeopleView, name_label);
  gtk_widget_class_bind_template_child (widget_class, LkPeopleView, edit_button);
  gtk_widget_class_bind_template_child (widget_class, LkPeopleView, retire_button);
  gtk_widget_class_bind_template_child (widget_class, LkPeopleView, facts_label);
  gtk_widget_class_bind_template_child (widget_class, LkPeopleView, reference_group);
  gtk_widget_class_bind_template_child (widget_class, LkPeopleView, reference_flow);
  gtk_widget_class_bind_template_child (widget_class, LkPeopleView, identified_group);
  gtk_widget_class_bind_template_child (widget_class, LkPeopleView, identified_flow);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, new_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, edit_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, retire_clicked_cb);
}

static void
lk_people_view_init (LkPeopleView *self)
{
  self->loader = lk_thumb_loader_new (LK_THUMB_FACE_CHIP, 200);
  self->store = g_list_store_new (LK_TYPE_PERSON_OBJECT);
  self->reference_faces = g_list_store_new (LK_TYPE_FACE_OBJECT);
  self->identified_faces = g_list_store_new (LK_TYPE_FACE_OBJECT);
  self->filter = gtk_custom_filter_new (person_matches, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->store)),
                                              GTK_FILTER (self->filter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  gtk_widget_init_template (GTK_WIDGET (self));
  lk_a11y_watch_label (self->facts_label);
  {
    g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

    g_signal_connect (factory, "setup", G_CALLBACK (setup_person_cb), NULL);
    g_signal_connect (factory, "bind", G_CALLBACK (bind_person_cb), NULL);
    gtk_list_view_set_factory (self->person_list, factory);
  }
  gtk_list_view_set_model (self->person_list, GTK_SELECTION_MODEL (self->selection));
  bind_faces_group (self, self->reference_flow, self->reference_group, self->reference_faces);
  bind_faces_group (self, self->identified_flow, self->identified_group, self->identified_faces);
  g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (show_selected), self);
  show_selected (self);
}

LkPeopleView *
lk_people_view_new (void)
{
  return g_object_new (LK_TYPE_PEOPLE_VIEW, NULL);
}

GListModel *
lk_people_view_get_model (LkPeopleView *self)
{
  g_return_val_if_fail (LK_IS_PEOPLE_VIEW (self), NULL);
  return G_LIST_MODEL (self->filtered);
}

void
lk_people_view_select (LkPeopleView *self,
                       guint         position)
{
  g_return_if_fail (LK_IS_PEOPLE_VIEW (self));
  gtk_single_selection_set_selected (self->selection, position);
}

GListModel *
lk_people_view_get_reference_faces (LkPeopleView *self)
{
  g_return_val_if_fail (LK_IS_PEOPLE_VIEW (self), NULL);
  return G_LIST_MODEL (self->reference_faces);
}
