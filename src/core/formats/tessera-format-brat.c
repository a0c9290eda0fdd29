/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-format-brat"

#include "config.h"

#include <stdlib.h>
#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tessera-error.h"
#include "tessera-foreign-private.h"
#include "tessera-text.h"

/* brat standoff (brat.nlplab.org/standoff.html): DOC.txt and DOC.ann.
 *
 *   T1<TAB>Label START END<TAB>text        a span (entity or trigger)
 *   E1<TAB>Type:T2 Role:T1 Role2:T3         an event; "Role2" repeats Role
 *   A1<TAB>Name E1 [Value], M1 likewise     an attribute
 *   #1<TAB>AnnotatorNotes T1<TAB>note       a note
 *   *<TAB>Equiv T1 T2                       an equivalence (a cluster)
 *   R1, N1                                   relations, normalisations
 *
 * Offsets are characters (Python's: code points) of the .txt as written,
 * so they are moved when the text loses a byte-order mark or CRs. Events
 * whose type is one of the project's stance labels come in as stances
 * (Holder and Target roles), as Tessera's brat export writes them; notes
 * "cluster: NAME" put a span or event in the cluster NAME, across
 * documents. */

#define CLUSTER_NOTE "cluster: "

typedef struct
{
  guint64  n;            /* the span's number in the record; 0: not imported */
  gint64   start, end;
  char    *label;
  guint64  line;
  gboolean clustered;
} BratSpan;

typedef struct
{
  guint64     n;         /* event or stance number; 0: not imported */
  char       *type;
  char       *trigger;
  char      **roles;     /* "Role:ID" pieces */
  guint64     line;
  JsonObject *object;    /* what it became (borrowed from the record) */
  gboolean    is_stance;
  gboolean    built;
} BratEvent;

typedef struct
{
  TesseraImportContext *ctx;
  TesseraForeign       *foreign;
  char                 *label;        /* the .ann file, for messages */
  const char           *text;
  gint64                n_chars;
  TesseraTextCursor     cursor;
  GArray               *removed;      /* gint64: code points of the file the text lost */
  GHashTable           *spans;        /* "T1" → BratSpan* */
  GHashTable           *events;       /* "E1" → BratEvent* */
  GPtrArray            *event_order;
  GPtrArray            *later;        /* lines read after T and E: A, M, #, * */
  GArray               *later_lines;  /* guint64 */
  JsonObject           *record;
  guint64               next_span;
  guint64               next_event;
  guint64               next_stance;
} BratFile;

static void
brat_span_free (gpointer data)
{
  BratSpan *span = data;

  g_free (span->label);
  g_free (span);
}

static void
brat_event_free (gpointer data)
{
  BratEvent *event = data;

  g_free (event->type);
  g_free (event->trigger);
  g_strfreev (event->roles);
  g_free (event);
}

static gboolean
brat_error (GError     **error,
            BratFile    *bf,
            guint64      line,
            const char  *format,
            ...) G_GNUC_PRINTF (4, 5);

static gboolean
brat_error (GError     **error,
            BratFile    *bf,
            guint64      line,
            const char  *format,
            ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
               /* Translators: the file, the line, then what is wrong. */
               _("%s:%" PRIu64 ": %s"), bf->label, line, what);
  return FALSE;
}

static gint64
remap (BratFile *bf,
       gint64    offset)
{
  return _tessera_foreign_remap (bf->removed, offset);
}

static gboolean
parse_offset (const char *s,
              gint64     *out)
{
  char *end = NULL;
  gint64 v;

  if (!g_ascii_isdigit (*s))
    return FALSE;
  v = g_ascii_strtoll (s, &end, 10);
  if (*end != '\0' || v < 0)
    return FALSE;
  *out = v;
  return TRUE;
}

/* Texts compared with white space runs as one space: brat writes a span
 * across a line break with a space. */
static gboolean
same_words (const char *a,
            const char *b)
{
  for (;;)
    {
      gboolean sa = FALSE, sb = FALSE;

      while (g_ascii_isspace (*a))
        a++, sa = TRUE;
      while (g_ascii_isspace (*b))
        b++, sb = TRUE;
      if (*a == '\0' || *b == '\0')
        return *a == *b;
      if (sa != sb || *a != *b)
        return FALSE;
      a++, b++;
    }
}

