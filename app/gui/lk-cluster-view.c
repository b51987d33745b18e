/* lk-cluster-view.c — groups of unknown faces: look, split out, name
 *
 * Copyright 2026 The Likeness authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The matcher groups probe faces that probably show one unknown person.  The
 * analyst looks at the group side by side, takes out any face that does not
 * belong (for good: it is never grouped with them again), and names the
 * person, which creates the person (or, for a name already in the gallery,
 * takes that person when the analyst says so) and identifies every face
 * without a decision of its own, in one audited step.  Everything runs as session jobs.
 */
#define G_LOG_DOMAIN "lk-cluster"

#include "lk-a11y.h"
#include "lk-cluster-view.h"

#include <inttypes.h>
#include <adwaita.h>
#include <glib/gi18n.h>

#include "case/lk-case-match.h"
#include "lk-person-completion.h"
#include "lk-review-private.h"

struct _LkClusterView
{
  LkSection          parent_instance;

  guint              n_pending;

  GArray            *cluster_ids;      /* gint64, parallel to cluster_names */
  GtkStringList     *cluster_names;
  GtkSingleSelection *cluster_selection;
  GListStore        *faces;            /* of LkReviewProbe */
  GtkMultiSelection *face_selection;
  gint64             cluster_id;       /* shown */
  gint64             want_cluster_id;

  GtkStack          *main_stack;
  GtkListView       *cluster_list;
  GtkGridView       *face_grid;
  GtkLabel          *cluster_title;
  GtkEntry          *name_entry;
  GtkEntry          *rationale_entry;
  GtkLabel          *hint_label;
  GtkWindow         *name_dialog;      /* asking before a group is named */
};

G_DEFINE_FINAL_TYPE (LkClusterView, lk_cluster_view, LK_TYPE_SECTION)

#define session_of(self) lk_section_get_session (LK_SECTION (self))
#define cancellable_of(self) lk_section_get_cancellable (LK_SECTION (self))

static void update_actions (LkClusterView *self);
static void load_faces (LkClusterView *self);

