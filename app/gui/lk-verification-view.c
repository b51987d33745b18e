/* lk-verification-view.c — blind verification (ACE-V) in the workstation
 *
 * The analyst in the window header is the one acting.  The queue comes from
 * the store already blind (no examiner, outcome, strength, rationale or
 * features), so nothing here can show what the examiner concluded before the
 * verifier has recorded their own conclusion; only then is the item read
 * again, in full, and both conclusions are shown side by side.  Supervisors
 * see the items in conflict and resolve them in writing.  Every store call is
 * a session job; the store's refusals (no verifier role, one's own decision)
 * are shown as they are worded there.
 */
#define G_LOG_DOMAIN "lk-verification-view"

#include "lk-config.h"

#include <glib/gi18n.h>

#include "case/lk-case-verification.h"
#include "report/lk-report-data.h"
#include "lk-a11y.h"
#include "lk-chip-marks.h"
#include "lk-conflict-row.h"
#include "lk-feature-checklist.h"
#include "lk-review-decision-bar.h"
#include "lk-verification-view.h"

struct _LkVerificationView
{
  LkSection           parent_instance;

  guint               jobs;           /* running load, record and resolve jobs */
  gboolean            reload_again;
  gboolean            recording;      /* a conclusion is on its way to the store */
  gboolean            rebuilding;     /* the queue list is being refilled */
  GHashTable         *textures;       /* face id → GdkTexture of its chip */
  gint64              current_id;     /* the queue item in the form, 0 for none */

  GtkStack           *page_stack;
  AdwStatusPage      *message_page;
  GtkStack           *tab_stack;
  GtkStackPage       *conflicts_page;
  GtkListBox         *queue_list;
  GtkLabel           *queue_placeholder;
  GtkStack           *detail_stack;
  AdwStatusPage      *empty_page;
  GtkLabel           *person_label;
  LkChipMarks        *probe_picture;
  LkChipMarks        *reference_picture;
  GtkEditable        *mark_entry;
  GtkLabel           *marks_label;
  GtkDropDown        *outcome_drop;
  GtkDropDown        *strength_drop;
  GtkTextView        *rationale_view;
  LkFeatureChecklist *checklist;
  GtkWidget          *record_button;
  GtkLabel           *state_label;
  GtkLabel           *examiner_label;
  GtkLabel           *verifier_label;
  GtkListBox         *conflict_list;
};

G_DEFINE_FINAL_TYPE (LkVerificationView, lk_verification_view, LK_TYPE_SECTION)

#define session_of(self) lk_section_get_session (LK_SECTION (self))
#define cancellable_of(self) lk_section_get_cancellable (LK_SECTION (self))

/* The outcome dropdown's positions, as in the template. */
static const LkDecisionOutcome outcomes[] = {
  LK_OUTCOME_IDENTIFIED, LK_OUTCOME_EXCLUDED, LK_OUTCOME_INCONCLUSIVE, LK_OUTCOME_INSUFFICIENT_QUALITY,
};

static void load_queue (LkVerificationView *self);

static void
toast (LkVerificationView *self,
       const char         *message)
{
  /* The window shows toasts; the log keeps them too, for tests and reports of trouble. */
  g_debug ("%s", message);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", message);
}

/* gtk_list_box_remove_all() is GTK 4.12; we build against 4.8. */
static void
list_box_clear (GtkListBox *box)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (box, 0)) != NULL)
    gtk_list_box_remove (box, GTK_WIDGET (row));
}

/* ---- Loading ---------------------------------------------------------------- */

typedef struct {
  char       *analyst;
  LkRole      roles;
  GPtrArray  *queue;         /* of LkVerificationItem, blind; NULL when refused */
  char       *queue_error;   /* the store's reason when refused */
  GPtrArray  *conflicts;     /* of LkVerificationItem in conflict (supervisors only) */
  GHashTable *chips;         /* face id (gint64 *) → GBytes */
} LoadResult;

static void
load_result_free (gpointer p)
{
  LoadResult *r = p;

  g_free (r->analyst);
  g_clear_pointer (&r->queue, g_ptr_array_unref);
  g_free (r->queue_error);
  g_clear_pointer (&r->conflicts, g_ptr_array_unref);
  g_clear_pointer (&r->chips, g_hash_table_unref);
  g_free (r);
}

