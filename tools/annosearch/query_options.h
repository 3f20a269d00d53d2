// The query and filter options every researcher command shares (search, facets, export and the
// views): one definition, so an option means the same everywhere (docs/query-language.md).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "query/search.h"

namespace annosearch::cli {

struct QueryOptions {
  std::string index;
  std::vector<std::string> words;  // the query, as separate arguments (joined with spaces)
  std::vector<std::string> actors;
  std::vector<std::string> themes;
  std::string from;
  std::string to;
  std::string when;
  std::string type;
  std::string level = "article";
  std::vector<std::string> actor_any;
  std::vector<std::string> theme_any;
  std::size_t min_mentions = 0;
  bool mentioned = false;  // --mentioned: --min-mentions 1
  bool gold_only = false;  // --gold-only
};

// Adds --index, the positional query, --actor, --actor-any, --theme, --theme-any, --from, --to,
// --when, --type, --level, --min-mentions, --mentioned and --gold-only.
void add_query_options(CLI::App* sub, QueryOptions& o);

// The request the options describe (limit, offset, sort and facets left at their defaults).
[[nodiscard]] SearchRequest to_request(const QueryOptions& o);

// Parses a --limit or --offset value: a whole number from 0 to kMaxUnits, or (allow_all) "all",
// which is returned as SIZE_MAX. Throws Error(kUsage) with a one-line message otherwise.
[[nodiscard]] std::size_t parse_count_option(const std::string& option, const std::string& text,
                                             bool allow_all);

// For the commands whose first argument is an actor (kwic, cooccur): with no such argument, one
// --actor, as search takes it, is that actor instead of a filter; with none, a usage error shows
// the form (`usage`: "annosearch cooccur ACTOR [query...]").
void actor_as_target(std::string& target, QueryOptions& o, const std::string& usage);

// Splits "a, b,c" into its non-empty trimmed items.
[[nodiscard]] std::vector<std::string> split_list(const std::string& list);

}  // namespace annosearch::cli
