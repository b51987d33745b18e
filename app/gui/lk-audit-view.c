/* lk-audit-view.c — the case's audit log, filtered, and its verification
 *
 * The log is append-only, so a refresh asks only for entries after the last
 * one shown.  Filters by analyst, action and object apply as you type.
 */
#define G_LOG_DOMAIN "lk-audit-view"

#include "lk-config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "lk-a11y.h"
#include "lk-audit-object.h"
#include "lk-audit-view.h"

struct _LkAuditView
{
  AdwBin              parent_instance;

  LkSession          *session;
  GListStore         *store;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filtered;
  GtkStringList      *analysts;
  gint64              last_seq;
  gboolean            loading;
  gboolean            reload_again;
  char               *verdict;
  GCancellable       *cancellable;

  GtkDropDown        *analyst_drop;
  GtkEditable        *action_entry;
  GtkEditable        *object_entry;
  GtkRevealer        *verdict_revealer;
  GtkLabel           *verdict_label;
  GtkWidget          *verdict_box;
  GtkLabel           *count_label;
};

G_DEFINE_FINAL_TYPE (LkAuditView, lk_audit_view, ADW_TYPE_BIN)

enum { PROP_0, PROP_SESSION, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { COL_SEQ, COL_TIME, COL_ANALYST, COL_ACTION, COL_OBJECT, COL_DETAILS, N_COLS };

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

static void reload (LkAuditView *self);

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
    reload (self);
}

static void
reload (LkAuditView *self)
{
  gint64 *after;

  if (self->session == NULL)
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
  lk_session_run (self->session, load_job, after, g_free, (GDestroyNotify) g_ptr_array_unref,
                  self->cancellable, load_done_cb, g_object_ref (self));
}

static void
case_changed_cb (LkSession   *session,
                 const char  *what,
                 LkAuditView *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  /* A new verdict changes the marks on entries already shown: bind them again. */
  if (g_strcmp0 (what, "verify") == 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self->store), 0, n, n);
      return;
    }
  /* Every change to a case is audited, so any change may add entries. */
  reload (self);
}

