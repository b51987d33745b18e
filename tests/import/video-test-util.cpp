/* video-test-util.cpp — see video-test-util.h. */
#include "video-test-util.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include <exception>

gboolean
vtu_write_clip (const char *path, const char *fourcc, double fps, int width, int height,
                guint n_frames, VtuFrameFunc func, gpointer user_data)
{
  try
    {
      cv::VideoWriter writer (path, cv::CAP_FFMPEG,
                              cv::VideoWriter::fourcc (fourcc[0], fourcc[1], fourcc[2], fourcc[3]),
                              fps, cv::Size (width, height));
      cv::Mat rgb (height, width, CV_8UC3), bgr;

      if (!writer.isOpened ())
        return FALSE;
      for (guint i = 0; i < n_frames; i++)
        {
          func (i, rgb.data, width, height, user_data);
          cv::cvtColor (rgb, bgr, cv::COLOR_RGB2BGR);
          writer.write (bgr);
        }
      writer.release ();
      return TRUE;
    }
  catch (const std::exception &e)
    {
      g_printerr ("cv::VideoWriter failed: %s\n", e.what ());
      return FALSE;
    }
}
