/* lk-faces-view.c — every face of the case as a grid of chips
 *
 * The whole face list (without chips) is read in one session job into the
 * compact rows of an LkFaceListModel, which makes an object only for the
 * cells on screen; chips are loaded by an LkThumbLoader for those cells
 * alone, so 100,000 faces open in well under a second and scroll smoothly.
 * Filters are a pass over the rows, a millisecond for 100,000 faces.
 */
#define G_LOG_DOMAIN "lk-faces-view"

#include "lk-config.h"

#include <inttypes.h>
#include <glib/gi18n.h>
#include <time.h>

#include "match/lk-number.h"
#include "lk-a11y.h"
#include "lk-face-list-model.h"
#include "lk-face-object.h"
#include "lk-faces-view.h"
#include "lk-flow-box.h"
#include "lk-person-completion.h"
#include "lk-thumb-loader.h"

#define CHIP_SIZE 112
#define MAX_COLUMNS 16
/* A load that ends sooner shows no spinner at all: no flash of one, and no
 * frames to draw (each a full-window redraw on a software-rendered display,
 * which took the two cores from the listing itself). */
#define SPINNER_DELAY_MS 1000

struct _LkFacesView
{
  LkSection            parent_instance;

  LkThumbLoader       *loader;
  LkFaceListModel     *faces;
  LkFaceRows          *pending;      /* loaded, shown when the view is mapped */
  GtkMultiSelection   *selection;

  GtkStack            *stack;
  GtkDropDown         *status_drop;
  GtkDropDown         *role_drop;
  GtkDropDown         *quality_drop;
  GtkLabel            *count_label;
  GtkWidget           *reference_button;
  GtkGridView         *grid;
  GtkScrolledWindow   *scrolled;
  GtkSpinner          *spinner;
  guint                spinner_id;
  GtkAdjustment       *vadjustment;
  GPtrArray           *to_request;   /* GtkListItem: bound, chip not asked for yet */
  guint                request_id;
  guint                columns_id;
  gboolean             loading;
};

G_DEFINE_FINAL_TYPE (LkFacesView, lk_faces_view, LK_TYPE_SECTION)

#define session_of(self) lk_section_get_session (LK_SECTION (self))

static void apply_pending (LkFacesView *self);
static void map_cb (LkFacesView *self);
static void fit_columns (LkFacesView *self);
static gboolean request_chips (gpointer data);
static gboolean query_tooltip_cb (GtkWidget *box, int x, int y, gboolean keyboard,
                                  GtkTooltip *tooltip, GtkListItem *item);

/* ---- Filtering ----------------------------------------------------------- */

static void
update_count (LkFacesView *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->faces));
  guint total = lk_face_list_model_get_n_faces (self->faces);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  guint64 n_selected = gtk_bitset_get_size (selected);
  g_autofree char *text = NULL;

  if (n_selected > 0)
    text = g_strdup_printf (_("%" PRIu64 " selected of %u"), n_selected, shown);
  else if (shown == total)
    text = g_strdup_printf (ngettext ("%u face", "%u faces", total), total);
  else
    /* Translators: shown of total; the plural follows the total ("1 з 21 обличчя") */
    text = g_strdup_printf (ngettext ("%u of %u face", "%u of %u faces", total), shown, total);
  gtk_label_set_text (self->count_label, text);
  gtk_widget_set_sensitive (self->reference_button, n_selected > 0 && session_of (self) != NULL &&
                            !lk_session_is_read_only (session_of (self)));
  if (!self->loading)
    gtk_stack_set_visible_child_name (self->stack, shown > 0 ? "grid" : "empty");
}

/* Dropdown position 0 is "all"; the others follow LkFaceStatus, LkPhotoRole
 * and LkFaceQualityFilter. */
static void
filter_changed_cb (LkFacesView *self)
{
  lk_face_list_model_set_filter (self->faces,
                                 (int) gtk_drop_down_get_selected (self->status_drop) - 1,
                                 (int) gtk_drop_down_get_selected (self->role_drop) - 1,
                                 gtk_drop_down_get_selected (self->quality_drop));
}