static void
toast (LkClusterView *self,
       const char    *message)
{
  if (!gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", message))
    g_message ("%s", message);
}

static void
job_started (LkClusterView *self)
{
  self->n_pending++;
  update_actions (self);
}

static void
job_finished (LkClusterView *self)
{
  g_return_if_fail (self->n_pending > 0);
  self->n_pending--;
  update_actions (self);
}

static gboolean
is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Jobs (session worker) ---------------------------------------------------- */

/* Largest groups first: they save the most work once named. */
static int
by_size (gconstpointer a,
         gconstpointer b)
{
  const LkCluster *x = *(LkCluster * const *) a;
  const LkCluster *y = *(LkCluster * const *) b;

  if (x->face_ids->len != y->face_ids->len)
    return x->face_ids->len > y->face_ids->len ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

/* Identified, a reference or not a face: no longer an unknown face. */
static gboolean
is_known (LkFaceStatus status)
{
  return status == LK_FACE_STATUS_IDENTIFIED || status == LK_FACE_STATUS_REFERENCE ||
         status == LK_FACE_STATUS_NOT_A_FACE;
}

static void
add_known_face (const LkCaseFaceBrief *face,
                gpointer               known)
{
  if (is_known (face->status))
    g_hash_table_add (known, g_memdup2 (&face->id, sizeof face->id));
}

/* The groups were made when candidates were last found; a face identified
 * (or made a reference) since is no longer unknown and leaves its group. */
static void
drop_known_faces (GPtrArray  *clusters,
                  GHashTable *known)
{
  for (guint i = 0; i < clusters->len; i++)
    {
      GArray *ids = ((LkCluster *) g_ptr_array_index (clusters, i))->face_ids;

      for (guint j = ids->len; j > 0; j--)
        if (g_hash_table_contains (known, &g_array_index (ids, gint64, j - 1)))
          g_array_remove_index (ids, j - 1);
    }
}

static gpointer
list_clusters_job (LkCase        *kase,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GHashTable) known = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GPtrArray *clusters = lk_case_list_clusters (kase, error);

  if (clusters == NULL)
    return NULL;
  if (!lk_case_foreach_face_brief (kase, add_known_face, known, error))
    {
      g_ptr_array_unref (clusters);
      return NULL;
    }
  drop_known_faces (clusters, known);
  /* A face alone is no group to compare: those stay in the Faces section. */
  for (guint i = clusters->len; i > 0; i--)
    if (((LkCluster *) g_ptr_array_index (clusters, i - 1))->face_ids->len < 2)
      g_ptr_array_remove_index (clusters, i - 1);
  g_ptr_array_sort (clusters, by_size);
  return clusters;
}

typedef struct {
  GPtrArray *faces;        /* of LkCaseFace */
  GPtrArray *thumbnails;   /* of LkReviewThumbnail */
} ClusterFaces;

static void
cluster_faces_free (ClusterFaces *cf)
{
  g_clear_pointer (&cf->faces, g_ptr_array_unref);
  g_clear_pointer (&cf->thumbnails, g_ptr_array_unref);
  g_free (cf);
}

static gpointer
load_faces_job (LkCase        *kase,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(LkCluster) cluster = lk_case_get_cluster (kase, *(gint64 *) data, error);
  g_autoptr(GArray) unknown = NULL;
  ClusterFaces *cf;

  if (cluster == NULL)
    return NULL;
  cf = g_new0 (ClusterFaces, 1);
  cf->faces = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_case_face_free);
  unknown = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < cluster->face_ids->len; i++)
    {
      LkCaseFace *face = lk_case_get_face (kase, g_array_index (cluster->face_ids, gint64, i), error);

      if (face == NULL)
        {
          cluster_faces_free (cf);
          return NULL;
        }
      /* As in the list: faces known since the grouping are left out. */
      if (is_known (face->status))
        {
          lk_case_face_free (face);
          continue;
        }
      g_array_append_val (unknown, face->id);
      g_ptr_array_add (cf->faces, face);
    }
  cf->thumbnails = lk_review_job_load_thumbnails (kase, unknown, cancellable, error);
  if (cf->thumbnails == NULL)
    {
      cluster_faces_free (cf);
      return NULL;
    }
  return cf;
}

typedef struct {
  char   *analyst;
  gint64  cluster_id;
  gint64  person_id;   /* naming as this existing person; 0: a new one */
  char   *name;        /* NULL: split */
  char   *rationale;
  GArray *split_faces; /* gint64 */
} ClusterChange;

static void
cluster_change_free (ClusterChange *change)
{
  g_free (change->analyst);
  g_free (change->name);
  g_free (change->rationale);
  g_clear_pointer (&change->split_faces, g_array_unref);
  g_free (change);
}

/* Naming identifies every face of the group in the store: the faces the view
 * left out (identified, made references or marked since the grouping) are
 * split out first, audited, so what is named is what the analyst saw. */
static gboolean
split_known_faces (LkCase      *kase,
                   const char  *analyst,
                   gint64       cluster_id,
                   GError     **error)
{
  g_autoptr(LkCluster) cluster = lk_case_get_cluster (kase, cluster_id, error);

  if (cluster == NULL)
    return FALSE;
  for (guint i = 0; i < cluster->face_ids->len; i++)
    {
      gint64 id = g_array_index (cluster->face_ids, gint64, i);
      g_autoptr(LkCaseFace) face = lk_case_get_face (kase, id, error);

      if (face == NULL)
        return FALSE;
      if (is_known (face->status) &&
          !lk_case_split_from_cluster (kase, analyst, cluster_id, id,
                                       _("Known since the group was made; left out of naming it"), error))
        return FALSE;
    }
  return TRUE;
}

static gint64
name_cluster (LkCase        *kase,
              ClusterChange *change,
              GError       **error)
{
  LkPersonFields fields = { .display_name = change->name };
  gint64 person_id = 0;

  if (!lk_case_begin_batch (kase, error))
    return 0;
  if (split_known_faces (kase, change->analyst, change->cluster_id, error))
    {
      if (change->person_id > 0)
        person_id = lk_case_cluster_identify (kase, change->analyst, change->cluster_id, change->person_id,
                                              change->rationale, error) ? change->person_id : 0;
      else
        person_id = lk_case_cluster_to_person (kase, change->analyst, change->cluster_id, &fields,
                                               change->rationale, error);
    }
  if (person_id == 0 || !lk_case_commit_batch (kase, error))
    {
      lk_case_rollback_batch (kase);
      return 0;
    }
  return person_id;
}