static gboolean
read_text_bound (BratFile    *bf,
                 const char  *id,
                 char        *fields,
                 const char  *quoted,
                 guint64      line,
                 GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (fields, " ", 2);
  g_auto(GStrv) fragments = NULL;
  BratSpan *span;

  if (parts[0] == NULL || parts[1] == NULL || *parts[0] == '\0')
    return brat_error (error, bf, line, _("“%s” is not of the form “%s<TAB>Label START END<TAB>text”"),
                       id, id);

  span = g_new0 (BratSpan, 1);
  span->label = g_strdup (parts[0]);
  span->line = line;
  if (!g_hash_table_insert (bf->spans, g_strdup (id), span))
    return brat_error (error, bf, line, _("“%s” is defined twice"), id);

  fragments = g_strsplit (parts[1], ";", -1);
  for (guint i = 0; fragments[i] != NULL; i++)
    {
      g_auto(GStrv) bounds = g_strsplit (g_strstrip (fragments[i]), " ", -1);
      gint64 start, end;

      if (g_strv_length (bounds) != 2 || !parse_offset (bounds[0], &start) ||
          !parse_offset (bounds[1], &end) || start > end)
        return brat_error (error, bf, line,
                           /* Translators: the annotation's id, then what the file gives. */
                           _("“%s”: “%s” is not a pair of offsets START END"), id, fragments[i]);
      if (i == 0)
        span->start = start, span->end = end;
    }

  if (g_strv_length (fragments) > 1)
    {
      _tessera_foreign_loss (bf->foreign, TESSERA_LOSS_DISCONTINUOUS, NULL, bf->label, line);
      return TRUE;
    }

  span->start = remap (bf, span->start);
  span->end = remap (bf, span->end);
  if (span->end > bf->n_chars)
    return brat_error (error, bf, line,
                       /* Translators: the annotation's id, its end, then the length of the text. */
                       _("“%s” ends at character %" PRId64 ", past the end of the text (%"
                         PRId64 " characters)"), id, span->end, bf->n_chars);
  if (quoted != NULL)
    {
      const char *from = tessera_text_cursor_seek (&bf->cursor, span->start);
      const char *to = tessera_text_cursor_seek (&bf->cursor, span->end);
      g_autofree char *found = g_strndup (from, to - from);

      if (!same_words (found, quoted))
        return brat_error (error, bf, line,
                           /* Translators: the annotation's id, its text in the .ann file, its
                            * offsets, then the text found there in the .txt file. */
                           _("“%s” says “%s” but characters %" PRId64 "–%" PRId64
                             " of the text are “%s” (offsets must count characters of the .txt)"),
                           id, quoted, span->start, span->end, found);
    }

  span->n = ++bf->next_span;
  _tessera_foreign_add_span (bf->record, span->n, span->start, span->end, span->label);
  return TRUE;
}

static gboolean
read_event (BratFile    *bf,
            const char  *id,
            const char  *fields,
            guint64      line,
            GError     **error)
{
  g_auto(GStrv) pieces = g_strsplit_set (fields, " ", -1);
  BratEvent *event;
  char *colon;

  if (pieces[0] == NULL || (colon = strchr (pieces[0], ':')) == NULL || colon == pieces[0] ||
      colon[1] == '\0')
    return brat_error (error, bf, line, _("“%s” is not of the form “%s<TAB>Type:TRIGGER Role:ID…”"),
                       id, id);

  event = g_new0 (BratEvent, 1);
  event->type = g_strndup (pieces[0], colon - pieces[0]);
  event->trigger = g_strdup (colon + 1);
  event->line = line;
  event->roles = g_strdupv (pieces + 1);
  if (!g_hash_table_insert (bf->events, g_strdup (id), event))
    return brat_error (error, bf, line, _("“%s” is defined twice"), id);
  g_ptr_array_add (bf->event_order, g_strdup (id));

  return TRUE;
}

