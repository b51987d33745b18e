/* lk-preferences-window.h — analyst name, matching and detection settings */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LK_TYPE_PREFERENCES_WINDOW (lk_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (LkPreferencesWindow, lk_preferences_window, LK, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

LkPreferencesWindow *lk_preferences_window_new (GSettings *settings);

G_END_DECLS