static gpointer
change_job (LkCase        *kase,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  ClusterChange *change = data;
  gint64 result = 0;

  if (change->name != NULL)
    {
      result = name_cluster (kase, change, error);
      return result > 0 ? g_memdup2 (&result, sizeof result) : NULL;
    }
  for (guint i = 0; i < change->split_faces->len; i++)
    if (!lk_case_split_from_cluster (kase, change->analyst, change->cluster_id,
                                     g_array_index (change->split_faces, gint64, i),
                                     change->rationale, error))
      return NULL;
  result = change->split_faces->len;
  return g_memdup2 (&result, sizeof result);
}

/* What naming a group would do, found before anything is written: whether a
 * person of that name exists, and which faces keep their own decision. */
typedef struct {
  gint64  cluster_id;
  char   *name;
  gint64  person_id;          /* an existing person of that name, or 0 */
  char   *person_name;        /* as stored */
  GPtrArray *kept_existing;   /* lines, naming as the existing person */
  GPtrArray *kept_new;        /* lines, naming as a new person */
} NamePreview;

static void
name_preview_free (NamePreview *preview)
{
  g_free (preview->name);
  g_free (preview->person_name);
  g_clear_pointer (&preview->kept_existing, g_ptr_array_unref);
  g_clear_pointer (&preview->kept_new, g_ptr_array_unref);
  g_free (preview);
}

/* "sample3.jpg, face 12: Quality insufficient" for each face left as decided. */
static GPtrArray *
kept_lines (LkCase   *kase,
            gint64    cluster_id,
            gint64    person_id,
            GError  **error)
{
  g_autoptr(GArray) kept = lk_case_cluster_decided_faces (kase, cluster_id, person_id, error);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; kept != NULL && i < kept->len; i++)
    {
      gint64 face_id = g_array_index (kept, gint64, i);
      g_autoptr(LkCaseFace) face = lk_case_get_face (kase, face_id, error);
      g_autoptr(GPtrArray) current = face ? lk_case_list_decisions (kase, face_id, TRUE, error) : NULL;

      if (current == NULL)
        return NULL;
      for (guint j = 0; j < current->len; j++)
        {
          const LkDecision *d = g_ptr_array_index (current, j);
          g_autofree char *phrase = NULL;

          if (d->outcome != LK_OUTCOME_INSUFFICIENT_QUALITY && d->person_id != person_id)
            continue;
          phrase = lk_review_outcome_phrase (d->outcome, d->person_name);
          /* Translators: a face left as decided when its group is named: file, face id, decision. */
          g_ptr_array_add (lines, g_strdup_printf (_("%s, face %" PRId64 ": %s"),
                                                   face->file, face_id, phrase));
          break;
        }
    }
  return kept != NULL ? g_steal_pointer (&lines) : NULL;
}

static gpointer
name_preview_job (LkCase        *kase,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  NamePreview *in = data;
  NamePreview *preview = g_new0 (NamePreview, 1);
  g_autoptr(LkPerson) person = NULL;
  g_autoptr(GError) local = NULL;

  preview->cluster_id = in->cluster_id;
  preview->name = g_strdup (in->name);
  person = lk_case_find_person (kase, in->name, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      name_preview_free (preview);
      return NULL;
    }
  if (person != NULL && !person->retired)
    {
      preview->person_id = person->id;
      preview->person_name = g_strdup (person->display_name);
      preview->kept_existing = kept_lines (kase, in->cluster_id, person->id, error);
    }
  preview->kept_new = kept_lines (kase, in->cluster_id, 0, error);
  if (preview->kept_new == NULL || (preview->person_id != 0 && preview->kept_existing == NULL))
    {
      name_preview_free (preview);
      return NULL;
    }
  return preview;
}

/* Loading ------------------------------------------------------------------- */

