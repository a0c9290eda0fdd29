/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-foreign"

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tessera-error.h"
#include "tessera-foreign-private.h"
#include "tessera-record-import-private.h"

/* Labels named in one message, at most, per kind. */
#define MAX_LABELS_NAMED 40

typedef struct
{
  JsonNode *node;
  char     *file_label;
  guint64   line;
} ForeignRecord;

struct _TesseraForeign
{
  TesseraImportContext *ctx;
  GPtrArray            *records;       /* ForeignRecord* */
  GPtrArray            *losses;        /* TesseraImportLoss*, in order of first sight */
  GHashTable           *loss_index;    /* "kind:name" → TesseraImportLoss* */
  GHashTable           *clusters;      /* key → "c<n>" */
  GPtrArray            *declared;      /* "kind:name" of annotation.conf */
  gboolean              per_annotator;
};

static void
foreign_record_free (gpointer data)
{
  ForeignRecord *rec = data;

  json_node_unref (rec->node);
  g_free (rec->file_label);
  g_free (rec);
}

static void
loss_free (gpointer data)
{
  TesseraImportLoss *loss = data;

  if (loss == NULL)
    return;
  g_free (loss->name);
  g_free (loss->first);
  g_free (loss);
}

TesseraForeign *
_tessera_foreign_new (TesseraImportContext *ctx)
{
  TesseraForeign *self = g_new0 (TesseraForeign, 1);

  self->ctx = ctx;
  self->records = g_ptr_array_new_with_free_func (foreign_record_free);
  self->losses = g_ptr_array_new_with_free_func (loss_free);
  self->loss_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->clusters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->declared = g_ptr_array_new_with_free_func (g_free);

  return self;
}

void
_tessera_foreign_free (TesseraForeign *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->records);
  g_ptr_array_unref (self->losses);
  g_hash_table_unref (self->loss_index);
  g_hash_table_unref (self->clusters);
  g_ptr_array_unref (self->declared);
  g_free (self);
}

void
_tessera_foreign_set_per_annotator (TesseraForeign *self,
                                    gboolean        per_annotator)
{
  self->per_annotator = per_annotator;
}

void
_tessera_foreign_declare_label (TesseraForeign   *self,
                                TesseraLabelKind  kind,
                                const char       *name)
{
  g_ptr_array_add (self->declared, g_strdup_printf ("%d:%s", kind, name));
}

JsonObject *
_tessera_foreign_add_record (TesseraForeign *self,
                             const char     *uid,
                             const char     *text,
                             const char     *file_label,
                             guint64         line)
{
  ForeignRecord *rec = g_new0 (ForeignRecord, 1);
  JsonObject *obj = json_object_new ();

  if (uid != NULL)
    json_object_set_string_member (obj, "id", uid);
  json_object_set_string_member (obj, "text", text);
  json_object_set_array_member (obj, "spans", json_array_new ());
  json_object_set_array_member (obj, "events", json_array_new ());
  json_object_set_array_member (obj, "stances", json_array_new ());

  rec->node = json_node_init_object (json_node_alloc (), obj);
  rec->file_label = g_strdup (file_label);
  rec->line = line;
  g_ptr_array_add (self->records, rec);
  json_object_unref (obj);

  return obj;
}

static void
set_ref (JsonObject *obj,
         const char *key,
         char        prefix,
         guint64     n)
{
  char buf[TESSERA_RECORD_REF_SIZE];

  g_snprintf (buf, sizeof buf, "%c%" PRIu64, prefix, n);
  json_object_set_string_member (obj, key, buf);
}

JsonObject *
_tessera_foreign_add_span (JsonObject *record,
                           guint64     n,
                           gint64      start,
                           gint64      end,
                           const char *label)
{
  JsonObject *span = json_object_new ();

  set_ref (span, "id", 's', n);
  json_object_set_int_member (span, "start", start);
  json_object_set_int_member (span, "end", end);
  json_object_set_string_member (span, "label", label);
  json_array_add_object_element (json_object_get_array_member (record, "spans"), span);

  return span;
}

