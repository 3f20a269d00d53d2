// annosearch compare: two or more actors or queries side by side (query/views.h).
#include <iostream>
#include <memory>

#include "core/error.h"
#include "core/index.h"
#include "query/views.h"
#include "tools/annosearch/common.h"
#include "tools/annosearch/query_options.h"
#include "tools/annosearch/view_output.h"

namespace annosearch::cli {
namespace {

using ojson = nlohmann::ordered_json;

struct CompareOptions {
  QueryOptions query;  // its positional words are the targets
  Format format = Format::kText;
  std::size_t top = 5;
  std::string by = "month";
};

void run_compare(const CompareOptions& o, const Context& ctx) {
  CompareRequest req;
  req.search = to_request(o.query);
  req.search.text.clear();
  req.targets = o.query.words;
  if (req.targets.size() < 2) {
    throw Error(ErrorKind::kUsage,
                "compare needs two or more actors or queries (quote a query of several words)");
  }
  req.top = o.top;
  req.by = o.by == "year"  ? DateBucket::kYear
           : o.by == "day" ? DateBucket::kDay
                           : DateBucket::kMonth;
  const IndexReader reader(ctx, o.query.index);
  const Searcher& searcher = reader.searcher();
  const CompareResult r = compare(searcher, req);

  // Rows (jsonl, csv): one per target and measure: count, theme, actor, bucket.
  ojson rows = ojson::array();
  ojson columns = ojson::array();
  for (const auto& c : r.columns) {
    rows.push_back({{"target", c.target},
                    {"section", "count"},
                    {"value", ""},
                    {"label", ""},
                    {"count", c.count}});
    ojson themes = ojson::array();
    for (const auto& e : c.themes) {
      themes.push_back({{"id", e.value}, {"label", e.label}, {"count", e.count}});
      rows.push_back({{"target", c.target},
                      {"section", "theme"},
                      {"value", e.value},
                      {"label", e.label},
                      {"count", e.count}});
    }
    ojson actors = ojson::array();
    for (const auto& e : c.actors) {
      actors.push_back({{"id", e.value}, {"name", e.label}, {"type", e.type}, {"count", e.count}});
      rows.push_back({{"target", c.target},
                      {"section", "actor"},
                      {"value", e.value},
                      {"label", e.label},
                      {"count", e.count}});
    }
    ojson timeline = ojson::array();
    for (const auto& e : c.timeline) {
      timeline.push_back({{"bucket", e.value}, {"count", e.count}});
      rows.push_back({{"target", c.target},
                      {"section", "date"},
                      {"value", e.value},
                      {"label", ""},
                      {"count", e.count}});
    }
    columns.push_back({{"target", c.target},
                       {"kind", c.kind},
                       {"actor", c.actor_id.empty() ? ojson(nullptr) : ojson(c.actor_id)},
                       {"count", c.count},
                       {"themes", themes},
                       {"actors", actors},
                       {"timeline", timeline}});
  }
  ViewOutput view;
  view.document = {
      {"level", to_string(r.level)}, {"by", to_string(r.by)}, {"columns", columns}, {"rows", rows}};
  view.rows_key = "rows";
  view.columns = {"target", "section", "value", "label", "count"};
  emit_view(o.format, *ctx.out, view, [&](std::ostream& out) {
    constexpr std::size_t kCol = 28;
    const auto line = [&](const std::string& head, const std::vector<std::string>& cells) {
      out << fit(head, 12);
      for (const auto& c : cells) out << "  " << fit(c, kCol);
      out << '\n';
    };
    std::vector<std::string> cells;
    for (const auto& c : r.columns) {
      cells.push_back(display(c.target) + (c.kind == "actor" ? " (actor)" : " (query)"));
    }
    line("", cells);
    cells.clear();
    for (const auto& c : r.columns) {
      cells.push_back(std::to_string(c.count) + " " + to_string(r.level) + "s");
    }
    line("matches", cells);
    for (std::size_t i = 0; i < o.top; ++i) {
      cells.clear();
      bool any = false;
      for (const auto& c : r.columns) {
        cells.push_back(i < c.themes.size()
                            ? std::to_string(c.themes[i].count) + " " + display(c.themes[i].label)
                            : "");
        any = any || i < c.themes.size();
      }
      if (any) line(i == 0 ? "themes" : "", cells);
    }
    for (std::size_t i = 0; i < o.top; ++i) {
      cells.clear();
      bool any = false;
      for (const auto& c : r.columns) {
        cells.push_back(i < c.actors.size()
                            ? std::to_string(c.actors[i].count) + " " + display(c.actors[i].label)
                            : "");
        any = any || i < c.actors.size();
      }
      if (any) line(i == 0 ? "with actors" : "", cells);
    }
    const std::size_t buckets = r.columns.empty() ? 0 : r.columns.front().timeline.size();
    for (std::size_t i = 0; i < buckets; ++i) {
      cells.clear();
      for (const auto& c : r.columns) cells.push_back(std::to_string(c.timeline[i].count));
      line(r.columns.front().timeline[i].value, cells);
    }
  });
  ctx.out->flush();
}

}  // namespace

void register_compare(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<CompareOptions>();
  auto* sub = app.add_subcommand(
      "compare", "Two or more actors or queries side by side: counts, themes, actors, timeline");
  add_query_options(sub, o->query);
  sub->get_option("query")->description(
      "Two or more targets: each an actor (id, name or alias) or, when it names none, a query "
      "(quote a query of several words)");
  add_format_option(sub, &o->format);
  sub->add_option("--top", o->top, "Themes and co-occurring actors per target (default 5)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1000}));
  sub->add_option("--by", o->by, "Timeline bucket: year, month (default) or day")
      ->check(CLI::IsMember({"year", "month", "day"}));
  sub->callback([o, &ctx] { run_compare(*o, ctx); });
}

}  // namespace annosearch::cli
