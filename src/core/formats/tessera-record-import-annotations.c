/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-record"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tessera-record-import-private.h"
#include "tessera-text.h"

/* Longest excerpt of a text quoted in an error message. */
#define MAX_QUOTE_CHARS 60
/* Room for a few gint64 keys joined by ':'. */
#define KEY_SIZE 112

GHashTable *
_tessera_record_id_table_new (void)
{
  return g_hash_table_new (g_str_hash, g_str_equal);
}

static void
id_table_insert (Record     *r,
                 GHashTable *table,
                 const char *key,
                 gint64      id)
{
  g_array_append_val (r->ids, id);
  g_hash_table_insert (table, g_string_chunk_insert (r->strings, key),
                       GUINT_TO_POINTER (r->ids->len));
}

/* 0 when @key is not in @table. */
static gint64
id_table_lookup (Record     *r,
                 GHashTable *table,
                 const char *key)
{
  guint pos = table != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (table, key)) : 0;

  return pos > 0 ? g_array_index (r->ids, gint64, pos - 1) : 0;
}

/* "Person, Organization, …" for messages. */
static char *
label_names (TesseraProject   *project,
             TesseraLabelKind  kind)
{
  g_autoptr(GPtrArray) labels = tessera_project_list_labels (project, kind);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; labels != NULL && i < labels->len; i++)
    {
      const TesseraLabel *label = labels->pdata[i];

      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, label->name);
    }

  if (names->len == 0)
    /* Translators: what the schema has of a kind of label when it has none. */
    g_string_append (names, _("none"));

  return g_string_free (g_steal_pointer (&names), FALSE);
}

static const char *
span_label_names (TesseraRecordImporter *imp)
{
  if (imp->span_label_names == NULL)
    {
      g_autofree char *entities = label_names (imp->project, TESSERA_LABEL_ENTITY);
      g_autofree char *events = label_names (imp->project, TESSERA_LABEL_EVENT);
      g_autofree char *stances = label_names (imp->project, TESSERA_LABEL_STANCE);

      /* Translators: the labels a span may have, ending a message "…has
       * unknown label \"Weapon\" (the schema has: %s)": the entity
       * labels, the event types, then the stance labels, each a list
       * ("Person, Place"). */
      imp->span_label_names = g_strdup_printf (_("%s; event types: %s; stances: %s"),
                                               entities, events, stances);
    }

  return imp->span_label_names;
}

/* A short, quoted excerpt for a message. */
static char *
quote_excerpt (const char *str,
               gssize      len)
{
  g_autoptr(GString) excerpt = g_string_new (NULL);
  const char *end;
  const char *p;
  guint n = 0;

  if (len < 0)
    len = strlen (str);
  end = str + len;

  for (p = str; p < end && n < MAX_QUOTE_CHARS; p = g_utf8_next_char (p), n++)
    ;
  g_string_append_len (excerpt, str, p - str);
  if (p < end)
    g_string_append (excerpt, "…");

  /* Translators: an excerpt of a text, quoted, in the import's messages
   * ("span \"s2\" has text “Amaru” but the text at 3–8 is “maru ”"). */
  return g_strdup_printf (_("“%s”"), excerpt->str);
}

/* Code-point offsets of [start, end) given in UTF-16 units or bytes, if
 * @text has character boundaries there. */
static gboolean
offsets_from_unit (const char *text,
                   gboolean    utf16,
                   gint64      start,
                   gint64      end,
                   gint64     *cp_start,
                   gint64     *cp_end)
{
  gint64 units = 0;
  gint64 chars = 0;
  const char *p = text;

  *cp_start = *cp_end = -1;
  for (;;)
    {
      if (units == start)
        *cp_start = chars;
      if (units == end)
        {
          *cp_end = chars;
          break;
        }
      if (*p == '\0' || units > end)
        break;

      if (utf16)
        units += g_utf8_get_char (p) >= 0x10000 ? 2 : 1;
      else
        units += g_utf8_skip[*(const guchar *) p];
      p = g_utf8_next_char (p);
      chars++;
    }

  return *cp_start >= 0 && *cp_end >= 0;
}

