#define G_LOG_DOMAIN "lk-case"

#include "lk-config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "lk-case-private.h"

/* The gallery: persons and their reference faces.  A person is retired, never
 * removed; a reference link is marked removed, never deleted. */

#define PERSON_SELECT \
  "SELECT pe.id, pe.display_name, pe.aliases, pe.born, pe.died, pe.notes, pe.external_ref, pe.retired, " \
  "pe.retired_reason, pe.created_at, a.name, " \
  "(SELECT count(*) FROM reference_faces r WHERE r.person_id = pe.id AND r.removed = 0) " \
  "FROM persons pe JOIN analysts a ON a.id = pe.analyst_id "

void
lk_person_free (LkPerson *person)
{
  if (person == NULL)
    return;
  g_free (person->display_name);
  g_strfreev (person->aliases);
  g_free (person->born);
  g_free (person->died);
  g_free (person->notes);
  g_free (person->external_ref);
  g_free (person->retired_reason);
  g_free (person->created_at);
  g_free (person->created_by);
  g_free (person);
}

static char **
aliases_from_json (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (json != NULL && json_parser_load_from_data (parser, json, -1, NULL) &&
      JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    {
      array = json_node_get_array (json_parser_get_root (parser));
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *s = json_array_get_string_element (array, i);
          if (s != NULL)
            g_strv_builder_add (builder, s);
        }
    }
  return g_strv_builder_end (builder);
}

static char *
aliases_to_json (const char * const *aliases)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  JsonArray *array = json_array_new ();

  for (guint i = 0; aliases != NULL && aliases[i] != NULL; i++)
    if (!lk_case_is_blank (aliases[i]))
      json_array_add_string_element (array, aliases[i]);
  json_node_take_array (node, array);
  return lk_case_json_canonical (node);
}

static LkPerson *
person_from_row (LkStmt *stmt)
{
  LkPerson *p = g_new0 (LkPerson, 1);

  p->id = lk_stmt_get_int64 (stmt, 0);
  p->display_name = lk_stmt_dup_text0 (stmt, 1);
  p->aliases = aliases_from_json (lk_stmt_peek_text (stmt, 2));
  p->born = lk_stmt_dup_text0 (stmt, 3);
  p->died = lk_stmt_dup_text0 (stmt, 4);
  p->notes = lk_stmt_dup_text0 (stmt, 5);
  p->external_ref = lk_stmt_dup_text0 (stmt, 6);
  p->retired = lk_stmt_get_int64 (stmt, 7) != 0;
  p->retired_reason = lk_stmt_dup_text (stmt, 8);
  p->created_at = lk_stmt_dup_text0 (stmt, 9);
  p->created_by = lk_stmt_dup_text0 (stmt, 10);
  p->n_reference_faces = lk_stmt_get_int64 (stmt, 11);
  return p;
}

static gboolean
validate_fields (const LkPersonFields *fields, GError **error)
{
  if (fields != NULL && !lk_case_is_blank (fields->display_name) &&
      g_utf8_validate (fields->display_name, -1, NULL))
    return TRUE;
  g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_INVALID, _("A person needs a name."));
  return FALSE;
}

/* Binds ?2..?7 from fields (?1 is the id or the analyst). */
static gboolean
bind_fields (LkStmt *stmt, const LkPersonFields *f, GError **error)
{
  g_autofree char *aliases = aliases_to_json (f->aliases);
  g_autofree char *name = g_strstrip (g_strdup (f->display_name));

  return lk_stmt_bind_text (stmt, 2, name, error) &&
         lk_stmt_bind_text (stmt, 3, aliases, error) &&
         lk_stmt_bind_text (stmt, 4, f->born ? f->born : "", error) &&
         lk_stmt_bind_text (stmt, 5, f->died ? f->died : "", error) &&
         lk_stmt_bind_text (stmt, 6, f->notes ? f->notes : "", error) &&
         lk_stmt_bind_text (stmt, 7, f->external_ref ? f->external_ref : "", error);
}

gint64
lk_case_add_person (LkCase *self, const char *analyst, const LkPersonFields *fields, GError **error)
{
  g_autofree char *now = lk_case_now_iso ();
  LkSqlite *db;
  g_autoptr(LkStmt) stmt = NULL;
  gint64 id;

  g_return_val_if_fail (LK_IS_CASE (self), 0);
  g_return_val_if_fail (analyst != NULL, 0);
  if (!lk_case_check_person_fields (fields, error) || !validate_fields (fields, error) ||
      !lk_case_write_begin (self, analyst, error))
    return 0;
  db = lk_case_get_db (self);
  stmt = lk_case_prepare (self, "INSERT INTO persons (analyst_id, display_name, aliases, born, died, notes, "
                                "external_ref, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  if (stmt == NULL ||
      !lk_stmt_bind_int64 (stmt, 1, lk_case_get_analyst_id (self), error) ||
      !bind_fields (stmt, fields, error) ||
      !lk_stmt_bind_text (stmt, 8, now, error) ||
      !lk_stmt_exec (stmt, error))
    goto fail;
  id = lk_sqlite_last_insert_rowid (db);
  if (!lk_case_audit_row (self, analyst, "person.add", "person", id, NULL, error) ||
      !lk_case_write_commit (self, error))
    goto fail;
  return id;

fail:
  lk_case_write_rollback (self);
  return 0;
}