/* brat repeats a role by numbering it: Org-Arg, Org-Arg2, Org-Arg3. */
static char *
base_role (const char *role)
{
  gsize n = strlen (role);

  while (n > 1 && g_ascii_isdigit (role[n - 1]))
    n--;
  return g_strndup (role, n);
}

static gboolean
build_event (BratFile    *bf,
             const char  *id,
             BratEvent   *event,
             GError     **error)
{
  BratSpan *trigger = g_hash_table_lookup (bf->spans, event->trigger);
  guint64 holder = 0, target_event = 0, target_span = 0;

  /* A stance builds the event it targets first, whatever their order. */
  if (event->built)
    return TRUE;
  event->built = TRUE;

  if (trigger == NULL && g_hash_table_lookup (bf->events, event->trigger) == NULL)
    return brat_error (error, bf, event->line, _("“%s” names “%s”, which the file does not define"),
                       id, event->trigger);
  if (trigger == NULL || trigger->n == 0)
    {
      /* Its trigger is discontinuous (counted already), or an event. */
      _tessera_foreign_loss (bf->foreign, TESSERA_LOSS_OTHER, _("event whose trigger was not imported"),
                             bf->label, event->line);
      return TRUE;
    }

  event->is_stance = _tessera_foreign_is_stance_label (bf->foreign, event->type);
  if (!event->is_stance)
    {
      event->n = ++bf->next_event;
      event->object = _tessera_foreign_add_event (bf->record, event->n, event->type, trigger->n);
    }

  for (guint i = 0; event->roles[i] != NULL; i++)
    {
      const char *piece = event->roles[i];
      const char *colon = strchr (piece, ':');
      g_autofree char *role = NULL;
      BratSpan *span;

      if (*piece == '\0')
        continue;
      if (colon == NULL || colon == piece || colon[1] == '\0')
        return brat_error (error, bf, event->line, _("“%s”: “%s” is not of the form Role:ID"), id, piece);
      {
        g_autofree char *whole = g_strndup (piece, colon - piece);

        role = base_role (whole);
      }

      if (g_hash_table_lookup (bf->events, colon + 1) != NULL)
        {
          BratEvent *inner = g_hash_table_lookup (bf->events, colon + 1);

          if (event->is_stance && g_ascii_strcasecmp (role, "Target") == 0)
            {
              /* The target event is built later when it comes later. */
              if (!inner->built)
                {
                  g_autofree char *inner_id = g_strdup (colon + 1);

                  if (!build_event (bf, inner_id, inner, error))
                    return FALSE;
                }
              target_event = inner->is_stance ? 0 : inner->n;
              continue;
            }
          _tessera_foreign_loss (bf->foreign, TESSERA_LOSS_EVENT_ARGUMENT, NULL, bf->label, event->line);
          continue;
        }
      if ((span = g_hash_table_lookup (bf->spans, colon + 1)) == NULL)
        return brat_error (error, bf, event->line, _("“%s” names “%s”, which the file does not define"),
                           id, colon + 1);
      if (span->n == 0)
        {
          _tessera_foreign_loss (bf->foreign, TESSERA_LOSS_OTHER, _("argument whose span was not imported"),
                                 bf->label, event->line);
          continue;
        }
      if (event->is_stance && g_ascii_strcasecmp (role, "Holder") == 0)
        holder = span->n;
      else if (event->is_stance && g_ascii_strcasecmp (role, "Target") == 0)
        target_span = span->n;
      else if (event->is_stance)
        /* Translators: a role of a stance in the file that Tessera has no place for. */
        _tessera_foreign_loss (bf->foreign, TESSERA_LOSS_OTHER, _("stance role other than Holder and Target"),
                               bf->label, event->line);
      else
        _tessera_foreign_add_argument (event->object, role, span->n);
    }

  if (event->is_stance)
    {
      event->n = ++bf->next_stance;
      event->object = _tessera_foreign_add_stance (bf->record, event->n, event->type, trigger->n,
                                                   holder, target_event, target_span);
    }
  return TRUE;
}

