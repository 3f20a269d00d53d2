// annosearch_harness: the baselines and the measurements of tools/bench/run.sh. Each mode runs in
// its own process (so peak RSS is that engine's) and prints one JSON object on stdout.
//
//   annosearch_harness minimal-build CORPUS OUT [--commit-every N]
//       The minimal Xapian indexer: TermGenerator (English, STEM_SOME) over title and text, one
//       boolean term per entity (XA) and theme (XT), the date (YYYYMMDD) in value 0 and its year in
//       value 1 (the facet of the minimal searcher), the id as data; commit every N (10,000).
//   annosearch_harness breakdown CORPUS [--commit-every N] [--limit N]
//       Where annosearch's single-process build time goes: read and validate, analyse (ICU words),
//       build documents (terms, values, data), Xapian add_document, commit; one pass each.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <sys/resource.h>
#include <vector>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "core/analysis.h"
#include "indexer/document_builder.h"
#include "indexer/reader.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;
using nlohmann::json;

double since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

long peak_rss_kib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

std::uintmax_t dir_bytes(const fs::path& p) {
  std::uintmax_t b = 0;
  for (const auto& e : fs::recursive_directory_iterator(p)) {
    if (e.is_regular_file()) b += e.file_size();
  }
  return b;
}

std::size_t option(int argc, char** argv, const std::string& name, std::size_t fallback) {
  for (int i = 0; i + 1 < argc; ++i) {
    if (argv[i] == name) return std::stoul(argv[i + 1]);
  }
  return fallback;
}

std::vector<fs::path> document_files(const fs::path& corpus) {
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(corpus / "documents")) {
    if (e.is_regular_file() && e.path().extension() == ".jsonl") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

int minimal_build(const fs::path& corpus, const fs::path& out, std::size_t commit_every) {
  const auto t0 = Clock::now();
  std::size_t n = 0;
  std::uintmax_t text_bytes = 0;
  {
    Xapian::WritableDatabase db(out.string(), Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("english"));
    tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    for (const auto& f : document_files(corpus)) {
      std::ifstream in(f);
      std::string line;
      while (std::getline(in, line)) {
        if (line.empty()) continue;
        const json j = json::parse(line);
        Xapian::Document xd;
        tg.set_document(xd);
        const std::string& title = j.at("title").get_ref<const std::string&>();
        const std::string& text = j.at("text").get_ref<const std::string&>();
        text_bytes += text.size();
        tg.index_text(title);
        tg.increase_termpos();
        tg.index_text(text);
        for (const auto& e : j.at("entities"))
          xd.add_boolean_term("XA" + e.at("id").get<std::string>());
        for (const auto& t : j.at("themes"))
          xd.add_boolean_term("XT" + t.at("id").get<std::string>());
        std::string date = j.at("date").get<std::string>();
        xd.add_value(1, date.substr(0, 4));
        date.erase(std::remove(date.begin(), date.end(), '-'), date.end());
        xd.add_value(0, date);
        const std::string id = j.at("id").get<std::string>();
        xd.add_boolean_term("Q" + id);
        xd.set_data(id);
        db.add_document(xd);
        if (++n % commit_every == 0) db.commit();
      }
    }
    db.commit();
  }
  const double s = since(t0);
  json r;
  r["engine"] = "minimal-xapian";
  r["commit_every"] = commit_every;
  r["articles"] = n;
  r["seconds"] = s;
  r["articles_per_s"] = static_cast<double>(n) / s;
  r["mb_per_s"] = static_cast<double>(text_bytes) / 1e6 / s;
  r["bytes"] = dir_bytes(out);
  r["peak_rss_kib"] = peak_rss_kib();
  std::cout << r.dump() << '\n';
  return 0;
}

int breakdown(const fs::path& corpus_dir, std::size_t commit_every, std::size_t limit) {
  annosearch::Diagnostics diagnostics;
  annosearch::InputOptions in;
  in.inputs = {corpus_dir.string()};
  auto t = Clock::now();
  const annosearch::Corpus corpus = annosearch::open_corpus(in, diagnostics);
  const double open_s = since(t);
  std::vector<annosearch::Document> docs;
  t = Clock::now();
  annosearch::scan_documents(corpus, diagnostics,
                             [&](annosearch::Document&& d, const annosearch::RecordLocation&) {
                               if (docs.size() < limit) docs.push_back(std::move(d));
                             });
  const double read_s = since(t);
  // Analysis alone (what DocumentBuilder::build does first, and again for the title).
  const annosearch::Analyzer analyzer("en");
  t = Clock::now();
  std::size_t tokens = 0;
  for (const auto& d : docs) {
    const auto tk = analyzer.tokenize(d.text);
    tokens += tk.size();
    for (const auto& tok : tk) tokens += analyzer.stem(tok.term).size() > 0 ? 0 : 0;
  }
  const double analyse_s = since(t);
  annosearch::DocumentBuilder builder(corpus.taxonomy);
  t = Clock::now();
  std::size_t units = 0;
  std::size_t postings = 0;
  for (const auto& d : docs) {
    for (const auto& u : builder.build(d)) {
      ++units;
      postings += u.document.termlist_count();
    }
  }
  const double build_s = since(t);
  const fs::path tmp =
      fs::temp_directory_path() / ("annosearch-breakdown-" + std::to_string(getpid()));
  double add_s = 0;
  double commit_s = 0;
  {
    Xapian::WritableDatabase db(tmp.string(), Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
    std::size_t n = 0;
    for (const auto& d : docs) {
      auto built = builder.build(d);
      const auto ta = Clock::now();
      for (auto& u : built) db.add_document(u.document);
      add_s += since(ta);
      if (++n % commit_every == 0) {
        const auto tc = Clock::now();
        db.commit();
        commit_s += since(tc);
      }
    }
    const auto tc = Clock::now();
    db.commit();
    commit_s += since(tc);
  }
  const std::uintmax_t bytes = dir_bytes(tmp);
  fs::remove_all(tmp);
  json r;
  r["articles"] = docs.size();
  r["units"] = units;
  r["distinct_terms_per_article"] =
      static_cast<double>(postings) / static_cast<double>(docs.size());
  r["commit_every"] = commit_every;
  r["open_registry_s"] = open_s;
  r["read_validate_s"] = read_s;
  r["analyse_s"] = analyse_s;
  r["build_documents_s"] = build_s;  // includes analysis
  r["xapian_add_s"] = add_s;
  r["xapian_commit_s"] = commit_s;
  r["bytes"] = bytes;
  r["peak_rss_kib"] = peak_rss_kib();
  std::cout << r.dump(1) << '\n';
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: annosearch_harness minimal-build CORPUS OUT [--commit-every N]\n"
                 "       annosearch_harness breakdown CORPUS [--commit-every N] [--limit N]\n";
    return 2;
  }
  const std::string mode = argv[1];
  try {
    if (mode == "minimal-build" && argc >= 4) {
      return minimal_build(argv[2], argv[3], option(argc, argv, "--commit-every", 10000));
    }
    if (mode == "breakdown") {
      return breakdown(argv[2], option(argc, argv, "--commit-every", 2000),
                       option(argc, argv, "--limit", SIZE_MAX));
    }
  } catch (const std::exception& e) {
    std::cerr << "annosearch_harness: " << e.what() << '\n';
    return 4;
  } catch (const Xapian::Error& e) {
    std::cerr << "annosearch_harness: " << e.get_description() << '\n';
    return 4;
  }
  std::cerr << "annosearch_harness: unknown mode or missing argument: " << mode << '\n';
  return 2;
}