static void
load_chip (LkCase     *kase,
           GHashTable *chips,
           gint64      face_id)
{
  gint64 *key;
  GBytes *bytes;

  if (face_id <= 0 || g_hash_table_contains (chips, &face_id))
    return;
  /* A face without a chip shows an empty picture rather than failing the list. */
  bytes = lk_case_get_face_chip (kase, face_id, NULL);
  if (bytes == NULL)
    return;
  key = g_new (gint64, 1);
  *key = face_id;
  g_hash_table_insert (chips, key, bytes);
}

static GPtrArray *
list_conflicts (LkCase  *kase,
                GError **error)
{
  g_autoptr(GPtrArray) all = lk_case_list_verification_items (kase, error);
  GPtrArray *conflicts;

  if (all == NULL)
    return NULL;
  conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_verification_item_free);
  for (guint i = 0; i < all->len; i++)
    if (((LkVerificationItem *) g_ptr_array_index (all, i))->state == LK_VERIFICATION_CONFLICT)
      g_ptr_array_add (conflicts, g_ptr_array_steal_index (all, i--));
  return conflicts;
}

static gpointer
load_job (LkCase        *kase,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  LoadResult *r = g_new0 (LoadResult, 1);
  g_autoptr(GError) refused = NULL;

  r->analyst = g_strdup (data);
  r->chips = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_bytes_unref);
  r->roles = lk_case_get_analyst_roles (kase, r->analyst, NULL);
  r->queue = lk_case_list_verification_queue (kase, r->analyst, &refused);
  if (r->queue == NULL)
    r->queue_error = g_strdup (refused->message);
  for (guint i = 0; r->queue != NULL && i < r->queue->len; i++)
    {
      LkVerificationItem *item = g_ptr_array_index (r->queue, i);

      load_chip (kase, r->chips, item->face_id);
      load_chip (kase, r->chips, item->reference_face_id);
    }
  if ((r->roles & LK_ROLE_SUPERVISOR) && (r->conflicts = list_conflicts (kase, error)) == NULL)
    {
      load_result_free (r);
      return NULL;
    }
  return r;
}

static GdkTexture *
texture_for (LkVerificationView *self,
             GHashTable         *chips,
             gint64              face_id)
{
  GdkTexture *texture = g_hash_table_lookup (self->textures, &face_id);
  GBytes *bytes;
  gint64 *key;

  if (texture != NULL || chips == NULL || (bytes = g_hash_table_lookup (chips, &face_id)) == NULL)
    return texture;
  texture = gdk_texture_new_from_bytes (bytes, NULL);
  if (texture == NULL)
    return NULL;
  key = g_new (gint64, 1);
  *key = face_id;
  g_hash_table_insert (self->textures, key, texture);
  return texture;
}

static GtkWidget *
chip_picture_new (GdkTexture *texture)
{
  GtkWidget *picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));

  gtk_widget_set_size_request (picture, 56, 56);
  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_COVER);
  return picture;
}

/* The row owns item. */
static GtkWidget *
queue_row_new (LkVerificationView *self,
               LkVerificationItem *item,
               GHashTable         *chips)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (item->person_name);
  g_autofree char *when = lk_format_time (item->requested_at);
  /* Translators: when a comparison was sent for verification. */
  g_autofree char *sent = g_strdup_printf (_("Sent %s"), when);
  GtkWidget *sub = gtk_label_new (sent);

  gtk_box_append (GTK_BOX (box), chip_picture_new (texture_for (self, chips, item->face_id)));
  gtk_box_append (GTK_BOX (box), chip_picture_new (texture_for (self, chips, item->reference_face_id)));
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (sub), 0);
  gtk_widget_add_css_class (sub, "dim-label");
  gtk_widget_add_css_class (sub, "caption");
  gtk_box_append (GTK_BOX (text), name);
  gtk_box_append (GTK_BOX (text), sub);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), text);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, item->person_name, -1);
  g_object_set_data_full (G_OBJECT (row), "lk-item", item,
                          (GDestroyNotify) lk_verification_item_free);
  return row;
}

