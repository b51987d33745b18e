/* lk-convert-model — turns the face descriptor weights of npm
 * @vladmandic/face-api@1.7.15 (a TensorFlow.js port of dlib's CC0 ResNet face
 * model, uint8-quantized) back into dlib's own serialized model file, so that
 * the face engine loads it exactly as it would load dlib's
 * dlib_face_recognition_resnet_model_v1.dat.
 *
 * Usage: lk-convert-model MANIFEST.json WEIGHTS.bin OUTPUT.dat [--expect-sha256 HEX]
 *
 * Every tensor's name, shape and byte count is checked against the network
 * dlib defines; the output is deterministic (see `clean()` below) and is read
 * back and run once to prove it gives the same descriptor as the network it
 * was written from.
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "../lk-face-net.hpp"

namespace {

struct Tensor
{
  std::string name;
  std::vector<long> shape;
  std::vector<float> values;
};

struct Expected
{
  std::string name;
  std::vector<long> shape;
};

[[noreturn]] void
fail (const std::string &message)
{
  throw std::runtime_error (message);
}

std::string
shape_str (const std::vector<long> &shape)
{
  std::string s = "[";
  for (size_t i = 0; i < shape.size (); i++)
    s += (i ? ", " : "") + std::to_string (shape[i]);
  return s + "]";
}

/* The tensors dlib's network needs, input to output, in the package's naming. */
std::vector<Expected>
expected_tensors ()
{
  std::vector<Expected> out;
  auto conv = [&] (const std::string &prefix, long k, long in, long n) {
    out.push_back ({prefix + "conv/filters", {k, k, in, n}});
    out.push_back ({prefix + "conv/bias", {n}});
    out.push_back ({prefix + "scale/weights", {n}});
    out.push_back ({prefix + "scale/biases", {n}});
  };
  auto unit = [&] (const std::string &name, long in, long n) {
    conv (name + "/conv1/", 3, in, n);
    conv (name + "/conv2/", 3, n, n);
  };
  conv ("conv32_down/", 7, 3, 32);
  for (int i = 1; i <= 3; i++) unit ("conv32_" + std::to_string (i), 32, 32);
  unit ("conv64_down", 32, 64);
  for (int i = 1; i <= 3; i++) unit ("conv64_" + std::to_string (i), 64, 64);
  unit ("conv128_down", 64, 128);
  for (int i = 1; i <= 2; i++) unit ("conv128_" + std::to_string (i), 128, 128);
  unit ("conv256_down", 128, 256);
  for (int i = 1; i <= 2; i++) unit ("conv256_" + std::to_string (i), 256, 256);
  unit ("conv256_down_out", 256, 256);
  out.push_back ({"fc", {256, 128}});
  return out;
}

std::vector<Tensor>
read_weights (const char *manifest_path, const char *bin_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  if (!json_parser_load_from_file (parser, manifest_path, &error))
    fail (std::string ("cannot read the manifest: ") + error->message);

  gchar *bin_data = NULL;
  gsize bin_len = 0;
  if (!g_file_get_contents (bin_path, &bin_data, &bin_len, &error))
    fail (std::string ("cannot read the weights: ") + error->message);
  g_autofree gchar *bin = bin_data;

  JsonNode *root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_ARRAY (root))
    fail ("the manifest is not a JSON array of weight groups");

  std::vector<Tensor> tensors;
  gsize offset = 0;
  JsonArray *groups = json_node_get_array (root);
  for (guint g = 0; g < json_array_get_length (groups); g++)
    {
      JsonObject *group = json_array_get_object_element (groups, g);
      if (!group || !json_object_has_member (group, "weights"))
        fail ("weight group " + std::to_string (g) + " has no \"weights\"");
      JsonArray *weights = json_object_get_array_member (group, "weights");
      for (guint w = 0; w < json_array_get_length (weights); w++)
        {
          JsonObject *spec = json_array_get_object_element (weights, w);
          Tensor t;
          t.name = json_object_get_string_member (spec, "name");
          JsonArray *shape = json_object_get_array_member (spec, "shape");
          long count = 1;
          for (guint d = 0; d < json_array_get_length (shape); d++)
            {
              t.shape.push_back (json_array_get_int_element (shape, d));
              count *= t.shape.back ();
            }
          t.values.resize (count);
          if (json_object_has_member (spec, "quantization"))
            {
              JsonObject *q = json_object_get_object_member (spec, "quantization");
              if (g_strcmp0 (json_object_get_string_member (q, "dtype"), "uint8") != 0)
                fail (t.name + ": only uint8 quantization is known");
              double scale = json_object_get_double_member (q, "scale");
              double min = json_object_get_double_member (q, "min");
              if (offset + count > bin_len)
                fail (t.name + ": the weights file is shorter than the manifest says");
              for (long i = 0; i < count; i++)
                t.values[i] = (float) (min + scale * (guint8) bin[offset + i]);
              offset += count;
            }
          else
            {
              const char *dtype = json_object_get_string_member_with_default (spec, "dtype", "float32");
              if (g_strcmp0 (dtype, "float32") != 0)
                fail (t.name + ": unexpected dtype " + dtype);
              if (offset + 4 * count > bin_len)
                fail (t.name + ": the weights file is shorter than the manifest says");
              for (long i = 0; i < count; i++)
                {
                  guint32 bits;
                  memcpy (&bits, bin + offset + 4 * i, 4);
                  bits = GUINT32_FROM_LE (bits);
                  memcpy (&t.values[i], &bits, 4);
                }
              offset += 4 * count;
            }
          tensors.push_back (std::move (t));
        }
    }
  if (offset != bin_len)
    fail ("the weights file has " + std::to_string (bin_len - offset) +
          " bytes the manifest does not describe");
  return tensors;
}

