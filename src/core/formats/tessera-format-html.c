/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tessera-format-html"

#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "tessera-error.h"
#include "tessera-formats-private.h"
#include "tessera-json-util.h"
#include "tessera-limits.h"
#include "tessera-text-header.h"

/* Saved web pages: the article's text, as a reader would copy it, and
 * what the page says about itself (Open Graph, <meta>, <time>, JSON-LD).
 * Parsed with libxml2's HTML parser, which takes the tag soup browsers
 * take; the walks over its tree are loops, so no page nests deep enough
 * to exhaust the stack. */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

/* An article shorter than this is a teaser card, not the story. */
#define MIN_ARTICLE_CHARS 80
/* Articles weighed to find the story; a list page may hold thousands. */
#define MAX_ARTICLES 100

static gboolean
is_element (const xmlNode *node)
{
  return node != NULL && node->type == XML_ELEMENT_NODE && node->name != NULL;
}

static gboolean
name_in (const xmlNode      *node,
         const char * const *names)
{
  if (!is_element (node))
    return FALSE;
  for (guint i = 0; names[i] != NULL; i++)
    if (g_ascii_strcasecmp ((const char *) node->name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_tag (const xmlNode *node,
        const char    *name)
{
  return is_element (node) && g_ascii_strcasecmp ((const char *) node->name, name) == 0;
}

/* The attribute's value as a GLib string, or NULL. */
static char *
get_attr (xmlNode    *node,
          const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy = value != NULL ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

/* Invisible characters that only get in the analyst's way. */
static gboolean
is_invisible (gunichar c)
{
  return c == 0x200B || c == 0x2060 || c == 0xFEFF || c == 0x00AD;
}

static gboolean
is_space (gunichar c)
{
  return g_unichar_isspace (c) || c < 0x20;
}

/* @text with each run of whitespace one space, trimmed; NULL when empty. */
static char *
collapse (const char *text)
{
  GString *out;
  gboolean space = FALSE;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;

  out = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_invisible (c))
        continue;
      if (is_space (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

/* The next node after @node in document order, within @root; @node's
 * children are passed over when @skip_children. */
static xmlNode *
next_node (xmlNode  *node,
           xmlNode  *root,
           gboolean  skip_children)
{
  if (!skip_children && node->children != NULL)
    return node->children;
  while (node != root && node != NULL)
    {
      if (node->next != NULL)
        return node->next;
      node = node->parent;
    }
  return NULL;
}

/* --- what is not the article ------------------------------------------ */

static gboolean
part_matches (const char *part,
              gsize       len)
{
  static const char * const words[] = {
    "share", "sharing", "social", "related", "comment", "comments", "banner", "advert", "ad", "ads",
    "promo", "subscribe", "breadcrumb", "breadcrumbs", "toolbar", "sidebar", NULL
  };

  for (guint i = 0; words[i] != NULL; i++)
    if (strlen (words[i]) == len && g_ascii_strncasecmp (part, words[i], len) == 0)
      return TRUE;
  return FALSE;
}

/* An id or class that says cookie banner, consent, newsletter, sharing,
 * related links or comments. Most words must be a whole part of a name
 * ("share-bar", "shareBar"): "commentary" and "unrelated" are text. */
static gboolean
names_boilerplate (const char *value)
{
  static const char * const anywhere[] = {
    "cookie", "consent", "gdpr", "newsletter", "onetrust", "didomi", NULL
  };
  g_autofree char *lower = NULL;
  const char *p;

  if (value == NULL || *value == '\0')
    return FALSE;

  lower = g_ascii_strdown (value, -1);
  for (guint i = 0; anywhere[i] != NULL; i++)
    if (strstr (lower, anywhere[i]) != NULL)
      return TRUE;

  /* Parts: runs of letters, also split where camelCase turns upper. */
  p = value;
  while (*p != '\0')
    {
      const char *start;

      while (*p != '\0' && !g_ascii_isalpha (*p))
        p++;
      start = p;
      if (*p != '\0')
        p++;
      while (*p != '\0' && g_ascii_isalpha (*p) &&
             !(g_ascii_isupper (*p) && g_ascii_islower (p[-1])))
        p++;
      if (p > start && part_matches (start, p - start))
        return TRUE;
    }
  return FALSE;
}

static gboolean
has_ancestor (xmlNode    *node,
              const char *name)
{
  for (xmlNode *up = node->parent; up != NULL; up = up->parent)
    if (is_tag (up, name))
      return TRUE;
  return FALSE;
}

/* Elements whose text is never the article's. <header> is the page's
 * masthead, except inside an <article>, where it holds the headline. */
static gboolean
is_dropped (xmlNode *node)
{
  static const char * const tags[] = {
    "script", "style", "noscript", "template", "nav", "aside", "footer", "form", "iframe",
    "svg", "math", "canvas", "object", "embed", "video", "audio", "button", "select",
    "textarea", "input", "label", "dialog", "menu", "head", "title", "meta", "link", NULL
  };
  static const char * const roles[] = {
    "navigation", "banner", "contentinfo", "complementary", "search", "dialog",
    "alertdialog", "menu", "menubar", NULL
  };
  g_autofree char *id = NULL;
  g_autofree char *klass = NULL;
  g_autofree char *role = NULL;
  g_autofree char *aria_hidden = NULL;

  if (!is_element (node))
    return FALSE;
  if (name_in (node, tags))
    return TRUE;
  if (is_tag (node, "header") && !has_ancestor (node, "article"))
    return TRUE;

  if (xmlHasProp (node, (const xmlChar *) "hidden") != NULL)
    return TRUE;
  aria_hidden = get_attr (node, "aria-hidden");
  if (g_strcmp0 (aria_hidden, "true") == 0)
    return TRUE;
  role = get_attr (node, "role");
  if (role != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (role, -1);
      const char * const *r;

      for (r = roles; *r != NULL; r++)
        if (g_str_equal (lower, *r))
          return TRUE;
    }
  id = get_attr (node, "id");
  klass = get_attr (node, "class");
  return names_boilerplate (id) || names_boilerplate (klass);
}

/* Some element from @node up (short of <body>) is dropped. */
static gboolean
inside_dropped (xmlNode *node)
{
  for (; node != NULL && !is_tag (node, "body") && !is_tag (node, "html"); node = node->parent)
    if (is_dropped (node))
      return TRUE;
  return FALSE;
}

/* --- the article's text ----------------------------------------------- */

typedef struct
{
  GString  *out;
  int       pending;  /* newlines owed before more text: 1 a line, 2 a paragraph */
  gboolean  space;
} TextOut;

static void
want_break (TextOut *t,
            int      n)
{
  t->pending = MAX (t->pending, n);
}

static void
append_text (TextOut    *t,
             const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_invisible (c))
        continue;
      if (is_space (c))
        {
          t->space = TRUE;
          continue;
        }
      if (t->out->len > 0 && t->pending > 0)
        g_string_append (t->out, t->pending > 1 ? "\n\n" : "\n");
      else if (t->out->len > 0 && t->space)
        g_string_append_c (t->out, ' ');
      t->pending = 0;
      t->space = FALSE;
      g_string_append_unichar (t->out, c);
    }
}

/* How an element breaks the text around it: 2 paragraphs apart, 1 lines
 * apart, 0 inline. */
static int
block_break (const xmlNode *node)
{
  static const char * const paragraphs[] = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "div", "section", "article",
    "main", "header", "figure", "figcaption", "pre", "table", "ul", "ol", "dl", "address",
    "hr", "details", "summary", "center", "body", NULL
  };
  static const char * const lines[] = { "li", "tr", "dt", "dd", "br", "caption", NULL };

  if (name_in (node, paragraphs))
    return 2;
  if (name_in (node, lines))
    return 1;
  return 0;
}

/* The text of @root without what is dropped: paragraphs and headings a
 * blank line apart, whitespace collapsed. */
static char *
extract_text (xmlNode *root)
{
  TextOut t = { g_string_new (NULL), 0, FALSE };
  xmlNode *node = root;

  while (node != NULL)
    {
      gboolean descend = TRUE;

      if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
        {
          if (node->content != NULL)
            append_text (&t, (const char *) node->content);
        }
      else if (!is_element (node) || (node != root && is_dropped (node)))
        descend = FALSE;
      else
        {
          want_break (&t, block_break (node));
          if (is_tag (node, "td") || is_tag (node, "th"))
            t.space = TRUE;
        }

      if (descend && node->children != NULL)
        {
          node = node->children;
          continue;
        }
      /* Leaving @node, and each parent whose last child it was. */
      for (;;)
        {
          if (descend && is_element (node))
            want_break (&t, block_break (node));
          descend = TRUE;
          if (node == root)
            {
              node = NULL;
              break;
            }
          if (node->next != NULL)
            {
              node = node->next;
              break;
            }
          node = node->parent;
        }
    }

  if (t.out->len > 0)
    g_string_append_c (t.out, '\n');
  return g_string_free (t.out, FALSE);
}

/* The article: the longest <article> worth the name, else <main>, else
 * the body. */
static xmlNode *
find_content_root (xmlNode *html)
{
  xmlNode *best = NULL;
  xmlNode *main_node = NULL;
  xmlNode *body = NULL;
  glong best_len = 0;
  guint n_articles = 0;

  for (xmlNode *node = html; node != NULL; node = next_node (node, html, FALSE))
    {
      g_autofree char *role = NULL;

      if (!is_element (node))
        continue;
      if (body == NULL && is_tag (node, "body"))
        body = node;
      if (is_tag (node, "article") && n_articles < MAX_ARTICLES && !inside_dropped (node))
        {
          g_autofree char *text = extract_text (node);
          glong len = g_utf8_strlen (text, -1);

          n_articles++;
          if (len >= MIN_ARTICLE_CHARS && len > best_len)
            {
              best = node;
              best_len = len;
            }
        }
      else if (main_node == NULL &&
               (is_tag (node, "main") || g_strcmp0 (role = get_attr (node, "role"), "main") == 0) &&
               !inside_dropped (node))
        main_node = node;
    }

  if (best != NULL)
    return best;
  if (main_node != NULL)
    return main_node;
  return body != NULL ? body : html;
}

/* --- what the page says about itself ---------------------------------- */

typedef struct
{
  char *og_title;
  char *tw_title;
  char *html_title;
  char *ld_headline;
  char *site_name;
  char *ld_publisher;
  char *date[3];     /* by preference: article:, og:/itemprop, name="date"… */
  char *ld_date;
  char *time_date;   /* the first <time datetime> of the article */
  char *og_url;
  char *canonical;
  char *lang;
  char *content_language;
  char *og_locale;
} PageMeta;

static void
page_meta_clear (PageMeta *meta)
{
  char **fields[] = {
    &meta->og_title, &meta->tw_title, &meta->html_title, &meta->ld_headline, &meta->site_name,
    &meta->ld_publisher, &meta->date[0], &meta->date[1], &meta->date[2], &meta->ld_date,
    &meta->time_date, &meta->og_url, &meta->canonical, &meta->lang, &meta->content_language,
    &meta->og_locale,
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_clear_pointer (fields[i], g_free);
}

static void
take_once (char **field,
           char  *value)
{
  if (*field == NULL && value != NULL && *value != '\0')
    *field = value;
  else
    g_free (value);
}

static void
read_meta_element (PageMeta *meta,
                   xmlNode  *node)
{
  static const char * const dates_1[] = {
    "og:published_time", "og:article:published_time", "datepublished", NULL
  };
  static const char * const dates_2[] = {
    "date", "pubdate", "publishdate", "publish-date", "publish_date", "dc.date",
    "dc.date.issued", "dcterms.date", "dcterms.issued", "dcterms.created", "sailthru.date",
    "parsely-pub-date", NULL
  };
  g_autofree char *content = get_attr (node, "content");
  g_autofree char *key = NULL;
  char *raw;

  if (content == NULL)
    return;
  /* Open Graph uses property=, the others name=, schema.org itemprop=. */
  if ((raw = get_attr (node, "property")) == NULL &&
      (raw = get_attr (node, "name")) == NULL &&
      (raw = get_attr (node, "itemprop")) == NULL &&
      (raw = get_attr (node, "http-equiv")) == NULL)
    return;
  key = g_ascii_strdown (raw, -1);
  g_free (raw);

  if (g_str_equal (key, "og:title"))
    take_once (&meta->og_title, collapse (content));
  else if (g_str_equal (key, "twitter:title"))
    take_once (&meta->tw_title, collapse (content));
  else if (g_str_equal (key, "og:site_name"))
    take_once (&meta->site_name, collapse (content));
  else if (g_str_equal (key, "article:published_time"))
    take_once (&meta->date[0], collapse (content));
  else if (g_strv_contains (dates_1, key))
    take_once (&meta->date[1], collapse (content));
  else if (g_strv_contains (dates_2, key))
    take_once (&meta->date[2], collapse (content));
  else if (g_str_equal (key, "og:url"))
    take_once (&meta->og_url, collapse (content));
  else if (g_str_equal (key, "og:locale"))
    take_once (&meta->og_locale, collapse (content));
  else if (g_str_equal (key, "content-language"))
    take_once (&meta->content_language, collapse (content));
}

static const char *
ld_string (JsonObject *object,
           const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* The first object of the tree with a datePublished (an article, maybe
 * in "@graph"): its date, headline and publisher's name. The tree's
 * depth is bounded by tessera_json_parse(). */
static void
read_ld_node (PageMeta *meta,
              JsonNode *node,
              guint     depth)
{
  if (meta->ld_date != NULL || depth > TESSERA_MAX_JSON_DEPTH)
    return;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        read_ld_node (meta, json_array_get_element (array, i), depth + 1);
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      JsonNode *publisher;
      const char *date = ld_string (object, "datePublished");

      if (date == NULL)
        {
          g_autoptr(GList) members = json_object_get_values (object);

          for (GList *l = members; l != NULL; l = l->next)
            read_ld_node (meta, l->data, depth + 1);
          return;
        }

      meta->ld_date = g_strdup (date);
      take_once (&meta->ld_headline, collapse (ld_string (object, "headline")));
      publisher = json_object_get_member (object, "publisher");
      if (publisher != NULL && JSON_NODE_HOLDS_OBJECT (publisher))
        take_once (&meta->ld_publisher, collapse (ld_string (json_node_get_object (publisher), "name")));
    }
}

static void
read_ld_json (PageMeta *meta,
              xmlNode  *script)
{
  g_autoptr(JsonNode) root = NULL;
  xmlChar *content;

  if (meta->ld_date != NULL || (content = xmlNodeGetContent (script)) == NULL)
    return;
  /* Pages get their JSON-LD wrong often enough: then it is not read. */
  root = tessera_json_parse ("JSON-LD", (const char *) content, -1, NULL);
  xmlFree (content);
  if (root != NULL)
    read_ld_node (meta, root, 0);
}

static void
read_page_meta (PageMeta *meta,
                xmlNode  *html,
                xmlNode  *content_root)
{
  take_once (&meta->lang, get_attr (html, "lang"));
  take_once (&meta->lang, get_attr (html, "xml:lang"));

  for (xmlNode *node = html; node != NULL; node = next_node (node, html, FALSE))
    {
      if (!is_element (node))
        continue;

      if (is_tag (node, "meta"))
        read_meta_element (meta, node);
      else if (is_tag (node, "title") && meta->html_title == NULL)
        {
          xmlChar *text = xmlNodeGetContent (node);

          take_once (&meta->html_title, collapse ((const char *) text));
          xmlFree (text);
        }
      else if (is_tag (node, "link"))
        {
          g_autofree char *rel = get_attr (node, "rel");

          if (rel != NULL && g_ascii_strcasecmp (rel, "canonical") == 0)
            {
              g_autofree char *href = get_attr (node, "href");

              take_once (&meta->canonical, collapse (href));
            }
        }
      else if (is_tag (node, "script"))
        {
          g_autofree char *type = get_attr (node, "type");

          if (type != NULL && g_ascii_strcasecmp (type, "application/ld+json") == 0)
            read_ld_json (meta, node);
        }
    }

  for (xmlNode *node = content_root; node != NULL && meta->time_date == NULL;
       node = next_node (node, content_root, FALSE))
    if (is_tag (node, "time") && !inside_dropped (node))
      {
        g_autofree char *datetime = get_attr (node, "datetime");

        take_once (&meta->time_date, collapse (datetime));
      }
}

/* "Title | Outlet", "Title - Outlet" → "Title". */
static char *
strip_site_name (char       *title,
                 const char *site)
{
  static const char * const separators[] = { " | ", " - ", " – ", " — ", " : ", NULL };
  gsize title_len;
  gsize site_len;

  if (title == NULL || site == NULL)
    return title;
  title_len = strlen (title);
  site_len = strlen (site);
  for (guint i = 0; separators[i] != NULL; i++)
    {
      gsize sep_len = strlen (separators[i]);

      if (title_len > site_len + sep_len &&
          g_str_has_suffix (title, site) &&
          strncmp (title + title_len - site_len - sep_len, separators[i], sep_len) == 0)
        {
          title[title_len - site_len - sep_len] = '\0';
          break;
        }
    }
  return title;
}

static char *
first_heading (xmlNode *root)
{
  for (xmlNode *node = root; node != NULL; node = next_node (node, root, FALSE))
    if (is_tag (node, "h1") && !inside_dropped (node))
      {
        xmlChar *text = xmlNodeGetContent (node);
        char *title = collapse ((const char *) text);

        xmlFree (text);
        if (title != NULL)
          return title;
      }
  return NULL;
}

/* --- the file ---------------------------------------------------------- */

static void
init_libxml (void)
{
  static gsize initialised = 0;

  /* Imports run on a worker thread; libxml2 must set itself up once. */
  if (g_once_init_enter (&initialised))
    {
      xmlInitParser ();
      g_once_init_leave (&initialised, 1);
    }
}

static void
set_too_big_error (GError     **error,
                   const char  *display,
                   guint64      size)
{
  g_autofree char *size_str = g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *limit_str = g_format_size_full (TESSERA_MAX_TEXT_FILE_SIZE,
                                                   G_FORMAT_SIZE_IEC_UNITS);

  g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_LIMIT,
               /* Translators: the file name, its size in bytes, the same size in
                * units ("65.0 MiB"), then the limit ("64.0 MiB"). */
               _("%s: %" PRIu64 " bytes (%s) is over the %s limit for a web page"),
               display, size, size_str, limit_str);
}

static char *
read_page (const char  *path,
           const char  *display,
           gsize       *len,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *data = NULL;
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, TESSERA_ERROR,
                   saved_errno == ENOENT ? TESSERA_ERROR_NOT_FOUND : TESSERA_ERROR_FAILED,
                   _("%s: %s"), display, g_strerror (saved_errno));
      return NULL;
    }
  if ((guint64) st.st_size > TESSERA_MAX_TEXT_FILE_SIZE)
    {
      set_too_big_error (error, display, st.st_size);
      return NULL;
    }
  if (!g_file_get_contents (path, &data, len, &local_error))
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_FAILED,
                   _("%s: %s"), display, local_error->message);
      return NULL;
    }
  if (*len > TESSERA_MAX_TEXT_FILE_SIZE)
    {
      set_too_big_error (error, display, *len);
      g_free (data);
      return NULL;
    }
  return data;
}

