/* lk-welcome.h — the first view: new case, open case, recent cases */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LK_TYPE_WELCOME (lk_welcome_get_type ())
G_DECLARE_FINAL_TYPE (LkWelcome, lk_welcome, LK, WELCOME, AdwBin)

/* Shows these case folders (most recent first); each row activates win.open-path. */
void lk_welcome_set_recent (LkWelcome *self, const char * const *paths);

G_END_DECLS
