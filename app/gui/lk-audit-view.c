/* lk-audit-view.c — the case's audit log, filtered, and its verification
 *
 * The log is append-only, so a refresh asks only for entries after the last
 * one shown.  Filters by analyst, action and object apply as you type.  The
 * selected entry's details are read as "Field: value" lines in the pane
 * beside the list; the verification banner says when it was made and how
 * many entries came after it, so a stale "Verified" is never taken for a
 * current one.
 */
#define G_LOG_DOMAIN "lk-audit-view"

#include "lk-config.h"

#include <inttypes.h>
#include <glib/gi18n.h>

#include "lk-a11y.h"
#include "lk-audit-object.h"
#include "lk-audit-view.h"

struct _LkAuditView
{
  LkSection           parent_instance;

  GListStore         *store;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  gint64              last_seq;
  gboolean            loading;
  gboolean            reload_again;
  char               *verdict;
  char               *check_error;   /* the check could not run */

  GtkStringList      *analysts;
  GtkDropDown        *analyst_drop;
  GtkEditable        *action_entry;
  GtkEditable        *object_entry;
  GtkRevealer        *verdict_revealer;
  GtkLabel           *verdict_label;
  GtkWidget          *verdict_box;
  GtkLabel           *count_label;
  GtkColumnView      *column_view;
  GtkStack           *detail_stack;
  GtkLabel           *detail_title;
  GtkLabel           *detail_subtitle;
  GtkListBox         *field_list;
  GtkLabel           *hash_label;
};

G_DEFINE_FINAL_TYPE (LkAuditView, lk_audit_view, LK_TYPE_SECTION)

#define session_of(self) lk_section_get_session (LK_SECTION (self))
#define cancellable_of(self) lk_section_get_cancellable (LK_SECTION (self))

enum { COL_SEQ, COL_TIME, COL_ANALYST, COL_ACTION, COL_OBJECT, COL_DETAILS, N_COLS };

static void update_verdict (LkAuditView *self);

/* ---- Filtering ------------------------------------------------------------- */

static gboolean
contains_casefold (const char *haystack,
                   const char *needle)
{
  g_autofree char *h = NULL;
  g_autofree char *n = NULL;

  if (needle == NULL || needle[0] == '\0')
    return TRUE;
  h = g_utf8_casefold (haystack != NULL ? haystack : "", -1);
  n = g_utf8_casefold (needle, -1);
  return strstr (h, n) != NULL;
}

static char *
object_text (const LkAuditEntry *e)
{
  if (e->object_id > 0)
    return g_strdup_printf ("%s %" PRId64, e->object_type, e->object_id);
  return g_strdup (e->object_type != NULL ? e->object_type : "");
}

static gboolean
entry_matches (gpointer item,
               gpointer user_data)
{
  LkAuditView *self = user_data;
  const LkAuditEntry *e = lk_audit_object_get_entry (item);
  guint analyst = gtk_drop_down_get_selected (self->analyst_drop);
  g_autofree char *object = NULL;

  if (analyst > 0 && analyst != GTK_INVALID_LIST_POSITION &&
      g_strcmp0 (e->analyst, gtk_string_list_get_string (self->analysts, analyst)) != 0)
    return FALSE;
  if (!contains_casefold (e->action, gtk_editable_get_text (self->action_entry)))
    return FALSE;
  object = object_text (e);
  return contains_casefold (object, gtk_editable_get_text (self->object_entry));
}

static void
update_count (LkAuditView *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  g_autofree char *text = NULL;

  if (shown == total)
    text = g_strdup_printf (ngettext ("%u entry", "%u entries", total), total);
  else
    /* Translators: shown of total; the plural follows the total */
    text = g_strdup_printf (ngettext ("%u of %u entry", "%u of %u entries", total), shown, total);
  gtk_label_set_text (self->count_label, text);
}

static void
clear_field_rows (LkAuditView *self)
{
  GtkWidget *row;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->field_list))) != NULL)
    gtk_list_box_remove (self->field_list, row);
}

static GtkWidget *
field_row_new (const LkAuditField *field)
{
  GtkWidget *row = adw_action_row_new ();
  /* Translators: one field of an audit entry as one line, "Display name: Anna" */
  g_autofree char *line = g_strdup_printf (_("%s: %s"), field->name, field->value);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), field->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), field->value);
  gtk_widget_add_css_class (row, "property");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, line, -1);
  return row;
}

