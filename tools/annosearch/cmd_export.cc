// annosearch export: every match with every annotation, streamed as JSON Lines or CSV, under a
// header that records what is needed to cite and reproduce the result set (query/export.h).
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "core/error.h"
#include "query/export.h"
#include "query/search.h"
#include "tools/annosearch/common.h"
#include "tools/annosearch/output.h"
#include "tools/annosearch/query_options.h"
#include "tools/annosearch/view_output.h"

namespace annosearch::cli {
namespace {

struct ExportOptions {
  QueryOptions query;
  Format format = Format::kJsonl;
};

void run_export(const ExportOptions& o, const Context& ctx) {
  const SearchRequest request = to_request(o.query);
  if (ctx.check_only) {
    // The server's first pass: resolve names and check the query (its errors are the export's),
    // count nothing, write nothing.
    SearchRequest check = request;
    check.limit = 0;
    check.facets.clear();
    check.want_hits = false;
    (void)IndexReader(ctx, o.query.index).searcher().search(check);
    return;
  }
  const auto writer = make_export_writer(o.format, *ctx.out);
  std::vector<std::string> notes;  // how the query was read, said again beside the count
  const auto on_header = [&](const ExportHeader& h) {
    notes = query_notes(h.echo);
    writer->header(h);
  };
  const auto on_unit = [&](const ExportUnit& u) { writer->unit(u); };
  const std::size_t n =
      ctx.searcher != nullptr
          ? export_index(*ctx.searcher, o.query.index, ctx.generation, request, on_header, on_unit)
          : export_index(o.query.index, request, on_header, on_unit);
  writer->finish(n);
  ctx.out->flush();
  *ctx.err << "annosearch: exported " << n << ' ' << to_string(request.level) << (n == 1 ? "" : "s")
           << '\n';
  for (const auto& note : notes) *ctx.err << "annosearch: note: " << display(note) << '\n';
}

}  // namespace

void register_export(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<ExportOptions>();
  auto* sub = app.add_subcommand(
      "export",
      "Every match (no limit), with every annotation, streamed as JSON Lines or CSV under a "
      "header that records the index and the query");
  add_query_options(sub, o->query);
  sub->add_option_function<std::string>(
         "--format",
         [o](const std::string& name) {
           o->format = name == "csv" ? Format::kCsv : Format::kJsonl;
         },
         "Output format: jsonl (default) or csv")
      ->check(CLI::IsMember({"jsonl", "csv"}))
      ->type_name("FORMAT");
  sub->callback([o, &ctx] { run_export(*o, ctx); });
}

}  // namespace annosearch::cli
