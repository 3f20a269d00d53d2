// annosearch_bench: indexing and search speed as ratios against plain Xapian, in the same process
// on the same documents, so the figures mean the same on any machine. Not a test: run it by hand
// (tools/bench/run.sh) and write the figures into docs/performance.md with the command.
//
//   annosearch_bench index CORPUS [--limit N] [--commit-every N]
//       baseline: Xapian's TermGenerator (English stemmer, STEM_SOME) on the text, one document
//                 per article, the text as data (what simpleindex does);
//       ours:     DocumentBuilder (ICU analysis, article + passage documents, annotations,
//                 stored display data), same commit interval.
//   annosearch_bench search INDEX [--repeat N]
//       baseline: the same boolean filter as a plain Enquire, top 10, no facets;
//       ours:     Searcher::search (resolution, exact facets over every match, hits with
//                 highlighted passages).
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <sys/resource.h>
#include <vector>

#include <xapian.h>

#include "core/index.h"
#include "core/schema.h"
#include "indexer/document_builder.h"
#include "indexer/reader.h"
#include "query/search.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

long max_rss_kib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

std::size_t option(int argc, char** argv, const std::string& name, std::size_t fallback) {
  for (int i = 0; i + 1 < argc; ++i) {
    if (argv[i] == name) return std::stoul(argv[i + 1]);
  }
  return fallback;
}

int bench_index(const std::string& corpus_dir, std::size_t limit, std::size_t commit_every) {
  annosearch::Diagnostics diagnostics;
  annosearch::InputOptions in;
  in.inputs = {corpus_dir};
  const annosearch::Corpus corpus = annosearch::open_corpus(in, diagnostics);
  std::vector<annosearch::Document> docs;
  const auto read_start = Clock::now();
  annosearch::scan_documents(corpus, diagnostics,
                             [&](annosearch::Document&& d, const annosearch::RecordLocation&) {
                               if (docs.size() < limit) docs.push_back(std::move(d));
                             });
  const double read_s = seconds_since(read_start);
  std::printf("documents          %zu (read and validated in %.2f s, %.0f docs/s)\n", docs.size(),
              read_s, static_cast<double>(docs.size()) / read_s);
  const fs::path tmp = fs::temp_directory_path() / ("annosearch-bench-" + std::to_string(getpid()));
  fs::create_directories(tmp);

  // Baseline: plain Xapian.
  auto t = Clock::now();
  {
    Xapian::WritableDatabase db((tmp / "baseline").string(), Xapian::DB_CREATE);
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("english"));
    tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    std::size_t n = 0;
    for (const auto& d : docs) {
      Xapian::Document xd;
      tg.set_document(xd);
      tg.index_text(d.text);
      xd.set_data(d.text);
      xd.add_boolean_term("Q" + d.id);
      db.add_document(xd);
      if (++n % commit_every == 0) db.commit();
    }
    db.commit();
  }
  const double base_s = seconds_since(t);
  const auto base_bytes = [&] {
    std::uintmax_t b = 0;
    for (const auto& e : fs::recursive_directory_iterator(tmp / "baseline")) {
      if (e.is_regular_file()) b += e.file_size();
    }
    return b;
  }();

  // Ours, building documents only (no writes), then building and writing.
  annosearch::DocumentBuilder builder(corpus.taxonomy);
  t = Clock::now();
  std::size_t units = 0;
  for (const auto& d : docs) units += builder.build(d).size();
  const double build_only_s = seconds_since(t);
  t = Clock::now();
  {
    Xapian::WritableDatabase db((tmp / "ours").string(), Xapian::DB_CREATE);
    std::size_t n = 0;
    for (const auto& d : docs) {
      for (auto& u : builder.build(d)) db.add_document(u.document);
      if (++n % commit_every == 0) db.commit();
    }
    db.commit();
  }
  const double ours_s = seconds_since(t);
  std::uintmax_t ours_bytes = 0;
  for (const auto& e : fs::recursive_directory_iterator(tmp / "ours")) {
    if (e.is_regular_file()) ours_bytes += e.file_size();
  }
  fs::remove_all(tmp);
  const double n = static_cast<double>(docs.size());
  std::printf("baseline (Xapian)  %.2f s  %8.0f docs/s  %6.1f MiB on disk\n", base_s, n / base_s,
              static_cast<double>(base_bytes) / 1048576.0);
  std::printf("ours               %.2f s  %8.0f docs/s  %6.1f MiB on disk  (%zu units)\n", ours_s,
              n / ours_s, static_cast<double>(ours_bytes) / 1048576.0, units);
  std::printf("ours, build only   %.2f s  %8.0f docs/s  (analysis + document building)\n",
              build_only_s, n / build_only_s);
  std::printf("ratio time ours/baseline   %.2f\n", ours_s / base_s);
  std::printf("ratio disk ours/baseline   %.2f\n",
              static_cast<double>(ours_bytes) / static_cast<double>(base_bytes));
  std::printf("peak RSS           %ld KiB\n", max_rss_kib());
  return 0;
}