/* ---- Loading -------------------------------------------------------------- */

static void
start_spinner (gpointer data)
{
  LkFacesView *self = data;

  self->spinner_id = 0;
  gtk_spinner_set_spinning (self->spinner, self->loading);
}

static void
stop_spinner (LkFacesView *self)
{
  g_clear_handle_id (&self->spinner_id, g_source_remove);
  gtk_spinner_set_spinning (self->spinner, FALSE);
}

/* For G_MESSAGES_DEBUG=lk-faces-view: the worker's own time, whatever
 * else the machine is doing. */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    return 0;
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void
add_face_cb (const LkCaseFaceBrief *face,
             gpointer               rows)
{
  lk_face_rows_append (rows, face);
}

/* Only the grid's columns, straight into compact rows: no object per face. */
static gpointer
load_job (LkCase        *kase,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(LkFaceRows) rows = lk_face_rows_new ();
  double start = thread_cpu_ms ();

  if (!lk_case_foreach_face_brief (kase, add_face_cb, rows, error))
    return NULL;
  g_debug ("listed %u faces: %.1f ms of CPU", lk_face_rows_get_len (rows), thread_cpu_ms () - start);
  return g_steal_pointer (&rows);
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LkFacesView) self = user_data;
  g_autoptr(GError) error = NULL;
  LkFaceRows *rows = lk_session_run_finish (LK_SESSION (source), result, &error);

  if (rows == NULL)
    {
      /* A cancelled load was replaced by a newer one, which is still loading. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          self->loading = FALSE;
          stop_spinner (self);
          update_count (self);
          gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", error->message);
        }
      return;
    }
  self->loading = FALSE;
  stop_spinner (self);
  g_clear_pointer (&self->pending, lk_face_rows_free);
  self->pending = rows;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && gtk_widget_get_width (GTK_WIDGET (self->stack)) > 0)
    apply_pending (self);
  else if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    map_cb (self);
  update_count (self);
}

/* GTK 4.8's grid view binds every item when its model changes while it is
 * not allocated (a hidden section), so the new list waits until the view
 * is on screen and knows its width: then only 32 rows of cells are made. */
static void
apply_pending (LkFacesView *self)
{
  gint64 start = g_get_monotonic_time ();

  if (self->pending == NULL)
    return;
  fit_columns (self);
  /* The faces on screen keep their objects and chips: a reload after a
   * decision changes a badge, not the whole grid. */
  lk_face_list_model_set_rows (self->faces, g_steal_pointer (&self->pending));
  request_chips (self);
  update_count (self);
  /* G_MESSAGES_DEBUG=lk-faces-view: the main thread's share of a load. */
  g_debug ("showing %u faces (%.1f ms)", lk_face_list_model_get_n_faces (self->faces),
           (g_get_monotonic_time () - start) / 1000.0);
}

static gboolean
apply_after_layout (GtkWidget     *widget,
                    GdkFrameClock *clock,
                    gpointer       user_data)
{
  apply_pending (LK_FACES_VIEW (widget));
  return G_SOURCE_REMOVE;
}

/* Just mapped, the view has no width yet to cap the grid's columns with;
 * one frame later it has. */
static void
map_cb (LkFacesView *self)
{
  gtk_widget_add_tick_callback (GTK_WIDGET (self), apply_after_layout, NULL, NULL);
}

static void
load_faces (LkFacesView *self)
{
  GCancellable *cancellable;

  if (session_of (self) == NULL)
    return;
  /* A newer listing makes the running one useless. */
  cancellable = lk_section_restart_loads (LK_SECTION (self));
  self->loading = TRUE;
  if (lk_face_list_model_get_n_faces (self->faces) == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "loading");
      if (self->spinner_id == 0 && !gtk_spinner_get_spinning (self->spinner))
        self->spinner_id = g_timeout_add_once (SPINNER_DELAY_MS, start_spinner, self);
    }
  lk_session_run (session_of (self), load_job, NULL, NULL, (GDestroyNotify) lk_face_rows_free, cancellable,
                  load_done_cb, g_object_ref (self));
}