/* The selected entry, one field a row: nothing to decode by eye. */
static void
show_entry (LkAuditView *self)
{
  LkAuditObject *obj = gtk_single_selection_get_selected_item (self->selection);
  g_autoptr(GPtrArray) fields = NULL;
  g_autofree char *object = NULL;
  g_autofree char *title = NULL;
  g_autofree char *when = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *hash = NULL;
  const LkAuditEntry *e;

  clear_field_rows (self);
  if (obj == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      return;
    }
  e = lk_audit_object_get_entry (obj);
  object = object_text (e);
  /* Translators: the selected audit entry, "Entry 12: person.add, person 3" */
  title = g_strdup_printf (_("Entry %" PRId64 ": %s, %s"), e->seq, e->action, object);
  when = lk_format_time (e->time);
  /* Translators: who made an audit entry and when, "By Anna Kovalenko on 26 Nov 2026, 18:21" */
  subtitle = g_strdup_printf (_("By %s on %s"), e->analyst, when);
  hash = g_strdup_printf (_("Hash: %s"), e->hash);
  gtk_label_set_text (self->detail_title, title);
  gtk_label_set_text (self->detail_subtitle, subtitle);
  gtk_label_set_text (self->hash_label, hash);
  fields = lk_audit_entry_fields (e);
  for (guint i = 0; i < fields->len; i++)
    gtk_list_box_append (self->field_list, field_row_new (g_ptr_array_index (fields, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->field_list), fields->len > 0);
  gtk_stack_set_visible_child_name (self->detail_stack, "entry");
}

static void
filter_changed_cb (LkAuditView *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

void
lk_audit_view_set_filters (LkAuditView *self,
                           const char  *analyst,
                           const char  *action,
                           const char  *object)
{
  guint n;

  g_return_if_fail (LK_IS_AUDIT_VIEW (self));

  gtk_drop_down_set_selected (self->analyst_drop, 0);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->analysts));
  for (guint i = 1; analyst != NULL && i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->analysts, i), analyst) == 0)
      gtk_drop_down_set_selected (self->analyst_drop, i);
  gtk_editable_set_text (self->action_entry, action != NULL ? action : "");
  gtk_editable_set_text (self->object_entry, object != NULL ? object : "");
  /* Search entries wait a moment before "search-changed"; apply now. */
  filter_changed_cb (self);
}

/* ---- Loading ---------------------------------------------------------------- */

static gpointer
load_job (LkCase        *kase,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  gint64 after = *(gint64 *) data;
  g_autoptr(GPtrArray) entries = lk_case_list_audit (kase, after, 0, error);
  GPtrArray *objects;

  if (entries == NULL)
    return NULL;
  objects = g_ptr_array_new_full (entries->len, g_object_unref);
  /* The objects take the entries over. */
  g_ptr_array_set_free_func (entries, NULL);
  for (guint i = 0; i < entries->len; i++)
    g_ptr_array_add (objects, lk_audit_object_new (g_ptr_array_index (entries, i)));
  return objects;
}

static void load_entries (LkAuditView *self);

static void
add_analyst (LkAuditView *self,
             const char  *name)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->analysts));

  for (guint i = 1; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->analysts, i), name) == 0)
      return;
  gtk_string_list_append (self->analysts, name);
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LkAuditView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) objects = lk_session_run_finish (LK_SESSION (source), result, &error);

  self->loading = FALSE;
  if (objects == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", error->message);
      return;
    }
  for (guint i = 0; i < objects->len; i++)
    {
      const LkAuditEntry *e = lk_audit_object_get_entry (g_ptr_array_index (objects, i));

      add_analyst (self, e->analyst);
      self->last_seq = MAX (self->last_seq, e->seq);
    }
  /* Oldest first, as the chain runs; new entries join at the end. */
  g_list_store_splice (self->store, g_list_model_get_n_items (G_LIST_MODEL (self->store)), 0,
                       objects->pdata, objects->len);
  update_count (self);
  g_debug ("showing %u entries", g_list_model_get_n_items (G_LIST_MODEL (self->store)));
  if (self->reload_again)
    load_entries (self);
}

