// annosearch search and annosearch facets: filters, free text, exact facets (query/search.h).
#include <algorithm>
#include <iostream>
#include <memory>

#include "core/error.h"
#include "query/search.h"
#include "tools/annosearch/common.h"
#include "tools/annosearch/output.h"
#include "tools/annosearch/query_options.h"

namespace annosearch::cli {
namespace {

struct SearchOptions {
  QueryOptions query;
  Format format = Format::kText;
  std::string limit = "10";
  std::string offset = "0";
  std::string sort = "relevance";
  std::string facets = "actor,theme,date";
  std::size_t facet_size = 10;
  std::string date_buckets = "month";
  std::string match = "auto";
  std::size_t max_expansion = kDefaultMaxExpansion;
  bool expand = false;
  bool normalize = false;
  std::vector<std::string> facet_prefix;  // FACET=TEXT
};

SearchRequest to_request(const SearchOptions& o, bool want_hits) {
  SearchRequest r = to_request(o.query);
  r.limit = parse_count_option("--limit", o.limit, true);
  r.offset = parse_count_option("--offset", o.offset, false);
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
  r.normalize = o.normalize;
  for (const auto& fp : o.facet_prefix) {
    const std::size_t eq = fp.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw Error(ErrorKind::kUsage,
                  "--facet-prefix \"" + fp + "\": write FACET=TEXT, as actor=Ra");
    }
    r.facet_prefix.emplace_back(fp.substr(0, eq), fp.substr(eq + 1));
    if (std::find(r.facets.begin(), r.facets.end(), r.facet_prefix.back().first) ==
        r.facets.end()) {
      r.facets.push_back(r.facet_prefix.back().first);  // asked for values: count that facet
    }
  }
  return r;
}

void add_options(CLI::App* sub, SearchOptions& o, bool hits) {
  add_query_options(sub, o.query);
  add_format_option(sub, &o.format);
  // Accepted by facets too (the contract's common options), where they change nothing.
  const std::string ignored = hits ? "" : " (facets shows no hits: accepted, ignored)";
  sub->add_option("--limit", o.limit, "Hits to show: a number or all (default 10)" + ignored)
      ->type_name("N|all");
  sub->add_option("--offset", o.offset, "Hits to skip (default 0)" + ignored)->type_name("N");
  sub->add_option("--sort", o.sort, "relevance (default), date or -date (newest first)" + ignored)
      ->check(CLI::IsMember({"relevance", "date", "-date"}));
  sub->add_option("--facets", o.facets,
                  "Facets to count: a list of " + facet_names() +
                      " (default actor,theme,date), "
                      "or none");
  sub->add_flag("--normalize", o.normalize,
                "Date facets: also give each bucket's share of all units of that bucket");
  sub->add_option("--facet-prefix", o.facet_prefix,
                  "FACET=TEXT: only values whose id or label starts with TEXT (repeatable)")
      ->allow_extra_args(false);
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

// When --limit (or --offset) left matches out of the output, says how many on stderr, so that a
// file written from jsonl or csv output is never silently short.
void report_left_out(const SearchResult& r, const SearchRequest& req, std::ostream& err) {
  const std::size_t shown = r.hits.size();
  if (r.total <= shown || req.limit == 0) return;  // --limit 0 asks for the counts alone
  const std::size_t before = std::min(req.offset, r.total);
  const std::size_t after = r.total - before - shown;
  const std::string noun = to_string(r.level);
  err << "annosearch: " << shown << " of " << r.total << ' ' << noun << "s written";
  if (after > 0) {
    err << "; " << after << " left out by --limit " << req.limit << " (--offset " << before + shown
        << " for the next page, --limit all or `annosearch export` for "
        << "every match)";
  }
  if (before > 0) err << "; " << before << " skipped by --offset " << req.offset;
  err << '\n';
}

void run(const SearchOptions& o, bool hits, const Context& ctx) {
  const SearchRequest request = to_request(o, hits);
  // The server's worker index, or --index opened with retries (search_index).
  const SearchResult result = ctx.searcher != nullptr ? ctx.searcher->search(request)
                                                      : search_index(o.query.index, request);
  OutputOptions out_options;
  out_options.color = o.format == Format::kText && ctx.out == &std::cout && stdout_wants_color();
  std::ostream& out = *ctx.out;
  const auto writer = make_writer(o.format, out, out_options);
  if (hits) {
    writer->search(result);
  } else {
    writer->facets(result);
  }
  out.flush();
  if (hits) report_left_out(result, request, *ctx.err);
  // CSV and JSON Lines carry hits only: say on stderr when none of them is a complete match.
  if (hits && (o.format == Format::kCsv || o.format == Format::kJsonl) && result.total == 0 &&
      !result.hits.empty()) {
    *ctx.err << "annosearch: note: no " << to_string(result.level)
             << " contains every content word; the " << result.hits.size()
             << " hits are partial matches (see their \"missing\")\n";
  }
}

}  // namespace

void register_search(CLI::App& app, Context& ctx) {
  auto search_options = std::make_shared<SearchOptions>();
  auto* search = app.add_subcommand(
      "search", "Matching articles or passages, with highlighted passages and facet counts");
  add_options(search, *search_options, true);
  search->callback([search_options, &ctx] { run(*search_options, true, ctx); });

  auto facet_options = std::make_shared<SearchOptions>();
  auto* facets = app.add_subcommand("facets", "Facet counts of a query (" + facet_names() + ")");
  add_options(facets, *facet_options, false);
  facets->callback([facet_options, &ctx] { run(*facet_options, false, ctx); });
}

}  // namespace annosearch::cli
