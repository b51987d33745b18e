#define G_LOG_DOMAIN "lk-case"

#include "lk-config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lk-case-private.h"
#include "lk-core-resources.h"

/* Migrations are the resources /org/likeness/core/sql/NNN-name.sql, applied
 * in NNN order, each in one transaction that ends with PRAGMA user_version = NNN.
 * 002 belongs to the matching module; the runner does not care whose a file is. */
#define SQL_RESOURCE_DIR "/org/likeness/core/sql"

/* Tables a case of any version >= 1 must have. */
static const char * const required_tables[] = {
  "case_info", "analysts", "persons", "photos", "import_errors", "faces", "face_chips",
  "reference_faces", "candidates", "decisions", "audit_log",
};

typedef struct {
  int   version;
  char *name;
} Migration;

static void
migration_clear (gpointer data)
{
  g_free (((Migration *) data)->name);
}

static int
migration_compare (gconstpointer a, gconstpointer b)
{
  return ((const Migration *) a)->version - ((const Migration *) b)->version;
}

static gpointer
register_resources (gpointer data)
{
  lk_core_register_resource ();
  return NULL;
}

/* The migrations in the resource, sorted by version. */
static GArray *
list_migrations (void)
{
  static GOnce once = G_ONCE_INIT;
  g_auto(GStrv) names = (g_once (&once, register_resources, NULL),
                         g_resources_enumerate_children (SQL_RESOURCE_DIR, 0, NULL));
  GArray *list = g_array_new (FALSE, TRUE, sizeof (Migration));

  g_array_set_clear_func (list, migration_clear);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      char *end = NULL;
      long version = strtol (names[i], &end, 10);
      Migration m;

      if (end != names[i] + 3 || *end != '-' || !g_str_has_suffix (names[i], ".sql") || version <= 0)
        {
          g_warning ("Ignoring misnamed migration resource %s", names[i]);
          continue;
        }
      m.version = version;
      m.name = g_strdup (names[i]);
      g_array_append_val (list, m);
    }
  g_array_sort (list, migration_compare);
  return list;
}

int
lk_case_schema_latest_version (void)
{
  g_autoptr(GArray) list = list_migrations ();

  return list->len > 0 ? g_array_index (list, Migration, list->len - 1).version : 0;
}

static gboolean
damaged (GError **error, const char *db_path, const char *why)
{
  g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_DAMAGED,
               _("The case database %s is damaged (%s); it was not opened and not changed. "
                 "Restore it from a backup."), db_path, why);
  return FALSE;
}

static gboolean
check_header (const char *db_path, GError **error)
{
  static const char magic[16] = "SQLite format 3";
  char head[16] = { 0 };
  FILE *f = fopen (db_path, "rb");
  size_t n;

  if (f == NULL)
    {
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_IO, _("Cannot read %s: %s"), db_path, g_strerror (errno));
      return FALSE;
    }
  n = fread (head, 1, sizeof head, f);
  fclose (f);
  if (n == 0)
    return damaged (error, db_path, _("the file is empty"));
  if (n < sizeof head || memcmp (head, magic, sizeof head) != 0)
    return damaged (error, db_path, _("it is not a SQLite database"));
  return TRUE;
}

static gboolean
check_quick (LkSqlite *db, const char *db_path, GError **error)
{
  g_autoptr(LkStmt) stmt = NULL;
  g_autoptr(GError) local = NULL;
  LkSqliteStep r;

  stmt = lk_sqlite_prepare (db, "PRAGMA quick_check(1)", &local);
  if (stmt == NULL)
    return damaged (error, db_path, local->message);
  r = lk_stmt_step (stmt, &local);
  if (r == LK_SQLITE_ERROR_STEP)
    {
      if (g_error_matches (local, LK_CASE_ERROR, LK_CASE_ERROR_LOCKED))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      return damaged (error, db_path, local->message);
    }
  if (r == LK_SQLITE_ROW && g_strcmp0 (lk_stmt_peek_text (stmt, 0), "ok") != 0)
    {
      g_autofree char *why = g_strdup_printf (_("integrity check: %s"), lk_stmt_peek_text (stmt, 0));
      return damaged (error, db_path, why);
    }
  return TRUE;
}