JsonObject *
_tessera_foreign_add_event (JsonObject *record,
                            guint64     n,
                            const char *type,
                            guint64     trigger)
{
  JsonObject *event = json_object_new ();

  set_ref (event, "id", 'e', n);
  json_object_set_string_member (event, "type", type);
  set_ref (event, "trigger", 's', trigger);
  json_object_set_array_member (event, "arguments", json_array_new ());
  json_array_add_object_element (json_object_get_array_member (record, "events"), event);

  return event;
}

void
_tessera_foreign_add_argument (JsonObject *event,
                               const char *role,
                               guint64     span)
{
  JsonObject *argument = json_object_new ();

  json_object_set_string_member (argument, "role", role);
  set_ref (argument, "span", 's', span);
  json_array_add_object_element (json_object_get_array_member (event, "arguments"), argument);
}

JsonObject *
_tessera_foreign_add_stance (JsonObject *record,
                             guint64     n,
                             const char *label,
                             guint64     span,
                             guint64     holder,
                             guint64     target_event,
                             guint64     target_span)
{
  JsonObject *stance = json_object_new ();

  set_ref (stance, "id", 't', n);
  json_object_set_string_member (stance, "label", label);
  set_ref (stance, "span", 's', span);
  if (holder > 0)
    set_ref (stance, "holder", 's', holder);
  if (target_event > 0 || target_span > 0)
    {
      JsonObject *target = json_object_new ();

      if (target_event > 0)
        set_ref (target, "event", 'e', target_event);
      else
        set_ref (target, "span", 's', target_span);
      json_object_set_object_member (stance, "target", target);
    }
  json_array_add_object_element (json_object_get_array_member (record, "stances"), stance);

  return stance;
}

void
_tessera_foreign_set_cluster (TesseraForeign *self,
                              JsonObject     *object,
                              const char     *key,
                              const char     *name)
{
  const char *ref = g_hash_table_lookup (self->clusters, key);

  if (ref == NULL)
    {
      /* Far above any id a project has: the record importer makes a new
       * cluster for each reference it does not find. */
      char *made = g_strdup_printf ("c%u", 1000000000u + g_hash_table_size (self->clusters));

      g_hash_table_insert (self->clusters, g_strdup (key), made);
      ref = made;
    }
  json_object_set_string_member (object, "cluster", ref);
  json_object_set_string_member (object, "cluster_name", name);
}

void
_tessera_foreign_loss (TesseraForeign  *self,
                       TesseraLossKind  kind,
                       const char      *name,
                       const char      *file_label,
                       guint64          line)
{
  g_autofree char *key = g_strdup_printf ("%d:%s", kind, name ? name : "");
  TesseraImportLoss *loss = g_hash_table_lookup (self->loss_index, key);

  if (loss == NULL)
    {
      loss = g_new0 (TesseraImportLoss, 1);
      loss->kind = kind;
      loss->name = g_strdup (name);
      loss->first = line > 0
        ? g_strdup_printf ("%s:%" PRIu64, file_label, line)
        : g_strdup (file_label);
      g_ptr_array_add (self->losses, loss);
      g_hash_table_insert (self->loss_index, g_steal_pointer (&key), loss);
    }
  loss->count++;
}

char *
tessera_import_loss_describe (const TesseraImportLoss *loss)
{
  g_autofree char *what = NULL;
  guint n;
  const char *name;

  g_return_val_if_fail (loss != NULL, NULL);

  n = loss->count;
  name = loss->name ? loss->name : "";

  switch (loss->kind)
    {
    case TESSERA_LOSS_RELATION:
      what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u relation", "%u relations", n), n);
      break;
    case TESSERA_LOSS_NORMALIZATION:
      what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u normalisation (a link to a knowledge base)",
                                           "%u normalisations (links to a knowledge base)", n), n);
      break;
    case TESSERA_LOSS_DISCONTINUOUS:
      what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u discontinuous span",
                                           "%u discontinuous spans", n), n);
      break;
    case TESSERA_LOSS_EVENT_ARGUMENT:
      what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u argument that is an event",
                                           "%u arguments that are events", n), n);
      break;
    case TESSERA_LOSS_ATTRIBUTE:
      /* Translators: the number, then the attribute's name in the file. */
      what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u attribute “%s”",
                                           "%u attributes “%s”", n), n, name);
      break;
    case TESSERA_LOSS_NOTE:
      what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u note on a relation or event",
                                           "%u notes on relations or events", n), n);
      break;
    case TESSERA_LOSS_DOCUMENT_LABEL:
      what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u label on a whole document",
                                           "%u labels on whole documents", n), n);
      break;
    case TESSERA_LOSS_EQUIV_TYPE:
      what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u equivalence type (the cluster is kept, its type is not)",
                                           "%u equivalence types (the clusters are kept, their type is not)",
                                           n), n);
      break;
    case TESSERA_LOSS_OTHER:
    default:
      /* Translators: the number, then the kind of annotation in the file. */
      what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u annotation “%s”",
                                           "%u annotations “%s”", n), n, name);
      break;
    }

  /* Translators: what was not imported ("8 relations"), then where the
   * first one is ("news/060.ann:5"). */
  return g_strdup_printf (_("%s (first at %s)"), what, loss->first);
}