static void
show_message (LkVerificationView *self,
              const char         *title,
              const char         *description)
{
  adw_status_page_set_title (self->message_page, title);
  adw_status_page_set_description (self->message_page, description);
  gtk_stack_set_visible_child_name (self->page_stack, "message");
}

/* After a refill the form stays on its comparison while that is still in
 * the queue (the analyst may be half-way through it), and is closed when it
 * is not (another verifier took it, the examiner changed the decision). */
static void
keep_current (LkVerificationView *self)
{
  if (!g_str_equal (gtk_stack_get_visible_child_name (self->detail_stack), "form"))
    return;
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->queue_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      LkVerificationItem *item = g_object_get_data (G_OBJECT (row), "lk-item");

      if (item != NULL && item->id == self->current_id)
        {
          self->rebuilding = TRUE;
          gtk_list_box_select_row (self->queue_list, GTK_LIST_BOX_ROW (row));
          self->rebuilding = FALSE;
          return;
        }
    }
  self->current_id = 0;
  gtk_stack_set_visible_child_name (self->detail_stack, "empty");
}

static void
fill_queue (LkVerificationView *self,
            LoadResult         *r)
{
  self->rebuilding = TRUE;
  list_box_clear (self->queue_list);
  for (guint i = 0; r->queue != NULL && i < r->queue->len; i++)
    gtk_list_box_append (self->queue_list,
                         queue_row_new (self, g_ptr_array_steal_index (r->queue, i--), r->chips));
  self->rebuilding = FALSE;

  /* A supervisor without the verifier role still sees why the queue is empty. */
  gtk_label_set_text (self->queue_placeholder, r->queue_error != NULL ? r->queue_error
                                                                      : _("Nothing is waiting for your verification."));
  keep_current (self);
}

static GtkWidget *conflict_row_new (LkVerificationView *self, LkVerificationItem *item);

static void
fill_conflicts (LkVerificationView *self,
                LoadResult         *r)
{
  list_box_clear (self->conflict_list);
  for (guint i = 0; r->conflicts != NULL && i < r->conflicts->len; i++)
    gtk_list_box_append (self->conflict_list,
                         conflict_row_new (self, g_ptr_array_steal_index (r->conflicts, i--)));
  /* Conflicts show both conclusions: only for those who resolve them. */
  gtk_stack_page_set_visible (self->conflicts_page, (r->roles & LK_ROLE_SUPERVISOR) != 0);
}

/* A change seen while a job ran asks for one more load once none runs. */
static void
job_ended (LkVerificationView *self)
{
  g_assert (self->jobs > 0);
  self->jobs--;
  if (self->jobs == 0 && self->reload_again)
    load_queue (self);
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LkVerificationView) self = user_data;
  g_autoptr(GError) error = NULL;
  LoadResult *r = lk_session_run_finish (LK_SESSION (source), result, &error);

  job_ended (self);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (r == NULL)
    show_message (self, _("Verification Could Not Be Read"), error->message);
  else if (r->queue == NULL && !(r->roles & LK_ROLE_SUPERVISOR))
    show_message (self, _("Not a Verifier"), r->queue_error);
  else
    {
      fill_queue (self, r);
      fill_conflicts (self, r);
      gtk_stack_set_visible_child_name (self->page_stack, "main");
    }
  g_clear_pointer (&r, load_result_free);
}

static void
load_queue (LkVerificationView *self)
{
  if (session_of (self) == NULL)
    return;
  /* One load at a time; a change during it asks for one more. */
  self->reload_again = self->jobs > 0;
  if (self->reload_again)
    return;
  self->jobs++;
  lk_session_run (session_of (self), load_job, g_strdup (lk_session_get_analyst (session_of (self))), g_free,
                  load_result_free, cancellable_of (self), load_done_cb, g_object_ref (self));
}

/* ---- The verifier's form ------------------------------------------------------ */

