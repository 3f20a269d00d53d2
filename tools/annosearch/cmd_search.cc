// annosearch search and annosearch facets: filters, free text, exact facets (query/search.h).
#include <iostream>
#include <memory>

#include "core/error.h"
#include "query/search.h"
#include "tools/annosearch/common.h"
#include "tools/annosearch/output.h"

namespace annosearch::cli {
namespace {

struct SearchOptions {
  std::string index;
  Format format = Format::kText;
  std::vector<std::string> words;  // the query, as separate arguments (joined with spaces)
  std::vector<std::string> actors;
  std::vector<std::string> themes;
  std::string from;
  std::string to;
  std::string when;
  std::string type;
  std::string level = "article";
  std::size_t limit = 10;
  std::size_t offset = 0;
  std::string sort = "relevance";
  std::string facets = "actor,theme,date";
  std::size_t facet_size = 10;
  std::string date_buckets = "month";
  std::string match = "auto";
  std::size_t max_expansion = kDefaultMaxExpansion;
  bool expand = false;
};

std::vector<std::string> split_list(const std::string& list) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t comma = list.find(',', start);
    std::string item =
        list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    const auto b = item.find_first_not_of(' ');
    const auto e = item.find_last_not_of(' ');
    if (b != std::string::npos) out.push_back(item.substr(b, e - b + 1));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

SearchRequest to_request(const SearchOptions& o, bool want_hits) {
  SearchRequest r;
  for (const auto& w : o.words) r.text += (r.text.empty() ? "" : " ") + w;
  r.actors = o.actors;
  r.themes = o.themes;
  r.from = o.from;
  r.to = o.to;
  r.when = o.when;
  r.type = o.type;
  r.level = o.level == "passage" ? Level::kPassage : Level::kArticle;
  r.limit = o.limit;
  r.offset = o.offset;
  r.sort = o.sort == "date"    ? SortOrder::kDate
           : o.sort == "-date" ? SortOrder::kDateDescending
                               : SortOrder::kRelevance;
  r.facets = o.facets == "none" ? std::vector<std::string>{} : split_list(o.facets);
  r.facet_size = o.facet_size;
  r.date_buckets = o.date_buckets == "year"  ? DateBucket::kYear
                   : o.date_buckets == "day" ? DateBucket::kDay
                                             : DateBucket::kMonth;
  r.want_hits = want_hits;
  r.match = o.match == "all"   ? MatchMode::kAll
            : o.match == "any" ? MatchMode::kAny
                               : MatchMode::kAuto;
  r.max_expansion = o.max_expansion;
  r.expand = o.expand;
  return r;
}

void add_options(CLI::App* sub, SearchOptions& o, bool hits) {
  add_index_option(sub, &o.index);
  add_format_option(sub, &o.format);
  sub->add_option("query", o.words,
                  "Query: words, \"phrases\", OR, NOT/-word, fields actor: theme: date: when: "
                  "type: (docs/query-language.md)");
  sub->add_option("--actor", o.actors, "Entity id, name or alias (repeatable; all must match)")
      ->allow_extra_args(false);
  sub->add_option("--theme", o.themes, "Theme id or label; includes its descendants (repeatable)")
      ->allow_extra_args(false);
  sub->add_option("--from", o.from, "Published on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)");
  sub->add_option("--to", o.to, "Published on or before DATE");
  sub->add_option("--when", o.when, "Mentions a date within DATE or FROM..TO");
  sub->add_option("--type", o.type, "Only actors of this entity type in the actor facet");
  sub->add_option("--level", o.level, "Unit counted: article or passage (default article)")
      ->check(CLI::IsMember({"article", "passage"}));
  // Accepted by facets too (the contract's common options), where they change nothing.
  const std::string ignored = hits ? "" : " (facets shows no hits: accepted, ignored)";
  sub->add_option("--limit", o.limit, "Hits to show (default 10)" + ignored)
      ->check(CLI::NonNegativeNumber);
  sub->add_option("--offset", o.offset, "Hits to skip (default 0)" + ignored)
      ->check(CLI::NonNegativeNumber);
  sub->add_option("--sort", o.sort, "relevance (default), date or -date (newest first)" + ignored)
      ->check(CLI::IsMember({"relevance", "date", "-date"}));
  sub->add_option("--facets", o.facets, "Facets to count: a list of actor, theme, date, or none");
  sub->add_option("--facet-size", o.facet_size, "Values per facet (default 10; 0 for all)")
      ->check(CLI::NonNegativeNumber);
  sub->add_option("--date-buckets", o.date_buckets, "Date facet by year, month (default) or day")
      ->check(CLI::IsMember({"year", "month", "day"}));
  sub->add_option("--match", o.match,
                  "auto (default: count units with every content word, then show partial "
                  "matches), all (complete matches only) or any (any content word)")
      ->check(CLI::IsMember({"auto", "all", "any"}));
  sub->add_option("--max-expansion", o.max_expansion,
                  "Words a prefix (word*) may stand for before it is an error (default " +
                      std::to_string(kDefaultMaxExpansion) + ")")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000}));
  sub->add_flag("--expand", o.expand,
                "Each actor also matches its related entities (capital, government, members)");
}

void run(const SearchOptions& o, bool hits) {
  const SearchResult result = search_index(o.index, to_request(o, hits));
  OutputOptions out_options;
  out_options.color = o.format == Format::kText && stdout_wants_color();
  const auto writer = make_writer(o.format, std::cout, out_options);
  if (hits) {
    writer->search(result);
  } else {
    writer->facets(result);
  }
  std::cout.flush();
  // CSV and JSON Lines carry hits only: say on stderr when none of them is a complete match.
  if (hits && (o.format == Format::kCsv || o.format == Format::kJsonl) && result.total == 0 &&
      !result.hits.empty()) {
    std::cerr << "annosearch: note: no " << to_string(result.level)
              << " contains every content word; the " << result.hits.size()
              << " hits are partial matches (see their \"missing\")\n";
  }
}

}  // namespace

void register_search(CLI::App& app, Context& /*ctx*/) {
  auto search_options = std::make_shared<SearchOptions>();
  auto* search = app.add_subcommand(
      "search", "Matching articles or passages, with highlighted passages and facet counts");
  add_options(search, *search_options, true);
  search->callback([search_options] { run(*search_options, true); });

  auto facet_options = std::make_shared<SearchOptions>();
  auto* facets = app.add_subcommand("facets", "Facet counts (actor, theme, date) of a query");
  add_options(facets, *facet_options, false);
  facets->callback([facet_options] { run(*facet_options, false); });
}

}  // namespace annosearch::cli