gboolean
_tessera_foreign_is_stance_label (TesseraForeign *self,
                                  const char     *name)
{
  const char *mapped = NULL;

  if (self->ctx->options->label_map != NULL)
    mapped = g_hash_table_lookup (self->ctx->options->label_map, name);

  return tessera_project_find_label (self->ctx->project, TESSERA_LABEL_STANCE,
                                     mapped ? mapped : name) != NULL;
}

/* --- labels ----------------------------------------------------------- */

typedef struct
{
  TesseraForeign *self;
  GPtrArray      *missing[TESSERA_N_LABEL_KINDS];  /* names, in order of first sight */
  GHashTable     *seen;                              /* "kind:name" */
} LabelCheck;

static void
want_label (LabelCheck       *check,
            TesseraLabelKind  kind,
            const char       *name)
{
  TesseraProject *project = check->self->ctx->project;
  char *key;

  if (tessera_project_find_label (project, kind, name) != NULL)
    return;
  /* A span may carry any kind of label the project has. */
  if (kind == TESSERA_LABEL_ENTITY &&
      (tessera_project_find_label (project, TESSERA_LABEL_EVENT, name) != NULL ||
       tessera_project_find_label (project, TESSERA_LABEL_STANCE, name) != NULL))
    return;

  key = g_strdup_printf ("%d:%s", kind, name);
  if (!g_hash_table_add (check->seen, key))
    return;
  g_ptr_array_add (check->missing[kind], g_strdup (name));
}

static gboolean
has_label (TesseraProject *project,
           const char     *name)
{
  for (int kind = 0; kind < TESSERA_N_LABEL_KINDS; kind++)
    if (tessera_project_find_label (project, kind, name) != NULL)
      return TRUE;
  return FALSE;
}

/* Renames @obj's @key through the label map and returns the name. */
static const char *
map_member (TesseraForeign *self,
            JsonObject     *obj,
            const char     *key)
{
  GHashTable *map = self->ctx->options->label_map;
  const char *name = json_object_get_string_member_with_default (obj, key, NULL);
  const char *mapped;

  g_autofree char *spaced = NULL;

  if (name == NULL)
    return NULL;
  if (map != NULL && (mapped = g_hash_table_lookup (map, name)) != NULL)
    {
      json_object_set_string_member (obj, key, mapped);
      return json_object_get_string_member (obj, key);
    }
  /* brat has no spaces in names: "Armed_group" is the project's "Armed group". */
  if (strchr (name, '_') != NULL && !has_label (self->ctx->project, name) &&
      has_label (self->ctx->project, (spaced = g_strdelimit (g_strdup (name), "_", ' '))))
    {
      json_object_set_string_member (obj, key, spaced);
      return json_object_get_string_member (obj, key);
    }
  return name;
}

