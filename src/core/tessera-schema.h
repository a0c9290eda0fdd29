/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "tessera-types.h"
#include "tessera-core-enums.h"

G_BEGIN_DECLS

typedef enum
{
  TESSERA_LABEL_ENTITY,
  TESSERA_LABEL_EVENT,
  TESSERA_LABEL_ROLE,
  TESSERA_LABEL_STANCE,
  TESSERA_N_LABEL_KINDS, /*< skip >*/
  TESSERA_LABEL_ANY = -1,
} TesseraLabelKind;

const char *tessera_label_kind_to_string   (TesseraLabelKind kind);
/* Accepts the singular ("entity") and the schema JSON's plural ("entities"). */
gboolean    tessera_label_kind_from_string (const char       *str,
                                            TesseraLabelKind *kind);

#define TESSERA_TYPE_LABEL (tessera_label_get_type ())

struct _TesseraLabel
{
  gint64            id;
  TesseraLabelKind  kind;
  char             *name;         /* the identifier exported in JSON, e.g. "ArmedGroup" */
  char             *description;  /* may be NULL */
  char             *color;        /* "#rrggbb" */
  char             *shortcut;     /* one key ("1".."9" or a letter), may be NULL */
  int               position;
  /* Event types only: ids of the role labels offered as slots, in order;
   * empty means every role. */
  GArray           *roles;        /* gint64 */
};

GType         tessera_label_get_type (void) G_GNUC_CONST;
TesseraLabel *tessera_label_new      (void);
TesseraLabel *tessera_label_copy     (const TesseraLabel *label);
void          tessera_label_free     (TesseraLabel       *label);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraLabel, tessera_label_free)

/* A schema as read from JSON, before it meets a project (see
 * data/schema/conflict-news.json for the shape). */
typedef struct
{
  char      *name;
  GPtrArray *labels;      /* TesseraLabel* with id 0; role names of events in role_names */
  GPtrArray *role_names;  /* per label (same index): GStrv of role names or NULL */
  GPtrArray *renamed_from;/* per label (same index): old name or NULL */
  GPtrArray *attributes;  /* TesseraAttribute* */
} TesseraSchemaDef;

typedef struct
{
  char  *name;            /* "realis", "confirmation" */
  GStrv  values;
  char  *default_value;
} TesseraAttribute;

TesseraSchemaDef *tessera_schema_def_parse   (const char        *json,
                                              gssize             len,
                                              GError           **error);
/* The default conflict-news schema shipped as a resource. */
TesseraSchemaDef *tessera_schema_def_default (void);
void              tessera_schema_def_free    (TesseraSchemaDef  *def);
void              tessera_attribute_free     (TesseraAttribute  *attr);
TesseraAttribute *tessera_attribute_copy     (const TesseraAttribute *attr);
gboolean          tessera_attribute_has_value(const TesseraAttribute *attr,
                                              const char             *value);

/* "#rrggbb" check; labels need a colour the window can draw. */
gboolean          tessera_color_is_valid     (const char        *color);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraSchemaDef, tessera_schema_def_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TesseraAttribute, tessera_attribute_free)

G_END_DECLS
