/* lk-conflict-row.c — one conflict in Verification, with its resolution field
 *
 * Copyright 2026 The Likeness authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The layout is in ui/lk-conflict-row.ui.  The row knows which conflict it
 * shows and what was typed; resolving is the view's job (a session job), so
 * the row only says "resolve" with the text.
 */
#define G_LOG_DOMAIN "lk-conflict-row"

#include "lk-config.h"

#include "lk-conflict-row.h"

struct _LkConflictRow
{
  GtkListBoxRow  parent_instance;

  gint64         item_id;
  GtkLabel      *title_label;
  GtkLabel      *examiner_label;
  GtkLabel      *verifier_label;
  GtkEditable   *resolution_entry;
};

G_DEFINE_FINAL_TYPE (LkConflictRow, lk_conflict_row, GTK_TYPE_LIST_BOX_ROW)

enum { SIGNAL_RESOLVE, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
resolve_cb (LkConflictRow *self)
{
  g_autofree char *resolution = g_strstrip (g_strdup (gtk_editable_get_text (self->resolution_entry)));

  g_signal_emit (self, signals[SIGNAL_RESOLVE], 0, resolution);
}

static void
lk_conflict_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LK_TYPE_CONFLICT_ROW);
  G_OBJECT_CLASS (lk_conflict_row_parent_class)->dispose (object);
}

static void
lk_conflict_row_class_init (LkConflictRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lk_conflict_row_dispose;
  /* The resolution as typed, without surrounding blanks (the store refuses an empty one). */
  signals[SIGNAL_RESOLVE] = g_signal_new ("resolve", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                          NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/likeness/Likeness/lk-conflict-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LkConflictRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, LkConflictRow, examiner_label);
  gtk_widget_class_bind_template_child (widget_class, LkConflictRow, verifier_label);
  gtk_widget_class_bind_template_child (widget_class, LkConflictRow, resolution_entry);
  gtk_widget_class_bind_template_callback (widget_class, resolve_cb);
}

static void
lk_conflict_row_init (LkConflictRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
lk_conflict_row_new (gint64      item_id,
                     const char *person_name)
{
  LkConflictRow *self = g_object_new (LK_TYPE_CONFLICT_ROW, NULL);

  self->item_id = item_id;
  gtk_label_set_text (self->title_label, person_name != NULL ? person_name : "");
  return GTK_WIDGET (self);
}

gint64
lk_conflict_row_get_item_id (LkConflictRow *self)
{
  g_return_val_if_fail (LK_IS_CONFLICT_ROW (self), 0);
  return self->item_id;
}

GtkLabel *
lk_conflict_row_get_examiner_label (LkConflictRow *self)
{
  g_return_val_if_fail (LK_IS_CONFLICT_ROW (self), NULL);
  return self->examiner_label;
}

GtkLabel *
lk_conflict_row_get_verifier_label (LkConflictRow *self)
{
  g_return_val_if_fail (LK_IS_CONFLICT_ROW (self), NULL);
  return self->verifier_label;
}
