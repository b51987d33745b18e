/* test-review-geometry.c — the Review canvas maths and the canvas widget itself
 *
 * Copyright 2026 The Likeness authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-review-geometry"

#include <gtk/gtk.h>
#include <math.h>
#include <string.h>

#include "lk-review-canvas.h"
#include "lk-review-decision-bar.h"
#include "lk-review-geometry.h"

#define EPS 1e-6

static const graphene_rect_t chip = GRAPHENE_RECT_INIT (0, 0, 150, 150);

static void
test_fit_and_round_trip (void)
{
  LkViewport vp = LK_VIEWPORT_INIT;
  graphene_point_t centre = GRAPHENE_POINT_INIT (75, 75), w, back;
  graphene_point_t corner = GRAPHENE_POINT_INIT (0, 0);

  /* Zoom 1 fits the focus: a 150-pixel chip in 300×200 is scaled by 200/150. */
  g_assert_cmpfloat_with_epsilon (lk_viewport_scale (&vp, &chip, 300, 200), 200.0 / 150.0, EPS);
  lk_viewport_image_to_widget (&vp, &chip, 300, 200, &centre, &w);
  g_assert_cmpfloat_with_epsilon (w.x, 150, EPS);
  g_assert_cmpfloat_with_epsilon (w.y, 100, EPS);
  lk_viewport_image_to_widget (&vp, &chip, 300, 200, &corner, &w);
  g_assert_cmpfloat_with_epsilon (w.x, 50, EPS);
  g_assert_cmpfloat_with_epsilon (w.y, 0, EPS);

  vp = (LkViewport) { 3.0, 0.2, -0.1 };
  lk_viewport_image_to_widget (&vp, &chip, 300, 200, &corner, &w);
  lk_viewport_widget_to_image (&vp, &chip, 300, 200, &w, &back);
  g_assert_cmpfloat_with_epsilon (back.x, 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (back.y, 0, 1e-9);
}

static void
test_zoom_keeps_point (void)
{
  LkViewport vp = LK_VIEWPORT_INIT;
  graphene_point_t at = GRAPHENE_POINT_INIT (90, 60), before, after;

  lk_viewport_widget_to_image (&vp, &chip, 300, 300, &at, &before);
  lk_viewport_zoom_at (&vp, &chip, 300, 300, 2.0, &at);
  g_assert_cmpfloat_with_epsilon (vp.zoom, 2.0, EPS);
  lk_viewport_widget_to_image (&vp, &chip, 300, 300, &at, &after);
  g_assert_cmpfloat_with_epsilon (before.x, after.x, 1e-9);
  g_assert_cmpfloat_with_epsilon (before.y, after.y, 1e-9);

  /* Limits: far beyond the maximum stops at it, and below the minimum too. */
  lk_viewport_zoom_at (&vp, &chip, 300, 300, 1000, NULL);
  g_assert_cmpfloat (vp.zoom, ==, LK_VIEWPORT_ZOOM_MAX);
  lk_viewport_zoom_at (&vp, &chip, 300, 300, 1e-6, NULL);
  g_assert_cmpfloat (vp.zoom, ==, LK_VIEWPORT_ZOOM_MIN);
  /* Nonsense factors change nothing. */
  lk_viewport_zoom_at (&vp, &chip, 300, 300, NAN, NULL);
  lk_viewport_zoom_at (&vp, &chip, 300, 300, -2, NULL);
  g_assert_cmpfloat (vp.zoom, ==, LK_VIEWPORT_ZOOM_MIN);
}

