#define G_LOG_DOMAIN "lk-report"

#include <glib.h>

GQuark lk_report_error_quark (void);

G_DEFINE_QUARK (lk-report-error-quark, lk_report_error)
