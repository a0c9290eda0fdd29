/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-schema"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "tessera-error.h"
#include "tessera-project.h"
#include "tessera-schema.h"
#include "tessera-test-util.h"

/* --- parsing ---------------------------------------------------------- */

static const TesseraLabel *
def_label (const TesseraSchemaDef *def,
           TesseraLabelKind        kind,
           const char             *name,
           guint                  *index)
{
  for (guint i = 0; i < def->labels->len; i++)
    {
      const TesseraLabel *candidate = g_ptr_array_index (def->labels, i);

      if (candidate->kind == kind && g_str_equal (candidate->name, name))
        {
          *index = i;
          return candidate;
        }
    }
  return NULL;
}

static void
test_default (void)
{
  static const char * const battle_roles[] = { "Agent", "Opponent", "Place", "Time", "Casualties", NULL };
  g_autoptr(TesseraSchemaDef) def = tessera_schema_def_default ();
  const TesseraLabel *battle;
  guint counts[TESSERA_N_LABEL_KINDS] = { 0 };
  guint index = 0;

  g_assert_nonnull (def);
  g_assert_cmpstr (def->name, ==, "Conflict news");
  for (guint i = 0; i < def->labels->len; i++)
    {
      const TesseraLabel *l = g_ptr_array_index (def->labels, i);

      counts[l->kind]++;
      g_assert_true (tessera_color_is_valid (l->color));
    }
  g_assert_cmpuint (counts[TESSERA_LABEL_ENTITY], ==, 7);
  g_assert_cmpuint (counts[TESSERA_LABEL_EVENT], ==, 8);
  g_assert_cmpuint (counts[TESSERA_LABEL_ROLE], ==, 8);
  g_assert_cmpuint (counts[TESSERA_LABEL_STANCE], ==, 4);

  battle = def_label (def, TESSERA_LABEL_EVENT, "Battle", &index);
  g_assert_nonnull (battle);
  g_assert_cmpstrv ((GStrv) g_ptr_array_index (def->role_names, index), battle_roles);
  g_assert_null (g_ptr_array_index (def->renamed_from, index));
  g_assert_cmpuint (def->attributes->len, ==, 2);
}

typedef struct
{
  const char *json;
  int         code;
  const char *words;  /* the place the message must name */
} BadSchema;

static const BadSchema bad_schemas[] = {
  { "{\"entities\": [{\"name\": \"Person\"}, {\"color\": \"#ff0000\"}]}",
    TESSERA_ERROR_INVALID_SCHEMA, "entities[1] has no \"name\"" },
  { "{\"entities\": [{\"name\": \"Person\"}, {\"name\": \"Person\"}]}",
    TESSERA_ERROR_INVALID_SCHEMA, "entities: \"Person\" appears twice" },
  { "{\"stances\": [{\"name\": \"asserts\", \"color\": \"green\"}]}",
    TESSERA_ERROR_INVALID_SCHEMA, "stances \"asserts\": colour \"green\"" },
  { "{\"roles\": [{\"name\": \"Agent\", \"shortcut\": \"a\"}, {\"name\": \"Target\", \"shortcut\": \"a\"}]}",
    TESSERA_ERROR_INVALID_SCHEMA, "roles \"Target\": shortcut \"a\" is already used by \"Agent\"" },
  { "{\"roles\": [{\"name\": \"Agent\"}], \"events\": [{\"name\": \"Battle\", \"roles\": [\"Agent\", \"Pilot\"]}]}",
    TESSERA_ERROR_INVALID_SCHEMA, "event \"Battle\": role \"Pilot\" is not among the \"roles\"" },
  { "{\"attributes\": [{\"name\": \"realis\", \"values\": [\"actual\"], \"default\": \"maybe\"}]}",
    TESSERA_ERROR_INVALID_SCHEMA, "attribute \"realis\": default \"maybe\"" },
  { "[\"Person\", \"Place\"]", TESSERA_ERROR_INVALID_SCHEMA, "expected a JSON object" },
  { "\"entities\"", TESSERA_ERROR_INVALID_SCHEMA, "expected a JSON object" },
  { "{\"entities\": {\"name\": \"Person\"}}", TESSERA_ERROR_INVALID_SCHEMA, "\"entities\" must be an array" },
  { "{\"entities\": [\"Person\"]}", TESSERA_ERROR_INVALID_SCHEMA, "entities[0] must be an object" },
  { "{\"entities\": [", TESSERA_ERROR_INVALID_INPUT, "not valid JSON" },
};

static void
test_parse_errors (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_schemas); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TesseraSchemaDef) def = tessera_schema_def_parse (bad_schemas[i].json, -1, &error);

      g_test_message ("schema %u: %s", i, bad_schemas[i].json);
      g_assert_null (def);
      g_assert_error (error, TESSERA_ERROR, bad_schemas[i].code);
      g_assert_nonnull (strstr (error->message, bad_schemas[i].words));
    }
}