void
check_tensors (const std::vector<Tensor> &tensors)
{
  std::vector<Expected> expected = expected_tensors ();
  if (tensors.size () != expected.size ())
    fail ("the manifest lists " + std::to_string (tensors.size ()) + " tensors, dlib's network has " +
          std::to_string (expected.size ()));
  for (size_t i = 0; i < expected.size (); i++)
    {
      if (tensors[i].name != expected[i].name)
        fail ("tensor " + std::to_string (i) + " is " + tensors[i].name + ", expected " + expected[i].name);
      if (tensors[i].shape != expected[i].shape)
        fail (tensors[i].name + " has shape " + shape_str (tensors[i].shape) + ", expected " +
              shape_str (expected[i].shape));
    }
}

/* Collects the writable parameter tensors of the batch-norm network, from the
 * input towards the output (dlib visits layers output first). */
struct ParamCollector
{
  struct Entry { char kind; dlib::tensor *params; long out, in, k; };
  std::vector<Entry> *entries;

  template <long N, long NR, long NC, int SY, int SX, int PY, int PX>
  void operator() (dlib::con_<N, NR, NC, SY, SX, PY, PX> &l)
  { entries->push_back ({'c', &l.get_layer_params (), N, 0, NR}); }

  void operator() (dlib::bn_<dlib::CONV_MODE> &l)
  { entries->push_back ({'b', &l.get_layer_params (), 0, 0, 0}); }

  template <unsigned long N, dlib::fc_bias_mode M>
  void operator() (dlib::fc_<N, M> &l)
  { entries->push_back ({'f', &l.get_layer_params (), (long) N, 0, 0}); }

  template <typename T>
  void operator() (T &) {}
};

void
fill_conv (dlib::tensor &params, const Tensor &filters, const Tensor &bias)
{
  const long kh = filters.shape[0], kw = filters.shape[1], in = filters.shape[2], out = filters.shape[3];
  if ((long) params.size () != out * in * kh * kw + out)
    fail (filters.name + ": dlib's layer holds " + std::to_string (params.size ()) + " values, the file " +
          std::to_string (out * in * kh * kw + out));
  float *p = params.host ();
  /* TensorFlow keeps [kh][kw][in][out]; dlib keeps [out][in][kh][kw] and then the biases. */
  for (long o = 0; o < out; o++)
    for (long i = 0; i < in; i++)
      for (long y = 0; y < kh; y++)
        for (long x = 0; x < kw; x++)
          *p++ = filters.values[((y * kw + x) * in + i) * out + o];
  for (long o = 0; o < out; o++)
    *p++ = bias.values[o];
}

void
fill_scale (dlib::tensor &params, const Tensor &gamma, const Tensor &beta)
{
  const long n = gamma.shape[0];
  if ((long) params.size () != 2 * n)
    fail (gamma.name + ": dlib's layer holds " + std::to_string (params.size ()) + " values");
  /* With running mean 0 and variance 1, dlib turns bn into affine with
   * gamma / sqrt(1 + eps); pre-multiplying makes the result exact. */
  const double fix = std::sqrt (1.0 + dlib::DEFAULT_BATCH_NORM_EPS);
  float *p = params.host ();
  for (long c = 0; c < n; c++)
    p[c] = (float) (gamma.values[c] * fix);
  for (long c = 0; c < n; c++)
    p[n + c] = beta.values[c];
}

