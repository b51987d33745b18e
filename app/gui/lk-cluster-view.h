/* lk-cluster-view.h — groups of unknown faces: look, split out, name
 *
 * Copyright 2026 The Likeness authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lk-section.h"

G_BEGIN_DECLS

#define LK_TYPE_CLUSTER_VIEW (lk_cluster_view_get_type ())
G_DECLARE_FINAL_TYPE (LkClusterView, lk_cluster_view, LK, CLUSTER_VIEW, LkSection)

GtkWidget *lk_cluster_view_new                (void);
/* The group on screen, 0 when none; and how many faces it shows. */
gint64     lk_cluster_view_get_current_cluster (LkClusterView *self);
guint      lk_cluster_view_get_n_faces        (LkClusterView *self);
/* Selects the faces at these grid positions (for "Split Out Selected"). */
void       lk_cluster_view_select_faces       (LkClusterView *self,
                                               const guint   *positions,
                                               guint          n_positions);
void       lk_cluster_view_set_name           (LkClusterView *self,
                                               const char    *name,
                                               const char    *rationale);
/* The dialog asking before a group is named, while it is open. */
GtkWindow *lk_cluster_view_get_name_dialog    (LkClusterView *self);
gboolean   lk_cluster_view_get_busy           (LkClusterView *self);

G_END_DECLS