/* A and M lines: realis and confirmation of an event or stance, by name. */
static gboolean
read_attribute (BratFile    *bf,
                const char  *id,
                const char  *fields,
                guint64      line,
                GError     **error)
{
  g_auto(GStrv) pieces = g_strsplit (fields, " ", -1);
  const TesseraAttribute *attr;
  BratEvent *event;
  g_autofree char *name = NULL;

  if (g_strv_length (pieces) < 2 || g_strv_length (pieces) > 3)
    return brat_error (error, bf, line, _("“%s” is not of the form “%s<TAB>Name ID [Value]”"), id, id);

  name = g_ascii_strdown (pieces[0], -1);
  attr = tessera_project_get_attribute (bf->ctx->project, name);
  event = g_hash_table_lookup (bf->events, pieces[1]);
  if (attr != NULL && event != NULL && event->object != NULL && pieces[2] != NULL &&
      tessera_attribute_has_value (attr, pieces[2]))
    {
      json_object_set_string_member (event->object, attr->name, pieces[2]);
      return TRUE;
    }
  if (g_hash_table_lookup (bf->spans, pieces[1]) == NULL && event == NULL &&
      !g_str_has_prefix (pieces[1], "R"))
    return brat_error (error, bf, line, _("“%s” names “%s”, which the file does not define"),
                       id, pieces[1]);
  _tessera_foreign_loss (bf->foreign, TESSERA_LOSS_ATTRIBUTE, pieces[0], bf->label, line);
  return TRUE;
}

static gboolean
read_note (BratFile    *bf,
           const char  *fields,
           const char  *note,
           guint64      line)
{
  g_auto(GStrv) pieces = g_strsplit (fields, " ", -1);
  const char *target = pieces[0] != NULL ? pieces[1] : NULL;
  BratSpan *span = target ? g_hash_table_lookup (bf->spans, target) : NULL;
  BratEvent *event = target ? g_hash_table_lookup (bf->events, target) : NULL;
  JsonObject *object = NULL;

  if (note == NULL)
    note = "";

  if (span != NULL && span->n > 0)
    {
      JsonArray *spans = json_object_get_array_member (bf->record, "spans");

      object = json_array_get_object_element (spans, span->n - 1);
    }
  else if (event != NULL && event->object != NULL && !event->is_stance)
    object = event->object;

  if (object != NULL && g_str_has_prefix (note, CLUSTER_NOTE) && note[strlen (CLUSTER_NOTE)] != '\0')
    {
      const char *name = note + strlen (CLUSTER_NOTE);
      g_autofree char *key = g_strdup_printf ("%c:%s", span ? 's' : 'e', name);

      _tessera_foreign_set_cluster (bf->foreign, object, key, name);
      if (span != NULL)
        span->clustered = TRUE;
      return TRUE;
    }
  if (object != NULL && span != NULL)
    {
      const char *old = json_object_get_string_member_with_default (object, "note", NULL);
      g_autofree char *joined = old ? g_strconcat (old, "\n", note, NULL) : g_strdup (note);

      json_object_set_string_member (object, "note", joined);
      return TRUE;
    }
  _tessera_foreign_loss (bf->foreign, TESSERA_LOSS_NOTE, NULL, bf->label, line);
  return TRUE;
}

/* "*<TAB>Equiv T1 T2": the spans become an entity cluster named after the
 * first one's text, unless a "cluster:" note put them in one. */
static gboolean
read_equiv (BratFile    *bf,
            const char  *fields,
            guint64      line,
            GError     **error)
{
  g_auto(GStrv) pieces = g_strsplit (fields, " ", -1);
  JsonArray *spans = json_object_get_array_member (bf->record, "spans");
  g_autofree char *key = g_strdup_printf ("%s:*%" PRIu64, bf->label, line);
  g_autofree char *name = NULL;

  if (g_strv_length (pieces) < 3)
    return brat_error (error, bf, line, _("an equivalence must name a type and two spans or more"));
  if (strcmp (pieces[0], "Equiv") != 0)
    _tessera_foreign_loss (bf->foreign, TESSERA_LOSS_EQUIV_TYPE, NULL, bf->label, line);

  for (guint i = 1; pieces[i] != NULL; i++)
    {
      BratSpan *span = g_hash_table_lookup (bf->spans, pieces[i]);
      JsonObject *object;

      if (span == NULL)
        return brat_error (error, bf, line, _("the equivalence names “%s”, which the file does not define"),
                           pieces[i]);
      if (span->n == 0 || span->clustered)
        continue;
      object = json_array_get_object_element (spans, span->n - 1);
      if (name == NULL)
        name = tessera_text_slice (bf->text, span->start, span->end);
      _tessera_foreign_set_cluster (bf->foreign, object, key, name);
      span->clustered = TRUE;
    }
  return TRUE;
}

