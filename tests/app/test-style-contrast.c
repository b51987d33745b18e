/* test-style-contrast.c — every badge colour pair in ui/style.css meets
 * WCAG AA (4.5:1) in the light and the dark style
 *
 * Copyright 2026 The Likeness authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads the stylesheet itself, resolves the colours of each .lk-badge rule
 * (hex, white/black, rgba(), alpha() and libadwaita's named colours, with
 * their values in each style), composes them over what lies beneath the
 * badge and computes the contrast ratio as WCAG 2 defines it.  A named
 * colour the table does not know fails the test rather than passing it.
 */
#define G_LOG_DOMAIN "test-style-contrast"

#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct { double r, g, b, a; } Rgba;

/* libadwaita 1.2's named colours (src/stylesheet/_colors.scss), light / dark. */
static const struct { const char *name, *light, *dark; } named[] = {
  { "card_bg_color",   "#ffffff",            "#363636" }, /* dark: #ffffff 8% over #242424 */
  { "card_fg_color",   "rgba(0,0,0,0.8)",    "#ffffff" },
  { "window_bg_color", "#fafafa",            "#242424" },
  { "window_fg_color", "rgba(0,0,0,0.8)",    "#ffffff" },
  { "accent_bg_color", "#3584e4",            "#3584e4" },
  { "accent_fg_color", "#ffffff",            "#ffffff" },
  { "accent_color",    "#1c71d8",            "#78aeed" },
  { "success_color",   "#26a269",            "#8ff0a4" },
  { "warning_color",   "#9c6e03",            "#f8e45c" },
  { "error_color",     "#c01c28",            "#ff7b63" },
};

static gboolean parse_color (const char *text, gboolean dark, Rgba *out);

static gboolean
parse_hex (const char *text,
           Rgba       *out)
{
  gsize len = strlen (text + 1);
  guint v;

  if (len != 6 || strspn (text + 1, "0123456789abcdefABCDEF") != 6)
    return FALSE;
  v = (guint) strtoul (text + 1, NULL, 16);
  *out = (Rgba) { ((v >> 16) & 255) / 255.0, ((v >> 8) & 255) / 255.0, (v & 255) / 255.0, 1.0 };
  return TRUE;
}

/* "alpha(X, a)" or "rgba(r, g, b, a)": the text between the parentheses. */
static char *
inside (const char *text,
        const char *function)
{
  gsize n = strlen (function);
  const char *end = strrchr (text, ')');

  if (strncmp (text, function, n) != 0 || text[n] != '(' || end == NULL)
    return NULL;
  return g_strstrip (g_strndup (text + n + 1, end - (text + n + 1)));
}

static gboolean
parse_function (const char *text,
                gboolean    dark,
                Rgba       *out)
{
  g_autofree char *args = NULL;

  if ((args = inside (text, "alpha")) != NULL)
    {
      char *comma = strrchr (args, ',');

      if (comma == NULL)
        return FALSE;
      *comma = '\0';
      if (!parse_color (g_strstrip (args), dark, out))
        return FALSE;
      out->a *= g_ascii_strtod (comma + 1, NULL);
      return TRUE;
    }
  if ((args = inside (text, "rgba")) != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (args, ",", 4);

      if (g_strv_length (parts) != 4)
        return FALSE;
      *out = (Rgba) { g_ascii_strtod (parts[0], NULL) / 255.0, g_ascii_strtod (parts[1], NULL) / 255.0,
                      g_ascii_strtod (parts[2], NULL) / 255.0, g_ascii_strtod (parts[3], NULL) };
      return TRUE;
    }
  return FALSE;
}

static gboolean
parse_color (const char *text,
             gboolean    dark,
             Rgba       *out)
{
  if (text[0] == '#')
    return parse_hex (text, out);
  if (g_str_equal (text, "white"))
    return *out = (Rgba) { 1, 1, 1, 1 }, TRUE;
  if (g_str_equal (text, "black"))
    return *out = (Rgba) { 0, 0, 0, 1 }, TRUE;
  if (text[0] == '@')
    {
      for (guint i = 0; i < G_N_ELEMENTS (named); i++)
        if (g_str_equal (text + 1, named[i].name))
          return parse_color (dark ? named[i].dark : named[i].light, dark, out);
      return FALSE;
    }
  return parse_function (text, dark, out);
}