/* Why a span's "text" does not match: often offsets counted by another
 * tool in UTF-16 units (JavaScript, Java) or bytes (Rust, Go). */
static const char *
offset_unit_hint (const char *text,
                  gint64      start,
                  gint64      end,
                  const char *expected)
{
  static const char * const hints[] = {
    /* Translators: why the text at a span's offsets is not the span's
     * "text", when they look counted in UTF-16 units: ends the message
     * "…but the text at 3–8 is “maru ” (%s)". */
    N_("they look like UTF-16 offsets; offsets must be Unicode code points"),
    /* Translators: the same, for offsets counted in bytes. */
    N_("they look like byte offsets; offsets must be Unicode code points"),
  };

  for (guint i = 0; i < G_N_ELEMENTS (hints); i++)
    {
      gint64 cs, ce;
      g_autofree char *slice = NULL;

      if (offsets_from_unit (text, i == 0, start, end, &cs, &ce) &&
          (slice = tessera_text_slice (text, cs, ce)) != NULL &&
          strcmp (slice, expected) == 0)
        return _(hints[i]);
    }

  /* Translators: why the text at a span's offsets is not the span's
   * "text", when it cannot be told: ends the message "…but the text at
   * 3–8 is “maru ” (%s)". */
  return _("offsets must be Unicode code points");
}

/* The annotator who signs an object: the one the record names, else the
 * project's current one (the project's setting is never changed). */
static gint64
resolve_annotator (Record            *r,
                   const RecordWhat  *what,
                   const char        *name,
                   GError           **error)
{
  TesseraProject *project = r->imp->project;
  g_autoptr(GError) local_error = NULL;
  char buf[TESSERA_RECORD_WHAT_SIZE];
  gint64 id;

  id = name != NULL && *name != '\0'
    ? tessera_project_get_annotator_id (project, name, &local_error)
    : tessera_project_get_current_annotator_id (project, &local_error);
  if (id > 0)
    return id;

  if (local_error == NULL)
    /* Translators: where in the file (file and line), then an object of the
     * record ("span \"s3\""). */
    return _tessera_record_error (error, _("%s: %s has an annotator that could not be recorded"),
                                  r->where, _tessera_record_describe (buf, what));
  g_propagate_error (error, g_steal_pointer (&local_error));
  return _tessera_record_prefix_error (r, error);
}

/* After tessera_project_insert_*() returned 0: says which object of the
 * record could not be added, and why when the project said. */
static gboolean
object_not_added (Record            *r,
                  const RecordWhat  *what,
                  GError           **local_error,
                  GError           **error)
{
  char buf[TESSERA_RECORD_WHAT_SIZE];

  if (*local_error == NULL)
    /* Translators: where in the file (file and line), then an object of the
     * record ("span \"s3\""). */
    return _tessera_record_error (error, _("%s: %s could not be added"), r->where,
                                  _tessera_record_describe (buf, what));
  g_propagate_error (error, g_steal_pointer (local_error));
  return _tessera_record_prefix_error (r, error);
}

/* @annotator_id is 0 unless the import keeps each annotator's spans apart
 * (merging annotators' work): then another annotator's identical span is
 * kept as theirs, and events and stances follow, as they name their spans. */
static const char *
span_key (char   key[KEY_SIZE],
          gint64 start,
          gint64 end,
          gint64 label_id,
          gint64 annotator_id)
{
  g_snprintf (key, KEY_SIZE, "%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT
              ":%" G_GINT64_FORMAT, start, end, label_id, annotator_id);
  return key;
}