static void
test_pan_follows_pointer (void)
{
  LkViewport vp = { 2.0, 0, 0 };
  graphene_point_t image = GRAPHENE_POINT_INIT (60, 70), before, after;

  lk_viewport_image_to_widget (&vp, &chip, 300, 300, &image, &before);
  lk_viewport_pan_by (&vp, &chip, 300, 300, 12, -7);
  lk_viewport_image_to_widget (&vp, &chip, 300, 300, &image, &after);
  g_assert_cmpfloat_with_epsilon (after.x - before.x, 12, 1e-9);
  g_assert_cmpfloat_with_epsilon (after.y - before.y, -7, 1e-9);

  /* The view centre cannot leave the focus rectangle. */
  lk_viewport_pan_by (&vp, &chip, 300, 300, -1e6, 1e6);
  g_assert_cmpfloat (vp.pan_x, ==, LK_VIEWPORT_PAN_LIMIT);
  g_assert_cmpfloat (vp.pan_y, ==, -LK_VIEWPORT_PAN_LIMIT);

  vp = (LkViewport) { NAN, INFINITY, -INFINITY };
  lk_viewport_clamp (&vp);
  g_assert_cmpfloat (vp.zoom, ==, 1.0);
  g_assert_cmpfloat (vp.pan_x, ==, 0.0);
  g_assert_cmpfloat (vp.pan_y, ==, 0.0);
}

/* One viewport, two images: a chip and a photo whose focus is the face. */
static void
test_shared_viewport (void)
{
  graphene_rect_t box = GRAPHENE_RECT_INIT (1000, 400, 200, 240), focus;
  LkViewport vp = { 2.5, 0.1, 0.1 };
  graphene_point_t chip_point = GRAPHENE_POINT_INIT (75 + 15, 75 + 15), photo_point, wc, wp;

  lk_review_context_focus (&box, 0.5, 4000, 3000, &focus);
  g_assert_cmpfloat_with_epsilon (focus.size.width, 480, EPS);
  g_assert_cmpfloat_with_epsilon (focus.origin.x + focus.size.width / 2, 1100, EPS);

  /* The point a tenth of the focus right and down from its centre is at the
   * widget centre in both canvases. */
  photo_point = GRAPHENE_POINT_INIT (1100 + 48, 520 + 48);
  lk_viewport_image_to_widget (&vp, &chip, 320, 320, &chip_point, &wc);
  lk_viewport_image_to_widget (&vp, &focus, 500, 400, &photo_point, &wp);
  g_assert_cmpfloat_with_epsilon (wc.x, 160, 1e-9);
  g_assert_cmpfloat_with_epsilon (wp.x, 250, 1e-9);
  g_assert_cmpfloat_with_epsilon (wp.y, 200, 1e-9);

  /* Near an edge the context stays inside the photo. */
  box = (graphene_rect_t) GRAPHENE_RECT_INIT (10, 20, 100, 100);
  lk_review_context_focus (&box, 1.0, 250, 4000, &focus);
  g_assert_cmpfloat (focus.origin.x, >=, 0);
  g_assert_cmpfloat (focus.origin.y, >=, 0);
  g_assert_cmpfloat (focus.origin.x + focus.size.width, <=, 250);
}

static void
test_similarity (void)
{
  double from[5][2] = { { 0, 0 }, { 10, 0 }, { 0, 5 }, { 7, 3 }, { -4, 9 } };
  double to[5][2];
  LkSimilarity truth = { 2 * cos (0.5), 2 * sin (0.5), 30, -12 }, fit, inverse;

  for (guint i = 0; i < 5; i++)
    lk_similarity_apply (&truth, from[i][0], from[i][1], &to[i][0], &to[i][1]);
  g_assert_true (lk_similarity_fit ((const double (*)[2]) from, (const double (*)[2]) to, 5, &fit));
  g_assert_cmpfloat_with_epsilon (fit.a, truth.a, 1e-9);
  g_assert_cmpfloat_with_epsilon (fit.b, truth.b, 1e-9);
  g_assert_cmpfloat_with_epsilon (fit.tx, truth.tx, 1e-9);
  g_assert_cmpfloat_with_epsilon (fit.ty, truth.ty, 1e-9);

  g_assert_true (lk_similarity_invert (&fit, &inverse));
  for (guint i = 0; i < 5; i++)
    {
      double x, y;

      lk_similarity_apply (&inverse, to[i][0], to[i][1], &x, &y);
      g_assert_cmpfloat_with_epsilon (x, from[i][0], 1e-9);
      g_assert_cmpfloat_with_epsilon (y, from[i][1], 1e-9);
    }

  /* Degenerate: every point the same. */
  for (guint i = 0; i < 5; i++)
    from[i][0] = from[i][1] = 3;
  g_assert_false (lk_similarity_fit ((const double (*)[2]) from, (const double (*)[2]) to, 5, &fit));
  g_assert_false (lk_similarity_fit ((const double (*)[2]) from, (const double (*)[2]) to, 1, &fit));
}

