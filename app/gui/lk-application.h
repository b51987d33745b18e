/* lk-application.h — the Likeness workstation application */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LK_TYPE_APPLICATION (lk_application_get_type ())
G_DECLARE_FINAL_TYPE (LkApplication, lk_application, LK, APPLICATION, AdwApplication)

LkApplication *lk_application_new          (GApplicationFlags flags);
GSettings     *lk_application_get_settings (LkApplication *self);
/* Remembers a case folder at the top of the recent list. */
void           lk_application_add_recent   (LkApplication *self, const char *path);
/* The analyst's name: GSettings, or the one given in this process when the
 * settings could not be written (no session bus). */
char          *lk_application_dup_analyst  (LkApplication *self);
void           lk_application_set_analyst  (LkApplication *self, const char *name);

G_END_DECLS
