// Streaming export of every match with its annotations.
#include "query/export.h"

#include <chrono>
#include <ctime>
#include <map>

#include "core/error.h"
#include "core/index.h"
#include "core/schema.h"
#include "core/stored.h"
#include "query/stats.h"

namespace annosearch {
namespace {

std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// Adds a passage's mentions and dates to the unit.
void add_passage_annotations(const StoredUnit& p, ExportUnit& unit,
                             std::map<std::string, std::size_t>& actor_index) {
  for (const auto& m : p.mentions) {
    const auto it = actor_index.find(m.entity);
    if (it == actor_index.end())
      continue;  // not an actor of the unit (cannot happen in a sound index)
    unit.actors[it->second].mentions.push_back(
        {p.passage, m.span, substr_code_points(p.text, m.span.start, m.span.end)});
  }
  for (const auto& d : p.dates) {
    unit.dates.push_back(
        {d.value, {p.passage, d.span, substr_code_points(p.text, d.span.start, d.span.end)}});
  }
}

}  // namespace

std::size_t export_index(const std::string& index_dir, const SearchRequest& request,
                         const std::function<void(const ExportHeader&)>& on_header,
                         const std::function<void(const ExportUnit&)>& on_unit) {
  const Searcher searcher(open_index(index_dir));
  return export_index(searcher, index_dir, published_generation(index_dir), request, on_header,
                      on_unit);
}

std::size_t export_index(const Searcher& searcher, const std::string& index_dir,
                         const std::string& generation, const SearchRequest& request,
                         const std::function<void(const ExportHeader&)>& on_header,
                         const std::function<void(const ExportUnit&)>& on_unit) {
  const Xapian::Database& db = searcher.database();
  ExportHeader header;
  header.index = index_dir;
  header.generation = generation;
  header.schema_version = stored_schema_version(db);
  header.registry_version = db.get_metadata(std::string(schema::kMetaRegistryVersion));
  header.taxonomy_version = db.get_metadata(std::string(schema::kMetaTaxonomyVersion));
  header.built_at = db.get_metadata(std::string(schema::kMetaBuiltAt));
  header.exported_at = utc_now();
  header.level = request.level;

  const auto start = [&](const QueryEcho& echo) {
    header.echo = echo;
    header.query = normalized_query(echo);
    on_header(header);
  };
  const auto each = [&](const Xapian::Document& doc, double weight) {
    StoredUnit stored = parse_stored_unit(doc.get_data());
    if (request.gold_only) keep_gold(stored);
    ExportUnit unit;
    unit.id = stored.id;
    unit.passage = stored.passage;
    unit.title = stored.title;
    unit.date = stored.date;
    unit.source = stored.source;
    unit.url = stored.url;
    unit.language = stored.language;
    unit.authors = stored.authors;
    unit.score = weight;
    unit.text = stored.text;
    std::map<std::string, std::size_t> actor_index;
    for (const auto& a : stored.actors) {
      actor_index.emplace(a, unit.actors.size());
      unit.actors.push_back({searcher.actor_ref(a), {}, false});
    }
    for (const auto& t : stored.themes) unit.themes.push_back(searcher.theme_ref(t));
    if (stored.passage > 0) {
      add_passage_annotations(stored, unit, actor_index);
    } else {
      // The article's passages, in passage order (their documents follow the article's).
      std::map<int, StoredUnit> passages;
      const std::string doc_term = schema::term(schema::kPrefixDoc, stored.id);
      for (auto it = db.postlist_begin(doc_term); it != db.postlist_end(doc_term); ++it) {
        StoredUnit p = parse_stored_unit(db.get_document(*it).get_data());
        if (request.gold_only) keep_gold(p);
        if (p.passage > 0) passages.emplace(p.passage, std::move(p));
      }
      for (const auto& [n, p] : passages) add_passage_annotations(p, unit, actor_index);
    }
    for (auto& a : unit.actors) a.document_level = a.mentions.empty();
    on_unit(unit);
  };
  try {
    return searcher.for_each_match(request, start, each);
  } catch (const Xapian::DatabaseModifiedError& e) {
    throw Error(ErrorKind::kIndex, "the index at " + index_dir +
                                       " was republished while exporting (" + e.get_msg() +
                                       "); the output is incomplete: export again");
  }
}

}  // namespace annosearch