static Rgba
over (Rgba top,
      Rgba bottom)
{
  return (Rgba) { top.r * top.a + bottom.r * (1 - top.a), top.g * top.a + bottom.g * (1 - top.a),
                  top.b * top.a + bottom.b * (1 - top.a), 1.0 };
}

static double
channel (double c)
{
  return c <= 0.03928 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
luminance (Rgba c)
{
  return 0.2126 * channel (c.r) + 0.7152 * channel (c.g) + 0.0722 * channel (c.b);
}

static double
contrast (Rgba a,
          Rgba b)
{
  double la = luminance (a), lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

/* One declaration's value in a rule body, or NULL. */
static char *
declaration (const char *body,
             const char *property)
{
  g_auto(GStrv) decls = g_strsplit (body, ";", -1);

  for (guint i = 0; decls[i] != NULL; i++)
    {
      char *colon = strchr (decls[i], ':');

      if (colon == NULL)
        continue;
      *colon = '\0';
      if (g_str_equal (g_strstrip (decls[i]), property))
        return g_strdup (g_strstrip (colon + 1));
    }
  return NULL;
}

static guint
check_rule (const char *selector,
            const char *body)
{
  g_autofree char *bg_text = declaration (body, "background-color");
  g_autofree char *fg_text = declaration (body, "color");
  /* The face count sits on photos: anything from white to black beneath. */
  gboolean on_photo = strstr (selector, "lk-count") != NULL;
  guint checked = 0;

  if (bg_text == NULL)
    return 0;
  for (int dark = 0; dark <= 1; dark++)
    for (int under = 0; under < (on_photo ? 2 : 1); under++)
      {
        Rgba card, bg, fg, beneath;
        double ratio;

        g_assert_true (parse_color ("@card_bg_color", dark, &card));
        beneath = on_photo ? (Rgba) { under, under, under, 1 } : card;
        if (!parse_color (bg_text, dark, &bg))
          g_error ("%s: cannot resolve background-color %s", selector, bg_text);
        /* Without a colour of its own the badge's text is the card's. */
        if (!parse_color (fg_text ? fg_text : "@card_fg_color", dark, &fg))
          g_error ("%s: cannot resolve color %s", selector, fg_text);
        bg = over (bg, beneath);
        fg = over (fg, bg);
        ratio = contrast (fg, bg);
        g_test_message ("%s (%s%s): %.2f:1", selector, dark ? "dark" : "light",
                        on_photo ? (under ? ", on white" : ", on black") : "", ratio);
        if (ratio < 4.5)
          g_error ("%s in the %s style: contrast %.2f:1, below WCAG AA 4.5:1", selector,
                   dark ? "dark" : "light", ratio);
        checked++;
      }
  return checked;
}

static void
test_badges (void)
{
  g_autofree char *path = g_build_filename (LK_TEST_SRCDIR, "..", "ui", "style.css", NULL);
  g_autofree char *css = NULL;
  g_autoptr(GRegex) comments = g_regex_new ("/\\*.*?\\*/", G_REGEX_DOTALL, 0, NULL);
  g_autofree char *plain = NULL;
  g_auto(GStrv) rules = NULL;
  guint checked = 0;

  g_assert_true (g_file_get_contents (path, &css, NULL, NULL));
  plain = g_regex_replace_literal (comments, css, -1, 0, "", 0, NULL);
  rules = g_strsplit (plain, "}", -1);
  for (guint i = 0; rules[i] != NULL; i++)
    {
      char *brace = strchr (rules[i], '{');

      if (brace == NULL)
        continue;
      *brace = '\0';
      if (strstr (rules[i], ".lk-badge") != NULL)
        checked += check_rule (g_strstrip (rules[i]), brace + 1);
    }
  /* The plain badge, probe, reference, success, error, warning, count: both styles. */
  g_assert_cmpuint (checked, >=, 14);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/style/badge-contrast", test_badges);
  return g_test_run ();
}