static void
faces_loaded (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LkClusterView) self = user_data;
  g_autoptr(GError) error = NULL;
  ClusterFaces *cf = lk_session_run_finish (LK_SESSION (source), result, &error);
  g_autoptr(GPtrArray) probes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *title = NULL;

  job_finished (self);
  if (cf == NULL)
    {
      if (!is_cancelled (error))
        toast (self, error->message);
      return;
    }
  for (guint i = 0; i < cf->faces->len; i++)
    {
      LkCaseFace *face = g_ptr_array_index (cf->faces, i);
      LkReviewThumbnail *thumb = g_ptr_array_index (cf->thumbnails, i);
      LkReviewProbe *probe = lk_review_probe_new (face->id);

      probe->file = g_strdup (face->file);
      probe->status = face->status;
      if (thumb->rgb != NULL)
        {
          g_autoptr(GdkTexture) texture =
            gdk_memory_texture_new (thumb->width, thumb->height, GDK_MEMORY_R8G8B8,
                                    thumb->rgb, (gsize) thumb->width * 3);

          lk_review_probe_set_thumbnail (probe, texture);
        }
      g_ptr_array_add (probes, probe);
    }
  g_list_store_splice (self->faces, 0, g_list_model_get_n_items (G_LIST_MODEL (self->faces)),
                       probes->pdata, probes->len);
  /* Translators: the title of a group of unknown faces, e.g. "Group 3 · 5 faces" */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Group %s · %u face", "Group %s · %u faces",
                                        probes->len),
                           gtk_string_list_get_string (self->cluster_names,
                                                       gtk_single_selection_get_selected (self->cluster_selection)),
                           probes->len);
  gtk_label_set_text (self->cluster_title, title);
  cluster_faces_free (cf);
  update_actions (self);
}

static void
load_faces (LkClusterView *self)
{
  guint position = gtk_single_selection_get_selected (self->cluster_selection);

  if (position == GTK_INVALID_LIST_POSITION || session_of (self) == NULL)
    {
      self->cluster_id = 0;
      g_list_store_remove_all (self->faces);
      update_actions (self);
      return;
    }
  self->cluster_id = g_array_index (self->cluster_ids, gint64, position);
  job_started (self);
  lk_session_run (session_of (self), load_faces_job, g_memdup2 (&self->cluster_id, sizeof (gint64)), g_free,
                  (GDestroyNotify) cluster_faces_free, cancellable_of (self), faces_loaded, g_object_ref (self));
}

static void
clusters_loaded (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LkClusterView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clusters = lk_session_run_finish (LK_SESSION (source), result, &error);
  gint64 keep = self->want_cluster_id ? self->want_cluster_id : self->cluster_id;
  guint position = clusters && clusters->len > 0 ? 0 : GTK_INVALID_LIST_POSITION;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  job_finished (self);
  if (clusters == NULL)
    {
      if (!is_cancelled (error))
        toast (self, error->message);
      return;
    }
  g_array_set_size (self->cluster_ids, 0);
  for (guint i = 0; i < clusters->len; i++)
    {
      LkCluster *cluster = g_ptr_array_index (clusters, i);
      g_autofree char *name = g_strdup_printf ("%" PRId64, cluster->id);

      g_array_append_val (self->cluster_ids, cluster->id);
      g_strv_builder_add (names, name);
      if (cluster->id == keep)
        position = i;
    }
  strv = g_strv_builder_end (names);
  gtk_string_list_splice (self->cluster_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->cluster_names)),
                          (const char * const *) strv);
  self->want_cluster_id = 0;
  gtk_stack_set_visible_child_name (self->main_stack, clusters->len > 0 ? "clusters" : "empty");
  gtk_single_selection_set_selected (self->cluster_selection, position);
  load_faces (self);
}

static void
load_clusters (LkClusterView *self)
{
  if (session_of (self) == NULL)
    return;
  job_started (self);
  lk_session_run (session_of (self), list_clusters_job, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                  cancellable_of (self), clusters_loaded, g_object_ref (self));
}