static gboolean
read_later_line (BratFile    *bf,
                 char        *line_text,
                 guint64      line,
                 GError     **error)
{
  g_auto(GStrv) cols = g_strsplit (line_text, "\t", 3);
  const char *id = cols[0];

  if (id[0] == '*')
    return read_equiv (bf, cols[1] ? cols[1] : "", line, error);
  if (id[0] == '#')
    return read_note (bf, cols[1] ? cols[1] : "", cols[1] ? cols[2] : NULL, line);
  return read_attribute (bf, id, cols[1] ? cols[1] : "", line, error);
}

static gboolean
read_ann (BratFile    *bf,
          char        *contents,
          GError     **error)
{
  char *next = contents;
  guint64 line = 0;

  while (next != NULL && *next != '\0')
    {
      char *line_text = next;
      char *nl = strchr (next, '\n');
      char *tab;
      g_autofree char *id = NULL;

      line++;
      if (nl != NULL)
        *nl = '\0', next = nl + 1;
      else
        next = NULL;
      if (nl != NULL && nl > line_text && nl[-1] == '\r')
        nl[-1] = '\0';
      if (*line_text == '\0')
        continue;
      if (!g_utf8_validate (line_text, -1, NULL))
        return brat_error (error, bf, line, _("the line is not valid UTF-8"));

      tab = strchr (line_text, '\t');
      if (tab == NULL)
        return brat_error (error, bf, line, _("no tab after the annotation's id"));
      id = g_strndup (line_text, tab - line_text);

      switch (line_text[0])
        {
        case 'T':
          {
            char *fields = tab + 1;
            char *quoted = strchr (fields, '\t');

            if (quoted != NULL)
              *quoted++ = '\0';
            if (!read_text_bound (bf, id, fields, quoted, line, error))
              return FALSE;
          }
          break;
        case 'E':
          if (!read_event (bf, id, tab + 1, line, error))
            return FALSE;
          break;
        case 'R':
          _tessera_foreign_loss (bf->foreign, TESSERA_LOSS_RELATION, NULL, bf->label, line);
          break;
        case 'N':
          _tessera_foreign_loss (bf->foreign, TESSERA_LOSS_NORMALIZATION, NULL, bf->label, line);
          break;
        case 'A':
        case 'M':
        case '#':
        case '*':
          g_ptr_array_add (bf->later, g_strdup (line_text));
          g_array_append_val (bf->later_lines, line);
          break;
        default:
          return brat_error (error, bf, line,
                             /* Translators: the annotation's id. */
                             _("“%s” is not a brat annotation (T, E, R, A, M, N, # or *)"), id);
        }
    }

  for (guint i = 0; i < bf->event_order->len; i++)
    {
      const char *id = bf->event_order->pdata[i];
      BratEvent *event = g_hash_table_lookup (bf->events, id);

      if (!build_event (bf, id, event, error))
        return FALSE;
    }

  /* Notes first: a "cluster:" note outranks an Equiv. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < bf->later->len; i++)
      {
        char *text = bf->later->pdata[i];

        if ((pass == 0) != (text[0] == '#'))
          continue;
        if (!read_later_line (bf, text, g_array_index (bf->later_lines, guint64, i), error))
          return FALSE;
      }

  return TRUE;
}

gboolean
_tessera_import_brat_file (TesseraImportContext  *ctx,
                           TesseraForeign        *foreign,
                           const char            *txt_path,
                           const char            *ann_path,
                           GError               **error)
{
  g_autofree char *raw = NULL;
  g_autofree char *ann = NULL;
  g_autofree char *text = NULL;
  g_autofree char *txt_display = g_filename_display_name (txt_path);
  g_autofree char *uid = _tessera_foreign_file_stem (txt_path);
  TesseraTextFixes fixes = { 0 };
  BratFile bf = { 0 };
  gsize raw_len = 0;
  gboolean ok;

  if (!_tessera_foreign_read_file (txt_path, &raw, &raw_len, error))
    return FALSE;
  text = tessera_text_normalize (txt_display, raw, raw_len, ctx->options->repair_utf8, &fixes, error);
  if (text == NULL)
    return FALSE;
  if (ann_path != NULL && !_tessera_foreign_read_file (ann_path, &ann, NULL, error))
    return FALSE;

  bf.ctx = ctx;
  bf.foreign = foreign;
  bf.label = g_filename_display_name (ann_path != NULL ? ann_path : txt_path);
  bf.text = text;
  bf.n_chars = tessera_text_n_chars (text, -1);
  tessera_text_cursor_init (&bf.cursor, text, -1);
  bf.spans = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, brat_span_free);
  bf.events = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, brat_event_free);
  bf.event_order = g_ptr_array_new_with_free_func (g_free);
  bf.later = g_ptr_array_new_with_free_func (g_free);
  bf.later_lines = g_array_new (FALSE, FALSE, sizeof (guint64));
  bf.record = _tessera_foreign_add_record (foreign, uid, text, bf.label, 0);

  bf.removed = _tessera_foreign_removed_chars (raw, raw_len);
  if (tessera_text_fixes_any (&fixes))
    _tessera_import_report_notice (ctx->report,
                                   /* Translators: a brat text file whose BOM or CRs were removed. */
                                   _("%s: line endings or byte-order mark changed; the offsets of "
                                     "its annotations were moved to match"), txt_display);

  ok = ann == NULL || read_ann (&bf, ann, error);

  g_free (bf.label);
  g_array_unref (bf.removed);
  g_hash_table_unref (bf.spans);
  g_hash_table_unref (bf.events);
  g_ptr_array_unref (bf.event_order);
  g_ptr_array_unref (bf.later);
  g_array_unref (bf.later_lines);

  return ok;
}