static char *
rationale_text (LkVerificationView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->rationale_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static gboolean
outcome_is_identified (LkVerificationView *self)
{
  return gtk_drop_down_get_selected (self->outcome_drop) == 0;
}

/* Record needs an outcome, a rationale and, for an identification, a strength. */
static void
form_changed_cb (LkVerificationView *self)
{
  g_autofree char *rationale = rationale_text (self);
  guint outcome = gtk_drop_down_get_selected (self->outcome_drop);
  gboolean ready = outcome < G_N_ELEMENTS (outcomes) && rationale[0] != '\0' &&
                   (!outcome_is_identified (self) ||
                    gtk_drop_down_get_selected (self->strength_drop) != GTK_INVALID_LIST_POSITION);

  gtk_widget_set_sensitive (GTK_WIDGET (self->strength_drop), outcome_is_identified (self));
  gtk_widget_set_sensitive (self->record_button, ready && self->current_id > 0 && !self->recording);
}

static void
show_marks (LkVerificationView *self)
{
  GPtrArray *marks = lk_feature_checklist_get_marks (self->checklist);
  g_autoptr(GString) text = g_string_new (NULL);

  /* The labels, by number, as the chips show only the numbers. */
  for (guint i = 0; i < marks->len; i++)
    {
      const LkFeatureMark *mark = g_ptr_array_index (marks, i);

      g_string_append_printf (text, "%s%u  %s", i > 0 ? "   " : "", mark->number, mark->label);
    }
  lk_chip_marks_set_marks (self->probe_picture, marks, TRUE);
  lk_chip_marks_set_marks (self->reference_picture, marks, FALSE);
  gtk_label_set_text (self->marks_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->marks_label), marks->len > 0);
}

/* A click on either chip marks that place on both, labelled from the entry. */
static void
mark_placed_cb (LkVerificationView *self,
                double              x,
                double              y)
{
  g_autofree char *label = g_strstrip (g_strdup (gtk_editable_get_text (self->mark_entry)));
  GPtrArray *marks = lk_feature_checklist_get_marks (self->checklist);

  if (label[0] == '\0')
    {
      g_free (label);
      /* Translators: the label of a numbered mark on the chips when none was typed. */
      label = g_strdup_printf (_("Mark %u"), marks->len + 1);
    }
  if (!lk_feature_checklist_add_mark (self->checklist, label, x, y))
    {
      toast (self, _("There are as many marks as a comparison keeps; no more can be placed."));
      return;
    }
  gtk_editable_set_text (self->mark_entry, "");
  show_marks (self);
}

/* Nothing of one comparison's form carries over to the next. */
static void
reset_form (LkVerificationView *self)
{
  gtk_drop_down_set_selected (self->outcome_drop, GTK_INVALID_LIST_POSITION);
  gtk_drop_down_set_selected (self->strength_drop, GTK_INVALID_LIST_POSITION);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->rationale_view), "", -1);
  lk_feature_checklist_set_json (self->checklist, NULL, NULL);
  gtk_editable_set_text (self->mark_entry, "");
  show_marks (self);
  form_changed_cb (self);
}

static void
queue_row_selected_cb (GtkListBox         *box,
                       GtkListBoxRow      *row,
                       LkVerificationView *self)
{
  LkVerificationItem *item;

  /* Refilling the list drops the selection; what is shown stays (the
   * conclusion just recorded, above all). */
  if (row == NULL || self->rebuilding)
    return;
  item = g_object_get_data (G_OBJECT (row), "lk-item");
  self->current_id = item->id;
  gtk_label_set_text (self->person_label, item->person_name);
  lk_chip_marks_set_texture (self->probe_picture, g_hash_table_lookup (self->textures, &item->face_id));
  lk_chip_marks_set_texture (self->reference_picture,
                             g_hash_table_lookup (self->textures, &item->reference_face_id));
  reset_form (self);
  gtk_stack_set_visible_child_name (self->detail_stack, "form");
}

/* ---- Recording ---------------------------------------------------------------- */

typedef struct {
  char              *verifier;
  gint64             item_id;
  LkDecisionOutcome  outcome;
  char              *strength;
  char              *rationale;
  char              *features;
} RecordData;

static void
record_data_free (gpointer p)
{
  RecordData *d = p;

  g_free (d->verifier);
  g_free (d->strength);
  g_free (d->rationale);
  g_free (d->features);
  g_free (d);
}

/* Records, then reads the item again: now that the verifier has concluded,
 * the store gives it with the examiner's conclusion too. */
static gpointer
record_job (LkCase        *kase,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  RecordData *d = data;

  if (!lk_case_record_verification (kase, d->verifier, d->item_id, d->outcome, d->strength, d->rationale,
                                    d->features, NULL, error))
    return NULL;
  return lk_case_get_verification_item (kase, d->item_id, d->verifier, error);
}

