// annosearch stats: what the index holds (query/stats.h), as text or JSON.
#include <iostream>
#include <memory>

#include "core/index.h"
#include "query/search.h"
#include "query/stats.h"
#include "tools/annosearch/common.h"
#include "tools/annosearch/output.h"

namespace annosearch::cli {
namespace {

struct StatsOptions {
  std::string index;
  Format format = Format::kText;
};

}  // namespace

void register_stats(CLI::App& app, Context& ctx) {
  auto options = std::make_shared<StatsOptions>();
  auto* sub = app.add_subcommand(
      "stats", "Documents, passages, entities, themes, date span, versions and size on disk");
  add_index_option(sub, &options->index);
  add_format_option(sub, &options->format);
  sub->callback([options, &ctx] {
    const IndexStats stats = ctx.searcher != nullptr
                                 ? index_stats(ctx.searcher->database(), options->index)
                                 : index_stats(options->index);
    const auto writer = make_writer(options->format, *ctx.out, {});
    writer->stats(stats);
    ctx.out->flush();
  });
}

}  // namespace annosearch::cli