static void
check_record_labels (LabelCheck *check,
                     JsonObject *record)
{
  TesseraForeign *self = check->self;
  JsonArray *spans = json_object_get_array_member (record, "spans");
  JsonArray *events = json_object_get_array_member (record, "events");
  JsonArray *stances = json_object_get_array_member (record, "stances");
  g_autoptr(GHashTable) kind_of = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);
      JsonArray *arguments = json_object_get_array_member (event, "arguments");
      const char *type = map_member (self, event, "type");

      g_hash_table_insert (kind_of, (gpointer) json_object_get_string_member (event, "trigger"),
                           GINT_TO_POINTER (TESSERA_LABEL_EVENT + 1));
      want_label (check, TESSERA_LABEL_EVENT, type);
      for (guint a = 0; a < json_array_get_length (arguments); a++)
        want_label (check, TESSERA_LABEL_ROLE,
                    map_member (self, json_array_get_object_element (arguments, a), "role"));
    }

  for (guint i = 0; i < json_array_get_length (stances); i++)
    {
      JsonObject *stance = json_array_get_object_element (stances, i);

      g_hash_table_insert (kind_of, (gpointer) json_object_get_string_member (stance, "span"),
                           GINT_TO_POINTER (TESSERA_LABEL_STANCE + 1));
      want_label (check, TESSERA_LABEL_STANCE, map_member (self, stance, "label"));
    }

  for (guint i = 0; i < json_array_get_length (spans); i++)
    {
      JsonObject *span = json_array_get_object_element (spans, i);
      const char *label = map_member (self, span, "label");
      int kind = GPOINTER_TO_INT (g_hash_table_lookup (kind_of, json_object_get_string_member (span, "id")));

      want_label (check, kind > 0 ? (TesseraLabelKind) (kind - 1) : TESSERA_LABEL_ENTITY, label);
    }
}

static const char *
kind_heading (TesseraLabelKind kind)
{
  switch (kind)
    {
    case TESSERA_LABEL_ENTITY:
      return _("entity labels");
    case TESSERA_LABEL_EVENT:
      return _("event types");
    case TESSERA_LABEL_ROLE:
      return _("roles");
    case TESSERA_LABEL_STANCE:
    case TESSERA_LABEL_ANY:
    case TESSERA_N_LABEL_KINDS:
    default:
      return _("stance labels");
    }
}

/* Colours for added labels, GNOME's palette, so they can be told apart. */
static const char * const added_colors[] = {
  "#3584e4", "#33d17a", "#f6d32d", "#ff7800", "#e01b24", "#9141ac", "#986a44",
  "#62a0ea", "#57e389", "#ffa348", "#c061cb", "#2ec27e", "#1c71d8", "#c64600",
};

static gboolean
add_missing_labels (LabelCheck  *check,
                    GError     **error)
{
  TesseraForeign *self = check->self;
  guint added = 0;

  for (int kind = 0; kind < TESSERA_N_LABEL_KINDS; kind++)
    for (guint i = 0; i < check->missing[kind]->len; i++)
      {
        const char *name = check->missing[kind]->pdata[i];
        g_autoptr(GError) local_error = NULL;

        if (tessera_project_add_label (self->ctx->project, kind, name,
                                       added_colors[added % G_N_ELEMENTS (added_colors)],
                                       NULL, &local_error) <= 0)
          {
            g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                         /* Translators: the label's name, then the reason. */
                         _("Cannot add the label “%s”: %s"), name, local_error->message);
            return FALSE;
          }
        added++;
      }

  self->ctx->report->n_labels_added += added;
  return TRUE;
}

