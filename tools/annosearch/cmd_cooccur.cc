// annosearch cooccur: the actors that share a passage (or article) with an actor, scored by
// log-likelihood (query/views.h); CSV is an edge list a network tool loads as it is.
#include <cmath>
#include <iostream>
#include <limits>
#include <memory>

#include "core/index.h"
#include "query/views.h"
#include "tools/annosearch/common.h"
#include "tools/annosearch/query_options.h"
#include "tools/annosearch/view_output.h"

namespace annosearch::cli {
namespace {

using ojson = nlohmann::ordered_json;

struct CooccurOptions {
  QueryOptions query;
  Format format = Format::kText;
  std::string actor;
  std::string limit = "20";
};

double round4(double v) { return std::round(v * 10000.0) / 10000.0; }

void run_cooccur(const CooccurOptions& o, const Context& ctx) {
  CooccurRequest req;
  req.search = to_request(o.query);
  req.actor = o.actor;
  req.type = o.query.type;
  const std::size_t limit = parse_count_option("--limit", o.limit, true);
  req.limit = limit == std::numeric_limits<std::size_t>::max() ? 0 : limit;
  const IndexReader reader(ctx, o.query.index);
  const Searcher& searcher = reader.searcher();
  const CooccurResult r = cooccur(searcher, req);

  ViewOutput view;
  ojson partners = ojson::array();
  for (const auto& e : r.entries) {
    partners.push_back({{"source", r.actor.id},
                        {"target", e.partner.id},
                        {"name", e.partner.name},
                        {"type", e.partner.type},
                        {"joint", e.joint},
                        {"actor_units", r.actor_units},
                        {"partner_units", e.partner_units},
                        {"units", r.units},
                        {"llr", round4(e.llr)},
                        {"pmi", round4(e.pmi)}});
  }
  view.document = {{"actor", {{"id", r.actor.id}, {"name", r.actor.name}, {"type", r.actor.type}}},
                   {"level", to_string(r.level)},
                   {"units", r.units},
                   {"actor_units", r.actor_units},
                   {"score", "llr"},
                   {"left_out", r.left_out},
                   {"notes", query_notes(r.query)},
                   {"partners", partners}};
  view.rows_key = "partners";
  view.columns = {"source",      "target",        "joint", "name", "type",
                  "actor_units", "partner_units", "units", "llr",  "pmi"};
  // Gephi and Cytoscape read Source, Target and Weight by name.
  view.headers = {"Source",       "Target",       "Weight", "label", "type",
                  "source_units", "target_units", "units",  "llr",   "pmi"};
  emit_view(o.format, *ctx.out, view, [&](std::ostream& out) {
    out << r.actor.name << " (" << r.actor.id << ") in " << r.actor_units << " of " << r.units
        << ' ' << to_string(r.level) << "s; partners by log-likelihood (G², signed)\n";
    for (const auto& note : query_notes(r.query)) out << "note: " << display(note) << '\n';
    if (r.entries.empty()) out << "No actor shares a " << to_string(r.level) << " with it.\n";
    std::size_t name_width = 4;
    for (const auto& e : r.entries) name_width = std::max(name_width, e.partner.name.size());
    name_width = std::min<std::size_t>(name_width, 32);
    out << "  " << fit("actor", name_width) << "  " << fit("joint", 6, true) << "  "
        << fit("own", 6, true) << "  " << fit("llr", 9, true) << "  " << fit("pmi", 6, true)
        << '\n';
    for (const auto& e : r.entries) {
      char nums[96];
      std::snprintf(nums, sizeof nums, "%6zu  %6zu  %9.2f  %6.2f", e.joint, e.partner_units, e.llr,
                    e.pmi);
      out << "  " << fit(display(e.partner.name), name_width) << "  " << nums << "  "
          << display(e.partner.id) << ", " << display(e.partner.type) << '\n';
    }
    if (r.left_out > 0) out << "(" << r.left_out << " more partners: --limit all)\n";
  });
  ctx.out->flush();
  if (r.left_out > 0 && o.format != Format::kText) {
    *ctx.err << "annosearch: " << r.entries.size() << " of " << r.entries.size() + r.left_out
             << " partners written; " << r.left_out << " left out by --limit " << o.limit
             << " (--limit all for every one)\n";
  }
}

}  // namespace

void register_cooccur(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<CooccurOptions>();
  auto* sub = app.add_subcommand(
      "cooccur", "Actors sharing a passage (or article) with an actor, by log-likelihood");
  sub->add_option("actor", o->actor, "The actor (id, name or alias); --actor X alone names it too");
  add_query_options(sub, o->query);
  o->query.level = "passage";
  sub->get_option("--level")->description("Unit: passage (default) or article");
  add_format_option(sub, &o->format);
  sub->get_option("--type")->description("Only partners of this entity type (GPE, PERSON, ...)");
  sub->add_option("--limit", o->limit, "Partners to list: a number or all (default 20)")
      ->type_name("N|all");
  sub->callback([o, &ctx] {
    actor_as_target(o->actor, o->query, "annosearch cooccur ACTOR [query...]");
    run_cooccur(*o, ctx);
  });
}

}  // namespace annosearch::cli
