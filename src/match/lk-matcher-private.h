/* lk-matcher-private.h — shared by lk-matcher*.c only. */
#pragma once

#include "case/lk-case-match.h"
#include "lk-evidence.h"
#include "lk-gallery.h"
#include "lk-matcher.h"

G_BEGIN_DECLS

#define LK_MATCHER_DIM 128

/* Everything one refresh reads from the case, loaded once. */
typedef struct {
  LkCase              *kase;
  LkMatchSettings      settings;     /* defaults filled in */
  LkMatchProgressFunc  progress;
  gpointer             user_data;
  GCancellable        *cancellable;

  GPtrArray       *faces;            /* LkCaseFace, every face */
  GHashTable      *face_by_id;       /* id → LkCaseFace* */
  GHashTable      *collage;          /* set of collage photo ids */
  char            *model_id;
  LkDescriptorSet *refs;             /* reference links of the model */
  LkDescriptorSet *probes;           /* probe faces of the model */
  guint           *ref_order;        /* gallery row → row of refs */
  LkGallery       *gallery;          /* groups = persons */
  GArray          *group_person;     /* gallery group → person id */
  GHashTable      *person_rows;      /* person id → GArray of gallery rows */
  LkImpostorModel *impostor;
  GPtrArray       *decisions;        /* current LkDecision */
  GHashTable      *decided;          /* face id → (person id → LkDecision*) */
} LkMatchContext;

LkMatchContext *lk_match_context_load  (LkCase *kase, const LkMatchSettings *settings, GError **error);
void            lk_match_context_free  (LkMatchContext *c);
const float    *lk_match_context_ref_descriptor (LkMatchContext *c, guint row);
gint64          lk_match_context_ref_face       (LkMatchContext *c, guint row);

/* lk-matcher-lists.c */
LkImpostorModel *lk_match_build_impostor (LkMatchContext *c);
/* Full lists for the probes (rows of c->probes), into lists (face id → GArray of LkCandidateRow). */
gboolean        lk_match_search_probes (LkMatchContext *c, const guint *probe_rows, guint n,
                                        GHashTable *lists, GError **error);
/* A stored list updated with the reference rows added since (exact). */
GArray         *lk_match_merge_list    (LkMatchContext *c, guint probe_row, GArray *stored,
                                        const guint *added_rows, guint n_added);
gboolean        lk_match_cluster       (LkMatchContext *c, GArray *split_pairs, GPtrArray **clusters_out,
                                        GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LkMatchContext, lk_match_context_free)

G_END_DECLS
