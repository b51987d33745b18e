#define G_LOG_DOMAIN "lk-report"

#include "lk-config.h"

#include <glib/gi18n-lib.h>

#include "lk-report-pdf-private.h"

static const LkColumn entry_columns[] = {
  { 0.06, LK_CELL_SMALL }, { 0.15, LK_CELL_SMALL }, { 0.13, LK_CELL_SMALL },
  { 0.13, LK_CELL_SMALL }, { 0.29, LK_CELL_SMALL }, { 0.24, LK_CELL_MONO | LK_CELL_SMALL },
};

static void
entries_header (LkPdf *pdf)
{
  const char *header[] = { _("Seq."), _("Time (UTC)"), _("Analyst"), _("Action"),
                           _("Object and details"), _("Entry hash (SHA-256)"), NULL };

  lk_pdf_table_header (pdf, entry_columns, 6, header);
}

static void
entry_row (LkPdf *pdf, const LkReportAuditEntry *e)
{
  g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT, e->seq);
  g_autofree char *what = g_strdup_printf ("%s%s%s", e->object ? e->object : "",
                                           e->object && e->details ? "\n" : "",
                                           e->details ? e->details : "");
  const char *row[] = { seq, e->time ? e->time : "", e->analyst ? e->analyst : "",
                        e->action ? e->action : "", what, e->hash ? e->hash : "" };

  lk_pdf_table_row (pdf, entry_columns, 6, row);
}

static void
counts_table (LkPdf *pdf, const char *what, GPtrArray *counts)
{
  static const LkColumn columns[] = { { 0.70, LK_CELL_PLAIN }, { 0.30, LK_CELL_PLAIN } };
  const char *header[] = { what, _("Entries"), NULL };

  lk_pdf_table_header (pdf, columns, 2, header);
  for (guint i = 0; i < counts->len; i++)
    {
      LkReportCount *c = g_ptr_array_index (counts, i);
      g_autofree char *n = g_strdup_printf ("%u", c->count);
      const char *row[] = { c->key && *c->key ? c->key : "—", n };

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
  counts_table (pdf, _("Action"), pdf->data->audit_by_action);
  lk_pdf_heading (pdf, _("Entries by analyst"), 3);
  counts_table (pdf, _("Analyst"), pdf->data->audit_by_analyst);
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
  g_autofree char *length = g_strdup_printf ("%" G_GUINT64_FORMAT, d->audit_length);

  lk_pdf_new_page (pdf);
  lk_pdf_heading (pdf, _("Appendix C — Audit log"), 1);
  lk_pdf_kv (pdf, _("Entries"), length, LK_CELL_PLAIN);
  lk_pdf_kv (pdf, _("Head hash"), d->audit_head, LK_CELL_MONO);
  lk_pdf_kv (pdf, _("Chain verification"),
             d->audit_ok ? (d->audit_message ? d->audit_message : _("verified"))
                         : (d->audit_message ? d->audit_message : _("FAILED")),
             d->audit_ok ? LK_CELL_PLAIN : LK_CELL_BOLD);
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