/* The first date @candidates hold, as YYYY-MM-DD. */
static char *
first_date (const char * const *candidates,
            guint               n)
{
  for (guint i = 0; i < n; i++)
    if (candidates[i] != NULL)
      {
        char *date = tessera_date_parse_prefix (candidates[i], -1, NULL);

        if (date != NULL)
          return date;
      }
  return NULL;
}

gboolean
_tessera_import_html_file (TesseraImportContext  *ctx,
                           const char            *path,
                           GError               **error)
{
  g_autofree char *display = NULL;
  g_autofree char *data = NULL;
  g_autoptr(xmlDoc) page = NULL;
  g_autoptr(TesseraDocument) doc = NULL;
  g_autofree char *lang = NULL;
  PageMeta meta = { 0 };
  xmlNode *html;
  xmlNode *content;
  gsize len = 0;
  gint64 id;

  g_return_val_if_fail (ctx != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  display = g_filename_display_name (path);
  if ((data = read_page (path, display, &len, error)) == NULL)
    return FALSE;

  /* A blank file is skipped, as a blank text is (libxml2 makes no tree). */
  {
    gsize i = 0;

    while (i < len && g_ascii_isspace (data[i]))
      i++;
    if (i == len)
      {
        doc = tessera_document_new ();
        doc->text = g_strdup ("");
        return _tessera_import_add_file_document (ctx, path, doc, error) >= 0;
      }
  }

  init_libxml ();
  /* A page that is valid UTF-8 is read as such (libxml2 2.9 would take
   * Latin-1 when it declares nothing); otherwise its <meta charset>. */
  page = htmlReadMemory (data, (int) len, NULL,
                         g_utf8_validate_len (data, len, NULL) ? "UTF-8" : NULL,
                         HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                         HTML_PARSE_NONET | HTML_PARSE_COMPACT);
  g_clear_pointer (&data, g_free);
  if (page == NULL || (html = xmlDocGetRootElement (page)) == NULL)
    {
      g_set_error (error, TESSERA_ERROR, TESSERA_ERROR_INVALID_INPUT,
                   _("%s: not a web page (the HTML parser found no elements in it)"), display);
      return FALSE;
    }

  content = find_content_root (html);
  doc = tessera_document_new ();
  doc->text = extract_text (content);
  if (!g_utf8_validate (doc->text, -1, NULL))
    {
      char *valid = g_utf8_make_valid (doc->text, -1);

      g_free (doc->text);
      doc->text = valid;
    }

  read_page_meta (&meta, html, content);

  doc->source = g_strdup (meta.site_name != NULL ? meta.site_name : meta.ld_publisher);
  if (meta.og_title != NULL)
    doc->title = g_strdup (meta.og_title);
  else if (meta.tw_title != NULL)
    doc->title = g_strdup (meta.tw_title);
  else if (meta.ld_headline != NULL)
    doc->title = g_strdup (meta.ld_headline);
  else if (meta.html_title != NULL)
    doc->title = g_strdup (meta.html_title);
  else
    doc->title = first_heading (content);
  doc->title = strip_site_name (doc->title, doc->source);

  {
    const char *dates[] = { meta.date[0], meta.date[1], meta.date[2], meta.time_date, meta.ld_date };

    doc->published = first_date (dates, G_N_ELEMENTS (dates));
  }
  /* Else a dateline in the text, as in a plain-text report. */
  if (doc->published == NULL)
    {
      g_auto(TesseraTextHeader) header = { 0 };

      tessera_text_header_read (doc->text, &header);
      doc->published = g_steal_pointer (&header.published);
    }

  doc->url = g_strdup (meta.og_url != NULL ? meta.og_url : meta.canonical);

  lang = g_strdup (meta.lang != NULL ? meta.lang
                   : meta.content_language != NULL ? meta.content_language : meta.og_locale);
  if (lang != NULL && (doc->language = tessera_language_tag_normalize (lang)) == NULL)
    _tessera_import_report_notice (ctx->report,
                                   /* Translators: a web page's lang="…", then a valid example. */
                                   _("%s: the page's language “%s” is not a language tag "
                                     "(such as “en” or “fr”); no language was set"),
                                   display, lang);

  page_meta_clear (&meta);

  id = _tessera_import_add_file_document (ctx, path, doc, error);
  return id >= 0;
}
