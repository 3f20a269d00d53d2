// A small hand-built in-memory index for the query tests, laid out as core/schema.h describes
// (a stand-in for the indexer, so the expected counts below can be computed by hand).
//
// Registry: emomali-rahmon (aliases Rahmon, Rakhmon), tajikistan (alias Dushanbe), dushanbe,
// afghanistan and afghans (both alias Afghan), taliban, vladimir-putin (alias Putin).
// Taxonomy: economy > trade; humanitarian > refugees, famine; politics.
//
// Documents (passages as "id#n"):
//   a1  2021-12     #1 "Rahmon meets the Taliban"                   rahmon, taliban   politics
//                   #2 "Refugees from Afghanistan crossed the border on 28 November 2021"
//                                                                    afghanistan       refugees
//                                                                    date 2021-11-28
//                   #3 "Trade with Afghanistan and the Taliban grows"
//                                                                    afghanistan, taliban  trade
//   b1  2021-11-15  #1 "Putin and Rahmon discuss the famine"        putin, rahmon     famine
//                   #2 "In 2021 the economy grew"                   -                 economy
//                                                                    date 2021
//   c1  2021        #1 "A Taliban statement of October 2021"         taliban           -
//                                                                    date 2021-10
//   d1  undated     #1 "Refugees in Dushanbe"                        dushanbe          refugees
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "core/analysis.h"
#include "core/calendar.h"
#include "core/date.h"
#include "core/document.h"
#include "core/json.h"
#include "core/registry_store.h"
#include "core/schema.h"
#include "core/stored.h"
#include "query/date_cover.h"
#include "tests/support/temp_dir.h"