/* Runs an UPDATE of one person (?1 = id) between an old and a new snapshot. */
static gboolean
update_person (LkCase *self, const char *analyst, const char *action, gint64 person_id, const char *sql,
               const LkPersonFields *fields, gint64 flag, const char *text, GError **error)
{
  JsonNode *old = NULL;
  LkStmt *stmt;

  if (!lk_case_write_begin (self, analyst, error))
    return FALSE;
  old = lk_case_snapshot_row (self, "person", person_id, error);
  stmt = old != NULL ? lk_case_prepare (self, sql, error) : NULL;
  if (stmt == NULL || !lk_stmt_bind_int64 (stmt, 1, person_id, error))
    goto fail;
  if (fields != NULL ? !bind_fields (stmt, fields, error)
                     : (!lk_stmt_bind_int64 (stmt, 2, flag, error) ||
                        !lk_stmt_bind_text (stmt, 3, text, error)))
    goto fail;
  if (!lk_stmt_exec (stmt, error) ||
      !lk_case_audit_row (self, analyst, action, "person", person_id, g_steal_pointer (&old), error) ||
      !lk_case_write_commit (self, error))
    goto fail;
  return TRUE;

fail:
  g_clear_pointer (&old, json_node_unref);
  lk_case_write_rollback (self);
  return FALSE;
}

gboolean
lk_case_edit_person (LkCase *self, const char *analyst, gint64 person_id, const LkPersonFields *fields,
                     GError **error)
{
  g_return_val_if_fail (LK_IS_CASE (self), FALSE);
  g_return_val_if_fail (analyst != NULL, FALSE);
  if (!lk_case_check_person_fields (fields, error) || !validate_fields (fields, error))
    return FALSE;
  return update_person (self, analyst, "person.edit", person_id,
                        "UPDATE persons SET display_name = ?2, aliases = ?3, born = ?4, died = ?5, notes = ?6, "
                        "external_ref = ?7 WHERE id = ?1", fields, 0, NULL, error);
}

gboolean
lk_case_set_person_retired (LkCase *self, const char *analyst, gint64 person_id, gboolean retired,
                            const char *reason, GError **error)
{
  g_return_val_if_fail (LK_IS_CASE (self), FALSE);
  g_return_val_if_fail (analyst != NULL, FALSE);
  if (!lk_case_check_text (LK_CASE_FIELD_REASON, reason, error))
    return FALSE;
  return update_person (self, analyst, retired ? "person.retire" : "person.reinstate", person_id,
                        "UPDATE persons SET retired = ?2, retired_reason = ?3 WHERE id = ?1", NULL,
                        retired ? 1 : 0, retired && !lk_case_is_blank (reason) ? reason : NULL, error);
}

LkPerson *
lk_case_get_person (LkCase *self, gint64 person_id, GError **error)
{
  g_autoptr(LkStmt) stmt = NULL;
  LkPerson *person = NULL;
  LkSqliteStep r;

  g_return_val_if_fail (LK_IS_CASE (self), NULL);
  stmt = lk_case_prepare (self, PERSON_SELECT "WHERE pe.id = ?1", error);
  if (stmt == NULL || !lk_stmt_bind_int64 (stmt, 1, person_id, error))
    return NULL;
  r = lk_stmt_step (stmt, error);
  if (r == LK_SQLITE_ROW)
    person = person_from_row (stmt);
  lk_stmt_reset (stmt);
  if (r == LK_SQLITE_DONE)
    g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_NOT_FOUND,
                 _("There is no person %" PRId64 " in the case."), person_id);
  return person;
}

