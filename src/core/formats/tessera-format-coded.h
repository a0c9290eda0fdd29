/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "tessera-coded-event.h"
#include "tessera-json-writer.h"

G_BEGIN_DECLS

/* One record as a JSON object: "cluster" ("c12", or null for an event in
 * no cluster, then "event": "e34"), "name", "event_type", "event_date",
 * "time_precision", "actor1", "actor2", "location", "fatalities",
 * "fatalities_reported", "reports", "sources", "independent_sources",
 * "copies", "disputed", "notes" and "set_by_hand" (each field the analyst
 * set, with what the reports gave). */
void     tessera_coded_event_write_json  (TesseraJsonWriter       *w,
                                          const TesseraCodedEvent *record);

/* {"events": [records]}, pretty. */
gboolean tessera_coded_events_write_json (GOutputStream  *out,
                                          GPtrArray      *records,
                                          GError        **error);

/* A header row, then one row per record, RFC 4180: ACLED's columns
 * (event_date, time_precision, event_type, actor1, actor2, location,
 * fatalities, source, notes), then reports, independent_sources,
 * disputed and set_by_hand. */
gboolean tessera_coded_events_write_csv  (GOutputStream  *out,
                                          GPtrArray      *records,
                                          GError        **error);

G_END_DECLS