static void
lk_cluster_view_reload (LkSection *section,
                        LkChange   what)
{
  LkClusterView *self = LK_CLUSTER_VIEW (section);

  if (what & LK_CHANGE_CASE)
    {
      lk_person_completion_set_session (g_object_get_data (G_OBJECT (self->name_entry), "lk-person-completion"),
                                        lk_section_get_session (section));
      self->cluster_id = 0;
      g_list_store_remove_all (self->faces);
      gtk_stack_set_visible_child_name (self->main_stack, "empty");
    }
  /* New audit entries, photos without matches and a verification change
   * nothing the groups show. */
  if (what & ~(LK_CHANGE_AUDIT | LK_CHANGE_PHOTOS | LK_CHANGE_VERIFY))
    load_clusters (self);
}

/* Actions ------------------------------------------------------------------- */

static char *
entry_text (GtkEntry *entry)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
}

static void
update_actions (LkClusterView *self)
{
  g_autofree char *name = entry_text (self->name_entry);
  g_autofree char *rationale = entry_text (self->rationale_entry);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->face_selection));
  guint n_faces = g_list_model_get_n_items (G_LIST_MODEL (self->faces));
  guint n_selected = (guint) gtk_bitset_get_size (selected);
  gboolean ready = session_of (self) != NULL && !lk_session_is_read_only (session_of (self)) &&
                   self->cluster_id != 0 && self->n_pending == 0;
  const char *hint;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cluster.name", ready && *name && *rationale);
  /* Splitting out every face would empty the group: name it or leave it instead. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cluster.split",
                                 ready && n_selected > 0 && n_selected < n_faces);
  if (!ready)
    hint = "";
  else if (!*name || !*rationale)
    hint = _("Write the person's name and a rationale to create the person (Alt+N focuses the name).");
  else
    hint = _("Creating the person records an identification, with this rationale, for every face shown.");
  gtk_label_set_text (self->hint_label, hint);
}

static void
changed_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LkClusterView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *value = lk_session_run_finish (LK_SESSION (source), result, &error);

  job_finished (self);
  if (value == NULL)
    {
      if (!is_cancelled (error))
        toast (self, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->rationale_entry), "");
  if (session_of (self) != NULL)
    {
      lk_session_notify_changed (session_of (self), LK_CHANGE_PERSONS | LK_CHANGE_DECISIONS);
    }
}

static void
run_change (LkClusterView *self,
            ClusterChange *change)
{
  change->analyst = g_strdup (lk_session_get_analyst (session_of (self)));
  change->cluster_id = self->cluster_id;
  job_started (self);
  lk_session_run (session_of (self), change_job, change, (GDestroyNotify) cluster_change_free, g_free,
                  cancellable_of (self), changed_done, g_object_ref (self));
}

static void
start_naming (LkClusterView *self,
              const char    *name,
              gint64         person_id)
{
  ClusterChange *change = g_new0 (ClusterChange, 1);

  change->name = g_strdup (name);
  change->person_id = person_id;
  change->rationale = entry_text (self->rationale_entry);
  run_change (self, change);
}

static void
name_response (AdwMessageDialog *dialog,
               const char       *response,
               LkClusterView    *self)
{
  NamePreview *preview = g_object_get_data (G_OBJECT (dialog), "lk-preview");

  self->name_dialog = NULL;
  /* The group shown may have changed under the dialog: name only the one it asked about. */
  if (session_of (self) == NULL || preview->cluster_id != self->cluster_id)
    return;
  if (g_str_equal (response, "identify"))
    start_naming (self, preview->name, preview->person_id);
  else if (g_str_equal (response, "second") || g_str_equal (response, "create"))
    start_naming (self, preview->name, 0);
}

static char *
kept_text (GPtrArray *lines)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (lines == NULL || lines->len == 0)
    return g_strdup ("");
  g_string_append (text, _("\n\nThese faces keep their own decision and are not identified:"));
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (text, "\n• %s", (const char *) g_ptr_array_index (lines, i));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Builds only the dialog named id from ui/lk-name-group-dialog.ui: the
 * responses differ between a name in the gallery and a new one. */