void
lk_audit_view_set_session (LkAuditView *self,
                           LkSession   *session)
{
  g_return_if_fail (LK_IS_AUDIT_VIEW (self));

  /* Setting the same session again must keep its signal handlers: the
   * window sets it on every section more than once. */
  if (self->session == session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->loading = FALSE;
  self->last_seq = 0;
  g_list_store_remove_all (self->store);
  gtk_string_list_splice (self->analysts, 1, g_list_model_get_n_items (G_LIST_MODEL (self->analysts)) - 1, NULL);
  gtk_revealer_set_reveal_child (self->verdict_revealer, FALSE);
  g_clear_pointer (&self->verdict, g_free);
  if (session != NULL)
    {
      g_signal_connect_object (session, "case-changed", G_CALLBACK (case_changed_cb), self, 0);
      reload (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

/* ---- Verification -------------------------------------------------------- */

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

  g_clear_pointer (&self->verdict, g_free);
  gtk_widget_remove_css_class (self->verdict_box, "success");
  gtk_widget_remove_css_class (self->verdict_box, "error");
  if (report == NULL)
    self->verdict = g_strdup_printf (_("The check could not run: %s"), error->message);
  else if (report->ok)
    self->verdict = g_strdup_printf (_("Verified: %" PRId64 " entries intact; head %s"),
                                     report->n_entries, report->head_hash);
  else if (report->bad_seq > 0)
    self->verdict = g_strdup_printf (_("Not verified: %s (first bad entry %" PRId64 ")"),
                                     report->message, report->bad_seq);
  else
    self->verdict = g_strdup_printf (_("Not verified: %s (%s)"), report->message,
                                     report->bad_object != NULL ? report->bad_object : "");
  gtk_widget_add_css_class (self->verdict_box, report != NULL && report->ok ? "success" : "error");
  gtk_label_set_text (self->verdict_label, self->verdict);
  gtk_revealer_set_reveal_child (self->verdict_revealer, TRUE);
  if (report != NULL && !report->ok && report->bad_seq > 0)
    {
      g_autofree char *seq = g_strdup_printf ("%" PRId64, report->bad_seq);

      gtk_widget_set_tooltip_text (self->verdict_box, seq);
    }
  /* The window's banner and the marks on decisions follow the newest verdict. */
  if (report != NULL && LK_SESSION (source) == self->session)
    lk_session_set_audit_report (self->session, g_steal_pointer (&report));
}

void
lk_audit_view_verify (LkAuditView *self)
{
  g_return_if_fail (LK_IS_AUDIT_VIEW (self));

  if (self->session == NULL)
    return;
  gtk_label_set_text (self->verdict_label, _("Verifying…"));
  gtk_revealer_set_reveal_child (self->verdict_revealer, TRUE);
  lk_session_run (self->session, verify_job, NULL, NULL, (GDestroyNotify) lk_audit_report_free,
                  self->cancellable, verify_done_cb, g_object_ref (self));
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
  if (col == COL_DETAILS)
    gtk_widget_add_css_class (label, "lk-audit-hash");
  gtk_list_item_set_child (item, label);
}

/* The details one field a line (the raw text is one long line that GTK
 * cannot wrap, so its tooltip ran off the screen), at most 40 lines. */
static char *
details_tooltip (const LkAuditEntry *e)
{
  g_autoptr(JsonNode) node = json_from_string (e->details, NULL);
  g_autofree char *pretty = node != NULL ? json_to_string (node, TRUE) : g_strdup (e->details);
  g_auto(GStrv) lines = g_strsplit (pretty, "\n", 42);
  g_autoptr(GString) tip = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL && i < 40; i++)
    g_string_append_printf (tip, "%s\n", lines[i]);
  if (g_strv_length (lines) > 40)
    g_string_append (tip, "…\n");
  g_string_append_printf (tip, "\n%s: %s", _("Hash"), e->hash);
  return g_string_free (g_steal_pointer (&tip), FALSE);
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
  const LkAuditEntry *e = lk_audit_object_get_entry (gtk_list_item_get_item (item));
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  g_autofree char *text = NULL;

  switch (GPOINTER_TO_UINT (user_data))
    {
    case COL_SEQ: text = g_strdup_printf ("%" PRId64, e->seq); break;
    case COL_TIME: text = g_strdup (e->time); break;
    case COL_ANALYST: text = g_strdup (e->analyst); break;
    case COL_ACTION: text = g_strdup (e->action); break;
    case COL_OBJECT: text = object_text (e); break;
    case COL_DETAILS: text = g_strdup (e->details); break;
    default: g_assert_not_reached ();
    }
  if (GPOINTER_TO_UINT (user_data) == COL_OBJECT)
    {
      LkAuditView *self = g_object_get_data (G_OBJECT (factory), "lk-view");
      gboolean flagged = self->session != NULL && g_strcmp0 (e->object_type, "decision") == 0 &&
                         lk_session_decision_flagged (self->session, e->object_id);

      /* A decision the newest failed verification touches is marked on every entry about it. */
      if (flagged)
        {
          g_autofree char *plain = g_steal_pointer (&text);

          /* Translators: an audit entry's object, e.g. "decision 12", that failed the check. */
          text = g_strdup_printf (_("%s — fails the audit check"), plain);
          gtk_widget_add_css_class (GTK_WIDGET (label), "error");
        }
      else
        gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
    }
  gtk_label_set_text (label, text);
  if (GPOINTER_TO_UINT (user_data) == COL_SEQ)
    name_row (label, e);
  if (GPOINTER_TO_UINT (user_data) == COL_DETAILS)
    {
      g_autofree char *tip = details_tooltip (e);

      gtk_widget_set_tooltip_text (GTK_WIDGET (label), tip);
    }
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

static GtkWidget *
build_columns (LkAuditView *self)
{
  static const char *titles[N_COLS] = { N_("#"), N_("Time (UTC)"), N_("Analyst"), N_("Action"),
                                        N_("Object"), N_("Details") };
  GtkNoSelection *selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)));
  GtkWidget *view = gtk_column_view_new (GTK_SELECTION_MODEL (selection));
  GtkWidget *scrolled = gtk_scrolled_window_new ();

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
      gtk_column_view_append_column (GTK_COLUMN_VIEW (view), column);
    }
  gtk_column_view_set_show_row_separators (GTK_COLUMN_VIEW (view), TRUE);
  gtk_widget_add_css_class (view, "data-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Audit log entries"), -1);
  name_table_parts (view);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_widget_set_vexpand (scrolled, TRUE);
  return scrolled;
}

