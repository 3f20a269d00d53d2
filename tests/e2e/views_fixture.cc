// Fixtures of the researcher views' end-to-end tests (views_fixture.h).
#include "tests/e2e/views_fixture.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "core/document.h"
#include "tests/support/run.h"
#include "tests/support/temp_dir.h"

namespace annosearch::test {
namespace {

TempDir& fixture_dir() {
  static TempDir dir;
  return dir;
}

}  // namespace

const std::string& views_seed_index() {
  static const std::string path = [] {
    const std::string p = fixture_dir().str("seed-index");
    const auto r = run_annosearch({"build", "--quiet", "--index", p, source_path("corpus")});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return p;
  }();
  return path;
}

const std::string& views_reuters_sgml_dir() {
  static const std::string path = [] {
    const std::string sgml = require_shared_path("data/reuters21578/reut2-000.sgm");
    const std::string dir = fixture_dir().str("reuters-sgml");
    std::filesystem::create_directories(dir);
    std::filesystem::copy_file(sgml, dir + "/reut2-000.sgm");
    return dir;
  }();
  return path;
}

const std::string& views_reuters_index() {
  static const std::string path = [] {
    const std::string corpus = fixture_dir().str("reuters-corpus");
    auto r = run_annosearch(
        {"import", "reuters21578", views_reuters_sgml_dir(), "-o", corpus, "--quiet"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const std::string p = fixture_dir().str("reuters-index");
    // The editors' labels only: the expected counts come from an independent parser of the SGML,
    // which knows nothing of the annotator's mentions.
    r = run_annosearch({"build", "--quiet", "--annotate", "off", "--index", p, corpus});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return p;
  }();
  return path;
}

nlohmann::json seed_gold() {
  std::ifstream in(source_path("corpus/documents/cabar-2021-12-tajikistan-taliban.json"));
  return nlohmann::json::parse(in);
}

namespace {

// The passage (1-based) holding a code point offset of the gold text.
int passage_of(const std::vector<Passage>& passages, std::size_t start) {
  for (const auto& p : passages) {
    if (start >= p.span.start && start < p.span.end) return p.n;
  }
  return 0;
}

}  // namespace

std::map<std::string, std::set<int>> seed_gold_actor_passages() {
  const nlohmann::json doc = seed_gold();
  const auto passages = split_passages(doc.at("text").get<std::string>());
  std::set<int> non_empty;
  for (const auto& p : passages) {
    if (p.span.end > p.span.start) non_empty.insert(p.n);
  }
  std::map<std::string, std::set<int>> out;
  for (const auto& e : doc.at("entities")) {
    auto& set = out[e.at("id").get<std::string>()];
    if (!e.contains("mentions") || e.at("mentions").empty()) {
      set = non_empty;
      continue;
    }
    for (const auto& m : e.at("mentions")) {
      set.insert(passage_of(passages, m.at("start").get<std::size_t>()));
    }
  }
  return out;
}

std::map<std::string, std::map<int, int>> seed_gold_mentions_per_passage() {
  const nlohmann::json doc = seed_gold();
  const auto passages = split_passages(doc.at("text").get<std::string>());
  std::map<std::string, std::map<int, int>> out;
  for (const auto& e : doc.at("entities")) {
    auto& counts = out[e.at("id").get<std::string>()];
    if (!e.contains("mentions")) continue;
    for (const auto& m : e.at("mentions")) {
      ++counts[passage_of(passages, m.at("start").get<std::size_t>())];
    }
  }
  return out;
}

nlohmann::json parse_csv_with_python(const std::string& csv) {
  static int n = 0;
  const std::string file = fixture_dir().str("out-" + std::to_string(++n) + ".csv");
  {
    std::ofstream out(file, std::ios::binary);
    out << csv;
  }
  const auto r = run_program({"/usr/bin/python3", source_path("tests/scripts/csv_rows.py"), file});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return nlohmann::json::parse(r.out);
}

std::vector<nlohmann::json> parse_jsonl(const std::string& text) {
  std::vector<nlohmann::json> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) out.push_back(nlohmann::json::parse(line));
  return out;
}

}  // namespace annosearch::test