static AdwMessageDialog *
name_dialog_new (LkClusterView *self,
                 const char    *id)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new ();
  g_autoptr(GError) error = NULL;
  const char *ids[] = { id, NULL };
  AdwMessageDialog *dialog;

  /* The resource is part of the program: failing to load it is a bug. */
  if (!gtk_builder_add_objects_from_resource (builder, "/org/likeness/Likeness/lk-name-group-dialog.ui",
                                              ids, &error))
    g_error ("lk-name-group-dialog.ui: %s", error->message);
  dialog = ADW_MESSAGE_DIALOG (gtk_builder_get_object (builder, id));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  return dialog;
}

/* A name already in the gallery is offered as that person, never made a
 * silent duplicate; faces with their own decision are listed, since naming
 * leaves them as they are. */
static void
ask_before_naming (LkClusterView *self,
                   NamePreview   *preview)
{
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *kept = NULL;

  if (preview->person_id != 0)
    {
      kept = kept_text (preview->kept_existing);
      /* Translators: %s is a person's name. */
      heading = g_strdup_printf (_("%s Already Exists"), preview->person_name);
      body = g_strdup_printf (_("“%s” is already a person in this case. Identify the faces of this group "
                                "as %s, or create a second person with the same name?%s"),
                              preview->person_name, preview->person_name, kept);
    }
  else
    {
      kept = kept_text (preview->kept_new);
      heading = g_strdup_printf (_("Create %s?"), preview->name);
      body = g_strdup_printf (_("A new person is created and the faces of this group are identified "
                                "as %s.%s"), preview->name, kept);
    }
  dialog = name_dialog_new (self, preview->person_id != 0 ? "existing_dialog" : "new_dialog");
  adw_message_dialog_set_heading (dialog, heading);
  adw_message_dialog_set_body (dialog, body);
  if (preview->person_id != 0)
    {
      g_autofree char *identify = g_strdup_printf (_("_Identify as %s"), preview->person_name);

      adw_message_dialog_set_response_label (dialog, "identify", identify);
    }
  g_object_set_data_full (G_OBJECT (dialog), "lk-preview", preview, (GDestroyNotify) name_preview_free);
  g_signal_connect (dialog, "response", G_CALLBACK (name_response), self);
  self->name_dialog = GTK_WINDOW (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
name_previewed (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LkClusterView) self = user_data;
  g_autoptr(GError) error = NULL;
  NamePreview *preview = lk_session_run_finish (LK_SESSION (source), result, &error);

  job_finished (self);
  if (preview == NULL)
    {
      if (!is_cancelled (error))
        toast (self, error->message);
      return;
    }
  if (preview->cluster_id != self->cluster_id)
    {
      name_preview_free (preview);
      return;
    }
  if (preview->person_id == 0 && preview->kept_new->len == 0)
    {
      /* Nothing to choose and nothing left out: name it as asked. */
      start_naming (self, preview->name, 0);
      name_preview_free (preview);
      return;
    }
  ask_before_naming (self, preview);
}

static void
name_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LkClusterView *self = LK_CLUSTER_VIEW (widget);
  NamePreview *in;

  if (self->name_dialog != NULL)
    return;
  in = g_new0 (NamePreview, 1);
  in->cluster_id = self->cluster_id;
  in->name = entry_text (self->name_entry);
  job_started (self);
  lk_session_run (session_of (self), name_preview_job, in, (GDestroyNotify) name_preview_free,
                  (GDestroyNotify) name_preview_free, cancellable_of (self), name_previewed, g_object_ref (self));
}

static void
split_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  LkClusterView *self = LK_CLUSTER_VIEW (widget);
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->face_selection));
  ClusterChange *change = g_new0 (ClusterChange, 1);
  g_autofree char *reason = entry_text (self->rationale_entry);
  GtkBitsetIter iter;
  guint position;

  change->split_faces = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position); ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(LkReviewProbe) probe = g_list_model_get_item (G_LIST_MODEL (self->faces), position);

      g_array_append_val (change->split_faces, probe->face_id);
    }
  change->rationale = *reason ? g_steal_pointer (&reason) : NULL;
  self->want_cluster_id = self->cluster_id;
  run_change (self, change);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LkClusterView *self = LK_CLUSTER_VIEW (widget);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->cluster_selection));
  guint current = gtk_single_selection_get_selected (self->cluster_selection);
  int delta = g_str_equal (action_name, "cluster.next") ? 1 : -1;

  if (n == 0)
    return;
  if (current == GTK_INVALID_LIST_POSITION)
    current = 0;
  else if ((delta > 0 && current + 1 < n) || (delta < 0 && current > 0))
    current += delta;
  gtk_single_selection_set_selected (self->cluster_selection, current);
}

