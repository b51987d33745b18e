#define G_LOG_DOMAIN "lk-report"

#include "lk-config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>

#include "lk-report-pdf-private.h"

/* A table for people: when, who, what, on which object, and a sentence
 * made from the details.  The raw details of every entry, and each entry's
 * hash, are in the JSON report; the head hash above ties the two together. */
static const LkColumn entry_columns[] = {
  { 0.06, LK_CELL_SMALL }, { 0.19, LK_CELL_SMALL | LK_CELL_NOWRAP }, { 0.14, LK_CELL_SMALL },
  { 0.16, LK_CELL_SMALL }, { 0.11, LK_CELL_SMALL }, { 0.34, LK_CELL_SMALL },
};

static void
entries_header (LkPdf *pdf)
{
  const char *header[] = { _("No."), _("Local time"), _("Analyst"), _("Action"), _("Object"), _("What was done"), NULL };

  lk_pdf_table_header (pdf, entry_columns, 6, header);
}

static void
entry_row (LkPdf *pdf, const LkReportAuditEntry *e)
{
  g_autofree char *seq = g_strdup_printf ("%" PRId64, e->seq);
  g_autofree char *time = lk_report_time_local (e->time);
  g_autofree char *summary = lk_report_audit_summary (pdf->data, e);
  const char *row[] = { seq, time, e->analyst ? e->analyst : "",
                        lk_report_audit_action_label (e->action), e->object ? e->object : "", summary };

  lk_pdf_table_row (pdf, entry_columns, 6, row);
}

static void
counts_table (LkPdf *pdf, const char *what, GPtrArray *counts, gboolean actions)
{
  static const LkColumn columns[] = { { 0.70, LK_CELL_PLAIN }, { 0.30, LK_CELL_PLAIN } };
  const char *header[] = { what, _("Entries"), NULL };

  lk_pdf_table_header (pdf, columns, 2, header);
  for (guint i = 0; i < counts->len; i++)
    {
      LkReportCount *c = g_ptr_array_index (counts, i);
      g_autofree char *n = g_strdup_printf ("%u", c->count);
      const char *key = actions ? lk_report_audit_action_label (c->key) : c->key;
      const char *row[] = { key && *key ? key : "—", n };

      lk_pdf_table_row (pdf, columns, 2, row);
    }
  lk_pdf_table_end (pdf);
}

static void
render_summary (LkPdf *pdf)
{
  GPtrArray *audit = pdf->data->audit;

  lk_pdf_paragraph (pdf, _("The log is summarised here; the full log is in the case and in a report "
                           "exported with the full audit log."),
                    8.5, PANGO_WEIGHT_NORMAL, &lk_pdf_muted, 0, 6);
  lk_pdf_heading (pdf, _("Entries by action"), 3);
  counts_table (pdf, _("Action"), pdf->data->audit_by_action, TRUE);
  lk_pdf_heading (pdf, _("Entries by analyst"), 3);
  counts_table (pdf, _("Analyst"), pdf->data->audit_by_analyst, FALSE);
  if (audit->len == 0)
    return;
  lk_pdf_heading (pdf, _("First and last entries"), 3);
  entries_header (pdf);
  entry_row (pdf, g_ptr_array_index (audit, 0));
  if (audit->len > 1)
    entry_row (pdf, g_ptr_array_index (audit, audit->len - 1));
  lk_pdf_table_end (pdf);
}

void
lk_report_pdf_render_audit (LkPdf *pdf)
{
  LkReportData *d = pdf->data;
  g_autofree char *length = g_strdup_printf ("%" PRIu64, d->audit_length);

  /* The heading, the verdict and the first rows of the table. */
  lk_pdf_section_start (pdf, 160);
  lk_pdf_heading (pdf, _("Appendix C — Audit log"), 1);
  lk_pdf_kv (pdf, _("Entries"), length, LK_CELL_PLAIN);
  lk_pdf_kv (pdf, _("Head hash"), d->audit_head, LK_CELL_MONO | LK_CELL_NOWRAP);
  lk_pdf_kv (pdf, _("Chain verification"),
             d->audit_ok ? (d->audit_message ? d->audit_message : _("verified"))
                         : (d->audit_message ? d->audit_message : _("FAILED")),
             d->audit_ok ? LK_CELL_PLAIN : LK_CELL_BOLD | LK_CELL_FAIL);
  lk_pdf_kv (pdf, _("Times"), _("in the time zone of the computer that made this report; the JSON "
                                "report has every entry as recorded (UTC), with its details and hash"),
             LK_CELL_PLAIN);
  pdf->y += 8;
  if (pdf->options->audit == LK_REPORT_AUDIT_SUMMARY)
    {
      render_summary (pdf);
      return;
    }
  if (d->audit->len > 0)
    entries_header (pdf);
  for (guint i = 0; i < d->audit->len; i++)
    entry_row (pdf, g_ptr_array_index (d->audit, i));
  if (d->audit->len > 0)
    lk_pdf_table_end (pdf);
}