static gboolean
check_tables (LkSqlite *db, const char *db_path, GError **error)
{
  for (gsize i = 0; i < G_N_ELEMENTS (required_tables); i++)
    {
      g_autoptr(LkStmt) stmt = lk_sqlite_prepare (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1", error);
      gint64 n;

      if (stmt == NULL || !lk_stmt_bind_text (stmt, 1, required_tables[i], error) ||
          !lk_stmt_one_int64 (stmt, &n, NULL, error))
        return FALSE;
      if (n == 0)
        {
          g_autofree char *why = g_strdup_printf (_("the table “%s” is missing"), required_tables[i]);
          return damaged (error, db_path, why);
        }
    }
  return TRUE;
}

gboolean
lk_case_schema_check (LkSqlite *db, const char *db_path, gboolean thorough, int *out_version, GError **error)
{
  gint64 version = 0, n = 0;
  g_autoptr(GError) local = NULL;
  int latest = lk_case_schema_latest_version ();

  if (!check_header (db_path, error) || (thorough && !check_quick (db, db_path, error)))
    return FALSE;
  if (!lk_sqlite_query_int64 (db, "PRAGMA user_version", &version, &local))
    return damaged (error, db_path, local->message);
  if (version > latest)
    {
      g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_TOO_NEW,
                   _("The case %s was written by a newer version of Likeness (schema %d; this program "
                     "knows up to %d). Update Likeness to open it; the case was not changed."),
                   db_path, (int) version, latest);
      return FALSE;
    }
  if (version < 1)
    return damaged (error, db_path, _("it holds no case (its creation was interrupted?)"));
  if (!check_tables (db, db_path, error))
    return FALSE;
  if (!lk_sqlite_query_int64 (db, "SELECT count(*) FROM case_info", &n, &local))
    return damaged (error, db_path, local->message);
  if (n != 1)
    return damaged (error, db_path, _("the case metadata is missing"));
  *out_version = version;
  return TRUE;
}

static gboolean
apply_migration (LkSqlite *db, const Migration *m, GError **error)
{
  g_autofree char *path = g_strdup_printf (SQL_RESOURCE_DIR "/%s", m->name);
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, error);
  g_autofree char *sql = NULL;
  g_autofree char *pragma = NULL;

  if (bytes == NULL)
    return FALSE;
  sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  pragma = g_strdup_printf ("PRAGMA user_version = %d", m->version);
  if (!lk_sqlite_begin (db, error))
    return FALSE;
  if (!lk_sqlite_exec (db, sql, error) || !lk_sqlite_exec (db, pragma, error))
    {
      g_prefix_error (error, _("Cannot apply the schema migration %s: "), m->name);
      lk_sqlite_rollback (db);
      return FALSE;
    }
  return lk_sqlite_commit (db, error);
}

static gboolean
migrate (LkSqlite *db, int from, int to, int *out_version, GError **error)
{
  g_autoptr(GArray) list = list_migrations ();

  for (guint i = 0; i < list->len; i++)
    {
      const Migration *m = &g_array_index (list, Migration, i);

      if (m->version <= from || m->version > to)
        continue;
      if (!apply_migration (db, m, error))
        return FALSE;
      g_debug ("Applied schema migration %s", m->name);
      if (out_version != NULL)
        *out_version = m->version;
    }
  return TRUE;
}

gboolean
lk_case_schema_migrate (LkSqlite *db, int *inout_version, GError **error)
{
  gint64 current = 0;

  if (!lk_sqlite_query_int64 (db, "PRAGMA user_version", &current, error))
    return FALSE;
  *inout_version = current;
  return migrate (db, current, G_MAXINT, inout_version, error);
}

gboolean
lk_case_schema_migrate_to (LkSqlite *db, int version, GError **error)
{
  gint64 current = 0;

  if (!lk_sqlite_query_int64 (db, "PRAGMA user_version", &current, error))
    return FALSE;
  return migrate (db, current, version, NULL, error);
}