int bench_search(const std::string& index_dir, std::size_t repeat) {
  namespace sc = annosearch::schema;
  const Xapian::Database db = annosearch::open_index(index_dir);
  const annosearch::Searcher searcher(db);
  struct Case {
    const char* name;
    annosearch::SearchRequest request;
    Xapian::Query baseline;
  };
  auto filter = [](const Xapian::Query& q) {
    return Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query::MatchAll, q);
  };
  std::vector<Case> cases;
  auto add = [&](const char* name, annosearch::SearchRequest r, Xapian::Query q) {
    cases.push_back({name, std::move(r), std::move(q)});
  };
  const std::string article(sc::kTermArticle);
  {
    annosearch::SearchRequest r;
    r.actors = {"usa"};
    add("--actor usa", r,
        filter(Xapian::Query(Xapian::Query::OP_AND,
                             Xapian::Query(sc::term(sc::kPrefixActor, "usa")),
                             Xapian::Query(article))));
  }
  {
    annosearch::SearchRequest r;
    r.themes = {"crude"};
    add("--theme crude", r,
        filter(Xapian::Query(Xapian::Query::OP_AND,
                             Xapian::Query(sc::term(sc::kPrefixTheme, "crude")),
                             Xapian::Query(article))));
  }
  {
    annosearch::SearchRequest r;
    r.text = "oil prices";
    add("oil prices (BM25)", r,
        Xapian::Query(
            Xapian::Query::OP_FILTER,
            Xapian::Query(Xapian::Query::OP_AND, Xapian::Query("Zoil"), Xapian::Query("Zprice")),
            Xapian::Query(article)));
  }
  {
    annosearch::SearchRequest r;
    r.from = "1987-03";
    r.to = "1987-03";
    add("--from/--to 1987-03", r,
        filter(Xapian::Query(
            Xapian::Query::OP_AND,
            Xapian::Query(Xapian::Query::OP_VALUE_GE, sc::kSlotDateFirst, "19870301"),
            Xapian::Query(Xapian::Query::OP_AND,
                          Xapian::Query(Xapian::Query::OP_VALUE_LE, sc::kSlotDateLast, "19870331"),
                          Xapian::Query(article)))));
  }
  {
    annosearch::SearchRequest r;
    r.level = annosearch::Level::kPassage;
    r.actors = {"usa"};
    r.text = "trade";
    add("trade --actor usa --level passage", r,
        Xapian::Query(
            Xapian::Query::OP_FILTER, Xapian::Query("Ztrade"),
            Xapian::Query(Xapian::Query::OP_AND, Xapian::Query(sc::term(sc::kPrefixActor, "usa")),
                          Xapian::Query(std::string(sc::kTermPassage)))));
  }
  std::printf("%-36s %8s %12s %12s %8s\n", "query", "matches", "baseline ms", "ours ms", "ratio");
  for (const auto& c : cases) {
    Xapian::Enquire enquire(db);
    enquire.set_query(c.baseline);
    Xapian::doccount matches = 0;
    auto t = Clock::now();
    for (std::size_t i = 0; i < repeat; ++i) {
      const Xapian::MSet m = enquire.get_mset(0, 10);
      matches = m.get_matches_estimated();
    }
    const double base_ms = seconds_since(t) * 1000.0 / static_cast<double>(repeat);
    std::size_t total = 0;
    t = Clock::now();
    for (std::size_t i = 0; i < repeat; ++i) total = searcher.search(c.request).total;
    const double ours_ms = seconds_since(t) * 1000.0 / static_cast<double>(repeat);
    std::printf("%-36s %8zu %12.3f %12.3f %8.1f%s\n", c.name, total, base_ms, ours_ms,
                ours_ms / base_ms, total == matches ? "" : "  (baseline estimate differs)");
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: annosearch_bench index CORPUS [--limit N] [--commit-every N]\n"
                 "       annosearch_bench search INDEX [--repeat N]\n";
    return 2;
  }
  const std::string mode = argv[1];
  try {
    if (mode == "index") {
      return bench_index(argv[2], option(argc, argv, "--limit", SIZE_MAX),
                         option(argc, argv, "--commit-every", 2000));
    }
    if (mode == "search") return bench_search(argv[2], option(argc, argv, "--repeat", 20));
  } catch (const std::exception& e) {
    std::cerr << "annosearch_bench: " << e.what() << '\n';
    return 4;
  } catch (const Xapian::Error& e) {
    std::cerr << "annosearch_bench: " << e.get_description() << '\n';
    return 4;
  }
  std::cerr << "annosearch_bench: unknown mode " << mode << '\n';
  return 2;
}