namespace annosearch::test {

struct TestPassage {
  std::string text;
  std::vector<std::string> actors;
  std::vector<StoredMention> mentions;
  std::vector<std::string> themes;  // as annotated
  std::vector<std::string> dates;   // date mentions ("2021-11-28", "2021-10-01..2021-10-10")
};

struct TestDoc {
  std::string id;
  std::string date;  // "" = undated
  std::string source = "Test";
  std::vector<TestPassage> passages;
};

// A fresh glass database in a directory removed at exit (the registry by key needs
// metadata_keys_begin, which Xapian's in-memory backend lacks).
inline Xapian::WritableDatabase scratch_database() {
  static const TempDir dir;
  static int n = 0;
  return Xapian::WritableDatabase(dir.str("db-" + std::to_string(++n)),
                                  Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
}

// A database holding only the registry by key (core/registry_store.h).
inline Xapian::Database registry_database(const Registry& registry) {
  Xapian::WritableDatabase db = scratch_database();
  write_registry_keys(db, registry);
  db.commit();
  return db;
}

inline Registry test_registry() {
  Registry r;
  r.put({"emomali-rahmon", "Emomali Rahmon", "PERSON", {"Rahmon", "Rakhmon"}, "", {}, ""});
  r.put({"tajikistan", "Tajikistan", "GPE", {"Dushanbe", "Tajik"}, "", {}, ""});
  r.put({"dushanbe", "Dushanbe", "GPE", {"Душанбе"}, "", {}, ""});
  r.put({"afghanistan", "Afghanistan", "GPE", {"Afghan", "Kabul"}, "", {}, ""});
  r.put({"afghans", "Afghans", "NORP", {"Afghan", "Afghan people"}, "", {}, ""});
  r.put({"taliban", "Taliban", "ORG", {"Taleban"}, "", {}, ""});
  r.put({"vladimir-putin", "Vladimir Putin", "PERSON", {"Putin", "Путин"}, "", {}, ""});
  return r;
}

inline Taxonomy test_taxonomy() {
  Taxonomy t;
  t.put({"economy", "Economy", "", "", ""});
  t.put({"trade", "Trade", "economy", "", ""});
  t.put({"humanitarian", "Humanitarian crisis", "", "", ""});
  t.put({"refugees", "Refugees and asylum", "humanitarian", "", ""});
  t.put({"famine", "Famine and food insecurity", "humanitarian", "", ""});
  t.put({"politics", "Politics", "", "", ""});
  return t;
}

// The XW blocks of a date mention: the schema codec's, as the indexer gives them.
inline std::vector<std::string> when_blocks(const std::string& value) {
  const auto r = DateRange::parse(value);
  return r ? enclosing_blocks(*r) : std::vector<std::string>{};
}

inline void add_unique(std::vector<std::string>& v, const std::string& s) {
  for (const auto& x : v) {
    if (x == s) return;
  }
  v.push_back(s);
}

class TestIndexBuilder {
 public:
  TestIndexBuilder() : db_(scratch_database()) {}

  void add(const TestDoc& d, const Registry& registry, const Taxonomy& taxonomy) {
    Xapian::Document article;
    std::vector<std::string> all_actors;
    std::vector<std::string> all_themes;
    std::vector<std::string> all_when;
    std::string all_text;
    Xapian::termpos base = 0;
    int n = 0;
    for (const auto& p : d.passages) {
      ++n;
      Xapian::Document doc;
      common(doc, d, p.actors, p.themes, p.dates, taxonomy);
      index_text(doc, p.text, 0);
      index_text(article, p.text, base);
      base += static_cast<Xapian::termpos>(p.text.size()) + schema::kPassagePositionGap;
      doc.add_boolean_term(std::string(schema::kTermPassage));
      const std::string uid = schema::passage_uid(d.id, n);
      doc.add_boolean_term(uid);
      doc.add_value(schema::kSlotPassage, Xapian::sortable_serialise(n));
      StoredUnit u = stored(d, p.actors, p.themes);
      u.passage = n;
      u.text = p.text;
      u.mentions = p.mentions;
      for (const auto& dv : p.dates) u.dates.push_back({{0, 0}, dv});
      doc.set_data(serialize(u));
      db_.replace_document(uid, doc);
      for (const auto& a : p.actors) add_unique(all_actors, a);
      for (const auto& t : p.themes) add_unique(all_themes, t);
      for (const auto& w : p.dates) add_unique(all_when, w);
      all_text += (all_text.empty() ? "" : "\n") + p.text;
    }
    common(article, d, all_actors, all_themes, all_when, taxonomy);
    article.add_boolean_term(std::string(schema::kTermArticle));
    const std::string uid = schema::article_uid(d.id);
    article.add_boolean_term(uid);
    StoredUnit u = stored(d, all_actors, all_themes);
    u.passages = n;
    article.set_data(serialize(u));
    db_.replace_document(uid, article);
    (void)registry;
  }

  Xapian::Database finish(const Registry& registry, const Taxonomy& taxonomy) {
    db_.set_metadata(std::string(schema::kMetaSchemaVersion),
                     std::to_string(schema::kSchemaVersion));
    db_.set_metadata(std::string(schema::kMetaRegistry), registry_to_string(registry));
    write_registry_keys(db_, registry);
    db_.set_metadata(std::string(schema::kMetaTaxonomy), taxonomy_to_string(taxonomy));
    db_.commit();
    return db_;
  }

 private:
  static StoredUnit stored(const TestDoc& d, const std::vector<std::string>& actors,
                           const std::vector<std::string>& themes) {
    StoredUnit u;
    u.id = d.id;
    u.title = "Title of " + d.id;
    u.date = d.date;
    u.source = d.source;
    u.language = "en";
    u.actors = actors;
    u.themes = themes;
    return u;
  }

  void common(Xapian::Document& doc, const TestDoc& d, const std::vector<std::string>& actors,
              const std::vector<std::string>& themes, const std::vector<std::string>& dates,
              const Taxonomy& taxonomy) {
    doc.add_boolean_term(schema::doc_term(d.id));
    doc.add_boolean_term(schema::term(schema::kPrefixLanguage, "en"));
    for (const auto& a : actors) doc.add_boolean_term(schema::term(schema::kPrefixActor, a));
    std::vector<std::string> with_ancestors;
    for (const auto& t : themes) {
      for (const auto& x : taxonomy.with_ancestors(t)) add_unique(with_ancestors, x);
    }
    for (const auto& t : with_ancestors) {
      doc.add_boolean_term(schema::term(schema::kPrefixTheme, t));
    }
    for (const auto& dv : dates) {
      for (const auto& b : when_blocks(dv)) {
        doc.add_boolean_term(schema::term(schema::kPrefixWhen, b));
      }
    }
    doc.add_value(schema::kSlotActors, schema::encode_list(actors));
    doc.add_value(schema::kSlotThemes, schema::encode_list(with_ancestors));
    if (!d.date.empty()) {
      const auto pd = PartialDate::parse(d.date);
      doc.add_value(schema::kSlotDateFirst, pd->first_day_key());
      doc.add_value(schema::kSlotDateLast, pd->last_day_key());
      doc.add_value(schema::kSlotDate, d.date);
      for (const auto& b : enclosing_blocks(DateRange{*pd, *pd, false})) {
        doc.add_boolean_term(schema::term(schema::kPrefixPubDate, b));
      }
    }
  }

  void index_text(Xapian::Document& doc, const std::string& text, Xapian::termpos base) {
    Xapian::termpos pos = base;
    for (const auto& t : analyzer_.tokenize(text)) {
      doc.add_posting(t.term, ++pos);
      doc.add_term(schema::term(schema::kPrefixStem, analyzer_.stem(t.term)));
    }
  }

  Xapian::WritableDatabase db_;
  Analyzer analyzer_{"en"};
};

// Mention spans are code points into the passage text.
inline StoredMention mention(const std::string& text, const std::string& surface,
                             const std::string& entity) {
  const std::size_t at = text.find(surface);
  return {{at, at + surface.size()}, entity};
}

inline Xapian::Database test_index() {
  const Registry registry = test_registry();
  const Taxonomy taxonomy = test_taxonomy();
  TestIndexBuilder b;
  const std::string a1p1 = "Rahmon meets the Taliban";
  const std::string a1p2 = "Refugees from Afghanistan crossed the border on 28 November 2021";
  const std::string a1p3 = "Trade with Afghanistan and the Taliban grows";
  b.add({"a1",
         "2021-12",
         "Test",
         {{a1p1,
           {"emomali-rahmon", "taliban"},
           {mention(a1p1, "Rahmon", "emomali-rahmon"), mention(a1p1, "Taliban", "taliban")},
           {"politics"},
           {}},
          {a1p2,
           {"afghanistan"},
           {mention(a1p2, "Afghanistan", "afghanistan")},
           {"refugees"},
           {"2021-11-28"}},
          {a1p3,
           {"afghanistan", "taliban"},
           {mention(a1p3, "Afghanistan", "afghanistan"), mention(a1p3, "Taliban", "taliban")},
           {"trade"},
           {}}}},
        registry, taxonomy);
  const std::string b1p1 = "Putin and Rahmon discuss the famine";
  const std::string b1p2 = "In 2021 the economy grew";
  b.add({"b1",
         "2021-11-15",
         "Test",
         {{b1p1,
           {"vladimir-putin", "emomali-rahmon"},
           {mention(b1p1, "Putin", "vladimir-putin"), mention(b1p1, "Rahmon", "emomali-rahmon")},
           {"famine"},
           {}},
          {b1p2, {}, {}, {"economy"}, {"2021"}}}},
        registry, taxonomy);
  const std::string c1p1 = "A Taliban statement of October 2021";
  b.add({"c1",
         "2021",
         "Test",
         {{c1p1, {"taliban"}, {mention(c1p1, "Taliban", "taliban")}, {}, {"2021-10"}}}},
        registry, taxonomy);
  const std::string d1p1 = "Refugees in Dushanbe";
  b.add({"d1",
         "",
         "Test",
         {{d1p1, {"dushanbe"}, {mention(d1p1, "Dushanbe", "dushanbe")}, {"refugees"}, {}}}},
        registry, taxonomy);
  return b.finish(registry, taxonomy);
}

}  // namespace annosearch::test
