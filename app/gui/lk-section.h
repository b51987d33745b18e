/* lk-section.h — what every section of a case view shares
 *
 * A section (Photos, Faces, People, Review, Unknown groups, Audit,
 * Verification) shows one open case through its LkSession.  The base class
 * holds the session, one GCancellable for the section's loads and the one
 * "case-changed" handler; a subclass only says how it reloads.
 */
#pragma once

#include <gtk/gtk.h>

#include "lk-session.h"

G_BEGIN_DECLS

#define LK_TYPE_SECTION (lk_section_get_type ())
G_DECLARE_DERIVABLE_TYPE (LkSection, lk_section, LK, SECTION, GtkWidget)

struct _LkSectionClass
{
  GtkWidgetClass parent_class;

  /* Called on the main thread with what changed.  LK_CHANGE_CASE (with every
   * other bit) means the section now shows another case, or none when
   * lk_section_get_session() is NULL: it drops what it shows and loads anew.
   * Loads use lk_section_get_cancellable(), so a load of a case the section
   * no longer shows never lands. */
  void (*reload) (LkSection *self,
                  LkChange   what);

  gpointer padding[8];
};

LkSession    *lk_section_get_session     (LkSection *self);
/* Does nothing when given the session it has, so showing a section again
 * does not reload it. */
void          lk_section_set_session     (LkSection *self,
                                          LkSession *session);
/* Cancelled and replaced whenever the session changes, and on dispose. */
GCancellable *lk_section_get_cancellable (LkSection *self);
/* Cancels every load still running and returns the new cancellable: for a
 * section whose next listing makes the running one useless. */
GCancellable *lk_section_restart_loads   (LkSection *self);
/* The section's one child, laid out to fill it (for sections built in C). */
void          lk_section_set_child       (LkSection *self,
                                          GtkWidget *child);

G_END_DECLS