/* --- annotation.conf ----------------------------------------------------- */

/* Declares the labels of brat's annotation.conf: [entities] as entity
 * labels, [events] as event types (or stance labels the project has)
 * with their roles. Abstract types ("!Life") and macros are skipped. */
gboolean
_tessera_brat_read_conf (TesseraForeign  *foreign,
                         const char      *path,
                         GError         **error)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  enum { NONE, ENTITIES, EVENTS, OTHER } section = NONE;

  if (!_tessera_foreign_read_file (path, &contents, NULL, error))
    return FALSE;
  if (!g_utf8_validate (contents, -1, NULL))
    return TRUE;   /* a conf is a hint: an unreadable one is no reason to refuse the data */

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      g_auto(GStrv) words = NULL;

      if (*line == '\0' || *line == '#')
        continue;
      if (*line == '[')
        {
          section = g_str_has_prefix (line, "[entities]") ? ENTITIES
                  : g_str_has_prefix (line, "[events]") ? EVENTS : OTHER;
          continue;
        }
      if (*line == '!' || *line == '<' || section == NONE || section == OTHER)
        continue;

      words = g_strsplit_set (line, " \t", 2);
      if (section == ENTITIES)
        _tessera_foreign_declare_label (foreign, TESSERA_LABEL_ENTITY, words[0]);
      else
        {
          gboolean stance = _tessera_foreign_is_stance_label (foreign, words[0]);
          g_auto(GStrv) roles = words[1] ? g_strsplit (words[1], ",", -1) : NULL;

          _tessera_foreign_declare_label (foreign, stance ? TESSERA_LABEL_STANCE : TESSERA_LABEL_EVENT,
                                          words[0]);
          for (guint r = 0; !stance && roles != NULL && roles[r] != NULL; r++)
            {
              char *role = g_strstrip (roles[r]);
              gsize n = strcspn (role, "?*+{:");

              if (n > 0 && role[n] != '\0' && role[0] != '<')
                {
                  g_autofree char *name = g_strndup (role, n);

                  _tessera_foreign_declare_label (foreign, TESSERA_LABEL_ROLE, name);
                }
            }
        }
    }
  return TRUE;
}
