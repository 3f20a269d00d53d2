// Search: filters, free text ranked by BM25, exact multi-valued facets, hits with a highlighted
// passage. The library behind `annosearch search` and `annosearch facets`.
//
// The query: every filter (options and top-level fields of the query text alike) is a boolean
// filter combined with AND through OP_FILTER, so it never changes a score:
//   --actor X   XA<id> (X resolved through the registry, query/resolver.h)
//   --theme T   XT<id> (ancestors are indexed, so a theme finds its descendants)
//   --from/--to the unit's whole publication-date interval lies within [from, to]: value ranges
//               on kSlotDateFirst >= first day of `from`, kSlotDateLast <= last day of `to`
//   --when R    an OR of the XW terms of R's calendar cover (query/date_cover.h)
//   --level     XLEVELarticle or XLEVELpassage
// Free text is analysed with core/analysis.h as the indexer does (stemmed Z terms for words,
// stemmed for each language the index holds and joined with OP_SYNONYM; phrases over unstemmed
// positional terms); without free text every filtered unit matches with
// weight 0.
//
// Facets are counted over every match (check_at_least = document count), so `exact` is true and
// `total` is the exact number of matching units.
//
// Errors: Error(kUsage) for a bad query, an unknown or ambiguous actor or theme, a malformed date;
// Error(kIndex) for a missing, foreign or unreadable index. Not thread-safe: one Searcher per
// thread.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

#include "core/analysis.h"
#include "core/document.h"
#include "core/registry_store.h"
#include "query/facet_table.h"
#include "query/facets.h"
#include "query/resolver.h"