/* Landmarks placed on a chip, carried into a photo by a known similarity,
 * must come back to the same chip positions. */
static void
test_chip_landmarks (void)
{
  float chip_truth[68][2], photo[68][2], chip_out[68][2];
  LkSimilarity chip_to_photo = { 3.1 * cos (-0.3), 3.1 * sin (-0.3), 812, 455 };

  for (guint i = 0; i < 68; i++)
    {
      double x, y;

      /* Any points: the fit uses the dlib template only through the landmarks. */
      chip_truth[i][0] = 20 + (i * 37) % 110;
      chip_truth[i][1] = 25 + (i * 53) % 100;
      lk_similarity_apply (&chip_to_photo, chip_truth[i][0], chip_truth[i][1], &x, &y);
      photo[i][0] = x;
      photo[i][1] = y;
    }
  g_assert_true (lk_review_chip_landmarks ((const float (*)[2]) photo, 150, 0.25, chip_out));
  /* The result is the pre-image under the fitted transform: it must be a
   * similarity image of the truth (same shape), so distances keep their ratios. */
  {
    double d_truth = hypot (chip_truth[0][0] - chip_truth[67][0], chip_truth[0][1] - chip_truth[67][1]);
    double d_out = hypot (chip_out[0][0] - chip_out[67][0], chip_out[0][1] - chip_out[67][1]);
    double e_truth = hypot (chip_truth[5][0] - chip_truth[40][0], chip_truth[5][1] - chip_truth[40][1]);
    double e_out = hypot (chip_out[5][0] - chip_out[40][0], chip_out[5][1] - chip_out[40][1]);

    g_assert_cmpfloat_with_epsilon (d_out / e_out, d_truth / e_truth, 1e-3);
  }
}

/* Landmarks exactly where dlib's template puts them (carried into a photo by
 * a similarity) come back exactly onto the template; the jaw (0..16), which
 * dlib does not use for the fit, follows the same transform. */
static void
test_chip_landmarks_template (void)
{
  float photo[68][2], chip_out[68][2];
  LkSimilarity to_photo = { 0.8 * 2.4, 0.6 * 2.4, 500, 300 };
  double tx[68], ty[68];

  for (guint i = 0; i < 68; i++)
    {
      double x, y;

      if (!lk_review_chip_template (i, 150, 0.25, &tx[i], &ty[i]))
        tx[i] = 10 + i * 7, ty[i] = 120 - i;   /* the jaw: anywhere */
      lk_similarity_apply (&to_photo, tx[i], ty[i], &x, &y);
      photo[i][0] = x;
      photo[i][1] = y;
    }
  g_assert_false (lk_review_chip_template (16, 150, 0.25, &tx[0], &ty[0]));
  g_assert_true (lk_review_chip_landmarks ((const float (*)[2]) photo, 150, 0.25, chip_out));
  for (guint i = 0; i < 68; i++)
    {
      g_assert_cmpfloat_with_epsilon (chip_out[i][0], tx[i], 1e-3);
      g_assert_cmpfloat_with_epsilon (chip_out[i][1], ty[i], 1e-3);
    }
  /* The nose tip of the mean face sits near the middle of a padded chip. */
  g_assert_cmpfloat (fabs (chip_out[30][0] - 75), <, 2);
}