static const char *
event_key (char   key[KEY_SIZE],
           gint64 trigger,
           gint64 type_id)
{
  g_snprintf (key, KEY_SIZE, "%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, trigger, type_id);
  return key;
}

static const char *
stance_key (char   key[KEY_SIZE],
            gint64 span_id,
            gint64 label_id,
            gint64 holder,
            gint64 target_event,
            gint64 target_span)
{
  g_snprintf (key, KEY_SIZE, "%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT
              ":%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
              span_id, label_id, holder, target_event, target_span);
  return key;
}

/* What the document already has, so a merge skips it. */
gboolean
_tessera_record_load_existing (Record  *r,
                               GError **error)
{
  TesseraProject *project = r->imp->project;
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GArray) stances = NULL;
  char key[KEY_SIZE];

  if (!(spans = tessera_project_list_spans (project, r->document_id, error)) ||
      !(events = tessera_project_list_events (project, r->document_id, error)) ||
      !(stances = tessera_project_list_stances (project, r->document_id, error)))
    return _tessera_record_prefix_error (r, error);

  r->old_spans = _tessera_record_id_table_new ();
  for (guint i = 0; i < spans->len; i++)
    {
      const TesseraSpan *s = &g_array_index (spans, TesseraSpan, i);

      id_table_insert (r, r->old_spans, span_key (key, s->start, s->end, s->label_id, r->imp->per_annotator ? s->annotator_id : 0), s->id);
    }

  r->old_events = _tessera_record_id_table_new ();
  for (guint i = 0; i < events->len; i++)
    {
      const TesseraEvent *e = events->pdata[i];

      id_table_insert (r, r->old_events, event_key (key, e->trigger_span_id, e->type_label_id),
                       e->id);
    }

  r->old_stances = _tessera_record_id_table_new ();
  for (guint i = 0; i < stances->len; i++)
    {
      const TesseraStance *t = &g_array_index (stances, TesseraStance, i);

      id_table_insert (r, r->old_stances,
                       stance_key (key, t->span_id, t->label_id, t->holder_span_id,
                                   t->target_event_id, t->target_span_id),
                       t->id);
    }

  return TRUE;
}

/* The project's cluster for the file's reference @ref, made on first
 * sight when the file did not list its clusters (JSONL); 0 with an error. */
static gint64
resolve_cluster (Record            *r,
                 const RecordWhat  *what,
                 const char        *ref,
                 const char        *name,
                 TesseraLabelKind   kind,
                 GError           **error)
{
  TesseraRecordImporter *imp = r->imp;
  ClusterRef *found = g_hash_table_lookup (imp->clusters, ref);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(TesseraCluster) same = NULL;
  char buf[TESSERA_RECORD_WHAT_SIZE];
  gint64 id;

  if (found != NULL)
    {
      if (found->kind != kind && kind == TESSERA_LABEL_EVENT)
        return _tessera_record_error (error,
                                      /* Translators: where in the file (file and line), an event
                                       * of the record ("event \"e1\""), then the cluster's id in
                                       * the file. */
                                      _("%s: %s is an event but cluster \"%s\" links entity "
                                        "mentions"),
                                      r->where, _tessera_record_describe (buf, what), ref);
      if (found->kind != kind)
        return _tessera_record_error (error,
                                      /* Translators: where in the file (file and line), a span of
                                       * the record ("span \"s3\""), then the cluster's id in the
                                       * file. */
                                      _("%s: %s is an entity mention but cluster \"%s\" links "
                                        "events"),
                                      r->where, _tessera_record_describe (buf, what), ref);
      return found->id;
    }
  if (imp->clusters_declared)
    return _tessera_record_error (error,
                                  /* Translators: where in the file (file and line), an object of
                                   * the record ("span \"s3\""), then the cluster's id in the
                                   * file. Keep "clusters": it is the file's word. */
                                  _("%s: %s cluster \"%s\" is not among the file's \"clusters\""),
                                  r->where, _tessera_record_describe (buf, what), ref);

  if (name != NULL && !g_utf8_validate (name, -1, NULL))
    name = NULL;

  /* The same id, kind and name in this project: the file came from here. */
  if ((id = _tessera_record_parse_ref_id (ref, 'c')) > 0 && name != NULL &&
      (same = tessera_project_get_cluster (imp->project, id, NULL)) != NULL &&
      same->kind == kind && g_strcmp0 (same->name, name) == 0)
    id = same->id;
  else if ((id = tessera_project_add_cluster (imp->project, kind,
                                              name != NULL && *name != '\0' ? name : ref,
                                              &local_error)) <= 0)
    return object_not_added (r, what, &local_error, error);

  found = g_new0 (ClusterRef, 1);
  found->id = id;
  found->kind = kind;
  g_hash_table_insert (imp->clusters, g_strdup (ref), found);

  return id;
}

