// Targeted re-annotation: what a registry or taxonomy change can affect, and documents rebuilt
// from the index.
#include "indexer/reannotate.h"

#include <algorithm>
#include <map>

#include "core/schema.h"
#include "core/stored.h"
#include "indexer/annotator_text.h"

namespace annosearch {
namespace {

namespace sc = schema;

// The fields of an entity the annotator reads, as one comparable string.
std::string annotator_view(const Entity& e) {
  std::string out = e.name + '\x1f' + e.type + '\x1f';
  for (const auto& a : e.aliases) out += a + '\x1e';
  out += '\x1f';
  for (const auto& r : e.related) out += r.relation + '=' + r.id + '\x1e';
  return out;
}

std::string annotator_view(const Theme& t) {
  std::string out = t.parent + '\x1f';
  for (const auto& k : t.keywords) out += k + '\x1e';
  return out;
}

template <typename Map, typename View>
std::vector<std::string> changed_ids(const Map& before, const Map& after, View view) {
  std::vector<std::string> out;
  for (const auto& [id, x] : after) {
    const auto it = before.find(id);
    if (it == before.end() || view(it->second) != view(x)) out.push_back(id);
  }
  for (const auto& [id, x] : before) {
    if (after.find(id) == after.end()) out.push_back(id);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// A form to look up: the matching keys of its words; the last one a prefix (keyword "refugee*").
struct Form {
  std::string text;
  std::vector<std::string> keys;
  bool last_is_prefix = false;
};

Form make_form(const std::string& text) {
  Form f;
  f.text = text;
  std::string body = text;
  if (!body.empty() && body.back() == '*') {
    body.pop_back();
    f.last_is_prefix = true;
  }
  for (const auto& t : annotation_tokens(body)) {
    std::string key = match_key(t.folded);
    if (!key.empty()) f.keys.push_back(std::move(key));
  }
  return f;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

// The document id of an indexed unit.
std::string doc_id_of(const Xapian::Document& doc) {
  auto t = doc.termlist_begin();
  t.skip_to(std::string(sc::kPrefixDoc));
  if (t == doc.termlist_end()) return {};
  return sc::term_value(*t, sc::kPrefixDoc).value_or(std::string());
}

// Adds the ids of the articles matching `q` to `into`; returns how many were new.
std::size_t collect_articles(const Xapian::Database& db, const Xapian::Query& q,
                             std::set<std::string>& into) {
  Xapian::Enquire enquire(db);
  enquire.set_query(
      Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(std::string(sc::kTermArticle))));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  const Xapian::MSet m = enquire.get_mset(0, std::max<Xapian::doccount>(db.get_doccount(), 1));
  std::size_t added = 0;
  for (auto it = m.begin(); it != m.end(); ++it) {
    std::string id = doc_id_of(it.get_document());
    if (!id.empty() && into.insert(std::move(id)).second) ++added;
  }
  return added;
}

// Code point length of a UTF-8 string.
std::size_t code_points(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

RegistryChange registry_change(const Registry& before, const Registry& after,
                               const Taxonomy& taxonomy_before, const Taxonomy& taxonomy_after) {
  RegistryChange c;
  c.entities = changed_ids(before.entities(), after.entities(),
                           [](const Entity& e) { return annotator_view(e); });
  c.themes = changed_ids(taxonomy_before.themes(), taxonomy_after.themes(),
                         [](const Theme& t) { return annotator_view(t); });
  return c;
}

AffectedDocuments affected_documents(const Xapian::Database& db, const RegistryChange& change,
                                     const Registry& before, const Registry& after,
                                     const Taxonomy& taxonomy_before,
                                     const Taxonomy& taxonomy_after) {
  AffectedDocuments out;
  // The forms to look up: every name and alias, before and after, of each changed entity, and
  // every keyword of each changed theme.
  std::set<std::string> texts;
  for (const auto& id : change.entities) {
    for (const Registry* r : {&before, &after}) {
      if (const Entity* e = r->find(id)) {
        texts.insert(e->name);
        texts.insert(e->aliases.begin(), e->aliases.end());
      }
    }
  }
  for (const auto& id : change.themes) {
    for (const Taxonomy* t : {&taxonomy_before, &taxonomy_after}) {
      if (const Theme* th = t->find(id)) texts.insert(th->keywords.begin(), th->keywords.end());
    }
  }
  std::vector<Form> forms;
  std::set<std::string> exact_keys;
  std::set<std::string> prefix_keys;
  for (const auto& text : texts) {
    Form f = make_form(text);
    if (f.keys.empty()) continue;
    for (std::size_t i = 0; i < f.keys.size(); ++i) {
      (f.last_is_prefix && i + 1 == f.keys.size() ? prefix_keys : exact_keys).insert(f.keys[i]);
    }
    out.forms.push_back(text);
    forms.push_back(std::move(f));
  }

  // The index's words (unprefixed terms: they never start with an ASCII capital) by matching key.
  std::map<std::string, std::vector<std::string>> terms_by_key;
  std::map<std::string, std::vector<std::string>> terms_by_prefix;
  if (!forms.empty()) {
    const auto visit = [&](const std::string& term) {
      for (const auto& t : annotation_tokens(term)) {
        const std::string key = match_key(t.folded);
        if (exact_keys.count(key) != 0) terms_by_key[key].push_back(term);
        for (const auto& p : prefix_keys) {
          if (starts_with(key, p)) terms_by_prefix[p].push_back(term);
        }
      }
    };
    for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) {
      const std::string term = *t;
      if (!term.empty() && term[0] >= 'A' && term[0] <= 'Z') {
        t.skip_to("[");  // past every prefixed term
        if (t == db.allterms_end()) break;
        const std::string next = *t;
        if (!next.empty() && next[0] >= 'A' && next[0] <= 'Z') continue;
        visit(next);
        continue;
      }
      visit(term);
    }
  }
  // A form is found in the articles holding every one of its keys.
  for (const auto& f : forms) {
    std::vector<Xapian::Query> all;
    bool possible = true;
    for (std::size_t i = 0; i < f.keys.size() && possible; ++i) {
      const bool prefix = f.last_is_prefix && i + 1 == f.keys.size();
      const auto& index = prefix ? terms_by_prefix : terms_by_key;
      const auto it = index.find(f.keys[i]);
      if (it == index.end()) {
        possible = false;
        break;
      }
      std::vector<Xapian::Query> any;
      for (const auto& term : it->second) any.emplace_back(term);
      all.emplace_back(Xapian::Query::OP_OR, any.begin(), any.end());
    }
    if (!possible) continue;
    out.by_words +=
        collect_articles(db, Xapian::Query(Xapian::Query::OP_AND, all.begin(), all.end()), out.ids);
  }
  // Articles with an automatic annotation of a changed entity or theme: the term without its
  // gold twin.
  const auto automatic = [&](std::string_view all_prefix, std::string_view gold_prefix,
                             const std::string& id) {
    return Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query(sc::term(all_prefix, id)),
                         Xapian::Query(sc::term(gold_prefix, id)));
  };
  for (const auto& id : change.entities) {
    out.by_annotation +=
        collect_articles(db, automatic(sc::kPrefixActor, sc::kPrefixGoldActor, id), out.ids);
  }
  for (const auto& id : change.themes) {
    out.by_annotation +=
        collect_articles(db, automatic(sc::kPrefixTheme, sc::kPrefixGoldTheme, id), out.ids);
  }
  return out;
}

std::optional<IndexedDocument> indexed_document(const Xapian::Database& db, const std::string& id,
                                                bool with_auto) {
  const std::string uid = sc::article_uid(id);
  auto post = db.postlist_begin(uid);
  if (post == db.postlist_end(uid)) return std::nullopt;
  const Xapian::Document article_doc = db.get_document(*post);
  const StoredUnit article = parse_stored_unit(article_doc.get_data());
  IndexedDocument out;
  out.hash = article_doc.get_value(sc::kSlotHash);
  Document& doc = out.document;
  doc.id = article.id;
  doc.title = article.title;
  if (!article.date.empty()) doc.date = PartialDate::parse(article.date);
  doc.source = article.source;
  doc.url = article.url;
  doc.dateline = article.dateline;
  doc.language = article.language.empty() ? std::string("en") : article.language;
  doc.authors = article.authors;

  std::map<int, StoredUnit> passages;
  const std::string dterm = sc::doc_term(id);
  for (auto it = db.postlist_begin(dterm); it != db.postlist_end(dterm); ++it) {
    StoredUnit u = parse_stored_unit(db.get_document(*it).get_data());
    if (u.passage > 0) passages.emplace(u.passage, std::move(u));
  }
  // The text, line by line; where each line starts (code points).
  std::map<int, std::size_t> line_start;
  std::size_t offset = 0;
  for (int n = 1; n <= article.passages; ++n) {
    if (n > 1) {
      doc.text += '\n';
      ++offset;
    }
    line_start[n] = offset;
    const auto it = passages.find(n);
    if (it == passages.end()) continue;
    doc.text += it->second.text;
    offset += code_points(it->second.text);
  }

  const auto is_auto = [](const std::vector<std::string>& list, const std::string& x) {
    return std::find(list.begin(), list.end(), x) != list.end();
  };
  std::map<std::string, EntityAnnotation> entities;
  for (const auto& a : article.actors) {
    const bool automatic = is_auto(article.auto_actors, a);
    if (automatic && !with_auto) continue;
    entities[a] = EntityAnnotation{a, {}, automatic ? "auto" : "gold"};
  }
  std::map<std::string, std::vector<int>> theme_passages;
  for (const auto& [n, u] : passages) {
    const std::size_t start = line_start[n];
    for (const auto& m : u.mentions) {
      const auto it = entities.find(m.entity);
      if (it == entities.end() || (m.automatic && !with_auto)) continue;
      it->second.mentions.push_back({m.span.start + start, m.span.end + start});
    }
    for (const auto& d : u.dates) {
      if (d.automatic && !with_auto) continue;
      if (auto value = DateRange::parse(d.value)) {
        DateMention dm{{d.span.start + start, d.span.end + start}, *value};
        if (d.automatic) dm.source = std::string(sc::kSourceAuto);
        doc.dates.push_back(std::move(dm));
      }
    }
    for (const auto& t : u.themes) theme_passages[t].push_back(n);
  }
  for (auto& [eid, e] : entities) doc.entities.push_back(std::move(e));
  for (const auto& t : article.themes) {
    const bool automatic = is_auto(article.auto_themes, t);
    if (automatic && !with_auto) continue;
    ThemeAnnotation ta{t, std::nullopt, {}, automatic ? "auto" : "gold"};
    // On every passage the index has: the whole document (as the builder reads it).
    const auto& on = theme_passages[t];
    if (on.empty()) {
      // Only on passages without words (the article alone carries it): keep it there.
      for (int n = 1; n <= article.passages && ta.passages.empty(); ++n) {
        if (passages.count(n) == 0) ta.passages.push_back(n);
      }
    } else if (on.size() != passages.size()) {
      ta.passages = on;
    }
    doc.themes.push_back(std::move(ta));
  }
  return out;
}

std::set<std::string> automatic_annotations(const Document& doc) {
  std::set<std::string> out;
  // Themes compare on the lines with words (those the index has a unit for).
  std::vector<bool> has_words{false};
  for (std::size_t start = 0;;) {
    const std::size_t nl = doc.text.find('\n', start);
    const std::string_view line = std::string_view(doc.text).substr(
        start, nl == std::string::npos ? std::string::npos : nl - start);
    has_words.push_back(!annotation_tokens(line).empty());
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  const auto theme_on = [&](const std::string& id, std::size_t n) {
    if (n < has_words.size() && has_words[n]) out.insert("t " + id + ' ' + std::to_string(n));
  };
  for (const auto& e : doc.entities) {
    if (sc::is_gold_source(e.source)) continue;
    out.insert("e " + e.id);  // a document-level one (a dateline's place) has no mention
    for (const auto& m : e.mentions) {
      out.insert("e " + e.id + ' ' + std::to_string(m.start) + ' ' + std::to_string(m.end));
    }
  }
  for (const auto& d : doc.dates) {
    if (sc::is_gold_source(d.source)) continue;
    out.insert("d " + std::to_string(d.span.start) + ' ' + std::to_string(d.span.end) + ' ' +
               d.value.to_string());
  }
  for (const auto& t : doc.themes) {
    if (sc::is_gold_source(t.source)) continue;
    if (t.passages.empty()) {
      for (std::size_t n = 1; n < has_words.size(); ++n) theme_on(t.id, n);
    }
    for (const int n : t.passages) {
      if (n > 0) theme_on(t.id, static_cast<std::size_t>(n));
    }
  }
  return out;
}

}  // namespace annosearch