static const char *
outcome_label (const char *outcome)
{
  return outcome != NULL && outcome[0] != '\0' ? lk_report_outcome_label (outcome) : _("no conclusion");
}

static char *
conclusion_text (const char *heading,
                 const char *analyst,
                 const char *outcome,
                 const char *strength,
                 const char *rationale)
{
  int level = lk_review_strength_from_string (strength);
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, "<b>%s</b>\n", heading);
  g_string_append_printf (text, "%s\n", analyst != NULL ? analyst : "");
  g_string_append_printf (text, "<b>%s</b>", outcome_label (outcome));
  if (level > 0)
    g_string_append_printf (text, " — %s", lk_review_strength_to_label (level));
  g_string_append_printf (text, "\n\n%s", rationale != NULL ? rationale : "");
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
set_markup_escaped (GtkLabel   *label,
                    const char *heading,
                    const char *analyst,
                    const char *outcome,
                    const char *strength,
                    const char *rationale)
{
  g_autofree char *a = g_markup_escape_text (analyst != NULL ? analyst : "", -1);
  g_autofree char *r = g_markup_escape_text (rationale != NULL ? rationale : "", -1);
  g_autofree char *text = conclusion_text (heading, a, outcome, strength, r);

  gtk_label_set_markup (label, text);
}

/* What a conclusion's feature comparison covers, under its rationale. */
static void
add_features_line (GtkLabel   *label,
                   const char *json)
{
  g_autoptr(LkFeatures) features = json != NULL ? lk_features_parse (json, NULL) : NULL;
  g_autofree char *line = NULL;
  g_autofree char *markup = NULL;

  if (features == NULL)
    return;
  /* Translators: e.g. "3 of 14 features assessed, 1 mark". */
  line = g_strdup_printf (ngettext ("%u of %u features assessed, %u mark", "%u of %u features assessed, %u marks",
                                    features->marks->len),
                          lk_features_count_assessed (features), features->rows->len, features->marks->len);
  markup = g_strdup_printf ("%s\n\n<i>%s</i>", gtk_label_get_label (label), line);
  gtk_label_set_markup (label, markup);
}

static const char *
state_sentence (LkVerificationState state)
{
  switch (state)
    {
    case LK_VERIFICATION_VERIFIED:
      return _("Verified: both examiners reached the same conclusion.");
    case LK_VERIFICATION_CONFLICT:
      return _("Conflict: the conclusions differ. A supervisor who took no part resolves it in writing.");
    case LK_VERIFICATION_RESOLVED:
      return _("Resolved by a supervisor.");
    case LK_VERIFICATION_PENDING:
    default:
      return _("Waiting for verification.");
    }
}

static void
show_result (LkVerificationView       *self,
             const LkVerificationItem *item)
{
  gtk_label_set_text (self->state_label, state_sentence (item->state));
  gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), "warning");
  gtk_widget_add_css_class (GTK_WIDGET (self->state_label),
                            item->state == LK_VERIFICATION_CONFLICT ? "warning" : "success");
  set_markup_escaped (self->examiner_label, _("Examiner"), item->examiner, item->examiner_outcome,
                      item->examiner_strength, item->examiner_rationale);
  set_markup_escaped (self->verifier_label, _("Verifier"), item->verifier, item->verifier_outcome,
                      item->verifier_strength, item->verifier_rationale);
  add_features_line (self->examiner_label, item->examiner_features);
  add_features_line (self->verifier_label, item->verifier_features);
  self->current_id = 0;
  gtk_stack_set_visible_child_name (self->detail_stack, "result");
}

static void
record_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LkVerificationView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkVerificationItem) item = lk_session_run_finish (LK_SESSION (source), result, &error);

  self->recording = FALSE;
  job_ended (self);
  if (item != NULL)
    {
      show_result (self, item);
      lk_session_notify_changed (LK_SESSION (source), LK_CHANGE_VERIFICATION | LK_CHANGE_AUDIT);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    toast (self, error->message);
  form_changed_cb (self);
}

