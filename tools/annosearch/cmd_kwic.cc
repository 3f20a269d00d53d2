// annosearch kwic: a concordance of an actor's mentions or a query's matches (query/views.h).
#include <iostream>
#include <memory>
#include <string>

#include "core/index.h"
#include "query/views.h"
#include "tools/annosearch/common.h"
#include "tools/annosearch/output.h"
#include "tools/annosearch/query_options.h"
#include "tools/annosearch/view_output.h"

namespace annosearch::cli {
namespace {

using ojson = nlohmann::ordered_json;

struct KwicOptions {
  QueryOptions query;
  Format format = Format::kText;
  std::string target;
  std::size_t width = 40;
  std::string sort = "date";
};

// What the lines are of, for the text header: the target, then whatever else narrows them (more
// words, other filters), named as search's header names them.
std::string kwic_selection(const KwicResult& r) {
  QueryEcho rest = r.query;
  std::string what;
  if (r.kind == "actor") {
    what = "actor " + r.actor_id;
    std::erase(rest.filters.actor, r.actor_id);
    if (r.words_instead) rest.text.clear();  // the words searched instead are the target's
  } else {
    what = "\"" + rest.text + "\"";  // the target, with any further words of the query
    rest.text.clear();
  }
  for (const auto& part : selection_parts(rest)) what += " · " + part;
  return what;
}

void run_kwic(const KwicOptions& o, const Context& ctx) {
  KwicRequest req;
  req.search = to_request(o.query);
  req.target = o.target;
  req.width = o.width;
  req.sort = o.sort == "left"    ? KwicSort::kLeft
             : o.sort == "right" ? KwicSort::kRight
                                 : KwicSort::kDate;
  const IndexReader reader(ctx, o.query.index);
  const Searcher& searcher = reader.searcher();
  const KwicResult r = kwic(searcher, req);

  ViewOutput view;
  ojson lines = ojson::array();
  for (const auto& l : r.lines) {
    lines.push_back({{"id", l.id},
                     {"date", l.date},
                     {"passage", l.passage},
                     {"start", l.span.start},
                     {"end", l.span.end},
                     {"left", l.left},
                     {"keyword", l.keyword},
                     {"right", l.right}});
  }
  const std::vector<std::string> notes = query_notes(r.query);
  view.document = {{"target", r.target},
                   {"kind", r.kind},
                   {"actor", r.actor_id.empty() ? ojson(nullptr) : ojson(r.actor_id)},
                   {"width", o.width},
                   {"sort", o.sort},
                   {"notes", notes},
                   {"words_instead", r.words_instead},
                   {"passages", r.passages},
                   {"count", r.lines.size()},
                   {"lines", lines}};
  view.rows_key = "lines";
  view.columns = {"id", "date", "passage", "start", "end", "left", "keyword", "right"};
  emit_view(o.format, *ctx.out, view, [&](std::ostream& out) {
    out << r.lines.size() << (r.lines.size() == 1 ? " line" : " lines") << " in " << r.passages
        << (r.passages == 1 ? " passage" : " passages") << " for " << display(kwic_selection(r))
        << '\n';
    for (const auto& note : notes) out << "note: " << display(note) << '\n';
    if (r.words_instead) {
      out << "note: " << r.actor_id << " has no annotated mention here; these lines are where the "
          << "words \"" << display(r.target) << "\" stand\n";
    }
    if (r.lines.empty()) {
      out << "No matches. (An actor is matched by its annotated mentions; a query by its "
             "words: try `annosearch search` to see what matches.)\n";
    }
    std::size_t where_width = 0;
    std::vector<std::string> wheres;
    for (const auto& l : r.lines) {
      wheres.push_back(l.id + "#" + std::to_string(l.passage) + ":" + std::to_string(l.span.start));
      where_width = std::max(where_width, wheres.back().size());
    }
    for (std::size_t i = 0; i < r.lines.size(); ++i) {
      const auto& l = r.lines[i];
      // The day (a timestamp's first 10 characters); JSON and CSV keep the whole value.
      out << fit(l.date.empty() ? "-" : l.date.substr(0, 10), 10) << "  "
          << fit(wheres[i], where_width) << "  " << fit(display(l.left), o.width, true) << " ["
          << display(l.keyword) << "] " << fit(display(l.right), o.width) << '\n';
    }
  });
  ctx.out->flush();
}

}  // namespace

void register_kwic(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<KwicOptions>();
  auto* sub = app.add_subcommand(
      "kwic", "Concordance: every mention of an actor (any alias) or match of a query, in context");
  sub->add_option("target", o->target,
                  "An actor (id, name or alias) or, when it names none, a query; --actor X "
                  "alone names the actor too");
  add_query_options(sub, o->query);
  add_format_option(sub, &o->format);
  sub->add_option("--width", o->width, "Context characters on each side (default 40)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{10000}));
  sub->add_option("--sort", o->sort,
                  "date (default: date, document, passage, position), left (by the words before, "
                  "nearest first) or right")
      ->check(CLI::IsMember({"date", "left", "right"}));
  sub->callback([o, &ctx] {
    actor_as_target(o->target, o->query, "annosearch kwic ACTOR|WORDS [query...]");
    run_kwic(*o, ctx);
  });
}

}  // namespace annosearch::cli