static void
load_entries (LkAuditView *self)
{
  gint64 *after;

  if (session_of (self) == NULL)
    return;
  if (self->loading)
    {
      self->reload_again = TRUE;
      return;
    }
  self->loading = TRUE;
  self->reload_again = FALSE;
  after = g_new (gint64, 1);
  *after = self->last_seq;
  lk_session_run (session_of (self), load_job, after, g_free, (GDestroyNotify) g_ptr_array_unref,
                  cancellable_of (self), load_done_cb, g_object_ref (self));
}

/* Every change to a case is audited, so any change may add entries; a new
 * verdict changes the marks on entries already shown: bind them again. */
static void
lk_audit_view_reload (LkSection *section,
                      LkChange   what)
{
  LkAuditView *self = LK_AUDIT_VIEW (section);
  guint n;

  if (what & LK_CHANGE_CASE)
    {
      self->loading = FALSE;
      self->last_seq = 0;
      g_list_store_remove_all (self->store);
      gtk_string_list_splice (self->analysts, 1, g_list_model_get_n_items (G_LIST_MODEL (self->analysts)) - 1, NULL);
      g_clear_pointer (&self->check_error, g_free);
    }
  else if (what & LK_CHANGE_VERIFY)
    {
      n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
      g_clear_pointer (&self->check_error, g_free);
      g_list_model_items_changed (G_LIST_MODEL (self->store), 0, n, n);
    }
  update_verdict (self);
  if (what != LK_CHANGE_VERIFY)
    load_entries (self);
}

/* ---- Verification -------------------------------------------------------- */

static guint
entries_after (LkAuditView *self,
               gint64       seq)
{
  GListModel *model = G_LIST_MODEL (self->store);
  guint n = g_list_model_get_n_items (model);
  guint count = 0;

  /* Oldest first: walk back from the newest until the verified head. */
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(LkAuditObject) obj = g_list_model_get_item (model, i - 1);

      if (lk_audit_object_get_entry (obj)->seq <= seq)
        break;
      count++;
    }
  return count;
}

static char *
verdict_text (LkAuditView         *self,
              const LkAuditReport *report,
              guint                newer)
{
  GDateTime *at = lk_session_get_audit_report_time (session_of (self));
  g_autofree char *time = at != NULL ? g_date_time_format (at, "%H:%M") : g_strdup ("");

  if (!report->ok && report->bad_seq > 0)
    /* Translators: %s the time, then the problem, then the entry number */
    return g_strdup_printf (_("Not verified at %s: %s (first bad entry %" PRId64 ")"),
                            time, report->message, report->bad_seq);
  if (!report->ok)
    return g_strdup_printf (_("Not verified at %s: %s (%s)"), time, report->message,
                            report->bad_object != NULL ? report->bad_object : "");
  if (newer > 0)
    /* Translators: the banner of an audit verification that newer entries have made stale */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Verified at %s — %u new entry since, not covered; verify again",
                                         "Verified at %s — %u new entries since, not covered; verify again",
                                         newer), time, newer);
  return g_strdup_printf (_("Verified at %s: %" PRId64 " entries intact; head %s"),
                          time, report->n_entries, report->head_hash);
}

/* The banner follows the session's newest verdict, whoever asked for it
 * (opening the case, the menu, this section), and the entries after it. */
static void
update_verdict (LkAuditView *self)
{
  const LkAuditReport *report = session_of (self) != NULL ? lk_session_get_audit_report (session_of (self)) : NULL;
  guint newer = report != NULL ? entries_after (self, report->head_seq) : 0;
  const char *style = report != NULL && report->ok ? (newer > 0 ? NULL : "success") : "error";

  g_clear_pointer (&self->verdict, g_free);
  if (self->check_error != NULL)
    self->verdict = g_strdup_printf (_("The check could not run: %s"), self->check_error);
  else if (report != NULL)
    self->verdict = verdict_text (self, report, newer);
  gtk_widget_remove_css_class (self->verdict_box, "success");
  gtk_widget_remove_css_class (self->verdict_box, "error");
  if (style != NULL)
    gtk_widget_add_css_class (self->verdict_box, style);
  gtk_label_set_text (self->verdict_label, self->verdict != NULL ? self->verdict : "");
  gtk_revealer_set_reveal_child (self->verdict_revealer, self->verdict != NULL);
}

static gpointer
verify_job (LkCase        *kase,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  LkAuditReport *report = NULL;

  if (!lk_case_verify_audit (kase, NULL, &report, error))
    return NULL;
  return report;
}

