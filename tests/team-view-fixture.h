/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "tessera-agreement-view.h"
#include "tessera-window.h"

G_BEGIN_DECLS

/* What the agreement and curation display tests share: a window on a
 * project where ana and ben tagged the same report,
 *   ana: CSP (ArmedGroup), Sunday (Date), Anefis (Place), army (ArmedGroup);
 *   ben: CSP (ArmedGroup), Anefis (Facility), army (ArmedGroup).
 * (Two programs rather than one: past 2,048 quarks GLib grows its quark
 * table and leaves the old block behind on purpose, which LeakSanitizer
 * reports without a stack it could be suppressed by.) */

extern const char TEAM_TEXT[];

typedef struct
{
  char                 *dir;
  char                 *path;
  TesseraWindow        *window;
  TesseraWorkbench     *workbench;
  TesseraAgreementView *view;
  gint64                doc;
  gint64                ana_sunday;
  guint                 expected;   /* what a wait waits for */
} TeamFixture;

/* Tags the first @word of @doc with the entity label @label, as @who. */
gint64   team_tag_as          (TesseraProject *project,
                               gint64          doc,
                               const char     *who,
                               const char     *word,
                               const char     *label);
/* For g_test_add (…, TeamFixture, NULL, team_fixture_set_up, test, team_fixture_tear_down):
 * tear-down waits for the views' workers first. */
void     team_fixture_set_up    (TeamFixture   *f,
                                 gconstpointer  data);
void     team_fixture_tear_down (TeamFixture   *f,
                                 gconstpointer  data);
/* A TesseraDisplayTestCondition on the agreement view: it has figures. */
gboolean team_has_agreement     (gpointer       view);

G_END_DECLS