static void
lk_faces_view_reload (LkSection *section,
                      LkChange   what)
{
  LkFacesView *self = LK_FACES_VIEW (section);

  if (what & LK_CHANGE_CASE)
    {
      lk_thumb_loader_set_session (self->loader, session_of (self));
      /* No object of the previous case may stand for a face of this one. */
      g_clear_pointer (&self->pending, lk_face_rows_free);
      lk_face_list_model_set_rows (self->faces, NULL);
    }
  if (what & (LK_CHANGE_FACES | LK_CHANGE_DECISIONS | LK_CHANGE_PERSONS))
    load_faces (self);
}

/* ---- Cells ------------------------------------------------------------------ */

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               LkFacesView              *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *picture = gtk_picture_new ();
  GtkWidget *badge = gtk_image_new ();
  GtkWidget *label = gtk_label_new (NULL);
  GtkExpression *expr;

  gtk_widget_set_size_request (picture, CHIP_SIZE, CHIP_SIZE);
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), picture);
  gtk_widget_add_css_class (overlay, "card");
  gtk_widget_add_css_class (overlay, "lk-chip");
  gtk_widget_set_overflow (overlay, GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_halign (overlay, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (badge, GTK_ALIGN_END);
  gtk_widget_set_valign (badge, GTK_ALIGN_START);
  gtk_widget_set_margin_top (badge, 4);
  gtk_widget_set_margin_end (badge, 4);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), badge);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 14);
  gtk_widget_add_css_class (label, "caption");
  gtk_box_append (GTK_BOX (box), overlay);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_set_has_tooltip (box, TRUE);
  g_signal_connect (box, "query-tooltip", G_CALLBACK (query_tooltip_cb), item);
  gtk_list_item_set_child (item, box);

  expr = gtk_property_expression_new (GTK_TYPE_LIST_ITEM, NULL, "item");
  expr = gtk_property_expression_new (LK_TYPE_FACE_OBJECT, expr, "texture");
  gtk_expression_bind (expr, picture, "paintable", item);
}

/* The caption under the chip, and (returned) the longer description that
 * is the cell's tooltip and accessible label. */
static char *
describe_face (LkFaceObject  *face,
               char         **caption_out)
{
  const char *person = lk_face_object_get_person_name (face);
  /* A still says its video and time code, not the name of its PNG. */
  g_autofree char *file = lk_face_object_dup_source (face);
  g_autofree char *caption = NULL;
  char *description;

  /* The person when known, else the photo's file name: "Face 23" would
   * tell the analyst nothing. */
  if (person != NULL && person[0] != '\0')
    caption = g_strdup (person);
  else if (file[0] != '\0')
    caption = g_strdup (file);
  else
    caption = g_strdup_printf (_("Face %" PRId64), lk_face_object_get_id (face));
  /* Translators: a face chip's tooltip: caption, face number, status, then the photo's file. */
  description = g_strdup_printf (_("%s (face %" PRId64 ") — %s\n%s%s"), caption,
                                 lk_face_object_get_id (face),
                                 lk_face_status_get_label (lk_face_object_get_status (face)),
                                 file,
                                 lk_face_object_get_good_quality (face) ? "" : _("\nQuality problem"));
  if (caption_out != NULL)
    *caption_out = g_steal_pointer (&caption);
  return description;
}

/* What a screen reader says of a cell beside its label: the face, where it
 * is from, its status and the nearest candidate of the last match, e.g.
 * "Face 18, bbt4.jpg, Unreviewed, nearest Sheldon 0.35". */