static void
test_parse_deep (void)
{
  const guint depth = 100000;
  g_autoptr(GString) json = g_string_new ("{\"entities\": ");
  g_autoptr(TesseraSchemaDef) def = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < depth; i++)
    g_string_append_c (json, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (json, ']');
  g_string_append_c (json, '}');

  def = tessera_schema_def_parse (json->str, json->len, &error);
  g_assert_null (def);
  g_assert_error (error, TESSERA_ERROR, TESSERA_ERROR_LIMIT);
}

static void
test_parse_defaults (void)
{
  g_autoptr(TesseraSchemaDef) def = NULL;
  g_autoptr(GError) error = NULL;
  const TesseraLabel *vehicle;
  guint index = 0;

  /* No colour, no attributes: both are filled in. */
  def = tessera_schema_def_parse ("{\"entities\": [{\"name\": \"Vehicle\", \"renamed_from\": \"Car\"}]}", -1, &error);
  g_assert_no_error (error);
  vehicle = def_label (def, TESSERA_LABEL_ENTITY, "Vehicle", &index);
  g_assert_nonnull (vehicle);
  g_assert_true (tessera_color_is_valid (vehicle->color));
  g_assert_cmpstr (g_ptr_array_index (def->renamed_from, index), ==, "Car");
  g_assert_cmpuint (def->attributes->len, ==, 2);
}

/* --- projects --------------------------------------------------------- */

typedef struct
{
  TesseraProject *project;
  gint64          doc;
  char           *folder;
} Fixture;

static const char TEXT[] = "Soldiers from Gao clashed with rebels near Tessit.";

/* A new project @name in @folder, holding TEXT when @with_text. */
static TesseraProject *
new_project (const char *folder,
             const char *name,
             gboolean    with_text,
             gint64     *doc_id)
{
  g_autoptr(TesseraDocument) doc = tessera_document_new ();
  TesseraProject *project = tessera_test_create_project (folder, name, NULL);

  if (with_text)
    {
      doc->text = g_strdup (TEXT);
      *doc_id = tessera_test_add_document (project, doc);
    }

  return project;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->folder = tessera_test_make_tmp_dir ();
  f->project = new_project (f->folder, "schema.tessera", TRUE, &f->doc);
}

/* Removes the project files tests make (SQLite's side files included). */
static void
remove_project_files (const char *folder,
                      const char *name)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (folder, G_DIR_SEPARATOR_S, name, suffixes[i], NULL);

      g_remove (file);
    }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->project);
  remove_project_files (f->folder, "schema.tessera");
  remove_project_files (f->folder, "other.tessera");
  g_assert_cmpint (g_rmdir (f->folder), ==, 0);
  g_free (f->folder);
}

/* The id of the @plural label ("entities", "events"…) called @name. */
static gint64
id_of (TesseraProject *project,
       const char     *plural,
       const char     *name)
{
  TesseraLabelKind kind = TESSERA_LABEL_ANY;

  g_assert_true (tessera_label_kind_from_string (plural, &kind));

  return tessera_test_label_id (project, kind, name);
}

static gint64
span_with (Fixture    *f,
           const char *word,
           const char *entity)
{
  g_autoptr(GError) error = NULL;
  gint64 start, end, id;

  tessera_test_find_word (TEXT, word, &start, &end);
  id = tessera_project_add_span (f->project, f->doc, start, end,
                                 id_of (f->project, "entities", entity), NULL, &error);
  g_assert_no_error (error);

  return id;
}

/* The name of the label span @id now has. */
static const char *
span_label_name (Fixture *f,
                 gint64   id)
{
  g_autoptr(TesseraSpan) span = tessera_project_get_span (f->project, id, NULL);
  const TesseraLabel *l;

  g_assert_nonnull (span);
  l = tessera_project_get_label (f->project, span->label_id);
  g_assert_nonnull (l);

  return l->name;
}

/* A one-line description of every label and attribute, to compare schemas. */
static char *
describe_schema (TesseraProject *project)
{
  g_autoptr(GPtrArray) labels = tessera_project_list_labels (project, TESSERA_LABEL_ANY);
  GString *out = g_string_new (NULL);
  const char * const attrs[] = { "realis", "confirmation" };

  for (guint i = 0; i < labels->len; i++)
    {
      const TesseraLabel *l = g_ptr_array_index (labels, i);

      g_string_append_printf (out, "%s %s %s %s [", tessera_label_kind_to_string (l->kind),
                              l->name, l->color, l->shortcut ? l->shortcut : "-");
      for (guint r = 0; r < l->roles->len; r++)
        g_string_append_printf (out, " %s", tessera_project_get_label (project, g_array_index (l->roles, gint64, r))->name);
      g_string_append (out, " ]\n");
    }
  for (guint i = 0; i < G_N_ELEMENTS (attrs); i++)
    {
      const TesseraAttribute *attr = tessera_project_get_attribute (project, attrs[i]);
      g_autofree char *values = g_strjoinv (",", attr->values);

      g_string_append_printf (out, "%s %s default %s\n", attr->name, values, attr->default_value);
    }

  return g_string_free (out, FALSE);
}