static void
record_clicked_cb (LkVerificationView *self)
{
  RecordData *d;
  guint outcome = gtk_drop_down_get_selected (self->outcome_drop);

  if (session_of (self) == NULL || self->current_id <= 0 || outcome >= G_N_ELEMENTS (outcomes))
    return;
  d = g_new0 (RecordData, 1);
  d->verifier = g_strdup (lk_session_get_analyst (session_of (self)));
  d->item_id = self->current_id;
  d->outcome = outcomes[outcome];
  if (outcome_is_identified (self))
    d->strength = g_strdup (lk_review_strength_to_string (gtk_drop_down_get_selected (self->strength_drop) + 1));
  d->rationale = rationale_text (self);
  /* A form left untouched records no comparison rather than 14 "not assessed". */
  d->features = lk_feature_checklist_count_assessed (self->checklist) > 0 ||
                lk_feature_checklist_get_marks (self->checklist)->len > 0
                  ? lk_feature_checklist_to_json (self->checklist) : NULL;
  self->jobs++;
  self->recording = TRUE;
  gtk_widget_set_sensitive (self->record_button, FALSE);
  lk_session_run (session_of (self), record_job, d, record_data_free, (GDestroyNotify) lk_verification_item_free,
                  cancellable_of (self), record_done_cb, g_object_ref (self));
}

/* ---- Conflicts ---------------------------------------------------------------- */

static void
resolve_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LkVerificationView) self = user_data;
  g_autoptr(GError) error = NULL;

  job_ended (self);
  if (lk_session_resolve_conflict_finish (LK_SESSION (source), result, &error))
    {
      toast (self, _("The conflict is resolved"));
      lk_session_notify_changed (LK_SESSION (source), LK_CHANGE_VERIFICATION | LK_CHANGE_AUDIT);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    toast (self, error->message);
}

static void
resolve_cb (LkConflictRow      *row,
            const char         *resolution,
            LkVerificationView *self)
{
  if (session_of (self) == NULL)
    return;
  self->jobs++;
  lk_session_resolve_conflict_async (session_of (self), lk_conflict_row_get_item_id (row), resolution,
                                     cancellable_of (self), resolve_done_cb, g_object_ref (self));
}

/* One conflict: both conclusions side by side, then the resolution (the
 * layout is ui/lk-conflict-row.ui).  Takes item. */
static GtkWidget *
conflict_row_new (LkVerificationView *self,
                  LkVerificationItem *item)
{
  g_autoptr(LkVerificationItem) owned = item;
  GtkWidget *row = lk_conflict_row_new (item->id, item->person_name);
  GtkLabel *examiner = lk_conflict_row_get_examiner_label (LK_CONFLICT_ROW (row));
  GtkLabel *verifier = lk_conflict_row_get_verifier_label (LK_CONFLICT_ROW (row));

  set_markup_escaped (examiner, _("Examiner"), item->examiner, item->examiner_outcome,
                      item->examiner_strength, item->examiner_rationale);
  add_features_line (examiner, item->examiner_features);
  set_markup_escaped (verifier, _("Verifier"), item->verifier, item->verifier_outcome,
                      item->verifier_strength, item->verifier_rationale);
  add_features_line (verifier, item->verifier_features);
  g_signal_connect_object (row, "resolve", G_CALLBACK (resolve_cb), self, 0);
  return row;
}

/* ---- Session ------------------------------------------------------------------ */

/* Decisions superseded or sent, roles granted, conclusions recorded: all
 * but new audit entries change what the queue shows. */
static void
lk_verification_view_reload (LkSection *section,
                             LkChange   what)
{
  LkVerificationView *self = LK_VERIFICATION_VIEW (section);

  if (what & LK_CHANGE_CASE)
    {
      /* Jobs of the previous case end cancelled and are counted out then. */
      self->current_id = 0;
      g_hash_table_remove_all (self->textures);
      list_box_clear (self->queue_list);
      list_box_clear (self->conflict_list);
      gtk_stack_set_visible_child_name (self->detail_stack, "empty");
      show_message (self, _("Verification"), _("Loading…"));
    }
  if (what & ~LK_CHANGE_AUDIT)
    load_queue (self);
}

gboolean
lk_verification_view_is_busy (LkVerificationView *self)
{
  g_return_val_if_fail (LK_IS_VERIFICATION_VIEW (self), FALSE);
  return self->jobs > 0 || self->reload_again;
}