static gboolean
check_labels (TesseraForeign  *self,
              GError         **error)
{
  LabelCheck check = { self };
  g_autoptr(GString) message = NULL;
  gboolean ok = TRUE;
  guint n_missing = 0;

  check.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (int kind = 0; kind < TESSERA_N_LABEL_KINDS; kind++)
    check.missing[kind] = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < self->records->len; i++)
    {
      ForeignRecord *rec = self->records->pdata[i];

      check_record_labels (&check, json_node_get_object (rec->node));
    }
  if (self->ctx->options->add_labels)
    for (guint i = 0; i < self->declared->len; i++)
      {
        const char *decl = self->declared->pdata[i];
        const char *name = strchr (decl, ':') + 1;
        const char *mapped = NULL;

        /* A declared label the map renames is wanted under its new name. */
        if (self->ctx->options->label_map != NULL)
          mapped = g_hash_table_lookup (self->ctx->options->label_map, name);
        want_label (&check, (TesseraLabelKind) g_ascii_strtoll (decl, NULL, 10), mapped ? mapped : name);
      }

  for (int kind = 0; kind < TESSERA_N_LABEL_KINDS; kind++)
    n_missing += check.missing[kind]->len;

  if (n_missing > 0 && self->ctx->options->add_labels)
    ok = add_missing_labels (&check, error);
  else if (n_missing > 0)
    {
      message = g_string_new (NULL);
      for (int kind = 0; kind < TESSERA_N_LABEL_KINDS; kind++)
        {
          GPtrArray *names = check.missing[kind];

          if (names->len == 0)
            continue;
          g_string_append_printf (message, "%s%s: ", message->len > 0 ? "; " : "", kind_heading (kind));
          for (guint i = 0; i < names->len && i < MAX_LABELS_NAMED; i++)
            g_string_append_printf (message, "%s%s", i > 0 ? ", " : "", (char *) names->pdata[i]);
          if (names->len > MAX_LABELS_NAMED)
            g_string_append_printf (message, ", … (%u)", names->len);
        }
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                   /* Translators: the list of labels ("entity labels: GPE, Money; roles:
                    * Org-Arg"). Keep --label-map and --add-labels: they are options. */
                   _("The project's schema lacks these labels of the files: %s. Map them to "
                     "the project's labels (--label-map) or let the import add them "
                     "(--add-labels)"),
                   message->str);
      ok = FALSE;
    }

  for (int kind = 0; kind < TESSERA_N_LABEL_KINDS; kind++)
    g_ptr_array_unref (check.missing[kind]);
  g_hash_table_unref (check.seen);

  return ok;
}

/* --- the import ------------------------------------------------------- */

gboolean
_tessera_foreign_commit (TesseraForeign  *self,
                         GError         **error)
{
  TesseraImportReport *report = self->ctx->report;
  g_autoptr(TesseraRecordImporter) importer = NULL;
  guint index = 0;

  if (!check_labels (self, error))
    return FALSE;

  if (self->ctx->options->strict && self->losses->len > 0)
    {
      g_autoptr(GString) all = g_string_new (NULL);

      for (guint i = 0; i < self->losses->len; i++)
        {
          g_autofree char *line = tessera_import_loss_describe (self->losses->pdata[i]);

          g_string_append_printf (all, "%s%s", i > 0 ? "; " : "", line);
        }
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                   /* Translators: the list of what was found ("8 relations (first at
                    * a.ann:5); 1 discontinuous span (first at b.ann:2)"). */
                   _("The files hold what the project cannot: %s. With --strict that is an "
                     "error"), all->str);
      return FALSE;
    }

  for (guint i = 0; i < self->records->len; i++)
    {
      ForeignRecord *rec = self->records->pdata[i];

      /* One importer for every file: a cluster reference links members
       * across documents (brat's "cluster:" notes in several .ann files). */
      if (importer == NULL)
        {
          importer = _tessera_record_importer_new (self->ctx, rec->file_label, FALSE);
          importer->per_annotator = self->per_annotator;
        }
      else if (g_strcmp0 (importer->file_label, rec->file_label) != 0)
        {
          g_free (importer->file_label);
          importer->file_label = g_strdup (rec->file_label);
          index = 0;
        }
      if (_tessera_import_context_cancelled (self->ctx, error) ||
          !_tessera_record_importer_add (importer, rec->node, rec->line, ++index, error))
        return FALSE;
    }

  if (report->losses == NULL)
    report->losses = g_ptr_array_new_with_free_func (loss_free);
  for (guint i = 0; i < self->losses->len; i++)
    g_ptr_array_add (report->losses, g_steal_pointer (&self->losses->pdata[i]));
  g_ptr_array_set_size (self->losses, 0);
  g_hash_table_remove_all (self->loss_index);

  return TRUE;
}

/* --- helpers for the readers ------------------------------------------- */

gboolean
_tessera_foreign_read_file (const char  *path,
                            char       **contents,
                            gsize       *length,
                            GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!g_file_get_contents (path, contents, length, &local_error))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED,
                   _("%s: %s"), display, local_error->message);
      return FALSE;
    }
  return TRUE;
}

char *
_tessera_foreign_file_stem (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  char *dot = strrchr (base, '.');

  return dot != NULL && dot != base ? g_strndup (base, dot - base) : g_strdup (base);
}