static void
verify_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LkAuditView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LkAuditReport) report = lk_session_run_finish (LK_SESSION (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (report == NULL)
    {
      self->check_error = g_strdup (error->message);
      update_verdict (self);
      return;
    }
  /* The window's banner, the marks on decisions and this banner follow. */
  lk_session_set_audit_report (LK_SESSION (source), g_steal_pointer (&report));
}

void
lk_audit_view_verify (LkAuditView *self)
{
  g_return_if_fail (LK_IS_AUDIT_VIEW (self));

  if (session_of (self) == NULL)
    return;
  gtk_label_set_text (self->verdict_label, _("Verifying…"));
  gtk_revealer_set_reveal_child (self->verdict_revealer, TRUE);
  lk_session_run (session_of (self), verify_job, NULL, NULL, (GDestroyNotify) lk_audit_report_free,
                  cancellable_of (self), verify_done_cb, g_object_ref (self));
}

const char *
lk_audit_view_get_verdict (LkAuditView *self)
{
  g_return_val_if_fail (LK_IS_AUDIT_VIEW (self), NULL);
  return self->verdict;
}

/* ---- Columns ------------------------------------------------------------ */

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);
  guint col = GPOINTER_TO_UINT (user_data);

  gtk_label_set_xalign (GTK_LABEL (label), col == COL_SEQ ? 1 : 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (col == COL_SEQ || col == COL_TIME)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

/* A decision the newest failed verification touches is marked on every entry about it. */
static char *
object_column_text (LkAuditView        *self,
                    const LkAuditEntry *e,
                    GtkWidget          *label)
{
  g_autofree char *plain = object_text (e);
  gboolean flagged = session_of (self) != NULL && g_strcmp0 (e->object_type, "decision") == 0 &&
                     lk_session_decision_flagged (session_of (self), e->object_id);

  if (!flagged)
    {
      gtk_widget_remove_css_class (label, "error");
      return g_steal_pointer (&plain);
    }
  gtk_widget_add_css_class (label, "error");
  /* Translators: an audit entry's object, e.g. "decision 12", that failed the check. */
  return g_strdup_printf (_("%s — fails the audit check"), plain);
}

/* The focusable row of the table (the cell's parent) is read out as one
 * entry: "Entry 12, case.create, Test Analyst, 2026-12-07T15:20:01Z". */
static void
name_row (GtkLabel           *seq_label,
          const LkAuditEntry *e)
{
  GtkWidget *cell = gtk_widget_get_parent (GTK_WIDGET (seq_label));
  GtkWidget *row = cell != NULL ? gtk_widget_get_parent (cell) : NULL;
  g_autofree char *words = NULL;

  if (row == NULL)
    return;
  /* Translators: an audit log row for a screen reader: number, action, analyst, time */
  words = g_strdup_printf (_("Entry %" PRId64 ", %s, %s, %s"), e->seq, e->action,
                           e->analyst, e->time);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, words, -1);
}

static void
bind_label_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  LkAuditView *self = g_object_get_data (G_OBJECT (factory), "lk-view");
  const LkAuditEntry *e = lk_audit_object_get_entry (gtk_list_item_get_item (item));
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  g_autofree char *text = NULL;

  switch (GPOINTER_TO_UINT (user_data))
    {
    case COL_SEQ: text = g_strdup_printf ("%" PRId64, e->seq); break;
    case COL_TIME: text = g_strdup (e->time); break;
    case COL_ANALYST: text = g_strdup (e->analyst); break;
    case COL_ACTION: text = g_strdup (e->action); break;
    case COL_OBJECT: text = object_column_text (self, e, GTK_WIDGET (label)); break;
    case COL_DETAILS: text = lk_audit_entry_summary (e); break;
    default: g_assert_not_reached ();
    }
  gtk_label_set_text (label, text);
  if (GPOINTER_TO_UINT (user_data) == COL_SEQ)
    name_row (label, e);
}

/* GTK 4.8's column view leaves its header row and inner list unnamed. */
static void
name_table_parts (GtkWidget *view)
{
  for (GtkWidget *child = gtk_widget_get_first_child (view); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    GTK_IS_LIST_VIEW (child) ? _("Audit log entries") : _("Column headers"),
                                    -1);
}