/* ---- GObject ------------------------------------------------------------------ */

static void
lk_verification_view_dispose (GObject *object)
{
  LkVerificationView *self = LK_VERIFICATION_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_VERIFICATION_VIEW);
  G_OBJECT_CLASS (lk_verification_view_parent_class)->dispose (object);
}

static void
lk_verification_view_finalize (GObject *object)
{
  LkVerificationView *self = LK_VERIFICATION_VIEW (object);

  g_hash_table_unref (self->textures);
  G_OBJECT_CLASS (lk_verification_view_parent_class)->finalize (object);
}

static void
lk_verification_view_class_init (LkVerificationViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_verification_view_dispose;
  object_class->finalize = lk_verification_view_finalize;
  LK_SECTION_CLASS (klass)->reload = lk_verification_view_reload;

  g_type_ensure (LK_TYPE_FEATURE_CHECKLIST);
  g_type_ensure (LK_TYPE_CHIP_MARKS);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/likeness/Likeness/lk-verification-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LkVerificationView, page_stack);
  gtk_widget_class_bind_template_child (widget_class, LkVerificationView, message_page);
  gtk_widget_class_bind_template_child (widget_class, LkVerificationView, tab_stack);
  gtk_widget_class_bind_template_child (widget_class, LkVerificationView, conflicts_page);
  gtk_widget_class_bind_template_child (widget_class, LkVerificationView, queue_list);
  gtk_widget_class_bind_template_child (widget_class, LkVerificationView, queue_placeholder);
  gtk_widget_class_bind_template_child (widget_class, LkVerificationView, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, LkVerificationView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, LkVerificationView, person_label);
  gtk_widget_class_bind_template_child (widget_class, LkVerificationView, probe_picture);
  gtk_widget_class_bind_template_child (widget_class, LkVerificationView, reference_picture);
  gtk_widget_class_bind_template_child (widget_class, LkVerificationView, outcome_drop);
  gtk_widget_class_bind_template_child (widget_class, LkVerificationView, strength_drop);
  gtk_widget_class_bind_template_child (widget_class, LkVerificationView, rationale_view);
  gtk_widget_class_bind_template_child (widget_class, LkVerificationView, checklist);
  gtk_widget_class_bind_template_child (widget_class, LkVerificationView, record_button);
  gtk_widget_class_bind_template_child (widget_class, LkVerificationView, state_label);
  gtk_widget_class_bind_template_child (widget_class, LkVerificationView, examiner_label);
  gtk_widget_class_bind_template_child (widget_class, LkVerificationView, verifier_label);
  gtk_widget_class_bind_template_child (widget_class, LkVerificationView, conflict_list);
  gtk_widget_class_bind_template_callback (widget_class, queue_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, form_changed_cb);
  gtk_widget_class_bind_template_child (widget_class, LkVerificationView, mark_entry);
  gtk_widget_class_bind_template_child (widget_class, LkVerificationView, marks_label);
  gtk_widget_class_bind_template_callback (widget_class, record_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, mark_placed_cb);
}

static void
strength_drop_fill (GtkDropDown *drop)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  for (int level = 1; level <= LK_REVIEW_STRENGTH_LEVELS; level++)
    gtk_string_list_append (labels, lk_review_strength_to_label (level));
  gtk_drop_down_set_model (drop, G_LIST_MODEL (labels));
}

static void
lk_verification_view_init (LkVerificationView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  lk_a11y_watch_label (self->examiner_label);
  lk_a11y_watch_label (self->verifier_label);
  /* The same names as in the .ui, for the buttons inside the drop-downs. */
  lk_a11y_set_label (GTK_WIDGET (self->outcome_drop), _("Outcome"));
  lk_a11y_set_label (GTK_WIDGET (self->strength_drop), _("Strength of support"));
  self->textures = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  strength_drop_fill (self->strength_drop);
  g_signal_connect_object (gtk_text_view_get_buffer (self->rationale_view), "changed",
                           G_CALLBACK (form_changed_cb), self, G_CONNECT_SWAPPED);
  reset_form (self);
}

LkVerificationView *
lk_verification_view_new (void)
{
  return g_object_new (LK_TYPE_VERIFICATION_VIEW, NULL);
}