dlib::matrix<dlib::rgb_pixel>
test_chip ()
{
  /* A deterministic, face-free pattern: enough to exercise every layer. */
  dlib::matrix<dlib::rgb_pixel> chip (lk::chip_size, lk::chip_size);
  for (long r = 0; r < chip.nr (); r++)
    for (long c = 0; c < chip.nc (); c++)
      chip (r, c) = dlib::rgb_pixel ((unsigned char) ((r * 7 + c * 3) % 256),
                                     (unsigned char) ((r * c) % 251),
                                     (unsigned char) ((255 - r + c * 5) % 256));
  return chip;
}

void
convert (const char *manifest, const char *bin, const char *output, const char *expect_sha)
{
  std::vector<Tensor> tensors = read_weights (manifest, bin);
  check_tensors (tensors);

  lk::train_net bnet;
  dlib::matrix<dlib::rgb_pixel> chip = test_chip ();
  bnet (chip); /* allocates every layer; one sample keeps bn in inference mode */

  std::vector<ParamCollector::Entry> entries;
  dlib::visit_computational_layers (bnet, ParamCollector { &entries });
  std::reverse (entries.begin (), entries.end ());

  size_t t = 0;
  for (size_t e = 0; e < entries.size (); e++)
    {
      auto &entry = entries[e];
      if (entry.kind == 'c')
        {
          if (e + 1 >= entries.size () || entries[e + 1].kind != 'b')
            fail ("internal: a convolution without its batch-norm layer");
          fill_conv (*entry.params, tensors[t], tensors[t + 1]);
          fill_scale (*entries[e + 1].params, tensors[t + 2], tensors[t + 3]);
          t += 4;
          e++;
        }
      else if (entry.kind == 'f')
        {
          const Tensor &fc = tensors[t++];
          if (entry.params->size () != fc.values.size ())
            fail ("fc: dlib's layer holds " + std::to_string (entry.params->size ()) + " values");
          /* Both keep [inputs][outputs]. */
          std::copy (fc.values.begin (), fc.values.end (), entry.params->host ());
        }
      else
        fail ("internal: unexpected layer order");
    }
  if (t != tensors.size ())
    fail ("internal: " + std::to_string (tensors.size () - t) + " tensors were not used");

  dlib::matrix<float, 0, 1> reference = bnet (chip);

  lk::face_net anet = bnet;
  anet.clean (); /* drop cached outputs, or the file differs from run to run */
  {
    std::ofstream out (output, std::ios::binary | std::ios::trunc);
    if (!out)
      fail (std::string ("cannot write ") + output);
    dlib::serialize (anet, out);
    if (!out.good ())
      fail (std::string ("writing ") + output + " failed");
  }

  /* Load the file back as any dlib program would and compare descriptors. */
  lk::face_net loaded;
  dlib::deserialize (output) >> loaded;
  dlib::matrix<float, 0, 1> again = loaded (chip);
  double diff = dlib::max (dlib::abs (again - reference));
  if (!(diff < 1e-4))
    fail ("the written model gives a different descriptor (max difference " + std::to_string (diff) + ")");

  gchar *data = NULL;
  gsize len = 0;
  g_autoptr(GError) error = NULL;
  if (!g_file_get_contents (output, &data, &len, &error))
    fail (error->message);
  g_autofree gchar *owned = data;
  g_autofree gchar *sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
  if (expect_sha && *expect_sha && g_ascii_strcasecmp (sha, expect_sha) != 0)
    {
      g_remove (output);
      fail (std::string ("the converted model's SHA-256 is ") + sha + ", the pinned value is " + expect_sha +
            ". The conversion is not reproducing the pinned model; check the dlib version (19.24 expected).");
    }
  printf ("converted %zu tensors into %s (%zu bytes, sha256 %s, reload difference %.3g)\n",
          tensors.size (), output, (size_t) len, sha, diff);
}

} /* namespace */

int
main (int argc, char **argv)
{
  const char *expect = NULL;
  std::vector<const char *> args;
  for (int i = 1; i < argc; i++)
    {
      if (strcmp (argv[i], "--expect-sha256") == 0 && i + 1 < argc)
        expect = argv[++i];
      else
        args.push_back (argv[i]);
    }
  if (args.size () != 3)
    {
      fprintf (stderr, "usage: %s MANIFEST.json WEIGHTS.bin OUTPUT.dat [--expect-sha256 HEX]\n", argv[0]);
      return 2;
    }
  try
    {
      convert (args[0], args[1], args[2], expect);
    }
  catch (const std::exception &e)
    {
      fprintf (stderr, "lk-convert-model: error: %s\n", e.what ());
      return 1;
    }
  return 0;
}
