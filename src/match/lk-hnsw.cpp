/* lk-hnsw.cpp — hnswlib behind a C interface (see lk-hnsw.h). */
#define G_LOG_DOMAIN "lk-match"

#include "lk-config.h"

#include <glib/gi18n-lib.h>

#include <atomic>
#include <exception>
#include <new>
#include <thread>
#include <vector>

#include <hnswlib/hnswlib.h>

#include "lk-hnsw.h"
#include "lk-match-error.h"
#include "lk-match-kernel.h"

struct _LkHnsw
{
  hnswlib::L2Space space{LK_MATCH_DIM};
  hnswlib::HierarchicalNSW<float> *index = nullptr;

  ~_LkHnsw () { delete index; }
};

static void
set_error_from_exception (GError **error, const std::exception &e)
{
  if (dynamic_cast<const std::bad_alloc *> (&e) != nullptr)
    g_set_error (error, LK_MATCH_ERROR, LK_MATCH_ERROR_NO_MEMORY,
                 _("Not enough memory for the approximate search index"));
  else
    g_set_error (error, LK_MATCH_ERROR, LK_MATCH_ERROR_INDEX,
                 _("The approximate search index failed: %s"), e.what ());
}

static void
add_rows_parallel (LkHnsw *self, const float *rows, guint n, guint n_threads)
{
  std::atomic<guint> next{0};
  std::exception_ptr failure;
  std::mutex failure_lock;
  std::vector<std::thread> threads;

  /* hnswlib supports concurrent insertion; the first row goes in alone so
   * that every thread starts from an entry point. */
  auto work = [&] () {
    for (guint i = next++; i < n; i = next++)
      {
        try
          {
            self->index->addPoint (rows + (gsize) i * LK_MATCH_DIM, i);
          }
        catch (...)
          {
            std::lock_guard<std::mutex> guard (failure_lock);
            failure = std::current_exception ();
            next = n;
          }
      }
  };
  if (n > 0)
    self->index->addPoint (rows, 0);
  next = 1;
  for (guint t = 1; t < n_threads; t++)
    threads.emplace_back (work);
  work ();
  for (auto &t : threads)
    t.join ();
  if (failure)
    std::rethrow_exception (failure);
}

LkHnsw *
lk_hnsw_new (const float *rows, guint n, guint m, guint ef_construction, guint n_threads,
             GError **error)
{
  g_return_val_if_fail (rows != NULL || n == 0, NULL);
  g_return_val_if_fail (m >= 2, NULL);

  LkHnsw *self = nullptr;
  try
    {
      self = new _LkHnsw ();
      self->index = new hnswlib::HierarchicalNSW<float> (&self->space, MAX (n, 1), m,
                                                          ef_construction, 100);
      add_rows_parallel (self, rows, n, MAX (n_threads, 1));
      return self;
    }
  catch (const std::exception &e)
    {
      delete self;
      set_error_from_exception (error, e);
      return NULL;
    }
}

void
lk_hnsw_free (LkHnsw *self)
{
  delete self;
}

int
lk_hnsw_search (LkHnsw *self, const float *probe, guint k, guint ef, guint *rows_out,
                GError **error)
{
  g_return_val_if_fail (self != NULL && probe != NULL, -1);
  g_return_val_if_fail (rows_out != NULL || k == 0, -1);

  try
    {
      /* searchKnn's beam is max(ef_, k): asking for max(ef, k) widens the beam
       * per call without touching shared state (setEf is not thread-safe). */
      auto result = self->index->searchKnn (probe, MAX (ef, k));
      std::vector<guint> order;

      while (!result.empty ())
        {
          order.push_back ((guint) result.top ().second);
          result.pop ();
        }
      /* The queue pops the farthest first. */
      guint n = MIN ((guint) order.size (), k);
      for (guint i = 0; i < n; i++)
        rows_out[i] = order[order.size () - 1 - i];
      return (int) n;
    }
  catch (const std::exception &e)
    {
      set_error_from_exception (error, e);
      return -1;
    }
}
