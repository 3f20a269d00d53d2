// annosearch timeline: matches per year, month or day, zero-filled, drawn as bars (query/views.h).
#include <cmath>
#include <iostream>
#include <memory>

#include "core/index.h"
#include "query/views.h"
#include "tools/annosearch/common.h"
#include "tools/annosearch/output.h"
#include "tools/annosearch/query_options.h"
#include "tools/annosearch/view_output.h"

namespace annosearch::cli {
namespace {

using ojson = nlohmann::ordered_json;

struct TimelineOptions {
  QueryOptions query;
  Format format = Format::kText;
  std::string by = "month";
  bool mentioned_dates = false;
  bool normalize = false;
  std::size_t bar_width = 50;
};

void run_timeline(const TimelineOptions& o, const Context& ctx) {
  TimelineRequest req;
  req.search = to_request(o.query);
  req.by = o.by == "year"  ? DateBucket::kYear
           : o.by == "day" ? DateBucket::kDay
                           : DateBucket::kMonth;
  req.mentioned = o.mentioned_dates;
  req.normalize = o.normalize;
  const IndexReader reader(ctx, o.query.index);
  const Searcher& searcher = reader.searcher();
  const TimelineResult r = timeline(searcher, req);

  ViewOutput view;
  ojson buckets = ojson::array();
  for (const auto& b : r.buckets) {
    ojson j{{"bucket", b.bucket}, {"count", b.count}};
    if (r.normalized) {
      j["bucket_total"] = b.bucket_total;
      j["share"] = std::round(b.share * 10000.0) / 10000.0;
    }
    buckets.push_back(j);
  }
  view.document = {{"level", to_string(r.level)},
                   {"by", to_string(r.by)},
                   {"dates", r.mentioned ? "mentioned" : "published"},
                   {"normalized", r.normalized},
                   {"notes", query_notes(r.query)},
                   {"total", r.total},
                   {"missing", r.missing},
                   {"buckets", buckets}};
  view.rows_key = "buckets";
  view.columns = {"bucket", "count"};
  if (r.normalized) {
    view.columns.emplace_back("bucket_total");
    view.columns.emplace_back("share");
  }
  emit_view(o.format, *ctx.out, view, [&](std::ostream& out) {
    const std::string noun = std::string(to_string(r.level)) + (r.total == 1 ? "" : "s");
    out << r.total << ' ' << noun << display(selection_phrase(r.query)) << ", by "
        << to_string(r.by) << " of " << (r.mentioned ? "the dates they mention" : "publication");
    if (r.normalized) out << ", as a share of all " << to_string(r.level) << "s of each bucket";
    out << '\n';
    for (const auto& note : query_notes(r.query)) out << "note: " << display(note) << '\n';
    if (r.buckets.empty()) out << "No dated match.\n";
    double max = 0;
    std::size_t count_width = 1;
    for (const auto& b : r.buckets) {
      max = std::max(max, r.normalized ? b.share : static_cast<double>(b.count));
      count_width = std::max(count_width, std::to_string(b.count).size());
    }
    for (const auto& b : r.buckets) {
      const double v = r.normalized ? b.share : static_cast<double>(b.count);
      const auto len =
          max > 0
              ? static_cast<std::size_t>(std::lround(v / max * static_cast<double>(o.bar_width)))
              : 0;
      std::string bar;
      for (std::size_t i = 0; i < len; ++i) bar += "█";
      if (len == 0 && v > 0) bar = "▏";
      out << fit(b.bucket, 10) << ' ' << fit(std::to_string(b.count), count_width, true);
      if (r.normalized) {
        char share[48];
        std::snprintf(share, sizeof share, " %6.2f%% of %zu", b.share * 100.0, b.bucket_total);
        out << share;
      }
      out << ' ' << bar << '\n';
    }
    if (r.missing > 0) {
      out << r.missing << ' ' << to_string(r.level) << (r.missing == 1 ? "" : "s")
          << " in no bucket (" << (r.mentioned ? "no date mentioned" : "undated")
          << " at this precision)\n";
    }
  });
  ctx.out->flush();
}

}  // namespace

void register_timeline(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<TimelineOptions>();
  auto* sub = app.add_subcommand(
      "timeline", "Matches per year, month or day (publication or mentioned dates), as bars");
  add_query_options(sub, o->query);
  add_format_option(sub, &o->format);
  sub->add_option("--by", o->by, "Bucket: year, month (default) or day")
      ->check(CLI::IsMember({"year", "month", "day"}));
  sub->add_flag("--mentioned-dates", o->mentioned_dates,
                "Count the dates mentioned in the text instead of the publication date");
  sub->add_flag("--normalize", o->normalize,
                "Divide each bucket by all units of that bucket in the index");
  sub->add_option("--bar-width", o->bar_width, "Text: the longest bar's width (default 50)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{500}));
  sub->callback([o, &ctx] { run_timeline(*o, ctx); });
}

}  // namespace annosearch::cli
