/* lk-export-detector — writes dlib's built-in HOG frontal face detector as
 * an ordinary dlib serialisation, at build time.
 *
 * Usage: lk-export-detector OUTPUT.dat [--expect-sha256 HEX]
 *
 * Why: dlib ships the detector inside its headers as a compressed string, and
 * get_frontal_face_detector() spends ~0.5 s decompressing it at every start;
 * reading this file takes ~5 ms.  The content is the very same detector (the
 * engine falls back to decompressing it when the file is missing).
 */
#include <glib.h>

#include <dlib/image_processing/frontal_face_detector.h>

#include <cstdio>
#include <cstring>
#include <sstream>

int
main (int argc, char **argv)
{
  const char *expect = nullptr, *output = nullptr;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = NULL;
  std::ostringstream out;

  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--expect-sha256") == 0 && i + 1 < argc)
        expect = argv[++i];
      else if (output == nullptr)
        output = argv[i];
      else
        output = nullptr, i = argc;
    }
  if (output == nullptr)
    {
      fprintf (stderr, "usage: %s OUTPUT.dat [--expect-sha256 HEX]\n", argv[0]);
      return 2;
    }
  dlib::serialize (dlib::get_frontal_face_detector (), out);
  const std::string bytes = out.str ();
  sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) bytes.data (), bytes.size ());
  if (expect != nullptr && strcmp (sha, expect) != 0)
    {
      fprintf (stderr, "lk-export-detector: error: the detector's SHA-256 is %s, the pinned value is %s; "
               "check the dlib version (19.24 expected)\n", sha, expect);
      return 1;
    }
  if (!g_file_set_contents (output, bytes.data (), (gssize) bytes.size (), &error))
    {
      fprintf (stderr, "lk-export-detector: error: %s\n", error->message);
      return 1;
    }
  return 0;
}