static void
test_tone (void)
{
  guint8 table[256];
  graphene_matrix_t m;
  graphene_vec4_t offset;
  guint8 pixels[2 * 4] = { 64, 128, 255, 255, 0, 10, 200, 128 };

  lk_review_gamma_table (1.0, table);
  for (guint i = 0; i < 256; i++)
    g_assert_cmpuint (table[i], ==, i);
  lk_review_gamma_table (2.0, table);
  g_assert_cmpuint (table[0], ==, 0);
  g_assert_cmpuint (table[255], ==, 255);
  g_assert_cmpuint (table[64], ==, 128); /* 255·√(64/255) = 127.7 */
  for (guint i = 1; i < 256; i++)
    g_assert_cmpuint (table[i], >=, table[i - 1]);

  lk_review_apply_gamma_table (pixels, 2, 1, 8, table);
  g_assert_cmpuint (pixels[0], ==, 128);
  g_assert_cmpuint (pixels[3], ==, 255); /* alpha untouched */
  g_assert_cmpuint (pixels[7], ==, 128);

  lk_review_tone_matrix (0, 1, &m, &offset);
  g_assert_true (graphene_matrix_is_identity (&m));
  g_assert_cmpfloat_with_epsilon (graphene_vec4_get_x (&offset), 0, EPS);
  lk_review_tone_matrix (0.1, 2, &m, &offset);
  g_assert_cmpfloat_with_epsilon (graphene_matrix_get_value (&m, 0, 0), 2, EPS);
  g_assert_cmpfloat_with_epsilon (graphene_matrix_get_value (&m, 3, 3), 1, EPS);
  g_assert_cmpfloat_with_epsilon (graphene_vec4_get_x (&offset), -0.4, 1e-6);
  g_assert_cmpfloat_with_epsilon (graphene_vec4_get_w (&offset), 0, EPS);
}

/* The widget ---------------------------------------------------------------- */

static GdkTexture *
solid_texture (int    size,
               guint8 value)
{
  g_autoptr(GBytes) bytes = NULL;
  guint8 *rgb = g_malloc ((gsize) size * size * 3);

  memset (rgb, value, (gsize) size * size * 3);
  bytes = g_bytes_new_take (rgb, (gsize) size * size * 3);
  return gdk_memory_texture_new (size, size, GDK_MEMORY_R8G8B8, bytes, size * 3);
}

static void
wait_for (gboolean (*done) (gpointer), gpointer data)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!done (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (done (data));
}

static gboolean
is_allocated (gpointer widget)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

/* Lets GTK lay out and draw a frame, so that the widget has something to show. */
static void
settle (void)
{
  gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 5;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
tone_ready (gpointer canvas)
{
  return lk_review_canvas_is_tone_ready (canvas);
}

/* The colour at the widget centre, as GSK renders the canvas. */
static guint32
centre_pixel (GtkWidget *widget)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  guint32 *pixels = g_new (guint32, (gsize) w * h);
  guint32 value;

  /* The canvas's own drawing, exactly as it hands it to GTK. */
  settle ();
  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  gdk_texture_download (texture, (guchar *) pixels, (gsize) w * 4);
  value = pixels[(h / 2) * w + w / 2];
  g_free (pixels);
  return value;
}