LkPerson *
lk_case_find_person (LkCase *self, const char *name, GError **error)
{
  g_autoptr(LkStmt) stmt = NULL;
  LkPerson *person = NULL;
  g_autofree char *stripped = NULL;
  LkSqliteStep r;

  g_return_val_if_fail (LK_IS_CASE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  stripped = g_strstrip (g_strdup (name));
  /* Exact first, then ignoring ASCII case; the oldest person wins a tie. */
  stmt = lk_case_prepare (self, PERSON_SELECT "WHERE pe.display_name = ?1 OR pe.display_name = ?1 COLLATE NOCASE "
                                "ORDER BY pe.display_name = ?1 DESC, pe.id LIMIT 1", error);
  if (stmt == NULL || !lk_stmt_bind_text (stmt, 1, stripped, error))
    return NULL;
  r = lk_stmt_step (stmt, error);
  if (r == LK_SQLITE_ROW)
    person = person_from_row (stmt);
  return person;
}

GPtrArray *
lk_case_list_persons (LkCase *self, gboolean include_retired, GError **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) lk_person_free);
  g_autoptr(LkStmt) stmt = NULL;
  LkSqliteStep r;

  g_return_val_if_fail (LK_IS_CASE (self), NULL);
  stmt = lk_case_prepare (self, PERSON_SELECT "WHERE ?1 OR pe.retired = 0 ORDER BY pe.id", error);
  if (stmt == NULL || !lk_stmt_bind_int64 (stmt, 1, include_retired ? 1 : 0, error))
    return NULL;
  while ((r = lk_stmt_step (stmt, error)) == LK_SQLITE_ROW)
    g_ptr_array_add (list, person_from_row (stmt));
  if (r == LK_SQLITE_ERROR_STEP)
    return NULL;
  return g_steal_pointer (&list);
}

/* ---- Reference links --------------------------------------------------------- */

/* The active link id of (face, person), 0 when none, -1 on error. */
static gint64
active_link (LkCase *self, gint64 face_id, gint64 person_id, GError **error)
{
  g_autoptr(LkStmt) stmt = lk_case_prepare (self, "SELECT id FROM reference_faces WHERE face_id = ?1 AND person_id = ?2 "
                                              "AND removed = 0", error);
  gint64 id = 0;
  LkSqliteStep r;

  if (stmt == NULL || !lk_stmt_bind_int64 (stmt, 1, face_id, error) ||
      !lk_stmt_bind_int64 (stmt, 2, person_id, error))
    return -1;
  r = lk_stmt_step (stmt, error);
  if (r == LK_SQLITE_ERROR_STEP)
    return -1;
  if (r == LK_SQLITE_ROW)
    id = lk_stmt_get_int64 (stmt, 0);
  return id;
}

/* One lean query (links are made in bulk by imports).  A face shows one
 * person: linking it to a second one is refused, naming the first. */
static gboolean
check_link_target (LkCase *self, gint64 face_id, gint64 person_id, GError **error)
{
  g_autoptr(LkStmt) stmt = lk_case_prepare (self,
    "SELECT (SELECT p.role = 'reference' FROM faces f JOIN photos p ON p.id = f.photo_id WHERE f.id = ?1), "
    "(SELECT not_a_face FROM faces WHERE id = ?1), (SELECT retired FROM persons WHERE id = ?2), "
    "(SELECT display_name FROM persons WHERE id = ?2), "
    "(SELECT pe.display_name FROM reference_faces r JOIN persons pe ON pe.id = r.person_id "
    " WHERE r.face_id = ?1 AND r.removed = 0 AND r.person_id <> ?2 LIMIT 1)", error);
  g_autofree char *why = NULL;
  g_autofree char *name = NULL;
  LkCaseError code = LK_CASE_ERROR_INVALID;

  if (stmt == NULL || !lk_stmt_bind_int64 (stmt, 1, face_id, error) ||
      !lk_stmt_bind_int64 (stmt, 2, person_id, error) || lk_stmt_step (stmt, error) != LK_SQLITE_ROW)
    return FALSE;
  name = lk_stmt_is_null (stmt, 3) ? g_strdup_printf (_("person %" PRId64), person_id)
                                     : lk_stmt_dup_text (stmt, 3);
  if (lk_stmt_is_null (stmt, 0) || lk_stmt_is_null (stmt, 2))
    {
      code = LK_CASE_ERROR_NOT_FOUND;
      why = g_strdup (lk_stmt_is_null (stmt, 0) ? _("there is no such face") : _("there is no such person"));
    }
  else if (lk_stmt_get_int64 (stmt, 0) == 0)
    why = g_strdup (_("it is not on a reference photo"));
  else if (lk_stmt_get_int64 (stmt, 1) != 0)
    why = g_strdup (_("it is marked not a face"));
  else if (lk_stmt_get_int64 (stmt, 2) != 0)
    why = g_strdup (_("the person is retired"));
  else if (!lk_stmt_is_null (stmt, 4))
    why = g_strdup_printf (_("it is already a reference of %s (unlink it there first)"),
                           lk_stmt_peek_text (stmt, 4));
  lk_stmt_reset (stmt);
  if (why == NULL)
    return TRUE;
  g_set_error (error, LK_CASE_ERROR, code, _("Face %" PRId64 " cannot be a reference of %s: %s."),
               face_id, name, why);
  return FALSE;
}