/* Puts an imported (or matched, when merging) span or event into the
 * cluster its record names. A merged object already in a cluster stays
 * where the analyst put it. */
static gboolean
import_membership (Record            *r,
                   JsonObject        *obj,
                   const RecordWhat  *what,
                   gint64             span_id,
                   gint64             event_id,
                   GError           **error)
{
  TesseraProject *project = r->imp->project;
  char ref_buf[TESSERA_RECORD_REF_SIZE];
  g_autoptr(GError) local_error = NULL;
  const char *ref, *name;
  gint64 cluster_id;

  if (!_tessera_record_get_ref (r, obj, what, "cluster", ref_buf, &ref, error) ||
      !_tessera_record_get_string (r, obj, what, "cluster_name", &name, error))
    return FALSE;
  if (ref == NULL)
    return TRUE;

  if (r->merged)
    {
      gint64 current = span_id > 0
        ? tessera_project_get_span_cluster (project, span_id, &local_error)
        : tessera_project_get_event_cluster (project, event_id, &local_error);

      if (local_error != NULL)
        return object_not_added (r, what, &local_error, error);
      if (current > 0)
        return TRUE;
    }

  cluster_id = resolve_cluster (r, what, ref, name,
                                span_id > 0 ? TESSERA_LABEL_ENTITY : TESSERA_LABEL_EVENT, error);
  if (cluster_id <= 0)
    return FALSE;
  if (!tessera_project_add_cluster_member (project, cluster_id, span_id, event_id, &local_error))
    return object_not_added (r, what, &local_error, error);

  return TRUE;
}

