/* lk-avx2-module.cpp — loading the AVX2 module (see lk-avx2-module.hpp). */
#define G_LOG_DOMAIN "lk-vision"

#include "lk-config.h"

#include "lk-avx2-module.hpp"

#include <dlfcn.h>
#include <glib.h>

#include <initializer_list>

namespace {

void *
load_module ()
{
  __builtin_cpu_init ();
  if (!__builtin_cpu_supports ("avx2") || !__builtin_cpu_supports ("fma"))
    return nullptr;
  for (const char *dir : { LK_MODULE_BUILD_DIR, LK_MODULE_INSTALL_DIR })
    {
      g_autofree char *path = g_build_filename (dir, "likeness-avx2.so", NULL);
      void *handle;

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      handle = dlopen (path, RTLD_NOW | RTLD_LOCAL);
      if (handle != nullptr)
        return handle;
      g_warning ("cannot load the face engine's AVX2 module “%s”: %s", path, dlerror ());
    }
  g_debug ("the face engine's AVX2 module was not found; using the baseline build");
  return nullptr;
}

} /* namespace */

void *
lk::avx2_module_symbol (const char *name)
{
  static void *handle = load_module ();

  return handle != nullptr ? dlsym (handle, name) : nullptr;
}
