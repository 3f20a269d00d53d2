// The shared query and filter options.
#include "tools/annosearch/query_options.h"

#include <algorithm>
#include <cstdint>
#include <limits>

#include "core/error.h"
#include "tools/annosearch/common.h"

namespace annosearch::cli {

void add_query_options(CLI::App* sub, QueryOptions& o) {
  add_index_option(sub, &o.index);
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
  sub->add_option("--actor-any", o.actor_any,
                  "Any of these actors (repeatable: OR); the actor facet counts as if absent")
      ->allow_extra_args(false);
  sub->add_option("--theme-any", o.theme_any,
                  "Any of these themes (repeatable: OR); the theme facet counts as if absent")
      ->allow_extra_args(false);
  sub->add_option("--min-mentions", o.min_mentions,
                  "An actor counts (in --actor, --actor-any and the actor facet) only in units "
                  "that mention it at least N times")
      ->check(CLI::Range(std::size_t{0}, std::size_t{1000000}));
  sub->add_flag("--mentioned", o.mentioned,
                "Count an actor only in units that mention it (not by a document-level "
                "annotation): --min-mentions 1");
  sub->add_flag("--gold-only", o.gold_only,
                "Use gold annotations only: filters, facets, mentions and the annotations shown "
                "leave out the annotator's (source auto)");
}

SearchRequest to_request(const QueryOptions& o) {
  SearchRequest r;
  for (const auto& w : o.words) r.text += (r.text.empty() ? "" : " ") + w;
  r.actors = o.actors;
  r.themes = o.themes;
  r.from = o.from;
  r.to = o.to;
  r.when = o.when;
  r.type = o.type;
  r.level = o.level == "passage" ? Level::kPassage : Level::kArticle;
  r.actor_any = o.actor_any;
  r.theme_any = o.theme_any;
  r.min_mentions = o.mentioned ? std::max<std::size_t>(o.min_mentions, 1) : o.min_mentions;
  r.gold_only = o.gold_only;
  return r;
}

void actor_as_target(std::string& target, QueryOptions& o, const std::string& usage) {
  if (!target.empty()) return;
  if (o.actors.size() == 1) {
    target = o.actors.front();
    o.actors.clear();
    return;
  }
  throw Error(ErrorKind::kUsage,
              "the actor comes first: " + usage +
                  (o.actors.empty() ? std::string()
                                    : " (with several --actor, the first argument says which "
                                      "one; the others filter)"));
}

std::size_t parse_count_option(const std::string& option, const std::string& text, bool allow_all) {
  if (allow_all && text == "all") return std::numeric_limits<std::size_t>::max();
  const std::string want =
      allow_all ? "a whole number from 0 to " + std::to_string(kMaxUnits) + ", or all"
                : "a whole number from 0 to " + std::to_string(kMaxUnits);
  bool digits = !text.empty();
  for (const char c : text) digits = digits && c >= '0' && c <= '9';
  if (!digits) {
    const std::string shown = text.size() > 40 ? text.substr(0, 40) + "..." : text;
    throw Error(ErrorKind::kUsage, option + " \"" + shown + "\": write " + want);
  }
  std::uint64_t value = 0;
  for (const char c : text) {
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (value > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) {
      value = std::numeric_limits<std::uint64_t>::max();
      break;
    }
    value = value * 10 + digit;
  }
  if (value > kMaxUnits) {
    const std::string shown = text.size() > 40 ? text.substr(0, 40) + "..." : text;
    throw Error(ErrorKind::kUsage, option + " " + shown + " is larger than any index (at most " +
                                       std::to_string(kMaxUnits) + " units); write " + want);
  }
  return static_cast<std::size_t>(value);
}

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

}  // namespace annosearch::cli