gboolean
_tessera_record_import_span (Record      *r,
                             JsonObject  *obj,
                             guint        index,
                             GError     **error)
{
  TesseraRecordImporter *imp = r->imp;
  TesseraProject *project = imp->project;
  char ref_buf[TESSERA_RECORD_REF_SIZE];
  char buf[TESSERA_RECORD_WHAT_SIZE];
  char key[KEY_SIZE];
  RecordWhat what_span = { RECORD_OBJECT_SPAN, NULL, index, 0 };
  const RecordWhat *what = &what_span;
  const TesseraLabel *label = NULL;
  const char *ref, *label_name, *expected, *annotator, *note;
  g_autoptr(GError) local_error = NULL;
  TesseraSpan span = { 0 };
  gint64 start, end, id = 0;
  gboolean suggested;

  if (!_tessera_record_get_ref (r, obj, what, "id", ref_buf, &ref, error))
    return FALSE;
  what_span.ref = ref;

  if (ref != NULL && g_hash_table_contains (r->spans, ref))
    /* Translators: where in the file (file and line), then the id. */
    return _tessera_record_error (error, _("%s: two spans have the id \"%s\""), r->where, ref);

  if (!_tessera_record_get_offset (r, obj, what, "start", &start, error) ||
      !_tessera_record_get_offset (r, obj, what, "end", &end, error) ||
      !_tessera_record_get_string (r, obj, what, "label", &label_name, error) ||
      !_tessera_record_get_string (r, obj, what, "text", &expected, error) ||
      !_tessera_record_get_string (r, obj, what, "annotator", &annotator, error) ||
      !_tessera_record_get_string (r, obj, what, "note", &note, error) ||
      !_tessera_record_get_bool (r, obj, what, "suggested", &suggested, error))
    return FALSE;

  if (start > end)
    /* Translators: where in the file (file and line), a span ("span \"s3\""),
     * then its start and end offsets. */
    return _tessera_record_error (error, _("%s: %s has start %" PRId64 " > end %" PRId64),
                                  r->where, _tessera_record_describe (buf, what), start, end);
  if (end > r->n_chars)
    return _tessera_record_error (error,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               /* Translators: where in the file (file and line),
                                                * a span ("span \"s3\""), its end offset, then the
                                                * length of the text. */
                                               "%s: %s ends at %" PRId64 ", past the end of the "
                                               "text (%" PRId64 " code point)",
                                               "%s: %s ends at %" PRId64 ", past the end of the "
                                               "text (%" PRId64 " code points)",
                                               (gulong) r->n_chars),
                                  r->where, _tessera_record_describe (buf, what), end, r->n_chars);

  if (label_name == NULL)
    return _tessera_record_error (error, _("%s: %s has no \"%s\""), r->where,
                                  _tessera_record_describe (buf, what), "label");
  if (!(label = tessera_project_find_label (project, TESSERA_LABEL_ENTITY, label_name)) &&
      !(label = tessera_project_find_label (project, TESSERA_LABEL_EVENT, label_name)) &&
      !(label = tessera_project_find_label (project, TESSERA_LABEL_STANCE, label_name)))
    /* Translators: where in the file (file and line), a span ("span \"s3\""),
     * the label it gives, then the labels the schema has. */
    return _tessera_record_error (error, _("%s: %s has unknown label \"%s\" (the schema has: %s)"),
                                  r->where, _tessera_record_describe (buf, what), label_name,
                                  span_label_names (imp));

  if (expected != NULL)
    {
      TesseraTextCursor end_cursor;
      const char *from = tessera_text_cursor_seek (&r->cursor, start);
      const char *to;

      end_cursor = r->cursor;
      to = tessera_text_cursor_seek (&end_cursor, end);
      g_assert (from != NULL && to != NULL);

      if ((gsize) (to - from) != strlen (expected) || memcmp (from, expected, to - from) != 0)
        {
          g_autofree char *want = quote_excerpt (expected, -1);
          g_autofree char *found = quote_excerpt (from, to - from);

          return _tessera_record_error (error,
                                        /* Translators: where in the file (file and line), a span
                                         * ("span \"s3\""), the text it says it covers (quoted),
                                         * its start and end offsets, the text there (quoted),
                                         * then why they differ ("they look like byte offsets;
                                         * …"). */
                                        _("%s: %s has text %s but the text at %" PRId64
                                          "–%" PRId64 " is %s (%s)"),
                                        r->where, _tessera_record_describe (buf, what), want, start,
                                        end, found,
                                        offset_unit_hint (r->text, start, end, expected));
        }
    }

  /* Otherwise an annotator is recorded only for what is added. */
  if (imp->per_annotator && !(span.annotator_id = resolve_annotator (r, what, annotator, error)))
    return FALSE;
  if (r->merged &&
      (id = id_table_lookup (r, r->old_spans, span_key (key, start, end, label->id, span.annotator_id))) > 0)
    {
      if (ref != NULL)
        id_table_insert (r, r->spans, ref, id);
      return import_membership (r, obj, what, id, 0, error);
    }

  span.id = imp->keep_ids ? _tessera_record_parse_ref_id (ref, 's') : 0;
  span.document_id = r->document_id;
  span.start = start;
  span.end = end;
  span.label_id = label->id;
  span.note = (char *) note;
  span.suggested = suggested;
  if (!imp->per_annotator && !(span.annotator_id = resolve_annotator (r, what, annotator, error)))
    return FALSE;
  if ((id = tessera_project_insert_span (project, &span, &local_error)) <= 0)
    return object_not_added (r, what, &local_error, error);

  if (ref != NULL)
    id_table_insert (r, r->spans, ref, id);
  if (r->old_spans != NULL)
    id_table_insert (r, r->old_spans, span_key (key, start, end, label->id,
                                                imp->per_annotator ? span.annotator_id : 0), id);
  imp->ctx->report->n_spans++;

  return import_membership (r, obj, what, id, 0, error);
}

/* A span reference of the record, by @key of @obj; 0 (no error) when
 * absent and not @required. */