/* Columns need a factory each, which a template cannot wire to C callbacks. */
static void
add_columns (LkAuditView *self)
{
  static const char *titles[N_COLS] = { N_("#"), N_("Time (UTC)"), N_("Analyst"), N_("Action"),
                                        N_("Object"), N_("Details") };

  for (guint i = 0; i < N_COLS; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_object_set_data (G_OBJECT (factory), "lk-view", self);
      g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), GUINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_label_cb), GUINT_TO_POINTER (i));
      column = gtk_column_view_column_new (_(titles[i]), factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, i == COL_DETAILS);
      gtk_column_view_append_column (self->column_view, column);
    }
  name_table_parts (GTK_WIDGET (self->column_view));
}

static void
lk_audit_view_dispose (GObject *object)
{
  LkAuditView *self = LK_AUDIT_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_AUDIT_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (lk_audit_view_parent_class)->dispose (object);
}

static void
lk_audit_view_finalize (GObject *object)
{
  LkAuditView *self = LK_AUDIT_VIEW (object);

  g_free (self->verdict);
  g_free (self->check_error);
  G_OBJECT_CLASS (lk_audit_view_parent_class)->finalize (object);
}

static void
lk_audit_view_class_init (LkAuditViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_audit_view_dispose;
  object_class->finalize = lk_audit_view_finalize;
  LK_SECTION_CLASS (klass)->reload = lk_audit_view_reload;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/likeness/Likeness/lk-audit-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LkAuditView, analysts);
  gtk_widget_class_bind_template_child (widget_class, LkAuditView, analyst_drop);
  gtk_widget_class_bind_template_child (widget_class, LkAuditView, action_entry);
  gtk_widget_class_bind_template_child (widget_class, LkAuditView, object_entry);
  gtk_widget_class_bind_template_child (widget_class, LkAuditView, count_label);
  gtk_widget_class_bind_template_child (widget_class, LkAuditView, verdict_revealer);
  gtk_widget_class_bind_template_child (widget_class, LkAuditView, verdict_box);
  gtk_widget_class_bind_template_child (widget_class, LkAuditView, verdict_label);
  gtk_widget_class_bind_template_child (widget_class, LkAuditView, column_view);
  gtk_widget_class_bind_template_child (widget_class, LkAuditView, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, LkAuditView, detail_title);
  gtk_widget_class_bind_template_child (widget_class, LkAuditView, detail_subtitle);
  gtk_widget_class_bind_template_child (widget_class, LkAuditView, field_list);
  gtk_widget_class_bind_template_child (widget_class, LkAuditView, hash_label);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, lk_audit_view_verify);
}

static void
lk_audit_view_init (LkAuditView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  lk_a11y_watch_label (self->verdict_label);
  lk_a11y_watch_label (self->hash_label);
  self->store = g_list_store_new (LK_TYPE_AUDIT_OBJECT);
  self->filter = gtk_custom_filter_new (entry_matches, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->store)),
                                              GTK_FILTER (self->filter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  add_columns (self);
  g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (show_entry), self);
  g_signal_connect_swapped (self->filtered, "items-changed", G_CALLBACK (update_count), self);
  g_signal_connect_swapped (self->store, "items-changed", G_CALLBACK (update_verdict), self);
  update_count (self);
}

LkAuditView *
lk_audit_view_new (void)
{
  return g_object_new (LK_TYPE_AUDIT_VIEW, NULL);
}

GListModel *
lk_audit_view_get_model (LkAuditView *self)
{
  g_return_val_if_fail (LK_IS_AUDIT_VIEW (self), NULL);
  return G_LIST_MODEL (self->filtered);
}

void
lk_audit_view_select_entry (LkAuditView *self,
                            guint        position)
{
  g_return_if_fail (LK_IS_AUDIT_VIEW (self));
  gtk_single_selection_set_selected (self->selection, position);
}

GStrv
lk_audit_view_dup_shown_fields (LkAuditView *self)
{
  g_autoptr(GStrvBuilder) lines = g_strv_builder_new ();

  g_return_val_if_fail (LK_IS_AUDIT_VIEW (self), NULL);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->detail_stack), "entry") == 0)
    for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->field_list)); row != NULL;
         row = gtk_widget_get_next_sibling (row))
      {
        g_autofree char *line = g_strdup_printf ("%s: %s",
                                                 adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                                 adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));

        g_strv_builder_add (lines, line);
      }
  return g_strv_builder_end (lines);
}