static char *
accessible_description (LkFaceObject *face)
{
  g_autofree char *source = lk_face_object_dup_source (face);
  const char *status = lk_face_status_get_label (lk_face_object_get_status (face));
  double distance = -1;
  const char *nearest = lk_face_object_get_nearest (face, &distance);
  g_autofree char *number = NULL;

  if (nearest == NULL)
    /* Translators: a face cell for screen readers: "Face 18, bbt4.jpg, Unreviewed". */
    return g_strdup_printf (_("Face %" PRId64 ", %s, %s"), lk_face_object_get_id (face), source, status);
  number = lk_number_decimal (distance, 2);
  /* Translators: a face cell for screen readers: face number, file, status, then the
   * nearest candidate of the last match and its distance: "…, nearest Sheldon 0.35". */
  return g_strdup_printf (_("Face %" PRId64 ", %s, %s, nearest %s %s"), lk_face_object_get_id (face),
                          source, status, nearest, number);
}

/* The tooltip is made when asked for: gtk_widget_set_tooltip_text() on each
 * bound cell costs a round trip to the display server (GTK 4.8 re-queries
 * the pointer), a third of the time of binding a screen of cells. */
static gboolean
query_tooltip_cb (GtkWidget   *box,
                  int          x,
                  int          y,
                  gboolean     keyboard,
                  GtkTooltip  *tooltip,
                  GtkListItem *item)
{
  LkFaceObject *face = gtk_list_item_get_item (item);
  g_autofree char *text = NULL;

  if (face == NULL)
    return FALSE;
  text = describe_face (face, NULL);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* Caption, description and status mark from the face as it is now. */
static void
update_cell (GtkListItem *item)
{
  LkFaceObject *face = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *overlay = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_next_sibling (overlay);
  GtkWidget *badge = gtk_widget_get_last_child (overlay);
  LkFaceStatus status = lk_face_object_get_status (face);
  g_autofree char *caption = NULL;
  g_autofree char *tooltip = describe_face (face, &caption);
  g_autofree char *description = accessible_description (face);
  static const char *css[] = { "lk-status-unreviewed", "lk-status-identified", "lk-status-excluded",
                               "lk-status-not-a-face" };

  gtk_label_set_text (GTK_LABEL (label), caption);
  lk_a11y_describe_cell (box, tooltip, description);

  for (guint i = 0; i < G_N_ELEMENTS (css); i++)
    gtk_widget_remove_css_class (badge, css[i]);
  gtk_widget_add_css_class (badge, lk_face_status_get_css_class (status));
  {
    const char *icon = status == LK_FACE_STATUS_IDENTIFIED || status == LK_FACE_STATUS_REFERENCE
                         ? "emblem-ok-symbolic"
                         : status == LK_FACE_STATUS_NOT_A_FACE ? "action-unavailable-symbolic"
                         : status == LK_FACE_STATUS_UNREVIEWED ? NULL : "dialog-question-symbolic";

    /* Unreviewed faces carry no mark: most faces are, and marks would be noise. */
    gtk_image_set_from_icon_name (GTK_IMAGE (badge), icon);
    gtk_widget_set_visible (badge, icon != NULL);
  }
}

/* A reload keeps the objects on screen and updates them in place. */
static void
face_status_cb (GtkListItem *item)
{
  update_cell (item);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              LkFacesView              *self)
{
  LkFaceObject *face = gtk_list_item_get_item (item);

  update_cell (item);
  g_signal_connect_object (face, "notify::status", G_CALLBACK (face_status_cb), item, G_CONNECT_SWAPPED);
  g_ptr_array_add (self->to_request, g_object_ref (item));
  if (self->request_id == 0)
    self->request_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, request_chips, self, NULL);
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                LkFacesView              *self)
{
  LkFaceObject *face = gtk_list_item_get_item (item);

  if (face != NULL)
    g_signal_handlers_disconnect_by_func (face, face_status_cb, item);
}

/* ---- Chips on screen first ---------------------------------------------------- */

/* GTK 4.8's grid binds 32 rows of cells around the scroll position, five
 * times what is on screen.  Their chips are asked for in one pass after the
 * binding, farthest from the screen first: the loader sends the newest
 * requests first, so the first batch is the screen the analyst looks at. */