/* The project's schema as an editable JSON tree. */
static JsonNode *
schema_tree (TesseraProject *project)
{
  g_autofree char *json = tessera_project_dup_schema_json (project);
  g_autoptr(GError) error = NULL;
  JsonNode *root = json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  return root;
}

static JsonArray *
kind_array (JsonNode   *root,
            const char *plural)
{
  return json_object_get_array_member (json_node_get_object (root), plural);
}

/* The position of label @name in the array @plural. */
static guint
label_index (JsonNode   *root,
             const char *plural,
             const char *name)
{
  JsonArray *array = kind_array (root, plural);

  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (array, i), "name"), name))
      return i;

  g_assert_not_reached ();
}

static JsonObject *
label_object (JsonNode   *root,
              const char *plural,
              const char *name)
{
  return json_array_get_object_element (kind_array (root, plural), label_index (root, plural, name));
}

static void
rename_label (JsonNode   *root,
              const char *plural,
              const char *from,
              const char *to)
{
  JsonObject *obj = label_object (root, plural, from);

  json_object_set_string_member (obj, "name", to);
  json_object_set_string_member (obj, "renamed_from", from);
}

static void
drop_label (JsonNode   *root,
            const char *plural,
            const char *name)
{
  json_array_remove_element (kind_array (root, plural), label_index (root, plural, name));
}

static gboolean
replace (TesseraProject  *project,
         JsonNode        *root,
         GError         **error)
{
  g_autofree char *json = json_to_string (root, FALSE);

  return tessera_project_replace_schema (project, json, -1, error);
}

static void
replace_ok (TesseraProject *project,
            JsonNode       *root)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (replace (project, root, &error));
  g_assert_no_error (error);
}

/* A refused replacement names @words and changes nothing. */
static void
replace_refused (TesseraProject *project,
                 JsonNode       *root,
                 int             code,
                 const char     *words)
{
  g_autofree char *before = describe_schema (project);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (replace (project, root, &error));
  g_assert_error (error, TESSERA_ERROR, code);
  g_assert_nonnull (strstr (error->message, words));
  after = describe_schema (project);
  g_assert_cmpstr (before, ==, after);
}