static gboolean
resolve_span (Record            *r,
              JsonObject        *obj,
              const RecordWhat  *what,
              const char        *key,
              gboolean           required,
              gint64            *out,
              GError           **error)
{
  char buf[TESSERA_RECORD_REF_SIZE];
  char what_buf[TESSERA_RECORD_WHAT_SIZE];
  const char *ref;

  *out = 0;
  if (!_tessera_record_get_ref (r, obj, what, key, buf, &ref, error))
    return FALSE;

  if (ref == NULL && !required)
    return TRUE;
  if (ref == NULL)
    return _tessera_record_error (error, _("%s: %s has no \"%s\""), r->where,
                                  _tessera_record_describe (what_buf, what), key);

  if ((*out = id_table_lookup (r, r->spans, ref)) <= 0)
    /* Translators: where in the file (file and line), an object of the
     * record ("event \"e1\""), the member that names a span ("trigger",
     * "span", "holder": a JSON key), then the span's id. */
    return _tessera_record_error (error, _("%s: %s %s \"%s\" is not a span of this record"),
                                  r->where, _tessera_record_describe (what_buf, what), key, ref);

  return TRUE;
}

static gboolean
check_attribute (Record            *r,
                 const RecordWhat  *what,
                 const char        *name,
                 const char        *value,
                 GError           **error)
{
  const TesseraAttribute *attr;
  g_autofree char *values = NULL;
  char buf[TESSERA_RECORD_WHAT_SIZE];

  if (value == NULL)
    return TRUE;

  attr = tessera_project_get_attribute (r->imp->project, name);
  if (attr == NULL)
    return _tessera_record_error (error,
                                  /* Translators: where in the file (file and line), an event
                                   * ("event \"e1\""), then an attribute of events ("realis", a
                                   * JSON key). */
                                  _("%s: %s has \"%s\" but the schema has no such attribute"),
                                  r->where, _tessera_record_describe (buf, what), name);
  if (!tessera_attribute_has_value (attr, value))
    {
      values = attr->values != NULL ? g_strjoinv (", ", attr->values) : g_strdup (_("none"));
      /* Translators: where in the file (file and line), an event ("event
       * \"e1\""), an attribute of events ("realis", a JSON key), the value
       * the event gives, then the values the schema allows. */
      return _tessera_record_error (error, _("%s: %s has unknown %s \"%s\" (expected one of: %s)"),
                                    r->where, _tessera_record_describe (buf, what), name, value,
                                    values);
    }

  return TRUE;
}

