/* lk-test-cli.c — helpers for tests that build their case with likeness-cli (glib only) */
#define G_LOG_DOMAIN "lk-test"

#include "lk-config.h"

#include <stdarg.h>
#include <sys/wait.h>

#include "lk-test-cli.h"

int
lk_test_cli (const char *first, ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;
  va_list args;

  g_ptr_array_add (argv, (char *) g_getenv ("LIKENESS_CLI"));
  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, 0, NULL, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_test_message ("likeness-cli %s: %s", first, err);
  return g_spawn_check_wait_status (status, NULL) ? 0 : WEXITSTATUS (status);
}

char *
lk_test_sample (int n)
{
  g_autofree char *name = g_strdup_printf ("sample%d.jpg", n);

  return g_build_filename (g_getenv ("LIKENESS_MODEL_PACKAGE_DIR"), "demo", name, NULL);
}