static int
compare_distance (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const guint *screen = user_data;
  guint pa = gtk_list_item_get_position (*(GtkListItem **) a);
  guint pb = gtk_list_item_get_position (*(GtkListItem **) b);
  guint da = pa < screen[0] ? screen[0] - pa : pa > screen[1] ? pa - screen[1] : 0;
  guint db = pb < screen[0] ? screen[0] - pb : pb > screen[1] ? pb - screen[1] : 0;

  if (da != db)
    return da > db ? -1 : 1;
  return pa > pb ? -1 : pa < pb ? 1 : 0;
}

/* The positions on screen, from the scroll position: rows are all alike. */
static void
screen_positions (LkFacesView *self,
                  guint        screen[2])
{
  double upper = self->vadjustment != NULL ? gtk_adjustment_get_upper (self->vadjustment) : 0;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->faces));

  screen[0] = 0;
  screen[1] = n;
  if (upper <= 0 || n == 0)
    return;
  screen[0] = (guint) (n * (gtk_adjustment_get_value (self->vadjustment) / upper));
  screen[1] = screen[0] + (guint) (n * (gtk_adjustment_get_page_size (self->vadjustment) / upper)) + 1;
}

static gboolean
request_chips (gpointer data)
{
  LkFacesView *self = data;
  guint screen[2];

  g_clear_handle_id (&self->request_id, g_source_remove);
  screen_positions (self, screen);
  g_ptr_array_sort_with_data (self->to_request, compare_distance, screen);
  for (guint i = 0; i < self->to_request->len; i++)
    {
      /* A cell unbound meanwhile shows nothing, or another face. */
      GObject *face = gtk_list_item_get_item (g_ptr_array_index (self->to_request, i));

      if (face != NULL)
        lk_thumb_loader_request (self->loader, face);
    }
  g_ptr_array_set_size (self->to_request, 0);
  return G_SOURCE_REMOVE;
}

static void
activate_cb (GtkGridView *grid,
             guint        position,
             LkFacesView *self)
{
  g_autoptr(LkFaceObject) face = g_list_model_get_item (G_LIST_MODEL (self->faces), position);

  if (face != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-photo", "(xx)",
                                lk_face_object_get_photo_id (face), lk_face_object_get_id (face));
}

/* ---- Columns ---------------------------------------------------------------- */

/* The grid binds max-columns × 32 cells until it has laid its items out
 * once: 512 cells for a screen of 40.  A cap from the width (a column is
 * at least a chip wide, so the cap is never below what fits) keeps that
 * to the columns there are. */
static void
fit_columns (LkFacesView *self)
{
  /* The stack, not the grid: while loading, the grid's page is not shown. */
  int width = gtk_widget_get_width (GTK_WIDGET (self->stack));
  guint columns = width > 0 ? CLAMP ((guint) width / CHIP_SIZE, 1, MAX_COLUMNS) : MAX_COLUMNS;

  if (gtk_grid_view_get_max_columns (self->grid) != columns)
    gtk_grid_view_set_max_columns (self->grid, columns);
}

static gboolean
fit_columns_idle (gpointer data)
{
  LkFacesView *self = data;

  self->columns_id = 0;
  fit_columns (self);
  return G_SOURCE_REMOVE;
}

/* A wider window gets more columns; not from inside the allocation, which
 * the new cap would invalidate. */
static void
lk_faces_view_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  LkFacesView *self = LK_FACES_VIEW (widget);
  guint columns;

  GTK_WIDGET_CLASS (lk_faces_view_parent_class)->size_allocate (widget, width, height, baseline);
  columns = CLAMP ((guint) MAX (gtk_widget_get_width (GTK_WIDGET (self->stack)), 0) / CHIP_SIZE, 1, MAX_COLUMNS);
  if (gtk_widget_get_width (GTK_WIDGET (self->stack)) > 0 && self->columns_id == 0 &&
      gtk_grid_view_get_max_columns (self->grid) != columns)
    self->columns_id = g_idle_add (fit_columns_idle, self);
}

/* ---- Make reference of ------------------------------------------------------ */

typedef struct {
  char   *analyst;
  char   *person_name;
  GArray *face_ids;
} ReferenceData;