gboolean
_tessera_record_import_event (Record      *r,
                              JsonObject  *obj,
                              guint        index,
                              GError     **error)
{
  TesseraRecordImporter *imp = r->imp;
  TesseraProject *project = imp->project;
  char ref_buf[TESSERA_RECORD_REF_SIZE];
  char buf[TESSERA_RECORD_WHAT_SIZE];
  char key[KEY_SIZE];
  RecordWhat what_event = { RECORD_OBJECT_EVENT, NULL, index, 0 };
  const RecordWhat *what = &what_event;
  g_autoptr(TesseraEvent) event = tessera_event_new ();
  const TesseraLabel *type;
  const char *ref, *type_name, *realis, *confirmation, *annotator;
  g_autoptr(GError) local_error = NULL;
  JsonArray *arguments;
  gint64 trigger, id = 0;
  gboolean suggested;

  if (!_tessera_record_get_ref (r, obj, what, "id", ref_buf, &ref, error))
    return FALSE;
  what_event.ref = ref;

  if (ref != NULL && g_hash_table_contains (r->events, ref))
    /* Translators: where in the file (file and line), then the id. */
    return _tessera_record_error (error, _("%s: two events have the id \"%s\""), r->where, ref);

  if (!_tessera_record_get_string (r, obj, what, "type", &type_name, error) ||
      !resolve_span (r, obj, what, "trigger", TRUE, &trigger, error) ||
      !_tessera_record_get_string (r, obj, what, "realis", &realis, error) ||
      !_tessera_record_get_string (r, obj, what, "confirmation", &confirmation, error) ||
      !_tessera_record_get_string (r, obj, what, "annotator", &annotator, error) ||
      !_tessera_record_get_array (r, obj, what, "arguments", &arguments, error) ||
      !_tessera_record_get_bool (r, obj, what, "suggested", &suggested, error) ||
      !check_attribute (r, what, "realis", realis, error) ||
      !check_attribute (r, what, "confirmation", confirmation, error))
    return FALSE;

  if (type_name == NULL)
    return _tessera_record_error (error, _("%s: %s has no \"%s\""), r->where,
                                  _tessera_record_describe (buf, what), "type");
  if (!(type = tessera_project_find_label (project, TESSERA_LABEL_EVENT, type_name)))
    {
      g_autofree char *names = label_names (project, TESSERA_LABEL_EVENT);

      return _tessera_record_error (error,
                                    /* Translators: where in the file (file and line), an event
                                     * ("event \"e1\""), the type it gives, then the event types
                                     * the schema has. */
                                    _("%s: %s has unknown event type \"%s\" (the schema has: %s)"),
                                    r->where, _tessera_record_describe (buf, what), type_name,
                                    names);
    }

  for (guint i = 0; arguments != NULL && i < json_array_get_length (arguments); i++)
    {
      RecordWhat arg_what = { RECORD_OBJECT_ARGUMENT, ref, index, i };
      JsonObject *arg = _tessera_record_get_element_object (r, arguments, i, &arg_what, error);
      const TesseraLabel *role;
      const char *role_name;
      gint64 span_id;

      if (arg == NULL ||
          !_tessera_record_get_string (r, arg, &arg_what, "role", &role_name, error) ||
          !resolve_span (r, arg, &arg_what, "span", TRUE, &span_id, error))
        return FALSE;

      if (role_name == NULL)
        return _tessera_record_error (error, _("%s: %s has no \"%s\""), r->where,
                                      _tessera_record_describe (buf, &arg_what), "role");
      if (!(role = tessera_project_find_label (project, TESSERA_LABEL_ROLE, role_name)))
        {
          g_autofree char *names = label_names (project, TESSERA_LABEL_ROLE);

          return _tessera_record_error (error,
                                        /* Translators: where in the file (file and line), an
                                         * argument ("event \"e1\" argument 2"), the role it
                                         * gives, then the roles the schema has. */
                                        _("%s: %s has unknown role \"%s\" (the schema has: %s)"),
                                        r->where, _tessera_record_describe (buf, &arg_what),
                                        role_name, names);
        }

      tessera_event_add_argument (event, role->id, span_id);
    }

  if (r->merged &&
      (id = id_table_lookup (r, r->old_events, event_key (key, trigger, type->id))) > 0)
    {
      if (ref != NULL)
        id_table_insert (r, r->events, ref, id);
      return import_membership (r, obj, what, 0, id, error);
    }

  event->id = imp->keep_ids ? _tessera_record_parse_ref_id (ref, 'e') : 0;
  event->document_id = r->document_id;
  event->trigger_span_id = trigger;
  event->type_label_id = type->id;
  event->realis = g_strdup (realis);
  event->confirmation = g_strdup (confirmation);
  event->suggested = suggested;
  if (!(event->annotator_id = resolve_annotator (r, what, annotator, error)))
    return FALSE;
  if ((id = tessera_project_insert_event (project, event, &local_error)) <= 0)
    return object_not_added (r, what, &local_error, error);

  if (ref != NULL)
    id_table_insert (r, r->events, ref, id);
  imp->ctx->report->n_events++;

  return import_membership (r, obj, what, 0, id, error);
}

