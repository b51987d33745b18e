/* test-case-verify-memory.c — what verifying the audit log holds at once
 *
 * The workstation verifies the whole audit chain whenever a case opens, in
 * a thread beside everything else.  The check kept the last snapshot of
 * every audited object, as a parsed JSON tree, until it had walked the
 * chain: a case of 100,000 faces took some 400 MB more while it ran, and
 * the allocator kept most of it afterwards (bench-faces-grid: 311 MB after
 * opening, 734-807 MB some seconds later, with or without scrolling).  It
 * now keeps where each snapshot is and reads the entry again.
 *
 * The heap in use is sampled whenever SQLite allocates (the verification
 * reads every row through it, so samples fall all along the check): one
 * thread doing the same work gives the same count of bytes on every run,
 * unlike a time or the resident size.
 */
#define G_LOG_DOMAIN "test-case-verify-memory"

#include <malloc.h>
#include <sqlite3.h>

#include "case-fixture.h"

#define N_FACES 3000
/* Bytes per face the check may hold at its peak: 0.26 KB with each entry
 * read again when its row is compared; 4.2 KB with every snapshot kept as
 * a parsed tree (1.2 KB even as text). */
#define MAX_BYTES_PER_FACE 800

static sqlite3_mem_methods sqlite_malloc;
static gsize heap_peak;
static guint n_calls;

static gsize
heap_in_use (void)
{
  struct mallinfo2 info = mallinfo2 ();

  return info.uordblks + info.hblkhd;
}

/* mallinfo2() walks the allocator's free lists: every 32nd call is enough. */
static void
sample (void)
{
  if (++n_calls % 32 == 0)
    heap_peak = MAX (heap_peak, heap_in_use ());
}

static void *
sampling_malloc (int n)
{
  sample ();
  return sqlite_malloc.xMalloc (n);
}

static void *
sampling_realloc (void *p, int n)
{
  sample ();
  return sqlite_malloc.xRealloc (p, n);
}

static void
install_sampler (void)
{
  static sqlite3_mem_methods methods;

  g_assert_cmpint (sqlite3_config (SQLITE_CONFIG_GETMALLOC, &sqlite_malloc), ==, SQLITE_OK);
  methods = sqlite_malloc;
  methods.xMalloc = sampling_malloc;
  methods.xRealloc = sampling_realloc;
  g_assert_cmpint (sqlite3_config (SQLITE_CONFIG_MALLOC, &methods), ==, SQLITE_OK);
}

static void
test_snapshots_read_again (void)
{
  g_autoptr(CaseFixture) f = case_fixture_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LkAuditReport) report = NULL;
  gsize before;
  double per_face;

  g_assert_true (lk_case_begin_batch (f->kase, &error));
  for (guint i = 0; i < N_FACES; i++)
    case_fixture_add_face (f, i % 2 ? f->probe_photo : f->reference_photo, 0.001f * (i % 97));
  g_assert_true (lk_case_commit_batch (f->kase, &error));
  g_assert_no_error (error);

  before = heap_in_use ();
  heap_peak = before;
  g_assert_true (lk_case_verify_audit (f->kase, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_true (report->ok);
  g_assert_cmpint (report->n_entries, >, N_FACES);
  per_face = (double) (heap_peak - before) / N_FACES;
  g_test_message ("verification of %u faces held at most %.0f bytes per face", N_FACES, per_face);
  g_assert_cmpfloat (per_face, <, MAX_BYTES_PER_FACE);
}

int
main (int argc, char **argv)
{
  /* Before SQLite initialises, which the first case opened does. */
  install_sampler ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/case/verify-memory/snapshots-read-again", test_snapshots_read_again);
  return g_test_run ();
}
