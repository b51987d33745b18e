/* lk-feature-checklist.h — the FISWG feature comparison as a form: one row
 * per facial component with an assessment and a note */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LK_TYPE_FEATURE_CHECKLIST (lk_feature_checklist_get_type ())
G_DECLARE_FINAL_TYPE (LkFeatureChecklist, lk_feature_checklist, LK, FEATURE_CHECKLIST, AdwBin)

LkFeatureChecklist *lk_feature_checklist_new            (void);
/* The comparison in canonical JSON (lk_features_to_json), marks kept from
 * the last lk_feature_checklist_set_json(). */
char               *lk_feature_checklist_to_json        (LkFeatureChecklist *self);
/* Shows a comparison; NULL or "" clears the form.  FALSE with the parser's
 * error (and the form unchanged) for JSON lk_features_parse refuses. */
gboolean            lk_feature_checklist_set_json       (LkFeatureChecklist *self,
                                                         const char         *json,
                                                         GError            **error);
guint               lk_feature_checklist_count_assessed (LkFeatureChecklist *self);
/* Adds a point mark at (x, y), chip coordinates from 0 to 1, on both chips
 * (they are aligned); numbered after the others.  FALSE at the limit. */
gboolean            lk_feature_checklist_add_mark       (LkFeatureChecklist *self,
                                                         const char         *label,
                                                         double              x,
                                                         double              y);
/* Of LkFeatureMark; owned by the checklist, valid until it next changes. */
GPtrArray          *lk_feature_checklist_get_marks      (LkFeatureChecklist *self);

G_END_DECLS