static void
focus_name_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (LK_CLUSTER_VIEW (widget)->name_entry));
}

/* Grid ---------------------------------------------------------------------- */

static void
face_setup (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *picture = gtk_picture_new ();
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *file = gtk_label_new (NULL);

  gtk_widget_set_size_request (picture, 180, 180);
  gtk_widget_set_overflow (picture, GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (picture, "lk-thumb");
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (file, "caption");
  gtk_widget_add_css_class (file, "dim-label");
  gtk_label_set_ellipsize (GTK_LABEL (file), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_max_width_chars (GTK_LABEL (file), 16);
  gtk_box_append (GTK_BOX (box), picture);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), file);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_list_item_set_child (item, box);
}

static void
face_bind (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  LkReviewProbe *probe = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *picture = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_next_sibling (picture);
  GtkWidget *file = gtk_widget_get_next_sibling (label);
  g_autofree char *number = g_strdup_printf ("%" PRId64, probe->face_id);
  g_autofree char *title = g_strdup_printf (_("Face %s"), number);
  g_autofree char *accessible = g_strdup_printf (_("Face %s from %s"), number, probe->file);

  gtk_picture_set_paintable (GTK_PICTURE (picture), GDK_PAINTABLE (probe->thumbnail));
  gtk_label_set_text (GTK_LABEL (label), title);
  gtk_label_set_text (GTK_LABEL (file), probe->file);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  lk_a11y_describe_cell (box, accessible, NULL);
}

static void
cluster_setup (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_list_item_set_child (item, label);
}

static void
cluster_bind (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkStringObject *name = gtk_list_item_get_item (item);
  /* Translators: a group of unknown faces in the side list, %s is its number */
  g_autofree char *text = g_strdup_printf (_("Group %s"), gtk_string_object_get_string (name));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
  lk_a11y_describe_cell (gtk_list_item_get_child (item), text, NULL);
}

/* GObject ------------------------------------------------------------------- */

static void
lk_cluster_view_dispose (GObject *object)
{
  LkClusterView *self = LK_CLUSTER_VIEW (object);
  if (self->name_dialog != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->name_dialog, self);
      gtk_window_destroy (g_steal_pointer (&self->name_dialog));
    }
  /* Nothing may load into the models freed below. */
  g_cancellable_cancel (cancellable_of (self));
  gtk_widget_dispose_template (GTK_WIDGET (self), LK_TYPE_CLUSTER_VIEW);
  g_clear_object (&self->cluster_selection);
  g_clear_object (&self->face_selection);
  g_clear_object (&self->cluster_names);
  g_clear_object (&self->faces);
  g_clear_pointer (&self->cluster_ids, g_array_unref);

  G_OBJECT_CLASS (lk_cluster_view_parent_class)->dispose (object);
}