gint64
lk_case_link_reference (LkCase *self, const char *analyst, gint64 face_id, gint64 person_id, GError **error)
{
  g_autofree char *now = lk_case_now_iso ();
  LkSqlite *db;
  LkStmt *stmt;
  gint64 id;

  g_return_val_if_fail (LK_IS_CASE (self), 0);
  g_return_val_if_fail (analyst != NULL, 0);
  if (!lk_case_write_begin (self, analyst, error))
    return 0;
  db = lk_case_get_db (self);
  id = active_link (self, face_id, person_id, error);
  if (id != 0)
    {
      lk_case_write_rollback (self);
      return MAX (id, 0);
    }
  stmt = check_link_target (self, face_id, person_id, error)
    ? lk_case_prepare (self, "INSERT INTO reference_faces (face_id, person_id, linked_at, analyst_id) "
                             "VALUES (?1, ?2, ?3, ?4)", error) : NULL;
  if (stmt == NULL ||
      !lk_stmt_bind_int64 (stmt, 1, face_id, error) ||
      !lk_stmt_bind_int64 (stmt, 2, person_id, error) ||
      !lk_stmt_bind_text (stmt, 3, now, error) ||
      !lk_stmt_bind_int64 (stmt, 4, lk_case_get_analyst_id (self), error) ||
      !lk_stmt_exec (stmt, error))
    goto fail;
  id = lk_sqlite_last_insert_rowid (db);
  if (!lk_case_audit_row (self, analyst, "reference.link", "reference", id, NULL, error) ||
      !lk_case_write_commit (self, error))
    goto fail;
  return id;

fail:
  lk_case_write_rollback (self);
  return 0;
}

gboolean
lk_case_unlink_reference (LkCase *self, const char *analyst, gint64 face_id, gint64 person_id,
                          const char *reason, GError **error)
{
  g_autofree char *now = lk_case_now_iso ();
  JsonNode *old = NULL;
  g_autoptr(LkStmt) stmt = NULL;
  gint64 id;

  g_return_val_if_fail (LK_IS_CASE (self), FALSE);
  g_return_val_if_fail (analyst != NULL, FALSE);
  if (!lk_case_check_text (LK_CASE_FIELD_REASON, reason, error))
    return FALSE;
  if (!lk_case_write_begin (self, analyst, error))
    return FALSE;
  id = active_link (self, face_id, person_id, error);
  if (id == 0)
    g_set_error (error, LK_CASE_ERROR, LK_CASE_ERROR_NOT_FOUND,
                 _("Face %" PRId64 " is not a reference of person %" PRId64 "."), face_id, person_id);
  if (id <= 0 || (old = lk_case_snapshot_row (self, "reference", id, error)) == NULL)
    goto fail;
  stmt = lk_case_prepare (self, "UPDATE reference_faces SET removed = 1, removed_at = ?2, removed_by = ?3, "
                                "removed_reason = ?4 WHERE id = ?1", error);
  if (stmt == NULL ||
      !lk_stmt_bind_int64 (stmt, 1, id, error) ||
      !lk_stmt_bind_text (stmt, 2, now, error) ||
      !lk_stmt_bind_int64 (stmt, 3, lk_case_get_analyst_id (self), error) ||
      !lk_stmt_bind_text (stmt, 4, lk_case_is_blank (reason) ? NULL : reason, error) ||
      !lk_stmt_exec (stmt, error) ||
      !lk_case_audit_row (self, analyst, "reference.unlink", "reference", id, g_steal_pointer (&old), error) ||
      !lk_case_write_commit (self, error))
    goto fail;
  return TRUE;

fail:
  g_clear_pointer (&old, json_node_unref);
  lk_case_write_rollback (self);
  return FALSE;
}

GArray *
lk_case_list_reference_faces (LkCase *self, gint64 person_id, GError **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(LkStmt) stmt = NULL;
  LkSqliteStep r;

  g_return_val_if_fail (LK_IS_CASE (self), NULL);
  stmt = lk_case_prepare (self, "SELECT face_id FROM reference_faces WHERE person_id = ?1 AND removed = 0 "
                                "ORDER BY face_id", error);
  if (stmt == NULL || !lk_stmt_bind_int64 (stmt, 1, person_id, error))
    return NULL;
  while ((r = lk_stmt_step (stmt, error)) == LK_SQLITE_ROW)
    {
      gint64 id = lk_stmt_get_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (r == LK_SQLITE_ERROR_STEP)
    return NULL;
  return g_steal_pointer (&ids);
}