static void
reference_data_free (gpointer p)
{
  ReferenceData *rd = p;

  g_free (rd->analyst);
  g_free (rd->person_name);
  g_array_unref (rd->face_ids);
  g_free (rd);
}

/* A face of a probe photo (a crop imported with the rest of a folder) moves
 * with its photo to the references, audited, before it is linked; the store
 * refuses when a face on that photo has a decision as a probe. */
static gboolean
make_reference_photo (LkCase      *kase,
                      const char  *analyst,
                      gint64       face_id,
                      GError     **error)
{
  g_autoptr(LkCaseFace) face = lk_case_get_face (kase, face_id, error);

  if (face == NULL)
    return FALSE;
  if (face->role == LK_PHOTO_ROLE_REFERENCE)
    return TRUE;
  return lk_case_set_photo_role (kase, analyst, face->photo_id, LK_PHOTO_ROLE_REFERENCE, error);
}

/* All links in one batch: either every selected face becomes a reference or none. */
static gpointer
reference_job (LkCase        *kase,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  ReferenceData *rd = data;
  g_autoptr(LkPerson) person = NULL;
  gint64 person_id;

  person = lk_case_find_person (kase, rd->person_name, error);
  if (person == NULL && *error != NULL)
    return NULL;
  if (!lk_case_begin_batch (kase, error))
    return NULL;
  if (person != NULL)
    person_id = person->id;
  else
    {
      LkPersonFields fields = { .display_name = rd->person_name };

      person_id = lk_case_add_person (kase, rd->analyst, &fields, error);
    }
  for (guint i = 0; person_id != 0 && i < rd->face_ids->len; i++)
    if (!make_reference_photo (kase, rd->analyst, g_array_index (rd->face_ids, gint64, i), error) ||
        lk_case_link_reference (kase, rd->analyst, g_array_index (rd->face_ids, gint64, i),
                                person_id, error) == 0)
      person_id = 0;
  if (person_id == 0 || !lk_case_commit_batch (kase, error))
    {
      lk_case_rollback_batch (kase);
      return NULL;
    }
  return g_strdup_printf (ngettext ("%u face is now a reference of %s", "%u faces are now references of %s",
                                    rd->face_ids->len), rd->face_ids->len, rd->person_name);
}

static void
reference_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LkFacesView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = lk_session_run_finish (LK_SESSION (source), result, &error);

  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s",
                              message != NULL ? message : error->message);
  if (message != NULL)
    {
      gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
      lk_session_notify_changed (LK_SESSION (source), LK_CHANGE_PERSONS | LK_CHANGE_FACES | LK_CHANGE_AUDIT);
    }
}

void
lk_faces_view_make_reference (LkFacesView *self,
                              const char  *person_name)
{
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  guint position;
  ReferenceData *rd;

  g_return_if_fail (LK_IS_FACES_VIEW (self));
  g_return_if_fail (person_name != NULL && person_name[0] != '\0');
  g_return_if_fail (session_of (self) != NULL);

  rd = g_new0 (ReferenceData, 1);
  rd->analyst = g_strdup (lk_session_get_analyst (session_of (self)));
  rd->person_name = g_strdup (person_name);
  rd->face_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position); ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      /* The ids alone: selecting all must not make an object per face. */
      gint64 id = lk_face_list_model_get_id (self->faces, position);

      g_array_append_val (rd->face_ids, id);
    }
  lk_session_run (session_of (self), reference_job, rd, reference_data_free, g_free,
                  NULL, reference_done_cb, g_object_ref (self));
}

static void
reference_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       LkFacesView      *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (g_str_equal (response, "link") && name[0] != '\0' && session_of (self) != NULL)
    lk_faces_view_make_reference (self, name);
  g_object_unref (self);
}

/* The layout is in ui/lk-reference-dialog.ui; the entry offers the case's
 * person names, since the faces usually belong to someone in the gallery. */
