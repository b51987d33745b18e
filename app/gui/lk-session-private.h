/* lk-session-private.h — what the typed operations (lk-session-ops.c) use */
#pragma once

#include "lk-session.h"

G_BEGIN_DECLS

void _lk_session_run_int    (LkSession *self, LkSessionIntJob job, gpointer data, GDestroyNotify data_free,
                             gpointer source_tag, GCancellable *cancellable,
                             GAsyncReadyCallback callback, gpointer user_data);
void _lk_session_run_tagged (LkSession *self, LkSessionJob job, gpointer data, GDestroyNotify data_free,
                             GDestroyNotify result_free, gpointer source_tag, GCancellable *cancellable,
                             GAsyncReadyCallback callback, gpointer user_data);

G_END_DECLS
