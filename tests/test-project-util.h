/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tessera-error.h"
#include "tessera-project.h"
#include "tessera-test-util.h"

G_BEGIN_DECLS

/* The fixture and helpers that test-project and its companions
 * (test-project-documents, -annotations, -changes) share: one project
 * with one document holding TEXT. */

extern const char TEXT[];

typedef struct
{
  char           *dir;
  char           *path;
  TesseraProject *project;
  gint64          doc;     /* holds TEXT */
} Fixture;

/* "The militia shelled Ménaka …; the governor denied any casualties":
 * a RemoteViolence event with Agent, Place and Casualties, and the
 * governor's denial of it. */
typedef struct
{
  gint64 militia, shelled, menaka, governor, denied, casualties;
  gint64 event, stance;
  gint64 agent, place, toll;
} Scene;

/* For g_test_add (…, Fixture, NULL, fixture_setup, test, fixture_teardown). */
void     fixture_setup    (Fixture        *f,
                           gconstpointer   data);
void     fixture_teardown (Fixture        *f,
                           gconstpointer   data);
void     fixture_close    (Fixture        *f);
void     fixture_reopen   (Fixture        *f);

gint64   add_doc          (TesseraProject *project,
                           const char     *uid,
                           const char     *title,
                           const char     *text);
gint64   label            (TesseraProject *project,
                           const char     *kind_and_name);
gint64   tag              (Fixture        *f,
                           const char     *word,
                           const char     *kind_and_name);
/* A document's n_annotations, as the project counts them. */
gint64   n_annotations    (TesseraProject *project,
                           gint64          doc_id);

/* Tags the Scene in the fixture's document. */
void     build_scene      (Fixture        *f,
                           Scene          *s);
void     delete_span      (Fixture        *f,
                           gint64          id);
gboolean span_exists      (Fixture        *f,
                           gint64          id);

G_END_DECLS