static void
reference_clicked_cb (LkFacesView *self)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/org/likeness/Likeness/lk-reference-dialog.ui");
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (gtk_builder_get_object (builder, "dialog"));
  GtkEntry *entry = GTK_ENTRY (gtk_builder_get_object (builder, "person_entry"));

  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  lk_person_completion_set_session (lk_person_completion_attach (entry), session_of (self));
  g_signal_connect (dialog, "response", G_CALLBACK (reference_response_cb), g_object_ref (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- Construction --------------------------------------------------------- */

/* The cells are made and bound by callbacks: the one part of the grid a
 * template cannot express. */
static void
set_up_grid (LkFacesView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), self);
  gtk_grid_view_set_factory (self->grid, factory);
  gtk_grid_view_set_model (self->grid, GTK_SELECTION_MODEL (self->selection));
  self->vadjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);
}

static void
lk_faces_view_dispose (GObject *object)
{
  LkFacesView *self = LK_FACES_VIEW (object);

  g_clear_handle_id (&self->request_id, g_source_remove);
  g_clear_handle_id (&self->columns_id, g_source_remove);
  g_clear_handle_id (&self->spinner_id, g_source_remove);
  /* The widgets go before the models they show. */
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_FACES_VIEW);
  self->vadjustment = NULL;
  g_clear_pointer (&self->to_request, g_ptr_array_unref);
  g_clear_object (&self->loader);
  g_clear_object (&self->selection);
  g_clear_object (&self->faces);
  g_clear_pointer (&self->pending, lk_face_rows_free);
  G_OBJECT_CLASS (lk_faces_view_parent_class)->dispose (object);
}

static void
lk_faces_view_class_init (LkFacesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_faces_view_dispose;
  widget_class->size_allocate = lk_faces_view_size_allocate;
  LK_SECTION_CLASS (klass)->reload = lk_faces_view_reload;

  g_type_ensure (LK_TYPE_FLOW_BOX);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/likeness/Likeness/lk-faces-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LkFacesView, status_drop);
  gtk_widget_class_bind_template_child (widget_class, LkFacesView, role_drop);
  gtk_widget_class_bind_template_child (widget_class, LkFacesView, quality_drop);
  gtk_widget_class_bind_template_child (widget_class, LkFacesView, count_label);
  gtk_widget_class_bind_template_child (widget_class, LkFacesView, reference_button);
  gtk_widget_class_bind_template_child (widget_class, LkFacesView, stack);
  gtk_widget_class_bind_template_child (widget_class, LkFacesView, scrolled);
  gtk_widget_class_bind_template_child (widget_class, LkFacesView, grid);
  gtk_widget_class_bind_template_child (widget_class, LkFacesView, spinner);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, reference_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
}

static void
lk_faces_view_init (LkFacesView *self)
{
  self->loader = lk_thumb_loader_new (LK_THUMB_FACE_CHIP, 800);
  self->faces = lk_face_list_model_new ();
  self->to_request = g_ptr_array_new_with_free_func (g_object_unref);
  self->selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (self->faces)));
  gtk_widget_init_template (GTK_WIDGET (self));
  set_up_grid (self);
  g_signal_connect_swapped (self->faces, "items-changed", G_CALLBACK (update_count), self);
  g_signal_connect_swapped (self->selection, "selection-changed", G_CALLBACK (update_count), self);
  g_signal_connect (self, "map", G_CALLBACK (map_cb), NULL);
  update_count (self);
}

LkFacesView *
lk_faces_view_new (void)
{
  return g_object_new (LK_TYPE_FACES_VIEW, NULL);
}

GListModel *
lk_faces_view_get_model (LkFacesView *self)
{
  g_return_val_if_fail (LK_IS_FACES_VIEW (self), NULL);
  return G_LIST_MODEL (self->faces);
}

GtkSelectionModel *
lk_faces_view_get_selection (LkFacesView *self)
{
  g_return_val_if_fail (LK_IS_FACES_VIEW (self), NULL);
  return GTK_SELECTION_MODEL (self->selection);
}

gboolean
lk_faces_view_is_loading (LkFacesView *self)
{
  g_return_val_if_fail (LK_IS_FACES_VIEW (self), FALSE);
  return self->loading || self->pending != NULL;
}
