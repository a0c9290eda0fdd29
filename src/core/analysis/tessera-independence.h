/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-duplicates.h"

G_BEGIN_DECLS

/* Which reports of one event are independent sources. Reports whose
 * passage describing the event (the trigger's sentence) is a copy of
 * the same shared passage — the same wire copy, lightly edited — count
 * once: the earliest published of them (then the lowest document id) is
 * the source, the others its copies. GTK-free. */

typedef struct
{
  gint64      document_id;
  gint64      trigger_start;  /* code points */
  gint64      trigger_end;
  const char *published;      /* YYYY-MM-DD…, or NULL */
  gint64      copy_of;        /* out: the report it copies, or 0 */
} TesseraSourceReport;

/* Fills copy_of in each of @reports (@n_reports of them) from
 * @duplicates (NULL: every report is its own source) and returns how
 * many independent sources they are. */
guint tessera_independence_compute (TesseraDuplicates   *duplicates,
                                    TesseraSourceReport *reports,
                                    guint                n_reports);

G_END_DECLS