static GtkEditable *
search_entry_new (const char  *placeholder,
                  LkAuditView *self)
{
  GtkWidget *entry = gtk_search_entry_new ();

  g_object_set (entry, "placeholder-text", placeholder, NULL);
  gtk_widget_set_tooltip_text (entry, placeholder);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, placeholder, -1);
  g_signal_connect_swapped (entry, "search-changed", G_CALLBACK (filter_changed_cb), self);
  return GTK_EDITABLE (entry);
}

static GtkWidget *
build_toolbar (LkAuditView *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *verify = gtk_button_new_with_mnemonic (_("_Verify"));

  gtk_widget_add_css_class (bar, "toolbar");
  self->analysts = gtk_string_list_new ((const char *[]) { _("All analysts"), NULL });
  self->analyst_drop = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->analysts)), NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->analyst_drop), _("Filter by analyst"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->analyst_drop), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Filter by analyst"), -1);
  g_signal_connect_swapped (self->analyst_drop, "notify::selected", G_CALLBACK (filter_changed_cb), self);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->analyst_drop));
  self->action_entry = search_entry_new (_("Action, e.g. decision"), self);
  self->object_entry = search_entry_new (_("Object, e.g. face 12"), self);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->action_entry));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->object_entry));
  self->count_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_hexpand (GTK_WIDGET (self->count_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "dim-label");
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->count_label));
  gtk_widget_set_tooltip_text (verify, _("Check the hash chain and that every record is backed by it"));
  g_signal_connect_swapped (verify, "clicked", G_CALLBACK (lk_audit_view_verify), self);
  gtk_box_append (GTK_BOX (bar), verify);
  return bar;
}

static void
build_ui (LkAuditView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), build_toolbar (self));
  self->verdict_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->verdict_label, TRUE);
  gtk_label_set_xalign (self->verdict_label, 0);
  gtk_label_set_selectable (self->verdict_label, TRUE);
  lk_a11y_watch_label (self->verdict_label);
  self->verdict_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (self->verdict_box, "lk-banner");
  gtk_box_append (GTK_BOX (self->verdict_box), GTK_WIDGET (self->verdict_label));
  self->verdict_revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_child (self->verdict_revealer, self->verdict_box);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->verdict_revealer));
  gtk_box_append (GTK_BOX (box), build_columns (self));
  adw_bin_set_child (ADW_BIN (self), box);
}

static void
lk_audit_view_dispose (GObject *object)
{
  LkAuditView *self = LK_AUDIT_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  adw_bin_set_child (ADW_BIN (self), NULL);
  g_clear_object (&self->filtered);
  g_clear_object (&self->store);
  g_clear_object (&self->analysts);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (lk_audit_view_parent_class)->dispose (object);
}

static void
lk_audit_view_finalize (GObject *object)
{
  g_free (LK_AUDIT_VIEW (object)->verdict);
  G_OBJECT_CLASS (lk_audit_view_parent_class)->finalize (object);
}

static void
lk_audit_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  if (prop_id == PROP_SESSION)
    lk_audit_view_set_session (LK_AUDIT_VIEW (object), g_value_get_object (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
lk_audit_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  if (prop_id == PROP_SESSION)
    g_value_set_object (value, LK_AUDIT_VIEW (object)->session);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
lk_audit_view_class_init (LkAuditViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lk_audit_view_dispose;
  object_class->finalize = lk_audit_view_finalize;
  object_class->set_property = lk_audit_view_set_property;
  object_class->get_property = lk_audit_view_get_property;

  properties[PROP_SESSION] = g_param_spec_object ("session", NULL, NULL, LK_TYPE_SESSION,
                                                  G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                  G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lk_audit_view_init (LkAuditView *self)
{
  self->cancellable = g_cancellable_new ();
  self->store = g_list_store_new (LK_TYPE_AUDIT_OBJECT);
  self->filter = gtk_custom_filter_new (entry_matches, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->store)),
                                              GTK_FILTER (self->filter));
  build_ui (self);
  g_signal_connect_swapped (self->filtered, "items-changed", G_CALLBACK (update_count), self);
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