namespace annosearch {

enum class Level { kArticle, kPassage };
enum class SortOrder { kRelevance, kDate, kDateDescending };
// How free text selects units (docs/query-language.md, "Questions in plain words"):
//   kAuto: total and facets count the units with every content word (stop words are never
//          required); when fewer than `limit` such units are on the page, the hits continue with
//          units that have some of them (BM25 over OR), each marked partial with what it misses.
//   kAll:  only units with every content word.
//   kAny:  any content word (plain OR); total and facets count all of them.
enum class MatchMode { kAuto, kAll, kAny };

[[nodiscard]] const char* to_string(Level level);
[[nodiscard]] const char* to_string(DateBucket bucket);
[[nodiscard]] const char* to_string(MatchMode mode);

// A prefix (Tajik*) may stand for at most this many indexed words unless the request says more.
inline constexpr std::size_t kDefaultMaxExpansion = 100;

struct SearchRequest {
  std::string text;                 // the query language (docs/query-language.md); may be empty
  std::vector<std::string> actors;  // --actor, as typed (ids, names or aliases)
  std::vector<std::string> themes;  // --theme, ids or labels
  std::string from;                 // --from DATE ("" = open)
  std::string to;                   // --to DATE
  std::string when;                 // --when DATE or FROM..TO
  std::string type;                 // --type: restricts the actor facet to this entity type
  Level level = Level::kArticle;
  std::size_t limit = 10;
  std::size_t offset = 0;
  SortOrder sort = SortOrder::kRelevance;
  // Any of query/facet_table.h's facets: actor, theme, date, when, source, language, type.
  std::vector<std::string> facets{"actor", "theme", "date"};
  std::size_t facet_size = 10;  // 0 = all
  DateBucket date_buckets = DateBucket::kMonth;
  // Multi-select: a unit matches when it has any of these (OR within, AND with everything
  // else); the actor (theme) facet is counted as if actor_any (theme_any) were absent.
  std::vector<std::string> actor_any;
  std::vector<std::string> theme_any;
  // Salience: >= 1 keeps an actor (in --actor, --actor-any and the actor and type facets) only in
  // units that mention it at least this many times; 0 also counts document-level annotations.
  std::size_t min_mentions = 0;
  // Date facets: each bucket also divided by all units of that bucket in the index.
  bool normalize = false;
  // --facet-prefix FACET=TEXT: only values whose id or label starts with TEXT (ASCII case folded).
  std::vector<std::pair<std::string, std::string>> facet_prefix;
  bool want_hits = true;  // false for `facets`: counts only
  MatchMode match = MatchMode::kAuto;
  std::size_t max_expansion = kDefaultMaxExpansion;  // words a prefix (word*) may expand to
  bool expand = false;  // --expand: every actor filter adds the entity's related entities
  // --gold-only: filters, facets, salience and what hits and views show use gold annotations only
  // (source not "auto"; docs/schema.md, "Gold and automatic").
  bool gold_only = false;
};

// The filters as applied (resolved ids; dates in canonical form), echoed in query.filters.
struct AppliedFilters {
  std::vector<std::string> actor;
  std::vector<std::string> theme;
  std::string from;
  std::string to;
  std::string when;
  std::string type;
  std::vector<std::string> actor_any;  // resolved ids of --actor-any
  std::vector<std::string> theme_any;  // resolved ids of --theme-any
  std::size_t min_mentions = 0;
  bool gold_only = false;  // --gold-only
};

// A content clause of the free text with its counts, for the hint of a query without complete
// matches: how many units (with the filters) have it alone, and how many have every other one.
struct ClauseCount {
  std::string clause;       // as typed again: a word, "a phrase", a NEAR/n b, ...
  std::size_t alone = 0;    // units with this clause
  std::size_t without = 0;  // units with every other content clause (0 with one clause)
};

// An actor added by --expand or actor:X+: which one, through which relation of which entity.
struct Expansion {
  std::string from;      // the entity expanded
  std::string id;        // the related entity added
  std::string relation;  // the registry relation ("capital-of", ...); "related" when unnamed
};

struct QueryEcho {
  std::string text;
  AppliedFilters filters;
  std::vector<Resolution> resolved;  // actors, in the order given
  MatchMode match = MatchMode::kAuto;
  std::vector<std::string> required;  // content clauses every complete match has
  std::vector<std::string> ignored;   // function words: neither required nor weighted
  std::size_t partial = 0;            // hits on this page that lack some content clause
  // Filled when no unit has every content clause: the clauses with their counts.
  std::vector<ClauseCount> clauses;
  std::vector<Expansion> expanded;  // actors added by --expand or actor:X+
  // What the reader may have meant otherwise: a year typed as a word ("coffee exports in 1987")
  // is matched in the text, and the note names the date filters that would read it as a date.
  std::vector<std::string> notes;
};

struct ActorRef {
  std::string id;
  std::string name;
  std::string type;
};

struct ThemeRef {
  std::string id;
  std::string label;
};

struct HitPassage {
  int n = 0;  // 1-based; 0 when the hit has no passage to show
  std::string text;
  std::vector<Span> highlights;  // code points into text (query words, filtered actors' mentions)
};

// Why a unit matched (explainability): the filters it met and the query terms it has.
struct HitWhy {
  std::vector<Resolution> actors;                                        // each filtered actor
  std::vector<std::pair<std::string, std::vector<std::string>>> themes;  // filter -> unit's themes
  std::vector<std::string> when;   // the shown passage's dates that lie in the --when range
  std::string date;                // the publication date, when --from/--to filtered
  std::vector<std::string> terms;  // matching query terms: stems of words, words of phrases
};

struct Hit {
  std::string id;
  std::string title;
  std::string date;  // as known, or ""
  std::string source;
  std::string url;
  double score = 0;  // BM25 weight; 0 without free text
  HitPassage passage;
  std::vector<ActorRef> actors;  // of the unit, as annotated (gold only under --gold-only)
  std::vector<ThemeRef> themes;  // of the unit, as annotated (gold only under --gold-only)
  HitWhy why;
  // A partial match (MatchMode::kAuto): the unit lacks these content clauses.
  bool partial = false;
  std::vector<std::string> missing;
};

struct FacetEntry {
  std::string value;   // id (actor, theme), bucket (date, when) or value
  std::string label;   // actor name or theme label; "" otherwise
  std::string type;    // actor entity type; "" otherwise
  std::string parent;  // theme facet: the theme's parent id in the taxonomy ("" at the top)
  std::size_t count = 0;
  // Actor facet: of `count`, units that carry the actor only by a document-level annotation.
  std::size_t document_level = 0;
  // With normalize (date facets): all units of this bucket in the index, and count / total.
  std::size_t bucket_total = 0;
  double share = 0;
};

struct Facet {
  std::string name;  // a facet_table() name
  std::vector<FacetEntry> entries;
  std::size_t units = 0;     // matching units the facet counted over
  std::size_t missing = 0;   // of those, units without any value
  bool normalized = false;   // entries carry bucket_total and share
  bool zero_filled = false;  // a date facet listing every bucket from first to last
};

struct SearchResult {
  QueryEcho query;
  Level level = Level::kArticle;
  std::size_t total = 0;
  bool exact = false;
  std::vector<Hit> hits;
  std::size_t offset = 0;  // the request's offset and limit (SIZE_MAX: all)
  std::size_t limit = 0;
  std::vector<Facet> facets;                     // in the order requested
  DateBucket date_buckets = DateBucket::kMonth;  // what the date facet's values are
};

// A search session on one opened index: the database, its registry read entry by entry (by key,
// core/registry_store.h) and its taxonomy (read from the index metadata once).
class Searcher {
 public:
  // Throws Error(kIndex) when the registry or taxonomy metadata is unreadable.
  explicit Searcher(Xapian::Database db);
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;