GHashTable *
tessera_import_parse_label_map (const char  *spec_or_path,
                                GError     **error)
{
  g_autoptr(GHashTable) map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char *contents = NULL;
  g_auto(GStrv) pieces = NULL;
  gboolean from_file;

  g_return_val_if_fail (spec_or_path != NULL, NULL);

  from_file = g_file_test (spec_or_path, G_FILE_TEST_IS_REGULAR);
  if (from_file && !_tessera_foreign_read_file (spec_or_path, &contents, NULL, error))
    return NULL;

  pieces = from_file ? g_strsplit (contents, "\n", -1) : g_strsplit (spec_or_path, ",", -1);
  for (guint i = 0; pieces[i] != NULL; i++)
    {
      char *piece = g_strstrip (pieces[i]);
      char *sep;
      char *from, *to;

      if (*piece == '\0' || (from_file && *piece == '#'))
        continue;
      sep = strchr (piece, '=');
      if (sep == NULL && from_file)
        sep = strchr (piece, '\t');
      if (sep == NULL || sep == piece || sep[1] == '\0' || !g_utf8_validate (piece, -1, NULL))
        {
          if (from_file)
            g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                         /* Translators: the file, the line number, then the line. */
                         _("%s:%u: “%s” is not of the form FILE_LABEL=PROJECT_LABEL"),
                         spec_or_path, i + 1, piece);
          else
            g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                         _("Label map: “%s” is not of the form FILE_LABEL=PROJECT_LABEL"), piece);
          return NULL;
        }
      *sep = '\0';
      from = g_strstrip (piece);
      to = g_strstrip (sep + 1);
      g_hash_table_replace (map, g_strdup (from), g_strdup (to));
    }

  return g_steal_pointer (&map);
}

GArray *
_tessera_foreign_removed_chars (const char *raw,
                                gsize       len)
{
  GArray *removed = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char *end = raw + len;
  gint64 cp = 0;

  for (const char *p = raw; p < end; cp++)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if ((cp == 0 && c == 0xFEFF) || (c == '\r' && p + 1 < end && p[1] == '\n'))
        g_array_append_val (removed, cp);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        p++;   /* a repaired byte: one U+FFFD each */
      else
        p = g_utf8_next_char (p);
    }
  return removed;
}

gint64
_tessera_foreign_remap (GArray *removed,
                        gint64  offset)
{
  guint lo = 0, hi = removed->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (removed, gint64, mid) < offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return offset - lo;
}

/* --- UTF-16 offsets ----------------------------------------------------- */

struct _TesseraUtf16Map
{
  GArray   *astral;     /* gint64: code-point offset of each character outside the BMP */
  gint64    n_chars;
};

TesseraUtf16Map *
_tessera_utf16_map_new (const char *text)
{
  TesseraUtf16Map *map = g_new0 (TesseraUtf16Map, 1);
  gint64 cp = 0;

  map->astral = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), cp++)
    if ((guchar) *p >= 0xF0)
      g_array_append_val (map->astral, cp);
  map->n_chars = cp;

  return map;
}

gboolean
_tessera_utf16_map_differs (const TesseraUtf16Map *map)
{
  return map->astral->len > 0;
}

gboolean
_tessera_utf16_map_to_codepoint (const TesseraUtf16Map *map,
                                 gint64                 offset,
                                 gint64                *out)
{
  guint lo = 0, hi = map->astral->len;
  gint64 cp;

  if (offset < 0)
    return FALSE;
  /* Each astral character before the answer takes two units: find how
   * many there are with offset16 = cp + (astral before cp). */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      gint64 at16 = g_array_index (map->astral, gint64, mid) + mid;

      if (at16 < offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  /* lo astral characters start before @offset; one that starts at
   * offset - 1 would put @offset in its middle. */
  if (lo > 0 && g_array_index (map->astral, gint64, lo - 1) + (lo - 1) == offset - 1)
    return FALSE;
  cp = offset - lo;
  if (cp > map->n_chars)
    return FALSE;
  *out = cp;
  return TRUE;
}

void
_tessera_utf16_map_free (TesseraUtf16Map *map)
{
  if (map == NULL)
    return;
  g_array_unref (map->astral);
  g_free (map);
}