gboolean
_tessera_record_import_stance (Record      *r,
                               JsonObject  *obj,
                               guint        index,
                               GError     **error)
{
  TesseraRecordImporter *imp = r->imp;
  TesseraProject *project = imp->project;
  char ref_buf[TESSERA_RECORD_REF_SIZE];
  char buf[TESSERA_RECORD_WHAT_SIZE];
  char key[KEY_SIZE];
  RecordWhat what_stance = { RECORD_OBJECT_STANCE, NULL, index, 0 };
  const RecordWhat *what = &what_stance;
  const TesseraLabel *label;
  const char *ref, *label_name, *annotator;
  g_autoptr(GError) local_error = NULL;
  TesseraStance stance = { 0 };
  JsonNode *target_node;
  gint64 span_id, holder, target_event = 0, target_span = 0;
  gboolean suggested;

  if (!_tessera_record_get_ref (r, obj, what, "id", ref_buf, &ref, error))
    return FALSE;
  what_stance.ref = ref;

  if (!_tessera_record_get_string (r, obj, what, "label", &label_name, error) ||
      !_tessera_record_get_string (r, obj, what, "annotator", &annotator, error) ||
      !_tessera_record_get_bool (r, obj, what, "suggested", &suggested, error) ||
      !resolve_span (r, obj, what, "span", TRUE, &span_id, error) ||
      !resolve_span (r, obj, what, "holder", FALSE, &holder, error))
    return FALSE;

  if (label_name == NULL)
    return _tessera_record_error (error, _("%s: %s has no \"%s\""), r->where,
                                  _tessera_record_describe (buf, what), "label");
  if (!(label = tessera_project_find_label (project, TESSERA_LABEL_STANCE, label_name)))
    {
      g_autofree char *names = label_names (project, TESSERA_LABEL_STANCE);

      return _tessera_record_error (error,
                                    /* Translators: where in the file (file and line), a stance
                                     * ("stance \"t1\""), the label it gives, then the stance
                                     * labels the schema has. */
                                    _("%s: %s has unknown stance label \"%s\" (the schema "
                                      "has: %s)"),
                                    r->where, _tessera_record_describe (buf, what), label_name,
                                    names);
    }

  target_node = json_object_get_member (obj, "target");
  if (target_node != NULL && !JSON_NODE_HOLDS_NULL (target_node))
    {
      RecordWhat target_what = { RECORD_OBJECT_TARGET, ref, index, 0 };
      JsonObject *target;
      char event_buf[TESSERA_RECORD_REF_SIZE];
      const char *event_ref;

      if (!JSON_NODE_HOLDS_OBJECT (target_node))
        return _tessera_record_error (error,
                                      /* Translators: where in the file (file and line), then a
                                       * stance ("stance \"t1\""). Keep the JSON as it is. */
                                      _("%s: %s \"target\" must be an object: {\"event\": id} or "
                                        "{\"span\": id}"),
                                      r->where, _tessera_record_describe (buf, what));
      target = json_node_get_object (target_node);

      if (!_tessera_record_get_ref (r, target, &target_what, "event", event_buf, &event_ref,
                                    error) ||
          !resolve_span (r, target, &target_what, "span", FALSE, &target_span, error))
        return FALSE;

      if (event_ref != NULL && target_span > 0)
        /* Translators: where in the file (file and line), then a stance's
         * target ("stance \"t1\" target"). */
        return _tessera_record_error (error, _("%s: %s has both an event and a span"), r->where,
                                      _tessera_record_describe (buf, &target_what));
      if (event_ref != NULL && (target_event = id_table_lookup (r, r->events, event_ref)) <= 0)
        return _tessera_record_error (error,
                                      /* Translators: where in the file (file and line), a
                                       * stance's target ("stance \"t1\" target"), then the
                                       * event's id. */
                                      _("%s: %s event \"%s\" is not an event of this record"),
                                      r->where, _tessera_record_describe (buf, &target_what),
                                      event_ref);
    }

  if (r->merged &&
      id_table_lookup (r, r->old_stances,
                       stance_key (key, span_id, label->id, holder, target_event, target_span)) > 0)
    return TRUE;

  stance.id = imp->keep_ids ? _tessera_record_parse_ref_id (ref, 't') : 0;
  stance.document_id = r->document_id;
  stance.span_id = span_id;
  stance.label_id = label->id;
  stance.holder_span_id = holder;
  stance.target_event_id = target_event;
  stance.target_span_id = target_span;
  stance.suggested = suggested;
  if (!(stance.annotator_id = resolve_annotator (r, what, annotator, error)))
    return FALSE;
  if (tessera_project_insert_stance (project, &stance, &local_error) <= 0)
    return object_not_added (r, what, &local_error, error);

  imp->ctx->report->n_stances++;

  return TRUE;
}
