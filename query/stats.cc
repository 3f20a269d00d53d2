// Index statistics.
#include "query/stats.h"

#include <filesystem>
#include <fstream>
#include <thread>

#include "core/error.h"
#include "core/index.h"
#include "core/json.h"
#include "core/registry_store.h"
#include "core/schema.h"

namespace annosearch {
namespace {

namespace fs = std::filesystem;

std::size_t count_terms(const Xapian::Database& db, std::string_view prefix) {
  std::size_t n = 0;
  const std::string p(prefix);
  for (auto t = db.allterms_begin(p); t != db.allterms_end(p); ++t) ++n;
  return n;
}

template <typename Fn>
auto parse_metadata(const char* what, Fn&& fn) {
  try {
    return fn();
  } catch (const Xapian::Error&) {
    throw;
  } catch (const std::exception& e) {
    throw Error(ErrorKind::kIndex, std::string("the ") + what +
                                       " stored in the index is unreadable (" + e.what() +
                                       "); rebuild the index with `annosearch build`");
  }
}

}  // namespace

IndexStats index_stats(const Xapian::Database& db, const std::string& dir) {
  IndexStats s;
  s.path = dir;
  s.articles = db.get_termfreq(std::string(schema::kTermArticle));
  s.passages = db.get_termfreq(std::string(schema::kTermPassage));
  s.entities = RegistryView(db).size();  // the count key: never the whole registry
  const std::string taxonomy = db.get_metadata(std::string(schema::kMetaTaxonomy));
  s.themes =
      parse_metadata("theme taxonomy", [&] { return taxonomy_from_string(taxonomy); }).size();
  s.entities_occurring = count_terms(db, schema::kPrefixActor);
  s.themes_occurring = count_terms(db, schema::kPrefixTheme);

  for (auto v = db.valuestream_begin(schema::kSlotDate); v != db.valuestream_end(schema::kSlotDate);
       ++v) {
    const std::string date = *v;
    if (date.empty()) continue;
    if (s.date_min.empty() || date < s.date_min) s.date_min = date;
    if (s.date_max.empty() || date > s.date_max) s.date_max = date;
  }
  // Articles without a publication date: no value in the date slot.
  {
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(
        Xapian::Query::OP_AND_NOT, Xapian::Query(std::string(schema::kTermArticle)),
        Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kSlotDateFirst, std::string())));
    const Xapian::MSet m = enquire.get_mset(0, 0, std::max<Xapian::doccount>(db.get_doccount(), 1));
    s.undated_articles = m.get_matches_estimated();
  }

  s.schema_version = stored_schema_version(db);
  s.registry_version = db.get_metadata(std::string(schema::kMetaRegistryVersion));
  s.taxonomy_version = db.get_metadata(std::string(schema::kMetaTaxonomyVersion));
  s.writer = db.get_metadata(std::string(schema::kMetaWriter));
  s.built_at = db.get_metadata(std::string(schema::kMetaBuiltAt));
  s.annotate = db.get_metadata(std::string(schema::kMetaAnnotate));

  const fs::path root(dir);
  s.generation = published_generation(root.string());
  if (s.generation.empty()) {
    s.size_bytes = directory_size(root.string());
  } else {
    const fs::path gen(s.generation);
    s.size_bytes = directory_size((gen.is_absolute() ? gen : root / gen).string());
  }
  return s;
}

IndexStats index_stats(const std::string& dir) {
  constexpr int kAttempts = 3;
  for (int attempt = 1;; ++attempt) {
    const bool last = attempt == kAttempts;
    try {
      return index_stats(open_index(dir), dir);
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (last)
        throw Error(ErrorKind::kIndex, "the index at " + dir + " kept changing: " + e.get_msg());
    } catch (const Xapian::DatabaseOpeningError& e) {
      if (last)
        throw Error(ErrorKind::kIndex, "cannot open the index at " + dir + ": " + e.get_msg());
    } catch (const Error& e) {
      std::error_code ec;
      if (e.kind() != ErrorKind::kIndex || last || !fs::exists(dir, ec)) throw;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20 * attempt));
  }
}

}  // namespace annosearch
