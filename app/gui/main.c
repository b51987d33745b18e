/* main.c — the `likeness` workstation */
#define G_LOG_DOMAIN "likeness"

#include "lk-config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "lk-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LkApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* LIKENESS_LOCALEDIR: the catalogues of a build tree (make run, the tests). */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("LIKENESS_LOCALEDIR") ? g_getenv ("LIKENESS_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = lk_application_new (G_APPLICATION_DEFAULT_FLAGS);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