  [[nodiscard]] SearchResult search(const SearchRequest& request) const;

  // Calls on_match(document, weight) for every unit matching the request (limit, offset, sort
  // and facets are ignored), in index order, without collecting them: memory stays flat however
  // many match. on_start receives the query as applied before the first match. Returns the
  // number of matches.
  std::size_t for_each_match(
      const SearchRequest& request, const std::function<void(const QueryEcho&)>& on_start,
      const std::function<void(const Xapian::Document&, double)>& on_match) const;

  // The display forms of an entity and a theme id (the id itself when the registry or taxonomy
  // does not know it). Every view looks names up through these two.
  [[nodiscard]] ActorRef actor_ref(const std::string& id) const;
  // The entity an input names (id, name or alias), or nullopt when it names none or several.
  [[nodiscard]] std::optional<Resolution> try_resolve_actor(const std::string& input) const;
  [[nodiscard]] ThemeRef theme_ref(const std::string& id) const;

  [[nodiscard]] const Xapian::Database& database() const { return db_; }
  [[nodiscard]] const RegistryView& registry() const { return registry_; }
  [[nodiscard]] const Taxonomy& taxonomy() const { return taxonomy_; }

  // The Xapian query the request compiles to (for tests and debugging). Resolves like search().
  [[nodiscard]] std::string query_description(const SearchRequest& request) const;

 private:
  // Throws Error(kUsage) listing the registry's types when `type` (any case) is not one of them.
  void check_type(const std::string& type) const;
  // The analyser for a passage's language (the first index language when it has none of its own).
  [[nodiscard]] const Analyzer& analyzer_for(const std::string& language) const;
  // The index languages (primary subtags), in the order of analyzers_.
  [[nodiscard]] std::vector<std::string> languages() const;

  Xapian::Database db_;
  RegistryView registry_;  // read by key: only the entries a search needs
  Taxonomy taxonomy_;
  // One analyser per language of the index (kMetaLanguages): a query word is stemmed by each.
  std::vector<std::pair<std::string, Analyzer>> analyzers_;
  ActorResolver actors_{registry_};
  ThemeResolver themes_{taxonomy_};
};

// The largest --offset (and --limit) a Xapian database can honour: document counts are 32 bits.
inline constexpr std::size_t kMaxUnits = 4294967295U;

// The applied query as one line of the query language, every filter written as a field with its
// resolved id or canonical date: `refugees actor:taliban theme:refugees date:2021-01..2021-12`.
// Used to cite a result set (export's header records the level beside it).
[[nodiscard]] std::string normalized_query(const QueryEcho& echo);

// Opens the index directory and searches it. When the index is republished or modified while it
// is being read (Xapian::DatabaseModifiedError, DatabaseOpeningError, or a failing open of a
// generation just removed), it opens the directory again from scratch and retries, twice at most.
[[nodiscard]] SearchResult search_index(const std::string& index_dir, const SearchRequest& request);

}  // namespace annosearch
