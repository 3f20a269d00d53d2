// annosearch export: every match with every annotation, streamed as JSON Lines or CSV, under a
// header that records what is needed to cite and reproduce the result set (query/export.h).
#include <iostream>
#include <memory>

#include "core/error.h"
#include "query/export.h"
#include "tools/annosearch/common.h"
#include "tools/annosearch/output.h"
#include "tools/annosearch/query_options.h"

namespace annosearch::cli {
namespace {

struct ExportOptions {
  QueryOptions query;
  Format format = Format::kJsonl;
};

void run_export(const ExportOptions& o) {
  const SearchRequest request = to_request(o.query);
  const auto writer = make_export_writer(o.format, std::cout);
  const std::size_t n = export_index(
      o.query.index, request, [&](const ExportHeader& h) { writer->header(h); },
      [&](const ExportUnit& u) { writer->unit(u); });
  writer->finish(n);
  std::cout.flush();
  std::cerr << "annosearch: exported " << n << ' ' << to_string(request.level)
            << (n == 1 ? "" : "s") << '\n';
}

}  // namespace

void register_export(CLI::App& app, Context& /*ctx*/) {
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
  sub->callback([o] { run_export(*o); });
}

}  // namespace annosearch::cli