static void
test_canvas_widget (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  LkReviewCanvas *a = LK_REVIEW_CANVAS (lk_review_canvas_new ());
  LkReviewCanvas *b = LK_REVIEW_CANVAS (lk_review_canvas_new ());
  g_autoptr(GdkTexture) grey = solid_texture (150, 100);
  graphene_point_t p, w;
  guint32 plain, bright, gamma;

  gtk_widget_set_size_request (GTK_WIDGET (a), 300, 300);
  gtk_widget_set_size_request (GTK_WIDGET (b), 300, 300);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (a));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (b));
  gtk_window_set_child (GTK_WINDOW (window), box);
  lk_review_canvas_set_texture (a, grey);
  lk_review_canvas_set_texture (b, grey);
  g_object_bind_property (a, "zoom", b, "zoom", G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  gtk_window_present (GTK_WINDOW (window));
  wait_for (is_allocated, a);

  p = GRAPHENE_POINT_INIT (75, 75);
  lk_review_canvas_image_to_widget (a, &p, &w);
  g_assert_cmpfloat_with_epsilon (w.x, gtk_widget_get_width (GTK_WIDGET (a)) / 2.0, EPS);

  /* Synchronised zoom: the bound canvas follows, both ways. */
  lk_review_canvas_zoom_by (a, 2.0);
  g_assert_cmpfloat_with_epsilon (lk_review_canvas_get_zoom (b), 2.0, EPS);
  lk_review_canvas_reset_view (b);
  g_assert_cmpfloat_with_epsilon (lk_review_canvas_get_zoom (a), 1.0, EPS);

  /* Tone changes what is drawn, never the texture. */
  plain = centre_pixel (GTK_WIDGET (a));
  g_object_set (a, "brightness", 0.5, NULL);
  bright = centre_pixel (GTK_WIDGET (a));
  g_assert_cmpuint (bright & 0xff, >, plain & 0xff);
  g_object_set (a, "brightness", 0.0, "gamma", 2.0, NULL);
  wait_for (tone_ready, a);
  gamma = centre_pixel (GTK_WIDGET (a));
  g_assert_cmpuint (gamma & 0xff, >, plain & 0xff);
  g_assert_true (lk_review_canvas_get_texture (a) == grey);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

/* What the decision bar asks for, in order, and what it then allows. */
static void
test_decision_bar_states (void)
{
  LkReviewDecisionBar *bar = g_object_ref_sink (LK_REVIEW_DECISION_BAR (lk_review_decision_bar_new ()));
  g_autofree char *text = NULL;
  guint notified = 0;

  g_signal_connect (bar, "notify::state", G_CALLBACK (count_notify), &notified);
  g_assert_cmpint (lk_review_decision_bar_get_state (bar), ==, LK_REVIEW_DECISION_NO_PROBE);
  g_assert_false (lk_review_decision_bar_can_decide_candidate (bar));
  g_assert_false (lk_review_decision_bar_can_decide_quality (bar));

  lk_review_decision_bar_set_has_probe (bar, TRUE);
  g_assert_cmpint (lk_review_decision_bar_get_state (bar), ==, LK_REVIEW_DECISION_NO_RATIONALE);
  g_assert_nonnull (strstr (lk_review_decision_bar_get_hint (bar), "rationale"));
  lk_review_decision_bar_set_target (bar, "Alice Moreau, candidate 1");
  g_assert_cmpint (lk_review_decision_bar_get_state (bar), ==, LK_REVIEW_DECISION_NO_RATIONALE);

  /* White space is no rationale. */
  lk_review_decision_bar_set_rationale (bar, "  \t ");
  g_assert_cmpint (lk_review_decision_bar_get_state (bar), ==, LK_REVIEW_DECISION_NO_RATIONALE);
  g_assert_false (lk_review_decision_bar_can_decide_quality (bar));

  lk_review_decision_bar_set_rationale (bar, "  Scar above the left brow.  ");
  g_assert_cmpint (lk_review_decision_bar_get_state (bar), ==, LK_REVIEW_DECISION_READY);
  g_assert_true (lk_review_decision_bar_can_decide_candidate (bar));
  g_assert_true (lk_review_decision_bar_can_decide_quality (bar));
  text = lk_review_decision_bar_dup_rationale (bar);
  g_assert_cmpstr (text, ==, "Scar above the left brow.");

  /* Without a candidate only the verdict on the probe's quality remains. */
  lk_review_decision_bar_set_target (bar, NULL);
  g_assert_cmpint (lk_review_decision_bar_get_state (bar), ==, LK_REVIEW_DECISION_NO_CANDIDATE);
  g_assert_false (lk_review_decision_bar_can_decide_candidate (bar));
  g_assert_true (lk_review_decision_bar_can_decide_quality (bar));
  lk_review_decision_bar_set_target (bar, "Alice Moreau, candidate 1");

  lk_review_decision_bar_set_busy (bar, TRUE);
  g_assert_cmpint (lk_review_decision_bar_get_state (bar), ==, LK_REVIEW_DECISION_BUSY);
  g_assert_false (lk_review_decision_bar_can_decide_quality (bar));
  lk_review_decision_bar_set_busy (bar, FALSE);
  lk_review_decision_bar_set_read_only (bar, TRUE);
  g_assert_cmpint (lk_review_decision_bar_get_state (bar), ==, LK_REVIEW_DECISION_READ_ONLY);
  g_assert_false (lk_review_decision_bar_can_decide_candidate (bar));
  lk_review_decision_bar_set_read_only (bar, FALSE);
  g_assert_cmpint (lk_review_decision_bar_get_state (bar), ==, LK_REVIEW_DECISION_READY);

  lk_review_decision_bar_clear (bar);
  g_assert_cmpint (lk_review_decision_bar_get_state (bar), ==, LK_REVIEW_DECISION_NO_RATIONALE);
  g_assert_cmpuint (notified, >=, 8);

  /* No strength until the analyst chooses one, and none again after clearing. */
  g_assert_cmpint (lk_review_decision_bar_get_strength (bar), ==, 0);
  g_assert_false (lk_review_decision_bar_can_identify (bar));
  lk_review_decision_bar_set_strength (bar, 2);
  g_assert_cmpint (lk_review_decision_bar_get_strength (bar), ==, 2);
  lk_review_decision_bar_set_rationale (bar, "Scar above the left brow.");
  g_assert_true (lk_review_decision_bar_can_identify (bar));
  lk_review_decision_bar_clear (bar);
  g_assert_cmpint (lk_review_decision_bar_get_strength (bar), ==, 0);
  g_assert_false (lk_review_decision_bar_can_identify (bar));

  /* The strength levels and their stable words. */
  lk_review_decision_bar_set_strength (bar, 2);
  g_assert_cmpint (lk_review_decision_bar_get_strength (bar), ==, 2);
  g_assert_cmpstr (lk_review_strength_to_string (2), ==, "moderate");
  g_assert_cmpstr (lk_review_strength_to_string (4), ==, "very-strong");
  for (int level = 1; level <= LK_REVIEW_STRENGTH_LEVELS; level++)
    g_assert_cmpint (lk_review_strength_from_string (lk_review_strength_to_string (level)), ==, level);
  g_assert_cmpint (lk_review_strength_from_string ("certain"), ==, 0);
  g_assert_cmpint (lk_review_strength_from_string (NULL), ==, 0);

  g_assert_finalize_object (bar);
}

/* Review's and Unknown Groups' keys are in the application's one shortcuts
 * window (the separate fragment that nothing loaded is gone). */
static gboolean
has_group (GtkWidget  *widget,
           const char *title)
{
  g_autofree char *text = NULL;

  if (GTK_IS_SHORTCUTS_GROUP (widget))
    {
      g_object_get (widget, "title", &text, NULL);
      if (g_strcmp0 (text, title) == 0)
        return TRUE;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_group (child, title))
      return TRUE;
  return FALSE;
}

static void
test_shortcuts_fragment (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new ();
  g_autoptr(GError) error = NULL;
  const char *groups[] = { "Review", "Review: Viewing", "Unknown Groups" };
  GtkWidget *window;

  gtk_builder_add_from_resource (builder, "/org/likeness/Likeness/gtk/help-overlay.ui", &error);
  g_assert_no_error (error);
  window = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (window));
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    g_assert_true (has_group (window, groups[i]));
  g_assert_null (g_resources_lookup_data ("/org/likeness/Likeness/lk-review-shortcuts.ui", 0, NULL));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/review/geometry/fit-and-round-trip", test_fit_and_round_trip);
  g_test_add_func ("/review/geometry/zoom-keeps-point", test_zoom_keeps_point);
  g_test_add_func ("/review/geometry/pan-follows-pointer", test_pan_follows_pointer);
  g_test_add_func ("/review/geometry/shared-viewport", test_shared_viewport);
  g_test_add_func ("/review/geometry/similarity", test_similarity);
  g_test_add_func ("/review/geometry/chip-landmarks", test_chip_landmarks);
  g_test_add_func ("/review/geometry/chip-landmarks-template", test_chip_landmarks_template);
  g_test_add_func ("/review/geometry/tone", test_tone);
  g_test_add_func ("/review/canvas/widget", test_canvas_widget);
  g_test_add_func ("/review/shortcuts-fragment", test_shortcuts_fragment);
  g_test_add_func ("/review/decision-bar/states", test_decision_bar_states);
  return g_test_run ();
}
