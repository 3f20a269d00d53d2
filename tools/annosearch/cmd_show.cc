// annosearch show: one document or passage with its annotations (query/views.h).
#include <iostream>
#include <memory>

#include "core/index.h"
#include "query/views.h"
#include "tools/annosearch/common.h"
#include "tools/annosearch/output.h"
#include "tools/annosearch/view_output.h"

namespace annosearch::cli {
namespace {

using ojson = nlohmann::ordered_json;

struct ShowOptions {
  std::string index;
  Format format = Format::kText;
  std::string target;
  std::size_t context = 0;
};

ojson refs(const std::vector<ActorRef>& actors) {
  ojson j = ojson::array();
  for (const auto& a : actors) j.push_back({{"id", a.id}, {"name", a.name}, {"type", a.type}});
  return j;
}

ojson refs(const std::vector<ThemeRef>& themes) {
  ojson j = ojson::array();
  for (const auto& t : themes) j.push_back({{"id", t.id}, {"label", t.label}});
  return j;
}

void run_show(const ShowOptions& o, const Context& ctx) {
  ShowRequest req = parse_show_target(o.target);
  req.context = o.context;
  const IndexReader reader(ctx, o.index);
  const Searcher& searcher = reader.searcher();
  const ShowResult r = show(searcher, req);

  ojson passages = ojson::array();
  for (const auto& p : r.passages) {
    ojson mentions = ojson::array();
    for (const auto& m : p.mentions) {
      mentions.push_back(
          {{"actor", m.actor.id}, {"start", m.span.start}, {"end", m.span.end}, {"text", m.text}});
    }
    ojson dates = ojson::array();
    for (const auto& d : p.dates) {
      dates.push_back({{"value", d.value}, {"start", d.span.start}, {"end", d.span.end}});
    }
    ojson actor_ids = ojson::array();
    for (const auto& a : p.actors) actor_ids.push_back(a.id);
    ojson theme_ids = ojson::array();
    for (const auto& t : p.themes) theme_ids.push_back(t.id);
    passages.push_back({{"id", r.id},
                        {"passage", p.n},
                        {"focus", p.n == r.focus},
                        {"text", p.text},
                        {"actors", refs(p.actors)},
                        {"themes", refs(p.themes)},
                        {"mentions", mentions},
                        {"dates", dates},
                        {"actor_ids", actor_ids},
                        {"theme_ids", theme_ids}});
  }
  ViewOutput view;
  view.document = {{"id", r.id},
                   {"title", r.title},
                   {"date", r.date},
                   {"source", r.source},
                   {"url", r.url},
                   {"language", r.language},
                   {"authors", r.authors},
                   {"passage_count", r.passage_count},
                   {"focus", r.focus == 0 ? ojson(nullptr) : ojson(r.focus)},
                   {"context", o.context},
                   {"actors", refs(r.actors)},
                   {"themes", refs(r.themes)},
                   {"passages", passages}};
  view.rows_key = "passages";
  view.columns = {"id", "passage", "focus", "actor_ids", "theme_ids", "text"};
  view.headers = {"id", "passage", "focus", "actors", "themes", "text"};
  emit_view(o.format, *ctx.out, view, [&](std::ostream& out) {
    out << display(r.title.empty() ? r.id : r.title) << '\n';
    std::string meta;
    for (const auto* part : {&r.date, &r.source, &r.url}) {
      if (!part->empty()) meta += display(*part) + " · ";
    }
    out << "  " << meta << r.id << " · " << r.passage_count << " passages\n";
    for (const auto& p : r.passages) {
      out << '\n' << (p.n == r.focus ? "> " : "  ") << '#' << p.n << '\n';
      out << wrap_text(display(p.text), 100, "    ", 0) << '\n';
      std::string actors;
      for (const auto& a : p.actors) actors += (actors.empty() ? "" : ", ") + display(a.name);
      if (!actors.empty()) out << "    actors: " << actors << '\n';
      std::string themes;
      for (const auto& t : p.themes) themes += (themes.empty() ? "" : ", ") + display(t.label);
      if (!themes.empty()) out << "    themes: " << themes << '\n';
      std::string mentions;
      for (const auto& m : p.mentions) {
        mentions += (mentions.empty() ? "" : ", ") + display(m.text) + " → " + m.actor.id + " @" +
                    std::to_string(m.span.start) + "-" + std::to_string(m.span.end);
      }
      if (!mentions.empty()) out << "    mentions: " << mentions << '\n';
      std::string dates;
      for (const auto& d : p.dates) dates += (dates.empty() ? "" : ", ") + display(d.value);
      if (!dates.empty()) out << "    dates: " << dates << '\n';
    }
  });
  ctx.out->flush();
}

}  // namespace

void register_show(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<ShowOptions>();
  auto* sub = app.add_subcommand(
      "show", "One document (ID) or passage (ID#N) with its annotations and N passages around it");
  sub->add_option("target", o->target, "ID or ID#N (a passage number)")->required();
  add_index_option(sub, &o->index);
  add_format_option(sub, &o->format);
  sub->add_option("--context", o->context, "Passages on each side of ID#N (default 0)")
      ->check(CLI::Range(std::size_t{0}, std::size_t{100000}));
  sub->callback([o, &ctx] { run_show(*o, ctx); });
}

}  // namespace annosearch::cli