static void
test_copy_to_project (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(TesseraProject) other = new_project (f->folder, "other.tessera", FALSE, NULL);
  g_autoptr(TesseraSchemaDef) def = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *mine = NULL;
  g_autofree char *theirs = NULL;
  gint64 person = id_of (f->project, "entities", "Person");

  /* Make this project's schema its own first. */
  tessera_project_add_label (f->project, TESSERA_LABEL_ENTITY, "Vehicle", "#445566", "v", &error);
  tessera_project_update_label (f->project, person, "Individual", "#010203", "0", &error);
  tessera_project_delete_label (f->project, id_of (f->project, "stances", "doubts"), &error);
  g_assert_no_error (error);

  json = tessera_project_dup_schema_json (f->project);
  def = tessera_schema_def_parse (json, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (def);

  g_assert_true (tessera_project_replace_schema (other, json, -1, &error));
  g_assert_no_error (error);

  mine = describe_schema (f->project);
  theirs = describe_schema (other);
  g_assert_cmpstr (mine, ==, theirs);
  g_assert_nonnull (strstr (theirs, "entity Individual #010203 0"));
  g_assert_null (tessera_project_find_label (other, TESSERA_LABEL_STANCE, "doubts"));
}

static void
test_replace_rename (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(JsonNode) root = schema_tree (f->project);
  gint64 person = id_of (f->project, "entities", "Person");
  gint64 soldiers = span_with (f, "Soldiers", "Person");

  rename_label (root, "entities", "Person", "Combatant");
  replace_ok (f->project, root);

  g_assert_cmpstr (span_label_name (f, soldiers), ==, "Combatant");
  g_assert_cmpint (id_of (f->project, "entities", "Combatant"), ==, person);
  g_assert_null (tessera_project_find_label (f->project, TESSERA_LABEL_ENTITY, "Person"));
}

static void
test_replace_recolour_add (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(JsonNode) root = schema_tree (f->project);
  g_autoptr(JsonObject) vehicle = json_object_new ();
  gint64 place = id_of (f->project, "entities", "Place");
  gint64 gao = span_with (f, "Gao", "Place");
  const TesseraLabel *added;

  json_object_set_string_member (label_object (root, "entities", "Place"), "color", "#abcdef");
  json_object_set_string_member (vehicle, "name", "Vehicle");
  json_object_set_string_member (vehicle, "color", "#112233");
  json_object_set_string_member (vehicle, "shortcut", "v");
  json_array_add_object_element (kind_array (root, "entities"), g_steal_pointer (&vehicle));
  replace_ok (f->project, root);

  g_assert_cmpstr (tessera_project_get_label (f->project, place)->color, ==, "#abcdef");
  g_assert_cmpstr (span_label_name (f, gao), ==, "Place");
  added = tessera_project_find_label (f->project, TESSERA_LABEL_ENTITY, "Vehicle");
  g_assert_nonnull (added);
  g_assert_cmpstr (added->color, ==, "#112233");
  g_assert_cmpstr (added->shortcut, ==, "v");
}

static void
test_replace_remove_used (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(JsonNode) root = schema_tree (f->project);

  span_with (f, "Gao", "Place");
  /* Along with a change that would otherwise go through. */
  json_object_set_string_member (label_object (root, "entities", "Person"), "color", "#000000");
  drop_label (root, "entities", "Place");

  replace_refused (f->project, root, TESSERA_ERROR_IN_USE, "Place");
  g_assert_nonnull (tessera_project_find_label (f->project, TESSERA_LABEL_ENTITY, "Place"));
}

static void
test_replace_remove_unused (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(JsonNode) root = schema_tree (f->project);

  span_with (f, "Gao", "Place");
  drop_label (root, "entities", "Facility");
  drop_label (root, "stances", "doubts");
  replace_ok (f->project, root);

  g_assert_null (tessera_project_find_label (f->project, TESSERA_LABEL_ENTITY, "Facility"));
  g_assert_null (tessera_project_find_label (f->project, TESSERA_LABEL_STANCE, "doubts"));
  g_assert_nonnull (tessera_project_find_label (f->project, TESSERA_LABEL_ENTITY, "Place"));
}

static void
test_replace_swap (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(JsonNode) root = schema_tree (f->project);
  gint64 person = id_of (f->project, "entities", "Person");
  gint64 place = id_of (f->project, "entities", "Place");
  gint64 soldiers = span_with (f, "Soldiers", "Person");
  gint64 gao = span_with (f, "Gao", "Place");

  /* Person becomes Place and Place becomes Person, in one replacement. */
  rename_label (root, "entities", "Person", "Place-tmp");
  rename_label (root, "entities", "Place", "Person");
  json_object_set_string_member (label_object (root, "entities", "Place-tmp"), "name", "Place");
  replace_ok (f->project, root);

  g_assert_cmpint (id_of (f->project, "entities", "Place"), ==, person);
  g_assert_cmpint (id_of (f->project, "entities", "Person"), ==, place);
  g_assert_cmpstr (span_label_name (f, soldiers), ==, "Place");
  g_assert_cmpstr (span_label_name (f, gao), ==, "Person");
}

static void
test_replace_attribute_in_use (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(JsonNode) root = schema_tree (f->project);
  g_autoptr(GError) error = NULL;
  JsonArray *attributes = json_object_get_array_member (json_node_get_object (root), "attributes");
  JsonObject *realis = json_array_get_object_element (attributes, 0);
  g_autoptr(JsonArray) values = json_array_new ();
  gint64 clashed = span_with (f, "clashed", "Person");

  g_assert_cmpstr (json_object_get_string_member (realis, "name"), ==, "realis");
  g_assert_cmpint (tessera_project_add_event (f->project, clashed, id_of (f->project, "events", "Battle"),
                                              "claimed", NULL, &error), >, 0);
  g_assert_no_error (error);

  json_array_add_string_element (values, "actual");
  json_array_add_string_element (values, "planned");
  json_object_set_array_member (realis, "values", g_steal_pointer (&values));
  replace_refused (f->project, root, TESSERA_ERROR_IN_USE, "claimed");
  g_assert_true (tessera_attribute_has_value (tessera_project_get_attribute (f->project, "realis"), "claimed"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/schema/default", test_default);
  g_test_add_func ("/schema/parse/errors", test_parse_errors);
  g_test_add_func ("/schema/parse/deep", test_parse_deep);
  g_test_add_func ("/schema/parse/defaults", test_parse_defaults);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/schema/copy-to-project", test_copy_to_project);
  ADD ("/schema/replace/rename", test_replace_rename);
  ADD ("/schema/replace/recolour-add", test_replace_recolour_add);
  ADD ("/schema/replace/remove-used", test_replace_remove_used);
  ADD ("/schema/replace/remove-unused", test_replace_remove_unused);
  ADD ("/schema/replace/swap", test_replace_swap);
  ADD ("/schema/replace/attribute-in-use", test_replace_attribute_in_use);
#undef ADD

  return g_test_run ();
}
