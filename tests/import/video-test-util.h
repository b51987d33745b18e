/* Video clips for the tests, written with OpenCV's cv::VideoWriter
 * (video-test-util.cpp) from frames the C tests compose. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Fills `rgb` (packed rows, width × 3 bytes) with frame number `index`. */
typedef void (*VtuFrameFunc) (guint index, guint8 *rgb, int width, int height, gpointer user_data);

/* Writes n_frames frames at fps into path with the codec `fourcc` ("MJPG",
 * "mp4v"…); FALSE when this OpenCV cannot write that codec or container. */
gboolean vtu_write_clip (const char *path, const char *fourcc, double fps, int width, int height,
                         guint n_frames, VtuFrameFunc func, gpointer user_data);

G_END_DECLS