static void
lk_cluster_view_class_init (LkClusterViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_cluster_view_dispose;
  LK_SECTION_CLASS (klass)->reload = lk_cluster_view_reload;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/likeness/Likeness/lk-cluster-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LkClusterView, main_stack);
  gtk_widget_class_bind_template_child (widget_class, LkClusterView, cluster_list);
  gtk_widget_class_bind_template_child (widget_class, LkClusterView, face_grid);
  gtk_widget_class_bind_template_child (widget_class, LkClusterView, cluster_title);
  gtk_widget_class_bind_template_child (widget_class, LkClusterView, name_entry);
  gtk_widget_class_bind_template_child (widget_class, LkClusterView, rationale_entry);
  gtk_widget_class_bind_template_child (widget_class, LkClusterView, hint_label);

  gtk_widget_class_install_action (widget_class, "cluster.name", NULL, name_action);
  gtk_widget_class_install_action (widget_class, "cluster.split", NULL, split_action);
  gtk_widget_class_install_action (widget_class, "cluster.next", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "cluster.previous", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "cluster.focus-name", NULL, focus_name_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_ALT_MASK, "cluster.name", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_ALT_MASK, "cluster.split", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "cluster.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "cluster.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_ALT_MASK, "cluster.focus-name", NULL);

  gtk_widget_class_set_css_name (widget_class, "lkclusterview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
lk_cluster_view_init (LkClusterView *self)
{
  g_autoptr(GtkListItemFactory) face_factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) cluster_factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cluster_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cluster_names = gtk_string_list_new (NULL);
  self->cluster_selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->cluster_names)));
  gtk_single_selection_set_autoselect (self->cluster_selection, FALSE);
  g_signal_connect_swapped (self->cluster_selection, "notify::selected", G_CALLBACK (load_faces), self);
  g_signal_connect (cluster_factory, "setup", G_CALLBACK (cluster_setup), NULL);
  g_signal_connect (cluster_factory, "bind", G_CALLBACK (cluster_bind), NULL);
  gtk_list_view_set_factory (self->cluster_list, cluster_factory);
  gtk_list_view_set_model (self->cluster_list, GTK_SELECTION_MODEL (self->cluster_selection));

  self->faces = g_list_store_new (LK_TYPE_REVIEW_PROBE);
  self->face_selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (self->faces)));
  g_signal_connect_swapped (self->face_selection, "selection-changed", G_CALLBACK (update_actions), self);
  g_signal_connect (face_factory, "setup", G_CALLBACK (face_setup), NULL);
  g_signal_connect (face_factory, "bind", G_CALLBACK (face_bind), NULL);
  gtk_grid_view_set_factory (self->face_grid, face_factory);
  gtk_grid_view_set_model (self->face_grid, GTK_SELECTION_MODEL (self->face_selection));

  g_signal_connect_swapped (self->name_entry, "changed", G_CALLBACK (update_actions), self);
  g_signal_connect_swapped (self->rationale_entry, "changed", G_CALLBACK (update_actions), self);
  /* A group may show someone already in the case: offer the names. */
  lk_person_completion_attach (self->name_entry);
  update_actions (self);
}

/* Public -------------------------------------------------------------------- */

GtkWidget *
lk_cluster_view_new (void)
{
  return g_object_new (LK_TYPE_CLUSTER_VIEW, NULL);
}

gint64
lk_cluster_view_get_current_cluster (LkClusterView *self)
{
  g_return_val_if_fail (LK_IS_CLUSTER_VIEW (self), 0);
  return self->cluster_id;
}

guint
lk_cluster_view_get_n_faces (LkClusterView *self)
{
  g_return_val_if_fail (LK_IS_CLUSTER_VIEW (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->faces));
}

void
lk_cluster_view_select_faces (LkClusterView *self,
                              const guint   *positions,
                              guint          n_positions)
{
  g_autoptr(GtkBitset) selected = gtk_bitset_new_empty ();
  g_autoptr(GtkBitset) mask = NULL;

  g_return_if_fail (LK_IS_CLUSTER_VIEW (self));
  for (guint i = 0; i < n_positions; i++)
    gtk_bitset_add (selected, positions[i]);
  mask = gtk_bitset_new_range (0, g_list_model_get_n_items (G_LIST_MODEL (self->faces)));
  gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->face_selection), selected, mask);
}

void
lk_cluster_view_set_name (LkClusterView *self,
                          const char    *name,
                          const char    *rationale)
{
  g_return_if_fail (LK_IS_CLUSTER_VIEW (self));
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), name ? name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->rationale_entry), rationale ? rationale : "");
}

gboolean
lk_cluster_view_get_busy (LkClusterView *self)
{
  g_return_val_if_fail (LK_IS_CLUSTER_VIEW (self), FALSE);
  return self->n_pending > 0;
}

GtkWindow *
lk_cluster_view_get_name_dialog (LkClusterView *self)
{
  g_return_val_if_fail (LK_IS_CLUSTER_VIEW (self), NULL);
  return self->name_dialog;
}
